"""The one chart theme, the Altair renderer for papermill, and the report's chart builders.

Charts are Vega-Lite specs. In a notebook they are displayed as ``figuur(chart, bijschrift)``: the
output holds the spec as JSON (mimetype ``application/vnd.vegalite.v6+json``; Altair 6's own
renderer writes ``application/vnd.vegalite.v6.json``, which nbformat rejects) and the caption; the
renderer turns it into an interactive chart for HTML and a vector SVG for the PDF. Numbers: axes use
the d3 ``nl-NL`` locale, tooltips show labels made by :mod:`vt_analysis.formatting`, so both read ``73,33``.
"""

from __future__ import annotations

from collections.abc import Mapping
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

# Colours: one per meaning, used in every chart (colour-blind safe, Okabe-Ito), each at least 3:1 against
# the white background (WCAG 1.4.11, non-text contrast; tested).
KLEUREN = {
    "meldingen": "#0072B2",
    "adviezen": "#B07800",  # Okabe-Ito's orange darkened to 3,8:1 on white (WCAG 1.4.11 asks 3:1)
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
        "axis": {
            "labelFont": LETTERTYPE,
            "titleFont": LETTERTYPE,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "gridColor": "#e6e6e6",
            "domainColor": "#888888",
            "tickColor": "#888888",
        },
        "legend": {
            "labelFont": LETTERTYPE,
            "titleFont": LETTERTYPE,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "orient": "bottom",
            "titleFontWeight": "normal",
        },
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
        self.spec["usermeta"]["alt"] = tekstalternatief(self.spec, bijschrift)
        self.spec["usermeta"]["alt_gegevens"] = gegevens_tekst(self.spec)
        self.bijschrift = bijschrift

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {VEGALITE_MIMETYPE: self.spec, "text/plain": f"Figuur: {self.bijschrift}"}


MAX_ALT_RIJEN = 30


def _delen(spec: dict):
    """The chart and its layers and sub-charts, depth first."""
    yield spec
    if isinstance(spec.get("spec"), dict):  # facet
        yield from _delen(spec["spec"])
    for deel in (*spec.get("layer", []), *spec.get("hconcat", []), *spec.get("vconcat", []), *spec.get("concat", [])):
        yield from _delen(deel)


def _alt_velden(spec: dict) -> tuple[dict, list[tuple[str, str]]] | None:
    """The part of the chart that says most, and its (field, Dutch title) pairs.

    The tooltip first (its fields carry Dutch titles and formatted labels), else the x, y and colour encoding.
    """
    for deel in _delen(spec):
        tooltip = (deel.get("encoding") or {}).get("tooltip")
        if isinstance(tooltip, list):
            return deel, [(t["field"], t.get("title") or t["field"]) for t in tooltip if "field" in t]
    for deel in _delen(spec):
        enc = deel.get("encoding") or {}
        velden = [
            (enc[k]["field"], enc[k].get("title") or enc[k]["field"])
            for k in ("x", "color", "y")
            if isinstance(enc.get(k), dict) and "field" in enc[k]
        ]
        if len(velden) >= 2:
            return deel, velden
    return None


def contrastverhouding(kleur: str, achtergrond: str = "#ffffff") -> float:
    """WCAG 2.1's contrast ratio of two sRGB colours (#rrggbb, or white/black as the theme names them):
    1 (none) to 21 (black on white)."""

    def luminantie(hex_: str) -> float:
        hex_ = {"white": "#ffffff", "black": "#000000"}.get(hex_, hex_)
        kanalen = [int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    licht, donker = sorted((luminantie(kleur), luminantie(achtergrond)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def _is_jaar(veld: str, titel: str) -> bool:
    return "jaar" in veld.lower() or titel.lower() == "jaar"


def _celtekst(v, jaar: bool = False) -> str:
    """A chart value as the report writes it: a year as a year (2025, never 2.025), a number Dutch, a month."""
    if isinstance(v, bool) or v is None:
        return "–" if v is None else ("ja" if v else "nee")
    if isinstance(v, (int, float)):
        if jaar and float(v).is_integer():
            return str(int(v))
        return fmt.getal(v, 0 if float(v).is_integer() else 2)
    if isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        from babel.dates import format_date

        return format_date(pd.Timestamp(v).date(), format="MMMM y", locale=fmt.LOCALE)  # a month
    return str(v)


def gegevens_tabel(spec: dict) -> tuple[list[str], list[list[str]]]:
    """The chart's data as a small table of text (Dutch column titles from its tooltip): what a reader who
    cannot see the chart reads instead, and what the HTML shows under it."""
    gevonden = _alt_velden(spec)
    if gevonden is None:
        return [], []
    deel, velden = gevonden
    naam = (deel.get("data") or spec.get("data") or {}).get("name")
    rijen = spec.get("datasets", {}).get(naam, [])
    koppen = [titel for _, titel in velden]
    return koppen, [[_celtekst(r.get(veld), _is_jaar(veld, titel)) for veld, titel in velden] for r in rijen]


def _hoofdpunt(spec: dict) -> str:
    """The chart's main finding in one clause: where its quantitative y (or x) is highest."""
    gevonden = _alt_velden(spec)
    if gevonden is None:
        return ""
    deel, velden = gevonden
    enc = deel.get("encoding") or {}
    as_ = next(
        (enc[k] for k in ("y", "x") if isinstance(enc.get(k), dict) and enc[k].get("type") == "quantitative"), None
    )
    naam = (deel.get("data") or spec.get("data") or {}).get("name")
    rijen = [r for r in spec.get("datasets", {}).get(naam, []) if as_ and isinstance(r.get(as_["field"]), (int, float))]
    if not rijen:
        return ""
    hoogste = max(rijen, key=lambda r: r[as_["field"]])
    return "Hoogste waarde: " + ", ".join(
        f"{titel.lower() if i else titel} {_celtekst(hoogste.get(veld), _is_jaar(veld, titel))}"
        for i, (veld, titel) in enumerate(velden)
    )


def tekstalternatief(spec: dict, bijschrift: str) -> str:
    """A short text alternative (HTML aria-label, Word description, start of the PDF alt): what the chart
    shows and its main finding, computed from its data. The data themselves follow in a table (HTML) or in
    :func:`gegevens_tekst` (PDF, Word)."""
    punt = _hoofdpunt(spec)
    return f"Grafiek: {bijschrift}." + (f" {punt}." if punt else "")


def gegevens_tekst(spec: dict) -> str:
    """The chart's data as one text for where no table can follow it (the PDF's and Word's alt text)."""
    koppen, rijen = gegevens_tabel(spec)
    regels = ["; ".join(f"{k} {w}" for k, w in zip(koppen, rij, strict=True)) for rij in rijen[:MAX_ALT_RIJEN]]
    meer = f" (en {len(rijen) - MAX_ALT_RIJEN} rijen meer)" if len(rijen) > MAX_ALT_RIJEN else ""
    return "Gegevens: " + " | ".join(regels) + meer if regels else ""


def figuur(chart: alt.TopLevelMixin, bijschrift: str) -> Figuur:
    """Wrap a chart for display in a chapter notebook."""
    return Figuur(chart, bijschrift)


def _renderer(spec: dict, **kwargs) -> dict:
    """Altair renderer for papermill: a valid v6 mimetype (Altair 6 writes one nbformat rejects) and a text fallback."""
    return {VEGALITE_MIMETYPE: spec, "text/plain": "<Vega-Lite-figuur>"}


alt.renderers.register("vt-analysis", _renderer)
alt.renderers.enable("vt-analysis")


# --- the report's charts -----------------------------------------------------------------------


def _perioden_as(volgorde: list[str]) -> alt.X:
    return alt.X(
        "periode:N",
        sort=volgorde,
        title=None,
        axis=alt.Axis(labelAngle=0, labelLimit=90, labelExpr="split(datum.label, ' ')"),
    )


def meldingen_adviezen_chart(formatie: pd.DataFrame) -> alt.Chart:
    """Meldingen and adviezen per period (Bijlage 2), grouped bars with Dutch tooltips."""
    lang = formatie.melt(
        id_vars=["periode", "status"], value_vars=["meldingen", "adviezen"], var_name="soort", value_name="aantal"
    )
    lang["aantal_label"] = lang["aantal"].map(fmt.aantal)
    lang["soort"] = lang["soort"].map(fmt.zin)
    volgorde = list(formatie["periode"])
    return (
        alt.Chart(lang)
        .mark_bar()
        .encode(
            x=_perioden_as(volgorde),
            xOffset=alt.XOffset("soort:N", sort=["Meldingen", "Adviezen"]),
            y=alt.Y("aantal:Q", title="Aantal per jaar", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "soort:N",
                title=None,
                sort=["Meldingen", "Adviezen"],
                scale=alt.Scale(range=[KLEUREN["meldingen"], KLEUREN["adviezen"]]),
            ),
            tooltip=[
                alt.Tooltip("periode:N", title="Periode"),
                alt.Tooltip("soort:N", title="Soort"),
                alt.Tooltip("aantal_label:N", title="Aantal"),
            ],
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
    band["gap_label"] = band["gap"].map(lambda g: fmt.fte(-g))  # shown as the shortage: required − available
    band["benodigd_label"] = band["benodigd"].map(fmt.fte)
    band["beschikbaar_label"] = band["beschikbaar"].map(fmt.fte)

    x = _perioden_as(volgorde)
    gap = (
        alt.Chart(band)
        .mark_bar(opacity=0.25, color=KLEUREN["gap"], width=alt.RelativeBandSize(0.35))
        .encode(
            x=x,
            y=alt.Y("beschikbaar:Q"),
            y2="benodigd:Q",
            tooltip=[
                alt.Tooltip("periode:N", title="Periode"),
                alt.Tooltip("benodigd_label:N", title=f"Benodigd ({toegepast})"),
                alt.Tooltip("beschikbaar_label:N", title="Beschikbaar"),
                alt.Tooltip("gap_label:N", title="Tekort (fte)"),
            ],
        )
    )
    lijn = (
        alt.Chart(lang)
        .mark_point(size=60, filled=True)  # periods are alternatives (BURAP 1/2, voorstel/besluit), not a time line
        .encode(
            x=x,
            y=alt.Y("fte:Q", title="Fte", scale=alt.Scale(zero=True), axis=alt.Axis(format=",.0f")),
            color=alt.Color("reeks:N", title=None, sort=reeksen, scale=alt.Scale(domain=reeksen, range=kleuren)),
            tooltip=[
                alt.Tooltip("periode:N", title="Periode"),
                alt.Tooltip("reeks:N", title="Reeks"),
                alt.Tooltip("fte_label:N", title="Fte"),
            ],
        )
    )
    return alt.layer(gap, lijn).properties(width=BREEDTE_PX, height=HOOGTE_PX)


VARIANT_KLEUREN = {
    "Realisatie / BURAP": "#444444",
    "Begroting": "#0072B2",
    "Winstwaarschuwing": "#D55E00",
    "Trend": "#CC79A7",
    "Beschikbaar": KLEUREN["beschikbaar"],
}


def prognose_chart(
    prognose: pd.DataFrame,
    historie: pd.DataFrame,
    grootheid: str,
    titel_y: str,
    formatter=fmt.aantal,
    beschikbaar: dict[int, float] | None = None,
) -> alt.LayerChart:
    """History per year, the three prognose variants, the trend's prediction band; optionally available fte.

    ``historie``: columns jaar, waarde (one point per year). ``prognose``: the long table of prognose.py.
    """
    lijnen = prognose[["variant", "jaar", grootheid]].rename(columns={grootheid: "waarde"})
    lijnen["variant"] = lijnen["variant"].map(fmt.zin)
    delen = [historie.assign(variant="Realisatie / BURAP")[["variant", "jaar", "waarde"]], lijnen]
    if beschikbaar:
        delen.append(
            pd.DataFrame({"variant": "Beschikbaar", "jaar": list(beschikbaar), "waarde": list(beschikbaar.values())})
        )
    lang = pd.concat(delen, ignore_index=True)
    lang["waarde_label"] = lang["waarde"].map(formatter)
    band = prognose.loc[
        prognose[f"{grootheid}_ondergrens"].notna(), ["jaar", f"{grootheid}_ondergrens", f"{grootheid}_bovengrens"]
    ].copy()
    band.columns = ["jaar", "ondergrens", "bovengrens"]
    band["interval_label"] = [
        f"{formatter(a)} – {formatter(b)}" for a, b in zip(band["ondergrens"], band["bovengrens"], strict=True)
    ]
    reeksen = list(dict.fromkeys(lang["variant"]))
    x = alt.X("jaar:O", title=None, axis=alt.Axis(labelAngle=0))
    vlak = (
        alt.Chart(band)
        .mark_area(opacity=0.18, color=VARIANT_KLEUREN["Trend"])
        .encode(
            x=x,
            y="ondergrens:Q",
            y2="bovengrens:Q",
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("interval_label:N", title="Voorspelinterval trend"),
            ],
        )
    )
    lijn = (
        alt.Chart(lang)
        .mark_line(point=alt.OverlayMarkDef(size=45, filled=True))
        .encode(
            x=x,
            y=alt.Y("waarde:Q", title=titel_y, scale=alt.Scale(zero=True), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "variant:N",
                title=None,
                sort=reeksen,
                scale=alt.Scale(domain=reeksen, range=[VARIANT_KLEUREN.get(r, KLEUREN["neutraal"]) for r in reeksen]),
            ),
            strokeDash=alt.condition(alt.datum.variant == "Beschikbaar", alt.value([5, 4]), alt.value([1, 0])),
            tooltip=[
                alt.Tooltip("variant:N", title="Reeks"),
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("waarde_label:N", title=titel_y),
            ],
        )
    )
    return alt.layer(vlak, lijn).properties(width=BREEDTE_PX, height=HOOGTE_PX)


def waterval_chart(tabel: pd.DataFrame, jaar: int, namen: Mapping[str, str]) -> alt.LayerChart:
    """Waterfall of scenario C in one year: baseline, each lever as a floating bar, result; the
    dashed rule is the available fte. ``namen`` gives the Dutch label of every step id."""
    df = tabel[tabel["jaar"] == jaar].reset_index(drop=True).copy()
    totaal = df["stap"].isin(["basis", "resultaat"])
    df["begin"] = (df["fte_na"] - df["delta_fte"]).where(~totaal, 0.0)
    df["eind"] = df["fte_na"]
    df["soort"] = [
        "Totaal" if t else ("Minder fte" if d <= 0 else "Meer fte")
        for t, d in zip(totaal, df["delta_fte"], strict=True)
    ]
    df["stap"] = df["stap"].map(namen)
    df["effect_label"] = [fmt.fte(d, teken=True) if not t else "" for t, d in zip(totaal, df["delta_fte"], strict=True)]
    df["fte_label"] = df["fte_na"].map(fmt.fte)
    df["beschikbaar_label"] = df["fte_beschikbaar"].map(fmt.fte)
    x = alt.X(
        "stap:N",
        sort=list(df["stap"]),
        title=None,
        axis=alt.Axis(labelAngle=0, labelLimit=110, labelExpr="split(datum.label, ' ')"),
    )
    staven = (
        alt.Chart(df)
        .mark_bar(width=alt.RelativeBandSize(0.6))
        .encode(
            x=x,
            y=alt.Y("begin:Q", title="Fte", axis=alt.Axis(format=",.0f")),
            y2="eind:Q",
            color=alt.Color(
                "soort:N",
                title=None,
                sort=["Totaal", "Minder fte", "Meer fte"],
                scale=alt.Scale(
                    domain=["Totaal", "Minder fte", "Meer fte"],
                    range=[KLEUREN["regionaal"], KLEUREN["beschikbaar"], KLEUREN["landelijk"]],
                ),
            ),
            tooltip=[
                alt.Tooltip("stap:N", title="Stap"),
                alt.Tooltip("effect_label:N", title="Effect (fte)"),
                alt.Tooltip("fte_label:N", title="Benodigd na stap (fte)"),
            ],
        )
    )
    lijn = (
        alt.Chart(df.iloc[:1])
        .mark_rule(strokeDash=[5, 4], color=KLEUREN["beschikbaar"], size=1.5)
        .encode(y="fte_beschikbaar:Q", tooltip=[alt.Tooltip("beschikbaar_label:N", title="Beschikbaar (fte)")])
    )
    return alt.layer(staven, lijn).properties(width=BREEDTE_PX, height=HOOGTE_PX)


def vergelijking_chart(tabel: pd.DataFrame) -> alt.Chart:
    """Shortage per named scenario, one bar per year (required − available; negative = room)."""
    df = tabel.copy()
    df["tekort_label"] = df["tekort_fte"].map(fmt.fte)
    df["kosten_label"] = df["kosten_euro"].map(fmt.euro)
    df["benodigd_label"] = df["fte_benodigd"].map(fmt.fte)
    df["meldingen_label"] = df["meldingen"].map(fmt.aantal)
    df["jaar"] = df["jaar"].astype(str)
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("naam:N", sort=list(dict.fromkeys(df["naam"])), title=None, axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("jaar:N"),
            x=alt.X("tekort_fte:Q", title="Tekort (fte)", axis=alt.Axis(format=",.0f")),
            color=alt.Color("jaar:N", title="Jaar", scale=alt.Scale(range=[KLEUREN["regionaal"], KLEUREN["adviezen"]])),
            tooltip=[
                alt.Tooltip("naam:N", title="Scenario"),
                alt.Tooltip("jaar:N", title="Jaar"),
                alt.Tooltip("meldingen_label:N", title="Meldingen"),
                alt.Tooltip("benodigd_label:N", title="Fte benodigd"),
                alt.Tooltip("tekort_label:N", title="Tekort (fte)"),
                alt.Tooltip("kosten_label:N", title="Extra kosten"),
            ],
        )
        .properties(width=BREEDTE_PX - 100)
    )


def tornado_chart(
    tabel: pd.DataFrame,
    titel_x: str = "Verandering van het tekort (fte)",
    label=lambda e: fmt.fte(e, teken=True),
) -> alt.Chart:
    """Tornado: the change of an outcome (default the shortage, fte) when each input is set lower or higher;
    largest span on top."""
    lang = tabel.melt(
        id_vars=["invoer", "bereik"],
        value_vars=["effect_laag", "effect_hoog"],
        var_name="richting",
        value_name="effect",
    )
    lang["richting"] = lang["richting"].map({"effect_laag": "Invoer lager", "effect_hoog": "Invoer hoger"})
    lang["effect_label"] = lang["effect"].map(label)
    return (
        alt.Chart(lang)
        .mark_bar()
        .encode(
            y=alt.Y("invoer:N", sort=list(tabel["invoer"]), title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("effect:Q", title=titel_x, axis=alt.Axis(format=",.1f")),
            color=alt.Color(
                "richting:N",
                title=None,
                sort=["Invoer lager", "Invoer hoger"],
                scale=alt.Scale(range=[KLEUREN["landelijk"], KLEUREN["regionaal"]]),
            ),
            tooltip=[
                alt.Tooltip("invoer:N", title="Invoer"),
                alt.Tooltip("richting:N", title="Richting"),
                alt.Tooltip("effect_label:N", title=titel_x),
            ],
        )
        .properties(width=BREEDTE_PX - 140)
    )


def waaier_chart(
    tabel: pd.DataFrame,
    kolom: str,
    titel_y: str,
    formatter=fmt.aantal,
    norm: float | None = None,
    kolommen: int = 2,
    band: tuple[str, str] = ("p5", "p95"),
    band_label: str = "90%-band",
    lijn_label: str = "Mediaan",
) -> alt.FacetChart:
    """Fan chart per scenario (small multiples): a line by month (the median, or what ``lijn_label`` says)
    and a band over replications.

    ``tabel``: one row per scenario and month; ``kolom`` has siblings ``<kolom>_<band[0]>`` and ``_<band[1]>``.
    """
    df = tabel[["scenario", "maand", kolom, f"{kolom}_{band[0]}", f"{kolom}_{band[1]}"]].copy()
    df.columns = ["scenario", "maand", "mediaan", "p5", "p95"]
    df["mediaan_label"] = df["mediaan"].map(formatter)
    df["band_label"] = [f"{formatter(a)} – {formatter(b)}" for a, b in zip(df["p5"], df["p95"], strict=True)]
    df["maand"] = pd.to_datetime(df["maand"] + "-15")
    x = alt.X("maand:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=4))
    lagen = [
        alt.Chart()
        .mark_area(opacity=0.25, color=KLEUREN["regionaal"])
        .encode(x=x, y=alt.Y("p5:Q", title=titel_y), y2="p95:Q"),
        alt.Chart()
        .mark_line(color=KLEUREN["regionaal"], point=alt.OverlayMarkDef(size=18))
        .encode(
            x=x,
            y=alt.Y("mediaan:Q", title=titel_y, axis=alt.Axis(format=",.0f")),
            tooltip=[
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("maand:T", title="Maand", format="%B %Y"),
                alt.Tooltip("mediaan_label:N", title=lijn_label),
                alt.Tooltip("band_label:N", title=band_label),
            ],
        ),
    ]
    if norm is not None:
        # the norm line is named in the caption; hidden from screen readers (an unnamed mark would be read as an
        # image without alternative in the interactive view)
        lagen.append(
            alt.Chart().mark_rule(strokeDash=[5, 4], color=KLEUREN["landelijk"], aria=False).encode(y=alt.datum(norm))
        )
    return (
        alt.layer(*lagen, data=df)
        .properties(width=250, height=130)
        .facet(
            facet=alt.Facet(
                "scenario:N", title=None, sort=list(dict.fromkeys(df["scenario"])), header=alt.Header(labelFontSize=11)
            ),
            columns=kolommen,
        )
    )


def verzuim_chart(verzuim: pd.DataFrame, norm_pct: float) -> alt.LayerChart:
    """Sick leave per year against its norm (a dashed rule), as a line with labelled points.

    ``verzuim``: columns jaar, verzuim_pct (0–100), one row per year.
    """
    df = verzuim[["jaar", "verzuim_pct"]].copy()
    df["jaar"] = df["jaar"].astype(int).astype(str)
    df["label"] = df["verzuim_pct"].map(lambda v: fmt.procent(v, 1 if v % 1 else 0))
    norm_label = fmt.procent(norm_pct, 1 if norm_pct % 1 else 0)
    x = alt.X("jaar:O", title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y(
        "verzuim_pct:Q",
        title="Verzuim (%)",
        scale=alt.Scale(domainMin=0),
        axis=alt.Axis(format=",.0f"),
    )
    tooltip = [alt.Tooltip("jaar:N", title="Jaar"), alt.Tooltip("label:N", title="Verzuim")]
    lijn = (
        alt.Chart(df)
        .mark_line(color=KLEUREN["regionaal"], point=alt.OverlayMarkDef(size=60, filled=True))
        .encode(x=x, y=y, tooltip=tooltip)
    )
    etiket = alt.Chart(df).mark_text(dy=-12, fontSize=11).encode(x=x, y=y, text="label:N")
    norm = (
        alt.Chart(pd.DataFrame({"norm": [norm_pct], "label": [f"Norm {norm_label}"]}))
        .mark_rule(strokeDash=[5, 4], color=KLEUREN["beschikbaar"], size=1.5)
        .encode(y="norm:Q", tooltip=[alt.Tooltip("label:N", title="Norm")])
    )
    norm_tekst = (
        alt.Chart(pd.DataFrame({"norm": [norm_pct], "label": [f"Norm {norm_label}"]}))
        .mark_text(align="left", dx=4, dy=-7, x=0, color=KLEUREN["beschikbaar"], fontSize=11)
        .encode(y="norm:Q", text="label:N")
    )
    return alt.layer(lijn, etiket, norm, norm_tekst).properties(width=BREEDTE_PX, height=HOOGTE_PX - 60)
