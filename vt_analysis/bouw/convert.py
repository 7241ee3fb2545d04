"""Executed chapter notebooks → one Markdown document for pandoc, per target (html or typst).

nbconvert's Markdown export keeps ``text/markdown`` outputs (our tables and generated text) but
drops a Vega-Lite chart without a trace. A preprocessor therefore turns every chart output into
Markdown first: for HTML a raw block with a ``<div>`` and the spec as JSON (embedded by one
script at the end of the page), for Typst an SVG file made by vl-convert and an image with caption,
for Word the same drawing as a PNG with its text alternative and the caption below it.
Stream output (print, warnings) is not part of the report; it is returned so the runner can show it.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

import nbformat
import vl_convert as vlc
from nbconvert import MarkdownExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from vt_analysis.basis.paths import font_dir
from vt_analysis.bouw.typst_pdf import typst_inhoud
from vt_analysis.bouw.woord import BREEDTE_CM
from vt_analysis.hoofdstukken.charts import FORMAT_LOCALE, VEGALITE_MIMETYPE, gegevens_tabel
from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import invoer_sha256, omgeving_sha256
from vt_analysis.tekst.markup import markdown_tekst

VL_VERSION = "6.4"


@lru_cache(maxsize=1)
def _register_font() -> None:
    vlc.register_font_directory(str(font_dir()))


def spec_to_svg(spec: dict) -> str:
    """A Vega-Lite spec as SVG with Dutch number and date formats and the project's font.

    Kept in the private cache under the spec, the package and the lock file (vl-convert and the font are
    in it): drawing the charts again is most of what a PDF of unchanged chapters costs.
    """

    def teken() -> bytes:
        _register_font()
        svg = vlc.vegalite_to_svg(
            spec, vl_version=VL_VERSION, format_locale=FORMAT_LOCALE, time_format_locale=FORMAT_LOCALE
        )
        return svg.encode("utf-8")

    sleutel = invoer_sha256(omgeving_sha256(), VL_VERSION, json.dumps(spec, sort_keys=True, ensure_ascii=False))
    return privecache.haal(f"figuur-{sleutel}.svg", teken).decode("utf-8")


def statische_svg(spec: dict) -> str:
    """The chart's SVG for inside the HTML page: one line, hidden from screen readers (its container carries
    the text alternative), scaling with the page (the viewBox stays, the fixed size goes to CSS)."""
    svg = spec_to_svg(spec).replace("\n", " ")
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def spec_to_png(spec: dict) -> bytes:
    """The chart's SVG as a PNG at twice its size (for Word, which shows an SVG only from Office 2016 on)."""

    def teken() -> bytes:
        _register_font()
        return vlc.svg_to_png(spec_to_svg(spec), scale=2)

    sleutel = invoer_sha256(omgeving_sha256(), VL_VERSION, json.dumps(spec, sort_keys=True, ensure_ascii=False))
    return privecache.haal(f"figuur-{sleutel}.png", teken)


def _typst_tekst(tekst: str) -> str:
    """A Typst string literal."""
    return json.dumps(tekst, ensure_ascii=False)


def _json_in_script(spec: dict) -> str:
    # No '<', '>' or '&' at all inside the script element: a name like "<img …>" stays data, never a tag.
    tekst = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return tekst.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _gegevens_html(spec: dict, nummer: int) -> str:
    """The chart's data as a table under it, folded away: reachable for a screen reader and by keyboard."""
    koppen, rijen = gegevens_tabel(spec)
    if not rijen:
        return ""
    kop = "".join(f'<th scope="col">{html.escape(k)}</th>' for k in koppen)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(w)}</td>" for w in rij) + "</tr>" for rij in rijen)
    return (
        f'<details class="figuurgegevens"><summary>Gegevens bij figuur {nummer}</summary>'
        f'<div class="tabel-rol" role="region" tabindex="0" aria-label="Gegevens bij figuur {nummer}">'
        f"<table><thead><tr>{kop}</tr></thead><tbody>{body}</tbody></table></div></details>\n"
    )


class ReportOutputs(Preprocessor):
    """Chart outputs → Markdown for one target; captions numbered for HTML; streams collected."""

    doel = Unicode("html").tag(config=True)
    figuur_map = Unicode("").tag(config=True)

    def preprocess(self, nb, resources):
        figuren = 0
        tabellen = 0
        meldingen = resources.setdefault("stream_meldingen", [])
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            uitvoer = []
            for out in cell.get("outputs", []):
                if out.output_type == "stream":
                    meldingen.append(f"{cell.metadata.get('vt_hoofdstuk', '')} cel {index + 1}: {out.text.strip()}")
                    continue
                data = out.get("data", {})
                if VEGALITE_MIMETYPE in data:
                    figuren += 1
                    out.data = {"text/markdown": self._figuur(data[VEGALITE_MIMETYPE], figuren)}
                elif "text/markdown" in data:
                    markdown = data["text/markdown"]
                    if self.doel in ("html", "docx") and "\nTable: " in markdown:
                        tabellen += 1
                        markdown = markdown.replace("\nTable: ", f"\nTable: Tabel {tabellen}: ", 1)
                    out.data = {"text/markdown": markdown}
                uitvoer.append(out)
            cell.outputs = uitvoer
        return nb, resources

    def _figuur(self, spec: dict, nummer: int) -> str:
        bijschrift = spec.get("usermeta", {}).get("bijschrift", "")
        alt_tekst = spec.get("usermeta", {}).get("alt") or f"Grafiek: {bijschrift}"
        # where no table follows the chart (PDF, Word), its data follow the short text
        alt_lang = " ".join(filter(None, [alt_tekst, spec.get("usermeta", {}).get("alt_gegevens")]))
        if self.doel == "html":
            # The drawing itself (the SVG of the PDF) is in the page, so it shows without JavaScript and
            # costs the reader's phone nothing; the interactive Vega view is made only when asked for.
            return (
                "```{=html}\n"
                f'<figure class="figuur" id="figuur-{nummer}">\n'
                f'<div class="vega-figuur" id="vis-{nummer}" role="img" aria-label="{html.escape(alt_tekst)}">'
                f"{statische_svg(spec)}</div>\n"
                f'<script type="application/json" class="vega-spec" data-doel="vis-{nummer}">'
                f"{_json_in_script(spec)}</script>\n"
                f"<figcaption>Figuur {nummer}: {html.escape(bijschrift)}</figcaption>\n"
                f"{_gegevens_html(spec, nummer)}"
                "</figure>\n"
                "```"
            )
        map_ = Path(self.figuur_map)
        map_.mkdir(parents=True, exist_ok=True)
        if self.doel == "docx":
            # An image whose Word description is the text alternative, the caption as the paragraph below it.
            (map_ / f"figuur-{nummer}.png").write_bytes(spec_to_png(spec))
            return (
                f"![{markdown_tekst(alt_lang)}]({map_.name}/figuur-{nummer}.png){{width={BREEDTE_CM}cm}}\n\n"
                f'::: {{custom-style="Bijschrift figuur"}}\nFiguur {nummer}: {markdown_tekst(bijschrift)}\n:::'
            )
        (map_ / f"figuur-{nummer}.svg").write_text(spec_to_svg(spec), encoding="utf-8")
        # Raw Typst: pandoc's Typst writer drops alt texts, and PDF/UA-1 requires one for every image.
        return (
            "```{=typst}\n"
            f'#figure(image("{map_.name}/figuur-{nummer}.svg", width: 100%, alt: {_typst_tekst(alt_lang)}),\n'
            f"  caption: [{typst_inhoud(bijschrift)}])\n"
            "```"
        )


def combine_notebooks(notebooks: list[Path]) -> nbformat.NotebookNode:
    """One notebook with the cells of all chapters in order (figure and table numbers run on)."""
    samen = nbformat.v4.new_notebook()
    for pad in notebooks:
        nb = nbformat.read(pad, as_version=4)
        for i, cell in enumerate(nb.cells):
            cell.metadata["vt_hoofdstuk"] = pad.name
            cell.id = f"{pad.stem}-{i}"  # unique and stable across chapters
        samen.cells.extend(nb.cells)
    return samen


def to_markdown(nb: nbformat.NotebookNode, doel: str, figuur_map: Path | None = None) -> tuple[str, list[str]]:
    """Markdown of the report for ``doel`` ('html', 'typst' or 'docx') and the collected stream output."""
    exporter = MarkdownExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(ReportOutputs(doel=doel, figuur_map=str(figuur_map or "")), enabled=True)
    markdown, resources = exporter.from_notebook_node(nbformat.from_dict(json.loads(json.dumps(nb))))
    return markdown, resources.get("stream_meldingen", [])
