"""The format of a table column: one object gives both the Dutch text of a cell and its Excel number format.

A chapter says what a column holds (fte, euro, a percentage, a count, a year, text) and keeps the unrounded
numbers; the report prints them through :mod:`vt_analysis.basis.formatting` (rounded half away from zero) and
the workbook stores them unrounded with the Excel format of the same look. Nothing reads a printed number back.
Escaping is not a property of a format: every text cell is escaped by the table (markup.markdown_tekst).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass, replace

import pandas as pd

from vt_analysis.basis import formatting as fmt

SOORTEN = ("tekst", "aantal", "getal", "fte", "euro", "procent", "jaar")
LEEG = "–"  # what the report shows for a missing figure; an empty cell in the workbook


def is_getal(waarde: object) -> bool:
    """A real number (numpy's too), not a bool."""
    return isinstance(waarde, numbers.Real) and not isinstance(waarde, bool)


def ontbreekt(waarde: object) -> bool:
    """No figure: None, NaN or pandas' NA."""
    return waarde is None or waarde is pd.NA or (is_getal(waarde) and math.isnan(float(waarde)))


@dataclass(frozen=True)
class Formaat:
    """How the numbers of a column look: ``soort`` (one of SOORTEN), ``decimalen``, ``teken`` ('+' before a
    positive difference) and ``heel_zonder`` (a whole value without decimals, as a data file writes 9% and 8,5%)."""

    soort: str = "tekst"
    decimalen: int = 0
    teken: bool = False
    heel_zonder: bool = False

    def __post_init__(self) -> None:
        if self.soort not in SOORTEN:
            raise ValueError(f"unknown format kind {self.soort!r}; expected one of {SOORTEN}")

    @property
    def is_getal(self) -> bool:
        """A number column: right-aligned in the report, numbers in the workbook."""
        return self.soort != "tekst"

    def voor(self, waarde: float) -> Formaat:
        """The format of this one value (``heel_zonder`` decided: 9 shows no decimals, 8,5 does)."""
        if not self.heel_zonder:
            return self
        decimalen = fmt.decimalen_voor(waarde, self.decimalen) if is_getal(waarde) else self.decimalen
        return replace(self, decimalen=decimalen, heel_zonder=False)

    def tekst(self, waarde: object) -> str:
        """The Dutch text of a cell: a number through the one formatter, a text as it is, '–' for no figure."""
        if isinstance(waarde, str):
            return waarde  # a text in a number column: 'samen', 'niet becijferd'
        if not self.is_getal:
            return "" if waarde is None else str(waarde)
        if ontbreekt(waarde):
            return LEEG
        f = self.voor(waarde)
        if f.soort == "jaar":
            return str(int(waarde))
        plus = "+" if f.teken and fmt.afronden(waarde, f.decimalen) > 0 else ""
        if f.soort == "euro":
            return plus + fmt.euro(waarde, f.decimalen)
        if f.soort == "procent":
            return plus + fmt.procent(waarde, f.decimalen)
        return fmt.getal(waarde, f.decimalen, teken=f.teken)

    def excel(self, waarde: float | None = None) -> str | None:
        """The Excel number format that shows (``waarde``) as :meth:`tekst` does; None for text.
        Excel puts the reader's own separators in; the minus is the report's real minus sign."""
        if not self.is_getal:
            return None
        f = self.voor(waarde)
        if f.soort == "jaar":
            return "0"
        staart = "." + "0" * f.decimalen if f.decimalen else ""
        if f.soort == "procent":
            getal = f"0{staart}%"
        elif f.soort == "euro":
            getal = f'"€ "#,##0{staart}'
        else:
            getal = f"#,##0{staart}"
        positief = f"+{getal}" if f.teken else getal
        return f'{positief};"{fmt.MINUS}"{getal};{getal}'

    def excel_waarde(self, waarde: float) -> float:
        """A number as the workbook stores it: unrounded, a percentage on Excel's scale (the report's 0–100
        divided by 100), without float noise past 10 decimals (far below anything a figure of the report means)."""
        if self.soort == "procent":
            return round(float(waarde) / 100, 12)
        return round(float(waarde), 10) if isinstance(waarde, float) else waarde

    def als_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def van_dict(cls, inhoud: dict) -> Formaat:
        return cls(**inhoud)


TEKST = Formaat()
AANTAL = Formaat("aantal")
JAAR = Formaat("jaar")
FTE = Formaat("fte", 2)  # to the hundredth, as in Bijlage 2
FTE_VERSCHIL = Formaat("fte", 2, teken=True)
EURO = Formaat("euro")
GETALLEN = Formaat("getal")  # a column of different quantities: every cell a Cel with its own format


def getal(decimalen: int, teken: bool = False, heel_zonder: bool = False) -> Formaat:
    return Formaat("getal", decimalen, teken, heel_zonder)


def procent(decimalen: int = 0, teken: bool = False, heel_zonder: bool = False) -> Formaat:
    """A percentage on the report's 0–100 scale."""
    return Formaat("procent", decimalen, teken, heel_zonder)


@dataclass(frozen=True)
class Cel:
    """A cell with a format of its own, in a column whose rows are different quantities (an indicator table)."""

    waarde: object
    formaat: Formaat


@dataclass(frozen=True)
class Interval:
    """A range shown as ``74,10 – 84,53``; in the workbook two number columns (lower and upper bound)."""

    laag: float
    hoog: float


@dataclass(frozen=True)
class MetInterval:
    """A figure with its interval, shown as ``63,65 (63,59–63,71)`` or ``98% (97–99%)``; in the workbook three
    number columns (the figure, its lower and its upper bound)."""

    waarde: float
    laag: float
    hoog: float


def cel_tekst(waarde: object, formaat: Formaat) -> str:
    """The report's text of a cell in a column of ``formaat`` (a :class:`Cel` brings its own)."""
    if isinstance(waarde, Cel):
        return waarde.formaat.tekst(waarde.waarde)
    if isinstance(waarde, Interval):
        return f"{formaat.tekst(waarde.laag)} – {formaat.tekst(waarde.hoog)}"
    if isinstance(waarde, MetInterval):
        if ontbreekt(waarde.waarde):
            return LEEG
        laag = formaat.tekst(waarde.laag).removesuffix("%")  # '97–99%': the unit once
        return f"{formaat.tekst(waarde.waarde)} ({laag}–{formaat.tekst(waarde.hoog)})"
    return formaat.tekst(waarde)
