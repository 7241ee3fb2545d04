"""The rekentool and the queue model side by side: the figures behind the board's first question.

(a) The formation the norm hours ask (rekentool, Bijlage 1 and 2); (b) the formation at which each queue
is in balance at the tempo of the base year; (c) the formation at which the annual legal-term indicators
reach their norms (Beleidsindicatoren: 95% and 85%), both from the queue model calibrated on the measured
shares. The difference between (a) and (b) is the tempo: in the base year a case got fewer hours than the
norm hours (work not done as the handelingsprotocol asks). Computed once into ``results.json``
(section ``verzoening``); the text block ``verzoening`` and the summary's table read these fields.
"""

from __future__ import annotations

import pandas as pd

from vt_analysis.invoer.data import Normset

_INTERVAL = ("", "_laag", "_hoog")


def verzoening_scenario(vergelijking: pd.DataFrame, variant: str) -> str | None:
    """The compared scenario that is the prognosis itself: its volumes, no extra fte, no fewer meldingen."""
    v = vergelijking[vergelijking["prognose_variant"] == variant]
    if "extra_fte" in v:
        v = v[v["extra_fte"].fillna(0) == 0]
    if "meldingen_voor_b" in v:
        v = v[(v["meldingen"] - v["meldingen_voor_b"].fillna(v["meldingen"])).abs() < 1e-9]
    return str(v["naam"].iloc[0]) if len(v) else None


def verzoening(
    vergelijking: pd.DataFrame,
    tekorten: pd.DataFrame,
    jaren: pd.DataFrame,
    kalibratie: dict,
    normset: Normset,
    variant: str,
) -> dict:
    """Name → unrounded figure: (a), (b) and (c) per prognosis year for the leading prognosis ``variant``,
    and the hours per case of the base year against the norm hours (what the tempo means)."""
    if not kalibratie or not len(jaren):
        return {}
    naam = verzoening_scenario(vergelijking, variant)
    uit: dict = {"scenario": naam, "prognose_variant": variant, "basisjaar": kalibratie["basisjaar"]}
    for q in ("triage", "onderzoek"):
        tempo = kalibratie[f"factor_{q}"]
        norm = normset.producten[q].uren
        uit |= {
            f"tempo_{q}": tempo,
            f"normuren_{q}": norm,
            f"uren_{q}": norm / tempo,
            f"minder_uren_{q}_pct": 100 * (1 - 1 / tempo),
        }
    t = tekorten[tekorten["variant"] == variant].set_index("jaar")
    j = jaren[jaren["scenario"] == naam].set_index("jaar") if naam else pd.DataFrame()
    for jaar in t.index:
        jaar = int(jaar)
        uit[f"fte_rekentool_{jaar}"] = float(t.loc[jaar, "fte_benodigd"])
        uit[f"fte_beschikbaar_{jaar}"] = float(t.loc[jaar, "fte_beschikbaar"])
        if jaar not in j.index:
            continue
        rij = j.loc[jaar]
        for soort in ("evenwicht", "norm"):
            for q in ("triage", "onderzoek"):
                for s in _INTERVAL:
                    uit[f"fte_{soort}_{q}_{jaar}{s}"] = float(rij[f"fte_{soort}_{q}{s}"])
        for q in ("triage", "onderzoek"):
            for s in _INTERVAL:
                uit[f"{q}_pct_{jaar}{s}"] = float(rij[f"{q}_pct{s}"])
        for soort in ("evenwicht", "norm"):  # both queues: the larger; not found (NaN) stays not found
            paar = [uit[f"fte_{soort}_{q}_{jaar}"] for q in ("triage", "onderzoek")]
            uit[f"fte_{soort}_{jaar}"] = float("nan") if any(x != x for x in paar) else max(paar)
        uit[f"verschil_rekentool_evenwicht_{jaar}"] = uit[f"fte_rekentool_{jaar}"] - uit[f"fte_evenwicht_{jaar}"]
    return uit
