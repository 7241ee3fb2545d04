"""Chapter 03, Prognose: three forecasts of the meldingen and the fte they need."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.charts import Figuur, figuur, prognose_chart
from vt_analysis.hoofdstukken.namen import TELLING_NAMEN, VARIANT_NAMEN
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params_secties import PrognoseParams
from vt_analysis.model.resultaten import Resultaten


def _groei_zin(pp: PrognoseParams) -> str:
    """The growth after the budget year in words; no '0,0% per jaar' when there is none."""
    b, w = pp.begroting_groei_pct_per_jaar, pp.winstwaarschuwing_groei_pct_per_jaar
    if b == 0 and w == 0:
        return "Na het begrotingsjaar blijven de begroting en de winstwaarschuwing gelijk: geen groei."
    return (
        f"Na het begrotingsjaar groeit de begroting met {fmt.procent(b, 1)} per jaar en de winstwaarschuwing met "
        f"{fmt.procent(w, 1)} per jaar."
    )


def prognose_tekst(r: Resultaten, pp: PrognoseParams) -> Markdown:
    """The three variants of the first forecast year, the available fte and the assumptions."""
    kg = r.kengetallen
    prog = r.prognose
    kol = f"fte_{r.normset}"
    jaren = sorted(prog["jaar"].unique())
    eerste = jaren[0]
    rij = lambda v, j: prog[(prog["variant"] == v) & (prog["jaar"] == j)].iloc[0]  # noqa: E731
    b, w, t = rij("begroting", eerste), rij("winstwaarschuwing", eerste), rij("trend", eerste)
    regels = [
        f"Voor {eerste} zijn drie verwachtingen naast elkaar gezet. De **begroting** "
        f"({pp.begroting_periode or r.besluit_periode}) "
        f"gaat uit van {fmt.aantal(b['meldingen'], 'meldingen')}; daarvoor is {fmt.fte(b[kol], eenheid=True)} nodig. "
        "De **winstwaarschuwing** op basis van de aantallen van oktober komt op "
        f"{fmt.aantal(w['meldingen'], 'meldingen')} en "
        f"{fmt.aantal(w['adviezen'], 'adviezen')}: {fmt.fte(w[kol], eenheid=True)}. "
        f"Een **trend** door de realisaties en BURAP-prognoses geeft {fmt.aantal(t['meldingen'], 'meldingen')} "
        f"({fmt.procent(pp.betrouwbaarheid_pct)}-voorspelinterval {fmt.aantal(t['meldingen_ondergrens'])} tot "
        f"{fmt.aantal(t['meldingen_bovengrens'])}), ofwel {fmt.fte(t[kol], eenheid=True)} "
        f"({fmt.fte(t[f'{kol}_ondergrens'])} tot {fmt.fte(t[f'{kol}_bovengrens'])}).",
        f"Beschikbaar is {fmt.fte(kg.fte_beschikbaar[eerste].waarde, eenheid=True)} in {eerste}"
        + "".join(
            f" en {fmt.fte(kg.fte_beschikbaar[j].waarde, eenheid=True)} in {j}"
            for j in jaren[1:]
            if j in kg.fte_beschikbaar
        )
        + ".",
        "*Aannames.* De trend is een rechte lijn (kleinste kwadraten) door één punt per jaar; voor het lopende jaar "
        "telt "
        "de laatste BURAP-prognose. Met zo weinig punten is het voorspelinterval (Student-t met n − 2 vrijheidsgraden) "
        "bewust breed. Aantallen die een variant niet geeft (overdrachten, onderzoeken, monitoring) volgen de "
        "verhouding tot de "
        f"meldingen in {pp.basis_periode or r.peilmoment}. " + _groei_zin(pp),
        f"Daarnaast staat de **stand bij {r.peilmoment}** zonder groei in de tabel: "
        f"{fmt.aantal(rij('peilmoment', eerste)['meldingen'], 'meldingen')} per jaar, "
        f"{fmt.fte(rij('peilmoment', eerste)[kol], eenheid=True)}. Op die stand rekent richting A.",
    ]
    return Markdown("\n\n".join(regels))


def prognose_tabel(r: Resultaten) -> Tabel:
    prog = r.prognose.copy()
    kol = f"fte_{r.normset}"
    ns = [r.normset] + ([r.normset_vergelijking] if r.normset_vergelijking else [])
    prog["variant"] = prog["variant"].map(VARIANT_NAMEN).fillna(prog["variant"])
    prog["bandbreedte"] = [
        kf.Interval(lo, hi) if pd.notna(lo) else ""
        for lo, hi in zip(prog[f"{kol}_ondergrens"], prog[f"{kol}_bovengrens"], strict=True)
    ]
    kolommen = ["variant", "jaar", "meldingen", "adviezen", *[f"fte_{n}" for n in ns], "bandbreedte"]
    formats = {"jaar": kf.JAAR, "meldingen": kf.AANTAL, "adviezen": kf.AANTAL, "bandbreedte": kf.FTE}
    formats |= {f"fte_{n}": kf.FTE for n in ns}
    koppen = {"variant": "Variant", "jaar": "Jaar", **TELLING_NAMEN, "bandbreedte": f"Interval {r.normset}"}
    koppen |= {f"fte_{n}": f"Fte {n}" for n in ns}
    return tabel(prog[kolommen], "Prognose van de volumes en de benodigde formatie per variant", formats, koppen)


def prognose_figuur(r: Resultaten, grootheid: str = "meldingen") -> Figuur:
    """Meldingen or required fte: one history point per year (the last period of that year that is
    not a begroting), the variants, the trend band; for fte also the available fte per year."""
    prog = r.prognose
    formatie = r.perioden
    historie = formatie[formatie["status"] != "begroting"].drop_duplicates("jaar", keep="last")
    historie = historie[["jaar", grootheid]].rename(columns={grootheid: "waarde"})
    if grootheid == "meldingen":
        chart = prognose_chart(prog, historie, grootheid, "Meldingen per jaar", fmt.aantal)
        bijschrift = (
            "Meldingen per jaar: realisaties en BURAP's, de prognosevarianten en het voorspelinterval van de trend"
        )
    else:
        beschikbaar = {j: kg.waarde for j, kg in r.kengetallen.fte_beschikbaar.items() if j in set(prog["jaar"])}
        chart = prognose_chart(prog, historie, grootheid, "Fte", fmt.fte, beschikbaar)
        bijschrift = (
            f"Benodigde formatie ({r.normset}) per prognosevariant, met het voorspelinterval van de trend "
            "en de beschikbare formatie (stippellijn)"
        )
    return figuur(chart, bijschrift)
