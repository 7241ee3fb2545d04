"""Chart builders for the scenario chapters: the waterfall of levers, the scenario comparison, the tornado of
sensitivities and the fan chart of the waiting-list simulation. Look and colours from
:mod:`vt_analysis.hoofdstukken.grafiekthema`.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from vt_analysis.basis import formatting as fmt
from vt_analysis.hoofdstukken.grafiekthema import BREEDTE_PX, HOOGTE_PX, KLEUREN, labels_in_regels


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
        axis=alt.Axis(labelAngle=0, labelLimit=110, labelExpr=labels_in_regels(list(df["stap"]))),
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
    ruis: str | None = None,
) -> alt.Chart | alt.LayerChart:
    """Tornado: the change of an outcome (default the shortage, fte) when each input is set lower or higher;
    largest span on top; an effect NaN is a direction the input lacks (no bar, no row). ``ruis``: a grey band
    from −``ruis_pp`` to +``ruis_pp`` behind each bar (the bar's own noise: a bar inside it is not told from
    chance), and the noise in the bars' tooltip under this title."""
    lang = tabel.melt(
        id_vars=["invoer", "bereik"],
        value_vars=["effect_laag", "effect_hoog"],
        var_name="richting",
        value_name="effect",
    )
    lang = lang.dropna(subset=["effect"]).reset_index(drop=True)  # a direction an input lacks: no bar, no row
    lang["richting"] = lang["richting"].map({"effect_laag": "Invoer lager", "effect_hoog": "Invoer hoger"})
    lang["effect_label"] = lang["effect"].map(label)
    tooltip = [
        alt.Tooltip("invoer:N", title="Invoer"),
        alt.Tooltip("richting:N", title="Richting"),
        alt.Tooltip("effect_label:N", title=titel_x),
    ]
    if ruis is not None:  # the noise in the bars' own tooltip: the text alternative reads the bars
        per_invoer = dict(zip(tabel["invoer"], tabel["ruis_pp"], strict=True))
        lang["ruis_label"] = ["± " + label(per_invoer[i]).lstrip("+") if per_invoer[i] else "–" for i in lang["invoer"]]
        tooltip.append(alt.Tooltip("ruis_label:N", title=ruis))
    y = alt.Y("invoer:N", sort=list(tabel["invoer"]), title=None, axis=alt.Axis(labelLimit=220))
    staven = (
        alt.Chart(lang)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("effect:Q", title=titel_x, axis=alt.Axis(format=",.1f")),
            color=alt.Color(
                "richting:N",
                title=None,
                sort=["Invoer lager", "Invoer hoger"],
                scale=alt.Scale(range=[KLEUREN["landelijk"], KLEUREN["regionaal"]]),
            ),
            tooltip=tooltip,
        )
        .properties(width=BREEDTE_PX - 140)
    )
    if ruis is None:
        return staven
    band = tabel.loc[tabel["ruis_pp"] > 0, ["invoer", "ruis_pp"]].assign(min=lambda t: -t["ruis_pp"])
    achter = (
        alt.Chart(band)
        .mark_bar(color=KLEUREN["neutraal"], opacity=0.25, height={"band": 1})
        .encode(y=y, x="min:Q", x2="ruis_pp:Q")
    )
    return alt.layer(achter, staven).properties(width=BREEDTE_PX - 140)


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
