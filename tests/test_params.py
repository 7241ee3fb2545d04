"""Run parameters are validated before anything runs: unknown keys, wrong types, unknown names."""

from __future__ import annotations

import json

import pytest
from helpers import edit_file, params_fout

from vt_analysis.basis import paths
from vt_analysis.cli import main


@pytest.mark.parametrize(
    "old, new, verwacht",
    [
        (
            "normset: regionaal",
            "normst: regionaal",
            "sleutel normst: is een onbekende sleutel (bedoelde je 'normset'?)",
        ),
        (
            "echtscheiding_pct: 0",
            "echtscheidng_pct: 0",
            "sleutel scenario_c.echtscheidng_pct: is een onbekende sleutel (bedoelde je 'echtscheiding_pct'?)",
        ),
        (
            "{naam: A, middelen: structureel}",
            "{naam: A, middlen: structureel}",
            "sleutel vergelijking.scenarios.2.middlen: is een onbekende sleutel (bedoelde je 'middelen'?)",
        ),
    ],
)
def test_unknown_key_gets_a_suggestion(cli, params_copy, old, new, verwacht):
    """Top level, nested section and an item of a list section: the closest known key is offered."""
    edit_file(params_copy, old, new)
    assert verwacht in params_fout(cli, params_copy)


def test_wrong_type(cli, params_copy):
    edit_file(params_copy, "documentdatum: 2024-11-29", "documentdatum: morgen")
    err = params_fout(cli, params_copy)
    assert "sleutel documentdatum: 'morgen' is geen datum" in err


def test_period_not_in_data(cli, params_copy):
    edit_file(params_copy, "peilmoment: BURAP 2 2024", "peilmoment: BURAP 3 2024")
    err = params_fout(cli, params_copy)
    assert "sleutel peilmoment: 'BURAP 3 2024' is geen periode in volumes.csv" in err


def test_normset_not_in_data(cli, params_copy):
    edit_file(params_copy, "normset_vergelijking: landelijk", "normset_vergelijking: europees")
    err = params_fout(cli, params_copy)
    assert "'europees' is geen normset in normen.yaml, verwacht een van: regionaal, landelijk" in err


def test_missing_parameter(cli, params_copy):
    edit_file(params_copy, "regio: Zuid-Holland-Zuid\n", "")
    err = params_fout(cli, params_copy)
    assert "sleutel regio: ontbreekt" in err


def test_missing_params_file(cli, tmp_path):
    err = params_fout(cli, tmp_path / "bestaat-niet.yaml")
    assert "bestaat-niet.yaml: bestand ontbreekt" in err


def test_validate_says_what_it_checked(cli):
    code, out, _ = cli("validate", "--params", paths.DEFAULT_PARAMS)
    assert code == 0
    assert "data/volumes.csv (7 perioden)" in out and "alles in orde" in out


def test_compute_json_contract(cli):
    code, out, _ = cli("compute", "--params", paths.DEFAULT_PARAMS, "--json")
    assert code == 0
    res = json.loads(out)
    p = res["perioden"][5]
    for key in (
        "periode",
        "jaar",
        "status",
        "meldingen",
        "overdragen",
        "overdracht_ondersteuning",
        "onderzoek",
        "adviezen",
        "monitoring",
        "fte_regionaal",
        "fte_landelijk",
        "fte_beschikbaar",
        "gap_regionaal",
        "gap_landelijk",
    ):
        assert key in p
    assert p["periode"] == "Begroting 2025 voorstel DB"
    assert round(p["fte_regionaal"], 2) == 73.33 and round(p["fte_landelijk"], 2) == 80.44
    assert p["gap_regionaal"] != round(p["gap_regionaal"], 2)  # unrounded: rounding is presentation


def test_help_is_plain_and_exits_zero(capsys):
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out
