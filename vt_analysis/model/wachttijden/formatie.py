"""The formation each legal term needs: per scenario's volumes and year, the constant fte from the month new
staff can start (after the params' recruitment delay; before it the scenario's own formation) at which the
annual indicator reaches its norm (Beleidsindicatoren: 95% triage, 85% onderzoek), and the balance formation
per queue beside it.

The search is monotone with common random numbers: every candidate formation runs on the same cases from
the same start state, side by side (one column group per formation), so the annual indicator rises with the
formation up to the pools' rounding. A coarse grid brackets the norm on few replications, a fine grid in the
bracket on more; the crossing is interpolated. Its interval: the Monte Carlo error of the indicator at the
crossing divided by the curve's slope, and the calibration's interval carried over exactly: a tempo t'
instead of t is the same queue with the hours the queue gets multiplied by t / t'.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd

from vt_analysis.basis.taken import samen
from vt_analysis.invoer.data import Normset, Wachtrijaannames
from vt_analysis.model.wachttijden.kalibratie import INTERVAL_Z, Kalibratie
from vt_analysis.model.wachttijden.maanden import (
    MAANDEN_PER_JAAR,
    dagindex,
    dagreeks,
    evenwicht_fte_wachtrij,
    medewerkers,
    queue_uren,
)
from vt_analysis.model.wachttijden.overzicht import jaaroverzicht
from vt_analysis.model.wachttijden.projectie import eerste_maand
from vt_analysis.model.wachttijden.simulatie import simuleer_kolommen
from vt_analysis.model.wachttijden.stromen import herhaal, stromen_uit, tarieven, trek_bronnen
from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import invoer_sha256

# The coarse grid relative to the queue's highest balance formation of the horizon, and its replications.
MAX_EVENWICHT = 1.6  # the search's upper end, relative to the balance formation (the chapter names it)
_RASTER = np.linspace(0.85, MAX_EVENWICHT, 11)
_REPLICATIES_GROF = 32
# The fine grid inside the bracket, and its replications (their Monte Carlo error is in the interval).
_FIJN = 5
_REPLICATIES_FIJN = 120
_UREN = ("triage_uren_per_dag", "onderzoek_uren_per_dag")
# The purpose in the key of the search's random numbers (calibration 0, projection 2).
_DOEL_ZOEKEN = 3

NORMFORMATIE_KOLOMMEN = (
    "jaar",
    "fte_evenwicht_triage",
    "fte_evenwicht_triage_laag",
    "fte_evenwicht_triage_hoog",
    "fte_evenwicht_onderzoek",
    "fte_evenwicht_onderzoek_laag",
    "fte_evenwicht_onderzoek_hoog",
    "fte_norm_triage",
    "fte_norm_triage_laag",
    "fte_norm_triage_hoog",
    "fte_norm_onderzoek",
    "fte_norm_onderzoek_laag",
    "fte_norm_onderzoek_hoog",
)


def _jaren(maanden: pd.DataFrame) -> pd.DataFrame:
    """One row per year of a month table (the counts are yearly rates; verzuim as in the table)."""
    return maanden.groupby("jaar", sort=True).mean(numeric_only=True).reset_index()


def fte_pad(maanden: pd.DataFrame, fte: float, start: int) -> np.ndarray:
    """A candidate formation as the scenario lets it start: the scenario's own fte in the months before
    ``start`` (recruitment and induction, :func:`.maanden.scenario_maanden`), ``fte`` from then on."""
    eigen = maanden["fte_beschikbaar"].to_numpy(float)
    return np.where(np.arange(len(maanden)) < start, eigen, float(fte))


def _capaciteit(maanden: pd.DataFrame, fte: np.ndarray, start: int, normset: Normset, aannames, uitloop: int):
    """Norm hours per day of triage and onderzoek for every candidate formation (rows), from one call of
    :func:`.maanden.queue_uren` on the stacked month tables (the volumes do not change with the formation)."""
    n, m = len(fte), len(maanden)
    stapel = pd.concat([maanden.reset_index(drop=True)] * n, ignore_index=True)
    stapel["fte_beschikbaar"] = np.concatenate([fte_pad(maanden, f, start) for f in fte])
    uren = queue_uren(stapel, normset, aannames.werkdagen_per_jaar.waarde)
    maand, vakantie = dagindex(maanden.reset_index(drop=True), aannames, uitloop)
    return tuple(uren[k].to_numpy(float).reshape(n, m)[:, maand] * vakantie for k in _UREN)


def indicatoren(
    maanden: pd.DataFrame,
    fte: np.ndarray,
    wachtrij: int,
    kalibratie: Kalibratie,
    normset: Normset,
    aannames: Wachtrijaannames,
    bronnen: tuple,
    replicaties: int,
    start: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """The annual indicator (mean and Monte Carlo standard error, (formations, years)) of one queue
    (0 triage, 1 onderzoek) with ``maanden`` at each formation in ``fte`` from month ``start`` on
    (:func:`fte_pad`), side by side on the same cases; formations with the same pool size run together."""
    uitloop = 2 * int(aannames.termijn_onderzoek_werkdagen.waarde)
    d0 = dagreeks(maanden, normset, aannames, uitloop)
    uren_t, uren_o = _capaciteit(maanden, fte, start, normset, aannames, uitloop)
    stromen = stromen_uit(bronnen, tarieven(d0.meldingen, d0.onderzoeken, aannames))
    stromen = tuple(s.kolommen(slice(0, replicaties)) for s in stromen)
    wd = d0.werkdagen
    servers = [
        (
            medewerkers(float(uren_t[j, :wd].mean()), aannames.uren_per_werkdag_triage.waarde),
            medewerkers(float(uren_o[j, :wd].mean()), aannames.uren_per_werkdag_onderzoek.waarde),
        )
        for j in range(len(fte))
    ]
    eerste = eerste_maand(maanden)
    n_jaren = len(maanden) // MAANDEN_PER_JAAR
    gemiddeld, se = np.full((len(fte), n_jaren), np.nan), np.full((len(fte), n_jaren), np.nan)
    kolom = ("triage_pct", "onderzoek_pct")[wachtrij]
    for c in sorted({s[wachtrij] for s in servers}):
        groep = [j for j, s in enumerate(servers) if s[wachtrij] == c]
        g = len(groep)
        paar = servers[groep[0]]
        capaciteit = (uren_t[groep], uren_o[groep], np.repeat(np.arange(g), replicaties))
        tempo = tuple(np.full(g * replicaties, t) for t in (kalibratie.tempo_triage, kalibratie.tempo_onderzoek))
        index = np.tile(np.arange(replicaties) % kalibratie.replicaties, g)
        begin = kalibratie.eindstand.kolommen(index).met_servers(*paar)
        h = simuleer_kolommen(
            d0,
            aannames,
            paar,
            tempo,
            tuple(herhaal(s, g) for s in stromen),
            begin,
            steekproef=False,
            wachtrijen=(wachtrij == 0, wachtrij == 1),
            capaciteit=capaciteit,
        )
        for i, j in enumerate(groep):
            jaar = jaaroverzicht(h.kolommen(slice(i * replicaties, (i + 1) * replicaties)), eerste)
            gemiddeld[j], se[j] = jaar[kolom].to_numpy(), jaar[f"{kolom}_se"].to_numpy()
    return gemiddeld, se


def _kruising(fte: np.ndarray, pct: np.ndarray, norm: float) -> tuple[int | None, float]:
    """Where the (made monotone) curve first reaches ``norm``: the index of the first point at or above it,
    and the interpolated formation; (None, nan) when the grid never reaches it, (0, fte[0]) when it starts above."""
    curve = np.maximum.accumulate(np.nan_to_num(pct, nan=0.0))
    boven = np.flatnonzero(curve >= norm)
    if not boven.size:
        return None, float("nan")
    i = int(boven[0])
    if i == 0:
        return 0, float(fte[0])
    p0, p1 = curve[i - 1], curve[i]
    w = 0.0 if p1 == p0 else (norm - p0) / (p1 - p0)
    return i, float(fte[i - 1] + w * (fte[i] - fte[i - 1]))


def _met_tempo(fte: float, rij: pd.Series, normset: Normset, aannames, tempo: float, ander: float) -> float:
    """The formation that gives a queue at tempo ``ander`` the capacity ``fte`` gives it at ``tempo``: the hours
    the two queues share (what the other products leave) scaled by tempo / ander."""
    wd = aannames.werkdagen_per_jaar.waarde
    uren = queue_uren(rij.to_frame().T.assign(fte_beschikbaar=fte), normset, wd).iloc[0]
    rest = uren["triage_uren_per_dag"] + uren["onderzoek_uren_per_dag"]
    per_fte = normset.uren_per_fte * (1 - float(rij["verzuim_pct"]) / 100) / wd
    return fte + rest * (tempo / ander - 1) / per_fte


def normformatie(
    maanden: pd.DataFrame,
    kalibratie: Kalibratie,
    normset: Normset,
    aannames: Wachtrijaannames,
    bronnen: tuple,
    norm_pct: tuple[float, float],
    start: int = 0,
    wachtrijen: tuple[int, ...] = (0, 1),
) -> pd.DataFrame:
    """Per year of the horizon: balance formation and norm formation per queue (of ``wachtrijen``: 0 triage,
    1 onderzoek; the others' columns are left out), each with its interval
    (module docstring). ``maanden``: a scenario's month table; its fte is replaced from month ``start`` on
    (the scenario's recruitment delay: before it, the formation the scenario has)."""
    jaren = _jaren(maanden)
    uit = pd.DataFrame({"jaar": jaren["jaar"].astype(int)})
    for q in wachtrijen:
        naam = ("triage", "onderzoek")[q]
        tempi = {w: kalibratie.variant(w)[q] for w in ("midden", "laag", "hoog")}
        for w, t in tempi.items():
            suffix = "" if w == "midden" else f"_{'hoog' if w == 'laag' else 'laag'}"
            uit[f"fte_evenwicht_{naam}{suffix}"] = evenwicht_fte_wachtrij(jaren, normset, t).to_numpy()
        hoogste = float(uit[f"fte_evenwicht_{naam}"].max())
        grof = hoogste * _RASTER
        pct, _ = indicatoren(maanden, grof, q, kalibratie, normset, aannames, bronnen, _REPLICATIES_GROF, start)
        fijne: dict[int, tuple] = {}  # the fine grid of a bracket, shared by the years that fall in it
        for y in range(len(jaren)):
            i, _ = _kruising(grof, pct[:, y], norm_pct[q])
            kolommen = [f"fte_norm_{naam}", f"fte_norm_{naam}_laag", f"fte_norm_{naam}_hoog"]
            if i is None or i == 0:
                # Outside the grid: not reached below 1,6 × balance, or already at 0,85 × balance: no figure.
                uit.loc[y, kolommen] = np.nan
                continue
            fijn = np.linspace(grof[i - 1], grof[i], _FIJN)
            if i not in fijne:
                fijne[i] = indicatoren(
                    maanden, fijn, q, kalibratie, normset, aannames, bronnen, _REPLICATIES_FIJN, start
                )
            p, se = fijne[i]
            j, f = _kruising(fijn, p[:, y], norm_pct[q])
            if j is None:  # the fine grid (more replications) stays just under: the bracket's upper end
                j, f = len(fijn) - 1, float(fijn[-1])
            helling = (p[min(j, len(fijn) - 1), y] - p[max(j - 1, 0), y]) / (fijn[1] - fijn[0])
            mc = float(se[j, y] / helling) if helling > 0 else float(fijn[1] - fijn[0])
            rij = jaren.iloc[y]
            laag = _met_tempo(f, rij, normset, aannames, tempi["midden"], tempi["hoog"])
            hoog = _met_tempo(f, rij, normset, aannames, tempi["midden"], tempi["laag"])
            uit.loc[y, kolommen] = [f, min(laag, hoog) - INTERVAL_Z * mc, max(laag, hoog) + INTERVAL_Z * mc]
    return uit


def _volumetabel(maanden: pd.DataFrame, start: int = 0) -> str:
    """A month table without the formation the search replaces: scenarios with the same volumes, verzuim and
    formation before ``start`` need the same formation."""
    m = maanden.reset_index(drop=True)
    return m.assign(fte_beschikbaar=m["fte_beschikbaar"].where(m.index < start, 0.0)).to_csv(index=False)


def normformaties(
    scenarios: Mapping[str, pd.DataFrame],
    kalibratie: Kalibratie,
    normset: Normset,
    aannames: Wachtrijaannames,
    seed: int,
    norm_pct: tuple[float, float],
    start: int = 0,
) -> pd.DataFrame:
    """:func:`normformatie` per scenario and year (the formation from month ``start`` on); scenarios with the
    same volumes are searched once, the distinct ones over two threads. The random numbers are the search's
    own (keyed like the projection's)."""
    uniek: dict[str, pd.DataFrame] = {}
    for m in scenarios.values():
        uniek.setdefault(_volumetabel(m, start), m)
    if not uniek:
        return pd.DataFrame(columns=["scenario", *NORMFORMATIE_KOLOMMEN])
    uitloop = 2 * int(aannames.termijn_onderzoek_werkdagen.waarde)
    dagen = [dagreeks(m, normset, aannames, uitloop) for m in uniek.values()]
    per_dag = [tarieven(d.meldingen, d.onderzoeken, aannames) for d in dagen]
    totalen = tuple(np.max([[float(np.sum(t)) for t in p] for p in per_dag], axis=0))
    bronnen = trek_bronnen(totalen, aannames, _REPLICATIES_FIJN, seed, _DOEL_ZOEKEN)
    # One task per volume table and queue, the heavy triage searches first, over two threads as they finish:
    # the threads stay busy however many tables there are (the result does not depend on the order).
    taken = [(k, q) for q in (0, 1) for k in uniek]

    def zoek(taak: tuple[str, int]):
        k, q = taak
        return lambda: normformatie(uniek[k], kalibratie, normset, aannames, bronnen, norm_pct, start, (q,))

    delen_per = dict(zip(taken, samen([zoek(t) for t in taken]), strict=True))
    per = {k: delen_per[(k, 0)].merge(delen_per[(k, 1)], on="jaar")[list(NORMFORMATIE_KOLOMMEN)] for k in uniek}
    delen = [per[_volumetabel(m, start)].assign(scenario=naam) for naam, m in scenarios.items()]
    return pd.concat(delen, ignore_index=True)[["scenario", *NORMFORMATIE_KOLOMMEN]]


def normformaties_met_cache(
    scenarios: Mapping[str, pd.DataFrame],
    kalibratie: Kalibratie,
    kalibratie_sleutel: str,
    normset: Normset,
    aannames: Wachtrijaannames,
    seed: int,
    norm_pct: tuple[float, float],
    start: int = 0,
) -> pd.DataFrame:
    """:func:`normformaties`, kept in the private verified cache under the calibration's key, the volume
    tables, the start and the norms (names are not in it)."""
    tabellen = [_volumetabel(m, start) for m in scenarios.values()]
    sleutel = invoer_sha256(kalibratie_sleutel, json.dumps([tabellen, list(norm_pct), seed, start]))

    def bereken() -> bytes:
        t = normformaties(dict(enumerate(scenarios.values())), kalibratie, normset, aannames, seed, norm_pct, start)
        return json.dumps({k: t[k].tolist() for k in NORMFORMATIE_KOLOMMEN}).encode("utf-8")

    inhoud = json.loads(privecache.haal(f"normformatie-{sleutel}.json", bereken))
    uit = pd.DataFrame(inhoud).astype({k: float for k in NORMFORMATIE_KOLOMMEN if k != "jaar"})
    uit.insert(0, "scenario", [naam for naam, m in scenarios.items() for _ in range(len(m) // MAANDEN_PER_JAAR)])
    return uit
