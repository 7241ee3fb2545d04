"""The one Dutch number formatter (Babel, locale nl_NL) for everything a person reads.

``73,33 fte``, ``€ 238.475``, ``4.600 meldingen``, ``−7,18``: decimal comma, thousands dot and a
real minus sign (U+2212), as in Dutch typesetting. Every shown number is rounded half away from zero
(:func:`afronden`), as Dutch readers and Excel do: 8,5% with no decimals is 9%, € 0,50 is € 1.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"
MINUS = "\u2212"
NBSP = "\u00a0"  # between € and its amount and between a number and 'fte': never split over two lines


def _minus(tekst: str) -> str:
    return tekst.replace("-", MINUS)


def afronden(waarde: float, decimalen: int = 0) -> Decimal:
    """``waarde`` rounded half away from zero to ``decimalen`` decimals, as Excel's ROUND does.

    Python's ``round`` rounds half to even (``round(8.5) == 8``) and on the binary value
    (``round(2.675, 2) == 2.67``); a reader expects 9 and 2,68. The number is taken as its shortest
    decimal representation (what the data file and ``results.json`` say), then rounded with ``decimal``.
    """
    exact = Decimal(repr(float(waarde)))
    return exact.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def decimalen_voor(waarde: float, decimalen: int) -> int:
    """``decimalen`` for a value with a fraction, none for a whole one: 95% beside 8,5%, as the data write them."""
    return 0 if float(waarde).is_integer() else decimalen


def getal(waarde: float, decimalen: int = 0, teken: bool = False) -> str:
    """A number in Dutch notation with a fixed number of decimals; ``teken`` adds '+' to positives."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return "–"
    patroon = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    afgerond = afronden(waarde, decimalen)
    if afgerond == 0:
        afgerond = abs(afgerond)  # no '−0,00'
    tekst = _minus(format_decimal(afgerond, format=patroon, locale=LOCALE))
    if teken and afgerond > 0:
        tekst = "+" + tekst
    return tekst


def fte(waarde: float, teken: bool = False, eenheid: bool = False) -> str:
    """fte to the hundredth, as in Bijlage 2: ``73,33`` or with ``eenheid`` ``73,33 fte``."""
    tekst = getal(waarde, 2, teken=teken)
    return f"{tekst}{NBSP}fte" if eenheid else tekst


def euro(waarde: float, decimalen: int = 0) -> str:
    """An amount in euro: ``€ 238.475``."""
    patroon = "¤ #,##0" + ("." + "0" * decimalen if decimalen else "")
    afgerond = afronden(waarde, decimalen)
    if afgerond == 0:
        afgerond = abs(afgerond)  # no '−€ 0'
    tekst = format_currency(afgerond, "EUR", format=patroon, locale=LOCALE, currency_digits=False)
    return _minus(tekst).replace("€ ", f"€{NBSP}")


def bedrag(waarde: float) -> str:
    """An amount in prose, rounded as one says it: ``ruim € 1,9 mln``, ``bijna € 2,3 mln``, ``ruim € 628.000``.

    Millions to a tenth, smaller amounts to a thousand; 'ruim' / 'bijna' when the exact amount is more / less
    than that, so prose never puts 'ongeveer' before an exact amount.
    """
    if abs(waarde) >= 1_000_000:
        afgerond = float(afronden(waarde / 1_000_000, 1)) * 1_000_000
        tekst = f"€{NBSP}{getal(afgerond / 1_000_000, 1)}{NBSP}mln"
    else:
        afgerond = float(afronden(waarde / 1000, 0)) * 1000
        tekst = euro(afgerond)
    verschil = waarde - afgerond
    if abs(verschil) < 0.5:  # the amount is already round
        return tekst
    return ("ruim " if verschil > 0 else "bijna ") + tekst


def aantal(waarde: float, eenheid: str = "") -> str:
    """A whole count: ``4.600`` or ``4.600 meldingen``."""
    tekst = getal(waarde, 0)
    return f"{tekst} {eenheid}" if eenheid else tekst


def procent(waarde: float, decimalen: int = 0) -> str:
    """A percentage given as 0–100: ``72%``, ``5,5%`` (Dutch writes no space before %)."""
    return f"{getal(waarde, decimalen)}%"


def datum(waarde) -> str:
    """A date as Dutch prose: ``29 november 2024``."""
    from babel.dates import format_date

    return format_date(waarde, format="d MMMM y", locale=LOCALE)


def plak_eenheden(tekst: str) -> str:
    """Text typed elsewhere (a source in the data) with its '€ 104.000' and '73,33 fte' glued by a non-breaking
    space, as every amount the formatter writes: a line never ends on '€' or starts with 'fte'."""
    import re

    tekst = re.sub(r"€ (?=[\d−-])", f"€{NBSP}", tekst)
    return re.sub(r"(?<=\d) (?=fte\b)", NBSP, tekst)


def maand(jaar: int, maand_nr: int) -> str:
    """A month as Dutch prose: ``juli 2025``."""
    from datetime import date

    from babel.dates import format_date

    return format_date(date(int(jaar), int(maand_nr), 1), format="MMMM y", locale=LOCALE)


def opsomming(delen) -> str:
    """A Dutch enumeration: '2025', '2025 en 2026', '2025, 2026 en 2027' (Babel's list pattern; '' for none)."""
    from babel.lists import format_list

    return format_list([str(d) for d in delen], locale=LOCALE)


def zin(tekst: str) -> str:
    """First letter upper case, the rest untouched (``str.capitalize`` would turn 'RvdK' into 'Rvdk')."""
    return tekst[:1].upper() + tekst[1:]
