"""Hostile and faulty input: every case is one Dutch line and an exit code (2 input, 1 machine), never a
traceback or a hang; and every input that validates also computes, with strict JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from helpers import edit_file, voeg_periode_burap1_2025_toe, voeg_politie_2024_toe, voeg_verzuim_2025_toe

from vt_analysis.basis import paths

PARAMS = paths.DEFAULT_PARAMS


def _een_regel(cli, *args, code: int = 2) -> str:
    uitkomst, out, err = cli(*args)
    assert uitkomst == code, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("fout: ")
    return err.strip()


def _data_fout(cli, data: Path, code: int = 2) -> str:
    return _een_regel(cli, "validate", "--params", PARAMS, "--data", data, code=code)


def _params_fout(cli, params: Path, data: Path = paths.DATA_DIR) -> str:
    return _een_regel(cli, "validate", "--params", params, "--data", data)


def _strikte_json(tekst: str) -> dict:
    def weiger(token):
        raise AssertionError(f"geen strikte JSON: {token}")

    return json.loads(tekst, parse_constant=weiger)


def _compute_json(cli, params: Path = PARAMS, data: Path = paths.DATA_DIR) -> dict:
    code, out, err = cli("compute", "--params", params, "--data", data, "--json")
    assert code == 0, err
    return _strikte_json(out)


# --- files that are not files ----------------------------------------------------------------------


def test_map_in_plaats_van_bestand(cli, data_copy):
    (data_copy / "volumes.csv").unlink()
    (data_copy / "volumes.csv").mkdir()
    assert "volumes.csv: is een map, verwacht een tekstbestand" in _data_fout(cli, data_copy)


def test_symlink_lus(cli, data_copy):
    (data_copy / "normen.yaml").unlink()
    (data_copy / "normen.yaml").symlink_to("lus.yaml")
    (data_copy / "lus.yaml").symlink_to("normen.yaml")
    assert "normen.yaml: te veel symbolische links" in _data_fout(cli, data_copy)


def test_fifo_hangt_niet(cli, data_copy):
    (data_copy / "claims.csv").unlink()
    os.mkfifo(data_copy / "claims.csv")
    assert "claims.csv: is geen gewoon bestand" in _data_fout(cli, data_copy)


def test_dev_zero(cli, data_copy):
    (data_copy / "kengetallen.yaml").unlink()
    (data_copy / "kengetallen.yaml").symlink_to("/dev/zero")
    assert "kengetallen.yaml: is geen gewoon bestand" in _data_fout(cli, data_copy)


def test_reusachtig_bestand(cli, data_copy):
    with open(data_copy / "volumes.csv", "ab") as f:
        f.write(b"x" * (6 * 1024 * 1024))
    assert "volumes.csv: is 6" in _data_fout(cli, data_copy)


def test_onleesbaar_bestand_is_omgeving(cli, data_copy, monkeypatch):
    # The suite may run as root, for whom chmod 000 changes nothing: the open itself is made to fail.
    echte_open = os.open
    doel = str(data_copy / "normen.yaml")

    def open_zonder_rechten(pad, *args, **kwargs):
        if str(pad) == doel:
            raise PermissionError(13, "Permission denied", pad)
        return echte_open(pad, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_zonder_rechten)
    assert "normen.yaml: geen leesrechten" in _data_fout(cli, data_copy, code=1)


def test_nul_byte(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "Realisatie 2022,", "Realisatie\x00 2022,")
    assert "volumes.csv, regel 3: bevat een NUL-teken" in _data_fout(cli, data_copy)


def test_params_map_bestaat_niet(cli, tmp_path):
    assert "bestand ontbreekt" in _params_fout(cli, tmp_path / "geen.yaml")


# --- CSV -------------------------------------------------------------------------------------------


def test_dubbele_kolom_heet_zoals_in_het_bestand(cli, data_copy):
    edit_file(data_copy / "volumes.csv", ",monitoring,", ",meldingen,")
    err = _data_fout(cli, data_copy)
    assert "kolom 'meldingen' staat er twee keer" in err and "meldingen.1" not in err


def test_rij_met_te_veel_cellen_is_een_regel(cli, data_copy):
    edit_file(data_copy / "volumes.csv", '3.67,"Bijlage 2, kolom Realisatie 2022"', "3.67,x,y,z")
    assert "onleesbare CSV" in _data_fout(cli, data_copy)


def test_telling_te_groot(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "4599,3879,", f"4599,{10**23},")
    err = _data_fout(cli, data_copy)
    assert "kolom overdragen" in err and "buiten het bereik, verwacht ≤ 1000000" in err


def test_lange_waarde_wordt_ingekort(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "4599,3879,", "4599," + "9x" * 500 + ",")
    err = _data_fout(cli, data_copy)
    assert "…" in err and len(err) < 300


# --- YAML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("oud", "nieuw", "verwacht"),
    [
        ("uren_per_fte: 1350", "uren_per_fte: 4_400", "'4_400' is geen gewoon geheel getal"),
        (
            "uren_per_fte: 1350",
            "uren_per_fte: 1350\n    uren_per_fte: 1400",
            "sleutel 'uren_per_fte' staat er twee keer",
        ),
        ("uren_per_fte: 1350", "uren_per_fte: .inf", "is geen eindig getal"),
        ("uren_per_fte: 1350", "uren_per_fte: 1.0e-300", "buiten het bereik, verwacht ≥ 100"),
        ("uren: 16", "uren: .nan", "is geen eindig getal"),
    ],
)
def test_normen_yaml(cli, data_copy, oud, nieuw, verwacht):
    edit_file(data_copy / "normen.yaml", oud, nieuw)
    assert verwacht in _data_fout(cli, data_copy)


def test_kosten_per_fte_nan(cli, data_copy):
    edit_file(data_copy / "kengetallen.yaml", "  2025: {waarde: 104000", "  2025: {waarde: .nan")
    assert "kengetallen.yaml, sleutel kosten_per_fte_euro.2025.waarde: nan is geen eindig getal" in _data_fout(
        cli, data_copy
    )


def test_anker_bom(cli, params_copy):
    bom = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    params_copy.write_text(bom + params_copy.read_text(encoding="utf-8"), encoding="utf-8")
    assert "verwijzingen (*anker) worden niet ondersteund" in _params_fout(cli, params_copy)


def test_diep_genest(cli, params_copy):
    params_copy.write_text("titel: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "niveaus genest" in _params_fout(cli, params_copy)


@pytest.mark.parametrize(
    ("oud", "nieuw", "verwacht"),
    [  # {regel}: the line of the edit in the params file; {kolom}: the last character of the edit
        ("  replicaties: ", "\treplicaties: ", "regel {regel}, kolom 1: geen geldige YAML: een tab; gebruik spaties"),
        ("titel: ", "titel: \x07", "regel {regel}: bevat het stuurteken #x0007, verwacht gewone tekst"),
        ("titel: ", "titel: !!python/object ", "de tag 'tag:yaml.org,2002:python/object' wordt niet ondersteund"),
        ("titel: ", "titel: [", "geen geldige YAML: een '[' wordt niet gesloten of een ',' ontbreekt"),
        ("titel: ", "titel: @", "regel {regel}, kolom {kolom}: geen geldige YAML: '@' kan geen waarde beginnen"),
        ("regio: ", "---\nregio: ", "regel {regel}, kolom 1: geen geldige YAML: een tweede document ('---')"),
        ("titel: ", "titel: & ", "regel {regel}, kolom {kolom}: geen geldige YAML: na '&' of '*' hoort een naam"),
        ("titel: ", "titel: [x:] ", "geen geldige YAML: een ':' in een waarde; zet de waarde tussen aanhalingstekens"),
    ],
)
def test_yaml_fout_in_het_nederlands_op_de_plek(cli, params_copy, oud, nieuw, verwacht):
    """LibYAML reads the YAML; what it finds is said in Dutch at the line (and column) it names."""
    regel = next(i for i, r in enumerate(params_copy.read_text(encoding="utf-8").splitlines(), 1) if r.startswith(oud))
    edit_file(params_copy, oud, nieuw)
    assert verwacht.format(regel=regel, kolom=len(nieuw)) in _params_fout(cli, params_copy)


def test_datum_bestaat_niet(cli, params_copy):
    edit_file(params_copy, "documentdatum: 2024-11-29", "documentdatum: 2024-02-30")
    assert "'2024-02-30' is geen bestaande datum" in _params_fout(cli, params_copy)


def test_run_naam_te_lang(cli, params_copy):
    edit_file(params_copy, "run_naam: burap2-2024", "run_naam: " + "a" * 300)
    err = _params_fout(cli, params_copy)
    assert "sleutel run_naam" in err and "te lang, verwacht hoogstens 64 tekens" in err and len(err) < 300


def test_patroon_in_het_nederlands(cli, params_copy):
    edit_file(params_copy, "run_naam: burap2-2024", "run_naam: Burap")
    err = _params_fout(cli, params_copy)
    assert "sleutel run_naam: 'Burap' heeft niet de vorm" in err and "should" not in err


@pytest.mark.parametrize("waarde", ["1.0e+308", ".inf", "-.inf", ".nan"])
def test_params_niet_eindig_of_reusachtig(cli, params_copy, waarde):
    edit_file(params_copy, "stap2_extra_adviezen: 0", f"stap2_extra_adviezen: {waarde}")
    err = _params_fout(cli, params_copy)
    assert "sleutel scenario_c.stap2_extra_adviezen" in err
    assert "geen eindig getal" in err or "onwaarschijnlijk groot" in err


# --- validate accepts it, so compute computes it -----------------------------------------------------


def test_alle_tellingen_nul(cli, data_copy):
    tekst = (data_copy / "volumes.csv").read_text(encoding="utf-8")
    regels = tekst.splitlines()
    nul = [regels[0]] + [
        re.sub(r"^([^,]*,[^,]*,[^,]*),\d+,\d+,\d+,\d+,\d+,\d+,", r"\1,0,0,0,0,0,0,", r) for r in regels[1:]
    ]
    (data_copy / "volumes.csv").write_text("\n".join(nul) + "\n", encoding="utf-8")
    err = _data_fout(cli, data_copy)
    assert "volumes.csv, periode 'BURAP 2 2024', kolom meldingen: 0, verwacht meer dan 0" in err


def test_te_weinig_jaren_voor_de_trend(cli, data_copy):
    regels = (data_copy / "volumes.csv").read_text(encoding="utf-8").splitlines()
    (data_copy / "volumes.csv").write_text("\n".join(r for r in regels if not r.startswith("Realisatie")) + "\n")
    err = _data_fout(cli, data_copy)
    assert "volumes.csv, kolom jaar" in err and "verwacht minstens 3" in err


def test_product_hernoemd(cli, data_copy):
    edit_file(data_copy / "normen.yaml", "      triage:", "      Triage:")
    err = _data_fout(cli, data_copy)
    assert "normen.yaml, sleutel normsets.regionaal.producten: product 'triage' ontbreekt" in err


@pytest.mark.langzaam  # a full computation of a run other than the default
def test_nieuwe_burap_volgens_readme(cli, data_copy, tmp_path, tekst_copy, uitgave_burap2):
    """The README's steps with a peilmoment in 2025: the params from nieuwe-burap, the new period in the data;
    validate names the missing kengetal in one line; with it added, the run computes (queue model calibrated).

    """
    vorige = tmp_path / "params" / "burap2-2024.yaml"
    vorige.parent.mkdir()
    shutil.copy(PARAMS, vorige)
    args = ("nieuwe-burap", "--van", vorige, "--naam", "burap1-2025", "--peilmoment", "BURAP 1 2025")
    assert cli(*args, "--data", data_copy)[0] == 2  # the data lack the period and the verzuim of 2025
    params = vorige.parent / "burap1-2025.yaml"
    voeg_periode_burap1_2025_toe(data_copy)
    err = _params_fout(cli, params, data_copy)
    assert "kengetallen.yaml, sleutel verzuim_pct: geen waarde voor 2025" in err
    voeg_verzuim_2025_toe(data_copy)
    voeg_politie_2024_toe(data_copy)
    resultaten = _compute_json(cli, params, data_copy)
    assert resultaten["peilmoment"] == "BURAP 1 2025"
    assert resultaten["kalibratie"]


@pytest.mark.langzaam  # a full computation of a run other than the default
def test_een_jaar_erbij_is_alleen_data(cli, data_copy, params_copy):
    """A new prognose year needs only kengetallen keyed by that year, no code change."""
    edit_file(params_copy, "jaren: [2025, 2026]", "jaren: [2025, 2026, 2027]")
    edit_file(params_copy, "replicaties: 1000", "replicaties: 100")  # the queue's precision is not the point here
    err = _params_fout(cli, params_copy, data_copy)
    assert "sleutel prognose.jaren: 2027 heeft geen fte_beschikbaar in kengetallen.yaml" in err
    edit_file(
        data_copy / "kengetallen.yaml",
        "  2026: {waarde: 58.90,",
        '  2027: {waarde: 55.5, eenheid: fte, bron: "test"}\n  2026: {waarde: 58.90,',
    )
    resultaten = _compute_json(cli, params_copy, data_copy)
    jaren = {r["jaar"] for r in resultaten["scenarios"]}
    assert 2027 in jaren
    rij = next(r for r in resultaten["scenarios"] if r["jaar"] == 2027)
    assert rij["fte_beschikbaar"] == 55.5


def test_winstwaarschuwing_per_jaar(cli, data_copy, params_copy):
    """The winstwaarschuwing's figures belong to the budget period's year; another year is a clear error."""
    edit_file(
        data_copy / "kengetallen.yaml", "winstwaarschuwing_adviezen:\n  2025:", "winstwaarschuwing_adviezen:\n  2026:"
    )
    err = _params_fout(cli, params_copy, data_copy)
    assert "sleutel winstwaarschuwing_adviezen: geen waarde voor 2025 (jaar van de begrotingsperiode" in err


def test_compute_json_is_strikt(cli):
    _compute_json(cli)


@pytest.mark.parametrize(
    ("bestand", "oud", "nieuw", "verwacht"),
    [
        (
            "kengetallen.yaml",
            "  2025: {waarde: 104000",
            "  2025: {waarde: 0",
            "sleutel kosten_per_fte_euro.2025.waarde: 0.0, verwacht meer dan 0",
        ),
        (
            "kengetallen.yaml",
            "  2025: {waarde: 63.40,",
            "  2025: {waarde: 0,",
            "sleutel fte_beschikbaar.2025.waarde: 0.0, verwacht meer dan 0 (prognosejaar)",
        ),
        (
            "kengetallen.yaml",
            "  2025: {waarde: 5220,",
            "  2025: {waarde: 0,",
            "sleutel winstwaarschuwing_meldingen.2025.waarde: 0.0, verwacht meer dan 0",
        ),
        (
            "kengetallen.yaml",
            "  2024: {waarde: 7,",
            "  2024: {waarde: 100,",
            "sleutel verzuim_pct.2024.waarde: 100.0, verwacht minder dan 100",
        ),
        (
            "kengetallen.yaml",
            "2024: {waarde: 72,",
            "2024: {waarde: 0,",
            "sleutel triage_binnen_5_werkdagen_realisatie_pct.2024.waarde: 0.0% is met de volumes, de formatie en het "
            "verzuim van 'BURAP 2 2024' niet te bereiken",
        ),
        (
            "volumes.csv",
            "4998,4170,413,569,3674,569,",
            "4998,0,413,569,3674,569,",
            "periode 'BURAP 2 2024', kolom overdragen: 0, verwacht meer dan 0",
        ),
    ],
)
def test_tegenstrijdige_cijfers_zijn_een_regel(cli, data_copy, bestand, oud, nieuw, verwacht):
    """Figures that validate one by one but leave the model nothing to divide by or calibrate on."""
    edit_file(data_copy / bestand, oud, nieuw)
    err = _een_regel(cli, "compute", "--params", PARAMS, "--data", data_copy, "--json")
    assert verwacht in err


@pytest.mark.langzaam  # a full computation of a run other than the default
def test_bijna_geen_capaciteit_geeft_null_geen_nan(cli, data_copy, params_copy):
    """A month in which no case finishes has no waiting time: null in strict JSON, no NaN, no warnings."""
    edit_file(data_copy / "kengetallen.yaml", "  2026: {waarde: 58.90,", "  2026: {waarde: 0.0001,")
    edit_file(params_copy, "replicaties: 1000", "replicaties: 100")  # the model's minimum: enough for this
    code, out, err = cli("compute", "--params", params_copy, "--data", data_copy, "--json")
    assert code == 0 and err == "", err
    resultaten = _strikte_json(out)
    assert any(r["wacht_p90_werkdagen"] is None for r in resultaten["wachttijden"])
