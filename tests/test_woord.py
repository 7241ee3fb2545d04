"""The Word document: read back with python-docx as the secretariat's Word would show it."""

from __future__ import annotations

import html as html_lib
import json
import re

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.bouw.woord import metadata_yaml
from vt_analysis.invoer.params import load_params

pytestmark = pytest.mark.render

WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


@pytest.fixture(scope="module")
def document(rendered):
    return docx.Document(str(rendered / "impactanalyse.docx"))


def _zonder_nummer(tekst: str) -> str:
    return re.sub(r"^[\d.]+\t", "", tekst)


def test_title_page_and_concept_mark_on_every_page(document):
    p = load_params(paths.DEFAULT_PARAMS)
    stijlen = {par.style.name: par.text for par in document.paragraphs[:8]}
    assert stijlen["Titel"] == p.titel
    assert stijlen["Datum"] == fmt.datum(p.documentdatum)
    kenmerken = stijlen["Kenmerken"]
    for regel in (f"Aan: {p.adressaat}", f"Van: {p.auteur}", "Status: Concept", f"Versie: {p.versie}"):
        assert regel in kenmerken, regel
    assert p.status == "concept"
    for sectie in document.sections:  # the header holds the mark: Word repeats it on every page
        assert "CONCEPT" in sectie.header.paragraphs[0].text
        assert p.peilmoment in sectie.footer.paragraphs[0].text
        assert round(sectie.page_width.cm, 1) == 21.0 and round(sectie.page_height.cm, 1) == 29.7
    assert document.core_properties.title == p.titel
    assert document.core_properties.created.date() == p.documentdatum  # no clock time: same bytes each render


def test_headings_are_the_reports_chapters_in_house_style(document, rendered):
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    html_koppen = [
        re.sub(r"<[^>]+>", "", k).strip()
        for k in re.findall(r'<h1 data-number="[^"]*"><span class="header-section-number">[^<]*</span>(.*?)</h1>', html)
    ]
    kop1 = [_zonder_nummer(p.text) for p in document.paragraphs if p.style.name == "Kop 1"]
    assert kop1 == html_koppen and len(kop1) >= 5
    assert any(p.style.name == "Kop 2" for p in document.paragraphs)


def test_tables_are_word_tables_with_the_figures_of_results_json(document, rendered):
    perioden = json.loads((rendered / "results.json").read_text(encoding="utf-8"))["perioden"]
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    assert len(document.tables) == len(re.findall(r"<caption\b", html)) > 0
    assert {t.style.name for t in document.tables} == {"Tabel Veilig Thuis"}
    for t in document.tables:  # as wide as the text (16 cm), columns after their content, header row repeated
        breedte = t._tbl.tblPr.find(qn("w:tblW"))
        assert (breedte.get(qn("w:type")), breedte.get(qn("w:w"))) == ("pct", "5000")
        kolommen = [int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(kolommen) - 16 / 2.54 * 1440) < len(kolommen) and len(set(kolommen)) > 1
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    bijschriften = [p.text for p in document.paragraphs if p.style.name == "Bijschrift tabel"]
    assert [int(re.match(r"Tabel (\d+): ", b)[1]) for b in bijschriften] == list(range(1, len(document.tables) + 1))
    nummer = next(i for i, b in enumerate(bijschriften) if "Benodigde en beschikbare formatie" in b)
    tabel = document.tables[nummer]
    kop = [c.text for c in tabel.rows[0].cells]
    rijen = [[c.text for c in r.cells] for r in tabel.rows[1:]]
    assert [r[0] for r in rijen] == [p["periode"] for p in perioden]
    for rij, periode in zip(rijen, perioden, strict=True):
        assert rij[kop.index("Benodigd regionaal")] == fmt.fte(periode["fte_regionaal"])
        assert rij[kop.index("Tekort regionaal")] == fmt.fte(periode["tekort_regionaal"])


def test_every_chart_is_an_image_with_its_text_alternative_and_caption(document, rendered):
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    alt_html = re.findall(r'<div class="vega-figuur" id="vis-\d+" role="img" aria-label="([^"]*)"', html)
    beschrijvingen = [e.get("descr") for e in document.element.body.iter(WP_DOCPR)]
    assert len(document.inline_shapes) == len(beschrijvingen) == len(alt_html) > 0
    # the HTML's short text alternative, then the chart's data (Word has no table under the chart); pandoc sets
    # apostrophes typographically, as in the HTML's text, and keeps an abbreviation such as "pp." with the word
    # after it by a non-breaking space
    for beschrijving, alt in zip(beschrijvingen, alt_html, strict=True):
        verwacht = html_lib.unescape(alt).replace("'", "’") + " Gegevens: "
        assert beschrijving.replace("\xa0", " ").startswith(verwacht.replace("\xa0", " ")), beschrijving
    for shape in document.inline_shapes:
        assert shape.width.cm == pytest.approx(16, abs=0.05)
    bijschriften = [p.text for p in document.paragraphs if p.style.name == "Bijschrift figuur"]
    assert bijschriften == [f"Figuur {i}: " + b.split(": ", 1)[1] for i, b in enumerate(bijschriften, start=1)]
    assert len(bijschriften) == len(beschrijvingen)


def test_title_page_values_stay_text():
    """A name from the params with Markdown or YAML in it reaches the title page as the characters typed."""
    tekst = metadata_yaml({"title": 'A "b" *c* <img src=x> [l](http://x)'}, [("Aan", "**vet** `code` \\ eind")])
    meta = yaml.safe_load(tekst.split("---\n")[1])
    assert "\\*c\\*" in meta["title"] and "\\<img" in meta["title"] and "\\[l\\]" in meta["title"]
    assert "\\*\\*vet\\*\\*" in meta["abstract"] and "\\`code\\`" in meta["abstract"]
