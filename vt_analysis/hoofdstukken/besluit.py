"""Chapter 16, Conclusie en besluitpunten: what the board decides with.

A decision table (each compared option against its cost per year, the annual legal-term indicators of the
queue model, its risks and its earliest effect), the risk table of ``data/risicos.yaml`` (owner, moment,
mitigation, source) and A's amount per financier or gemeente when the data give a key. Everything is read
from the run's results; the sentences are the text set's blocks.
"""

from __future__ import annotations

import pandas as pd

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.samenvatting import jaarindicatoren, kosten_cel, rij_labels
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.invoer.params_secties import ScenarioDef
from vt_analysis.invoer.verdeling import TOTAAL
from vt_analysis.model.resultaten import Resultaten

NIETS_DOEN = "niets_doen"


def richtingen(s: ScenarioDef) -> list[str]:
    """The directions an option combines (A, B, C), or doing nothing: the keys of ``risicos.yaml``."""
    aan = {"A": s.middelen != "geen", "B": s.meldingen_terugdringen, "C": s.procesoptimalisatie}
    return [x for x, ja in aan.items() if ja] or [NIETS_DOEN]


def vroegste_effect(r: Resultaten, p: RunParams, s: ScenarioDef) -> str:
    """When an option first changes the work: A when its first new staff start (the recruitment delay of the
    params), B from its first year, built up over the phase-in months, C from its first year."""
    delen = []
    if s.middelen != "geen":
        v = r.vergelijking[(r.vergelijking["naam"] == s.naam) & (r.vergelijking["maanden_in_dienst"] > 0)]
        if len(v):
            eerste = v.sort_values("jaar").iloc[0]
            start = 12 - int(round(eerste["maanden_in_dienst"])) + 1
            delen.append(f"A: nieuwe medewerkers vanaf {fmt.maand(int(eerste['jaar']), start)}")
    if s.meldingen_terugdringen:
        vanaf = p.scenario_b.vanaf_jaar
        opbouw = p.wachttijden.infasering_maanden
        delen.append(f"B: {'vanaf ' + str(vanaf) if vanaf else 'direct'}, volledig na {fmt.aantal(opbouw)} maanden")
    if s.procesoptimalisatie:
        delen.append(f"C: vanaf {p.scenario_c.vanaf_jaar}" if p.scenario_c.vanaf_jaar else "C: direct")
    return "; ".join(delen) if delen else "geen verandering"


def _risico_namen(r: Resultaten, s: ScenarioDef) -> str:
    opties = set(richtingen(s))
    namen = [rij["naam"] for _, rij in r.risicos.iterrows() if opties & set(rij["richtingen"])]
    return ", ".join(namen) if namen else "–"


def besluit_overzicht(r: Resultaten, p: RunParams) -> pd.DataFrame:
    """Per compared option and year: cost, the annual indicators (share of the year's cases on time), the
    risks that belong to it and its earliest effect."""
    defs = {s.naam: s for s in p.vergelijking.scenarios}
    ind = jaarindicatoren(r)
    rijen = []
    for _, v in r.vergelijking.sort_values(["jaar"], kind="stable").iterrows():
        s = defs[v["naam"]]
        jaar = int(v["jaar"])
        triage, onderzoek = ind.get((v["naam"], jaar), (None, None))
        rijen.append(
            {
                "naam": v["naam"],
                "jaar": jaar,
                "kosten_euro": float(v["kosten_euro"]),
                "onbecijferd": bool(s.meldingen_terugdringen or s.procesoptimalisatie),
                "triage_pct": triage,
                "onderzoek_pct": onderzoek,
                "risicos": _risico_namen(r, s),
                "effect": vroegste_effect(r, p, s),
            }
        )
    volgorde = list(dict.fromkeys(r.vergelijking["naam"]))
    df = pd.DataFrame(rijen)
    df["_v"] = df["naam"].map(volgorde.index)
    return df.sort_values(["_v", "jaar"], kind="stable").drop(columns="_v").reset_index(drop=True)


def besluit_tabel(r: Resultaten, p: RunParams) -> Tabel:
    """The options side by side, one row per option and year."""
    o = besluit_overzicht(r, p)
    df = pd.DataFrame(
        {
            "optie": rij_labels(r, p, o["naam"].to_list()),
            "jaar": o["jaar"].astype(int),
            "kosten": [kosten_cel(e, b) for e, b in zip(o["kosten_euro"], o["onbecijferd"], strict=True)],
            "triage": o["triage_pct"],
            "onderzoek": o["onderzoek_pct"],
            "risicos": o["risicos"],
            "effect": o["effect"],
        }
    )
    kg = r.kengetallen
    return tabel(
        df,
        "Besluittabel: per optie en jaar de extra kosten, het deel van de meldingen en onderzoeken van dat jaar "
        f"dat binnen de wettelijke termijn klaar is (norm {fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)}"
        f" en {fmt.procent(kg.onderzoek_binnen_10_weken_norm_pct.waarde)}, volgens het wachtrijmodel), de risico's "
        "uit de risicotabel en wanneer de optie op zijn vroegst effect heeft",
        {"jaar": kf.JAAR, "kosten": kf.EURO, "triage": kf.procent(), "onderzoek": kf.procent()},
        {
            "optie": "Optie",
            "jaar": "Jaar",
            "kosten": "Extra kosten",
            "triage": "Triage op tijd",
            "onderzoek": "Onderzoek op tijd",
            "risicos": "Risico's",
            "effect": "Vroegste effect",
        },
    )


def risico_tabel(r: Resultaten) -> Tabel:
    """The risks with their size, moment, owner and mitigation (data/risicos.yaml, sized by the run)."""
    rk = r.risicos
    df = pd.DataFrame(
        {
            "risico": [f"{n}: {t}" for n, t in zip(rk["naam"], rk["risico"], strict=True)],
            "omvang": [o if isinstance(o, str) else "–" for o in rk["omvang"]],
            "wanneer": rk["wanneer"],
            "eigenaar": rk["eigenaar"],
            "beperking": rk["beperking"],
        }
    )
    return tabel(
        df,
        "Risico's: omvang, wanneer ze spelen, wie ze draagt en wat ze kleiner maakt",
        None,
        {"risico": "Risico", "omvang": "Omvang", "wanneer": "Wanneer", "eigenaar": "Eigenaar", "beperking": "Aanpak"},
    )


def verdeling_tabel(r: Resultaten) -> Tabel | None:
    """A's amount per financier or gemeente and year (None when the data hold no key: the text says so)."""
    v = r.verdeling
    if not len(v):
        return None
    perioden = list(dict.fromkeys(v["periode"]))
    breed = v.pivot_table(index=["soort", "deel", "aandeel_pct"], columns="periode", values="bedrag_euro", sort=False)
    breed = breed.reset_index()[["deel", "aandeel_pct", *perioden]]
    koppen = {"deel": "Financier of gemeente", "aandeel_pct": "Aandeel"}
    koppen |= {j: ("Samen" if j == TOTAAL else j) for j in perioden}
    formats = {"aandeel_pct": kf.procent(1, heel_zonder=True)} | dict.fromkeys(perioden, kf.EURO)
    bijschrift = "Het bedrag van richting A per financier of gemeente volgens de verdeelsleutel"
    return tabel(breed, bijschrift, formats, koppen)
