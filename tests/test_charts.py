"""The chart theme: colours readable against the background, text alternatives that say years as years."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from vt_analysis.basis import formatting as fmt
from vt_analysis.hoofdstukken.charts import tornado_chart
from vt_analysis.hoofdstukken.grafiekthema import KLEUREN, VARIANT_KLEUREN, contrastverhouding, thema
from vt_analysis.hoofdstukken.grafiekweergave import figuur


@pytest.mark.parametrize("kleur", sorted(set(KLEUREN.values()) | set(VARIANT_KLEUREN.values())))
def test_every_series_colour_has_3_to_1_against_the_background(kleur):
    """WCAG 1.4.11: graphical objects a reader needs (lines, bars, points) at least 3:1 against their background."""
    assert contrastverhouding(kleur, thema()["background"]) >= 3.0


def test_contrast_ratio_is_wcags():
    assert contrastverhouding("#000000") == pytest.approx(21.0)
    assert contrastverhouding("#ffffff") == pytest.approx(1.0)
    assert contrastverhouding("#E69F00") == pytest.approx(2.25, abs=0.01)  # the orange that failed


def test_text_alternative_is_short_names_the_highest_value_and_writes_years_as_years():
    df = pd.DataFrame({"jaar": [2024, 2025, 2026], "waarde": [10.5, 12.25, 11.0]})
    df["label"] = df["waarde"].map(lambda w: f"{w:.2f}".replace(".", ","))
    chart = (
        alt.Chart(df)
        .mark_line()
        .encode(
            x=alt.X("jaar:O"),
            y=alt.Y("waarde:Q"),
            tooltip=[alt.Tooltip("jaar:O", title="Jaar"), alt.Tooltip("label:N", title="Fte")],
        )
    )
    spec = figuur(chart, "Fte per jaar").spec
    assert spec["usermeta"]["alt"] == "Grafiek: Fte per jaar. Hoogste waarde: Jaar 2025, fte 12,25."
    assert (
        spec["usermeta"]["alt_gegevens"]
        == "Gegevens: Jaar 2024; Fte 10,50 | Jaar 2025; Fte 12,25 | Jaar 2026; Fte 11,00"
    )


def test_alt_tekst_noemt_de_grootste_waarde_naar_grootte_ook_als_die_negatief_is():
    """A tornado's largest bar may point left: the alt text names it, not the largest positive effect."""
    tabel = pd.DataFrame(
        {
            "invoer": ["Meldingen", "Normuren"],
            "bereik": [5.0, 1.0],
            "effect_laag": [-4.5, -0.5],
            "effect_hoog": [1.0, 0.5],
        }
    )
    alt_tekst = figuur(tornado_chart(tabel), "Gevoeligheid").spec["usermeta"]["alt"]
    assert alt_tekst.startswith(
        "Grafiek: Gevoeligheid. Grootste waarde (absoluut): Invoer Meldingen, richting Invoer lager"
    )
    assert fmt.fte(-4.5, teken=True) in alt_tekst
