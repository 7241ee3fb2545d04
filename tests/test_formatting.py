"""The one Dutch number formatter: decimal comma, thousands dot, a real minus sign, no '−0,00'."""

from __future__ import annotations

from datetime import date

import pytest

from vt_analysis.basis import formatting as fmt


@pytest.mark.parametrize(
    "waarde, verwacht",
    [(73.333, "73,33"), (-7.1849, "−7,18"), (1234.5, "1.234,50"), (-0.001, "0,00"), (0, "0,00")],
)
def test_fte_to_the_hundredth(waarde, verwacht):
    assert fmt.fte(waarde) == verwacht


def test_fte_sign_and_unit():
    assert fmt.fte(1.694, teken=True) == "+1,69"
    assert fmt.fte(-1.5, teken=True) == "−1,50"
    assert fmt.fte(0.004, teken=True) == "0,00"  # no '+0,00' either
    assert fmt.fte(62.57, eenheid=True) == "62,57\u00a0fte"


def test_counts_amounts_and_percentages():
    assert fmt.aantal(4599.6) == "4.600"
    assert fmt.aantal(4400, "meldingen") == "4.400 meldingen"
    assert fmt.euro(238475) == "€\u00a0238.475"
    assert fmt.euro(-728000) == "−€\u00a0728.000"
    assert fmt.euro(12.5, 2) == "€\u00a012,50"
    assert fmt.procent(72) == "72%"
    assert fmt.procent(5.56, 1) == "5,6%"
    assert fmt.procent(18.04, 1) == "18,0%"


def test_decimals_only_for_a_value_that_has_a_fraction():
    """95% beside 8,5%: a whole value shows no decimals (the verzuim labels, the risks, the levers of C)."""
    assert [fmt.procent(x, fmt.decimalen_voor(x, 1)) for x in (95, 95.0, 8.5, 8.04)] == ["95%", "95%", "8,5%", "8,0%"]
    assert fmt.getal(7.25, fmt.decimalen_voor(7.25, 2)) == "7,25" and fmt.decimalen_voor(float("nan"), 2) == 2


def test_missing_number_is_a_dash():
    assert fmt.getal(float("nan")) == "–" and fmt.getal(None) == "–"


def test_date_and_sentence_case():
    assert fmt.datum(date(2024, 11, 29)) == "29 november 2024"
    assert fmt.zin("echtscheiding naar RvdK") == "Echtscheiding naar RvdK"
    assert fmt.zin("") == ""


@pytest.mark.parametrize(
    "waarde, decimalen, verwacht",
    [
        (8.5, 1, "8,5%"),
        (8.5, 0, "9%"),
        (9.5, 0, "10%"),  # half to even would also say 10: this one alone proves nothing
        (0.5, 0, "1%"),
        (2.5, 0, "3%"),
        (-2.5, 0, "−3%"),  # away from zero, also below zero
        (18.25, 1, "18,3%"),
        (2.675, 2, "2,68%"),  # the binary value is 2.67499…: as typed, it is a half
    ],
)
def test_percentages_round_half_away_from_zero(waarde, decimalen, verwacht):
    assert fmt.procent(waarde, decimalen) == verwacht


def test_amounts_counts_and_fte_round_half_away_from_zero():
    assert fmt.euro(0.5) == "€\u00a01"
    assert fmt.euro(2.5) == "€\u00a03"
    assert fmt.euro(-0.5) == "−€\u00a01"
    assert fmt.euro(-0.4) == "€\u00a00"  # no '−€ 0'
    assert fmt.euro(0.125, 2) == "€\u00a00,13"
    assert fmt.aantal(4600.5) == "4.601"
    assert fmt.aantal(4.5, "meldingen") == "5 meldingen"
    assert fmt.fte(0.125) == "0,13"
    assert fmt.fte(-0.005, teken=True) == "−0,01"
    assert fmt.getal(1234.5) == "1.235"


def test_rounding_agrees_with_decimal_half_up():
    from decimal import ROUND_HALF_UP, Decimal

    for tiende in range(-50, 51):
        waarde = tiende / 10
        verwacht = Decimal(str(waarde)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        assert fmt.afronden(waarde, 0) == verwacht


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (1_931_732.37, "ruim €\u00a01,9\u00a0mln"),  # the 2026 shortage of the winstwaarschuwing in prose
        (2_280_984, "bijna €\u00a02,3\u00a0mln"),
        (1_000_000, "€\u00a01,0\u00a0mln"),
        (628_542, "bijna €\u00a0629.000"),
        (72_643, "bijna €\u00a073.000"),
        (286_000, "€\u00a0286.000"),
    ],
)
def test_prose_amounts_are_rounded_with_ruim_or_bijna(waarde, tekst):
    assert fmt.bedrag(waarde) == tekst


def test_text_from_the_data_keeps_amounts_and_fte_with_their_number():
    """A source typed in the data ('de 73,33 fte', '€ 104.000') gets the same non-breaking spaces as the formatter."""
    assert fmt.plak_eenheden("de 73,33 fte zijn inclusief; circa 1 fte (€ 104.000)") == (
        "de 73,33\u00a0fte zijn inclusief; circa 1\u00a0fte (€\u00a0104.000)"
    )
    assert fmt.plak_eenheden("fte beschikbaar en € per fte") == "fte beschikbaar en € per fte"  # no number: untouched


def test_opsomming_in_het_nederlands():
    """One enumeration for every sentence that lists (years, scenarios, assumptions): commas, then 'en'."""
    assert fmt.opsomming([]) == ""
    assert fmt.opsomming([2025]) == "2025"
    assert fmt.opsomming(["2025", "2026"]) == "2025 en 2026"
    assert fmt.opsomming(["a", "b", "c"]) == "a, b en c"  # not "a en b en c"
