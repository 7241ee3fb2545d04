"""The HTML page around the chapters: the head (CSP, font, style), the Vega bundle at the end, the pandoc call.

The page loads nothing from outside: Vega is one file beside it (``vega.js``, loaded only when a reader opens an
interactive chart, so a phone does not download 0,9 MB it may never use), the font is embedded as ``data:``, and a
Content-Security-Policy lets only the page's own scripts run.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

import vl_convert as vlc

from vt_analysis.basis import paths
from vt_analysis.bouw.convert import VL_VERSION
from vt_analysis.bouw.html_figuren import VEGA_BESTAND, embed_script
from vt_analysis.bouw.html_lijsten import LIJSTEN_PLEK, lijsten_html
from vt_analysis.bouw.pandoc_omzetten import pandoc
from vt_analysis.bouw.titelpagina import variabelen
from vt_analysis.invoer.run import Run
from vt_analysis.opslag import privecache


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (no CDN); ~2 s to build, so kept in the private cache."""
    naam = f"vega-{vlc.__version__}-{VL_VERSION}.js"
    return privecache.haal(naam, lambda: vlc.javascript_bundle(vl_version=VL_VERSION).encode("utf-8")).decode("utf-8")


def _font_face() -> str:
    regels = []
    for gewicht, bestand in (("normal", "Lato-Regular.ttf"), ("bold", "Lato-Bold.ttf")):
        data = base64.b64encode((paths.font_dir() / bestand).read_bytes()).decode("ascii")
        regels.append(
            f"@font-face {{ font-family: Lato; font-weight: {gewicht}; "
            f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
        )
    return "\n".join(regels)


def _script_inhoud(script: str) -> str:
    """The text between ``<script>`` and ``</script>`` of one inline script (what a CSP hash covers)."""
    return script[script.index(">") + 1 : script.rindex("</script>")]


def csp_meta(*scripts: str) -> str:
    """A Content-Security-Policy that lets only these inline scripts run and loads nothing from outside.

    Scripts by SHA-256 (an injected ``<script>`` or ``onerror=`` does not run), plus ``'strict-dynamic'``: a
    script those trust may add one (the embedding script adds ``vega.js``), a tag in the markup may not. Styles
    inline, images and fonts only as ``data:``, no connections, frames, forms or base URL: even a tag that
    slipped through the escaping cannot reach the network.
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(_script_inhoud(s).encode('utf-8')).digest()).decode('ascii')}'"
        for s in scripts
    )
    beleid = (
        f"default-src 'none'; script-src {hashes} 'strict-dynamic'; style-src 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{beleid}">\n'


def _html_head() -> str:
    """CSP and style. The CSP allows the page's embedding script by its hash (and what it loads)."""
    css = (paths.TEMPLATE_DIR / "stijl.css").read_text(encoding="utf-8")
    return f"{csp_meta(embed_script())}<style>\n{_font_face()}\n{css}</style>\n"


def _html_after_body() -> str:
    """At the end of the page, after the text: the one script that makes charts interactive."""
    return embed_script()


def render_html(markdown: str, run: Run, doel_bestand: Path, werkmap: Path, bovenaan: str = "") -> None:
    head = werkmap / "head.html"
    after = werkmap / "after.html"
    na_body = _html_after_body()
    head.write_text(_html_head(), encoding="utf-8")
    after.write_text(na_body, encoding="utf-8")
    tekst = pandoc(
        markdown,
        "html5",
        [
            "--template",
            str(paths.TEMPLATE_DIR / "impactanalyse.html"),
            "--number-sections",
            "--section-divs",
            "--include-in-header",
            str(head),
            "--include-after-body",
            str(after),
            *variabelen(run, "html"),
            "-V",
            f"lijsten={LIJSTEN_PLEK}",
            *(["-V", f"bovenaan={bovenaan}"] if bovenaan else []),
        ],
    )
    doel_bestand.write_text(lijsten_html(tekst), encoding="utf-8")
    (doel_bestand.parent / VEGA_BESTAND).write_text(vega_bundle(), encoding="utf-8")
