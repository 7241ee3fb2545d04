"""The Word document: read back with python-docx as the secretariat's Word would show it, and opened by a real
client without Lato (LibreOffice, installed by ``make test``) to see that the embedded Lato is what it sets."""

from __future__ import annotations

import html as html_lib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import typst
import yaml
from docx.oxml.ns import qn
from docx.text.hyperlink import Hyperlink
from lxml import etree
from test_pdf_opmaak import _woorden

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
    for t in document.tables:  # as wide as the text, columns after their content, header row repeated
        # the grid holds the column rule's shares; Word and LibreOffice stretch it to the table's width (100%)
        breedte = t._tbl.tblPr.find(qn("w:tblW"))
        assert (breedte.get(qn("w:type")), breedte.get(qn("w:w"))) == ("pct", "5000")
        kolommen = [int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(set(kolommen)) > 1 or len(kolommen) == 1
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


# LibreOffice's fontconfig on a machine without Lato: the user configuration (read after the system's) rejects
# every Lato installed, so only the document's own Lato can set the text
ZONDER_LATO = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><selectfont><rejectfont><pattern>
<patelt name="family"><string>Lato</string></patelt>
</pattern></rejectfont></selectfont></fontconfig>
"""
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
INSLUITINGEN = ["Regular", "Bold", "Italic", "BoldItalic"]  # the order of §17.8.3.3's embed elements


def _zonder_ingesloten_lato(docx_bytes: bytes) -> bytes:
    """The control: the same document without its font parts and without the embeddings in the font table."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as zin, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zuit:
        for info in zin.infolist():
            if info.filename.startswith("word/fonts/") or info.filename == "word/_rels/fontTable.xml.rels":
                continue
            inhoud = zin.read(info)
            if info.filename == "word/fontTable.xml":
                inhoud = re.sub(rb"<w:embed(Regular|Bold|Italic|BoldItalic)\b[^>]*/>", b"", inhoud)
            zuit.writestr(info, inhoud)
    return uit.getvalue()


def _libreoffice_pdf(docx_pad: Path, map_: Path) -> Path:
    """The PDF LibreOffice makes of a Word document on a machine without Lato. One process per document: a font
    embedded in one document stays loaded for the next one converted by the same process."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice missing: `make test` installs it (tools/ensure-debian)"
    (map_ / "fontconfig").mkdir(parents=True, exist_ok=True)
    (map_ / "fontconfig" / "fonts.conf").write_text(ZONDER_LATO, encoding="utf-8")
    opdracht = [soffice, f"-env:UserInstallation={(map_ / 'profiel').as_uri()}", "--headless"]
    opdracht += ["--convert-to", "pdf", "--outdir", str(map_), str(docx_pad)]
    uit = subprocess.run(
        opdracht, capture_output=True, text=True, timeout=300, env={**os.environ, "XDG_CONFIG_HOME": str(map_)}
    )
    pdf = map_ / f"{docx_pad.stem}.pdf"
    assert uit.returncode == 0 and pdf.is_file(), uit.stderr
    return pdf


@pytest.fixture(scope="module")
def libreoffice(rendered, tmp_path_factory) -> tuple[Path, Path]:
    """LibreOffice's PDF of the report's DOCX, and of the control without the embedded Lato."""
    map_ = tmp_path_factory.mktemp("libreoffice")
    controle = map_ / "zonder-lato.docx"
    controle.write_bytes(_zonder_ingesloten_lato((rendered / "impactanalyse.docx").read_bytes()))
    return _libreoffice_pdf(rendered / "impactanalyse.docx", map_), _libreoffice_pdf(controle, map_)


def _pdf_lettertypen(pdf: Path) -> dict[str, str]:
    """Every font of a PDF as pdffonts (poppler-utils) lists it: its name without the subset prefix, and
    whether the PDF embeds it."""
    regels = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    kolommen = [m.span() for m in re.finditer(r"-+", regels[1])]
    uit = {}
    for regel in regels[2:]:
        velden = [regel[a:b].strip() for a, b in kolommen]
        uit[velden[0].split("+")[-1]] = velden[3]
    return uit


def test_libreoffice_without_lato_sets_the_text_in_the_embedded_lato(libreoffice):
    met, zonder = libreoffice
    lettertypen = _pdf_lettertypen(met)
    assert {"Lato-Regular", "Lato-Bold", "Lato-Italic"} <= set(lettertypen), lettertypen
    # besides Lato only LibreOffice's own symbol font (the list bullets)
    assert {n for n in lettertypen if not n.startswith("Lato-")} <= {"OpenSymbol"}, lettertypen
    assert set(lettertypen.values()) == {"yes"}
    # the control: without the embedded font the same client takes another, wider one
    controle = _pdf_lettertypen(zonder)
    assert controle and not any(n.startswith("Lato") for n in controle), controle


def _ingesloten(docx_pad: Path) -> dict[str, tuple[str, str, bytes]]:
    """The embeddings of Lato in the font table: per style the part, its font key and its bytes."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(docx_pad) as z:
        typen = etree.fromstring(z.read("[Content_Types].xml"))
        assert any(
            d.get("Extension") == "odttf" and d.get("ContentType").endswith("officedocument.obfuscatedFont")
            for d in typen
        )
        instellingen = z.read("word/settings.xml").decode("utf-8")
        assert "<w:embedTrueTypeFonts" in instellingen and "<w:embedSystemFonts" not in instellingen
        relaties = {r.get("Id"): r for r in etree.fromstring(z.read("word/_rels/fontTable.xml.rels")).iter(REL)}
        (lato,) = [f for f in etree.fromstring(z.read("word/fontTable.xml")) if f.get(f"{w}name") == "Lato"]
        uit = {}
        for element in lato.iterchildren(*(f"{w}embed{s}" for s in INSLUITINGEN)):
            relatie = relaties[element.get(qn("r:id"))]
            assert relatie.get("Type") == FONT_REL
            deel = "word/" + relatie.get("Target")
            uit[element.tag.removeprefix(f"{w}embed")] = (deel, element.get(f"{w}fontKey"), z.read(deel))
    return uit


def test_the_font_parts_are_the_lato_files_obfuscated_with_their_key(rendered):
    """ECMA-376 Part 1 §17.8.1: the key's bytes from the GUID's last hex pair to its first, XOR the font's
    first 32 bytes; undoing that gives the font file of the project byte for byte."""
    ingesloten = _ingesloten(rendered / "impactanalyse.docx")
    assert list(ingesloten) == [s for s in INSLUITINGEN if s in ingesloten] and ingesloten
    for stijl, (deel, sleutel, inhoud) in ingesloten.items():
        assert re.fullmatch(r"word/fonts/font\d+\.odttf", deel)
        assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", sleutel)
        hex_paren = sleutel.strip("{}").replace("-", "")
        sleutel_bytes = [int(hex_paren[i : i + 2], 16) for i in range(30, -1, -2)]
        terug = bytes(b ^ sleutel_bytes[i % 16] for i, b in enumerate(inhoud[:32])) + inhoud[32:]
        lettertype = (paths.font_dir() / f"Lato-{stijl}.ttf").read_bytes()
        assert terug == lettertype, stijl
        assert inhoud[:32] != lettertype[:32]  # hidden: not the plain font file
    assert len({k for _, k, _ in ingesloten.values()}) == len(ingesloten)


def _vet_schuin(stijl) -> tuple[bool | None, bool | None]:
    """Bold and italic as a style sets them, through the styles it is based on."""
    vet = schuin = None
    while stijl is not None:
        vet = stijl.font.bold if vet is None else vet
        schuin = stijl.font.italic if schuin is None else schuin
        stijl = stijl.base_style
    return vet, schuin


def _gebruikte_stijlen(document) -> set[str]:
    """The styles of Lato the runs of the document are set in (a table's first row is bold: its style)."""
    alineas = [(p, False) for p in document.paragraphs]
    alineas += [
        (p, i == 0) for t in document.tables for i, r in enumerate(t.rows) for c in r.cells for p in c.paragraphs
    ]
    for sectie in document.sections:
        alineas += [(p, False) for p in sectie.header.paragraphs + sectie.footer.paragraphs]
    gebruikt = set()
    for alinea, kopregel in alineas:
        alinea_vet, alinea_schuin = _vet_schuin(alinea.style)
        for stuk in alinea.iter_inner_content():
            for run in stuk.runs if isinstance(stuk, Hyperlink) else [stuk]:
                if not run.text.strip():
                    continue
                teken_vet, teken_schuin = _vet_schuin(run.style) if run.style is not None else (None, None)
                vet = next((v for v in (run.bold, teken_vet, alinea_vet) if v is not None), False) or kopregel
                schuin = next((v for v in (run.italic, teken_schuin, alinea_schuin) if v is not None), False)
                gebruikt.add(
                    {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic"}.get(
                        (vet, schuin), "BoldItalic"
                    )
                )
    return gebruikt


def test_every_style_of_lato_the_document_uses_is_embedded(document, rendered):
    gebruikt = _gebruikte_stijlen(document)
    assert {"Regular", "Bold", "Italic"} <= gebruikt
    assert gebruikt <= set(_ingesloten(rendered / "impactanalyse.docx"))


def _is_figuur(tekst: str) -> bool:
    """A cell that is one figure ("€ 1.652.442", "−1,69", "72%", "2025", "3,38 fte"): the column rule keeps it
    whole (report/templates/kolombreedtes.lua, is_getal)."""
    rest = re.sub(r"[\s\d.,%+\-–−€]|fte", "", tekst)
    return rest == "" and re.search(r"\d", tekst) is not None


def _woorden_van(tekst: str) -> list[str]:
    """The words of a text as pdftotext splits them; a euro sign counts with nothing (LibreOffice sets "€ 0" so
    narrow that pdftotext reads one word)."""
    return [w for w in tekst.replace("€", " ").split() if w]


def _ongebroken_nodig(document) -> tuple[dict[str, int], set[str]]:
    """How often each word occurs in the document's text (paragraphs and cells), and the words that must not
    break: every word of a figure cell, every word of a header."""
    alle: dict[str, int] = {}
    heel: set[str] = set()
    teksten = [p.text for p in document.paragraphs]
    for tabel in document.tables:
        for r, rij in enumerate(tabel.rows):
            for cel in rij.cells:
                teksten.append(cel.text)
                if r == 0 or _is_figuur(cel.text):
                    heel.update(w for w in _woorden_van(cel.text) if re.search(r"\w", w))
    for tekst in teksten:
        for w in _woorden_van(tekst):
            alle[w] = alle.get(w, 0) + 1
    return alle, heel


def gebroken_woorden(document, pdf: Path) -> list[str]:
    """The words of figure cells and headers that the PDF has fewer times whole than the document: a figure or
    header word broken over two lines (a column narrower than the word) shows as two pieces, not as the word.
    Header and footer lines (the margins of 2,5 cm) are left out; a header row repeated on the next page only
    adds."""
    marge = 2.5 / 2.54 * 72
    tellingen: dict[str, int] = {}
    for pagina in _woorden(pdf):
        for _x0, y0, _x1, y1, woord in pagina:
            if y1 > marge and y0 < 842 - marge:  # not inside the top or bottom margin
                for w in _woorden_van(html_lib.unescape(woord)):
                    tellingen[w] = tellingen.get(w, 0) + 1
    alle, heel = _ongebroken_nodig(document)
    tekort = [w for w in heel if tellingen.get(w, 0) < alle[w]]
    return sorted(f"{w!r}: {tellingen.get(w, 0)} van {alle[w]} keer heel" for w in tekort)


def test_the_broken_word_check_finds_a_figure_split_over_two_lines(tmp_path):
    """The check on a real PDF (A4, as the document): a table cell with "€ 1.652.442" over two lines, as
    LibreOffice breaks it in a column too narrow for it, and the same figure whole in a sentence above."""
    bron = tmp_path / "tabel.typ"
    bron.write_text(
        '#set page(paper: "a4", margin: 2.5cm)\nKosten € 1.652.442 in 2026.\n\n#table(columns: (3cm, 2cm), '
        "[Scenario], [Kosten], [A], [€ 1.652#linebreak().442])\n",
        encoding="utf-8",
    )
    typst.compile(str(bron), output=str(tmp_path / "tabel.pdf"))
    document = docx.Document()
    document.add_paragraph("Kosten €\xa01.652.442 in 2026.")
    cellen = [c for r in document.add_table(rows=2, cols=2).rows for c in r.cells]
    for cel, tekst in zip(cellen, ["Scenario", "Kosten", "A", "€\xa01.652.442"], strict=True):
        cel.text = tekst
    assert gebroken_woorden(document, tmp_path / "tabel.pdf") == ["'1.652.442': 1 van 2 keer heel"]


def test_libreoffice_breaks_no_figure_and_no_header_word_of_a_table(document, libreoffice):
    """The secretariat's view: LibreOffice sets the document with its embedded Lato, and every figure of a table
    ("€ 1.652.442", the years of a Jaar column) and every word of a header stays whole on its line."""
    met, _ = libreoffice
    assert gebroken_woorden(document, met) == []
