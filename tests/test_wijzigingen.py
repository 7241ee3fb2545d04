"""What changed since the previous BURAP: BURAP 2 2024 against BURAP 1 2024 as it was published."""

from __future__ import annotations

import copy
import json
import shutil
from decimal import Decimal

import pytest
from helpers import edit_file

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.hoofdstukken import wijzigingen as h_wijzigingen
from vt_analysis.invoer import schemapad
from vt_analysis.invoer.params import RunParams
from vt_analysis.model import wijzigingen
from vt_analysis.tekst.markup import markdown_tekst
from vt_analysis.tekst.velden import bron_van, velden

ARCHIEF = paths.ROOT / "report" / "uitgaven" / "burap1-2024"


@pytest.fixture(scope="module")
def vorige(standaard_run):
    return wijzigingen.load_vorige_uitgave(standaard_run)


def test_burap2_compares_with_the_published_burap1(standaard_run, vorige):
    assert standaard_run.params.vorige_run == "burap1-2024.yaml"
    assert vorige.map == ARCHIEF and vorige.peilmoment == "BURAP 1 2024"
    assert vorige.params["run_naam"] == "burap1-2024"


def test_changed_volumes_are_the_two_burap_columns_of_bijlage_2(vorige, standaard_resultaten):
    tabel = wijzigingen.gewijzigde_volumes(vorige, standaard_resultaten.perioden, "BURAP 2 2024").set_index("invoer")
    # Bijlage 2: 1e BURAP 4.926 meldingen / 3.891 adviezen, 2e BURAP 4.998 / 3.674
    assert tabel.loc["Meldingen", ["vorige", "huidige", "verschil"]].tolist() == [4926, 4998, 72]
    assert tabel.loc["Adviezen", ["vorige", "huidige", "verschil"]].tolist() == [3891, 3674, -217]


def test_changed_params_in_dutch(vorige, standaard_run):
    tabel = wijzigingen.gewijzigde_params(vorige.params, standaard_run.params.model_dump(mode="json"))
    tabel = tabel.set_index("invoer")
    assert tabel.loc["Peilmoment (laatste stand van de meldingen)"].tolist() == ["BURAP 1 2024", "BURAP 2 2024"]
    assert tabel.loc["Leidende prognose"].tolist() == ["begroting", "winstwaarschuwing"]
    assert not any("_" in label for label in tabel.index), list(tabel.index)


def test_every_params_field_has_a_dutch_title_and_a_change_of_any_shows_by_it(standaard_run):
    """No params key reaches the reader raw: each field carries its title, and a change of any field (every
    section, a list item of the scenarios too) is a row labelled with that title."""
    sleutels = schemapad.bladsleutels(RunParams)
    for k in sleutels:
        assert schemapad.titel(RunParams, k)[0].isupper(), k  # KeyError: a field without a title
    huidig = standaard_run.params.model_dump(mode="json")
    vergeleken = [k for k in sleutels if k.split(".")[0] not in wijzigingen.NIET_VERGELEKEN]
    for k in vergeleken:
        ander = copy.deepcopy(huidig)
        *pad, veld = k.split(".")
        plek = ander
        for deel in pad:
            plek[deel] = {} if plek[deel] is None else plek[deel]  # a section the run leaves out (wat_als)
            plek = plek[deel] if not isinstance(plek[deel], list) else plek[deel][0]
        plek[veld] = "anders"
        rijen = wijzigingen.gewijzigde_params(huidig, ander)
        assert len(rijen) >= 1, k
        assert not any("_" in label for label in rijen["invoer"]), (k, list(rijen["invoer"]))


def test_a_changed_or_added_scenario_shows_by_its_name(standaard_run):
    huidig = standaard_run.params.model_dump(mode="json")
    scenarios = huidig["vergelijking"]["scenarios"]
    ander = copy.deepcopy(huidig)
    ander["vergelijking"]["scenarios"][0]["middelen"] = "structureel"
    ander["vergelijking"]["scenarios"].append({**scenarios[0], "naam": "Nieuw"})
    rijen = wijzigingen.gewijzigde_params(huidig, ander).set_index("invoer")
    naam = scenarios[0]["naam"]
    assert rijen.loc[f"Scenario {naam}: Middelen (A)"].tolist() == [scenarios[0]["middelen"], "structureel"]
    namen = "; ".join(s["naam"] for s in scenarios)
    assert rijen.loc["Doorgerekende scenario's"].tolist() == [namen, namen + "; Nieuw"]
    assert not any(label.startswith("Scenario Nieuw") for label in rijen.index)  # its settings: not row by row


def test_key_figures_as_published_against_this_run(vorige, standaard_run, standaard_resultaten):
    """The previous edition's figures come from its velden.json: nothing of it is computed here."""
    huidige = velden(bron_van(standaard_resultaten, standaard_run.params))
    tabel = wijzigingen.kerncijfers(vorige.velden, huidige).set_index("naam")
    rij = tabel.loc["tekort_2025_fte"]
    # BURAP 1: the DB proposal's 4.600 meldingen need 73,33 fte (Bijlage 2) against 63,40: 9,93 short.
    assert fmt.fte(rij["vorige"]) == "9,93" and fmt.fte(rij["huidige"]) == "14,07"
    assert rij["verschil"] == pytest.approx(rij["huidige"] - rij["vorige"])
    assert set(tabel.index) >= {"peil_meldingen", "tekort_2026_fte", "tekort_2026_euro"}


def _archief_kopie(tmp_path, params_copy, bewerk) -> tuple:
    """A copy of the published BURAP 1 2024 with ``bewerk`` applied to its results.json, named in the params."""
    kopie = tmp_path / "uitgave"
    shutil.copytree(ARCHIEF, kopie)
    resultaten = json.loads((kopie / "results.json").read_text(encoding="utf-8"))
    bewerk(resultaten)
    (kopie / "results.json").write_text(json.dumps(resultaten), encoding="utf-8")
    edit_file(params_copy, "vorige_uitgave: report/uitgaven/burap1-2024", f"vorige_uitgave: {kopie}")
    edit_file(params_copy, "vorige_run: burap1-2024.yaml", f"vorige_run: {paths.PARAMS_DIR / 'burap1-2024.yaml'}")
    from vt_analysis.invoer.run import load_run

    run = load_run(params_copy)
    return run, wijzigingen.load_vorige_uitgave(run)


def test_a_correction_of_past_data_and_an_added_kengetal_show(tmp_path, params_copy, standaard_resultaten):
    """What was published had 4.590 meldingen in 2023 and no verzuim for 2024; the data now say 4.599 and 7%."""

    def bewerk(resultaten):
        rij = next(r for r in resultaten["perioden"] if r["periode"] == "Realisatie 2023")
        rij["meldingen"] = 4590
        del resultaten["kengetallen"]["verzuim_pct"]["2024"]

    run, vorige = _archief_kopie(tmp_path, params_copy, bewerk)
    correcties = wijzigingen.gecorrigeerde_perioden(vorige, standaard_resultaten.perioden)
    assert correcties[["periode", "gegeven", "vorige", "huidige"]].values.tolist() == [
        ["Realisatie 2023", "Meldingen", 4590, 4599]
    ]
    tekst = h_wijzigingen.uitgangspunten_tekst(standaard_resultaten, run.params, vorige).data
    assert "- Realisatie 2023, meldingen: van 4.590 naar 4.599" in tekst
    assert "Verzuim 2024: van – naar 7%" in tekst
    assert "niet gewijzigd" not in tekst.replace("uitgangspunten", "")  # only what did not change is said so
    assert "kengetallen zijn niet gewijzigd" not in tekst and "gegevens van eerdere perioden" not in tekst


def test_not_changed_only_when_nothing_changed(tmp_path, params_copy, standaard_resultaten, standaard_run):
    """A previous edition with this run's own figures: every category is said to be unchanged."""
    run, vorige = _archief_kopie(tmp_path, params_copy, lambda r: None)
    zelfde = wijzigingen.VorigeUitgave(
        map=vorige.map,
        velden=vorige.velden,
        perioden=standaard_resultaten.naar_dict()["perioden"],
        kengetallen=standaard_resultaten.kengetallen.model_dump(mode="json"),
        params=standaard_run.params.model_dump(mode="json"),
        manifest=vorige.manifest,
    )
    tekst = h_wijzigingen.uitgangspunten_tekst(standaard_resultaten, standaard_run.params, zelfde).data
    assert tekst == "De uitgangspunten, de kengetallen en de gegevens van eerdere perioden zijn niet gewijzigd."


def test_missing_previous_edition_is_bad_input(cli, params_copy, tmp_path):
    edit_file(params_copy, "vorige_uitgave: report/uitgaven/burap1-2024", f"vorige_uitgave: {tmp_path / 'weg'}")
    edit_file(params_copy, "vorige_run: burap1-2024.yaml", f"vorige_run: {paths.PARAMS_DIR / 'burap1-2024.yaml'}")
    code, out, err = cli("validate", "--params", params_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "sleutel vorige_uitgave: de vorige uitgave" in err and "heeft geen velden.json: render eerst" in err


def test_missing_previous_run_is_bad_input(cli, params_copy):
    edit_file(params_copy, "vorige_run: burap1-2024.yaml", "vorige_run: burap0-2024.yaml")
    code, out, err = cli("validate", "--params", params_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "sleutel vorige_run: 'burap0-2024.yaml' is geen bestand" in err


def _gedrukt(tekst: str) -> Decimal:
    """A figure as printed in Dutch ("+€ 430.665", "−1,35", "14,07") read back as the reader would."""
    schoon = tekst.replace("€", "").replace("\u00a0", "").replace(" ", "").replace(".", "").replace("+", "")
    return Decimal(schoon.replace("−", "-").replace(",", "."))


def test_a_printed_difference_is_the_difference_of_the_printed_figures(vorige, standaard_run, standaard_resultaten):
    """A board member with a calculator subtracts the two printed columns and finds the printed difference."""
    for maak in (h_wijzigingen.kerncijfers_tabel, h_wijzigingen.volumes_tabel):
        regels = maak(standaard_resultaten, standaard_run.params, vorige).markdown().splitlines()[2:]
        rijen = [[c.strip() for c in r.strip("|").split("|")] for r in regels if r.startswith("|")]
        assert len(rijen) >= 7
        for *_, oud, nieuw, verschil in rijen:
            assert _gedrukt(nieuw) - _gedrukt(oud) == _gedrukt(verschil), (oud, nieuw, verschil)


def test_a_changed_list_of_scenarios_reads_as_two_enumerations(vorige, standaard_run, standaard_resultaten):
    """'Doorgerekende scenario's: van Voorstel DB, niets doen; A; B; ... naar AB-besluit, niets doen; ...' left the
    reader to find where the first list ends: each list is a Dutch enumeration of italic names."""
    p = standaard_run.params
    tekst = h_wijzigingen.uitgangspunten_tekst(standaard_resultaten, p, vorige).data
    regel = next(r for r in tekst.splitlines() if r.startswith("- Doorgerekende scenario's: "))
    nu = [s.naam for s in p.vergelijking.scenarios]
    assert regel.endswith(" naar " + fmt.opsomming([f"*{markdown_tekst(n)}*" for n in nu])), regel
    assert "; " not in regel, regel
