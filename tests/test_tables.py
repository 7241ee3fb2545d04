"""Report tables: one Markdown pipe table with a caption, numbers right-aligned, text left."""

from __future__ import annotations

import pandas as pd
import pytest

from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.tables import Tabel, tabel


def test_numbers_right_text_left_with_caption():
    df = pd.DataFrame({"periode": ["BURAP 2 2024"], "fte": [74.0911]})
    md = tabel(df, "Een bijschrift", {"fte": kf.FTE}, {"periode": "Periode", "fte": "Fte"}).markdown()
    assert md.splitlines() == [
        "| Periode | Fte |",
        "|:---|---:|",
        "| BURAP 2 2024 | 74,09 |",
        "",
        "Table: Een bijschrift",
    ]


def test_a_pipe_or_newline_in_a_cell_does_not_break_the_table():
    md = Tabel(pd.DataFrame({"bron": ["a | b\nc"]}), "x").markdown()
    assert "| a \\| b c |" in md


def test_a_format_for_an_unknown_column_is_an_error():
    with pytest.raises(KeyError, match="onbekend|unknown"):
        Tabel(pd.DataFrame({"a": [1]}), "x", {"b": kf.AANTAL})


def test_the_notebook_output_is_markdown_only():
    bundle = Tabel(pd.DataFrame({"a": [1]}), "Bijschrift")._repr_mimebundle_()
    assert set(bundle) >= {"text/markdown", "text/plain"} and "text/html" not in bundle
    assert bundle["text/plain"] == "Tabel: Bijschrift"


@pytest.mark.parametrize("formaat", [None, kf.TEKST, kf.EURO])
def test_markdown_in_a_text_cell_stays_text_without_the_pandoc_filter(formaat):
    """Escaping is a rule for every cell, not a property of a column: a text in a number column ('niet
    becijferd' among amounts) is escaped too. Converted without the report's pandoc filter, so the
    escaping alone must keep the markup out."""
    import pypandoc

    cel = "*nadruk* <b>vet</b> [link](http://127.0.0.1:9/) `code` $x$ @ref"
    formats = {"bron": formaat} if formaat else None
    md = Tabel(pd.DataFrame({"bron": [cel]}), "x", formats).markdown()
    html = pypandoc.convert_text(md, to="html5", format="markdown")
    for markup in ("<em>", "<b>", "<a ", "<code>", "math", "citation"):
        assert markup not in html, (markup, html)
    assert "*nadruk*" in html and "&lt;b&gt;vet&lt;/b&gt;" in html and "`code`" in html
