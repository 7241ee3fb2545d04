"""Wachttijden: a case-level stochastic queue for triage and onderzoek, run in on the realisaties.

The seed ('De oplossingsruimte is beperkt') sets two legal terms: triage within 5 werkdagen and an
onderzoek finished within 10 weken; 'Beleidsindicatoren' gives the realisation at BURAP II 2024 (72%
and 71%) and the norms (95% and 85%). Every assumption of the model is a figure with its source in
``data/wachttijden.yaml``; recruitment delay (A) and phase-in (B) are params.

The model, per replication (all NumPy; a loop over cases, each step one operation across replications):

* **Arrivals.** Meldingen and onderzoeken arrive per working day, Poisson around the yearly volume
  times the month profile. A share of the meldingen is acute: its own class with preemptive priority.
  Onderzoeken are a stream of their own (the decision to investigate): the 10-week term runs from there.
* **Work.** Every case carries a gamma-distributed amount of work with the norm hours per case as
  mean (triage: the rekentool's triage hours spread over all meldingen) and a stated spread.
* **Workers.** Per working day: fte × productive hours per fte × (1 − verzuim), minus the norm hours of
  the products without a term, split between triage and onderzoek in proportion to their norm hours
  (as the rekentool counts them), times a holiday factor (the yearly total stays the same). A pool of
  ``c`` workers per queue shares those hours; ``c`` = the base year's hours per day divided by the
  hours a case gets per working day while it is handled.
* **Discipline.** Work-conserving, first come first served within a class (:mod:`.wachtrij`: the
  Kiefer–Wolfowitz recursion on an operational clock per replication).
* **Common random numbers.** All scenarios share one stream of candidate cases, thinned to each
  scenario's volume, so differences between scenarios come from the scenarios, and more capacity
  never makes a case later.

Calibration (:func:`kalibreer`): the realisaties before the base year and the base year itself are
run in from an empty queue, so the state at the end of the base year carries the backlog that history
produced. One factor per queue is fitted, the *tempo*: how many norm hours one hour of work covers (1:
the norm hours of the rekentool hold). The projection starts from that state, replication by
replication. The computation returns ids and numbers; the report modules write the Dutch.
"""

from __future__ import annotations

import io
import json
import multiprocessing as mp
import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from pydantic import Field

from . import privecache
from .data import TELLINGEN, Dataset, Kengetallen, Normset, Wachtrijaannames
from .errors import InvoerFout
from .formatting import getal
from .invoer import invoer_sha256, omgeving_sha256
from .paths import KENGETALLEN_FILE
from .rekentool import fte_beschikbaar as fte_beschikbaar_uit_volumes
from .schema import Strikt
from .wachtrij import Klok, cumsum_omlaag, gecompileerde_stappen, kiefer_wolfowitz, klok_na_voorrang

TRIAGE, ONDERZOEK = "triage", "onderzoek"
MAANDEN_PER_JAAR = 12
# Replications per candidate tempo in the calibration grid, and the grid itself (relative to 1).
_GRID_REPLICATIES = 16
_GRID = np.geomspace(0.6, 3.0, 8)
# At most this many runs of the root finder on the calibration's replications.
_KALIBRATIE_STAPPEN = 12
# Replications of the calibrated run-in; the projection's replications start from these states in turn.
_KALIBRATIE_REPLICATIES = 250
# The calibration stops within this many percentage points of the measured share.
_KALIBRATIE_MARGE_PP = 0.8
# Replications over which the waits in werkdagen are summarised (quantiles pool their cases: some
# 20.000 meldingen a month).
_WACHT_STEEKPROEF = 50
# From this many columns on, a run is split over two processes.
_MIN_KOLOMMEN_PARALLEL = 200
# Quantiles of the band around the line (an 80% band; the chapter names its width from these).
BAND = (0.1, 0.9)


# --- params -------------------------------------------------------------------------------------


class WachttijdenParams(Strikt):
    """The ``wachttijden`` section of a run's params: simulation size, verzuim and the timing of A and B."""

    replicaties: int = Field(1000, ge=100, le=20_000, description="aantal replicaties (Monte Carlo)")
    seed: int = Field(2024, ge=0, description="startwaarde van de toevalsgenerator: zelfde seed, zelfde cijfers")
    verzuim_pct: float | None = Field(
        None, ge=0, lt=100, description="verzuim in de projectie; leeg is het verzuim van het basisjaar"
    )
    verzuim_scenario_pct: float | None = Field(
        None,
        ge=0,
        lt=100,
        description="verzuim in de stressvariant; leeg is het verzuim van het jaar vóór het basisjaar",
    )
    wervingsduur_maanden: int = Field(
        6,
        ge=0,
        le=24,
        description="aanname: maanden tussen het besluit over extra fte (A) en de eerste werkdag van de nieuwe "
        "medewerkers (werving en inwerken)",
    )
    infasering_maanden: int = Field(
        12,
        ge=1,
        le=24,
        description="aanname: maanden waarin de vermindering van meldingen (B) lineair opbouwt tot het volle effect",
    )


# --- inputs: a scenario as a month table --------------------------------------------------------

MAAND_KOLOMMEN = ("jaar", "maand", *TELLINGEN, "fte_beschikbaar", "verzuim_pct")


def _volumerij(dataset: Dataset, periode: str) -> pd.Series:
    rijen = dataset.volumes[dataset.volumes["periode"] == periode]
    if rijen.empty:
        raise KeyError(f"periode {periode!r} staat niet in volumes.csv")
    return rijen.iloc[0]


def verzuim_basis_pct(kengetallen: Kengetallen, basisjaar: int, params: WachttijdenParams) -> float:
    """Verzuim for the projection: the params value, else the base year's (seed: 7% in 2024)."""
    return params.verzuim_pct if params.verzuim_pct is not None else kengetallen.verzuim_pct[basisjaar].waarde


def verzuim_scenario_pct(kengetallen: Kengetallen, basisjaar: int, params: WachttijdenParams) -> float:
    """Verzuim of the 'verzuim back up' variant: params, else the year before the base (14% in 2023).

    The seed warns that verzuim may 'weer stevig stijgen' under pressure; the level before the 2024
    drop is the natural test.
    """
    if params.verzuim_scenario_pct is not None:
        return params.verzuim_scenario_pct
    return kengetallen.verzuim_pct[basisjaar - 1].waarde


def verzuim_van_jaar(kengetallen: Kengetallen, jaar: int) -> tuple[float, int]:
    """Verzuim of a year and the year it comes from: the nearest year with a figure (the seed gives
    2022–2024; the run-in year 2021 takes 2022's)."""
    jaren = sorted(kengetallen.verzuim_pct)
    bron = min(jaren, key=lambda j: (abs(j - jaar), j))
    return kengetallen.verzuim_pct[bron].waarde, bron


def maanden_uit_jaren(jaren: pd.DataFrame) -> pd.DataFrame:
    """Twelve month rows per year row (the yearly counts are rates; fte and verzuim hold all year)."""
    maanden = jaren.loc[jaren.index.repeat(MAANDEN_PER_JAAR)].reset_index(drop=True)
    maanden["maand"] = np.tile(np.arange(1, MAANDEN_PER_JAAR + 1), len(jaren))
    return maanden[list(MAAND_KOLOMMEN)]


def inloopjaren(dataset: Dataset, peilmoment: str) -> pd.DataFrame:
    """The run-in: every realisatie before the base year, then the peilmoment as the base year; fte
    structural + incidental, verzuim of the year (:func:`verzuim_van_jaar`)."""
    basis = _volumerij(dataset, peilmoment)
    basisjaar = int(basis["jaar"])
    v = dataset.volumes
    eerder = v[(v["status"] == "realisatie") & (v["jaar"] < basisjaar)].sort_values("jaar")
    rijen = pd.concat([eerder, basis.to_frame().T], ignore_index=True)
    uit = rijen[["jaar", *TELLINGEN]].astype({"jaar": int, **dict.fromkeys(TELLINGEN, float)})
    uit["fte_beschikbaar"] = fte_beschikbaar_uit_volumes(rijen).astype(float).to_numpy()
    uit["verzuim_pct"] = [verzuim_van_jaar(dataset.kengetallen, int(j))[0] for j in uit["jaar"]]
    uit["periode"] = rijen["periode"].to_numpy()
    return uit


def scenario_maanden(groep: pd.DataFrame, verzuim_pct: float, params: WachttijdenParams) -> pd.DataFrame:
    """The month table of one compared scenario (rows of the comparison, one per year).

    A's extra fte start after ``wervingsduur_maanden`` (recruitment and induction); B's reduction of
    the counts builds up linearly over ``infasering_maanden`` from the first month in which it applies.
    """
    jaren = groep.sort_values("jaar").reset_index(drop=True)
    maanden = maanden_uit_jaren(jaren.assign(verzuim_pct=float(verzuim_pct)))
    k = np.arange(len(maanden))
    extra = np.repeat(jaren["extra_fte"].to_numpy(float), MAANDEN_PER_JAAR) if "extra_fte" in jaren else 0.0
    maanden["fte_beschikbaar"] = maanden["fte_beschikbaar"] - extra * (k < params.wervingsduur_maanden)
    voor_b = [f"{t}_voor_b" for t in TELLINGEN]
    if set(voor_b) <= set(jaren.columns):
        voor = np.repeat(jaren[voor_b].to_numpy(float), MAANDEN_PER_JAAR, axis=0)
        na = maanden[list(TELLINGEN)].to_numpy(float)
        verschil = ~np.isclose(voor, na).all(axis=1)
        if verschil.any():
            sinds = k - k[verschil][0]
            opbouw = np.clip((sinds + 1) / params.infasering_maanden, 0, 1)[:, None] * verschil[:, None]
            maanden[list(TELLINGEN)] = voor + (na - voor) * opbouw
    return maanden


# --- capacity and the day series ----------------------------------------------------------------


def queue_uren(maanden: pd.DataFrame, normset: Normset, werkdagen_per_jaar: float) -> pd.DataFrame:
    """Per month: norm hours per working day for triage and onderzoek, and the norm hours per case.

    Net hours = fte × uren_per_fte × (1 − verzuim); the products without a term are served first at
    their norm hours (as the rekentool counts them); the rest is split between triage and onderzoek in
    proportion to their norm hours, so both queues carry the same relative shortfall (the seed does not
    assign the gap of Bijlage 2 to one product). Triage hours per melding are the triage norm × its count
    / meldingen: the rekentool applies the 16 hours to Overdragen, and this keeps its yearly hours.
    """
    producten = normset.producten
    if TRIAGE not in producten or ONDERZOEK not in producten:
        raise KeyError(f"normset {normset.naam!r} mist product {TRIAGE!r} of {ONDERZOEK!r}")
    vraag = {
        naam: norm.uren * maanden[norm.telling].astype(float) / werkdagen_per_jaar for naam, norm in producten.items()
    }
    overig = sum(v for naam, v in vraag.items() if naam not in (TRIAGE, ONDERZOEK))
    netto = maanden["fte_beschikbaar"] * normset.uren_per_fte * (1 - maanden["verzuim_pct"] / 100) / werkdagen_per_jaar
    rest = np.maximum(netto - overig, 0.0)
    aandeel_t = vraag[TRIAGE] / (vraag[TRIAGE] + vraag[ONDERZOEK])
    meldingen = maanden["meldingen"].astype(float)
    onderzoeken = maanden[ONDERZOEK].astype(float)
    return pd.DataFrame(
        {
            "triage_uren_per_dag": rest * aandeel_t,
            "onderzoek_uren_per_dag": rest * (1 - aandeel_t),
            "triage_uren_vraag_per_dag": vraag[TRIAGE],
            "onderzoek_uren_vraag_per_dag": vraag[ONDERZOEK],
            "uren_per_melding": vraag[TRIAGE] * werkdagen_per_jaar / meldingen.where(meldingen > 0, 1),
            "uren_per_onderzoek": vraag[ONDERZOEK] * werkdagen_per_jaar / onderzoeken.where(onderzoeken > 0, 1),
        },
        index=maanden.index,
    )


def vakantiefactor(aannames: Wachtrijaannames) -> np.ndarray:
    """Capacity factor per working day of a year: reduced in the holiday weeks, mean 1 over the year
    (the productive hours per fte already leave room for holidays; the weeks only move them)."""
    wd = int(aannames.werkdagen_per_jaar.waarde)
    week = np.arange(wd) * 52 // wd + 1
    factor = np.ones(wd)
    for v in aannames.vakanties:
        factor[np.isin(week, v.weken)] = v.capaciteit_pct / 100
    return factor / factor.mean()


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Dagreeks:
    """Per working day of a horizon and its uitloop (no arrivals, capacity of the last month)."""

    meldingen: np.ndarray  # expected meldingen per day
    onderzoeken: np.ndarray  # expected onderzoeken (decisions to investigate) per day
    uren_per_melding: np.ndarray
    uren_per_onderzoek: np.ndarray
    triage_uren: np.ndarray  # norm hours per day for triage (holidays included, before the tempo)
    onderzoek_uren: np.ndarray
    maand: np.ndarray  # month index of each day in the horizon (the uitloop: the last month)
    werkdagen: int  # days of the horizon proper


def per_maand_dagen(aannames: Wachtrijaannames) -> int:
    return int(aannames.werkdagen_per_jaar.waarde) // MAANDEN_PER_JAAR


def dagreeks(maanden: pd.DataFrame, normset: Normset, aannames: Wachtrijaannames, uitloop: int) -> Dagreeks:
    """The day series of a month table (MAAND_KOLOMMEN)."""
    wd = int(aannames.werkdagen_per_jaar.waarde)
    pm = per_maand_dagen(aannames)
    maanden = maanden.reset_index(drop=True)
    uren = queue_uren(maanden, normset, wd)
    werkdagen = len(maanden) * pm
    dag = np.arange(werkdagen + uitloop)
    maand = np.minimum(dag // pm, len(maanden) - 1)
    kalendermaand = maanden["maand"].to_numpy(int)[maand] - 1
    dag_van_jaar = kalendermaand * pm + dag % pm
    vakantie = vakantiefactor(aannames)[dag_van_jaar]
    profiel = np.asarray(aannames.maandprofiel_meldingen.waarden, float)[kalendermaand]
    open_ = dag < werkdagen

    def rij(kolom: pd.Series) -> np.ndarray:
        return kolom.to_numpy(float)[maand]

    return Dagreeks(
        meldingen=rij(maanden["meldingen"]) / wd * profiel * open_,
        onderzoeken=rij(maanden[ONDERZOEK]) / wd * profiel * open_,
        uren_per_melding=rij(uren["uren_per_melding"]),
        uren_per_onderzoek=rij(uren["uren_per_onderzoek"]),
        triage_uren=rij(uren["triage_uren_per_dag"]) * vakantie,
        onderzoek_uren=rij(uren["onderzoek_uren_per_dag"]) * vakantie,
        maand=maand,
        werkdagen=werkdagen,
    )


def medewerkers(uren_per_dag: float, uren_per_werkdag_per_casus: float) -> int:
    """The pool: the queue's norm hours per day divided by the hours a case gets per working day."""
    return max(1, int(round(uren_per_dag / uren_per_werkdag_per_casus)))


# --- candidate cases, shared by scenarios (common random numbers) -------------------------------


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Stroom:
    """Candidate cases of one class: (cases, replications), in arrival order down each column.

    A Poisson stream at the highest rate of the scenarios (``piek`` per day); a scenario keeps a
    candidate when ``u`` < its rate / ``piek`` (thinning gives its own Poisson stream). ``tijd`` is the
    arrival in working days (day and fraction: a block splits them when it needs them), ``werk`` the work
    in units of the mean (gamma, mean 1). Padding rows at the end of a column have ``geldig`` False and
    arrive at 0.
    """

    tijd: np.ndarray
    u: np.ndarray
    werk: np.ndarray
    geldig: np.ndarray
    piek: np.ndarray  # (D,)
    delen: dict = field(default_factory=dict, repr=False)

    VELDEN = ("tijd", "u", "werk", "geldig")

    def kolommen(self, kol: slice) -> Stroom:
        """The candidates of some columns, contiguous; kept, as every scenario of a run splits alike."""
        sleutel = (kol.start, kol.stop)
        if sleutel not in self.delen:
            self.delen[sleutel] = Stroom(
                *(np.ascontiguousarray(getattr(self, v)[:, kol]) for v in self.VELDEN), self.piek
            )
        return self.delen[sleutel]


def trek_stroom(piek: np.ndarray, replicaties: int, cv: float, rng: np.random.Generator) -> Stroom:
    """A Poisson stream per replication at the constant rate max(``piek``), generated down the columns:
    unit exponentials summed, divided by the rate, split into (day, fraction of the day). Thinning with
    ``u`` gives any lower rate per day (:meth:`Stroom.aanwezig`)."""
    dagen = int(np.flatnonzero(piek > 0)[-1]) + 1 if (piek > 0).any() else 1
    hoogste = max(float(piek.max()), 1e-9)
    totaal = hoogste * dagen
    n = max(int(np.ceil(totaal + 6 * np.sqrt(totaal) + 10)), 1)
    tijd = cumsum_omlaag(rng.standard_exponential((n, replicaties), dtype=np.float32), dtype=np.float32)
    tijd /= np.float32(hoogste)
    geldig = tijd < dagen
    m = max(int(geldig.sum(axis=0).max(initial=0)), 1)
    tijd, geldig = tijd[:m], geldig[:m]
    tijd[~geldig] = 0.0
    vorm = 1 / cv**2
    # Single precision is plenty for an arrival (a few seconds at two years), a share and a relative amount
    # of work: half the memory to fill and to read in every scenario.
    werk = rng.standard_gamma(vorm, (m, replicaties), dtype=np.float32)
    werk /= np.float32(vorm)
    u = rng.random((m, replicaties), dtype=np.float32)
    return Stroom(tijd, u, werk, geldig, np.full(piek.size, hoogste))


# --- one queue over one horizon, in blocks of cases ---------------------------------------------

_KLASSEN = ("acuut", "regulier", "onderzoek")
# Cases per block: a block's arrays stay in the processor's cache, which makes the per-case passes fast.
_BLOK = 256


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Klasse:
    """What one class of cases did over a horizon, per month and replication column."""

    aantal: np.ndarray  # (months, columns) cases that arrived
    op_tijd: np.ndarray  # (months, columns) of those, finished within the term
    wachtend: np.ndarray  # (months, columns) cases waiting (arrived, not started) at each month's end
    duur: np.ndarray  # werkdagen from arrival to finish of the sample's cases
    duur_maand: np.ndarray  # their month of arrival
    vrij_na: np.ndarray  # (servers, columns) the servers' remaining work at the end of the horizon
    wachtend_na: np.ndarray  # start times (clock from the end of the horizon) of cases still waiting then
    start: np.ndarray | None = None  # every case's start and work on the clock (kept for the acute class)
    werk: np.ndarray | None = None

    def kolommen(self, kol: slice) -> Klasse:
        """The figures of some columns (one tempo of a run with several side by side)."""
        return Klasse(
            *(getattr(self, v)[:, kol] for v in ("aantal", "op_tijd", "wachtend")),
            duur=self.duur,
            duur_maand=self.duur_maand,
            vrij_na=self.vrij_na[:, kol],
            wachtend_na=self.wachtend_na[:, kol],
        )

    @staticmethod
    def naast(a: Klasse, b: Klasse) -> Klasse:
        """Two groups of columns side by side (the sample's waits: both parts')."""
        rijen = max(a.wachtend_na.shape[0], b.wachtend_na.shape[0])

        def vul(x: np.ndarray) -> np.ndarray:
            return np.vstack([x, np.full((rijen - x.shape[0], x.shape[1]), np.inf)])

        return Klasse(
            *(np.hstack([getattr(a, v), getattr(b, v)]) for v in ("aantal", "op_tijd", "wachtend")),
            duur=np.concatenate([a.duur, b.duur]),
            duur_maand=np.concatenate([a.duur_maand, b.duur_maand]),
            vrij_na=np.hstack([a.vrij_na, b.vrij_na]),
            wachtend_na=np.hstack([vul(a.wachtend_na), vul(b.wachtend_na)]),
        )


def _klokwaarde(klok: Klok, dag: np.ndarray, fractie: np.ndarray, extra_dagen: int = 0) -> np.ndarray:
    """Clock value at day + fraction (a block of candidates), ``extra_dagen`` working days later.

    One clock for all columns (a scenario): lookups in its day table; a clock per column: in its
    day-major table, so that the many cases of one day read neighbouring memory.
    """
    if (klok.rij == klok.rij[0]).all():
        tabel, snelheid = klok.tabel[klok.rij[0]], klok.snelheid[klok.rij[0]]
        index = dag + extra_dagen if extra_dagen else dag
    else:
        tabel, snelheid = klok.dagtabel
        k = dag.shape[1]
        index = (dag + extra_dagen) * k + np.arange(k)
    waarde = snelheid.take(index)
    waarde *= fractie
    waarde += tabel.take(index)
    return waarde


def _klasse(
    klok: Klok,
    stroom: Stroom,
    tarief: np.ndarray,
    uren: np.ndarray,
    tempo: np.ndarray,
    servers: int,
    vrij: np.ndarray,
    geerfd: np.ndarray,
    termijn: int,
    dagen: Dagreeks,
    bewaar: bool = False,
    steekproef: bool | int = True,
) -> Klasse:
    """One class through the Kiefer–Wolfowitz recursion on ``klok``, block by block.

    ``tarief``: the scenario's expected cases per day (thinning of the candidates); ``uren``: norm
    hours per case per day; ``tempo``: per column; ``vrij``/``geerfd``: the state the horizon starts
    from (servers' remaining work, start times of the inherited waiting cases).
    """
    n, k = stroom.tijd.shape
    pm = dagen.werkdagen // (int(dagen.maand[dagen.werkdagen - 1]) + 1)
    n_m = dagen.werkdagen // pm
    grens = klok.op(np.broadcast_to((np.arange(1, n_m + 1) * pm)[:, None], (n_m, k)), 0.0)  # (months, k)
    eind_horizon = grens[-1]
    grens_max, grens_min = np.maximum.accumulate(grens.max(axis=1)), np.maximum.accumulate(grens.min(axis=1))
    verhouding = np.divide(tarief, stroom.piek, out=np.zeros_like(tarief), where=stroom.piek > 0)
    een_tempo = bool((tempo == tempo[0]).all())
    uren_dag = uren / tempo[0] if een_tempo else uren
    kol = np.arange(k)
    aantal = np.zeros((n_m + 1) * k)
    op_tijd = np.zeros((n_m + 1) * k)
    begonnen = np.zeros((n_m, k))
    steek = min(int(steekproef) if steekproef is not True else _WACHT_STEEKPROEF, k)
    rest, s_eind, s_aankomst, s_maand, starts, werken = [], [], [], [], [], []
    f = np.sort(vrij, axis=0)
    for a in range(0, n, _BLOK):
        rijen = slice(a, min(a + _BLOK, n))
        tijd, geldig = stroom.tijd[rijen], stroom.geldig[rijen]
        dag = tijd.astype(np.intp)
        fractie = tijd - dag
        aanwezig = geldig & (stroom.u[rijen] < verhouding.take(dag))
        werk = uren_dag.take(dag)
        if not een_tempo:
            werk /= tempo
        werk *= stroom.werk[rijen]
        werk *= aanwezig
        # Padding rows arrive on day 0 at clock 0 with no work: steps that change nothing. Their start is
        # the earliest free time; only present cases are counted below, so it needs no mask.
        aankomst = _klokwaarde(klok, dag, fractie)
        start, f = kiefer_wolfowitz(aankomst, werk, servers, vrij=f, eindstand=True)
        eind = start + werk
        binnen = aanwezig & (eind <= _klokwaarde(klok, dag, fractie, termijn))
        maand = dagen.maand.take(dag)
        vlak = (maand * k + kol).ravel()
        aantal += np.bincount(vlak, weights=aanwezig.ravel(), minlength=aantal.size)
        op_tijd += np.bincount(vlak, weights=binnen.ravel(), minlength=op_tijd.size)
        # Started before each month's end: start times are nondecreasing down a column (first come first
        # served), so only the months whose end falls within this block's starts need a comparison.
        laag, hoog = float(start[0].min()), float(start.max())
        j0, j1 = (
            int(np.searchsorted(grens_max, laag, side="right")),
            int(np.searchsorted(grens_min, hoog, side="right")),
        )
        if j1 < n_m:
            begonnen[j1:] += aanwezig.sum(axis=0)
        for j in range(j0, min(j1, n_m)):
            begonnen[j] += (aanwezig & (start < grens[j])).sum(axis=0)
        if hoog > eind_horizon.min():
            rest.append(np.where(aanwezig & (start > eind_horizon), start - eind_horizon, np.inf))
        s_eind.append(np.where(aanwezig[:, :steek], eind[:, :steek], np.nan))
        s_aankomst.append(tijd[:, :steek].astype(float))
        s_maand.append(maand[:, :steek])
        if bewaar:
            starts.append(start)
            werken.append(werk)
    s_eind_v = np.concatenate(s_eind)
    eindig = np.isfinite(s_eind_v)
    duur = np.empty(0)
    if steek:
        kalender = klok.kalender(np.where(eindig, s_eind_v, 0.0), slice(0, steek))
        duur = (kalender - np.concatenate(s_aankomst))[eindig]
    aantal_m = aantal.reshape(n_m + 1, k)[:-1]
    wachtend = np.cumsum(aantal_m, axis=0) - begonnen
    if np.isfinite(geerfd).any():
        wachtend += np.stack([(np.isfinite(geerfd) & (geerfd > g)).sum(axis=0) for g in grens])
        rest.append(np.where(geerfd > eind_horizon, geerfd - eind_horizon, np.inf))
    rest_v = np.sort(np.concatenate(rest), axis=0) if rest else np.full((1, k), np.inf)
    m = max(int(np.isfinite(rest_v).sum(axis=0).max(initial=0)), 1)
    return Klasse(
        aantal=aantal_m,
        op_tijd=op_tijd.reshape(n_m + 1, k)[:-1],
        wachtend=np.maximum(wachtend, 0),
        duur=duur,
        duur_maand=np.concatenate(s_maand)[eindig],
        vrij_na=np.clip(f - eind_horizon, 0.0, None),
        wachtend_na=rest_v[:m],
        start=np.concatenate(starts) if bewaar else None,
        werk=np.concatenate(werken) if bewaar else None,
    )


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Beginstand:
    """The queues at the start of a horizon, per replication column: the servers' remaining work and
    the start times (clock from the horizon start) of cases that are still waiting."""

    acuut_vrij: np.ndarray
    regulier_vrij: np.ndarray
    onderzoek_vrij: np.ndarray
    acuut_wachtend: np.ndarray
    regulier_wachtend: np.ndarray
    onderzoek_wachtend: np.ndarray

    @classmethod
    def leeg(cls, c_t: int, c_o: int, kolommen: int) -> Beginstand:
        leeg = np.full((1, kolommen), np.inf)
        return cls(np.zeros((c_t, kolommen)), np.zeros((c_t, kolommen)), np.zeros((c_o, kolommen)), leeg, leeg, leeg)

    def kolommen(self, index: np.ndarray) -> Beginstand:
        """The state of the given columns (replication i of the projection starts from run-in i mod R)."""
        return Beginstand(*(np.ascontiguousarray(getattr(self, k)[:, index]) for k in self.__dataclass_fields__))


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Horizon:
    """What one horizon produced for one scenario (or a grid of tempi side by side)."""

    dagen: Dagreeks
    acuut: Klasse | None
    regulier: Klasse | None
    onderzoek: Klasse | None

    def zonder_werk(self) -> Horizon:
        """Without the acute cases' start and work (only needed inside the run): small to send."""
        acuut = None if self.acuut is None else replace(self.acuut, start=None, werk=None)
        return Horizon(self.dagen, acuut, self.regulier, self.onderzoek)

    def kolommen(self, kol: slice) -> Horizon:
        return Horizon(
            self.dagen,
            *(None if getattr(self, k) is None else getattr(self, k).kolommen(kol) for k in _KLASSEN),
        )

    @staticmethod
    def naast(a: Horizon, b: Horizon) -> Horizon:
        return Horizon(
            a.dagen,
            *(None if getattr(a, k) is None else Klasse.naast(getattr(a, k), getattr(b, k)) for k in _KLASSEN),
        )

    def eindstand(self) -> Beginstand:
        return Beginstand(
            self.acuut.vrij_na,
            self.regulier.vrij_na,
            self.onderzoek.vrij_na,
            self.acuut.wachtend_na,
            self.regulier.wachtend_na,
            self.onderzoek.wachtend_na,
        )


def simuleer(
    dagen: Dagreeks,
    aannames: Wachtrijaannames,
    servers: tuple[int, int],
    tempo: tuple[np.ndarray, np.ndarray],
    stromen: tuple[Stroom, Stroom, Stroom],
    begin: Beginstand,
    steekproef: bool = True,
    wachtrijen: tuple[bool, bool] = (True, True),
) -> Horizon:
    """:func:`simuleer_kolommen`, with the columns split over two processes when there are enough of
    them and the machine has a second core. Columns are independent, so the result is the same."""
    k = np.asarray(tempo[0]).size
    if k < _MIN_KOLOMMEN_PARALLEL or not _twee_kernen():
        return simuleer_kolommen(dagen, aannames, servers, tempo, stromen, begin, steekproef, wachtrijen)
    helft = k // 2
    delen = [slice(0, helft), slice(helft, k)]
    steek = min(_WACHT_STEEKPROEF, k) if steekproef else 0
    aantallen = [min(steek, helft), max(0, steek - helft)]

    def deel(i: int) -> Horizon:
        kol = delen[i]
        h = simuleer_kolommen(
            dagen,
            aannames,
            servers,
            tuple(np.asarray(t)[kol] for t in tempo),
            tuple(s.kolommen(kol) for s in stromen),
            begin.kolommen(np.arange(k)[kol]),
            aantallen[i],
            wachtrijen,
        )
        return h.zonder_werk()

    return Horizon.naast(*_in_twee_processen(lambda: deel(0), lambda: deel(1)))


def _twee_kernen() -> bool:
    return (os.cpu_count() or 1) >= 2 and "fork" in mp.get_all_start_methods()


def _in_twee_processen(hier, daar):
    """``hier()`` in this process and ``daar()`` at the same time in a forked child (which inherits the
    arrays, so nothing large is copied); returns both results. The child only computes and sends its
    result back through a pipe; an exception there is raised here."""
    gecompileerde_stappen()  # compiled here, not in both processes
    ontvanger, zender = mp.get_context("fork").Pipe(duplex=False)

    def kind() -> None:
        try:
            zender.send(("goed", daar()))
        except BaseException as fout:  # the parent raises it
            zender.send(("fout", fout))

    proces = mp.get_context("fork").Process(target=kind, daemon=True)
    proces.start()
    zender.close()
    try:
        eerste = hier()
        soort, tweede = ontvanger.recv()
    finally:
        proces.join()
    if soort == "fout":
        raise tweede
    return eerste, tweede


def simuleer_kolommen(
    dagen: Dagreeks,
    aannames: Wachtrijaannames,
    servers: tuple[int, int],
    tempo: tuple[np.ndarray, np.ndarray],
    stromen: tuple[Stroom, Stroom, Stroom],
    begin: Beginstand,
    steekproef: bool | int = True,
    wachtrijen: tuple[bool, bool] = (True, True),
) -> Horizon:
    """Both queues over one horizon. ``tempo``: per column, the norm hours one hour of work covers
    (triage, onderzoek); ``stromen``: acute, regular and onderzoek candidates of this horizon;
    ``wachtrijen``: which of triage and onderzoek to run (a queue left out is None in the result).

    The clocks count norm hours per worker at tempo 1; a column with tempo f needs 1/f of a case's norm
    hours. Acute meldingen run first on the pool's clock; the regular ones on the clock that leaves.
    """
    c_t, c_o = servers
    f_t, f_o = (np.asarray(f, float) for f in tempo)
    kolommen = f_t.size
    nul = np.zeros(kolommen, np.int64)
    klok_t = Klok.uit_snelheid(dagen.triage_uren[None, :] / c_t, nul)
    klok_o = Klok.uit_snelheid(dagen.onderzoek_uren[None, :] / c_o, nul)
    st_a, st_r, st_o = stromen
    acuut_pct = aannames.acuut_triage_pct.waarde / 100
    term_t = int(aannames.termijn_triage_werkdagen.waarde)
    term_o = int(aannames.termijn_onderzoek_werkdagen.waarde)
    acuut = regulier = onderzoek = None
    if wachtrijen[0]:
        acuut, regulier = _triage(dagen, st_a, st_r, klok_t, f_t, c_t, begin, acuut_pct, term_t, steekproef)
    if wachtrijen[1]:
        onderzoek = _klasse(
            klok_o,
            st_o,
            dagen.onderzoeken,
            dagen.uren_per_onderzoek,
            f_o,
            c_o,
            begin.onderzoek_vrij,
            begin.onderzoek_wachtend,
            term_o,
            dagen,
            steekproef=steekproef,
        )
    return Horizon(dagen, acuut, regulier, onderzoek)


def _triage(dagen, st_a, st_r, klok_t, f_t, c_t, begin, acuut_pct, term_t, steekproef) -> tuple[Klasse, Klasse]:
    """The triage pool: acute meldingen first, the regular ones on the clock the acute work leaves."""
    acuut = _klasse(
        klok_t,
        st_a,
        dagen.meldingen * acuut_pct,
        dagen.uren_per_melding,
        f_t,
        c_t,
        begin.acuut_vrij,
        begin.acuut_wachtend,
        term_t,
        dagen,
        bewaar=True,
        steekproef=steekproef,
    )
    # The acute work, with what the servers still had from the previous horizon, slows the regular clock.
    bezig = begin.acuut_vrij
    klok_r = klok_na_voorrang(
        klok_t,
        np.vstack([np.zeros_like(bezig), acuut.start]),
        np.vstack([bezig, np.where(np.isfinite(acuut.start), acuut.werk, 0.0)]),
        c_t,
    )
    regulier = _klasse(
        klok_r,
        st_r,
        dagen.meldingen * (1 - acuut_pct),
        dagen.uren_per_melding,
        f_t,
        c_t,
        begin.regulier_vrij,
        begin.regulier_wachtend,
        term_t,
        dagen,
        steekproef=steekproef,
    )
    return acuut, regulier


def trek_stromen(
    piek_meldingen: np.ndarray, piek_onderzoek: np.ndarray, aannames: Wachtrijaannames, replicaties: int, seed
) -> tuple[Stroom, Stroom, Stroom]:
    """Acute, regular and onderzoek candidates: a Poisson stream each (a split Poisson stream)."""
    rng = np.random.default_rng(seed)
    acuut = aannames.acuut_triage_pct.waarde / 100
    cv_t = aannames.variatiecoefficient_werk_triage.waarde
    cv_o = aannames.variatiecoefficient_werk_onderzoek.waarde
    return (
        trek_stroom(piek_meldingen * acuut, replicaties, cv_t, rng),
        trek_stroom(piek_meldingen * (1 - acuut), replicaties, cv_t, rng),
        trek_stroom(piek_onderzoek, replicaties, cv_o, rng),
    )


def herhaal(stroom: Stroom, keer: int) -> Stroom:
    """The same candidates for ``keer`` groups of columns side by side (the calibration grid)."""
    return Stroom(*(np.tile(getattr(stroom, k), (1, keer)) for k in Stroom.VELDEN), stroom.piek)


# --- summaries per month ------------------------------------------------------------------------


def _q(a: np.ndarray, q: float, axis: int = 1) -> np.ndarray:
    """Quantile, ignoring months without cases (NaN when there is no case at all)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a month without cases is NaN, not noise
        return np.nanquantile(a, q, axis=axis)


def _pct(op_tijd: np.ndarray, aantal: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(aantal > 0, 100 * op_tijd / aantal, np.nan)


def _duur_per_maand(klassen: Sequence[Klasse], n_m: int, kwantielen=(0.5, 0.9)) -> np.ndarray:
    """Quantiles of the sample's durations per month of arrival: (months, quantiles), NaN without cases."""
    duur = np.concatenate([k.duur for k in klassen])
    maand = np.concatenate([k.duur_maand for k in klassen])
    volgorde = np.argsort(maand, kind="stable")
    grenzen = np.searchsorted(maand[volgorde], np.arange(n_m + 1))
    uit = np.full((n_m, len(kwantielen)), np.nan)
    for m in range(n_m):
        deel = duur[volgorde[grenzen[m] : grenzen[m + 1]]]
        if deel.size:
            uit[m] = np.quantile(deel, kwantielen)
    return uit


def maandoverzicht(h: Horizon, eerste_maand: pd.Period) -> pd.DataFrame:
    """Per month of the horizon: the share on time (mean over replications, median and 80% band), waits,
    waiting counts (median and band).

    Percentages are per replication over the month's arrivals (acute and regular), then summarised
    over replications; waiting counts at the month's end; waits (melding to triage decision,
    onderzoek start to end) pooled over the month's cases of the first replications.
    """
    triage = (h.acuut, h.regulier)
    aantal_t = h.acuut.aantal + h.regulier.aantal
    pct_t = _pct(h.acuut.op_tijd + h.regulier.op_tijd, aantal_t)
    pct_o = _pct(h.onderzoek.op_tijd, h.onderzoek.aantal)
    n_m = aantal_t.shape[0]
    regels: dict[str, np.ndarray] = {}
    for naam, waarden in (("pct_triage_binnen_5_werkdagen", pct_t), ("pct_onderzoek_binnen_10_weken", pct_o)):
        # The mean over the replications is the chance that a case of that month is on time. Within one
        # replication a month is mostly all or nothing (a queue either holds more than the term or not), so
        # the median jumps where the mean moves with the share of replications in which the queue tipped.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a month without cases is NaN, not noise
            regels[naam] = np.nanmean(waarden, axis=1)
        regels[f"{naam}_mediaan"] = _q(waarden, 0.5)
        regels[f"{naam}_p10"], regels[f"{naam}_p90"] = _q(waarden, BAND[0]), _q(waarden, BAND[1])
    for naam, waarden in (
        ("backlog", h.acuut.wachtend + h.regulier.wachtend),
        ("backlog_onderzoek", h.onderzoek.wachtend),
    ):
        regels[f"{naam}_mediaan"] = np.quantile(waarden, 0.5, axis=1)
        regels[f"{naam}_p10"], regels[f"{naam}_p90"] = (np.quantile(waarden, q, axis=1) for q in BAND)
    regels["wacht_mediaan_werkdagen"], regels["wacht_p90_werkdagen"] = _duur_per_maand(triage, n_m).T
    duur_o = _duur_per_maand((h.onderzoek,), n_m).T
    regels["doorlooptijd_onderzoek_mediaan_werkdagen"], regels["doorlooptijd_onderzoek_p90_werkdagen"] = duur_o
    maanden = pd.period_range(eerste_maand, periods=n_m, freq="M").strftime("%Y-%m")
    return pd.DataFrame(
        {
            "maand": maanden,
            "meldingen": aantal_t.mean(axis=1),
            "onderzoeken": h.onderzoek.aantal.mean(axis=1),
            **regels,
        }
    )


def maandoverzicht_kolommen() -> list[str]:
    p = ("pct_triage_binnen_5_werkdagen", "pct_onderzoek_binnen_10_weken")
    return [
        "maand",
        "meldingen",
        "onderzoeken",
        *(f"{k}{s}" for k in p for s in ("", "_mediaan", "_p10", "_p90")),
        *(f"{k}_{s}" for k in ("backlog", "backlog_onderzoek") for s in ("mediaan", "p10", "p90")),
        "wacht_mediaan_werkdagen",
        "wacht_p90_werkdagen",
        "doorlooptijd_onderzoek_mediaan_werkdagen",
        "doorlooptijd_onderzoek_p90_werkdagen",
    ]


def _vanaf(maanden: pd.Series, gehaald: pd.Series) -> str | None:
    """The first month from which ``gehaald`` holds until the end of the horizon, else None."""
    gehaald = gehaald.to_numpy(bool)
    if not gehaald.any() or not gehaald[-1]:
        return None
    laatste_mis = np.flatnonzero(~gehaald)
    return str(maanden.iloc[laatste_mis[-1] + 1 if laatste_mis.size else 0])


def normmoment(tabel: pd.DataFrame, kengetallen: Kengetallen) -> dict:
    """When the norms (95% triage, 85% onderzoek; Beleidsindicatoren) are met, or None.

    'Met' is the expected share (mean over replications) at or above the norm from that month up to
    the end of the horizon, so a single lucky month does not count.
    """
    norm_t = kengetallen.triage_binnen_5_werkdagen_norm_pct.waarde
    norm_o = kengetallen.onderzoek_binnen_10_weken_norm_pct.waarde
    return {
        "norm_triage_pct": norm_t,
        "norm_onderzoek_pct": norm_o,
        "triage_vanaf": _vanaf(tabel["maand"], tabel["pct_triage_binnen_5_werkdagen"] >= norm_t),
        "onderzoek_vanaf": _vanaf(tabel["maand"], tabel["pct_onderzoek_binnen_10_weken"] >= norm_o),
    }


def normmomenten(tabel: pd.DataFrame, kengetallen: Kengetallen) -> pd.DataFrame:
    """:func:`normmoment` per scenario of a stacked table (:func:`projecteer`)."""
    return pd.DataFrame(
        [{"scenario": naam, **normmoment(groep, kengetallen)} for naam, groep in tabel.groupby("scenario", sort=False)]
    )


# --- calibration --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Kalibratie:
    """The fitted tempi, what they reproduce in the base year, and the state the projection starts from."""

    basisperiode: str
    basisjaar: int
    normset: str
    inloop: pd.DataFrame  # the run-in years (jaar, counts, fte, verzuim, periode)
    servers_triage: int
    servers_onderzoek: int
    tempo_triage: float
    tempo_onderzoek: float
    pct_triage_binnen_5_werkdagen: float
    pct_onderzoek_binnen_10_weken: float
    doel_triage_pct: float
    doel_onderzoek_pct: float
    backlog_triage_eind: np.ndarray = field(repr=False)
    backlog_onderzoek_eind: np.ndarray = field(repr=False)
    eindstand: Beginstand = field(repr=False)
    replicaties: int = 0
    seed: int = 0
    uitgangspunten: dict = field(default_factory=dict)  # the stated assumptions, for the chapter's text

    def record(self) -> dict:
        """JSON-ready summary for results.json (``kalibratie``)."""
        basis = self.inloop.iloc[-1]
        return {
            "basisperiode": self.basisperiode,
            "basisjaar": self.basisjaar,
            "normset": self.normset,
            "inloop_jaren": [int(j) for j in self.inloop["jaar"]],
            "servers_triage": self.servers_triage,
            "servers_onderzoek": self.servers_onderzoek,
            "factor_triage": self.tempo_triage,
            "factor_onderzoek": self.tempo_onderzoek,
            "pct_triage_binnen_5_werkdagen": self.pct_triage_binnen_5_werkdagen,
            "pct_onderzoek_binnen_10_weken": self.pct_onderzoek_binnen_10_weken,
            "doel_triage_pct": self.doel_triage_pct,
            "doel_onderzoek_pct": self.doel_onderzoek_pct,
            "fte_beschikbaar": float(basis["fte_beschikbaar"]),
            "verzuim_pct": float(basis["verzuim_pct"]),
            "backlog_triage_eind_mediaan": float(np.median(self.backlog_triage_eind)),
            "backlog_onderzoek_eind_mediaan": float(np.median(self.backlog_onderzoek_eind)),
            "replicaties": self.replicaties,
            "seed": self.seed,
            **self.uitgangspunten,
        }


def _pct_basisjaar(h: Horizon, eerste_maand: int, groepen: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group of columns: the share (%) of the base year's meldingen and onderzoeken within term."""
    uit = []
    for klassen in ((h.acuut, h.regulier), (h.onderzoek,)):
        if klassen[0] is None:
            uit.append(np.full(groepen, np.nan))
            continue
        tot = sum(k.aantal[eerste_maand:].sum(axis=0) for k in klassen)
        op = sum(k.op_tijd[eerste_maand:].sum(axis=0) for k in klassen)
        tot, op = (np.asarray(x, float).reshape(groepen, -1).sum(axis=1) for x in (tot, op))
        uit.append(100 * op / np.maximum(tot, 1))
    return uit[0], uit[1]


def _onbereikbaar(dataset: Dataset, kengetal: str, doel: float, basisperiode: str) -> InvoerFout:
    """A calibration target no tempo reaches: the input figures contradict each other."""
    return InvoerFout(
        dataset.directory / KENGETALLEN_FILE,
        f"sleutel {kengetal}.waarde",
        f"{doel!r}% is met de volumes, de formatie en het verzuim van {basisperiode!r} niet te bereiken "
        "(kalibratie van het wachtrijmodel); controleer deze cijfers",
    )


def _interpoleer(grid: np.ndarray, pct: np.ndarray, doel: float) -> float | None:
    """The tempo at which the (nondecreasing) grid curve reaches ``doel``, log-linear; None outside."""
    pct = np.maximum.accumulate(pct)
    if doel < pct[0] or doel > pct[-1]:
        return None
    i = int(np.clip(np.searchsorted(pct, doel), 1, grid.size - 1))
    p0, p1 = pct[i - 1], pct[i]
    w = 0.0 if p1 == p0 else (doel - p0) / (p1 - p0)
    return float(np.exp(np.log(grid[i - 1]) + w * (np.log(grid[i]) - np.log(grid[i - 1]))))


def kalibreer(dataset: Dataset, params: WachttijdenParams, basisperiode: str, normset: str) -> Kalibratie:
    """Fit one tempo per queue so that the base year, run in from the first realisatie, gives the
    realised shares (BURAP II 2024: 72% and 71%).

    A grid of tempi runs side by side on the same candidate cases (so the curve is monotone), the
    tempo is interpolated, then refined on all replications by secant steps until it is within
    half a percentage point. The two queues are independent, so both are fitted in the same runs.
    """
    aannames = dataset.wachttijden
    kg, ns = dataset.kengetallen, dataset.normen.normsets[normset]
    inloop = inloopjaren(dataset, basisperiode)
    basisjaar = int(inloop["jaar"].iloc[-1])
    maanden = maanden_uit_jaren(inloop)
    term_o = int(aannames.termijn_onderzoek_werkdagen.waarde)
    dagen = dagreeks(maanden, ns, aannames, uitloop=2 * term_o)
    basis = queue_uren(maanden.iloc[[-1]], ns, aannames.werkdagen_per_jaar.waarde).iloc[0]
    servers = (
        medewerkers(basis["triage_uren_per_dag"], aannames.uren_per_werkdag_triage.waarde),
        medewerkers(basis["onderzoek_uren_per_dag"], aannames.uren_per_werkdag_onderzoek.waarde),
    )
    eerste_maand = len(maanden) - MAANDEN_PER_JAAR
    doel = (
        kg.triage_binnen_5_werkdagen_realisatie_pct.waarde,
        kg.onderzoek_binnen_10_weken_realisatie_pct.waarde,
    )
    kengetal = ("triage_binnen_5_werkdagen_realisatie_pct", "onderzoek_binnen_10_weken_realisatie_pct")

    r = min(_KALIBRATIE_REPLICATIES, params.replicaties)
    stromen = trek_stromen(dagen.meldingen, dagen.onderzoeken, aannames, r, [params.seed, 0])

    def kurve(tempi: np.ndarray, reps: int, wachtrijen=(True, True)) -> tuple[Horizon, np.ndarray]:
        """Each pair of tempi (row: triage, onderzoek) on the first ``reps`` replications, side by side."""
        g = tempi.shape[0]
        if g == 1 and reps == r:
            deel = stromen  # the calibration's own replications, as they are
        else:
            deel = tuple(herhaal(s.kolommen(slice(0, reps)), g) for s in stromen)
        kol = (np.repeat(tempi[:, 0], reps), np.repeat(tempi[:, 1], reps))
        hor = simuleer(dagen, aannames, servers, kol, deel, Beginstand.leeg(*servers, g * reps), False, wachtrijen)
        return hor, np.column_stack(_pct_basisjaar(hor, eerste_maand, g))

    # A coarse grid on few replications brackets the target and gives the curve's slope (the curves are
    # monotone: every tempo runs on the same cases). Then secant steps on the calibration's replications,
    # kept inside the bracket, both queues at once; a queue that is within the margin stops running.
    _, pct = kurve(np.column_stack([_GRID, _GRID]), _GRID_REPLICATIES)
    log_grid = np.log(_GRID)
    bracket, tempo, helling = [], [], []
    for i in range(2):
        kurve_i = np.maximum.accumulate(pct[:, i])
        f = _interpoleer(_GRID, kurve_i, doel[i])
        if f is None:
            raise _onbereikbaar(dataset, kengetal[i], doel[i], basisperiode)
        k = int(np.clip(np.searchsorted(_GRID, f), 1, _GRID.size - 1))
        bracket.append([log_grid[k - 1], log_grid[k]])
        tempo.append(f)
        helling.append(max((kurve_i[k] - kurve_i[k - 1]) / (log_grid[k] - log_grid[k - 1]), 1e-6))
    vorig_punt: list = [None, None]
    horizon: list = [None, None]  # the run of each queue's tempo: triage and onderzoek are independent
    gehaald = [float("nan"), float("nan")]
    nog = [True, True]
    # The first run takes each guess a little lower and higher side by side: the local slope on these
    # replications (the curve is an S, steeper at the target than between grid points).
    stap_log = 0.01
    tempi = np.array([[t * np.exp(-stap_log) for t in tempo], [t * np.exp(stap_log) for t in tempo]])
    for _ in range(_KALIBRATIE_STAPPEN):
        hor, pct = kurve(tempi, r, tuple(nog))
        for i in range(2):
            if not nog[i]:
                continue
            punten = [(float(np.log(tempi[g, i])), float(pct[g, i]), g) for g in range(tempi.shape[0])]
            x, y, g = min(punten, key=lambda p: abs(p[1] - doel[i]))
            horizon[i] = hor.kolommen(slice(g * r, (g + 1) * r))
            for xp, yp, _g in punten:
                bracket[i][0 if yp < doel[i] else 1] = (
                    max(bracket[i][0], xp) if yp < doel[i] else min(bracket[i][1], xp)
                )
            if abs(y - doel[i]) <= _KALIBRATIE_MARGE_PP:
                nog[i], gehaald[i] = False, y
                continue
            vorige = vorig_punt[i] if len(punten) == 1 else min(punten, key=lambda p: -abs(p[1] - doel[i]))[:2]
            if vorige is not None and vorige[1] != y:
                helling[i] = max((y - vorige[1]) / (x - vorige[0]), 1e-6)
            vorig_punt[i] = (x, y)
            nieuw = x + (doel[i] - y) / helling[i]
            lo, hi = bracket[i]
            tempo[i] = float(np.exp(nieuw if lo < nieuw < hi else (lo + hi) / 2))
        if not any(nog):
            break
        tempi = np.array([tempo])
    else:
        i = nog.index(True)
        raise _onbereikbaar(dataset, kengetal[i], doel[i], basisperiode)
    tri, ond = horizon[0], horizon[1]
    eind = Beginstand(
        tri.acuut.vrij_na,
        tri.regulier.vrij_na,
        ond.onderzoek.vrij_na,
        tri.acuut.wachtend_na,
        tri.regulier.wachtend_na,
        ond.onderzoek.wachtend_na,
    )
    wachtend_t = tri.acuut.wachtend[-1] + tri.regulier.wachtend[-1]
    wachtend_o = ond.onderzoek.wachtend[-1]
    pct = gehaald
    return Kalibratie(
        basisperiode=basisperiode,
        basisjaar=basisjaar,
        normset=normset,
        inloop=inloop,
        servers_triage=servers[0],
        servers_onderzoek=servers[1],
        tempo_triage=tempo[0],
        tempo_onderzoek=tempo[1],
        pct_triage_binnen_5_werkdagen=float(pct[0]),
        pct_onderzoek_binnen_10_weken=float(pct[1]),
        doel_triage_pct=doel[0],
        doel_onderzoek_pct=doel[1],
        backlog_triage_eind=wachtend_t,
        backlog_onderzoek_eind=wachtend_o,
        eindstand=eind,
        replicaties=r,
        seed=params.seed,
        uitgangspunten=uitgangspunten(aannames, params, inloop, ns, tempo),
    )


def uitgangspunten(
    aannames: Wachtrijaannames, params: WachttijdenParams, inloop: pd.DataFrame, normset: Normset, tempo
) -> dict:
    """The model's stated assumptions and the base year's balance formation, for results.json: the
    chapter's text names them, so they travel with the figures they produced."""
    basis = inloop.iloc[[-1]]
    return {
        "termijn_triage_werkdagen": int(aannames.termijn_triage_werkdagen.waarde),
        "termijn_onderzoek_werkdagen": int(aannames.termijn_onderzoek_werkdagen.waarde),
        "werkdagen_per_jaar": int(aannames.werkdagen_per_jaar.waarde),
        "acuut_pct": aannames.acuut_triage_pct.waarde,
        "spreiding_triage": aannames.variatiecoefficient_werk_triage.waarde,
        "spreiding_onderzoek": aannames.variatiecoefficient_werk_onderzoek.waarde,
        "uren_per_werkdag_triage": aannames.uren_per_werkdag_triage.waarde,
        "uren_per_werkdag_onderzoek": aannames.uren_per_werkdag_onderzoek.waarde,
        "vakanties": [
            {"naam": v.naam, "weken": len(v.weken), "capaciteit_pct": v.capaciteit_pct} for v in aannames.vakanties
        ],
        "maandprofiel_vlak": len(set(aannames.maandprofiel_meldingen.waarden)) == 1,
        "wervingsduur_maanden": params.wervingsduur_maanden,
        "infasering_maanden": params.infasering_maanden,
        "replicaties_projectie": params.replicaties,
        "fte_evenwicht": float(evenwicht_fte(basis, normset, tempo[0], tempo[1]).iloc[0]),
    }


def kalibratie_sleutel(dataset: Dataset, params: WachttijdenParams, basisperiode: str, normset: str) -> str:
    """The cache key of a calibration: what :func:`kalibreer` reads. The run-in (volumes, fte and verzuim
    of the realisatie years and the base period), the realised shares, the normset, the model's assumptions,
    these params and the package. A changed cost figure, prognose or scenario leaves it as it is."""
    kg = dataset.kengetallen
    doel = [kg.triage_binnen_5_werkdagen_realisatie_pct.waarde, kg.onderzoek_binnen_10_weken_realisatie_pct.waarde]
    r = min(_KALIBRATIE_REPLICATIES, params.replicaties)
    return invoer_sha256(
        omgeving_sha256(),
        json.dumps([params.seed, r, params.model_dump(mode="json"), basisperiode, normset, doel], sort_keys=True),
        inloopjaren(dataset, basisperiode).to_csv(index=False),  # floats as repr: every digit counts
        dataset.normen.normsets[normset].model_dump_json(),
        dataset.wachttijden.model_dump_json(),
    )


def kalibreer_met_cache(dataset: Dataset, params: WachttijdenParams, basisperiode: str, normset: str) -> Kalibratie:
    """:func:`kalibreer`, kept in the private verified cache under :func:`kalibratie_sleutel`: runs that
    differ only in what the calibration does not read fit the queue once."""
    sleutel = kalibratie_sleutel(dataset, params, basisperiode, normset)
    inhoud = privecache.haal(
        f"kalibratie-{sleutel}.npz", lambda: _naar_bytes(kalibreer(dataset, params, basisperiode, normset))
    )
    return _van_bytes(inhoud)


def kalibratie_in_cache(dataset: Dataset, params: WachttijdenParams, basisperiode: str, normset: str) -> bool:
    """Whether :func:`kalibreer_met_cache` will read this calibration rather than fit it (for the progress line)."""
    map_ = privecache.cache_map()
    naam = f"kalibratie-{kalibratie_sleutel(dataset, params, basisperiode, normset)}.npz"
    return map_ is not None and privecache.lees(map_ / naam) is not None


_EINDSTAND = (
    "acuut_vrij",
    "regulier_vrij",
    "onderzoek_vrij",
    "acuut_wachtend",
    "regulier_wachtend",
    "onderzoek_wachtend",
)


def _naar_bytes(kal: Kalibratie) -> bytes:
    """A calibration as an .npz (arrays, and the scalars as JSON bytes): no pickle, so reading runs no code."""
    schalair = {k: getattr(kal, k) for k in Kalibratie.__dataclass_fields__ if k not in ("inloop", "eindstand")}
    schalair = {k: v for k, v in schalair.items() if not isinstance(v, np.ndarray)}
    meta = json.dumps({**schalair, "inloop": kal.inloop.to_json(orient="split")}).encode("utf-8")
    buffer = io.BytesIO()
    np.savez(
        buffer,
        meta=np.frombuffer(meta, dtype=np.uint8),
        backlog_triage_eind=kal.backlog_triage_eind,
        backlog_onderzoek_eind=kal.backlog_onderzoek_eind,
        **{k: getattr(kal.eindstand, k) for k in _EINDSTAND},
    )
    return buffer.getvalue()


def _van_bytes(inhoud: bytes) -> Kalibratie:
    with np.load(io.BytesIO(inhoud), allow_pickle=False) as z:
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        inloop = pd.read_json(io.StringIO(meta.pop("inloop")), orient="split", precise_float=True)
        return Kalibratie(
            **meta,
            inloop=inloop,
            backlog_triage_eind=z["backlog_triage_eind"],
            backlog_onderzoek_eind=z["backlog_onderzoek_eind"],
            eindstand=Beginstand(*(z[k] for k in _EINDSTAND)),
        )


# --- projection ---------------------------------------------------------------------------------


def geen_projectie() -> pd.DataFrame:
    """The month table of no scenario: the columns of :func:`projecteer`, no rows."""
    return pd.DataFrame(columns=["scenario", *maandoverzicht_kolommen()])


def _maandtabel(maanden: pd.DataFrame) -> str:
    """A scenario's month table as text: scenarios with the same text give the same queue."""
    return maanden.reset_index(drop=True).round(9).to_json()


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
    piek_m = np.max([d.meldingen for d in dagen.values()], axis=0)
    piek_o = np.max([d.onderzoeken for d in dagen.values()], axis=0)
    r = params.replicaties
    stromen = trek_stromen(piek_m, piek_o, aannames, r, [params.seed, 2])
    servers = (kalibratie.servers_triage, kalibratie.servers_onderzoek)
    tempo = (np.full(r, kalibratie.tempo_triage), np.full(r, kalibratie.tempo_onderzoek))
    begin = kalibratie.eindstand.kolommen(np.arange(r) % kalibratie.replicaties)

    def overzichten(sleutels: list[str]) -> list[pd.DataFrame]:
        uit = []
        for t in sleutels:
            m = tabellen[t]
            eerste = pd.Period(year=int(m["jaar"].iloc[0]), month=int(m["maand"].iloc[0]), freq="M")
            h = simuleer_kolommen(dagen[t], aannames, servers, tempo, stromen, begin)
            uit.append(maandoverzicht(h, eerste))
        return uit

    # Whole scenarios over two processes: each keeps all replications, so the per-case overhead is not
    # paid twice. The result does not depend on it (every scenario is computed the same way).
    sleutels = list(tabellen)
    if len(sleutels) > 1 and _twee_kernen():
        hier, daar = _in_twee_processen(lambda: overzichten(sleutels[0::2]), lambda: overzichten(sleutels[1::2]))
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


def _tabellen_naar_bytes(tabellen: list[pd.DataFrame]) -> bytes:
    """Month overviews as JSON lists of columns: Python writes every float as its shortest exact repr."""
    return json.dumps([{k: t[k].tolist() for k in maandoverzicht_kolommen()} for t in tabellen]).encode("utf-8")


def _tabellen_van_bytes(inhoud: bytes) -> list[pd.DataFrame]:
    tabellen = [pd.DataFrame(t) for t in json.loads(inhoud)]
    for t in tabellen:
        t[t.columns[1:]] = t[t.columns[1:]].astype(float)
    return tabellen


def evenwicht_fte(rijen: pd.DataFrame, normset: Normset, tempo_triage: float, tempo_onderzoek: float) -> pd.Series:
    """Per row (counts and verzuim_pct): the fte at which triage and onderzoek are in balance at the
    calibrated tempi, as :func:`queue_uren` divides the hours; beside the rekentool's fte benodigd
    (tempo 1, no verzuim): the same norm hours, one named factor per queue."""
    uren = {n: p.uren * rijen[p.telling].astype(float) for n, p in normset.producten.items()}
    overig = sum(v for n, v in uren.items() if n not in (TRIAGE, ONDERZOEK))
    queue = uren[TRIAGE] / tempo_triage + uren[ONDERZOEK] / tempo_onderzoek
    return (overig + queue) / (normset.uren_per_fte * (1 - rijen["verzuim_pct"].astype(float) / 100))


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
