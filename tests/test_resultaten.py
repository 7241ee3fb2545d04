"""Resultaten: one computation per run, strict JSON and back, and result columns no normset can collide with."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from helpers import WACHTTIJDEN_SLEUTELS, edit_file

from vt_analysis.basis import paths
from vt_analysis.hoofdstukken import laad
from vt_analysis.model.resultaten import FRAMES, Resultaten


def test_json_is_strict_and_reads_back_unchanged(standaard_resultaten, tmp_path):
    r = standaard_resultaten
    tekst = r.naar_json()
    json.loads(tekst, parse_constant=lambda c: pytest.fail(f"{c} in results.json"))
    terug = Resultaten.laad(r.schrijf(tmp_path / "results.json"))
    assert terug.naar_json() == tekst
    for veld in FRAMES:
        pd.testing.assert_frame_equal(
            getattr(terug, veld), getattr(r, veld).reset_index(drop=True), check_dtype=False, obj=veld
        )
    assert terug.kengetallen == r.kengetallen and terug.normen == r.normen


def test_json_keeps_the_keys_of_the_cli_contract(standaard_resultaten):
    d = standaard_resultaten.naar_dict()
    assert {
        "run",
        "peilmoment",
        "besluit_periode",
        "normset",
        "normset_vergelijking",
        "perioden",
        "scenarios",
        "scenario_a",
        "scenario_b",
        "claims",
        "prognose",
        "wachttijden",
        "kalibratie",
    } <= set(d)
    for rij in d["wachttijden"]:
        assert WACHTTIJDEN_SLEUTELS <= set(rij)


def test_an_empty_frame_reads_back_with_its_columns(standaard_resultaten):
    d = standaard_resultaten.naar_dict()
    d["scenario_a"] = []
    terug = Resultaten.van_dict(d)
    assert terug.scenario_a.empty and list(terug.scenario_a.columns) == list(standaard_resultaten.scenario_a.columns)


def test_missing_numbers_are_null_not_nan(standaard_resultaten):
    """The forecast band exists for the trend only: elsewhere it is null in JSON and NaN again after reading."""
    d = standaard_resultaten.naar_dict()
    banden = [r["meldingen_ondergrens"] for r in d["prognose"]]
    assert None in banden and any(isinstance(b, float) for b in banden)
    terug = Resultaten.van_dict(d).prognose["meldingen_ondergrens"]
    assert terug.dtype == float and terug.isna().sum() == banden.count(None)
    assert all(not (isinstance(v, float) and math.isnan(v)) for v in json.loads(json.dumps(d))["prognose"][0].values())


def test_the_queue_variant_is_named_by_id_not_by_its_dutch_name(standaard_resultaten):
    r = standaard_resultaten
    v = r.wachttijd_varianten
    assert len(v) == 1
    assert v.iloc[0]["basis_scenario"] == r.vergelijking["naam"].iloc[0]
    # the stress variant: the highest verzuim of 2022-2024 (15% in 2022)
    assert v.iloc[0]["verzuim_pct"] == max(r.kengetallen.verzuim_pct[j].waarde for j in (2022, 2023, 2024))
    assert v.iloc[0]["scenario"] in set(r.wachttijden["scenario"])


def test_a_chapter_reads_the_results_of_its_run_or_computes_them(standaard_resultaten, tmp_path, monkeypatch):
    pad = standaard_resultaten.schrijf(tmp_path / "results.json")
    params = json.loads(json.dumps(_params_dict()))
    r, p = laad(params, None, str(pad))
    assert r.naar_json() == standaard_resultaten.naar_json() and p.run_naam == "burap2-2024"
    anders = dict(params, run_naam="andere-run")
    with pytest.raises(ValueError, match="hoort bij run 'burap2-2024'"):
        laad(anders, None, str(pad))
    # Opened on its own (no results.json): the chapter computes its run; the session's results stand in for
    # the computation, which other tests check.
    from vt_analysis.model import resultaten as resultaten_module

    berekend = []
    monkeypatch.setattr(
        resultaten_module, "bereken_resultaten", lambda run: berekend.append(run) or standaard_resultaten
    )
    r, p = laad(None, None, None)
    assert r is standaard_resultaten and [b.params for b in berekend] == [p] and p.run_naam == "burap2-2024"


def _params_dict() -> dict:
    from vt_analysis.invoer.params import load_params

    return load_params(paths.DEFAULT_PARAMS).model_dump(mode="json")


@pytest.mark.parametrize("naam", ["beschikbaar", "structureel", "regio_naal", "Landelijk"])
def test_a_normset_name_that_could_collide_with_a_result_column_is_refused(cli, data_copy, naam):
    """A normset named 'beschikbaar' once made fte_beschikbaar the required fte and flipped the 2025 gap."""
    edit_file(data_copy / "normen.yaml", "\n  landelijk:", f"\n  {naam}:")
    code, _, err = cli("validate", "--params", paths.DEFAULT_PARAMS, "--data", data_copy)
    assert code == 2
    assert err.count("\n") == 1 and "normen.yaml" in err and repr(naam) in err


@pytest.mark.langzaam
@pytest.mark.parametrize(
    "params",
    [  # the default run reads the session's results; one worker computes the others, for test_tekst too
        p if p == paths.DEFAULT_PARAMS else pytest.param(p, marks=pytest.mark.xdist_group("andere-runs"))
        for p in sorted(paths.PARAMS_DIR.glob("*.yaml"))
    ],
    ids=lambda p: p.stem,
)
def test_every_shipped_run_computes_in_full(cli, params, request):
    """Every run in report/params computes, queue model included: strict JSON, every compared scenario projected.

    The quick loop computes the other shipped runs only as far as its tests read them (the comparison, the
    names of the text blocks); this is where they go through the whole computation.
    """

    def weiger(token):
        raise AssertionError(f"geen strikte JSON: {token}")

    if params == paths.DEFAULT_PARAMS:
        request.getfixturevalue("standaard_resultaten")  # in the results cache that compute reads
    code, out, err = cli("compute", "--params", params, "--json")
    assert code == 0 and err == "", err
    res = json.loads(out, parse_constant=weiger)
    assert res["run"] == params.stem and res["kalibratie"]
    assert {s["naam"] for s in res["scenarios"]} <= {w["scenario"] for w in res["wachttijden"]}
