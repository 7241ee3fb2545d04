"""Text blocks stay text: raw HTML, pandoc attributes, raw Typst, math and citations in a block reach the HTML
and the PDF as the characters typed (through the real pandoc with the report's filter, and real Typst); data
text in the title never becomes a link in a PDF artifact (the footer)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from vt_analysis.bouw import pdf_rapport
from vt_analysis.bouw.pandoc_omzetten import pandoc
from vt_analysis.tekst import blokken as tekst

VIJANDIG = """Gewone zin met *nadruk* en **vet**.

<a href="http://127.0.0.1:9/x">klik</a> <meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">
<script>alert(1)</script> <img src=x onerror=alert(2)>

<figure class="figuur" id="figuur-9">
<div class="vega-figuur" id="vis-9"><script>alert(3)</script></div>
</figure>

[een link](http://127.0.0.1:9/y) en [naar niets](#bestaat-niet) en ![beeld](http://127.0.0.1:9/z.png)

# Kop {onclick="alert(4)" style="color:red"}

[tekst]{onmouseover="alert(5)"} en `<b>vet</b>`{=html} en `#link("http://127.0.0.1:9")`{=typst}

```{=typst}
#link("http://127.0.0.1:9")[typst]
```

Wiskunde $x^2$ en $$y$$ en een bron @naam en [@naam, p. 3] en een voetnoot[^1].

[^1]: de voetnoot.

Tekst uit een placeholder: {{ "<script>alert(6)</script> @naam $z$" }}.
"""


@pytest.fixture
def blok(tmp_path: Path, monkeypatch, standaard_run) -> str:
    kopie = tmp_path / "tekst"
    shutil.copytree(tekst.TEKST_DIR, kopie)
    monkeypatch.setattr(tekst, "TEKST_DIR", kopie)
    (kopie / "burap2-2024" / "aanleiding.md").write_text(VIJANDIG, encoding="utf-8")
    return tekst.render_blok("aanleiding", standaard_run)


def test_blok_wordt_geen_html(blok):
    html = pandoc(blok, "html5", [])
    html = re.sub(r'<nav id="TOC".*?</nav>', "", html[html.index("<body>") :], flags=re.S)  # the report's own TOC
    for live in (
        r"<a\b",
        r"<meta\b",
        r"<script\b",
        r"<img\b",
        r"<[a-z][^<>]*\son\w+\s*=",
        r"<figure\b",
        r"<[a-z][^<>]*\sstyle\s*=",
        "<b>",
    ):
        assert not re.search(live, html, flags=re.I), (live, html)
    assert 'class="math' not in html and 'class="citation' not in html and "footnote" not in html
    for letterlijk in ("&lt;script&gt;alert(1)", "$x^2$", "@naam", "[een link](http://127.0.0.1:9/y)", "{onclick="):
        assert letterlijk in html, letterlijk
    assert "<em>nadruk</em>" in html and "<strong>vet</strong>" in html  # the safe subset stays
    assert "&lt;script&gt;alert(6)" in html  # a string in a placeholder is text too


def test_blok_wordt_geen_typst_en_de_pdf_heeft_geen_link(blok, standaard_run, tmp_path):
    """pandoc → Typst → PDF/UA-1 as the report does: no raw Typst, no link, no citation (that would need a
    bibliography and break the PDF)."""
    typst_bron = pandoc(blok, "typst", [])
    buiten_code = re.sub(r"`[^`]*`", "", typst_bron)  # a code span is raw text in Typst too
    assert "#link(" not in buiten_code.replace('\\#link("', "")
    pdf = tmp_path / "blok.pdf"
    pdf_rapport.render_pdf(blok, standaard_run, pdf, tmp_path / "typst")
    reader = PdfReader(pdf)
    tekst_pdf = "".join(p.extract_text() for p in reader.pages).replace("\n", " ")
    assert "@naam" in tekst_pdf and "$x^2$" in tekst_pdf and "<script>alert(1)</script>" in tekst_pdf
    assert not _uri_links(reader)


def _uri_links(reader: PdfReader) -> list:
    """Link annotations to anything but a place in the document (the table of contents links to headings)."""
    annotaties = [a.get_object() for p in reader.pages for a in (p.get("/Annots") or [])]
    return [a for a in annotaties if a.get("/Subtype") == "/Link" and "/Dest" not in a and "/D" not in a.get("/A", {})]


@pytest.mark.parametrize(
    "titel", ["Zie https://127.0.0.1:9/x en ![b](http://127.0.0.1:9/b.png)", '@naam #link("http://x") <a href=x>']
)
def test_titel_wordt_geen_link_in_de_voettekst(standaard_run, tmp_path, titel):
    """A title with a URL once made Typst link it in the footer: PDF/UA-1 forbids links in artifacts."""
    run = type(standaard_run)(
        params=standaard_run.params.model_copy(update={"titel": titel}),
        data=standaard_run.data,
        params_bestand=standaard_run.params_bestand,
    )
    pdf = tmp_path / "titel.pdf"
    pdf_rapport.render_pdf("Tekst.\n", run, pdf, tmp_path / "typst")
    reader = PdfReader(pdf)
    assert titel.split(" ")[0] in reader.pages[-1].extract_text()
    assert not _uri_links(reader)


def test_filter_laat_alleen_een_echte_figuur_door():
    """The second line: raw HTML that starts like a chart block of the converter but holds a link, a refresh, a
    handler or a second script is text; a real chart block (hostile names escaped in it) stays a chart."""
    echt = (
        '```{=html}\n<figure class="figuur" id="figuur-1">\n'
        '<div class="vega-figuur" id="vis-1" role="img" aria-label="A &lt;img src=x&gt;"></div>\n'
        '<script type="application/json" class="vega-spec" data-doel="vis-1">{"a":"\\u003cimg src=x\\u003e"}</script>\n'
        "<figcaption>Figuur 1: x</figcaption>\n</figure>\n```\n"
    )
    html = pandoc(echt, "html5", [])
    assert '<figure class="figuur" id="figuur-1">' in html
    for binnen in (
        '<a href="http://127.0.0.1:9/">k</a>',
        '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">',
        "<script>alert(1)</script>",
        '<div onclick="alert(2)"></div>',
        '<svg><image href="http://127.0.0.1:9/x.png"/></svg>',
    ):
        nep = echt.replace("<figcaption>", binnen + "\n<figcaption>")
        html = pandoc(nep, "html5", [])
        assert '<figure class="figuur"' not in html and "&lt;figure" in html, binnen
