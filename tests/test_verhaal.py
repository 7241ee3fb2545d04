"""The report as a board member reads it (issue 18, parts 5 and 7): one name per concept, the cited document by its
name, numbers glued to their unit, the source's argument present. Read from the rendered PDF's text."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from test_pdf_opmaak import _paginas, _voet_y

from vt_analysis.basis import paths
from vt_analysis.invoer.params import load_params
from vt_analysis.tekst.velden import bron_naam

pytestmark = pytest.mark.render

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def tekst(rendered) -> str:
    """The PDF's text with its lines joined (hyphenation at line ends undone)."""
    ruw = "\n".join(p.extract_text() for p in PdfReader(rendered / "impactanalyse.pdf").pages)
    return re.sub(r"\u00ad?\s*\n\s*", " ", ruw.replace("-\n", ""))


def test_one_name_per_concept(tekst):
    """The handelingsprotocol's names: triage, overdracht met ondersteuning, Crisisinterventieteam; no synonyms."""
    for ander in ("CIT", "crisisdienst", "Crisisdienst", "Overdracht + ondersteuning", "beoordeeld", "triëren"):
        assert not re.search(rf"\b{re.escape(ander)}", tekst), ander
    assert "Overdracht met ondersteuning" in tekst and "Crisisinterventieteam" in tekst


def test_the_cited_document_is_named_never_de_bron(tekst):
    p = load_params(paths.DEFAULT_PARAMS)
    assert p.brondocument and bron_naam(p) in tekst
    assert not re.search(r"\b[Dd]e bron\b", tekst)
    assert "vorige analyse" not in tekst or re.search(r"vorige analyse \([^)]*\d{4}", tekst)


def test_amounts_and_fte_never_break_from_their_number(rendered):
    """In the HTML (the text before line breaking) every € is followed by a non-breaking space, every 'fte' after a
    number by one before it."""
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    zichtbaar = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    assert not re.search(r"€ \d", zichtbaar)
    assert not re.search(r"\d fte\b", zichtbaar)
    assert f"€{NBSP}" in zichtbaar and f"{NBSP}fte" in zichtbaar


def test_the_sources_argument_is_there(tekst):
    """B's concrete asks and each lever of C with what it needs, in the report's own words."""
    for stuk in (
        "Papendrecht",
        "risicofactoren",
        "Routes via de lokale teams",
        "stap 2 van de meldcode",
        "huiselijke twist",
        "veiligheidscoördinator",
        "aanvulling op de samenwerkingsafspraken",
        "Raad voor de Kinderbescherming",
    ):
        assert stuk in tekst, stuk
    assert tekst.count("Nodig:") >= 6


def _regels_per_pagina(rendered) -> list[str]:
    return [p.extract_text() for p in PdfReader(rendered / "impactanalyse.pdf").pages]


def test_the_besluitpunten_stay_on_one_page(rendered):
    """Every numbered list of decisions ('Het bestuur wordt gevraagd: 1. … 4.') is printed on one page."""
    paginas = _regels_per_pagina(rendered)
    eerste = [i for i, t in enumerate(paginas) if "1. kennis te nemen" in t]
    assert len(eerste) == 2  # the summary and the conclusion
    for i in eerste:
        assert "het programmateam opdracht te geven" in paginas[i].replace("\n", " "), f"pagina {i + 1}"


def test_no_page_less_than_a_third_full(rendered):
    """A page with text for less than a third of its height reads as a gap, unless the back matter follows."""
    p = load_params(paths.DEFAULT_PARAMS)
    voettekst = f"{p.titel} · {p.peilmoment}"
    paginas = _paginas(rendered / "impactanalyse.pdf")
    hoogten = []
    for stukken in paginas[1:-1]:  # the title page and the last page (the list of figures) aside
        voet = _voet_y(stukken, voettekst)
        body = [y for _x, y, t in stukken if y > voet + 4 and t != "CONCEPT"]
        hoogten.append((max(body) - min(body)) if body else 0.0)
    vol = max(hoogten)  # the fullest page: the text height of a full page
    te_leeg = [i + 2 for i, h in enumerate(hoogten) if h < vol / 3]
    assert te_leeg == [], te_leeg
