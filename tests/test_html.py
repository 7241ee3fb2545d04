"""The HTML report as a phone, a browser without JavaScript and a screen reader meet it (headless Chromium)."""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import re
import shutil

import pytest
from helpers import chromium_dom

from vt_analysis.basis import paths

pytestmark = pytest.mark.render

# Written into the DOM after layout, so the dumped DOM says how wide the page became.
_MEET = """<script>
window.addEventListener('load', function () {
  var uit = [];
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth + 0.5 && !el.closest('.tabel-rol, .vega-figuur')) {
      uit.push(el.tagName + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''));
    }
  });
  parent.postMessage({breedte: document.documentElement.scrollWidth, scherm: document.documentElement.clientWidth,
                      buiten: uit.slice(0, 5).join(' ')}, '*');
});
</script>
"""

# Headless Chromium does not make a window narrower than about 500 px: the page is measured in a frame of
# exactly the phone's width instead, which reports back to the frame around it.
_RAAM = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="pagina.html" style="border:0;width:%(breedte)dpx;height:900px"></iframe>
<script>
window.addEventListener('message', function (e) {
  var d = e.data;
  document.body.setAttribute('data-breedte', String(d.breedte));
  document.body.setAttribute('data-scherm', String(d.scherm));
  document.body.setAttribute('data-buiten', d.buiten);
});
</script></body></html>
"""


def _met_script(html: str, script: str) -> str:
    kop, staart = html.rsplit("</body>", 1)  # the last one: the Vega bundle holds the string too
    inhoud = script[len("<script>") : script.rindex("</script>")]
    sleutel = base64.b64encode(hashlib.sha256(inhoud.encode("utf-8")).digest()).decode("ascii")
    kop = kop.replace("script-src ", f"script-src 'sha256-{sleutel}' ", 1)
    return kop + script + "</body>" + staart


@pytest.fixture(scope="module")
def chromium() -> str:
    pad = shutil.which("chromium")
    assert pad, "chromium missing: `make test` installs it (tools/ensure-debian)"
    return pad


@pytest.mark.parametrize("breedte", [390, 1000])
def test_page_is_never_wider_than_the_screen(rendered, chromium, tmp_path, breedte):
    """WCAG 1.4.10 Reflow: at a phone's 390 px nothing sticks out sideways; wide tables and charts scroll or
    shrink inside their own box."""
    pagina = tmp_path / "pagina.html"
    pagina.write_text(_met_script((rendered / "impactanalyse.html").read_text(encoding="utf-8"), _MEET), "utf-8")
    raam = tmp_path / "raam.html"
    raam.write_text(_RAAM % {"breedte": breedte}, encoding="utf-8")
    dom = chromium_dom(chromium, raam, extra=("--window-size=1200,1000",)).stdout
    body = re.search(r"<body[^>]*data-breedte[^>]*>", dom)[0]
    scherm = int(re.search(r'data-scherm="(\d+)"', body)[1])
    assert breedte - 20 <= scherm <= breedte  # the viewport is the phone's (less a scroll bar)
    assert int(re.search(r'data-breedte="(\d+)"', body)[1]) <= scherm, body
    assert re.search(r'data-buiten="([^"]*)"', body)[1] == ""


# What a phone of 390 px shows: per table box whether it scrolls sideways, its edge shadow and where its caption
# ends; per chart the smallest text as drawn on the screen (font size times the SVG's scale).
_TELEFOON = """<script>
window.addEventListener('load', function () {
  var rollen = [], figuren = [];
  document.querySelectorAll('.tabel-rol').forEach(function (e) {
    var s = getComputedStyle(e), c = e.querySelector('caption');
    rollen.push([e.scrollWidth > e.clientWidth + 1, s.backgroundImage, s.backgroundAttachment,
                 c ? c.getBoundingClientRect().right : 0]);
  });
  document.querySelectorAll('.vega-figuur > svg').forEach(function (svg) {
    var schaal = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width, kleinste = 99;
    svg.querySelectorAll('text').forEach(function (x) {
      kleinste = Math.min(kleinste, parseFloat(getComputedStyle(x).fontSize) * schaal);
    });
    figuren.push(kleinste);
  });
  parent.postMessage({breedte: JSON.stringify({rollen: rollen, figuren: figuren}),
                      scherm: document.documentElement.clientWidth, buiten: ''}, '*');
});
</script>
"""


@pytest.fixture(scope="module")
def telefoon(rendered, chromium, tmp_path_factory) -> dict:
    """The page at 390 px, measured once for the tests of what a phone reader sees."""
    map_ = tmp_path_factory.mktemp("telefoon")
    pagina = map_ / "pagina.html"
    pagina.write_text(_met_script((rendered / "impactanalyse.html").read_text(encoding="utf-8"), _TELEFOON), "utf-8")
    (map_ / "raam.html").write_text(_RAAM % {"breedte": 390}, encoding="utf-8")
    dom = chromium_dom(chromium, map_ / "raam.html", extra=("--window-size=1200,1000",)).stdout
    uit = json.loads(html_lib.unescape(re.search(r'data-breedte="([^"]*)"', dom)[1]))
    uit["scherm"] = int(re.search(r'data-scherm="(\d+)"', dom)[1])
    return uit


def test_a_table_wider_than_the_phone_shows_that_it_scrolls(telefoon):
    """At 390 px most tables are wider than the screen and scroll in their box; a phone shows no scroll bar until
    the reader touches it, so each such box shows a shadow at the edge where columns are hidden (an overlay that
    scrolls with the table and disappears at the end), else the columns on the right (the shortage of the board's
    key figures) look like they are not there. Its caption stays on the screen instead of running off it."""
    breed = [rol for rol in telefoon["rollen"] if rol[0]]
    assert len(breed) >= 5, telefoon["rollen"]  # the kerncijfers and the wide tables of the report
    for _, beeld, hechting, rechts in breed:
        assert beeld.count("radial-gradient") == 2 and beeld.count("linear-gradient") == 2, beeld
        assert hechting.split(", ") == ["local", "local", "scroll", "scroll"], hechting
        assert rechts <= telefoon["scherm"], (rechts, telefoon["scherm"])


def test_chart_text_reads_on_a_phone(telefoon):
    """A chart scaled down to the phone's width drew its 11 px labels at about 5 px; it keeps a width at which its
    smallest text is at least 8 px on the screen and scrolls sideways in its box."""
    assert len(telefoon["figuren"]) >= 10
    assert min(telefoon["figuren"]) >= 8, telefoon["figuren"]


def test_every_chart_shows_without_javascript(rendered, chromium, tmp_path):
    """No script runs (a mail client, an intranet viewer): each chart is there as the PDF's vector drawing,
    with its text alternative; no button that needs JavaScript is there. (The page's own CSP is set to
    run no script at all: Chromium with JavaScript switched off cannot dump its DOM.)"""
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    zonder = re.sub(r"script-src [^;]*;", "script-src 'none';", html, count=1)
    assert zonder != html
    pagina = tmp_path / "zonder-script.html"
    pagina.write_text(zonder, encoding="utf-8")
    dom = chromium_dom(chromium, pagina)
    assert "Content Security Policy" in dom.stderr  # the page's scripts were there and did not run
    figuren = re.findall(
        r'<div class="vega-figuur" id="(vis-\d+)" role="img" aria-label="([^"]+)">(.*?)</div>', dom.stdout, re.S
    )
    assert len(figuren) == len(re.findall(r'class="vega-figuur"', html)) >= 2
    svgs = sorted((rendered / "typst" / "figuren").glob("figuur-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    for (doel, alt, inhoud), svg in zip(figuren, svgs, strict=True):
        assert alt.startswith("Grafiek: ")
        assert inhoud.startswith('<svg aria-hidden="true"') and "<path" in inhoud, doel
        # the same drawing as the PDF's (the same number of marks and texts)
        pdf_svg = svg.read_text(encoding="utf-8")
        assert inhoud.count("<path") == pdf_svg.count("<path") and inhoud.count("<text") == pdf_svg.count("<text")
    assert "<button" not in dom.stdout  # nothing to press that needs a script
    # the page's one script is there; Vega is not in the page but in the file beside it, loaded on request
    assert "<script>" in html and 'id="vega-bundel"' not in html
    assert (rendered / "vega.js").stat().st_size > 500_000 and len(html.encode("utf-8")) < 1_200_000


def test_skip_link_and_tables_reachable_by_keyboard(rendered):
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    body = html[html.index("<body") :]
    eerste_link = re.search(r"<a\b[^>]*>", body)[0]
    assert 'href="#inhoud"' in eerste_link and 'class="springlink"' in eerste_link
    assert '<main id="inhoud"' in html
    rollen = re.findall(r'<div class="tabel-rol" role="region" tabindex="0" aria-labelledby="(tabel-\d+)-titel">', html)
    assert rollen == re.findall(r'<table id="(tabel-\d+)"', html) and rollen
    assert all(f'<caption id="{t}-titel">' in html for t in rollen)


AXE = paths.ROOT / "tools" / "npm" / "node_modules" / "axe-core" / "axe.min.js"

# Runs axe once the page has loaded and writes its violations into the DOM for the dump.
_AXE_RUN = """<script>
window.addEventListener('load', function () {
  var tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  var klaar = function () {  // every chart a reader opened has its interactive view
    var open = document.querySelectorAll('button.vt-interactief[hidden]').length;
    return document.querySelectorAll('.vega-actions').length >= open;
  };
  var t = setInterval(function () {
  if (!klaar()) return;
  clearInterval(t);
  axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(function (r) {
      var uit = r.violations.map(function (v) {
        var plekken = v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); });
        return {id: v.id, impact: v.impact, help: v.help, nodes: plekken, n: v.nodes.length};
      });
      var pre = document.createElement('pre');
      pre.id = 'axe-uitslag';
      pre.textContent = JSON.stringify({versie: axe.version, geslaagd: r.passes.length, fouten: uit});
      document.body.appendChild(pre);
    });
  }, 100);
});
</script>
"""


# A reader who opens every interactive chart: axe then runs on the Vega views too.
_ALLES_INTERACTIEF = """<script>
document.querySelectorAll('button.vt-interactief').forEach(function (b) { b.click(); });
</script>
"""


@pytest.mark.parametrize("interactief", [False, True], ids=["zoals-geladen", "alle-figuren-interactief"])
def test_axe_finds_no_wcag_21_a_or_aa_violation(rendered, chromium, tmp_path, interactief):
    """axe-core (pinned in tools/npm, installed by tools/ensure-npm) in headless Chromium over the page as a
    reader gets it, and with every chart opened interactively: no violation of WCAG 2.1 level A or AA."""
    assert AXE.is_file(), "axe-core missing: `make test` installs it (tools/ensure-npm)"
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    axe = "<script>" + AXE.read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>\n"
    pagina = tmp_path / "pagina.html"
    shutil.copy(rendered / "vega.js", tmp_path)  # what the interactive views load, beside the page
    html = _met_script(html, axe)
    if interactief:
        html = _met_script(html, _ALLES_INTERACTIEF)
    pagina.write_text(_met_script(html, _AXE_RUN), encoding="utf-8")
    dom = chromium_dom(chromium, pagina, extra=("--window-size=1280,1000",)).stdout
    uitslag = json.loads(html_lib.unescape(re.search(r'<pre id="axe-uitslag">(.*?)</pre>', dom, re.S)[1]))
    assert uitslag["geslaagd"] > 10  # axe really ran its rules
    if interactief:
        # all opened: every chart and the rekentool
        assert dom.count('class="vega-actions"') == len(re.findall(r'class="vega-figuur[" ]', html))
    assert uitslag["fouten"] == [], json.dumps(uitslag["fouten"], ensure_ascii=False, indent=1)


def test_axe_finds_all_content_in_landmarks(rendered, chromium, tmp_path):
    """A screen reader moves by landmarks: axe's region rule finds no content outside them (the CONCEPT mark
    stood before the page's header; it is part of it now)."""
    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    axe = "<script>" + AXE.read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>\n"
    regel = _AXE_RUN.replace("{runOnly: {type: 'tag', values: tags}", "{runOnly: {type: 'rule', values: ['region']}")
    assert regel != _AXE_RUN
    pagina = tmp_path / "pagina.html"
    pagina.write_text(_met_script(_met_script(html, axe), regel), encoding="utf-8")
    dom = chromium_dom(chromium, pagina, extra=("--window-size=1280,1000",)).stdout
    uitslag = json.loads(html_lib.unescape(re.search(r'<pre id="axe-uitslag">(.*?)</pre>', dom, re.S)[1]))
    assert 'class="conceptmerk"' in html and uitslag["geslaagd"] >= 1
    assert uitslag["fouten"] == [], json.dumps(uitslag["fouten"], ensure_ascii=False, indent=1)


# A reader who opens the rekentool, reads it, then changes one number at a time: what the page showed each time
# is written into the DOM for the dump.
_REKEN_ZELF = """<script>
window.addEventListener('load', function () {
  var wijzigingen = %(wijzigingen)s, gezien = [], stap = 0, vorige = null;
  function teksten() {
    return Array.prototype.map.call(document.querySelectorAll('#vis-reken-zelf .mark-text.role-mark text'),
                                    function (t) { return t.textContent; });
  }
  document.querySelector('button.vt-interactief[data-doel="vis-reken-zelf"]').click();
  var t = setInterval(function () {
    var nu = teksten();
    if (nu.length === 0 || nu.join('|') === vorige) return;  // not drawn yet, or not redrawn after the change
    gezien.push(nu);
    vorige = nu.join('|');
    if (stap === wijzigingen.length) {
      clearInterval(t);
      var pre = document.createElement('pre');
      pre.id = 'reken-zelf-uitslag';
      pre.textContent = JSON.stringify(gezien);
      document.body.appendChild(pre);
      return;
    }
    var w = wijzigingen[stap++], veld = document.querySelector('#vis-reken-zelf input[name="' + w[0] + '"]');
    veld.value = String(w[1]);
    veld.dispatchEvent(new Event('input', {bubbles: true}));
  }, 50);
});
</script>
"""


def test_rekentool_shows_the_reports_figures_and_moves_like_the_python_rekentool(rendered, chromium, tmp_path):
    """Deliver 7: at its defaults the interactive rekentool shows results.json's figures of the leading prognosis;
    each number a reader changes moves required fte, shortage and cost as the Python rekentool computes them."""
    from vt_analysis.basis import formatting as fmt
    from vt_analysis.hoofdstukken.reken_zelf import reken_zelf, uitkomst
    from vt_analysis.invoer.run import load_run
    from vt_analysis.model.resultaten import Resultaten
    from vt_analysis.tekst.velden import leidende_prognose

    r = Resultaten.laad(rendered / "results.json")
    rz = reken_zelf(r, leidende_prognose(load_run(paths.DEFAULT_PARAMS)))
    stappen = [("meldingen", rz.meldingen + 250), ("adviezen", rz.adviezen - 300), ("fte_beschikbaar", 70.5)]
    html = _met_script(
        (rendered / "impactanalyse.html").read_text(encoding="utf-8"),
        _REKEN_ZELF % {"wijzigingen": json.dumps(stappen)},
    )
    pagina = tmp_path / "pagina.html"
    shutil.copy(rendered / "vega.js", tmp_path)  # what the interactive views load, beside the page
    pagina.write_text(html, encoding="utf-8")
    dom = chromium_dom(chromium, pagina, extra=("--window-size=1280,1000",))
    gevonden = re.search(r'<pre id="reken-zelf-uitslag">(.*?)</pre>', dom.stdout, re.S)
    assert gevonden, dom.stderr[-2000:]
    gezien = json.loads(html_lib.unescape(gevonden[1]))

    def getoond(u: dict) -> list[str]:
        return [
            f"{fmt.fte(u['fte_benodigd'])}\xa0fte",
            f"{fmt.fte(u['tekort_fte'])}\xa0fte",
            fmt.euro(u["tekort_euro"]),
        ]

    tekort = r.tekorten[(r.tekorten["variant"] == rz.variant) & (r.tekorten["jaar"] == rz.jaar)].iloc[0]
    verwacht = [getoond(tekort)]  # the report's own figures first (77,47 / 14,07 for BURAP 2 2024)
    invoer = {"meldingen": rz.meldingen, "adviezen": rz.adviezen, "fte_beschikbaar": rz.fte_beschikbaar}
    for naam, waarde in stappen:
        invoer[naam] = waarde
        verwacht.append(getoond(uitkomst(r, rz, **invoer)))
    assert [[t.replace(" ", "\xa0") for t in rij] for rij in gezien] == verwacht, gezien


def test_top_of_the_page_gives_the_boards_key_figures_of_results_json(rendered):
    """Under the title block, before the contents: the one-page summary's shortage table, the leading prognosis
    first, each cell as results.json has it; then the rekentool at the report's figures."""
    from vt_analysis.basis import formatting as fmt
    from vt_analysis.invoer.run import load_run
    from vt_analysis.tekst.velden import leidende_prognose

    html = (rendered / "impactanalyse.html").read_text(encoding="utf-8")
    kern = html.index('<section class="kerncijfers"')
    assert html.index("</header>") < kern < html.index('id="reken-zelf"') < html.index('<nav id="TOC"')
    sectie = html[kern : html.index("</section>", kern)]
    cellen = [html_lib.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", sectie)]
    rijen = [cellen[i : i + 7] for i in range(0, len(cellen), 7)]
    tekorten = json.loads((rendered / "results.json").read_text(encoding="utf-8"))["tekorten"]
    verwacht = [
        [
            str(t["jaar"]),
            fmt.aantal(t["meldingen"]),
            fmt.fte(t["fte_benodigd"]),
            fmt.fte(t["fte_beschikbaar"]),
            fmt.fte(t["tekort_fte"]),
            fmt.euro(t["tekort_euro"]),
        ]
        for t in tekorten
    ]
    assert len(rijen) == len(tekorten) and sorted(r[1:] for r in rijen) == sorted(verwacht)
    leidend = leidende_prognose(load_run(paths.DEFAULT_PARAMS))
    eerste = min((t["jaar"], v) for v, t in zip(verwacht, tekorten, strict=True) if t["variant"] == leidend)[1]
    assert rijen[0][1:] == eerste  # the board reads the leading shortage first (14,07 fte in 2025)


def test_a_page_without_vega_js_beside_it_keeps_its_charts_and_says_why(rendered, chromium, tmp_path):
    """Mailed alone, the HTML has no vega.js: the static chart stays, the button says what is missing."""
    from vt_analysis.bouw.html_figuren import GEEN_VEGA, VEGA_BESTAND

    openen = "<script>\ndocument.querySelector('button.vt-interactief').click();\n</script>\n"
    pagina = tmp_path / "impactanalyse.html"  # no vega.js in tmp_path
    pagina.write_text(_met_script((rendered / "impactanalyse.html").read_text(encoding="utf-8"), openen), "utf-8")
    dom = chromium_dom(chromium, pagina).stdout
    assert '<p class="vt-geen-vega" role="status">' + GEEN_VEGA.replace("N", VEGA_BESTAND) in html_lib.unescape(dom)
    eerste = re.search(r'<div class="vega-figuur" id="vis-1" role="img"[^>]*>(.*?)</div>', dom, re.S)
    assert eerste and eerste[1].startswith('<svg aria-hidden="true"')  # the static chart is still there
