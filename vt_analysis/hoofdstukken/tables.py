"""Tables in chapter notebooks: one Markdown pipe table with a caption, numbers right-aligned.

The output is ``text/markdown`` only, so nbconvert's Markdown export keeps it and pandoc turns it
into a real table in both HTML and Typst (a DataFrame's HTML would become run-on text in the PDF).
A column's :class:`~vt_analysis.basis.kolomformaat.Formaat` prints its numbers (through the one formatter) and
is what the workbook shows them with; the table keeps the unrounded numbers for the workbook.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from vt_analysis.basis.kolomformaat import TEKST, Formaat, cel_tekst
from vt_analysis.hoofdstukken.tabeldata import TABEL_MIMETYPE, tabel_data
from vt_analysis.tekst.markup import markdown_tekst


def _cel(waarde: object) -> str:
    """Every cell as literal text, whatever its column's formatter: a data field or a formatter's output never
    becomes markup (markup.markdown_tekst escapes ``|`` too). Always on, not a property of the column."""
    return markdown_tekst(waarde)


class Tabel:
    """A captioned table; columns with a number format are right-aligned, the others are text."""

    def __init__(
        self,
        df: pd.DataFrame,
        bijschrift: str,
        formats: Mapping[str, Formaat] | None = None,
        koppen: Mapping[str, str] | None = None,
    ):
        formats = dict(formats or {})
        onbekend = set(formats) - set(df.columns)
        if onbekend:
            raise KeyError(f"formats for unknown columns: {sorted(onbekend)}")
        self.bijschrift = bijschrift
        self.kolommen = list(df.columns)
        self.koppen = [dict(koppen or {}).get(k, k) for k in self.kolommen]
        self.rechts = [formats.get(k, TEKST).is_getal for k in self.kolommen]
        self.data = tabel_data(df, bijschrift, self.koppen, formats)  # the workbook's copy: unrounded values
        self.rijen = [
            [cel_tekst(v, formats.get(k, TEKST)) for k, v in zip(self.kolommen, rij, strict=True)]
            for rij in df.itertuples(index=False)
        ]

    def markdown(self) -> str:
        kop = "| " + " | ".join(_cel(k) for k in self.koppen) + " |"
        lijn = "|" + "|".join("---:" if r else ":---" for r in self.rechts) + "|"
        rijen = ["| " + " | ".join(_cel(v) for v in rij) + " |" for rij in self.rijen]
        return "\n".join([kop, lijn, *rijen, "", f"Table: {markdown_tekst(self.bijschrift)}"])

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": self.markdown(), TABEL_MIMETYPE: self.data, "text/plain": f"Tabel: {self.bijschrift}"}


def tabel(df: pd.DataFrame, bijschrift: str, formats=None, koppen=None) -> Tabel:
    """Display ``df`` as a captioned report table."""
    return Tabel(df, bijschrift, formats, koppen)
