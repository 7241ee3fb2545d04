"""The report as a Word document (``impactanalyse.docx``): the form the secretariat edits and circulates.

Made by pandoc from the same Markdown as the HTML and the PDF, with a reference document this module
builds from pandoc's own: the house style (Lato, the accent colour of the HTML and PDF) under Dutch
style names (Titel, Kop 1–3, Tabel, Bijschrift), A4, the title and page number in the footer and,
while the status is concept, CONCEPT in the header of every page. Tables are Word tables whose columns
the PDF's rule sets (report/templates/kolombreedtes.lua, with Word's measures), charts PNG images with
their text alternative (Word's *alternatieve tekst*), the title page fields the ones of the PDF. Lato is
embedded (as Word's *Lettertypen insluiten in het bestand* does): Word and LibreOffice without Lato would
otherwise set the text in a wider font and break the figures of narrow columns. Same inputs give the
same bytes: pandoc takes its timestamps from ``SOURCE_DATE_EPOCH`` (the document date), added parts and
the reference document are written with fixed times, and each font's key comes from its own bytes.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import subprocess
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pypandoc

from vt_analysis.basis import paths
from vt_analysis.tekst.markup import markdown_tekst

DOCX_NAAM = "impactanalyse.docx"
ACCENT = "0B3C5D"  # the accent of the HTML and the PDF
CONCEPT_ROOD = "B00020"
LETTERTYPE = "Lato"
BREEDTE_CM = 16  # A4 minus the margins of 2,5 cm
CELMARGE_TWIPS = 90  # a table cell's margin left and right (the table style below)
TABEL_PT = 9  # the table style's text size
# the column rule of the PDF (report/templates/kolombreedtes.lua) counts in characters of a digit's width
# (0,58 em of Lato): the widest character of a figure
CIJFER_PT = 0.58 * TABEL_PT
KOLOM_REGEL = int(BREEDTE_CM / 2.54 * 72 / CIJFER_PT)  # 86 characters on a table's line
KOLOM_RAND = math.ceil(2 * CELMARGE_TWIPS / 20 / CIJFER_PT)  # both margins of a cell: 2 characters

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# the styles of Lato the document uses (text, bold headings and table headers, italic) as the font table
# names their embedding; each file the font-lato wheel's (tests/test_woord.py checks the document uses no other)
LATO_STIJLEN = {stijl: f"Lato-{stijl}.ttf" for stijl in ("Regular", "Bold", "Italic")}


def _kop(naam: str, niveau: int, grootte_pt: float, voor_pt: int) -> str:
    """A heading style; ``outlineLvl`` keeps it in Word's navigation pane and table of contents."""
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{niveau}"><w:name w:val="{naam}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{voor_pt * 20}" w:after="120"/>'
        f'<w:outlineLvl w:val="{niveau - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="{int(grootte_pt * 2)}"/>'
        f'<w:szCs w:val="{int(grootte_pt * 2)}"/></w:rPr></w:style>'
    )


def _alinea(stijl_id: str, naam: str, ppr: str = "", rpr: str = "", basis: str = "Normal", eigen: bool = True) -> str:
    eigen_attr = ' w:customStyle="1"' if eigen else ""
    return (
        f'<w:style w:type="paragraph"{eigen_attr} w:styleId="{stijl_id}"><w:name w:val="{naam}"/>'
        f'<w:basedOn w:val="{basis}"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
    )


def _stijlen() -> dict[str, str]:
    """The house style by pandoc's style id, under the names the secretariat finds in Word's style list."""
    klein = '<w:sz w:val="18"/><w:szCs w:val="18"/>'
    return {
        "Normal": (
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Standaard"/><w:qFormat/>'
            f'<w:rPr><w:rFonts w:ascii="{LETTERTYPE}" w:hAnsi="{LETTERTYPE}" w:cs="{LETTERTYPE}"/>'
            '<w:lang w:val="nl-NL"/></w:rPr></w:style>'
        ),
        # lineRule said: LibreOffice takes a line spacing without it as exact, and shows a chart's bottom line only
        "BodyText": _alinea(
            "BodyText", "Platte tekst", '<w:spacing w:after="140" w:line="276" w:lineRule="auto"/>', eigen=False
        ),
        "FirstParagraph": _alinea("FirstParagraph", "Eerste alinea", basis="BodyText"),
        "Compact": _alinea("Compact", "Compact", '<w:spacing w:before="20" w:after="20"/>', basis="BodyText"),
        "Title": _alinea(
            "Title",
            "Titel",
            '<w:spacing w:before="2400" w:after="240"/>',
            f'<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="52"/><w:szCs w:val="52"/>',
            eigen=False,
        ),
        "Subtitle": _alinea("Subtitle", "Ondertitel", '<w:spacing w:after="480"/>', '<w:sz w:val="28"/>', eigen=False),
        "Author": _alinea("Author", "Auteur", '<w:spacing w:after="60"/>'),
        "Date": _alinea("Date", "Datum", '<w:spacing w:after="60"/>', eigen=False),
        "Abstract": _alinea("Abstract", "Kenmerken", '<w:spacing w:before="240" w:after="60"/>'),
        "Heading1": _kop("Kop 1", 1, 16, 18),
        "Heading2": _kop("Kop 2", 2, 13, 14),
        "Heading3": _kop("Kop 3", 3, 11, 10),
        "Caption": _alinea("Caption", "Bijschrift", '<w:spacing w:before="60" w:after="160"/>', klein, eigen=False),
        "TableCaption": _alinea(
            "TableCaption",
            "Bijschrift tabel",
            '<w:keepNext/><w:spacing w:before="160" w:after="60"/>',
            klein,
            "Caption",
        ),
        "ImageCaption": _alinea("ImageCaption", "Bijschrift figuur", "", klein, "Caption"),
        "TOCHeading": _alinea(
            "TOCHeading",
            "Kop inhoudsopgave",
            '<w:pageBreakBefore/><w:spacing w:after="120"/>',
            f'<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
        ),
        "Conceptmerk": _alinea(
            "Conceptmerk", "Conceptmerk", '<w:jc w:val="right"/>', f'<w:b/><w:color w:val="{CONCEPT_ROOD}"/>'
        ),
        "Table": (
            '<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Tabel Veilig Thuis"/>'
            '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
            '<w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr>'
            f'<w:rPr><w:sz w:val="{TABEL_PT * 2}"/><w:szCs w:val="{TABEL_PT * 2}"/></w:rPr>'
            '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="DDDDDD"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="DDDDDD"/></w:tblBorders>'
            f'<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="{CELMARGE_TWIPS}" w:type="dxa"/>'
            f'<w:bottom w:w="30" w:type="dxa"/><w:right w:w="{CELMARGE_TWIPS}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
            f'<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/></w:tcBorders>'
            '<w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr></w:style>'
        ),
    }


def _vervang_stijlen(styles_xml: str, stijlen: dict[str, str]) -> str:
    for stijl_id, xml in stijlen.items():
        patroon = re.compile(rf'<w:style\b[^>]*w:styleId="{stijl_id}".*?</w:style>', re.S)
        styles_xml, n = patroon.subn(lambda _m, x=xml: x, styles_xml, count=1)
        if n == 0:
            styles_xml = styles_xml.replace("</w:styles>", xml + "</w:styles>")
    # Dutch as the document language (spelling check, hyphenation): the default run properties. The text's
    # 10,5 pt is a default too, not Standaard's: a table style's 9 pt then wins over it in Word and in
    # LibreOffice alike (pandoc's cells have the paragraph style Compact, a Standaard; LibreOffice lets a size
    # set there win over the table style)
    standaard = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles_xml, re.S)
    assert standaard, "pandoc's reference document has no default run properties"
    rpr = re.sub(r'<w:sz(Cs)? w:val="\d+" />', lambda m: f'<w:sz{m[1] or ""} w:val="21" />', standaard[0])
    styles_xml = styles_xml.replace(standaard[0], rpr, 1)
    return re.sub(r'<w:lang w:val="[^"]*"', '<w:lang w:val="nl-NL"', styles_xml, count=1)


def _kopregel(concept: bool) -> str:
    tekst = (
        '<w:p><w:pPr><w:pStyle w:val="Conceptmerk"/></w:pPr><w:r><w:t>CONCEPT</w:t></w:r></w:p>'
        if concept
        else "<w:p/>"
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {_W}>{tekst}</w:hdr>'


def _voetregel(voettekst: str) -> str:
    """Title · peilmoment and the page number (a PAGE field: Word counts)."""
    veld = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    rpr = '<w:rPr><w:color w:val="666666"/><w:sz w:val="17"/></w:rPr>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {_W}><w:p><w:pPr>'
        f'<w:tabs><w:tab w:val="right" w:pos="{int(BREEDTE_CM / 2.54 * 1440)}"/></w:tabs>{rpr}</w:pPr>'
        f'<w:r>{rpr}<w:t xml:space="preserve">{_xml_tekst(voettekst)}</w:t></w:r><w:r>{rpr}<w:tab/></w:r>'
        f"{veld.replace('<w:r>', f'<w:r>{rpr}')}</w:p></w:ftr>"
    )


def _xml_tekst(tekst: str) -> str:
    return tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sectie() -> str:
    """A4 portrait, margins of 2,5 cm, the header and footer above."""
    marge = int(2.5 / 2.54 * 1440)
    return (
        f'<w:sectPr><w:headerReference w:type="default" r:id="rIdVtKop"/>'
        f'<w:footerReference w:type="default" r:id="rIdVtVoet"/>'
        f'<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{marge}" w:right="{marge}" w:bottom="{marge}" '
        f'w:left="{marge}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    )


def referentiedocument(concept: bool, voettekst: str) -> bytes:
    """Pandoc's reference document with the house style, page setup, header (concept) and footer."""
    standaard = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
    ).stdout
    delen: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(standaard)) as zin:
        for naam in sorted(zin.namelist()):
            delen[naam] = zin.read(naam)
    delen["word/styles.xml"] = _vervang_stijlen(delen["word/styles.xml"].decode("utf-8"), _stijlen()).encode("utf-8")
    document = delen["word/document.xml"].decode("utf-8")
    document = re.sub(r"<w:sectPr>.*?</w:sectPr>", lambda _m: _sectie(), document, count=1, flags=re.S)
    delen["word/document.xml"] = document.encode("utf-8")
    delen["word/header1.xml"] = _kopregel(concept).encode("utf-8")
    delen["word/footer1.xml"] = _voetregel(voettekst).encode("utf-8")
    rels = delen["word/_rels/document.xml.rels"].decode("utf-8")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Type="{_R}/header" Id="rIdVtKop" Target="header1.xml"/>'
        f'<Relationship Type="{_R}/footer" Id="rIdVtVoet" Target="footer1.xml"/></Relationships>',
    )
    delen["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    typen = delen["[Content_Types].xml"].decode("utf-8")
    ooxml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    typen = typen.replace(
        "</Types>",
        f'<Override PartName="/word/header1.xml" ContentType="{ooxml}.header+xml"/>'
        f'<Override PartName="/word/footer1.xml" ContentType="{ooxml}.footer+xml"/></Types>',
    )
    delen["[Content_Types].xml"] = typen.encode("utf-8")
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zuit:
        for naam, inhoud in delen.items():
            info = zipfile.ZipInfo(naam, date_time=(1980, 1, 1, 0, 0, 0))  # no clock time in the file
            info.compress_type = zipfile.ZIP_DEFLATED
            zuit.writestr(info, inhoud)
    return uit.getvalue()


def _yaml_tekst(tekst: str) -> str:
    """A YAML double-quoted scalar holding literal Markdown text."""
    return '"' + markdown_tekst(tekst).replace("\\", "\\\\").replace('"', '\\"') + '"'


def metadata_yaml(velden: dict[str, str], kenmerken: list[tuple[str, str]]) -> str:
    """Pandoc metadata for the title page: title, subtitle, author, date, and the other fields (Aan, Status,
    …) as the block under the date; every value literal text (a name from the params never becomes markup)."""
    regels = [f"{k}: {_yaml_tekst(v)}" for k, v in velden.items()]
    regels.append("abstract: |")
    regels += [f"  **{label}:** {markdown_tekst(waarde)}\\" for label, waarde in kenmerken]
    regels[-1] = regels[-1].removesuffix("\\")
    return "---\n" + "\n".join(regels) + "\n---\n"


def lettertypesleutel(lettertype: bytes) -> str:
    """The key (a GUID) that hides an embedded font: from the font's SHA-256, so the same font gives the
    same key and the same document bytes (Word draws a random one)."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(lettertype).digest()[:16])).upper() + "}"


def verhuld(lettertype: bytes, sleutel: str) -> bytes:
    """An embedded font part (``.odttf``, ECMA-376 Part 1 §17.8.1): the first 32 bytes XOR the key's 16
    bytes, taken from the GUID's last hex pair to its first, twice. Applied again it gives the font back."""
    sleutel_bytes = bytes.fromhex(sleutel.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ sleutel_bytes[i % 16] for i, b in enumerate(lettertype[:32])) + lettertype[32:]


def _lato_delen() -> tuple[str, dict[str, bytes]]:
    """Lato as embedded fonts (§17.8.3.3): the font table's entry; the font parts and their relationships."""
    ingesloten, relaties, delen = [], [], {}
    for n, (stijl, bestand) in enumerate(LATO_STIJLEN.items(), start=1):
        lettertype = (paths.font_dir() / bestand).read_bytes()
        sleutel = lettertypesleutel(lettertype)
        delen[f"word/fonts/font{n}.odttf"] = verhuld(lettertype, sleutel)
        ingesloten.append(f'<w:embed{stijl} r:id="rIdLato{n}" w:fontKey="{sleutel}"/>')
        relaties.append(f'<Relationship Id="rIdLato{n}" Type="{_R}/font" Target="fonts/font{n}.odttf"/>')
    font = f'<w:font w:name="{LETTERTYPE}"><w:family w:val="swiss"/>{"".join(ingesloten)}</w:font>'
    delen["word/_rels/fontTable.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(relaties)}</Relationships>'
    ).encode()
    return font, delen


def _met_ingesloten_lettertype(naam: str, tekst: str, font: str) -> str:
    """One part of the package with Lato embedded: in the font table, its content type, and Word's setting
    to keep embedding it when the secretariat saves (without the common system fonts: the file stays small)."""
    if naam == "word/fontTable.xml":
        return tekst.replace("</w:fonts>", font + "</w:fonts>", 1)
    if naam == "[Content_Types].xml" and 'Extension="odttf"' not in tekst:
        soort = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
        return tekst.replace("<Override ", f'<Default Extension="odttf" ContentType="{soort}" /><Override ', 1)
    if naam == "word/settings.xml":
        tekst = re.sub(r"<w:embed(TrueType|System)Fonts ?/>", "", tekst)
        return re.sub(r"(<w:zoom\b[^>]*/>)", r"\1<w:embedTrueTypeFonts />", tekst, count=1)
    return tekst


def nabewerkt(docx: bytes) -> bytes:
    """Pandoc's document with Lato embedded: the same zip entries with the same stamps, then the font parts
    with a fixed one (same input, same bytes)."""
    font, delen = _lato_delen()
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zuit:
        for info in zin.infolist():
            inhoud = zin.read(info)
            if info.filename.endswith(".xml"):
                tekst = _met_ingesloten_lettertype(info.filename, inhoud.decode("utf-8"), font)
                inhoud = tekst.encode("utf-8")
            zuit.writestr(info, inhoud)
        for naam, inhoud in delen.items():
            zuit.writestr(zipfile.ZipInfo(naam, date_time=(1980, 1, 1, 0, 0, 0)), inhoud, zipfile.ZIP_DEFLATED)
    return uit.getvalue()


def render_docx(markdown: str, metadata: str, referentie: bytes, doel_bestand: Path, werkmap: Path, datum) -> None:
    """Markdown (with the charts as ``figuren/figuur-N.png``) → Word, via pandoc with the reference document.

    Implicit figures are off: a chart is an image whose Word description is its text alternative, with the
    caption as the paragraph below it (pandoc would otherwise use the caption as the description).
    """
    werkmap.mkdir(parents=True, exist_ok=True)
    (werkmap / "referentie.docx").write_bytes(referentie)
    (werkmap / "metadata.yaml").write_text(metadata, encoding="utf-8")
    moment = int(datetime.combine(datum, datetime.min.time(), tzinfo=UTC).timestamp())
    args = [
        pypandoc.get_pandoc_path(),
        "--from=markdown-implicit_figures",
        "--to=docx",
        "--columns=1000",
        "--toc",
        "--toc-depth=2",
        "--number-sections",
        "--lua-filter",
        str(paths.TEMPLATE_DIR / "alleen-eigen-opmaak.lua"),
        "--lua-filter",
        str(paths.TEMPLATE_DIR / "kolombreedtes.lua"),
        "-M",
        f"kolombreedtes-regel={KOLOM_REGEL}",
        "-M",
        f"kolombreedtes-rand={KOLOM_RAND}",
        "-M",
        "kolombreedtes-breekt-woorden=true",  # Word breaks a figure wider than its column; Typst lets it run on
        "--reference-doc=referentie.docx",
        "--metadata-file=metadata.yaml",
        "-M",
        "lang=nl-NL",
        "-M",
        "toc-title=Inhoudsopgave",
        "-M",
        "abstract-title=Kenmerken",
        "-o",
        str(doel_bestand.resolve()),
    ]
    omgeving = {**os.environ, "SOURCE_DATE_EPOCH": str(moment)}
    result = subprocess.run(args, input=markdown.encode("utf-8"), cwd=werkmap, capture_output=True, env=omgeving)
    if result.returncode != 0:
        from vt_analysis.bouw.render import RenderFout

        raise RenderFout(f"pandoc (docx): {result.stderr.decode('utf-8', 'replace').strip().splitlines()[-1]}")
    doel_bestand.write_bytes(nabewerkt(doel_bestand.read_bytes()))


def schrijf_docx(
    markdown: str, velden: dict[str, str], illustratief: str | None, doel: Path, werkmap: Path, datum
) -> None:
    """The Word document of one run: ``velden`` are the title page's fields (render.titelvelden)."""
    kenmerken = [
        ("Aan", velden["adressaat"]),
        ("Van", velden["auteur"]),
        ("Status", velden["status-tekst"]),
        ("Versie", velden["versie"]),
        ("Peilmoment", velden["peilmoment"]),
        ("Normset", velden["normset"]),
    ]
    if illustratief:
        kenmerken.append(("Illustratief", illustratief))
    if "watals" in velden:  # a what-if: said on the title page, and in the footer of every page
        kenmerken.insert(0, ("Wat-als", velden["watals"]))
    kenmerken.append(("Bron", velden["bronregel"]))
    meta = {
        "title": velden["title"],
        "subtitle": velden["subtitle"],
        "author": f"Veilig Thuis {velden['regio']}",
        "date": velden["date"],
        # also as document properties (Bestand > Eigenschappen), e.g. for a DOCPROPERTY field
        "status": velden["status-tekst"],
        "peilmoment": velden["peilmoment"],
        "versie": velden["versie"],
    }
    voettekst = f"{velden['title']} · {velden['peilmoment']}"
    if "watals" in velden:
        voettekst = f"Wat-als · {voettekst}"
    referentie = referentiedocument(velden["status"] == "concept", voettekst)
    render_docx(markdown, metadata_yaml(meta, kenmerken), referentie, doel, werkmap, datum)
