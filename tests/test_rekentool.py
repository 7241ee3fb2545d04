"""The rekentool reproduces Bijlage 2 of the impactanalyse 2024, and behaves like a linear norm model."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vt_analysis.invoer.data import TELLINGEN, load_dataset
from vt_analysis.model.rekentool import benodigde_fte, bereken_formatie, norm_vector

# Bijlage 2 as printed in the seed: (fte landelijk, fte regionaal (rekentool ZHZ), gap fte).
BIJLAGE_2 = {
    "Realisatie 2021": (67.54, 60.88, +1.69),
    "Realisatie 2022": (70.28, 64.08, -1.51),
    "Realisatie 2023": (78.18, 71.07, -8.50),
    "BURAP 1 2024": (81.88, 75.44, -12.87),
    "BURAP 2 2024": (80.83, 74.09, -11.52),
    "Begroting 2025 voorstel DB": (80.44, 73.33, -7.18),
    "Begroting 2025 besluit AB": (77.23, 70.40, -7.00),
}


@pytest.fixture(scope="module")
def formatie() -> pd.DataFrame:
    d = load_dataset()
    return bereken_formatie(d.volumes, d.normen).set_index("periode")


@pytest.mark.parametrize("periode", list(BIJLAGE_2))
def test_bijlage_2_reproduced_to_the_hundredth(formatie, periode):
    landelijk, regionaal, gap = BIJLAGE_2[periode]
    rij = formatie.loc[periode]
    assert round(rij["fte_landelijk"], 2) == landelijk
    assert round(rij["fte_regionaal"], 2) == regionaal
    assert round(rij["gap_regionaal"], 2) == gap


def test_all_21_figures_and_seven_periods(formatie):
    assert list(formatie.index) == list(BIJLAGE_2)
    gevonden = [
        round(formatie.loc[p, k], 2) for p in BIJLAGE_2 for k in ("fte_landelijk", "fte_regionaal", "gap_regionaal")
    ]
    assert gevonden == [x for v in BIJLAGE_2.values() for x in v]


def test_gap_sign_negative_means_shortage(formatie):
    assert formatie.loc["Realisatie 2021", "gap_regionaal"] > 0  # the only year with room left
    tekort = formatie.drop(index="Realisatie 2021")
    assert (tekort["gap_regionaal"] < 0).all()
    assert (formatie["gap_regionaal"] == formatie["fte_beschikbaar"] - formatie["fte_regionaal"]).all()


def test_triage_norm_applies_to_overdragen_not_meldingen():
    """With triage on all meldingen the table would not reproduce (seed text vs seed table)."""
    d = load_dataset()
    ns = d.normen.normsets["regionaal"]
    assert norm_vector(ns)["meldingen"] == 0
    assert norm_vector(ns)["overdragen"] == 16


# The normsets, read once: a property test must not reload the dataset for every example.
NORMSETS = load_dataset().normen.normsets

counts = st.integers(min_value=0, max_value=20_000)
volume_rows = st.fixed_dictionaries({k: counts for k in TELLINGEN})


@settings(max_examples=60, deadline=None)
@given(row=volume_rows, telling=st.sampled_from(TELLINGEN), extra=st.integers(min_value=1, max_value=5_000))
def test_fte_grows_with_every_count(row, telling, extra):
    ns = NORMSETS["regionaal"]
    basis = benodigde_fte(pd.DataFrame([row]), ns).iloc[0]
    meer = benodigde_fte(pd.DataFrame([{**row, telling: row[telling] + extra}]), ns).iloc[0]
    assert meer >= basis
    if norm_vector(ns)[telling] > 0:
        assert meer > basis


@settings(max_examples=60, deadline=None)
@given(a=volume_rows, b=volume_rows, k=st.integers(min_value=0, max_value=10))
def test_fte_is_linear_in_the_counts(a, b, k):
    ns = NORMSETS["landelijk"]
    fte = lambda r: benodigde_fte(pd.DataFrame([r]), ns).iloc[0]  # noqa: E731
    som = {t: a[t] + k * b[t] for t in TELLINGEN}
    assert fte(som) == pytest.approx(fte(a) + k * fte(b), rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(row=volume_rows, factor=st.floats(min_value=0.25, max_value=4))
def test_fte_scales_inversely_with_hours_per_fte(row, factor):
    ns = NORMSETS["regionaal"]
    ander = ns.model_copy(update={"uren_per_fte": ns.uren_per_fte * factor})
    df = pd.DataFrame([row])
    assert benodigde_fte(df, ander).iloc[0] == pytest.approx(
        benodigde_fte(df, ns).iloc[0] / factor, rel=1e-9, abs=1e-12
    )


def test_two_products_on_one_count_both_count():
    """Two products that multiply the same count (here a second product on Overdragen beside triage) add up:
    a rekentool that kept only one of them would lose its hours without any other test noticing."""
    ns = NORMSETS["regionaal"]
    extra = ns.producten["triage"].model_copy(update={"uren": 5.0, "omschrijving": "Tweede product op Overdragen"})
    twee = ns.model_copy(update={"producten": {**ns.producten, "nazorg": extra}})
    rij = pd.DataFrame([{k: 0 for k in TELLINGEN} | {"overdragen": 1350}])
    assert norm_vector(twee)["overdragen"] == 16 + 5
    assert benodigde_fte(rij, twee).iloc[0] == pytest.approx(1350 * (16 + 5) / ns.uren_per_fte)
    assert benodigde_fte(rij, twee).iloc[0] - benodigde_fte(rij, ns).iloc[0] == pytest.approx(5.0)
