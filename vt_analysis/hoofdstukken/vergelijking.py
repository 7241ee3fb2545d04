"""Chapter 07, Vergelijking: the named scenarios side by side, and the sensitivity of the gap."""

from __future__ import annotations

from IPython.display import Markdown

from .. import formatting as fmt
from ..charts import Figuur, figuur, tornado_chart, vergelijking_chart
from ..resultaten import Resultaten
from ..scenarios import HEFBOMEN
from ..tables import Tabel, tabel


def vergelijking_tekst(r: Resultaten) -> Markdown:
    v = r.vergelijking
    laatste = int(v["jaar"].max())
    eind = v[v["jaar"] == laatste]
    sluitend = eind[eind["gap"] >= -1e-9]
    goedkoopst = sluitend.sort_values("kosten_euro").iloc[0] if not sluitend.empty else None
    zinnen = [
        "De tabel zet de scenario's uit de parameters van deze run naast elkaar. Binnen een jaar werkt eerst C "
        "(procesoptimalisatie), dan B (meldingen begrensd op wat de formatie aankan) en ten slotte A (extra formatie "
        "voor het tekort dat overblijft)."
    ]
    tekort = eind[eind["gap"] < -1e-9]
    if not tekort.empty:
        zinnen.append(
            f"In {laatste} houden {len(tekort)} van de {len(eind)} scenario's een tekort, het grootste bij "
            f"*{tekort.sort_values('gap').iloc[0]['naam']}* ({fmt.fte(-tekort['gap'].min(), eenheid=True)})."
        )
    if goedkoopst is not None:
        zinnen.append(
            f"Sluitend in {laatste} zijn: "
            + ", ".join(f"*{n}*" for n in sluitend["naam"])
            + f". Daarvan kost *{goedkoopst['naam']}* het minst ({fmt.euro(goedkoopst['kosten_euro'])}), "
            f"met {fmt.aantal(goedkoopst['meldingen'], 'meldingen')}."
        )
    zinnen.append(
        "De kosten zijn alleen die van de extra formatie; indexatie, VOiT en Veiligheid Voorop staan bij scenario A."
    )
    return Markdown("\n\n".join(zinnen))


def vergelijking_tabel(r: Resultaten) -> Tabel:
    v = r.vergelijking
    return tabel(
        v[["naam", "jaar", "meldingen", "fte_benodigd", "fte_beschikbaar", "gap", "kosten_euro"]],
        "Vergelijking van de scenario's per jaar",
        {
            "jaar": str,
            "meldingen": fmt.aantal,
            "fte_benodigd": fmt.fte,
            "fte_beschikbaar": fmt.fte,
            "gap": lambda x: fmt.fte(x, teken=True),
            "kosten_euro": fmt.euro,
        },
        {
            "naam": "Scenario",
            "jaar": "Jaar",
            "meldingen": "Meldingen",
            "fte_benodigd": "Fte benodigd",
            "fte_beschikbaar": "Fte beschikbaar",
            "gap": "Gap",
            "kosten_euro": "Extra kosten",
        },
    )


def vergelijking_figuur(r: Resultaten) -> Figuur:
    return figuur(vergelijking_chart(r.vergelijking), "Gap per scenario en jaar (fte; negatief is een tekort)")


def gevoeligheid_tekst(r: Resultaten) -> Markdown:
    g = r.gevoeligheid
    top = g.iloc[0]
    tekst = (
        f"Hoe gevoelig is de gap voor de invoer? Elke invoer is {fmt.procent(top['variatie_pct'])} lager en hoger "
        "gezet, voor "
        f"scenario *{top['scenario']}* in {int(top['jaar'])} (gap {fmt.fte(top['gap_basis'], teken=True)} fte, vóór A "
        "en B). "
        f"De grootste invloed heeft *{top['invoer'].replace('_', ' ')}*: de gap ligt dan tussen "
        f"{fmt.fte(min(top['gap_laag'], top['gap_hoog']), teken=True)} en "
        f"{fmt.fte(max(top['gap_laag'], top['gap_hoog']), teken=True)} fte."
    )
    zonder = g.loc[g["bereik"] == 0, "invoer"].tolist()
    if zonder:
        tekst += f" Zonder invloed (niet in de grafiek): {', '.join(z.replace('_', ' ') for z in zonder)}."
    if "meldingen" in zonder:
        tekst += (
            " Het aantal meldingen zelf telt in de rekentool niet mee, omdat de triagenorm met het aantal overdragen "
            "meldingen rekent."
        )
    if any(z in HEFBOMEN for z in zonder):
        tekst += " Een hefboom die op nul staat, verandert ook bij een procentuele variatie niets."
    return Markdown(tekst)


def gevoeligheid_figuur(r: Resultaten) -> Figuur:
    g = r.gevoeligheid
    g = g[g["bereik"] > 0].copy()
    g["invoer"] = (
        g["soort"]
        .map({"telling": "aantal", "normuren": "normuren", "uren_per_fte": "", "hefboom": "hefboom"})
        .str.cat(g["invoer"].str.replace("_", " "), sep=" ")
        .str.strip()
    )
    return figuur(
        tornado_chart(g),
        f"Gevoeligheid: effect op de gap van elke invoer bij ±{fmt.procent(g['variatie_pct'].iloc[0])}",
    )
