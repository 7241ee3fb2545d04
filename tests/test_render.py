"""End-to-end: render the BURAP 2 2024 run into tmp_path and read what a reviewer would read."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from vt_analysis import paths
from vt_analysis.execute import HoofdstukFout
from vt_analysis.params import load_params
from vt_analysis.render import render_report

PARAMS = paths.DEFAULT_PARAMS
A4_PT = (595.28, 841.89)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("output")
    uitkomst = render_report(PARAMS, output_root=root, stil=True)
    assert uitkomst.map == root / "burap2-2024"
    return uitkomst.map


@pytest.fixture(scope="module")
def pdf_text(rendered) -> str:
    tekst = "\n".join(page.extract_text() for page in PdfReader(rendered / "impactanalyse.pdf").pages)
    return tekst.replace("\xa0", " ")  # Typst joins "Tabel" and its number with a no-break space


def test_run_folder_has_every_output(rendered):
    for naam in ("impactanalyse.html", "impactanalyse.pdf", "results.json", "manifest.json"):
        assert (rendered / naam).stat().st_size > 0, naam
    hoofdstukken = [nb.name for nb in (rendered / "notebooks").glob("*.ipynb")]
    assert sorted(hoofdstukken) == sorted(p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert not [p for p in rendered.parent.iterdir() if p.name.startswith(".")], "temporary folder left behind"


def test_pdf_holds_bijlage_2_in_dutch_notation(pdf_text):
    for figuur in ("73,33", "80,44", "−7,18", "70,40", "77,23", "+1,69", "−12,87", "62,57", "63,40", "4.998"):
        assert figuur in pdf_text, figuur
    assert "Inhoudsopgave" in pdf_text
    assert "Tabel 1" in pdf_text and "Figuur 1" in pdf_text
    assert "29 november 2024" in pdf_text  # documentdatum of the params, in Dutch


def test_pdf_is_a4_with_page_numbers(rendered):
    reader = PdfReader(rendered / "impactanalyse.pdf")
    peilmoment = load_params(PARAMS).peilmoment
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
            round(A4_PT[0], 1),
            round(A4_PT[1], 1),
        )
    assert len(reader.pages) >= 5
    # The title page has no number; from the contents page on, every footer ends with its page number.
    assert not reader.pages[0].extract_text().strip().endswith(" 0")
    for nummer, page in enumerate(reader.pages[1:], start=1):
        voet = page.extract_text().strip().splitlines()[-1]
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
    assert "Inhoudsopgave" in html and "73,33" in html and "−7,18" in html


def test_results_json_equals_compute_json(rendered, cli):
    code, out, _ = cli("compute", "--params", PARAMS, "--json")
    assert code == 0
    assert json.loads((rendered / "results.json").read_text(encoding="utf-8")) == json.loads(out)


def test_manifest_records_inputs_versions_and_commit(rendered):
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    invoer = manifest["invoer_sha256"]
    assert any(k.endswith("data/volumes.csv") for k in invoer)
    assert any(k.endswith("report/params/burap2-2024.yaml") for k in invoer)
    import hashlib

    volumes = next(v for k, v in invoer.items() if k.endswith("data/volumes.csv"))
    assert volumes == hashlib.sha256((paths.DATA_DIR / "volumes.csv").read_bytes()).hexdigest()
    assert manifest["documentdatum"] == "2024-11-29"
    assert manifest["pakketten"]["papermill"] and manifest["git_commit"]


def test_second_render_is_byte_identical(rendered, tmp_path):
    tweede = render_report(PARAMS, output_root=tmp_path, stil=True).map
    for naam in ("impactanalyse.html", "impactanalyse.pdf", "results.json"):
        assert (tweede / naam).read_bytes() == (rendered / naam).read_bytes(), naam


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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
    assert str(exc.value) == f"hoofdstuk 99-kapot.ipynb, cel {len(nb.cells)}: ValueError: opzettelijk kapot"
    assert _snapshot(root) == voor


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


def test_charts_render_in_a_real_browser_with_the_network_blocked(rendered):
    """Headless Chromium, proxy pointed at a closed port: every chart must become an SVG, no console errors."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium missing: `make test` installs it (tools/ensure-chromium)"
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    n = len(re.findall(r'class="vega-figuur"', html))
    with tempfile.TemporaryDirectory() as profiel:
        result = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profiel}",
                "--proxy-server=http://127.0.0.1:9",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=10000",
                "--dump-dom",
                (rendered / "impactanalyse.html").as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    dom = result.stdout
    figuren = re.findall(r'<div class="vega-figuur[^"]*" id="vis-\d+"[^>]*>(.*?)</figure>', dom, flags=re.S)
    assert len(figuren) == n >= 2
    for inhoud in figuren:
        assert "<svg" in inhoud and 'role="graphics-document"' in inhoud or "<svg" in inhoud
        assert "<path" in inhoud  # marks were drawn
    # Chromium logs every console message (console.error included) as "INFO:CONSOLE"; the page must log none.
    console = [r for r in result.stderr.splitlines() if ":CONSOLE" in r]
    assert not console, console
