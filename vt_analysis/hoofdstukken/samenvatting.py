"""Chapter 01, Samenvatting: the shortage under the leading prognosis, the scenarios side by side, the advice.

The sentences are the text set's blocks ``samenvatting`` and ``besluitpunten``; this module adds the table.
"""

from __future__ import annotations

import pandas as pd

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.middelen_bijstellen import basis_naam
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.tekst.velden import WERKDAGEN_PER_WEEK

# --- the summary to decide on: the scenarios in one small table ------------------------------------------


def kosten_cel(euro: float | None, onbecijferd: bool) -> float | str:
    """What an option costs in a year, as its cell: A's extra formatie in euro (a number: the workbook sums it);
    with B or C in it the part that is not costed is said in words (the cell becomes text)."""
    if euro is None or (onbecijferd and not euro):
        return "niet becijferd"
    return f"{fmt.euro(euro)} + niet becijferd" if onbecijferd else float(euro)


def jaarindicatoren(r: Resultaten) -> dict[tuple[str, int], tuple[float, float]]:
    """Per queue scenario and year the annual indicators (share of the year's meldingen triaged and onderzoeken
    finished within the legal term), as BURAP and the Inspectie report them; results ``wachttijden_jaren``."""
    j = r.wachttijden_jaren
    if not len(j):
        return {}
    return {
        (rij["scenario"], int(rij["jaar"])): (float(rij["triage_pct"]), float(rij["onderzoek_pct"]))
        for _, rij in j.iterrows()
    }


def scenario_overzicht(r: Resultaten, p: RunParams) -> pd.DataFrame:
    """Per compared scenario and year: shortage (fte, positive), A's cost, whether B/C add uncosted effort,
    and the annual indicators of the legal terms (the year's cases on time, not a December snapshot)."""
    defs = {s.naam: s for s in p.vergelijking.scenarios}
    ind = jaarindicatoren(r)
    tekorten = r.tekorten.set_index(["variant", "jaar"])
    rijen = []
    for _, v in r.vergelijking.iterrows():
        s = defs[v["naam"]]
        jaar = int(v["jaar"])
        niets_doen = not (s.middelen != "geen" or s.meldingen_terugdringen or s.procesoptimalisatie)
        # Doing nothing is the prognosis' own shortage: the key figure the summary's sentences cite too.
        tekort = tekorten.loc[(v["prognose_variant"], jaar), "tekort_fte"] if niets_doen else float(v["tekort_fte"])
        triage, onderzoek = ind.get((v["naam"], jaar), (None, None))
        rijen.append(
            {
                "naam": v["naam"],
                "jaar": jaar,
                "tekort_fte": max(0.0, float(tekort)),
                "kosten_euro": float(v["kosten_euro"]),
                "onbecijferd": bool(s.meldingen_terugdringen or s.procesoptimalisatie),
                "triage_pct": triage,
                "onderzoek_pct": onderzoek,
            }
        )
    return pd.DataFrame(rijen)


def scenario_label(r: Resultaten, p: RunParams, naam: str) -> str:
    """A scenario's name with what it rests on: B asks a cut of the other meldingen, volumes older than the
    peilmoment are outdated, A is funded on a named basis."""
    s = next(x for x in p.vergelijking.scenarios if x.naam == naam)
    v = r.vergelijking[r.vergelijking["naam"] == naam].sort_values("jaar")
    delen = []
    if s.meldingen_terugdringen:
        b = r.scenario_b.set_index("jaar")
        jaren = [j for j in v["jaar"] if p.scenario_b.vanaf_jaar is None or j >= p.scenario_b.vanaf_jaar]
        if jaren and b.loc[jaren[0], "reductie_meldingen"] > 0:
            delen.append(
                f"vraagt {fmt.procent(b.loc[jaren[0], 'reductie_overige_pct'])} minder overige meldingen in {jaren[0]}"
            )
    peil = r.periode(r.peilmoment)["meldingen"]
    eerste = v.iloc[0]
    tekort = r.tekorten.set_index(["variant", "jaar"])
    meldingen = tekort.loc[(eerste["prognose_variant"], int(eerste["jaar"])), "meldingen"]
    if meldingen < peil:
        delen.append(f"{fmt.aantal(meldingen)} meldingen: achterhaald, {r.peilmoment} al {fmt.aantal(peil)}")
    if s.middelen != "geen" and p.scenario_a.prognose_variant != eerste["prognose_variant"]:
        delen.append(f"tekort aangevuld op {basis_naam(r, p.scenario_a.prognose_variant)}")
    return f"{naam} ({'; '.join(delen)})" if delen else naam


def scenario_tabel(r: Resultaten, p: RunParams) -> Tabel:
    """The scenarios side by side, one row per scenario and year: shortage, cost and the annual indicators."""
    o = scenario_overzicht(r, p)
    volgorde = list(dict.fromkeys(o["naam"]))
    o = o.assign(_v=o["naam"].map(volgorde.index)).sort_values(["_v", "jaar"], kind="stable")
    df = pd.DataFrame(
        {
            "naam": rij_labels(r, p, o["naam"].to_list()),
            "jaar": o["jaar"].astype(int).to_list(),
            "tekort": o["tekort_fte"].to_list(),
            "kosten": [kosten_cel(e, b) for e, b in zip(o["kosten_euro"], o["onbecijferd"], strict=True)],
            "triage": o["triage_pct"].to_list(),
            "onderzoek": o["onderzoek_pct"].to_list(),
        }
    )
    termijn_t, termijn_o = r.kalibratie["termijn_triage_werkdagen"], r.kalibratie["termijn_onderzoek_werkdagen"]
    koppen = {
        "naam": "Scenario",
        "jaar": "Jaar",
        "tekort": "Tekort (fte)",
        "kosten": "Extra kosten",
        "triage": f"Triage binnen {fmt.aantal(termijn_t)} werkdagen",
        "onderzoek": f"Onderzoek binnen {fmt.aantal(termijn_o // WERKDAGEN_PER_WEEK)} weken",
    }
    return tabel(
        df,
        "De scenario's naast elkaar: tekort en extra kosten per jaar, en het deel van de meldingen en onderzoeken "
        "van dat jaar dat binnen de wettelijke termijn klaar is (volgens het wachtrijmodel). Extra kosten zijn de "
        "kosten van extra formatie (richting A); wat het terugdringen van meldingen (B) en procesoptimalisatie (C) "
        "kosten, is niet becijferd",
        {"jaar": kf.JAAR, "tekort": kf.FTE, "kosten": kf.EURO, "triage": kf.procent(), "onderzoek": kf.procent()},
        koppen,
    )


def rij_labels(r: Resultaten, p: RunParams, namen: list[str]) -> list[str]:
    """A scenario's full label on its first row, its bare name on the rows of its later years (the label is long)."""
    gezien: set[str] = set()
    uit = []
    for n in namen:
        uit.append(n if n in gezien else scenario_label(r, p, n))
        gezien.add(n)
    return uit


# --- the rekentool and the queue model reconciled -----------------------------------------------------


def _met_interval(v: dict, sleutel: str) -> kf.MetInterval | str:
    """A formation of the queue model with its 80% interval ('63,65 (63,59–63,71)'); 'niet gevonden' without."""
    waarde = v.get(sleutel)
    if waarde is None or waarde != waarde:
        return "niet gevonden"
    return kf.MetInterval(waarde, v.get(sleutel + "_laag"), v.get(sleutel + "_hoog"))


def verzoening_tabel(r: Resultaten) -> Tabel:
    """(a) the rekentool's formation, (b) the balance per queue at the base year's tempo, (c) the formation at
    which each annual indicator reaches its norm, per year; read from results.json's ``verzoening``."""
    v = r.verzoening
    jaren = sorted(int(k.rsplit("_", 1)[1]) for k in v if k.startswith("fte_rekentool_"))
    kg = r.kengetallen
    norm_t = fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)
    norm_o = fmt.procent(kg.onderzoek_binnen_10_weken_norm_pct.waarde)
    basisjaar = v.get("basisjaar", "")
    regels = [
        ("(a) Normuren (rekentool)", lambda j: v[f"fte_rekentool_{j}"]),
        ("Beschikbaar", lambda j: v[f"fte_beschikbaar_{j}"]),
        (f"(b) Evenwicht triage, tempo {basisjaar}", lambda j: _met_interval(v, f"fte_evenwicht_triage_{j}")),
        (f"(b) Evenwicht onderzoek, tempo {basisjaar}", lambda j: _met_interval(v, f"fte_evenwicht_onderzoek_{j}")),
        (f"(c) Triage {norm_t} op tijd over het jaar", lambda j: _met_interval(v, f"fte_norm_triage_{j}")),
        (f"(c) Onderzoek {norm_o} op tijd over het jaar", lambda j: _met_interval(v, f"fte_norm_onderzoek_{j}")),
    ]
    df = pd.DataFrame([{"regel": naam, **{str(j): f(j) for j in jaren}} for naam, f in regels])
    return tabel(
        df,
        "Rekentool en wachtrijmodel naast elkaar: formatie in fte per jaar; tussen haakjes het 80%-interval van "
        "meetfout en toeval",
        {str(j): kf.FTE for j in jaren},
        {"regel": "Formatie", **{str(j): str(j) for j in jaren}},
    )
