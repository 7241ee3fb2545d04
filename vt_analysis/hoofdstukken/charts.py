"""The report's chart builders: one function per kind of chart, data frames in, an Altair chart out.

Look and colours come from :mod:`vt_analysis.hoofdstukken.grafiekthema`, the scenario charts live in
:mod:`vt_analysis.hoofdstukken.grafieken_scenario`; chapters display a chart with ``figuur(chart,
bijschrift)`` (:mod:`vt_analysis.hoofdstukken.grafiekweergave`, re-exported here with the names chapters
and converters import from this module). Numbers: axes use the d3 ``nl-NL`` locale, tooltips show labels made by
:mod:`vt_analysis.basis.formatting`, so both read ``73,33``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from vt_analysis.basis import formatting as fmt
from vt_analysis.hoofdstukken.grafieken_scenario import tornado_chart, vergelijking_chart, waaier_chart, waterval_chart
from vt_analysis.hoofdstukken.grafiekteksten import gegevens_tabel, gegevens_tekst, tekstalternatief
from vt_analysis.hoofdstukken.grafiekthema import (
    BREEDTE_PX,
    FORMAT_LOCALE,
    HOOGTE_PX,
    KLEUREN,
    VARIANT_KLEUREN,
    VEGALITE_MIMETYPE,
    contrastverhouding,
    labels_in_regels,
    thema,
)
from vt_analysis.hoofdstukken.grafiekweergave import Figuur, figuur

__all__ = [
    "FORMAT_LOCALE",
    "KLEUREN",
    "VARIANT_KLEUREN",
    "VEGALITE_MIMETYPE",
    "Figuur",
    "contrastverhouding",
    "figuur",
    "gegevens_tabel",
    "gegevens_tekst",
    "tekstalternatief",
    "thema",
    "tornado_chart",
    "vergelijking_chart",
    "waaier_chart",
    "waterval_chart",
]


def _perioden_as(volgorde: list[str]) -> alt.X:
    return alt.X(
        "periode:N",
        sort=volgorde,
        title=None,
        axis=alt.Axis(labelAngle=0, labelLimit=90, labelExpr=labels_in_regels(volgorde)),
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


def verzuim_chart(verzuim: pd.DataFrame, norm_pct: float) -> alt.LayerChart:
    """Sick leave per year against its norm (a dashed rule), as a line with labelled points.

    ``verzuim``: columns jaar, verzuim_pct (0–100), one row per year.
    """
    df = verzuim[["jaar", "verzuim_pct"]].copy()
    df["jaar"] = df["jaar"].astype(int).astype(str)
    df["label"] = df["verzuim_pct"].map(lambda v: fmt.procent(v, fmt.decimalen_voor(v, 1)))
    norm_label = fmt.procent(norm_pct, fmt.decimalen_voor(norm_pct, 1))
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
