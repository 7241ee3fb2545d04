"""The one-page summary for the board: one A4 page, its figures those of results.json."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.invoer.params import load_params

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def samenvatting(rendered):
    return PdfReader(rendered / "samenvatting.pdf")


def test_summary_is_one_a4_page_tagged_for_pdf_ua(samenvatting):
    assert len(samenvatting.pages) == 1
    pagina = samenvatting.pages[0]
    assert (round(float(pagina.mediabox.width)), round(float(pagina.mediabox.height))) == (595, 842)
    root = samenvatting.trailer["/Root"]
    assert "<pdfuaid:part>1</pdfuaid:part>" in root["/Metadata"].get_object().get_data().decode("utf-8")
    assert str(root["/Lang"]).startswith("nl")


def test_summary_figures_equal_results_json(samenvatting, rendered):
    tekst = " ".join(samenvatting.pages[0].extract_text().replace("\xa0", " ").split())
    resultaten = json.loads((rendered / "results.json").read_text(encoding="utf-8"))
    for t in resultaten["tekorten"]:  # every prognosis and year: required, available, shortage in fte and euro
        rij = f"{t['jaar']} {fmt.aantal(t['meldingen'])} {fmt.fte(t['fte_benodigd'])} {fmt.fte(t['fte_beschikbaar'])}"
        euro = fmt.euro(t["tekort_euro"]).replace("\xa0", " ")  # the text has the non-breaking space as a space
        assert f"{rij} {fmt.fte(t['tekort_fte'])} {euro}" in tekst, rij
    a = resultaten["kerncijfers"]["a_kosten_overbrugging_euro"]
    assert fmt.euro(a).replace("\xa0", " ") in tekst  # the besluitpunt on A's bridging cost
    p = load_params(paths.DEFAULT_PARAMS)
    assert "CONCEPT" in tekst and p.peilmoment in tekst and "Het bestuur wordt gevraagd" in tekst
    assert "Advies en besluitpunten" in tekst and "De scenario's naast elkaar" in tekst.replace("’", "'")
