"""Wachttijden: a FIFO queue model for triage and onderzoek, calibrated on BURAP II 2024 (issue 5).

The seed ('De oplossingsruimte is beperkt') sets two legal terms: triage within 5 werkdagen and an
onderzoek finished within 10 weken. 'Beleidsindicatoren' gives the realisation at BURAP II 2024
(72% and 71%) and the norms (95% and 85%); Bijlage 1 and 2 give the norm hours and the volumes.
This module turns volumes, fte_beschikbaar and verzuim_pct into waiting times per day.

Model, per replication and per working day ``t`` (all NumPy, vectorised over replications and days):

* Meldingen arrive Poisson with mean ``meldingen / werkdagen_per_jaar`` × the month's seasonal
  multiplier. Each day's cohort carries Binomial(n, onderzoek / meldingen) cases that will need an
  onderzoek (the share is taken against *meldingen*, the cases that arrive, so the expected number
  of onderzoeken per year equals the count in Bijlage 2).
* Both queues are FIFO with a fixed capacity per day (fluid service: a day's capacity may finish a
  fraction of a case). Backlog follows Lindley, ``Q_t = max(0, Q_{t-1} + a_t - c_t)``, written in
  closed form with ``np.minimum.accumulate``; a case is done on the first day that cumulative
  departures reach its place in line (one flattened ``np.searchsorted`` over all replications).
* A case enters the onderzoek queue the day its triage is done; the 10-week clock runs from there
  (the triage besluit) to the onderzoek being finished, so the onderzoek queue holds both the wait
  for an onderzoeker and the onderzoek itself.
* Percentages are by arrival cohort: of the meldingen of a month, the share triaged within 5
  werkdagen; of the onderzoeken started (entering the queue) in a month, the share finished within
  50 werkdagen. Every horizon is simulated with an ``uitloop`` of 50 extra days so that the term of
  the last cohort is observed.

Capacity per day (see :func:`capaciteit`): ``fte_beschikbaar × uren_per_fte / werkdagen_per_jaar ×
(1 − verzuim_pct/100)`` norm hours. Priority rule: the products without a waiting-time norm
(advies, overdracht + ondersteuning, monitoring) are served first at their full norm hours (Bijlage
1, as in the rekentool); the hours left are split between triage and onderzoek in proportion to
their norm hours (``naar_rato``: both queues carry the same relative shortfall, the seed does not
assign the gap of Bijlage 2 to one product), or onderzoek first and the rest to triage
(``onderzoek_eerst``). Hours × an effective-capacity factor / norm hours per case = cases per day.

Calibration (see :func:`kalibreer`): one effective-capacity factor *per queue*, fitted by bisection
so that the base period reproduces both realisations. A factor and not the initial backlog, because
the norm hours leave triage a third short of its demand at BURAP II 2024 (Bijlage 2: gap −11,52 fte);
with that capacity the share within 5 werkdagen drops to nearly 0% within weeks from any start, so
no initial backlog can give 72%. The factor says how much work a norm hour really delivers. One
factor cannot serve both queues: they need different ones to hit 72% and 71% together.

Limits, for the chapter text: (1) strict FIFO without urgent cases jumping the queue, so once the
backlog is more than 5 werkdagen of capacity no melding of that month is on time, and a month
swings from 100% to 0%. (2) The fitted factors depend on the begin backlog of the base year (params
``beginvoorraad_*``, default an empty queue on 1 January). (3) More fte never worsens triage and
never finishes fewer onderzoeken, but the onderzoek *percentage* can dip: when a triage backlog
clears, onderzoeken enter their queue sooner and together, and their 10-week clock starts earlier.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Literal

import numpy as np
import pandas as pd
from pydantic import Field, field_validator

from .data import TELLINGEN, Dataset, Kengetallen, Normset
from .errors import InvoerFout
from .formatting import getal
from .paths import KENGETALLEN_FILE
from .rekentool import fte_beschikbaar as fte_beschikbaar_uit_volumes
from .schema import Strikt

# A working year: 52 weeks × 5 days minus 8 public holidays (Dutch average); 21 per month.
WERKDAGEN_PER_JAAR = 252
# 'De oplossingsruimte is beperkt': "een eerste beoordeling/triage binnen 5 werkdagen".
TRIAGE_TERMIJN_WERKDAGEN = 5
# Same section: "een onderzoek binnen 10 weken afgerond"; 10 weeks of 5 working days.
ONDERZOEK_TERMIJN_WERKDAGEN = 10 * 5
# Days simulated past a horizon so that every cohort's term is observed.
UITLOOP_WERKDAGEN = max(TRIAGE_TERMIJN_WERKDAGEN, ONDERZOEK_TERMIJN_WERKDAGEN)
# Products with their own queue; every other product of a normset is served first.
TRIAGE, ONDERZOEK = "triage", "onderzoek"

_EPS = 1e-6  # float slack (in cases) when comparing cumulative (fluid) departures with a place in line


# --- params -------------------------------------------------------------------------------------


class WachttijdenParams(Strikt):
    """The ``wachttijden`` section of a run's params: simulation size, calendar and verzuim."""

    replicaties: int = Field(1000, ge=500, le=100_000, description="aantal replicaties (Monte Carlo)")
    seed: int = Field(2024, ge=0, description="startwaarde van de toevalsgenerator: zelfde seed, zelfde cijfers")
    werkdagen_per_jaar: int = Field(WERKDAGEN_PER_JAAR, ge=200, le=261)
    seizoensprofiel: list[Annotated[float, Field(gt=0)]] | None = Field(
        None,
        min_length=12,
        max_length=12,
        description="12 maandfactoren op de instroom van meldingen, gemiddeld 1; leeg is vlak",
    )
    verzuim_pct: float | None = Field(
        None, ge=0, le=100, description="verzuim in de projectie; leeg is het verzuim van het basisjaar"
    )
    verzuim_scenario_pct: float | None = Field(
        None,
        ge=0,
        le=100,
        description="verzuim in het verzuimscenario; leeg is het verzuim van het jaar vóór het basisjaar",
    )
    capaciteitsverdeling: Literal["naar_rato", "onderzoek_eerst"] = "naar_rato"
    beginvoorraad_triage: float = Field(
        0, ge=0, description="meldingen in de triagewachtrij bij de start van het basisjaar"
    )
    beginvoorraad_onderzoek: float = Field(
        0, ge=0, description="onderzoeken in de wachtrij bij de start van het basisjaar"
    )
    kalibratie_tolerantie_pp: float = Field(
        0.1, gt=0, le=1, description="toegestane afwijking van de kalibratie in procentpunt"
    )

    @field_validator("seizoensprofiel")
    @classmethod
    def _gemiddeld_een(cls, profiel: list[float] | None) -> list[float] | None:
        if profiel is not None and abs(float(np.mean(profiel)) - 1) > 0.01:
            raise ValueError(f"het gemiddelde is {np.mean(profiel):.3f}, verwacht 12 maandfactoren met gemiddelde 1")
        return profiel


# --- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JaarInvoer:
    """One simulated year: the six counts of Bijlage 2, the fte available and the verzuim."""

    jaar: int
    tellingen: Mapping[str, float]
    fte_beschikbaar: float
    verzuim_pct: float


@dataclass(frozen=True)
class Scenario:
    """A named projection: one :class:`JaarInvoer` per year, simulated back to back."""

    naam: str
    jaren: tuple[JaarInvoer, ...]


def jaar_uit_volumes(
    rij: Mapping, verzuim_pct: float, jaar: int | None = None, fte_beschikbaar: float | None = None
) -> JaarInvoer:
    """A :class:`JaarInvoer` from a row of ``volumes.csv``; fte default: structural + incidental."""
    fte = (
        fte_beschikbaar
        if fte_beschikbaar is not None
        else float(rij["fte_structureel"]) + float(rij["fte_incidenteel"])
    )
    return JaarInvoer(
        jaar=int(jaar if jaar is not None else rij["jaar"]),
        tellingen={t: float(rij[t]) for t in TELLINGEN},
        fte_beschikbaar=float(fte),
        verzuim_pct=float(verzuim_pct),
    )


def scenario_uit_frame(
    naam: str, frame: pd.DataFrame, fte_beschikbaar: Mapping[int, float] | None = None, verzuim_pct: float | None = None
) -> Scenario:
    """A :class:`Scenario` from a table with one row per year (column ``jaar`` and the six counts).

    Counts may be fractional (a prognosis). ``fte_beschikbaar`` and ``verzuim_pct`` come from columns
    of that name when present, else from the arguments (fte per year, one verzuim for all years).
    """
    jaren = []
    for _, rij in frame.sort_values("jaar").iterrows():
        jaar = int(rij["jaar"])
        fte = rij["fte_beschikbaar"] if "fte_beschikbaar" in rij else (fte_beschikbaar or {}).get(jaar)
        verzuim = rij["verzuim_pct"] if "verzuim_pct" in rij else verzuim_pct
        if fte is None or verzuim is None:
            raise ValueError(f"scenario {naam!r}, jaar {jaar}: fte_beschikbaar of verzuim_pct ontbreekt")
        jaren.append(JaarInvoer(jaar, {t: float(rij[t]) for t in TELLINGEN}, float(fte), float(verzuim)))
    return Scenario(naam, tuple(jaren))


def _volumerij(dataset: Dataset, periode: str) -> pd.Series:
    rijen = dataset.volumes[dataset.volumes["periode"] == periode]
    if rijen.empty:
        raise KeyError(f"periode {periode!r} staat niet in volumes.csv")
    return rijen.iloc[0]


def verzuim_basis_pct(kengetallen: Kengetallen, basisjaar: int, params: WachttijdenParams) -> float:
    """Verzuim for the projection: the params value, else the base year's (seed: 7% in 2024)."""
    return params.verzuim_pct if params.verzuim_pct is not None else kengetallen.verzuim_pct[basisjaar].waarde


def verzuim_scenario_pct(kengetallen: Kengetallen, basisjaar: int, params: WachttijdenParams) -> float:
    """Verzuim of the 'verzuim back up' scenario: params, else the year before the base (14% in 2023).

    The seed warns that verzuim may 'weer stevig stijgen' under pressure; the level before the 2024
    drop is the natural test.
    """
    if params.verzuim_scenario_pct is not None:
        return params.verzuim_scenario_pct
    return kengetallen.verzuim_pct[basisjaar - 1].waarde


def standaard_scenarios(
    dataset: Dataset, params: WachttijdenParams, besluit_periode: str, peilmoment: str, jaren: Sequence[int]
) -> list[Scenario]:
    """Three projections for 2025–2026 with fte_beschikbaar per year from the kengetallen.

    * ``Besluit AB``: the counts of the AB decision (Bijlage 2). The seed prints no counts for 2026,
      so 2026 keeps the 2025 counts while fte drop to 58,90 (Aanleiding; B. Terugdringen).
    * ``Besluit AB, verzuim …%``: the same with verzuim back at the pre-2024 level.
    * ``Instroom <peilmoment> aanhoudend``: the counts of the peilmoment (no reduction of meldingen).
    """
    kg = dataset.kengetallen
    basisjaar = int(_volumerij(dataset, peilmoment)["jaar"])
    verzuim, verzuim_hoog = verzuim_basis_pct(kg, basisjaar, params), verzuim_scenario_pct(kg, basisjaar, params)

    def scenario(naam: str, periode: str, verzuim_pct: float) -> Scenario:
        rij = _volumerij(dataset, periode)
        return Scenario(
            naam,
            tuple(
                jaar_uit_volumes(rij, verzuim_pct, jaar=j, fte_beschikbaar=kg.fte_beschikbaar[j].waarde) for j in jaren
            ),
        )

    return [
        scenario("Besluit AB", besluit_periode, verzuim),
        scenario(
            f"Besluit AB, verzuim {getal(verzuim_hoog, 1 if verzuim_hoog % 1 else 0)}%", besluit_periode, verzuim_hoog
        ),
        scenario(f"Instroom {peilmoment} aanhoudend", peilmoment, verzuim),
    ]


# --- capacity -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Capaciteit:
    """Norm hours per working day for the two queues, and the norm hours per case."""

    triage_uren_per_dag: float
    onderzoek_uren_per_dag: float
    triage_uren_per_melding: float
    onderzoek_uren_per_onderzoek: float
    aandeel_onderzoek: float  # onderzoeken per melding

    def triage_per_dag(self, factor: float) -> float:
        """Meldingen triaged per day at an effective-capacity factor."""
        return self.triage_uren_per_dag * factor / self.triage_uren_per_melding

    def onderzoek_per_dag(self, factor: float) -> float:
        """Onderzoeken finished per day at an effective-capacity factor."""
        return self.onderzoek_uren_per_dag * factor / self.onderzoek_uren_per_onderzoek


def netto_uren_per_dag(
    fte_beschikbaar: float, verzuim_pct: float, uren_per_fte: float, werkdagen_per_jaar: int = WERKDAGEN_PER_JAAR
) -> float:
    """Norm hours available per working day: fte × productive hours (normset) × (1 − verzuim)."""
    return fte_beschikbaar * uren_per_fte / werkdagen_per_jaar * (1 - verzuim_pct / 100)


def capaciteit(
    jaar: JaarInvoer,
    normset: Normset,
    werkdagen_per_jaar: int = WERKDAGEN_PER_JAAR,
    verdeling: Literal["naar_rato", "onderzoek_eerst"] = "naar_rato",
) -> Capaciteit:
    """Hours per day for triage and onderzoek after the other products (module docstring: priority rule).

    Triage hours per melding are the triage norm × its count / meldingen: the rekentool applies the
    16 hours to *Overdragen* (normen.yaml), and this keeps the yearly triage hours of the rekentool.
    """
    producten = normset.producten
    if TRIAGE not in producten or ONDERZOEK not in producten:
        raise KeyError(f"normset {normset.naam!r} mist product {TRIAGE!r} of {ONDERZOEK!r}")
    t = jaar.tellingen
    if t["meldingen"] <= 0 or t[ONDERZOEK] <= 0:
        raise ValueError(f"jaar {jaar.jaar}: meldingen en onderzoek moeten groter dan 0 zijn")
    vraag = {naam: norm.uren * t[norm.telling] / werkdagen_per_jaar for naam, norm in producten.items()}
    overig = sum(uren for naam, uren in vraag.items() if naam not in (TRIAGE, ONDERZOEK))
    rest = max(
        0.0,
        netto_uren_per_dag(jaar.fte_beschikbaar, jaar.verzuim_pct, normset.uren_per_fte, werkdagen_per_jaar) - overig,
    )
    if verdeling == "naar_rato":
        onderzoek_uren = rest * vraag[ONDERZOEK] / (vraag[TRIAGE] + vraag[ONDERZOEK])
    elif verdeling == "onderzoek_eerst":
        onderzoek_uren = min(rest, vraag[ONDERZOEK])
    else:
        raise ValueError(f"onbekende capaciteitsverdeling {verdeling!r}")
    return Capaciteit(
        triage_uren_per_dag=rest - onderzoek_uren,
        onderzoek_uren_per_dag=onderzoek_uren,
        triage_uren_per_melding=vraag[TRIAGE] * werkdagen_per_jaar / t["meldingen"],
        onderzoek_uren_per_onderzoek=vraag[ONDERZOEK] * werkdagen_per_jaar / t[ONDERZOEK],
        aandeel_onderzoek=t[ONDERZOEK] / t["meldingen"],
    )


# --- day series ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Dagreeks:
    """Per working day of a horizon: mean arrivals, capacities (cases/day), onderzoek share, month."""

    meldingen_per_dag: np.ndarray
    triage_per_dag: np.ndarray
    onderzoek_per_dag: np.ndarray
    aandeel_onderzoek: np.ndarray
    maand: np.ndarray  # 'JJJJ-MM' per day


def maand_van_dag(werkdagen_per_jaar: int = WERKDAGEN_PER_JAAR) -> np.ndarray:
    """Month index 0–11 of each working day of a year (21 days a month at 252 days)."""
    return np.arange(werkdagen_per_jaar) * 12 // werkdagen_per_jaar


def dagreeks(
    jaren: Sequence[JaarInvoer],
    normset: Normset,
    params: WachttijdenParams,
    factor_triage: float,
    factor_onderzoek: float,
) -> Dagreeks:
    """The day series of consecutive years; arrivals follow the seasonal profile (flat if none)."""
    wd = params.werkdagen_per_jaar
    maand_idx = maand_van_dag(wd)
    profiel = np.ones(12) if params.seizoensprofiel is None else np.asarray(params.seizoensprofiel, float)
    profiel = profiel / profiel.mean()
    delen = {k: [] for k in ("lam", "cap_t", "cap_o", "p", "maand")}
    for jaar in jaren:
        cap = capaciteit(jaar, normset, wd, params.capaciteitsverdeling)
        delen["lam"].append(jaar.tellingen["meldingen"] / wd * profiel[maand_idx])
        delen["cap_t"].append(np.full(wd, cap.triage_per_dag(factor_triage)))
        delen["cap_o"].append(np.full(wd, cap.onderzoek_per_dag(factor_onderzoek)))
        delen["p"].append(np.full(wd, cap.aandeel_onderzoek))
        delen["maand"].append(np.array([f"{jaar.jaar}-{m + 1:02d}" for m in maand_idx]))
    c = {k: np.concatenate(v) for k, v in delen.items()}
    return Dagreeks(c["lam"], c["cap_t"], c["cap_o"], c["p"], c["maand"])


# --- the queue core -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Beginstand:
    """Backlog per replication at the start of a horizon (triage: meldingen, onderzoek: onderzoeken)."""

    triage: np.ndarray
    onderzoek: np.ndarray

    @classmethod
    def vol(cls, replicaties: int, triage: float = 0.0, onderzoek: float = 0.0) -> Beginstand:
        return cls(np.full(replicaties, float(triage)), np.full(replicaties, float(onderzoek)))


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Wachtrijresultaat:
    """Per replication (rows) and working day (columns) of the horizon.

    Counts are per day (not cumulative); ``wacht_*`` is the wait in werkdagen of the last case of the
    day's cohort (of the case ahead if the cohort is empty). ``eindstand``
    is the backlog at the horizon's last day, the start of what follows.
    """

    maand: np.ndarray
    meldingen: np.ndarray
    triage_binnen_termijn: np.ndarray
    backlog_triage: np.ndarray
    wacht_triage_werkdagen: np.ndarray
    onderzoek_instroom: np.ndarray
    onderzoek_binnen_termijn: np.ndarray
    backlog_onderzoek: np.ndarray
    wacht_onderzoek_werkdagen: np.ndarray
    eindstand: Beginstand
    onderzoek_afgerond: np.ndarray = field(repr=False)  # cumulative, per replication and day

    @property
    def aandeel_triage_binnen_termijn(self) -> np.ndarray:
        """Share of each day's meldingen triaged within 5 werkdagen (NaN on a day without meldingen)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.meldingen > 0, self.triage_binnen_termijn / self.meldingen, np.nan)

    @property
    def aandeel_onderzoek_binnen_termijn(self) -> np.ndarray:
        """Share of each day's new onderzoeken finished within 10 weken (NaN without new onderzoeken)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(
                self.onderzoek_instroom > _EPS, self.onderzoek_binnen_termijn / self.onderzoek_instroom, np.nan
            )

    def pct_triage(self) -> float:
        """Share of all meldingen of the horizon triaged within term, pooled over replications (%)."""
        return 100 * self.triage_binnen_termijn.sum() / self.meldingen.sum()

    def pct_onderzoek(self) -> float:
        """Share of all onderzoeken started in the horizon finished within term, pooled (%)."""
        return 100 * self.onderzoek_binnen_termijn.sum() / self.onderzoek_instroom.sum()


def _row_offsets(waarden: np.ndarray) -> np.ndarray:
    """Per-row offsets that make row-wise nondecreasing rows one nondecreasing flat array."""
    breedte = float(np.max(waarden, initial=0.0)) + 1.0
    return (np.arange(waarden.shape[0]) * breedte)[:, None]


def _searchsorted_rows(cumulatief: np.ndarray, sleutels: np.ndarray) -> np.ndarray:
    """Per row, the first column where ``cumulatief`` reaches ``sleutels`` (ncols if never).

    One flat ``np.searchsorted`` over all rows: adding a row offset larger than any value keeps
    the flattened array sorted and keeps each key inside its own row.
    """
    r, t = cumulatief.shape
    off = _row_offsets(np.maximum(cumulatief, sleutels))
    idx = np.searchsorted((cumulatief + off).ravel(), (sleutels + off).ravel(), side="left").reshape(sleutels.shape)
    return idx - (np.arange(r) * t)[:, None]


def _interp_rows(x: np.ndarray, xp: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """Row-wise linear interpolation (``xp`` nondecreasing per row), as one flat ``np.interp``."""
    off = _row_offsets(np.maximum(xp, x.max(axis=1, keepdims=True)))
    return np.interp((x + off).ravel(), (xp + off).ravel(), fp.ravel()).reshape(x.shape)


def _lindley(instroom: np.ndarray, cap: np.ndarray, begin: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Backlog ``Q_t = max(0, Q_{t-1} + a_t − c_t)`` and cumulative departures, in closed form.

    With ``X_t = Q_0 + Σ(a − c)``: ``Q_t = X_t − min(0, min_{s≤t} X_s)``. Departures count the begin
    backlog first: place ``k`` in line is done once departures reach ``k``.
    """
    aankomst = begin[:, None] + np.cumsum(instroom, axis=1)
    x = begin[:, None] + np.cumsum(instroom - cap, axis=1)
    backlog = x - np.minimum(np.minimum.accumulate(x, axis=1), 0.0)
    return backlog, aankomst - backlog


def _binnen_termijn(vertrek: np.ndarray, voor: np.ndarray, instroom: np.ndarray, termijn: int) -> np.ndarray:
    """Cases of each day's cohort done within ``termijn`` days: exact for FIFO, no per-case loop."""
    t = vertrek.shape[1]
    kolom = np.minimum(np.arange(t) + termijn, t - 1)
    return np.clip(vertrek[:, kolom] - voor, 0.0, instroom)


def _wacht_werkdagen(vertrek: np.ndarray, laatste: np.ndarray, cap_laatst: float) -> np.ndarray:
    """Werkdagen until place ``laatste`` in line is done, per day.

    A case still waiting at the end of the run is done ``(laatste − vertrek_end) / cap`` days later:
    exact under the uitloop's assumption that capacity stays at its last value, because a queue that
    still holds the case departs exactly ``cap`` per day.
    """
    t = vertrek.shape[1]
    dag_klaar = _searchsorted_rows(vertrek, laatste - _EPS).astype(float)
    open_ = dag_klaar >= t
    if open_.any():
        rest = (laatste - vertrek[:, -1:] - _EPS).clip(min=0.0)
        with np.errstate(divide="ignore"):
            later = (t - 1) + np.ceil(rest / cap_laatst) if cap_laatst > 0 else np.full(rest.shape, np.inf)
        dag_klaar = np.where(open_, later, dag_klaar)
    return np.maximum(dag_klaar - np.arange(t), 0.0)


def _trek_instroom(
    lam: np.ndarray, p: np.ndarray, replicaties: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Poisson meldingen per day and, per cohort, Binomial(n, p) of them needing an onderzoek."""
    meldingen = rng.poisson(np.broadcast_to(lam, (replicaties, lam.size)))
    return meldingen, rng.binomial(meldingen, p)


def _met_uitloop(reeks: np.ndarray, uitloop: int) -> np.ndarray:
    """A day series extended by ``uitloop`` days at its last value."""
    return np.concatenate([reeks, np.full(uitloop, reeks[-1])])


@dataclass(frozen=True)
class _Triage:
    backlog: np.ndarray
    vertrek: np.ndarray
    voor: np.ndarray  # place in line before each day's cohort
    binnen: np.ndarray
    onderzoek_instroom: np.ndarray


def _triage(
    meldingen: np.ndarray, onderzoek_cohort: np.ndarray, cap: np.ndarray, begin: Beginstand, aandeel_begin: float
) -> _Triage:
    """The triage queue, and the onderzoeken it hands on per day (at the day their triage is done)."""
    meldingen_f = meldingen.astype(float)
    backlog, vertrek = _lindley(meldingen_f, np.broadcast_to(cap, meldingen.shape), begin.triage)
    voor = begin.triage[:, None] + np.cumsum(meldingen_f, axis=1) - meldingen_f
    binnen = _binnen_termijn(vertrek, voor, meldingen_f, TRIAGE_TERMIJN_WERKDAGEN)
    # Onderzoeken handed on: cumulative onderzoek flags along the line, read at the departures.
    r = meldingen.shape[0]
    xp = np.hstack([np.zeros((r, 1)), begin.triage[:, None], voor + meldingen_f])
    fp_begin = begin.triage * aandeel_begin
    fp = np.hstack([np.zeros((r, 1)), fp_begin[:, None], fp_begin[:, None] + np.cumsum(onderzoek_cohort, axis=1)])
    doorgezet = _interp_rows(vertrek, xp, fp)
    onderzoek_instroom = np.diff(doorgezet, axis=1, prepend=0.0)
    return _Triage(backlog, vertrek, voor, binnen, np.maximum(onderzoek_instroom, 0.0))


def _onderzoek(instroom: np.ndarray, cap: np.ndarray, begin: np.ndarray) -> tuple[np.ndarray, ...]:
    """The onderzoek queue: backlog, cumulative departures, place before each cohort, within term."""
    backlog, vertrek = _lindley(instroom, np.broadcast_to(cap, instroom.shape), begin)
    voor = begin[:, None] + np.cumsum(instroom, axis=1) - instroom
    return backlog, vertrek, voor, _binnen_termijn(vertrek, voor, instroom, ONDERZOEK_TERMIJN_WERKDAGEN)


def simuleer(
    reeks: Dagreeks, replicaties: int, rng: np.random.Generator | int, beginstand: Beginstand | None = None
) -> Wachtrijresultaat:
    """Simulate both queues over the day series for ``replicaties`` replications (see module doc).

    The run includes an uitloop of :data:`UITLOOP_WERKDAGEN` at the last day's values so that the
    terms of the last cohorts are observed; returned arrays cover the horizon only.
    """
    rng = np.random.default_rng(rng)
    begin = beginstand or Beginstand.vol(replicaties)
    horizon = reeks.meldingen_per_dag.size
    lam, cap_t, cap_o, p = (
        _met_uitloop(np.asarray(a, float), UITLOOP_WERKDAGEN)
        for a in (reeks.meldingen_per_dag, reeks.triage_per_dag, reeks.onderzoek_per_dag, reeks.aandeel_onderzoek)
    )
    meldingen, onderzoek_cohort = _trek_instroom(lam, p, replicaties, rng)
    tri = _triage(meldingen, onderzoek_cohort, cap_t, begin, float(p[0]))
    backlog_o, vertrek_o, voor_o, binnen_o = _onderzoek(tri.onderzoek_instroom, cap_o, begin.onderzoek)
    h = slice(0, horizon)
    return Wachtrijresultaat(
        maand=np.asarray(reeks.maand),
        meldingen=meldingen[:, h],
        triage_binnen_termijn=tri.binnen[:, h],
        backlog_triage=tri.backlog[:, h],
        wacht_triage_werkdagen=_wacht_werkdagen(tri.vertrek, tri.voor + meldingen, float(cap_t[-1]))[:, h],
        onderzoek_instroom=tri.onderzoek_instroom[:, h],
        onderzoek_binnen_termijn=binnen_o[:, h],
        backlog_onderzoek=backlog_o[:, h],
        wacht_onderzoek_werkdagen=_wacht_werkdagen(vertrek_o, voor_o + tri.onderzoek_instroom, float(cap_o[-1]))[:, h],
        eindstand=Beginstand(tri.backlog[:, horizon - 1].copy(), backlog_o[:, horizon - 1].copy()),
        onderzoek_afgerond=vertrek_o[:, h] - begin.onderzoek[:, None],
    )


# --- months and norms ---------------------------------------------------------------------------


def _q(a: np.ndarray, q: float) -> np.ndarray:
    """Quantile over replications (axis 0), ignoring months without cases (NaN when no replication has one)."""
    if np.isnan(a).any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN month is a month without cases
            return np.nanquantile(a, q, axis=0)
    return np.quantile(a, q, axis=0)


def maandoverzicht(res: Wachtrijresultaat) -> pd.DataFrame:
    """Per month: medians over replications and p5/p95 bands for the fan charts.

    Percentages are per replication pooled over the month's cohorts, then summarised over
    replications; backlog is the stock at the month's last working day; ``wacht_*`` are the median
    and p90 of the month's cohort waits per replication, then the median over replications.
    """
    maanden, start = np.unique(res.maand, return_index=True)
    volgorde = np.argsort(start)
    maanden, start = maanden[volgorde], start[volgorde]
    eind = np.append(start[1:], res.maand.size) - 1
    som = lambda a: np.add.reduceat(a, start, axis=1)  # noqa: E731
    with np.errstate(invalid="ignore", divide="ignore"):
        pct_t = 100 * som(res.triage_binnen_termijn) / som(res.meldingen)
        instroom_o = som(res.onderzoek_instroom)
        pct_o = np.where(instroom_o > _EPS, 100 * som(res.onderzoek_binnen_termijn) / instroom_o, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # months where no case is triaged: NaN, not noise
        wacht = np.stack(
            [
                np.quantile(res.wacht_triage_werkdagen[:, s : e + 1], [0.5, 0.9], axis=1)
                for s, e in zip(start, eind, strict=True)
            ],
            axis=2,
        )
    backlog, backlog_o = res.backlog_triage[:, eind], res.backlog_onderzoek[:, eind]
    return pd.DataFrame(
        {
            "maand": maanden,
            "meldingen": som(res.meldingen).mean(axis=0),
            "pct_triage_binnen_5_werkdagen": _q(pct_t, 0.5),
            "pct_triage_binnen_5_werkdagen_p5": _q(pct_t, 0.05),
            "pct_triage_binnen_5_werkdagen_p95": _q(pct_t, 0.95),
            "pct_onderzoek_binnen_10_weken": _q(pct_o, 0.5),
            "pct_onderzoek_binnen_10_weken_p5": _q(pct_o, 0.05),
            "pct_onderzoek_binnen_10_weken_p95": _q(pct_o, 0.95),
            "backlog_mediaan": _q(backlog, 0.5),
            "backlog_p5": _q(backlog, 0.05),
            "backlog_p95": _q(backlog, 0.95),
            "backlog_onderzoek_mediaan": _q(backlog_o, 0.5),
            "wacht_mediaan_werkdagen": _q(wacht[0], 0.5),
            "wacht_p90_werkdagen": _q(wacht[1], 0.5),
            "wacht_p90_werkdagen_p5": _q(wacht[1], 0.05),
            "wacht_p90_werkdagen_p95": _q(wacht[1], 0.95),
        }
    )


def maandoverzichten(projectie: Mapping[str, Wachtrijresultaat]) -> pd.DataFrame:
    """:func:`maandoverzicht` of every scenario, stacked, with a ``scenario`` column first."""
    return pd.concat([maandoverzicht(res).assign(scenario=naam) for naam, res in projectie.items()], ignore_index=True)[
        ["scenario", *maandoverzicht_kolommen()]
    ]


def maandoverzicht_kolommen() -> list[str]:
    return [
        "maand",
        "meldingen",
        "pct_triage_binnen_5_werkdagen",
        "pct_triage_binnen_5_werkdagen_p5",
        "pct_triage_binnen_5_werkdagen_p95",
        "pct_onderzoek_binnen_10_weken",
        "pct_onderzoek_binnen_10_weken_p5",
        "pct_onderzoek_binnen_10_weken_p95",
        "backlog_mediaan",
        "backlog_p5",
        "backlog_p95",
        "backlog_onderzoek_mediaan",
        "wacht_mediaan_werkdagen",
        "wacht_p90_werkdagen",
        "wacht_p90_werkdagen_p5",
        "wacht_p90_werkdagen_p95",
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

    'Met' is the median month (over replications) at or above the norm from that month up to the
    end of the horizon, so a single lucky month does not count.
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
    """:func:`normmoment` per scenario of a stacked table (:func:`maandoverzichten`)."""
    return pd.DataFrame(
        [{"scenario": naam, **normmoment(groep, kengetallen)} for naam, groep in tabel.groupby("scenario", sort=False)]
    )


# --- calibration --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Kalibratie:
    """The fitted effective-capacity factors and what they achieve in the base period."""

    basisperiode: str
    basisjaar: int
    normset: str
    factor_triage: float
    factor_onderzoek: float
    pct_triage_binnen_5_werkdagen: float
    pct_onderzoek_binnen_10_weken: float
    doel_triage_pct: float
    doel_onderzoek_pct: float
    fte_beschikbaar: float
    verzuim_pct: float
    replicaties: int
    seed: int
    basis: Wachtrijresultaat = field(repr=False)

    @property
    def eindstand(self) -> Beginstand:
        """Backlog per replication at the end of the base period: the start of the projection."""
        return self.basis.eindstand

    def record(self) -> dict:
        """JSON-ready summary for results.json (``kalibratie``)."""
        return {
            "basisperiode": self.basisperiode,
            "basisjaar": self.basisjaar,
            "normset": self.normset,
            "factor_triage": self.factor_triage,
            "factor_onderzoek": self.factor_onderzoek,
            "pct_triage_binnen_5_werkdagen": self.pct_triage_binnen_5_werkdagen,
            "pct_onderzoek_binnen_10_weken": self.pct_onderzoek_binnen_10_weken,
            "doel_triage_pct": self.doel_triage_pct,
            "doel_onderzoek_pct": self.doel_onderzoek_pct,
            "fte_beschikbaar": self.fte_beschikbaar,
            "verzuim_pct": self.verzuim_pct,
            "backlog_triage_eind_mediaan": float(np.median(self.eindstand.triage)),
            "backlog_onderzoek_eind_mediaan": float(np.median(self.eindstand.onderzoek)),
            "replicaties": self.replicaties,
            "seed": self.seed,
        }


def bisect_factor(
    pct, doel: float, tolerantie_pp: float, laag: float = 1 / 64, hoog: float = 64.0, max_iter: int = 60
) -> float:
    """The factor where the nondecreasing ``pct(factor)`` hits ``doel``: bisection in log space.

    ``pct`` is nondecreasing because replications reuse the same arrivals (common random numbers)
    and more capacity never makes a FIFO case later.
    """
    if pct(laag) > doel or pct(hoog) < doel:
        raise ValueError(f"doel {doel}% ligt buiten het bereik van factor {laag}–{hoog}")
    for _ in range(max_iter):
        midden = float(np.sqrt(laag * hoog))
        waarde = pct(midden)
        if abs(waarde - doel) <= tolerantie_pp:
            return midden
        laag, hoog = (midden, hoog) if waarde < doel else (laag, midden)
    return float(np.sqrt(laag * hoog))


def _onbereikbaar(dataset: Dataset, kengetal: str, doel: float, basisperiode: str) -> InvoerFout:
    """A calibration target no capacity factor reaches: the input figures contradict each other."""
    return InvoerFout(
        dataset.map / KENGETALLEN_FILE,
        f"sleutel {kengetal}.waarde",
        f"{doel!r}% is met de volumes, de formatie en het verzuim van {basisperiode!r} niet te bereiken "
        "(kalibratie van het wachtrijmodel); controleer deze cijfers",
    )


def kalibreer(dataset: Dataset, params: WachttijdenParams, basisperiode: str, normset: str) -> Kalibratie:
    """Fit one effective-capacity factor per queue so the base period gives 72% and 71%.

    Base period: one year of the counts and fte (structural + incidental, 62,57 at BURAP 2 2024) of
    ``basisperiode`` with the verzuim of its year (7% in 2024), starting from the params' begin
    backlog (default empty). Triage is fitted first (it does not depend on onderzoek), then
    onderzoek given the fitted triage. Both use the same arrivals (params.seed), so the achieved
    percentages are exact for the returned factors.
    """
    kg, ns = dataset.kengetallen, dataset.normen.normsets[normset]
    rij = _volumerij(dataset, basisperiode)
    basisjaar = int(rij["jaar"])
    fte = float(fte_beschikbaar_uit_volumes(rij.to_frame().T).iloc[0])
    jaar = jaar_uit_volumes(rij, kg.verzuim_pct[basisjaar].waarde, fte_beschikbaar=fte)
    doel_t = kg.triage_binnen_5_werkdagen_realisatie_pct.waarde
    doel_o = kg.onderzoek_binnen_10_weken_realisatie_pct.waarde
    r, horizon = params.replicaties, params.werkdagen_per_jaar

    reeks = dagreeks([jaar], ns, params, 1.0, 1.0)
    cap = capaciteit(jaar, ns, horizon, params.capaciteitsverdeling)
    lam, p = (_met_uitloop(a, UITLOOP_WERKDAGEN) for a in (reeks.meldingen_per_dag, reeks.aandeel_onderzoek))
    rng = np.random.default_rng([params.seed, 0])
    meldingen, onderzoek_cohort = _trek_instroom(lam, p, r, rng)
    begin = Beginstand.vol(r, params.beginvoorraad_triage, params.beginvoorraad_onderzoek)
    totaal_meldingen = meldingen[:, :horizon].sum()

    def triage_bij(factor: float) -> _Triage:
        return _triage(meldingen, onderzoek_cohort, cap.triage_per_dag(factor), begin, cap.aandeel_onderzoek)

    try:
        factor_t = bisect_factor(
            lambda f: 100 * triage_bij(f).binnen[:, :horizon].sum() / totaal_meldingen,
            doel_t,
            params.kalibratie_tolerantie_pp,
        )
    except ValueError:
        raise _onbereikbaar(dataset, "triage_binnen_5_werkdagen_realisatie_pct", doel_t, basisperiode) from None
    instroom = triage_bij(factor_t).onderzoek_instroom
    totaal_o = instroom[:, :horizon].sum()

    def pct_onderzoek(factor: float) -> float:
        binnen = _onderzoek(instroom, cap.onderzoek_per_dag(factor), begin.onderzoek)[3]
        return 100 * binnen[:, :horizon].sum() / totaal_o

    try:
        factor_o = bisect_factor(pct_onderzoek, doel_o, params.kalibratie_tolerantie_pp)
    except ValueError:
        raise _onbereikbaar(dataset, "onderzoek_binnen_10_weken_realisatie_pct", doel_o, basisperiode) from None
    basis = simuleer(
        dagreeks([jaar], ns, params, factor_t, factor_o), r, np.random.default_rng([params.seed, 0]), begin
    )
    return Kalibratie(
        basisperiode=basisperiode,
        basisjaar=basisjaar,
        normset=normset,
        factor_triage=factor_t,
        factor_onderzoek=factor_o,
        pct_triage_binnen_5_werkdagen=float(basis.pct_triage()),
        pct_onderzoek_binnen_10_weken=float(basis.pct_onderzoek()),
        doel_triage_pct=doel_t,
        doel_onderzoek_pct=doel_o,
        fte_beschikbaar=fte,
        verzuim_pct=jaar.verzuim_pct,
        replicaties=r,
        seed=params.seed,
        basis=basis,
    )


# --- projection ---------------------------------------------------------------------------------


def projecteer(
    scenarios: Sequence[Scenario], kalibratie: Kalibratie, normset: Normset, params: WachttijdenParams
) -> dict[str, Wachtrijresultaat]:
    """Simulate each scenario from the calibrated end state of the base period, by working day.

    Every scenario uses the same random stream (common random numbers), so differences between
    scenarios come from the scenarios, not from chance; replication ``i`` starts from the backlog of
    replication ``i`` of the base run.
    """
    if params.replicaties != kalibratie.replicaties:
        raise ValueError(f"replicaties {params.replicaties} ≠ {kalibratie.replicaties} van de kalibratie")
    return {
        s.naam: simuleer(
            dagreeks(s.jaren, normset, params, kalibratie.factor_triage, kalibratie.factor_onderzoek),
            params.replicaties,
            np.random.default_rng([params.seed, 1]),
            kalibratie.eindstand,
        )
        for s in scenarios
    }


def scenarios_uit_vergelijking(vergelijking: pd.DataFrame, verzuim_pct: float) -> list[Scenario]:
    """One queue scenario per named scenario of the comparison (issue 4), in its order.

    Each year carries the counts after C and B and the fte available including A's extra fte, so
    the legal terms are projected for exactly the scenarios the board compares.
    """
    return [
        scenario_uit_frame(str(naam), groep, verzuim_pct=verzuim_pct)
        for naam, groep in vergelijking.groupby("naam", sort=False)
    ]


def met_verzuim(scenario: Scenario, verzuim_pct: float) -> Scenario:
    """The same scenario with another verzuim (the seed warns verzuim may rise again under pressure)."""
    naam = f"{scenario.naam}, verzuim {getal(verzuim_pct, 1 if verzuim_pct % 1 else 0)}%"
    return Scenario(
        naam, tuple(JaarInvoer(j.jaar, j.tellingen, j.fte_beschikbaar, verzuim_pct) for j in scenario.jaren)
    )


def wachttijden_van_run(run, vergelijking: pd.DataFrame) -> tuple[Kalibratie, pd.DataFrame]:
    """Calibrate on the run's peilmoment and project every compared scenario, plus the first one
    with verzuim back at the level before the base year; returns the calibration and month table."""
    p, d = run.params, run.data
    w = p.wachttijden
    kal = kalibreer(d, w, p.peilmoment, p.normset)
    basisjaar = int(_volumerij(d, p.peilmoment)["jaar"])
    scenarios = scenarios_uit_vergelijking(vergelijking, verzuim_basis_pct(d.kengetallen, basisjaar, w))
    if scenarios:
        scenarios.append(met_verzuim(scenarios[0], verzuim_scenario_pct(d.kengetallen, basisjaar, w)))
    projectie = projecteer(scenarios, kal, d.normen.normsets[p.normset], w)
    return kal, maandoverzichten(projectie)


RESULTS_KOLOMMEN = (
    "scenario",
    "maand",
    "pct_triage_binnen_5_werkdagen",
    "pct_onderzoek_binnen_10_weken",
    "backlog_mediaan",
    "wacht_p90_werkdagen",
)


def results_records(tabel: pd.DataFrame, kalibratie: Kalibratie) -> dict:
    """``{"wachttijden": [...], "kalibratie": {...}}`` for results.json, floats unrounded.

    ``tabel`` is the stacked month table of :func:`maandoverzichten`.
    """
    # NaN (a month in which no case finished) is null: results.json is strict JSON.
    records = [
        {k: (None if isinstance(v, float) and v != v else v) for k, v in rij.items()}
        for rij in (
            {k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()}
            for r in tabel[list(RESULTS_KOLOMMEN)].to_dict(orient="records")
        )
    ]
    return {"wachttijden": records, "kalibratie": kalibratie.record()}
