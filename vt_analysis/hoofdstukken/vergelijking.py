"""Chapter 07, Vergelijking: the named scenarios side by side, and the sensitivity of the gap."""

from __future__ import annotations

from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.charts import Figuur, figuur, tornado_chart, vergelijking_chart
from vt_analysis.hoofdstukken.middelen_bijstellen import basis_naam
from vt_analysis.hoofdstukken.namen import invoer_naam, klein
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.model.scenarios import HEFBOMEN, c_becijferd


def _onbecijferd(p: RunParams) -> set[str]:
    """Scenarios with B or C: their cost (to gemeenten, VT, partners) is not costed, so not € 0."""
    return {s.naam for s in p.vergelijking.scenarios if s.meldingen_terugdringen or s.procesoptimalisatie}


def vergelijking_tekst(r: Resultaten, p: RunParams) -> Markdown:
    v = r.vergelijking
    laatste = int(v["jaar"].max())
    eind = v[v["jaar"] == laatste]
    onbecijferd = _onbecijferd(p)
    volgorde = "eerst C (procesoptimalisatie), dan B" if c_becijferd(p.scenario_c) else "eerst B"
    zinnen = [
        "De tabel zet de scenario's die het programmateam heeft uitgewerkt naast elkaar. Binnen een jaar werkt "
        f"{volgorde} (meldingen begrensd op wat de formatie aankan) en ten slotte A (extra formatie, aangevuld op "
        f"{basis_naam(r, p.scenario_a.prognose_variant)})."
    ]
    if not c_becijferd(p.scenario_c):
        zinnen.append(
            "Richting C staat er niet in: geen van haar hefbomen heeft een waarde, en zonder die waarden is C gelijk "
            "aan niets doen. Wat nodig is om C te becijferen, staat in het hoofdstuk over richting C."
        )
    tekort = eind[eind["tekort_fte"] > 1e-9]
    if not tekort.empty:
        grootste = tekort.sort_values("tekort_fte").iloc[-1]
        zinnen.append(
            f"In {laatste} houden {len(tekort)} van de {len(eind)} scenario's een tekort, het grootste bij "
            f"*{grootste['naam']}* ({fmt.fte(grootste['tekort_fte'], eenheid=True)})."
        )
    becijferd = [
        n for n in dict.fromkeys(v["naam"]) if n not in onbecijferd and v[v["naam"] == n]["kosten_euro"].gt(0).any()
    ]
    for naam in becijferd:
        k = v[v["naam"] == naam].sort_values("jaar")
        zinnen.append(
            f"*{naam}* kost "
            + fmt.opsomming([f"{fmt.euro(x)} in {int(j)}" for j, x in zip(k["jaar"], k["kosten_euro"], strict=True)])
            + f", samen {fmt.euro(k['kosten_euro'].sum())}."
        )
    zinnen.append(
        "Wat het terugdringen van meldingen (B) en procesoptimalisatie (C) kosten, is niet becijferd: die scenario's "
        "staan in de tabel als *niet becijferd*, niet als gratis."
    )
    return Markdown("\n\n".join(zinnen))


def vergelijking_tabel(r: Resultaten, p: RunParams) -> Tabel:
    v = r.vergelijking.copy()
    onbecijferd = _onbecijferd(p)
    v["kosten"] = [
        ("niet becijferd" if not k else f"{fmt.euro(k)} + niet becijferd") if n in onbecijferd else k
        for n, k in zip(v["naam"], v["kosten_euro"], strict=True)
    ]
    return tabel(
        v[["naam", "jaar", "meldingen", "fte_benodigd", "fte_beschikbaar", "tekort_fte", "kosten"]],
        "Vergelijking van de scenario's per jaar (beschikbaar: gemiddeld over het jaar, de extra formatie van "
        "A voor de maanden dat zij in dienst is, zoals haar kosten; tekort: benodigd min beschikbaar; negatief is "
        "ruimte)",
        {
            "jaar": kf.JAAR,
            "meldingen": kf.AANTAL,
            "fte_benodigd": kf.FTE,
            "fte_beschikbaar": kf.FTE,
            "tekort_fte": kf.FTE,
            "kosten": kf.EURO,
        },
        {
            "naam": "Scenario",
            "jaar": "Jaar",
            "meldingen": "Meldingen",
            "fte_benodigd": "Benodigd (fte)",
            "fte_beschikbaar": "Beschikbaar (fte)",
            "tekort_fte": "Tekort (fte)",
            "kosten": "Extra kosten",
        },
    )


def vergelijking_figuur(r: Resultaten) -> Figuur:
    return figuur(
        vergelijking_chart(r.vergelijking),
        "Tekort per scenario en jaar: benodigde min beschikbare formatie (fte; negatief is ruimte)",
    )


def gevoeligheid_tekst(r: Resultaten) -> Markdown:
    """The tornado in words, in the report's one sign: the shortage (required − available) before A and B."""
    g = r.gevoeligheid
    top = g.iloc[0]
    laag, hoog = sorted([-top["gap_laag"], -top["gap_hoog"]])
    tekst = (
        "Hoe gevoelig is het tekort voor de invoer? Elke invoer is "
        f"{fmt.procent(top['variatie_pct'])} lager en hoger gezet, voor "
        f"scenario *{top['scenario']}* in {int(top['jaar'])} (tekort {fmt.fte(-top['gap_basis'], eenheid=True)}, "
        "vóór A en B). "
        f"De grootste invloed heeft *{klein(invoer_naam(top['soort'], top['invoer']))}*: het tekort ligt dan tussen "
        f"{fmt.fte(laag, eenheid=True)} en {fmt.fte(hoog, eenheid=True)}."
    )
    nul = g[g["bereik"] == 0]
    zonder = nul["invoer"].tolist()
    tellingen = [klein(invoer_naam(s, i)) for s, i in zip(nul["soort"], nul["invoer"], strict=True) if s != "hefboom"]
    if len(tellingen) == 1:
        tekst += f" Geen invloed heeft: {tellingen[0]}; die invoer staat niet in de grafiek."
    elif tellingen:
        tekst += f" Geen invloed hebben: {fmt.opsomming(tellingen)}; die staan niet in de grafiek."
    if "meldingen" in zonder:
        tekst += (
            " Het aantal meldingen zelf telt in de rekentool niet mee, omdat de triagenorm met het aantal overdragen "
            "meldingen rekent."
        )
    if any(z in HEFBOMEN for z in zonder):
        tekst += " De hefbomen van C staan op nul; een procentuele variatie van nul verandert niets."
    return Markdown(tekst)


def gevoeligheid_figuur(r: Resultaten) -> Figuur:
    g = r.gevoeligheid
    g = g[g["bereik"] > 0].copy()
    g["invoer"] = [invoer_naam(s, i) for s, i in zip(g["soort"], g["invoer"], strict=True)]
    g["effect_laag"], g["effect_hoog"] = -g["effect_laag"], -g["effect_hoog"]  # on the shortage, not the gap
    return figuur(
        tornado_chart(g),
        f"Gevoeligheid: effect op het tekort van elke invoer bij ±{fmt.procent(g['variatie_pct'].iloc[0])}",
    )
