"""Run parameters are validated before anything runs: unknown keys, wrong types, unknown names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vt_analysis.cli import main


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _err(cli, params: Path) -> str:
    code, out, err = cli("validate", "--params", params)
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    return err.strip()


def test_unknown_parameter_with_suggestion(cli, params_copy):
    _edit(params_copy, "normset: regionaal", "normst: regionaal")
    err = _err(cli, params_copy)
    assert "sleutel normst: is een onbekende sleutel (bedoelde je 'normset'?)" in err


def test_wrong_type(cli, params_copy):
    _edit(params_copy, "documentdatum: 2024-11-29", "documentdatum: morgen")
    err = _err(cli, params_copy)
    assert "sleutel documentdatum: 'morgen' is geen datum" in err


def test_period_not_in_data(cli, params_copy):
    _edit(params_copy, "peilmoment: BURAP 2 2024", "peilmoment: BURAP 3 2024")
    err = _err(cli, params_copy)
    assert "sleutel peilmoment: 'BURAP 3 2024' is geen periode in volumes.csv" in err


def test_normset_not_in_data(cli, params_copy):
    _edit(params_copy, "normset_vergelijking: landelijk", "normset_vergelijking: europees")
    err = _err(cli, params_copy)
    assert "'europees' is geen normset in normen.yaml, verwacht een van: regionaal, landelijk" in err


def test_missing_parameter(cli, params_copy):
    _edit(params_copy, "regio: Zuid-Holland-Zuid\n", "")
    err = _err(cli, params_copy)
    assert "sleutel regio: ontbreekt" in err


def test_missing_params_file(cli, tmp_path):
    err = _err(cli, tmp_path / "bestaat-niet.yaml")
    assert "bestaat-niet.yaml: bestand ontbreekt" in err


def test_validate_says_what_it_checked(cli):
    code, out, _ = cli("validate", "--params", "report/params/burap2-2024.yaml")
    assert code == 0
    assert "data/volumes.csv (7 perioden)" in out and "alles in orde" in out


def test_compute_json_contract(cli):
    code, out, _ = cli("compute", "--params", "report/params/burap2-2024.yaml", "--json")
    assert code == 0
    res = json.loads(out)
    p = res["perioden"][5]
    for key in ("periode", "jaar", "status", "meldingen", "overdragen", "overdracht_ondersteuning", "onderzoek",
                "adviezen", "monitoring", "fte_regionaal", "fte_landelijk", "fte_beschikbaar", "gap_regionaal", "gap_landelijk"):
        assert key in p
    assert p["periode"] == "Begroting 2025 voorstel DB"
    assert round(p["fte_regionaal"], 2) == 73.33 and round(p["fte_landelijk"], 2) == 80.44
    assert p["gap_regionaal"] != round(p["gap_regionaal"], 2)  # unrounded: rounding is presentation


def test_help_is_plain_and_exits_zero(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "validate" in capsys.readouterr().out
