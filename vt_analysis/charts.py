"""The one chart theme, the Altair renderer for papermill, and the report's chart builders.

Charts are Vega-Lite specs. In a notebook they are displayed as ``figuur(chart, bijschrift)``: the
output holds the spec as JSON (mimetype ``application/vnd.vegalite.v6+json``; Altair 6's own
renderer writes an invalid key, see RENDERING-NOTES) and the caption; the renderer turns it into an
interactive chart for HTML and a vector SVG for the PDF. Numbers: axes use the d3 ``nl-NL`` locale,
tooltips show labels made by :mod:`vt_analysis.formatting`, so both read ``73,33``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from . import formatting as fmt

VEGALITE_MIMETYPE = "application/vnd.vegalite.v6+json"
FORMAT_LOCALE = "nl-NL"
LETTERTYPE = "Lato"
BREEDTE_PX = 560
HOOGTE_PX = 260

# Colours: one per meaning, used in every chart (colour-blind safe, Okabe-Ito).
KLEUREN = {
    "meldingen": "#0072B2",
    "adviezen": "#E69F00",
    "regionaal": "#0072B2",
    "landelijk": "#D55E00",
    "beschikbaar": "#009E73",
    "gap": "#CC79A7",
    "neutraal": "#666666",
}


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """The sans font that ships with the project (Lato, SIL OFL, from the font-lato wheel)."""
    import font_lato

    return Path(font_lato.__file__).parent / "files"


def thema() -> dict:
    """Vega-Lite config shared by every chart: font, sizes, quiet axes."""
    return {
        "font": LETTERTYPE,
        "view": {"stroke": None, "continuousWidth": BREEDTE_PX, "continuousHeight": HOOGTE_PX},
        "axis": {"labelFont": LETTERTYPE, "titleFont": LETTERTYPE, "labelFontSize": 11, "titleFontSize": 11,
                 "titleFontWeight": "normal", "gridColor": "#e6e6e6", "domainColor": "#888888", "tickColor": "#888888"},
        "legend": {"labelFont": LETTERTYPE, "titleFont": LETTERTYPE, "labelFontSize": 11, "titleFontSize": 11,
                   "orient": "bottom", "titleFontWeight": "normal"},
        "title": {"font": LETTERTYPE, "fontSize": 13, "fontWeight": "normal", "anchor": "start"},
        "text": {"font": LETTERTYPE},
        "background": "white",
    }


class Figuur:
    """A chart with a caption, displayed as a Vega-Lite spec (format-neutral notebook output)."""

    def __init__(self, chart: alt.TopLevelMixin, bijschrift: str):
        self.spec = chart.to_dict()
        self.spec["config"] = {**thema(), **self.spec.get("config", {})}
        self.spec.setdefault("usermeta", {})["bijschrift"] = bijschrift
        self.bijschrift = bijschrift

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {VEGALITE_MIMETYPE: self.spec, "text/plain": f"Figuur: {self.bijschrift}"}


def figuur(chart: alt.TopLevelMixin, bijschrift: str) -> Figuur:
    """Wrap a chart for display in a chapter notebook."""
    return Figuur(chart, bijschrift)


def _renderer(spec: dict, **kwargs) -> dict:
    """Altair renderer for papermill: a valid v6 mimetype plus a text fallback (RENDERING-NOTES)."""
    return {VEGALITE_MIMETYPE: spec, "text/plain": "<Vega-Lite-figuur>"}


alt.renderers.register("vt-analysis", _renderer)
alt.renderers.enable("vt-analysis")


# --- the report's charts -----------------------------------------------------------------------

def _perioden_as(volgorde: list[str]) -> alt.X:
    return alt.X("periode:N", sort=volgorde, title=None, axis=alt.Axis(labelAngle=0, labelLimit=90, labelExpr="split(datum.label, ' ')"))


def meldingen_adviezen_chart(formatie: pd.DataFrame) -> alt.Chart:
    """Meldingen and adviezen per period (Bijlage 2), grouped bars with Dutch tooltips."""
    lang = formatie.melt(id_vars=["periode", "status"], value_vars=["meldingen", "adviezen"], var_name="soort", value_name="aantal")
    lang["aantal_label"] = lang["aantal"].map(fmt.aantal)
    lang["soort"] = lang["soort"].str.capitalize()
    volgorde = list(formatie["periode"])
    return (
        alt.Chart(lang)
        .mark_bar()
        .encode(
            x=_perioden_as(volgorde),
            xOffset=alt.XOffset("soort:N", sort=["Meldingen", "Adviezen"]),
            y=alt.Y("aantal:Q", title="Aantal per jaar", axis=alt.Axis(format=",.0f")),
            color=alt.Color("soort:N", title=None, sort=["Meldingen", "Adviezen"],
                            scale=alt.Scale(range=[KLEUREN["meldingen"], KLEUREN["adviezen"]])),
            tooltip=[alt.Tooltip("periode:N", title="Periode"), alt.Tooltip("soort:N", title="Soort"),
                     alt.Tooltip("aantal_label:N", title="Aantal")],
        )
        .properties(width=BREEDTE_PX, height=HOOGTE_PX)
    )


def formatie_chart(formatie: pd.DataFrame, normsets: list[str]) -> alt.LayerChart:
    """Required fte per normset against available fte per period; the gap as a shaded band."""
    volgorde = list(formatie["periode"])
    lijnen = []
    for naam in normsets:
        df = formatie[["periode"]].copy()
        df["reeks"] = f"Benodigd ({naam})"
        df["fte"] = formatie[f"fte_{naam}"]
        lijnen.append(df)
    beschikbaar = formatie[["periode"]].copy()
    beschikbaar["reeks"] = "Beschikbaar"
    beschikbaar["fte"] = formatie["fte_beschikbaar"]
    lang = pd.concat([*lijnen, beschikbaar], ignore_index=True)
    lang["fte_label"] = lang["fte"].map(fmt.fte)
    reeksen = [f"Benodigd ({n})" for n in normsets] + ["Beschikbaar"]
    kleuren = [KLEUREN.get(n, KLEUREN["neutraal"]) for n in normsets] + [KLEUREN["beschikbaar"]]

    toegepast = normsets[0]
    band = formatie[["periode", "fte_beschikbaar", f"fte_{toegepast}", f"gap_{toegepast}"]].copy()
    band.columns = ["periode", "beschikbaar", "benodigd", "gap"]
    band["gap_label"] = band["gap"].map(lambda g: fmt.fte(g, teken=True))
    band["benodigd_label"] = band["benodigd"].map(fmt.fte)
    band["beschikbaar_label"] = band["beschikbaar"].map(fmt.fte)

    x = _perioden_as(volgorde)
    gap = (
        alt.Chart(band)
        .mark_bar(opacity=0.25, color=KLEUREN["gap"], width=alt.RelativeBandSize(0.35))
        .encode(x=x, y=alt.Y("beschikbaar:Q"), y2="benodigd:Q",
                tooltip=[alt.Tooltip("periode:N", title="Periode"),
                         alt.Tooltip("benodigd_label:N", title=f"Benodigd ({toegepast})"),
                         alt.Tooltip("beschikbaar_label:N", title="Beschikbaar"),
                         alt.Tooltip("gap_label:N", title="Gap (fte)")])
    )
    lijn = (
        alt.Chart(lang)
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True))
        .encode(
            x=x,
            y=alt.Y("fte:Q", title="Fte", scale=alt.Scale(zero=False), axis=alt.Axis(format=",.0f")),
            color=alt.Color("reeks:N", title=None, sort=reeksen, scale=alt.Scale(domain=reeksen, range=kleuren)),
            tooltip=[alt.Tooltip("periode:N", title="Periode"), alt.Tooltip("reeks:N", title="Reeks"),
                     alt.Tooltip("fte_label:N", title="Fte")],
        )
    )
    return alt.layer(gap, lijn).properties(width=BREEDTE_PX, height=HOOGTE_PX)
