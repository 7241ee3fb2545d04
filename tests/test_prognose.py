"""Prognose 2025-2026: budget, winstwaarschuwing and trend variants, and the t-quantile without scipy."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest

from vt_analysis.invoer.data import TELLINGEN, load_dataset
from vt_analysis.invoer.params_secties import PrognoseParams
from vt_analysis.model.prognose import bereken_prognose, lineaire_trend, mix, t_quantiel, trendpunten

BESLUIT = "Begroting 2025 besluit AB"
PEIL = "BURAP 2 2024"


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def _prognose(data, **kw):
    return bereken_prognose(PrognoseParams(**kw), data, BESLUIT, PEIL)


def _rij(df, variant, jaar):
    return df[(df["variant"] == variant) & (df["jaar"] == jaar)].iloc[0]


# --- t-quantile -----------------------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.9, 0.95, 0.975, 0.995])
def test_t_quantile_matches_closed_forms_for_df_1_and_2(p):
    # df 1 is the Cauchy distribution: F⁻¹(p) = tan(π(p − ½)); df 2: F⁻¹(p) = (2p − 1) / √(2p(1 − p)).
    assert t_quantiel(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-7)
    assert t_quantiel(p, 2) == pytest.approx((2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-7)


def test_t_quantile_tends_to_normal_and_is_symmetric():
    z = NormalDist().inv_cdf(0.975)
    assert t_quantiel(0.975, 30) > t_quantiel(0.975, 200) > z
    assert t_quantiel(0.975, 2000) == pytest.approx(z, rel=1e-3)
    assert t_quantiel(0.1, 5) == pytest.approx(-t_quantiel(0.9, 5))


# --- variants --------------------------------------------------------------------------------------


def test_budget_variant_reproduces_bijlage_2(data):
    df = _prognose(data)
    assert round(_rij(df, "begroting", 2025)["fte_regionaal"], 2) == 70.40
    assert round(_rij(df, "begroting", 2025)["fte_landelijk"], 2) == 77.23
    voorstel = _prognose(data, begroting_periode="Begroting 2025 voorstel DB")
    assert round(_rij(voorstel, "begroting", 2025)["fte_regionaal"], 2) == 73.33


def test_winstwaarschuwing_given_counts_and_base_mix(data):
    df = _prognose(data)
    r = _rij(df, "winstwaarschuwing", 2025)
    assert r["meldingen"] == 5220 and r["adviezen"] == 3900
    # BURAP 2 2024: 4.170 overdragen per 4.998 meldingen.
    assert r["overdragen"] == pytest.approx(5220 * 4170 / 4998)
    assert r["monitoring"] == pytest.approx(5220 * 569 / 4998)


def test_growth_param_for_2026(data):
    df = _prognose(data, winstwaarschuwing_groei_pct_per_jaar=10, begroting_groei_pct_per_jaar=-5)
    assert _rij(df, "winstwaarschuwing", 2026)["meldingen"] == pytest.approx(5220 * 1.10)
    assert _rij(df, "winstwaarschuwing", 2026)["adviezen"] == pytest.approx(3900 * 1.10)
    assert _rij(df, "begroting", 2026)["onderzoek"] == pytest.approx(576 * 0.95)
    neutraal = _prognose(data)
    assert _rij(neutraal, "winstwaarschuwing", 2026)["meldingen"] == 5220  # 0% = 2026 like 2025


def test_trend_uses_latest_burap_for_2024(data):
    punten = trendpunten(data.volumes, ["realisatie", "prognose"])
    assert list(punten["jaar"]) == [2021, 2022, 2023, 2024]
    assert punten.set_index("jaar").loc[2024, "periode"] == "BURAP 2 2024"
    assert punten.set_index("jaar").loc[2024, "meldingen"] == 4998


def test_trend_is_least_squares_with_honest_band(data):
    df = _prognose(data, betrouwbaarheid_pct=95)
    punten = trendpunten(data.volumes, ["realisatie", "prognose"])
    helling, snijpunt = np.polyfit(punten["jaar"], punten["meldingen"], 1)
    r = _rij(df, "trend", 2026)
    assert r["meldingen"] == pytest.approx(snijpunt + helling * 2026)
    assert r["meldingen_ondergrens"] < r["meldingen"] < r["meldingen_bovengrens"]
    assert r["fte_regionaal_ondergrens"] < r["fte_regionaal"] < r["fte_regionaal_bovengrens"]
    # 4 points → 2 degrees of freedom: the 95% band is (2p−1)/√(2p(1−p)) at p=.975 over p=.9 wider than 80%.
    smal = _rij(_prognose(data, betrouwbaarheid_pct=80), "trend", 2026)
    verhouding = (r["meldingen_bovengrens"] - r["meldingen"]) / (smal["meldingen_bovengrens"] - smal["meldingen"])
    t = lambda p: (2 * p - 1) / math.sqrt(2 * p * (1 - p))  # noqa: E731
    assert verhouding == pytest.approx(t(0.975) / t(0.9), rel=1e-6)


def test_prediction_interval_formula_by_hand():
    # Four points, so the slope, residuals, s and band can be checked by hand.
    uit = lineaire_trend([0, 1, 2, 3], [0, 1, 2, 4], [4], 95).iloc[0]
    # x̄ = 1.5, ȳ = 1.75; slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = (2.625 + 0.375 + 0.125 + 3.375)/5 = 1.3;
    # intercept = 1.75 − 1.3·1.5 = −0.2
    assert uit["helling"] == pytest.approx(1.3) and uit["schatting"] == pytest.approx(-0.2 + 1.3 * 4)
    residuen = np.array([0, 1, 2, 4]) - (-0.2 + 1.3 * np.arange(4))
    s = math.sqrt((residuen**2).sum() / 2)
    marge = t_quantiel(0.975, 2) * s * math.sqrt(1 + 1 / 4 + (4 - 1.5) ** 2 / 5)
    assert uit["bovengrens"] - uit["schatting"] == pytest.approx(marge)


def test_every_variant_has_fte_for_both_normsets(data):
    df = _prognose(data)
    assert set(df["variant"]) == {"peilmoment", "begroting", "winstwaarschuwing", "trend"}
    assert set(df["jaar"]) == set(data.kengetallen.fte_beschikbaar)
    assert df[["fte_regionaal", "fte_landelijk", *TELLINGEN]].notna().all().all()
    assert df.loc[df["variant"] != "trend", "meldingen_ondergrens"].isna().all()


def test_mix_is_per_melding(data):
    m = mix(data.volumes, PEIL)
    assert m["meldingen"] == 1 and m["adviezen"] == pytest.approx(3674 / 4998)
