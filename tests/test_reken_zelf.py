"""The rekentool the reader moves: its formula gives the report's figures at the defaults and moves like the
Python rekentool (the page itself is tested in headless Chromium in test_html.py)."""

from __future__ import annotations

import pytest

from vt_analysis.basis import paths
from vt_analysis.bouw.html_bovenaan import reken_zelf_spec
from vt_analysis.hoofdstukken.reken_zelf import reken_zelf, uitkomst
from vt_analysis.invoer.run import load_run
from vt_analysis.model.resultaten import bereken_resultaten
from vt_analysis.tekst.velden import leidende_prognose


@pytest.fixture(scope="module")
def run_en_resultaten():
    run = load_run(paths.DEFAULT_PARAMS)
    return run, bereken_resultaten(run, wachtrijmodel=False)


def _pagina_formule(rz, meldingen, adviezen, fte_beschikbaar):
    """The spec's Vega expressions, evaluated as written (the page's arithmetic, without a browser)."""
    spec = reken_zelf_spec(rz)
    datum = dict(spec["data"]["values"][0])
    omgeving = {"meldingen": meldingen, "adviezen": adviezen, "fte_beschikbaar": fte_beschikbaar, "datum": datum}
    for stap in spec["transform"][:3]:  # benodigd, tekort, kosten: plain arithmetic Python reads the same way
        expressie = stap["calculate"].replace("toNumber", "float").replace("datum.", "datum_")
        datum[stap["as"]] = eval(
            expressie, {"float": float}, {**omgeving, **{f"datum_{k}": v for k, v in datum.items()}}
        )  # noqa: S307
    return {"fte_benodigd": datum["benodigd"], "tekort_fte": datum["tekort"], "tekort_euro": datum["kosten"]}


def test_defaults_are_the_reports_leading_prognosis(run_en_resultaten):
    run, r = run_en_resultaten
    rz = reken_zelf(r, leidende_prognose(run))
    rij = r.tekorten[(r.tekorten["variant"] == rz.variant) & (r.tekorten["jaar"] == rz.jaar)].iloc[0]
    assert rz.jaar == r.tekorten["jaar"].min()
    assert (rz.meldingen, rz.adviezen, rz.fte_beschikbaar) == (
        rij["meldingen"],
        rij["adviezen"],
        rij["fte_beschikbaar"],
    )
    for bron in (
        uitkomst(r, rz, rz.meldingen, rz.adviezen, rz.fte_beschikbaar),
        _pagina_formule(rz, rz.meldingen, rz.adviezen, rz.fte_beschikbaar),
    ):
        assert bron["fte_benodigd"] == pytest.approx(rij["fte_benodigd"], abs=1e-9)
        assert bron["tekort_fte"] == pytest.approx(rij["tekort_fte"], abs=1e-9)
        assert bron["tekort_euro"] == pytest.approx(rij["tekort_euro"], abs=1e-6)


@pytest.mark.parametrize("wijziging", [(250, 0, 0), (-1000, 0, 0), (0, 400, 0), (0, 0, 2.5), (123, -77, -1.25)])
def test_page_formula_moves_like_the_python_rekentool(run_en_resultaten, wijziging):
    run, r = run_en_resultaten
    rz = reken_zelf(r, leidende_prognose(run))
    invoer = (rz.meldingen + wijziging[0], rz.adviezen + wijziging[1], rz.fte_beschikbaar + wijziging[2])
    verwacht = uitkomst(r, rz, *invoer)
    pagina = _pagina_formule(rz, *invoer)
    for sleutel, waarde in verwacht.items():
        assert pagina[sleutel] == pytest.approx(waarde, rel=1e-12, abs=1e-9), sleutel
    # and it really moved: more meldingen or adviezen ask more fte, more fte available leaves a smaller shortage
    basis = uitkomst(r, rz, rz.meldingen, rz.adviezen, rz.fte_beschikbaar)
    if wijziging[0] > 0 or wijziging[1] > 0:
        assert verwacht["fte_benodigd"] > basis["fte_benodigd"]
    if wijziging[2] > 0 and not wijziging[0] and not wijziging[1]:
        assert verwacht["tekort_fte"] == pytest.approx(basis["tekort_fte"] - wijziging[2])
