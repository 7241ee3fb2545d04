"""What changed since the previous BURAP: BURAP 2 2024 against BURAP 1 2024, both computed from the data."""

from __future__ import annotations

import pytest
from helpers import edit_file

from vt_analysis import formatting as fmt
from vt_analysis import paths, wijzigingen
from vt_analysis.hoofdstukken import wijzigingen as h_wijzigingen
from vt_analysis.run import load_run


@pytest.fixture(scope="module")
def runs():
    huidig = load_run(paths.DEFAULT_PARAMS)
    vorig = wijzigingen.load_vorige_run(huidig)
    return vorig, huidig


def test_burap2_names_burap1_as_previous(runs):
    vorig, huidig = runs
    assert huidig.params.vorige_run == "burap1-2024.yaml"
    assert vorig.params.run_naam == "burap1-2024" and vorig.params.peilmoment == "BURAP 1 2024"


def test_changed_volumes_are_the_two_burap_columns_of_bijlage_2(runs):
    vorig, huidig = runs
    tabel = wijzigingen.gewijzigde_volumes(vorig, huidig).set_index("invoer")
    # Bijlage 2: 1e BURAP 4.926 meldingen / 3.891 adviezen, 2e BURAP 4.998 / 3.674
    assert tabel.loc["Meldingen", ["vorige", "huidige", "verschil"]].tolist() == [4926, 4998, 72]
    assert tabel.loc["Adviezen", ["vorige", "huidige", "verschil"]].tolist() == [3891, 3674, -217]


def test_changed_params_in_dutch(runs):
    vorig, huidig = runs
    tabel = wijzigingen.gewijzigde_params(vorig, huidig).set_index("invoer")
    assert tabel.loc["Peilmoment (laatste stand van de meldingen)"].tolist() == ["BURAP 1 2024", "BURAP 2 2024"]
    assert tabel.loc["Leidende prognose"].tolist() == ["begroting", "winstwaarschuwing"]
    assert not any("_" in label for label in tabel.index), list(tabel.index)


def test_key_figures_before_and_after(runs, standaard_resultaten):
    """The chapter's comparison: the previous run's rekentool figures (its queue model left out) against
    the current run's results."""
    _, huidig = runs
    vorig = h_wijzigingen.vorige(huidig.params)
    assert vorig[1].resultaten["wachttijden"] == []  # the previous run's queue model is not computed
    tabel = wijzigingen.kerncijfers(vorig[1], huidig).set_index("naam")
    rij = tabel.loc["tekort_2025_fte"]
    # BURAP 1: the DB proposal's 4.600 meldingen need 73,33 fte (Bijlage 2) against 63,40: 9,93 short.
    assert fmt.fte(rij["vorige"]) == "9,93" and fmt.fte(rij["huidige"]) == "14,07"
    assert rij["verschil"] == pytest.approx(rij["huidige"] - rij["vorige"])
    assert set(tabel.index) >= {"peil_meldingen", "tekort_2026_fte", "tekort_2026_euro"}


def test_kengetallen_compared_when_the_previous_run_has_its_own_data(runs, data_copy):
    vorig, huidig = runs
    assert wijzigingen.gewijzigde_kengetallen(vorig, huidig).empty  # same data folder: nothing changed
    edit_file(
        data_copy / "kengetallen.yaml",
        "kosten_per_fte_euro:\n  2025: {waarde: 104000",
        "kosten_per_fte_euro:\n  2025: {waarde: 99000",
    )
    ouder = wijzigingen.load_vorige_run(huidig, data_copy)
    tabel = wijzigingen.gewijzigde_kengetallen(ouder, huidig)
    assert tabel[["kengetal", "vorige", "huidige"]].values.tolist() == [["kosten_per_fte_euro", 99000, 104000]]


def test_missing_previous_run_is_bad_input(cli, params_copy):
    edit_file(params_copy, "vorige_run: burap1-2024.yaml", "vorige_run: burap0-2024.yaml")
    code, out, err = cli("validate", "--params", params_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "sleutel vorige_run: 'burap0-2024.yaml' is geen bestand" in err
