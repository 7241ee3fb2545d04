"""PDF/UA-1 by hand: no validator that covers the whole standard installs from PyPI, Debian or npm here
(veraPDF needs a Java download), so these are the checks a reviewer can make with a PDF library, on the
report and on the one-page summary. Conformance is checked by these, not claimed (README)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.render


def _elementen(knoop, gevonden: list) -> list:
    knoop = knoop.get_object() if hasattr(knoop, "get_object") else knoop
    if isinstance(knoop, list):
        for kind in knoop:
            _elementen(kind, gevonden)
    elif hasattr(knoop, "get") and "/S" in knoop:
        gevonden.append(knoop)
        if "/K" in knoop:
            _elementen(knoop["/K"], gevonden)
    return gevonden


def _attributen(element) -> list:
    a = element.get("/A")
    a = a.get_object() if hasattr(a, "get_object") else a
    return [x.get_object() for x in a] if isinstance(a, list) else [a] if a else []


@pytest.mark.parametrize("naam", ["impactanalyse.pdf", "samenvatting.pdf"])
def test_pdf_ua_hand_checks(rendered, naam):
    reader = PdfReader(rendered / naam)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<dc:title>" in xmp  # identification and a title
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged
    assert str(root["/Lang"]).startswith("nl")  # the document's language
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name, in the window
    elementen = _elementen(root["/StructTreeRoot"]["/K"], [])
    soorten = {str(e["/S"]) for e in elementen}
    assert {"/Table", "/TH", "/TD", "/P"} <= soorten and any(s.startswith("/H") for s in soorten)
    for th in (e for e in elementen if e["/S"] == "/TH"):  # every header cell says what it heads
        assert any(a.get("/O") == "/Table" and a.get("/Scope") in ("/Column", "/Row", "/Both") for a in _attributen(th))
    for figuur in (e for e in elementen if e["/S"] == "/Figure"):  # every figure has a text alternative
        assert str(figuur.get("/Alt", "")).startswith("Grafiek: ")
    for pagina in reader.pages:  # every font embedded (PDF/UA-1 7.21.4.1)
        for font in (pagina.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            beschrijving = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            ).get_object()
            assert any(k in beschrijving for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
