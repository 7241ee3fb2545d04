"""Security of the output: the private verified cache, escaping of data and params, the Content-Security-Policy."""

from __future__ import annotations

import hashlib
import http.server
import os
import re
import shutil
import stat
import tempfile
import threading
import zipfile
from pathlib import Path

import pytest
from helpers import chromium_dom, edit_file
from pypdf import PdfReader

from vt_analysis.basis import paths
from vt_analysis.bouw.render import render_report
from vt_analysis.opslag import privecache

PARAMS = paths.DEFAULT_PARAMS
EXTERN = "http://127.0.0.1:{poort}/lek.png"


# --- the private cache --------------------------------------------------------------------------------


@pytest.fixture
def eigen_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "vt-analysis"


def test_cache_map_is_prive(eigen_cache):
    assert privecache.haal("x.txt", lambda: b"inhoud") == b"inhoud"
    assert stat.S_IMODE(os.lstat(eigen_cache).st_mode) == 0o700
    assert stat.S_IMODE(os.lstat(eigen_cache / "x.txt").st_mode) & 0o077 == 0


def test_cache_gebruikt_gedeelde_tmp_niet(eigen_cache):
    privecache.haal("vega-test.js", lambda: b"bundel")
    assert (eigen_cache / "vega-test.js").exists()
    assert not (Path(tempfile.gettempdir()) / "vt-analysis-cache" / "vega-test.js").exists()


def test_vergiftigde_cache_wordt_niet_gebruikt(eigen_cache):
    privecache.haal("b.js", lambda: b"echt")
    pad = eigen_cache / "b.js"
    pad.write_bytes(pad.read_bytes().replace(b"echt", b"alert(1)"))
    assert privecache.haal("b.js", lambda: b"echt") == b"echt"
    assert b"alert" not in pad.read_bytes()  # rebuilt and replaced


def test_symlink_in_de_cache_wordt_niet_gevolgd(eigen_cache, tmp_path):
    slachtoffer = tmp_path / "slachtoffer.txt"
    slachtoffer.write_text("niet overschrijven")
    eigen_cache.mkdir(parents=True, mode=0o700)
    (eigen_cache / "c.js").symlink_to(slachtoffer)
    assert privecache.haal("c.js", lambda: b"bundel") == b"bundel"
    assert slachtoffer.read_text() == "niet overschrijven"
    assert not (eigen_cache / "c.js").is_symlink()  # replaced by a file of its own


def test_cache_van_een_ander_of_te_open_wordt_gesloten_of_gemeden(eigen_cache):
    eigen_cache.mkdir(parents=True, mode=0o777)
    os.chmod(eigen_cache, 0o777)
    privecache.haal("d.js", lambda: b"x")
    assert stat.S_IMODE(os.lstat(eigen_cache).st_mode) == 0o700


def test_cache_map_als_symlink_wordt_gemeden(tmp_path, monkeypatch):
    gedeeld = tmp_path / "gedeeld"
    gedeeld.mkdir(mode=0o777)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "vt-analysis").symlink_to(gedeeld)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert privecache.haal("e.js", lambda: b"x") == b"x"  # built in memory
    assert list(gedeeld.iterdir()) == []


# --- escaping and CSP in a rendered report ---------------------------------------------------------


class _Teller(http.server.BaseHTTPRequestHandler):
    verzoeken: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        _Teller.verzoeken.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    srv = http.server.HTTPServer(("127.0.0.1", 0), _Teller)
    draad = threading.Thread(target=srv.serve_forever, daemon=True)
    draad.start()
    yield srv.server_address[1]
    srv.shutdown()


@pytest.fixture(scope="module")
def besmet(tmp_path_factory, server, standaard_resultaten) -> Path:
    """A report whose data and params carry tags, a Markdown image and an onerror handler. Names and
    sources change no month table: the queue model comes from the cache the session's results filled."""
    tmp = tmp_path_factory.mktemp("besmet")
    data = tmp / "data"
    shutil.copytree(paths.DATA_DIR, data)
    url = EXTERN.format(poort=server)
    edit_file(data / "volumes.csv", '"Bijlage 2, kolom Realisatie 2022"', f'"<img src={url}> ![foto]({url}) *schuin*"')
    edit_file(
        data / "volumes.csv",
        '"Bijlage 2, kolom Realisatie 2023"',
        '"<img src=x onerror=alert(1)><script>alert(2)</script>"',
    )
    params = tmp / "params.yaml"
    shutil.copy(PARAMS, params)
    edit_file(params, "{naam: A, middelen: structureel}", f'{{naam: "A <img src={url}>", middelen: structureel}}')
    return render_report(params, data, tmp / "output", stil=True).directory


@pytest.mark.render
def test_data_en_params_worden_geen_opmaak(besmet, server):
    html = (besmet / "impactanalyse.html").read_text(encoding="utf-8")
    specs = re.findall(r'<script type="application/json" class="vega-spec"[^>]*>(.*?)</script>', html, flags=re.S)
    assert specs and not [x for x in specs if "<" in x or ">" in x]  # names in chart data are \u003c-escaped
    opmaak = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)  # the Vega bundle mentions <img> itself
    assert not re.search(r"<img\b", opmaak), "a tag from data or params survived"
    assert not re.search(r"<[a-z][^<>]*\sonerror\s*=", html, flags=re.I)  # no live handler, only escaped text
    assert "&lt;img src=" in html  # shown as the characters typed
    assert "alert(2)" not in "".join(re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S))
    assert "![foto](" in html  # a Markdown image stays text


@pytest.mark.render
def test_markdown_afbeelding_blijft_tekst_in_pdf(besmet, server):
    tekst = "\n".join(p.extract_text() for p in PdfReader(besmet / "impactanalyse.pdf").pages)
    assert "![foto](" in tekst.replace("\n", "")
    assert "<img src=" in tekst.replace("\n", "")


@pytest.mark.render
def test_word_document_laadt_niets_en_toont_de_tekens(besmet):
    """In Word too: no external link or image (no relationship leaves the file), the typed characters shown."""
    with zipfile.ZipFile(besmet / "impactanalyse.docx") as z:
        relaties = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".rels"))
        document = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert 'TargetMode="External"' not in relaties
    assert len(media) == len(re.findall(r'class="vega-figuur"', (besmet / "impactanalyse.html").read_text()))
    tekst = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document))
    assert "![foto](" in tekst and "&lt;img src=" in tekst


@pytest.mark.render
def test_csp_staat_alleen_eigen_scripts_toe(besmet):
    html = (besmet / "impactanalyse.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert meta and html.index(meta.group(0)) < html.index("<script")
    beleid = meta.group(1)
    assert "default-src 'none'" in beleid and "img-src data:" in beleid and "unsafe-eval" not in beleid
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    for inhoud in scripts:
        import base64

        h = base64.b64encode(hashlib.sha256(inhoud.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{h}'" in beleid


@pytest.mark.render
def test_csp_houdt_een_gemiste_tag_tegen_in_chromium(besmet, server, tmp_path):
    """Even a tag planted straight into the HTML cannot reach the network, and charts still draw."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium missing: `make test` installs it (tools/ensure-debian)"
    url = EXTERN.format(poort=server)
    html = (besmet / "impactanalyse.html").read_text(encoding="utf-8")
    main = re.search(r"<main\b[^>]*>", html)[0]
    geplant = html.replace(main, f'{main}<img src="{url}"><script>fetch("{url}")</script>', 1)
    assert geplant != html
    pagina = tmp_path / "geplant.html"
    pagina.write_text(geplant, encoding="utf-8")
    _Teller.verzoeken.clear()
    result = chromium_dom(chromium, pagina, netwerk_dicht=False)
    assert _Teller.verzoeken == [], "the page contacted a server"
    assert result.stdout.count("<svg") >= 2  # vega-embed still renders under the policy
