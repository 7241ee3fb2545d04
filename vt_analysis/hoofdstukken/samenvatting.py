"""Chapter 01, Samenvatting: the shortage under the leading prognosis, the scenarios side by side, the advice.

The sentences are the text set's blocks ``samenvatting`` and ``besluitpunten``; this module adds the table.
"""

from __future__ import annotations

import pandas as pd

from .. import formatting as fmt
from ..params import RunParams
from ..resultaten import Resultaten
from ..tables import Tabel, tabel
from ..velden import WERKDAGEN_PER_WEEK
from .middelen_bijstellen import basis_naam

# --- the summary to decide on: the scenarios in one small table ------------------------------------------


def _kosten_tekst(euro: float | None, onbecijferd: bool) -> str:
    """What a scenario costs VT in a year: A's extra formatie in euro; B and C are not costed."""
    if euro is None or (onbecijferd and not euro):
        return "niet becijferd"
    tekst = fmt.euro(euro)
    return f"{tekst} + niet becijferd" if onbecijferd else tekst


def scenario_overzicht(r: Resultaten, p: RunParams) -> pd.DataFrame:
    """Per compared scenario and year: shortage (fte, positive), A's cost, whether B/C add uncosted effort,
    and the share of meldingen triaged and onderzoeken finished within the legal term in December."""
    defs = {s.naam: s for s in p.vergelijking.scenarios}
    w = r.wachttijden
    tekorten = r.tekorten.set_index(["variant", "jaar"])
    rijen = []
    for _, v in r.vergelijking.iterrows():
        s = defs[v["naam"]]
        jaar = int(v["jaar"])
        dec = w[(w["scenario"] == v["naam"]) & (w["maand"] == f"{jaar}-12")]
        niets_doen = not (s.middelen != "geen" or s.meldingen_terugdringen or s.procesoptimalisatie)
        # Doing nothing is the prognosis' own shortage: the key figure the summary's sentences cite too.
        tekort = tekorten.loc[(v["prognose_variant"], jaar), "tekort_fte"] if niets_doen else -float(v["gap"])
        rijen.append(
            {
                "naam": v["naam"],
                "jaar": jaar,
                "tekort_fte": max(0.0, float(tekort)),
                "kosten_euro": float(v["kosten_euro"]),
                "onbecijferd": bool(s.meldingen_terugdringen or s.procesoptimalisatie),
                "triage_pct": float(dec["pct_triage_binnen_5_werkdagen"].iloc[0]) if len(dec) else None,
                "onderzoek_pct": float(dec["pct_onderzoek_binnen_10_weken"].iloc[0]) if len(dec) else None,
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
                f"vraagt {fmt.procent(-b.loc[jaren[0], 'reductie_overige_pct'])} van de overige meldingen in {jaren[0]}"
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
    """The scenarios side by side: shortage and cost per year, and the legal terms at the end of the last year."""
    o = scenario_overzicht(r, p)
    jaren = sorted(o["jaar"].unique())
    laatste = jaren[-1]
    breed = pd.DataFrame({"naam": list(dict.fromkeys(o["naam"]))})
    formats, koppen = {}, {"naam": "Scenario"}
    for j in jaren:
        deel = o[o["jaar"] == j].set_index("naam")
        breed[f"tekort_{j}"] = breed["naam"].map(deel["tekort_fte"])
        formats[f"tekort_{j}"] = fmt.fte
        koppen[f"tekort_{j}"] = f"Tekort {j} (fte)"
    for j in jaren:
        deel = o[o["jaar"] == j].set_index("naam")
        breed[f"kosten_{j}"] = [
            _kosten_tekst(deel.loc[n, "kosten_euro"], deel.loc[n, "onbecijferd"]) for n in breed["naam"]
        ]
        koppen[f"kosten_{j}"] = f"Extra kosten {j}"
        formats[f"kosten_{j}"] = str
    deel = o[o["jaar"] == laatste].set_index("naam")
    breed["triage"] = breed["naam"].map(deel["triage_pct"])
    breed["onderzoek"] = breed["naam"].map(deel["onderzoek_pct"])
    formats |= {"triage": _procent_of_streep, "onderzoek": _procent_of_streep}
    breed["naam"] = [scenario_label(r, p, n) for n in breed["naam"]]
    termijn_t, termijn_o = r.kalibratie["termijn_triage_werkdagen"], r.kalibratie["termijn_onderzoek_werkdagen"]
    koppen |= {
        "triage": f"Beoordeeld binnen {fmt.aantal(termijn_t)} werkdagen (dec. {laatste})",
        "onderzoek": f"Onderzoek binnen {fmt.aantal(termijn_o // WERKDAGEN_PER_WEEK)} weken (dec. {laatste})",
    }
    return tabel(
        breed,
        "De scenario's naast elkaar: tekort en extra kosten per jaar, en de wettelijke termijnen aan het eind "
        f"van {laatste} (volgens het wachtrijmodel). Extra kosten zijn de kosten van extra formatie (richting A); "
        "wat het terugdringen van meldingen (B) en procesoptimalisatie (C) kosten, is niet becijferd",
        formats,
        koppen,
    )


def _procent_of_streep(waarde) -> str:
    return "–" if waarde is None or waarde != waarde else fmt.procent(waarde)


# --- the rekentool and the queue model reconciled -----------------------------------------------------


def _met_interval(v: dict, sleutel: str) -> str:
    """'63,65 (63,59–63,71)': a formation of the queue model with its 80% interval; '–' when not found."""
    waarde = v.get(sleutel)
    if waarde is None or waarde != waarde:
        return "niet gevonden"
    return f"{fmt.fte(waarde)} ({fmt.fte(v.get(sleutel + '_laag'))}–{fmt.fte(v.get(sleutel + '_hoog'))})"


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
        ("(a) Normuren (rekentool)", lambda j: fmt.fte(v[f"fte_rekentool_{j}"])),
        ("Beschikbaar", lambda j: fmt.fte(v[f"fte_beschikbaar_{j}"])),
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
        {str(j): str for j in jaren},
        {"regel": "Formatie", **{str(j): str(j) for j in jaren}},
    )
