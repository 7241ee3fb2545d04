"""Executed notebooks → Markdown: charts become a figure (HTML) or an SVG file (Typst); streams are reported."""

from __future__ import annotations

import json

import altair as alt
import nbformat
import pandas as pd

from vt_analysis.bouw.convert import combine_notebooks, to_markdown
from vt_analysis.hoofdstukken.charts import VEGALITE_MIMETYPE, figuur


def _notebook(tmp_path):
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_line().encode(x="x:Q", y="y:Q")
    spec = figuur(chart, "Een figuur")._repr_mimebundle_()[VEGALITE_MIMETYPE]
    cel = nbformat.v4.new_code_cell("figuur")
    cel.outputs = [
        nbformat.v4.new_output("display_data", data={VEGALITE_MIMETYPE: spec, "text/plain": "Figuur"}),
        nbformat.v4.new_output("stream", name="stdout", text="een print\n"),
        nbformat.v4.new_output("display_data", data={"text/markdown": "| a |\n|---:|\n| 1 |\n\nTable: Tabel A"}),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hoofdstuk"), cel])
    pad = tmp_path / "01-test.ipynb"
    nbformat.write(nb, pad)
    return pad


def test_html_gets_a_numbered_figure_with_its_spec_and_numbered_tables(tmp_path):
    samen = combine_notebooks([_notebook(tmp_path)])
    markdown, meldingen = to_markdown(samen, "html")
    assert '<figure class="figuur" id="figuur-1">' in markdown and "Figuur 1: Een figuur" in markdown
    spec = markdown.split('class="vega-spec" data-doel="vis-1">', 1)[1].split("</script>", 1)[0]
    assert json.loads(spec)["usermeta"]["bijschrift"] == "Een figuur"
    assert "Table: Tabel 1: Tabel A" in markdown
    assert "figuur\n" not in markdown.replace("figuur-1", "")  # code is not part of the report
    assert meldingen == ["01-test.ipynb cel 2: een print"]


def test_typst_gets_an_svg_file_with_the_caption(tmp_path):
    samen = combine_notebooks([_notebook(tmp_path)])
    markdown, _ = to_markdown(samen, "typst", tmp_path / "figuren")
    svg = tmp_path / "figuren" / "figuur-1.svg"
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert 'image("figuren/figuur-1.svg"' in markdown and "caption: [Een figuur]" in markdown
    assert 'alt: "Grafiek: Een figuur.' in markdown  # a text alternative from the chart's own data
    assert "Table: Tabel A" in markdown  # Typst numbers tables itself
