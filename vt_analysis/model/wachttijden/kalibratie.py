"""Calibration of the queue model: one tempo per queue so that the base year reproduces the measured shares.

The realisaties before the base year and the base year itself are run in from an empty queue, so the state
at the end of the base year carries the backlog that history produced. The tempo is how many norm hours one
hour of work covers (1: the norm hours of the rekentool hold). The projection starts from that state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np
import pandas as pd

from vt_analysis.basis.errors import InvoerFout
from vt_analysis.basis.paths import HISTORIE_FILE, KENGETALLEN_FILE
from vt_analysis.basis.voortgang import meld
from vt_analysis.invoer.data import Dataset
from vt_analysis.model.wachttijden.historie import met_instroom, pas_op_historie, periode_index
from vt_analysis.model.wachttijden.maanden import (
    MAANDEN_PER_JAAR,
    WachttijdenParams,
    dagreeks,
    inloopjaren,
    maanden_uit_jaren,
    medewerkers,
    queue_uren,
    uitgangspunten,
)
from vt_analysis.model.wachttijden.simulatie import simuleer
from vt_analysis.model.wachttijden.stromen import herhaal, trek_stromen
from vt_analysis.model.wachttijden.toestand import Beginstand, Horizon, eindstand, samen

# Replications per candidate tempo in the calibration grid, and the grid itself (relative to 1).
_GRID_REPLICATIES = 16
_GRID = np.geomspace(0.6, 3.0, 8)
# At most this many runs of the root finder on the calibration's replications.
_KALIBRATIE_STAPPEN = 12
# Replications of the calibrated run-in; the projection's replications start from these states in turn.
_KALIBRATIE_REPLICATIES = 250
# The calibration stops within this many percentage points of the measured share.
KALIBRATIE_MARGE_PP = 0.8
# The intervals the model reports: 80%, as the band around the lines (two-sided normal quantile).
INTERVAL_PCT = 80
INTERVAL_Z = NormalDist().inv_cdf(0.5 + INTERVAL_PCT / 200)


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
    # The calibration's uncertainty: the measured shares' own spread (sd in pp), the tempi at the bounds of
    # the interval (INTERVAL_Z standard deviations each side) and the states those tempi leave.
    sigma_triage_pp: float = 0.0
    sigma_onderzoek_pp: float = 0.0
    tempo_triage_laag: float = 0.0
    tempo_triage_hoog: float = 0.0
    tempo_onderzoek_laag: float = 0.0
    tempo_onderzoek_hoog: float = 0.0
    # The base year's share against log tempo at the fit (pp per unit): where a refit of nearly the same inputs starts.
    helling_triage: float = 1.0
    helling_onderzoek: float = 1.0
    eindstand_laag: Beginstand | None = field(default=None, repr=False)
    eindstand_hoog: Beginstand | None = field(default=None, repr=False)
    replicaties: int = 0
    seed: int = 0
    uitgangspunten: dict = field(default_factory=dict)  # the stated assumptions, for the chapter's text

    def variant(self, welke: str) -> tuple[float, float, Beginstand]:
        """Tempi and start state of the fit (``midden``) or of a bound of its interval (``laag``, ``hoog``)."""
        if welke == "midden":
            return self.tempo_triage, self.tempo_onderzoek, self.eindstand
        return (
            getattr(self, f"tempo_triage_{welke}"),
            getattr(self, f"tempo_onderzoek_{welke}"),
            getattr(self, f"eindstand_{welke}"),
        )

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
            "sigma_triage_pp": self.sigma_triage_pp,
            "sigma_onderzoek_pp": self.sigma_onderzoek_pp,
            "factor_triage_laag": self.tempo_triage_laag,
            "factor_triage_hoog": self.tempo_triage_hoog,
            "factor_onderzoek_laag": self.tempo_onderzoek_laag,
            "factor_onderzoek_hoog": self.tempo_onderzoek_hoog,
            "interval_pct": INTERVAL_PCT,
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


def _onbereikbaar(dataset: Dataset, kengetal: str, doel: float, basisperiode: str, jaar: int) -> InvoerFout:
    """A calibration target no tempo reaches: the input figures contradict each other."""
    return InvoerFout(
        dataset.directory / KENGETALLEN_FILE,
        f"sleutel {kengetal}.{jaar}.waarde",
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


def kalibreer(
    dataset: Dataset,
    params: WachttijdenParams,
    basisperiode: str,
    normset: str,
    inloop: bool = True,
    wachtrijen: tuple[bool, bool] = (True, True),
    interval: bool = True,
    warm: Kalibratie | None = None,
) -> Kalibratie:
    """Fit one tempo per queue so that the base year, run in from the first realisatie, gives the
    realised shares (BURAP II 2024: 72% and 71%).

    A grid of tempi runs side by side on the same candidate cases (so the curve is monotone), the
    tempo is interpolated, then refined on all replications by secant steps until it is within
    half a percentage point. The two queues are independent, so both are fitted in the same runs.
    ``inloop`` False starts the base year itself from an empty queue (the start the chapter sets beside).
    ``wachtrijen``: which queues to fit on annual figures (one left out keeps tempo NaN and an empty state: the
    sensitivity refits only the queue an assumption touches); ``interval`` False skips the runs at the bounds;
    ``warm``: a fit of nearly the same inputs whose tempi and slopes the secant steps start from, without the grid.
    """
    aannames = dataset.wachttijden
    kg, ns = dataset.kengetallen, dataset.normen.normsets[normset]
    inloop = inloopjaren(dataset, basisperiode) if inloop else inloopjaren(dataset, basisperiode).iloc[[-1]]
    inloop = inloop.reset_index(drop=True)
    basisjaar = int(inloop["jaar"].iloc[-1])
    maanden = maanden_uit_jaren(inloop)
    term_o = int(aannames.termijn_onderzoek_werkdagen.waarde)
    dagen = dagreeks(maanden, ns, aannames, uitloop=2 * term_o)
    if dataset.historie is not None:  # the measured intake per period replaces the year's volume × profile
        index = periode_index(dataset.historie, maanden, dataset.directory / HISTORIE_FILE)
        dagen = met_instroom(dagen, dataset.historie, index)
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
    stromen = trek_stromen(dagen.meldingen, dagen.onderzoeken, aannames, r, params.seed, doel=0)

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

    historie: dict | None = None
    if dataset.historie is not None:
        meld("wachtrijmodel: kalibratie op de gemeten perioden")
        tempo, se_log, horizon, historie = pas_op_historie(kurve, dataset.historie, index, r)
        # The interval's bounds below are the tempo ± INTERVAL_Z standard errors of the fit.
        sigma = _sigma_doel(inloop.iloc[-1], doel, tuple(horizon), eerste_maand)
        helling = [sigma[i] / max(se_log[i], 1e-9) for i in range(2)]
        gehaald = [float(x[0]) for x in _pct_basisjaar(samen(*horizon), eerste_maand, 1)]
    else:
        tempo, horizon, gehaald, helling = _op_jaarcijfers(
            dataset, kurve, doel, r, kengetal, basisperiode, basisjaar, wachtrijen, warm
        )
    tri, ond = horizon[0], horizon[1]
    leeg = Beginstand.leeg(*servers, r)  # the state of a queue that is not fitted
    eind = eindstand(tri, ond, leeg)
    sigma = _sigma_doel(inloop.iloc[-1], doel, (tri, ond), eerste_maand)
    grens = {
        welke: [float(np.exp(np.log(tempo[i]) + teken * INTERVAL_Z * sigma[i] / helling[i])) for i in range(2)]
        for welke, teken in (("laag", -1), ("hoog", 1))
    }
    grenzen = {"laag": None, "hoog": None}
    if interval and None not in horizon:
        hor, _ = kurve(np.array([grens["laag"], grens["hoog"]]), r)
        for g, w in enumerate(("laag", "hoog")):
            run = hor.kolommen(slice(g * r, (g + 1) * r))
            grenzen[w] = eindstand(run, run, leeg)
    nan = np.full(r, np.nan)
    wachtend_t = nan if tri is None else tri.acuut.wachtend[-1] + tri.regulier.wachtend[-1]
    wachtend_o = nan if ond is None else ond.onderzoek.wachtend[-1]
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
        sigma_triage_pp=sigma[0],
        sigma_onderzoek_pp=sigma[1],
        tempo_triage_laag=grens["laag"][0],
        tempo_triage_hoog=grens["hoog"][0],
        tempo_onderzoek_laag=grens["laag"][1],
        tempo_onderzoek_hoog=grens["hoog"][1],
        helling_triage=helling[0],
        helling_onderzoek=helling[1],
        eindstand_laag=grenzen["laag"],
        eindstand_hoog=grenzen["hoog"],
        replicaties=r,
        seed=params.seed,
        uitgangspunten=uitgangspunten(aannames, params, inloop, ns, tempo) | {"historie": historie},
    )


def _verken(dataset, kurve, doel, kengetal, basisperiode, basisjaar, wachtrijen) -> tuple[list, list, list]:
    """The coarse grid: per queue the bracket (log tempo) around the target, the interpolated tempo and the slope."""
    meld("wachtrijmodel: kalibratie, verkenning van het tempo")
    _, pct = kurve(np.column_stack([_GRID, _GRID]), _GRID_REPLICATIES, wachtrijen)
    log_grid = np.log(_GRID)
    bracket, tempo, helling = [], [], []
    for i in range(2):
        if not wachtrijen[i]:
            bracket.append([log_grid[0], log_grid[-1]])
            tempo.append(float("nan"))
            helling.append(1.0)
            continue
        kurve_i = np.maximum.accumulate(pct[:, i])
        f = _interpoleer(_GRID, kurve_i, doel[i])
        if f is None:
            raise _onbereikbaar(dataset, kengetal[i], doel[i], basisperiode, basisjaar)
        k = int(np.clip(np.searchsorted(_GRID, f), 1, _GRID.size - 1))
        bracket.append([log_grid[k - 1], log_grid[k]])
        tempo.append(f)
        helling.append(max((kurve_i[k] - kurve_i[k - 1]) / (log_grid[k] - log_grid[k - 1]), 1e-6))
    return bracket, tempo, helling


def _op_jaarcijfers(
    dataset, kurve, doel, r, kengetal, basisperiode, basisjaar, wachtrijen=(True, True), warm=None
) -> tuple[list, list, list, list]:
    """The tempo per queue (of ``wachtrijen``) at which the base year gives the measured annual shares: tempi,
    runs, shares, slopes (a queue left out: NaN, None, NaN, 1)."""
    # A coarse grid on few replications brackets the target and gives the curve's slope (the curves are
    # monotone: every tempo runs on the same cases). Then secant steps on the calibration's replications,
    # kept inside the bracket, both queues at once; a queue that is within the margin stops running.
    log_grid = np.log(_GRID)
    if warm is not None:  # nearly the same inputs fitted before: its tempi and slopes, the grid's range
        tempo = [warm.tempo_triage if wachtrijen[0] else np.nan, warm.tempo_onderzoek if wachtrijen[1] else np.nan]
        helling = [max(warm.helling_triage, 1e-6), max(warm.helling_onderzoek, 1e-6)]
        bracket = [[min(log_grid[0], np.log(t)), max(log_grid[-1], np.log(t))] if t > 0 else [0, 0] for t in tempo]
        tempi = np.array([tempo])
    else:
        bracket, tempo, helling = _verken(dataset, kurve, doel, kengetal, basisperiode, basisjaar, wachtrijen)
        # The first run takes each guess a little lower and higher side by side: the local slope on these
        # replications (the curve is an S, steeper at the target than between grid points).
        stap_log = 0.01
        tempi = np.array([[t * np.exp(-stap_log) for t in tempo], [t * np.exp(stap_log) for t in tempo]])
    vorig_punt: list = [None, None]
    horizon: list = [None, None]  # the run of each queue's tempo: triage and onderzoek are independent
    gehaald = [float("nan"), float("nan")]
    nog = list(wachtrijen)
    for stap in range(_KALIBRATIE_STAPPEN):
        meld(f"wachtrijmodel: kalibratie, stap {stap + 1}")
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
            if abs(y - doel[i]) <= KALIBRATIE_MARGE_PP:
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
        raise _onbereikbaar(dataset, kengetal[i], doel[i], basisperiode, basisjaar)
    return tempo, horizon, gehaald, helling


def _sigma_doel(basis: pd.Series, doel: tuple, runs: tuple[Horizon, Horizon], eerste_maand: int) -> list[float]:
    """How uncertain the calibration target is, per queue, in percentage points (standard deviation): the
    measured share is a count of one year's cases (binomial), published in whole percents (rounding: uniform
    over one point), the fit stops within a margin (uniform), and the fitted share is itself a Monte Carlo mean."""
    uit = []
    for i, (aantal, klassen) in enumerate(
        (
            (float(basis["meldingen"]), None if runs[0] is None else (runs[0].acuut, runs[0].regulier)),
            (float(basis["onderzoek"]), None if runs[1] is None else (runs[1].onderzoek,)),
        )
    ):
        if klassen is None:  # a queue not fitted
            uit.append(float("nan"))
            continue
        p = doel[i] / 100
        binomiaal = 100 * np.sqrt(p * (1 - p) / max(aantal, 1))
        tot = sum(k.aantal[eerste_maand:].sum(axis=0) for k in klassen)
        op = sum(k.op_tijd[eerste_maand:].sum(axis=0) for k in klassen)
        per_rep = 100 * op / np.maximum(tot, 1)
        mc = float(np.std(per_rep, ddof=1) / np.sqrt(per_rep.size)) if per_rep.size > 1 else 0.0
        afronding, marge = 1 / np.sqrt(12), 2 * KALIBRATIE_MARGE_PP / np.sqrt(12)
        uit.append(float(np.sqrt(binomiaal**2 + afronding**2 + marge**2 + mc**2)))
    return uit
