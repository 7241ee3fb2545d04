"""The command's frame in Dutch: --version, help, argparse's errors, pydantic's messages with the value as typed."""

from __future__ import annotations

import importlib.metadata

import pytest
from helpers import edit_file

from vt_analysis.basis import paths


def test_version(cli):
    code, out, err = cli("--version")
    assert code == 0 and out.strip() == f"vt-analysis {importlib.metadata.version('vt-analysis')}"


@pytest.mark.parametrize("args", [("-h",), ("render", "--help"), ("nieuwe-burap", "-h")])
def test_help_is_dutch(cli, args):
    code, out, err = cli(*args)
    assert code == 0 and out.startswith("gebruik: vt-analysis")
    assert "opties:" in out and "toon deze hulp en stop" in out
    for engels in ("usage:", "options:", "show this help", "positional arguments"):
        assert engels not in out


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        (("render",), "verplicht, maar niet gegeven: --params"),
        (("valideer",), "'valideer' bestaat niet, verwacht een van: 'validate', 'compute'"),
        (("compute", "--params", "x.yaml", "--onbekend"), "onbekende argumenten: --onbekend"),
        (("compute", "--params"), "argument --params: verwacht een waarde"),
        (("render", "--params", "x.yaml", "--json=ja"), "onbekende argumenten: --json=ja"),
    ],
)
def test_argparse_errors_are_one_dutch_line(cli, args, verwacht):
    code, out, err = cli(*args)
    assert code == 2 and len(err.strip().splitlines()) == 1 and verwacht in err, err


def test_thousands_dot_is_shown_as_typed(cli, params_copy):
    edit_file(params_copy, "replicaties: 1000 ", "replicaties: 1.500")
    code, _, err = cli("validate", "--params", params_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "sleutel wachttijden.replicaties: 1.500 is dubbelzinnig: schrijf 1500 als duizendtallen bedoeld zijn" in err


def test_decimal_comma_in_yaml_is_explained(cli, data_copy):
    edit_file(data_copy / "kengetallen.yaml", "  2024: {waarde: 7, eenheid", "  2024: {waarde: 7,5, eenheid")
    code, _, err = cli("validate", "--params", paths.DEFAULT_PARAMS, "--data", data_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "sleutel verzuim_pct.2024.5: 5 is geen geldige sleutel; staat er een decimale komma in een getal?" in err
    assert "invalid_key" not in err


def test_no_pydantic_error_code_reaches_the_user():
    """Every error type without its own Dutch wording still reads as Dutch, never as '(some_code)'."""
    from vt_analysis.basis.errors import beschrijf_pydantic_fout

    tekst = beschrijf_pydantic_fout({"type": "url_parsing", "input": "x", "msg": "Input should be a valid URL"})
    assert tekst == "'x' is hier geen geldige waarde"


def test_chapter_failing_on_bad_input_exits_2(cli, monkeypatch, tmp_path):
    """A chapter that stops on a data or params error is bad input (exit 2), not a broken machine."""
    from vt_analysis.bouw import render
    from vt_analysis.bouw.execute import HoofdstukFout

    def faalt(*args, **kwargs):
        raise HoofdstukFout("03-prognose.ipynb", 2, "InvoerFout: data/volumes.csv, periode 'x': ontbreekt")

    monkeypatch.setattr(render, "render_report", faalt)
    code, _, err = cli("render", "--params", paths.DEFAULT_PARAMS, "--output", tmp_path)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "hoofdstuk 03-prognose.ipynb, cel 2: data/volumes.csv, periode 'x': ontbreekt" in err

    def kapot(*args, **kwargs):
        raise HoofdstukFout("03-prognose.ipynb", 2, "ZeroDivisionError: division by zero")

    monkeypatch.setattr(render, "render_report", kapot)
    assert cli("render", "--params", paths.DEFAULT_PARAMS, "--output", tmp_path)[0] == 1
