"""End-to-end: render the BURAP 2 2024 run into tmp_path and read what a reviewer would read."""

from __future__ import annotations

import base64
import datetime
import hashlib
import html as html_lib
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import nbformat
import openpyxl
import pytest
from helpers import chromium_dom
from pypdf import PdfReader

from vt_analysis.basis import paths
from vt_analysis.bouw.execute import HoofdstukFout
from vt_analysis.bouw.render import render_report
from vt_analysis.invoer.hoofdstuklijst import load_chapters
from vt_analysis.invoer.params import load_params

pytestmark = pytest.mark.render

PARAMS = paths.DEFAULT_PARAMS
A4_PT = (595.28, 841.89)


@pytest.fixture(scope="module")
def pdf_paginas(rendered) -> list[str]:
    """The text of every page of the rendered PDF, extracted once (pypdf takes seconds for the whole report)."""
    return [page.extract_text() for page in PdfReader(rendered / "impactanalyse.pdf").pages]


@pytest.fixture(scope="module")
def pdf_text(pdf_paginas) -> str:
    return "\n".join(pdf_paginas).replace("\xa0", " ")  # Typst joins "Tabel" and its number with a no-break space


def test_run_folder_has_every_output(rendered):
    for naam in (
        "impactanalyse.html",
        "impactanalyse.pdf",
        "impactanalyse.xlsx",
        "impactanalyse.docx",
        "samenvatting.pdf",
        "results.json",
        "manifest.json",
        "vega.js",  # the interactive views' script, loaded on request
    ):
        assert (rendered / naam).stat().st_size > 0, naam
    hoofdstukken = [nb.name for nb in (rendered / "notebooks").glob("*.ipynb")]
    assert sorted(hoofdstukken) == sorted(p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    rest = [p for p in rendered.parent.iterdir() if p.name.startswith(".") and p.name != ".burap2-2024.lock"]
    assert not rest, "temporary folder left behind"  # the run's lock file stays (publish.py)


def test_pdf_holds_bijlage_2_in_dutch_notation(pdf_text):
    # Bijlage 2's gap in the report's one sign (tekort = benodigd − beschikbaar): 7,18 short, 1,69 room.
    for figuur in ("73,33", "80,44", "7,18", "70,40", "77,23", "−1,69", "12,87", "62,57", "63,40", "4.998"):
        assert figuur in pdf_text, figuur
    assert "Inhoudsopgave" in pdf_text
    assert "Tabel 1" in pdf_text and "Figuur 1" in pdf_text
    assert "29 november 2024" in pdf_text  # documentdatum of the params, in Dutch


def test_pdf_is_a4_with_page_numbers(rendered, pdf_paginas):
    reader = PdfReader(rendered / "impactanalyse.pdf")
    peilmoment = load_params(PARAMS).peilmoment
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
            round(A4_PT[0], 1),
            round(A4_PT[1], 1),
        )
    assert len(reader.pages) == len(pdf_paginas) >= 5
    # The title page has no number; from the contents page on, every footer ends with its page number.
    assert not pdf_paginas[0].strip().endswith(" 0")
    for nummer, tekst in enumerate(pdf_paginas[1:], start=1):
        voet = tekst.strip().splitlines()[-1]
        assert voet.endswith(f"{peilmoment} {nummer}"), (nummer, voet)


def test_pdf_charts_are_vector_with_the_project_font(rendered):
    svgs = sorted((rendered / "typst" / "figuren").glob("*.svg"))
    assert svgs, "no chart written"
    for svg in svgs:
        tekst = svg.read_text(encoding="utf-8")
        assert "<svg" in tekst and "Lato" in tekst
    fonts = set()
    for page in PdfReader(rendered / "impactanalyse.pdf").pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    # Lato ships with the project; DejaVu Sans Mono (file names in backticks) is embedded in the typst wheel.
    assert fonts and all("Lato" in f or "DejaVuSansMono" in f for f in fonts), fonts
    assert any("Lato-Regular" in f for f in fonts)


def test_html_is_self_contained(rendered):
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    bronnen = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=[\"']([^\"']+)", html, flags=re.I)
    assert not [b for b in bronnen if re.match(r"(https?:)?//", b)], bronnen
    assert html.count("vegaEmbed(") == 1  # one embedding script for all charts
    assert len(re.findall(r"vega-embed", html)) >= 1
    specs = re.findall(
        r'<script type="application/json" class="vega-spec" data-doel="(vis-\d+)">(.*?)</script>', html, flags=re.S
    )
    nb_figuren = sum(
        1
        for nb in (rendered / "notebooks").glob("*.ipynb")
        for c in nbformat.read(nb, as_version=4).cells
        if c.cell_type == "code"
        for o in c.outputs
        if "application/vnd.vegalite.v6+json" in o.get("data", {})
    )
    assert len(specs) == nb_figuren >= 2
    for _, spec in specs:
        assert json.loads(spec)["usermeta"]["bijschrift"]
    assert "Inhoudsopgave" in html and "73,33" in html and "7,18" in html


def test_results_json_equals_compute_json(rendered, cli):
    code, out, _ = cli("compute", "--params", PARAMS, "--json")
    assert code == 0
    assert json.loads((rendered / "results.json").read_text(encoding="utf-8")) == json.loads(out)


def test_manifest_records_inputs_versions_and_commit(rendered):
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    invoer = manifest["invoer_sha256"]
    assert any(k.endswith("data/volumes.csv") for k in invoer)
    assert any(k.endswith("report/params/burap2-2024.yaml") for k in invoer)
    volumes = next(v for k, v in invoer.items() if k.endswith("data/volumes.csv"))
    assert volumes == hashlib.sha256((paths.DATA_DIR / "volumes.csv").read_bytes()).hexdigest()
    assert manifest["documentdatum"] == "2024-11-29"
    assert manifest["pakketten"]["papermill"] and manifest["git_commit"]


@pytest.mark.parametrize("route", ["rapportcache", "hoofdstukcache"])
def test_second_render_comes_from_the_cache_and_is_byte_identical(rendered, render_cache, tmp_path, capsys, route):
    """Nothing changed: the whole report comes from the report cache; without that entry (another machine's
    cache, a damaged entry) the results and every chapter come from their caches. Both give the same bytes."""
    cache = render_cache
    if route == "hoofdstukcache":
        cache = tmp_path / "cache"
        shutil.copytree(render_cache, cache, ignore=shutil.ignore_patterns("rapport"))
    uitkomst = render_report(PARAMS, output_root=tmp_path / "uit", stil=False, cache_map=cache)
    tweede = uitkomst.directory
    assert uitkomst.uit_cache == [p.name for p in load_chapters()]  # nothing changed: no chapter executed
    voortgang = capsys.readouterr().err
    if route == "rapportcache":
        assert "rapport uit cache" in voortgang and "resultaten" not in voortgang, voortgang
    else:
        assert "resultaten uit cache" in voortgang and "hoofdstuk 01-samenvatting uit cache" in voortgang
    for naam in (
        "impactanalyse.html",
        "impactanalyse.pdf",
        "impactanalyse.xlsx",
        "impactanalyse.docx",
        "samenvatting.pdf",
        "results.json",
        "velden.json",
    ):
        assert (tweede / naam).read_bytes() == (rendered / naam).read_bytes(), naam


def _snapshot(folder: Path) -> dict[str, bytes]:
    # The run's lock file (publish.py) is created next to the report and stays; everything else must be untouched.
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def test_failing_cell_keeps_previous_output(rendered, tmp_path):
    root = tmp_path / "output"
    shutil.copytree(rendered, root / "burap2-2024")
    voor = _snapshot(root)
    kapot = tmp_path / "99-kapot.ipynb"
    nb = nbformat.read(paths.NOTEBOOKS_DIR / "01-samenvatting.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('opzettelijk kapot')"))
    nbformat.write(nb, kapot)
    lijst = tmp_path / "hoofdstukken.yaml"
    lijst.write_text(f"hoofdstukken:\n  - 01-samenvatting.ipynb\n  - {kapot}\n", encoding="utf-8")
    with pytest.raises(HoofdstukFout) as exc:
        render_report(PARAMS, output_root=root, stil=True, hoofdstukken=lijst)
    mislukt = root / "burap2-2024.mislukt" / "99-kapot.ipynb"
    assert str(exc.value) == (
        f"hoofdstuk 99-kapot.ipynb, cel {len(nb.cells)}: ValueError: opzettelijk kapot "
        f"(het uitgevoerde hoofdstuk met de fout: {paths.display_path(mislukt)})"
    )
    # The executed chapter is kept with its traceback, next to the previous report, which is untouched.
    uitgevoerd = nbformat.read(mislukt, as_version=4)
    fouten = [o for c in uitgevoerd.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [(f.ename, f.evalue) for f in fouten] == [("ValueError", "opzettelijk kapot")] and fouten[0].traceback
    assert _snapshot(root / "burap2-2024") == {k.removeprefix("burap2-2024/"): v for k, v in voor.items()}
    assert sorted(p.name for p in root.iterdir()) == [".burap2-2024.lock", "burap2-2024", "burap2-2024.mislukt"]


def test_bad_data_exits_2_and_keeps_previous_output(rendered, tmp_path, data_copy):
    root = tmp_path / "output"
    shutil.copytree(rendered, root / "burap2-2024")
    voor = _snapshot(root)
    pad = data_copy / "volumes.csv"
    pad.write_text(pad.read_text(encoding="utf-8").replace("3116,459,", "3116,45r9,"), encoding="utf-8")
    result = subprocess.run(
        [
            str(paths.ROOT / ".venv/bin/vt-analysis"),
            "render",
            "--params",
            str(PARAMS),
            "--data",
            str(data_copy),
            "--output",
            str(root),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "kolom overdracht_ondersteuning: '45r9' is geen geheel getal" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(root) == voor


# Test-side stand-in for a reader who asks for each interactive chart, opens its menu and picks "save as
# SVG/PNG": vega-embed makes the file on that mousedown (Vega's toImageURL) and puts it in the link; the
# dumped DOM then shows it.
_EXPORT_KLIKKER = """<script>
(function () {
  document.querySelectorAll('button.vt-interactief').forEach(function (b) { b.click(); });
  var t = setInterval(function () {
    if (document.querySelectorAll('.vega-actions').length < document.querySelectorAll('.vega-figuur').length) return;
    clearInterval(t);
    document.querySelectorAll('.vega-actions a[download$=".svg"], .vega-actions a[download$=".png"]')
      .forEach(function (a) { a.dispatchEvent(new MouseEvent('mousedown', {bubbles: true})); });
  }, 50);
})();
</script>
"""

# Text that a spreadsheet would run as a formula (OWASP's list), put into a chart's data by the test.
FORMULES = ['=HYPERLINK("http://voorbeeld.invalid","klik")', "+1+1", "-1+1", "@SUM(1)", "\tx", "\rx"]


def _csv_cel(waarde) -> str:
    """A JSON value as the page's CSV writes it (JavaScript's String(), decimal comma, formulas made text)."""
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    tekst = str(waarde).replace(".", ",", 1) if isinstance(waarde, (int, float)) else str(waarde)
    if isinstance(waarde, str) and tekst[:1] in ("=", "+", "-", "@", "\t", "\r"):
        tekst = "'" + tekst
    return '"' + tekst.replace('"', '""') + '"' if re.search(r'[;"\n\r]', tekst) else tekst


def _met_script(html: str, script: str) -> str:
    """The page with a test script before its last </body>, allowed by its hash in the page's CSP."""
    kop, staart = html.rsplit("</body>", 1)  # the last one: the Vega bundle holds the string too
    inhoud = script[len("<script>") : script.rindex("</script>")]
    sleutel = base64.b64encode(hashlib.sha256(inhoud.encode("utf-8")).digest()).decode("ascii")
    assert "script-src 'sha256-" in kop
    kop = kop.replace("script-src ", f"script-src 'sha256-{sleutel}' ", 1)
    return kop + script + "</body>" + staart


def test_charts_render_in_a_real_browser_with_the_network_blocked(rendered, tmp_path):
    """Headless Chromium, proxy pointed at a closed port: every chart must become an SVG, no console errors;
    each chart offers SVG and PNG made in the page and its data as Dutch CSV."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium missing: `make test` installs it (tools/ensure-debian)"
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    n = len(re.findall(r'class="vega-figuur"', html))
    pagina = tmp_path / "impactanalyse.html"
    shutil.copy(rendered / "vega.js", tmp_path)  # loaded by the page when a reader opens a chart
    # One chart's data gets the formulas: its CSV must carry them as text.
    eerste = re.search(
        r'(<script type="application/json" class="vega-spec" data-doel="vis-1">)(.*?)(</script>)', html, re.S
    )
    spec = json.loads(eerste[2])
    naam_set = sorted(spec["datasets"])[0]
    for rij, formule in zip(spec["datasets"][naam_set], FORMULES, strict=False):
        rij["opmerking"] = formule
    html = html.replace(eerste[0], eerste[1] + json.dumps(spec, ensure_ascii=False).replace("<", "\\u003c") + eerste[3])
    pagina.write_text(_met_script(html, _EXPORT_KLIKKER), encoding="utf-8")
    result = chromium_dom(chromium, pagina)
    dom = result.stdout
    figuren = re.findall(r'<div class="vega-figuur[^"]*" id="vis-\d+"[^>]*>(.*?)</figure>', dom, flags=re.S)
    assert len(figuren) == n >= 2
    for inhoud in figuren:
        assert "<svg" in inhoud
        assert 'role="graphics-document"' in inhoud  # Vega's SVG renderer marks an accessible chart
        assert "<path" in inhoud  # marks were drawn
    specs = dict(
        re.findall(
            r'<script type="application/json" class="vega-spec" data-doel="(vis-\d+)">(.*?)</script>', html, re.S
        )
    )
    alle_csv = []
    for doel, spec in specs.items():
        nummer = doel.removeprefix("vis-")
        figuur = re.search(rf'id="{doel}".*?</figure>', dom, flags=re.S).group(0)
        links = dict(re.findall(r'<a[^>]*?download="([^"]+)"[^>]*?href="([^"]+)"', figuur))
        links |= {d: h for h, d in re.findall(r'<a[^>]*?href="([^"]+)"[^>]*?download="([^"]+)"', figuur)}
        # made in the page: Vega gives the SVG as a blob: URL, the PNG as a data: URL (canvas)
        assert links[f"figuur-{nummer}.svg"].startswith(("blob:", "data:image/svg+xml")), (doel, sorted(links))
        assert links[f"figuur-{nummer}.png"].startswith("data:image/png;base64,"), doel
        datasets = [v for _, v in sorted(json.loads(spec).get("datasets", {}).items())]
        csvs = sorted(d for d in links if d.endswith(".csv"))
        assert len(csvs) == len(datasets) >= 1, (doel, csvs)
        for naam, rijen in zip(csvs, datasets, strict=True):
            href = html_lib.unescape(links[naam])
            assert href.startswith("data:text/csv;charset=utf-8,")
            alle_csv.append(unquote(href.split(",", 1)[1]))
            assert alle_csv[-1].startswith("\ufeff")  # byte-order mark: Excel reads UTF-8
            regels = alle_csv[-1].removeprefix("\ufeff").split("\r\n")
            kolommen = list(dict.fromkeys(k for r in rijen for k in r))
            assert regels[0] == ";".join(kolommen)
            assert regels[1:] == [";".join(_csv_cel(r.get(k)) for k in kolommen) for r in rijen] + [""]
    assert any(re.search(r"\d,\d", c) for c in alle_csv)  # decimal commas, not points
    # OWASP: text that starts a formula is made text with an apostrophe; numbers (−7,18, a minus) stay numbers
    assert ';"\'=HYPERLINK(""http' in alle_csv[0] and ";'-1+1\r\n" in alle_csv[0] and ";'@SUM(1)\r\n" in alle_csv[0]
    assert ";'+1+1\r\n" in alle_csv[0] and ';"\'\tx"' not in alle_csv[0] and ";'\tx\r\n" in alle_csv[0]
    assert re.search(r";'\+\d", "".join(alle_csv))  # a signed label of the report's own data (the tornado's effects)
    # Chromium logs every console message (console.error included) as "INFO:CONSOLE"; the page must log none.
    console = [r for r in result.stderr.splitlines() if ":CONSOLE" in r]
    assert not console, console


def test_workbook_holds_bijlage_2_as_in_results_json(rendered):
    """Tabel 2 of the report (Bijlage 2) in the workbook: unrounded numbers equal to results.json, fte format."""
    perioden = json.loads((rendered / "results.json").read_text(encoding="utf-8"))["perioden"]
    wb = openpyxl.load_workbook(rendered / "impactanalyse.xlsx")
    assert wb.sheetnames[0] == "Over dit bestand"
    over = {r[0].value: r[1].value for r in wb["Over dit bestand"].iter_rows(max_col=2) if r[0].value}
    assert over["Run"] == "burap2-2024" and over["Peilmoment"] == "BURAP 2 2024"
    assert over["Documentdatum"] == datetime.datetime(2024, 11, 29)  # a date, shown as "29 november 2024"
    volumes_sha = hashlib.sha256((paths.DATA_DIR / "volumes.csv").read_bytes()).hexdigest()
    assert over["data/volumes.csv"] == volumes_sha
    blad = next(wb[n] for n in wb.sheetnames if n.split(". ", 1)[-1].startswith("Benodigde en beschikbare"))
    assert re.match(r"Tabel \d+: Benodigde en beschikbare formatie", blad["A1"].value)
    assert blad.freeze_panes == "A4"
    kop = [c.value for c in blad[3]]
    kolommen = {"Benodigd regionaal": "fte_regionaal", "Benodigd landelijk": "fte_landelijk"}
    kolommen |= {"Beschikbaar incl. incidenteel": "fte_beschikbaar", "Tekort regionaal": "tekort_regionaal"}
    kolommen |= {"Tekort landelijk": "tekort_landelijk"}
    rijen = list(blad.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rijen] == [p["periode"] for p in perioden]
    for rij, periode in zip(rijen, perioden, strict=True):
        for kopnaam, sleutel in kolommen.items():
            # unrounded up to 10 decimals (the workbook drops float noise beyond)
            assert rij[kop.index(kopnaam)] == pytest.approx(periode[sleutel], abs=1e-10), (periode["periode"], kopnaam)
    assert blad.cell(4, kop.index("Benodigd regionaal") + 1).number_format.startswith("#,##0.00;")
    assert blad.cell(4, kop.index("Tekort regionaal") + 1).number_format.startswith("#,##0.00;")
    assert blad.tables and all(ws.print_title_rows == "$3:$3" for ws in wb.worksheets[1:])
    # every table of the report has its sheet
    assert len(wb.sheetnames) - 1 == len(re.findall(r"<caption\b", (rendered / "impactanalyse.html").read_text()))


def test_verify_says_actueel_then_names_an_edited_pdf(rendered, tmp_path, cli):
    assert cli("verify", rendered) == (0, "actueel\n", "")
    kopie = tmp_path / "burap2-2024"
    shutil.copytree(rendered, kopie)
    with open(kopie / "impactanalyse.pdf", "ab") as f:
        f.write(b"%% nagestuurd\n")
    code, out, _ = cli("verify", kopie)
    assert code == 1
    regels = out.splitlines()
    assert len(regels) == 2 and regels[0].startswith("niet actueel: 1 bestand")
    assert regels[1].startswith(f"  gewijzigd: {kopie / 'impactanalyse.pdf'} (rapportbestand; SHA-256 was ")


# --- the board document: title page, status mark, lists, accessibility ------------------------------


def _struct_elementen(knoop, gevonden: list) -> list:
    """Every structure element of a tagged PDF (depth first)."""
    knoop = knoop.get_object() if hasattr(knoop, "get_object") else knoop
    if isinstance(knoop, list):
        for kind in knoop:
            _struct_elementen(kind, gevonden)
    elif hasattr(knoop, "get") and "/S" in knoop:
        gevonden.append(knoop)
        if "/K" in knoop:
            _struct_elementen(knoop["/K"], gevonden)
    return gevonden


def test_pdf_is_pdf_ua_1_with_tags_and_alt_texts(rendered):
    """PDF/UA-1: the XMP identification, a structure tree with headings and tables, an alt text per figure."""
    reader = PdfReader(rendered / "impactanalyse.pdf")
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert str(root["/Lang"]).startswith("nl")
    elementen = _struct_elementen(root["/StructTreeRoot"]["/K"], [])
    soorten = [str(e["/S"]) for e in elementen]
    assert "/Table" in soorten and "/TH" in soorten and any(s.startswith("/H") for s in soorten)
    figuren = [e for e in elementen if e["/S"] == "/Figure"]
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    assert len(figuren) == len(re.findall(r'class="vega-figuur"', html)) > 0
    for fig in figuren:
        assert str(fig.get("/Alt", "")).startswith("Grafiek: "), fig.get("/Alt")


def test_every_html_chart_has_a_short_text_alternative_and_its_data_as_a_table(rendered):
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    figuren = re.findall(r'<figure class="figuur" id="figuur-(\d+)">(.*?)</figure>', html, re.S)
    assert figuren
    for nummer, inhoud in figuren:
        div = re.search(r'<div class="vega-figuur"[^>]*>', inhoud)[0]
        label = html_lib.unescape(re.search(r'aria-label="([^"]*)"', div)[1])
        assert 'role="img"' in div and label.startswith("Grafiek: ") and len(label) <= 400, label
        assert not re.search(r"\b20\.\d{2}\d\b|\b2\.0\d\d\b", label)  # a year is 2025, not 2.025
        gegevens = re.search(r'<details class="figuurgegevens"><summary>Gegevens bij figuur (\d+)</summary>', inhoud)
        assert gegevens and gegevens[1] == nummer
        assert inhoud.count("<tr>") >= 2 and '<th scope="col">' in inhoud
    # the data table writes years as years too
    assert re.search(r"<td>202\d</td>", html) and not re.search(r"<td>2\.02\d</td>", html)


def test_title_page_names_author_addressee_status_version(rendered, pdf_paginas):
    p = load_params(PARAMS)
    eerste = pdf_paginas[0].replace("\xa0", " ")
    for regel in (f"Aan {p.adressaat}", f"Van {p.auteur}", "Status Concept", f"Versie {p.versie}"):
        assert regel in " ".join(eerste.split()), regel
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    assert "<dt>Status</dt><dd>Concept</dd>" in html and 'class="conceptmerk"' in html


def test_concept_mark_on_every_page(pdf_paginas):
    assert pdf_paginas
    for nummer, tekst in enumerate(pdf_paginas, start=1):
        assert "CONCEPT" in tekst, f"pagina {nummer}"


def test_lists_of_tables_and_figures(rendered, pdf_text):
    assert "\nTabellen\n" in pdf_text and "\nFiguren\n" in pdf_text
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    tabellen = re.findall(r'<table id="(tabel-\d+)"', html)
    assert tabellen and all(f'href="#{t}"' in html for t in tabellen)
    assert 'href="#figuur-1"' in html


# Words of the tool, not of the board: identifiers, file names and the English the report used to show.
GEREEDSCHAPSWOORDEN = re.compile(
    r"\b[a-z0-9]+_\w*|\bgap\b|\brun\b|\bpct\b|stap2|data/|\.csv\b|\.yaml\b|\.json\b|\bNone\b|\bnan\b",
    re.IGNORECASE,
)


def test_pdf_text_has_no_identifiers_or_tool_words(pdf_text):
    gevonden = [pdf_text[max(0, m.start() - 30) : m.end() + 10] for m in GEREEDSCHAPSWOORDEN.finditer(pdf_text)]
    assert gevonden == []


def test_changes_since_burap_1(pdf_text):
    """BURAP 2 2024 names BURAP 1 2024 as its previous run: the section, the counts of both (Bijlage 2), the shift."""
    tekst = " ".join(pdf_text.split())
    assert "Wijzigingen ten opzichte van BURAP 1 2024" in tekst
    assert "Meldingen 4.926 4.998 +72" in tekst and "Adviezen 3.891 3.674 −217" in tekst
    assert "Tekort 2025 (leidende prognose) 9,93 14,07 +4,14" in tekst
    assert "Leidende prognose: van begroting naar winstwaarschuwing" in tekst


@pytest.mark.render
def test_pdf_from_the_cache_only_for_the_same_typst_source(standaard_run, tmp_path, monkeypatch):
    """The same source gives the cached PDF (and its warnings) without running typst; another source runs it."""
    import typst

    from vt_analysis.bouw import pdf_rapport

    cache = tmp_path / "cache"

    def maak(markdown: str, naam: str) -> bytes:
        pdf = tmp_path / naam
        pdf_rapport.render_pdf(markdown, standaard_run, pdf, tmp_path / f"typst-{naam}", cache)
        return pdf.read_bytes()

    eerste = maak("# Kop\n\nEen zin.\n", "a.pdf")
    assert eerste.startswith(b"%PDF")
    echt = typst.compile_with_warnings

    def verboden(*args, **kwargs):
        raise AssertionError("typst ran for a source that is in the cache")

    monkeypatch.setattr(typst, "compile_with_warnings", verboden)
    assert maak("# Kop\n\nEen zin.\n", "b.pdf") == eerste
    with pytest.raises(AssertionError, match="typst ran"):
        maak("# Kop\n\nEen andere zin.\n", "c.pdf")
    monkeypatch.setattr(typst, "compile_with_warnings", echt)
    assert maak("# Kop\n\nEen andere zin.\n", "c.pdf") != eerste
