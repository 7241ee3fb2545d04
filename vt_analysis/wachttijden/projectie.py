"""Projection of the compared scenarios from the calibrated state, stacked by month."""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import privecache
from ..data import Normset, Wachtrijaannames
from ..formatting import getal
from ..invoer import invoer_sha256
from .cache import _tabellen_naar_bytes, _tabellen_van_bytes, kalibratie_sleutel, kalibreer_met_cache
from .kalibratie import Kalibratie
from .maanden import (
    Dagreeks,
    WachttijdenParams,
    dagreeks,
    medewerkers,
    scenario_maanden,
    verzuim_basis_pct,
    verzuim_scenario_pct,
)
from .overzicht import maandoverzicht, maandoverzicht_kolommen
from .simulatie import _in_twee_threads, _twee_kernen, simuleer_kolommen
from .stromen import stromen_uit, tarieven, trek_bronnen
from .toestand import Horizon

# The purpose in the key of the projection's random numbers (the calibration's is 0).
_DOEL_PROJECTIE = 2

# --- projection ---------------------------------------------------------------------------------


def geen_projectie() -> pd.DataFrame:
    """The month table of no scenario: the columns of :func:`projecteer`, no rows."""
    return pd.DataFrame(columns=["scenario", *maandoverzicht_kolommen()])


def _maandtabel(maanden: pd.DataFrame) -> str:
    """A scenario's month table as text: scenarios with the same text give the same queue."""
    return maanden.reset_index(drop=True).round(9).to_json()


def servers_van(dagen: Dagreeks, aannames: Wachtrijaannames) -> tuple[int, int]:
    """The pools follow the formation: per queue, the horizon's mean norm hours per working day divided by
    the hours a case gets per working day (more fte: more caseworkers, each case as fast as before)."""
    wd = dagen.werkdagen
    return (
        medewerkers(float(dagen.triage_uren[:wd].mean()), aannames.uren_per_werkdag_triage.waarde),
        medewerkers(float(dagen.onderzoek_uren[:wd].mean()), aannames.uren_per_werkdag_onderzoek.waarde),
    )


def bronnen_voor(dagen: list[Dagreeks], aannames: Wachtrijaannames, replicaties: int, seed: int) -> tuple:
    """The projection's random numbers per class, enough rows for the largest of these horizons (the first
    rows are the same however many are drawn, so a scenario's cases do not depend on the others)."""
    per_horizon = [[float(np.sum(t)) for t in tarieven(d.meldingen, d.onderzoeken, aannames)] for d in dagen]
    totalen = np.max(per_horizon, axis=0)
    return trek_bronnen(tuple(totalen), aannames, replicaties, seed, _DOEL_PROJECTIE)


def simuleer_scenario(
    dagen: Dagreeks, kalibratie: Kalibratie, aannames: Wachtrijaannames, bronnen: tuple, replicaties: int
) -> Horizon:
    """One scenario's horizon from the calibrated state: its own cases (:func:`.stromen.stromen_uit`), its own
    pools (:func:`servers_van`); replication ``i`` starts from replication ``i`` mod R of the run-in."""
    servers = servers_van(dagen, aannames)
    stromen = stromen_uit(bronnen, tarieven(dagen.meldingen, dagen.onderzoeken, aannames))
    tempo = (np.full(replicaties, kalibratie.tempo_triage), np.full(replicaties, kalibratie.tempo_onderzoek))
    begin = kalibratie.eindstand.kolommen(np.arange(replicaties) % kalibratie.replicaties).met_servers(*servers)
    return simuleer_kolommen(dagen, aannames, servers, tempo, stromen, begin)


def eerste_maand(maanden: pd.DataFrame) -> pd.Period:
    return pd.Period(year=int(maanden["jaar"].iloc[0]), month=int(maanden["maand"].iloc[0]), freq="M")


def _projecteer_uniek(
    tabellen: Mapping[str, pd.DataFrame],
    kalibratie: Kalibratie,
    normset: Normset,
    aannames: Wachtrijaannames,
    params: WachttijdenParams,
) -> list[pd.DataFrame]:
    """The month overview of each distinct month table, in order (see :func:`projecteer`)."""
    uitloop = 2 * int(aannames.termijn_onderzoek_werkdagen.waarde)
    dagen = {t: dagreeks(m, normset, aannames, uitloop) for t, m in tabellen.items()}
    r = params.replicaties
    bronnen = bronnen_voor(list(dagen.values()), aannames, r, params.seed)

    def overzichten(sleutels: list[str]) -> list[pd.DataFrame]:
        uit = []
        for t in sleutels:
            h = simuleer_scenario(dagen[t], kalibratie, aannames, bronnen, r)
            uit.append(maandoverzicht(h, eerste_maand(tabellen[t])))
        return uit

    # Whole scenarios over two threads: each keeps all replications, so the per-case overhead is not
    # paid twice. The result does not depend on it (every scenario is computed the same way).
    sleutels = list(tabellen)
    if len(sleutels) > 1 and _twee_kernen():
        hier, daar = _in_twee_threads(lambda: overzichten(sleutels[0::2]), lambda: overzichten(sleutels[1::2]))
        uit = [None] * len(sleutels)
        uit[0::2], uit[1::2] = hier, daar
        return uit
    return overzichten(sleutels)


def _per_scenario(scenarios: Mapping[str, pd.DataFrame], per_tabel: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    delen = [per_tabel[_maandtabel(m)].assign(scenario=naam) for naam, m in scenarios.items()]
    return pd.concat(delen, ignore_index=True)[["scenario", *maandoverzicht_kolommen()]]


def _verschillend(scenarios: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The distinct month tables by their text (e.g. C without levers and doing nothing give one queue)."""
    uniek: dict[str, pd.DataFrame] = {}
    for m in scenarios.values():
        uniek.setdefault(_maandtabel(m), m)
    return uniek


def projecteer(
    scenarios: Mapping[str, pd.DataFrame],
    kalibratie: Kalibratie,
    normset: Normset,
    aannames: Wachtrijaannames,
    params: WachttijdenParams,
) -> pd.DataFrame:
    """Every scenario (a month table each, same months) from the calibrated state, stacked by month.

    All scenarios draw from one stream of candidate cases (common random numbers); replication ``i``
    starts from replication ``i`` of the run-in. Scenarios with the same month table are simulated once.
    """
    if not scenarios:
        return geen_projectie()
    uniek = _verschillend(scenarios)
    tabellen = _projecteer_uniek(uniek, kalibratie, normset, aannames, params)
    return _per_scenario(scenarios, dict(zip(uniek, tabellen, strict=True)))


def projecteer_met_cache(
    scenarios: Mapping[str, pd.DataFrame],
    kalibratie: Kalibratie,
    kalibratie_sleutel: str,
    normset: Normset,
    aannames: Wachtrijaannames,
    params: WachttijdenParams,
) -> pd.DataFrame:
    """:func:`projecteer`, kept in the private verified cache under what it reads: the calibration's key
    (run-in, normset, the model's assumptions, these params, the package) and every scenario's month table
    in order, each float as its repr (every digit counts: the cache gives what :func:`projecteer` would).
    Names are not in it, nor costs or text: a renamed scenario or a changed cost figure that leaves every
    month table as it was projects nothing again."""
    if not scenarios:
        return geen_projectie()
    uniek = _verschillend(scenarios)
    tabellen = [m.reset_index(drop=True).to_csv(index=False) for m in scenarios.values()]
    sleutel = invoer_sha256(kalibratie_sleutel, json.dumps(tabellen))
    inhoud = privecache.haal(
        f"projectie-{sleutel}.json",
        lambda: _tabellen_naar_bytes(_projecteer_uniek(uniek, kalibratie, normset, aannames, params)),
    )
    return _per_scenario(scenarios, dict(zip(uniek, _tabellen_van_bytes(inhoud), strict=True)))


def met_verzuim(maanden: pd.DataFrame, verzuim_pct: float) -> pd.DataFrame:
    """The same scenario with another verzuim (the seed warns verzuim may rise again under pressure)."""
    return maanden.assign(verzuim_pct=float(verzuim_pct))


def verzuim_naam(naam: str, verzuim_pct: float) -> str:
    return f"{naam}, verzuim {getal(verzuim_pct, 1 if verzuim_pct % 1 else 0)}%"


def wachttijden_van_run(run, vergelijking: pd.DataFrame) -> tuple[Kalibratie, pd.DataFrame]:
    """Calibrate on the run's peilmoment and project every compared scenario, plus the first one with
    verzuim back at the level before the base year; returns the calibration and the month table."""
    p, d = run.params, run.data
    w = p.wachttijden
    sleutel = kalibratie_sleutel(d, w, p.peilmoment, p.normset)
    kal = kalibreer_met_cache(d, w, p.peilmoment, p.normset)
    verzuim = verzuim_basis_pct(d.kengetallen, kal.basisjaar, w)
    scenarios = {
        str(naam): scenario_maanden(groep, verzuim, w) for naam, groep in vergelijking.groupby("naam", sort=False)
    }
    if scenarios:
        eerste, maanden = next(iter(scenarios.items()))
        hoog = verzuim_scenario_pct(d.kengetallen, kal.basisjaar, w)
        scenarios[verzuim_naam(eerste, hoog)] = met_verzuim(maanden, hoog)
    return kal, projecteer_met_cache(scenarios, kal, sleutel, d.normen.normsets[p.normset], d.wachttijden, w)
