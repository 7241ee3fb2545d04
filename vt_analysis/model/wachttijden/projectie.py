"""Projection of the compared scenarios from the calibrated state, stacked by month."""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd

from vt_analysis.basis.formatting import getal
from vt_analysis.basis.taken import samen
from vt_analysis.basis.voortgang import meld
from vt_analysis.invoer.data import Normset, Wachtrijaannames
from vt_analysis.model.wachttijden.cache import (
    _tabellen_naar_bytes,
    _tabellen_van_bytes,
)
from vt_analysis.model.wachttijden.kalibratie import INTERVAL_Z, Kalibratie
from vt_analysis.model.wachttijden.maanden import (
    Dagreeks,
    WachttijdenParams,
    dagreeks,
    medewerkers,
)
from vt_analysis.model.wachttijden.overzicht import (
    JAAR_KOLOMMEN,
    jaaroverzicht,
    maandoverzicht,
    maandoverzicht_kolommen,
)
from vt_analysis.model.wachttijden.simulatie import simuleer_kolommen
from vt_analysis.model.wachttijden.stromen import Stroom, stromen_uit, tarieven, trek_bronnen
from vt_analysis.model.wachttijden.toestand import Horizon
from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import invoer_sha256

# The purpose in the key of the projection's random numbers (the calibration's is 0).
_DOEL_PROJECTIE = 2
# Replications of the runs at the bounds of the calibration's interval (their Monte Carlo error is added).
_REPLICATIES_GRENS = 250
JAAR_RESULTAAT = (
    *JAAR_KOLOMMEN,
    "triage_pct_laag",
    "triage_pct_hoog",
    "onderzoek_pct_laag",
    "onderzoek_pct_hoog",
)

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


def tarieven_van(dagen: Dagreeks, aannames: Wachtrijaannames) -> tuple:
    return tarieven(dagen.meldingen, dagen.onderzoeken, aannames)


def bronnen_voor(dagen: list[Dagreeks], aannames: Wachtrijaannames, replicaties: int, seed: int) -> tuple:
    """The projection's random numbers per class, enough rows for the largest of these horizons (the first
    rows are the same however many are drawn, so a scenario's cases do not depend on the others)."""
    per_horizon = [[float(np.sum(t)) for t in tarieven(d.meldingen, d.onderzoeken, aannames)] for d in dagen]
    totalen = np.max(per_horizon, axis=0)
    return trek_bronnen(tuple(totalen), aannames, replicaties, seed, _DOEL_PROJECTIE)


def simuleer_scenario(
    dagen: Dagreeks,
    kalibratie: Kalibratie,
    aannames: Wachtrijaannames,
    bronnen: tuple,
    replicaties: int,
    variant: str = "midden",
    wachtrijen: tuple[bool, bool] = (True, True),
    steekproef: bool = True,
) -> Horizon:
    """One scenario's horizon from the calibrated state: its own cases (:func:`.stromen.stromen_uit`), its own
    pools (:func:`servers_van`); replication ``i`` starts from replication ``i`` mod R of the run-in.
    ``bronnen``: the shared random numbers, or this scenario's streams when they are already made.
    ``variant``: the fitted tempi or a bound of the calibration's interval (:meth:`Kalibratie.variant`);
    ``steekproef`` False: no sample of waits (a run read only for its annual indicators)."""
    servers = servers_van(dagen, aannames)
    stromen = bronnen if isinstance(bronnen[0], Stroom) else stromen_uit(bronnen, tarieven_van(dagen, aannames))
    if replicaties < stromen[0].tijd.shape[1]:
        stromen = tuple(s.kolommen(slice(0, replicaties)) for s in stromen)
    f_t, f_o, stand = kalibratie.variant(variant)
    tempo = (np.full(replicaties, f_t), np.full(replicaties, f_o))
    begin = stand.kolommen(np.arange(replicaties) % kalibratie.replicaties).met_servers(*servers)
    return simuleer_kolommen(dagen, aannames, servers, tempo, stromen, begin, steekproef, wachtrijen)


def horizon_midden(
    maanden: pd.DataFrame,
    kalibratie: Kalibratie,
    normset: Normset,
    aannames: Wachtrijaannames,
    replicaties: int,
    seed: int,
    wachtrijen: tuple[bool, bool] = (True, True),
) -> Horizon:
    """One month table's run at the fitted tempi only, without the runs at the bounds of the calibration's
    interval and without a sample of waits (the tornado and the other start show no interval); its annual
    indicators are the same figures as the ``triage_pct``/``onderzoek_pct`` of :func:`projecteer_jaren` (a
    scenario's cases are its own)."""
    dagen = dagreeks(maanden, normset, aannames, 2 * int(aannames.termijn_onderzoek_werkdagen.waarde))
    bronnen = bronnen_voor([dagen], aannames, replicaties, seed)
    return simuleer_scenario(dagen, kalibratie, aannames, bronnen, replicaties, wachtrijen=wachtrijen, steekproef=False)


def jaren_met_interval(midden: pd.DataFrame, grenzen: list[pd.DataFrame]) -> pd.DataFrame:
    """The annual indicators with their interval: the lowest and highest of the fit and the bounds of the
    calibration's interval, each widened by INTERVAL_Z Monte Carlo standard errors (both sources at once)."""
    uit = midden.copy()
    for q in ("triage", "onderzoek"):
        alle = [midden, *grenzen]
        laag = np.min([g[f"{q}_pct"] - INTERVAL_Z * g[f"{q}_pct_se"] for g in alle], axis=0)
        hoog = np.max([g[f"{q}_pct"] + INTERVAL_Z * g[f"{q}_pct_se"] for g in alle], axis=0)
        uit[f"{q}_pct_laag"], uit[f"{q}_pct_hoog"] = np.clip(laag, 0, 100), np.clip(hoog, 0, 100)
    return uit[list(JAAR_RESULTAAT)]


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
    r_grens = min(r, _REPLICATIES_GRENS)
    bronnen = bronnen_voor(list(dagen.values()), aannames, r, params.seed)

    def scenario(t: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """One scenario: its cases, then its run and the runs at the bounds as tasks of their own."""
        eerste = eerste_maand(tabellen[t])
        stromen = stromen_uit(bronnen, tarieven_van(dagen[t], aannames))

        def hoofd() -> tuple[pd.DataFrame, pd.DataFrame]:
            h = simuleer_scenario(dagen[t], kalibratie, aannames, stromen, r)
            return maandoverzicht(h, eerste), jaaroverzicht(h, eerste)

        def grens(v: str) -> pd.DataFrame:
            h = simuleer_scenario(dagen[t], kalibratie, aannames, stromen, r_grens, v, steekproef=False)
            return jaaroverzicht(h, eerste)

        (maand, jaar), laag, hoog = samen([hoofd, lambda: grens("laag"), lambda: grens("hoog")])
        meld("wachtrijmodel: projectie, scenario", totaal=len(tabellen))
        return maand, jaren_met_interval(jaar, [laag, hoog])

    # Every scenario and every run a task (:mod:`vt_analysis.basis.taken`); each run is computed the same way
    # whichever thread takes it, so the result does not depend on the order.
    return samen([lambda t=t: scenario(t) for t in tabellen])


def _per_scenario(scenarios: Mapping[str, pd.DataFrame], per_tabel: Mapping[str, tuple]) -> tuple:
    """The month tables and the annual indicators of every scenario, stacked in the scenarios' order."""
    maanden = [per_tabel[_maandtabel(m)][0].assign(scenario=naam) for naam, m in scenarios.items()]
    jaren = [per_tabel[_maandtabel(m)][1].assign(scenario=naam) for naam, m in scenarios.items()]
    return (
        pd.concat(maanden, ignore_index=True)[["scenario", *maandoverzicht_kolommen()]],
        pd.concat(jaren, ignore_index=True)[["scenario", *JAAR_RESULTAAT]],
    )


def geen_jaren() -> pd.DataFrame:
    """The year table of no scenario: the columns of the annual indicators and formations, no rows."""
    from vt_analysis.model.wachttijden.formatie import NORMFORMATIE_KOLOMMEN  # the search builds on the projection

    return pd.DataFrame(columns=["scenario", *JAAR_RESULTAAT, *NORMFORMATIE_KOLOMMEN[1:]])


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

    All scenarios share their random numbers (common random numbers, :mod:`.stromen`); replication ``i``
    starts from replication ``i`` of the run-in. Scenarios with the same month table are simulated once.
    """
    return projecteer_jaren(scenarios, kalibratie, normset, aannames, params)[0]


def projecteer_jaren(
    scenarios: Mapping[str, pd.DataFrame],
    kalibratie: Kalibratie,
    normset: Normset,
    aannames: Wachtrijaannames,
    params: WachttijdenParams,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`projecteer` and the annual indicators per scenario and year, with their interval."""
    if not scenarios:
        return geen_projectie(), geen_jaren()
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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`projecteer_jaren`, kept in the private verified cache under what it reads: the calibration's key
    (run-in, normset, the model's assumptions, these params, the package) and every scenario's month table
    in order, each float as its repr (every digit counts: the cache gives what :func:`projecteer` would).
    Names are not in it, nor costs or text: a renamed scenario or a changed cost figure that leaves every
    month table as it was projects nothing again."""
    if not scenarios:
        return geen_projectie(), geen_jaren()
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
