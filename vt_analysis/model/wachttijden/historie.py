"""Calibration on measured history (``wachttijden_historie.csv``, optional): per month or quarter and queue,
the intake, the share finished within the term and the number waiting at the period's end.

The run-in then takes the measured intake per period instead of the year's volume × month profile, and the
tempo of each queue is fitted by least squares on every period but the last; the last is held out and the
model's forecast for it is set beside the measurement. A measured period is one path of the process the
model's replications describe, so each residual is weighed by the replications' spread of that figure
(plus the rounding of a published percentage): a month near balance counts less than a settled one.
The tempo's standard error combines the Gauss–Newton one, s² / (JᵀJ) read off the curvature of the sum of
squares (s² at least 1: the weights are the residuals' expected spread), with the fit's own Monte Carlo
error (batch means over its replications) and the last grid's resolution.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from vt_analysis.basis.errors import InvoerFout
from vt_analysis.invoer.data import historie_maanden
from vt_analysis.model.wachttijden.maanden import MAANDEN_PER_JAAR, Dagreeks
from vt_analysis.model.wachttijden.toestand import Horizon

WACHTRIJEN = ("triage", "onderzoek")
# The coarse grid of tempi (relative to 1) and its replications; the fine grid around the best point.
_GRID = np.geomspace(0.5, 3.0, 14)
_GRID_REPLICATIES = 24
_FIJN = 9
_FIJN_REPLICATIES = (48, 120)  # per finer stage
# A published share is rounded to whole percents: uniform over one point.
_AFRONDING_PP = 1 / np.sqrt(12)
# Batches of the last stage's replications for the fit's Monte Carlo error.
_PARTIJEN = 6
_BAND = (10, 90)  # the held-out period's model range: the middle 80% of the replications


def periode_index(historie: pd.DataFrame, maanden: pd.DataFrame, pad) -> dict[str, np.ndarray]:
    """Per history period: the rows of the run-in's month table it covers (an error outside the run-in)."""
    eerste = int(maanden["jaar"].iloc[0]) * MAANDEN_PER_JAAR
    uit = {}
    for periode in historie["periode"].unique():
        jaar, ms = historie_maanden(periode)
        idx = np.array([jaar * MAANDEN_PER_JAAR + m - 1 - eerste for m in ms])
        if idx.min() < 0 or idx.max() >= len(maanden):
            jaren = f"{int(maanden['jaar'].iloc[0])} tot en met {int(maanden['jaar'].iloc[-1])}"
            raise InvoerFout(pad, f"periode {periode!r}", f"valt buiten de inloop van het model, verwacht {jaren}")
        uit[periode] = idx
    return uit


def met_instroom(dagen: Dagreeks, historie: pd.DataFrame, index: dict[str, np.ndarray]) -> Dagreeks:
    """The day series with each period's expected arrivals scaled to the measured intake (the spread over the
    period's days stays as the month profile gives it)."""
    reeksen = {"triage": dagen.meldingen.copy(), "onderzoek": dagen.onderzoeken.copy()}
    for rij in historie.itertuples():
        dag = np.isin(dagen.maand, index[rij.periode]) & (np.arange(dagen.maand.size) < dagen.werkdagen)
        verwacht = float(reeksen[rij.wachtrij][dag].sum())
        if verwacht > 0:
            reeksen[rij.wachtrij][dag] *= rij.instroom / verwacht
        elif rij.instroom > 0:
            reeksen[rij.wachtrij][dag] = rij.instroom / dag.sum()
    return replace(dagen, meldingen=reeksen["triage"], onderzoeken=reeksen["onderzoek"])


def per_periode(h: Horizon, index: dict[str, np.ndarray], wachtrij: int) -> tuple[np.ndarray, np.ndarray]:
    """Per period (rows, in ``index`` order) and replication column: the share (%) of the period's arrivals
    finished within the term (nan without arrivals) and the number waiting at the period's end."""
    klassen = (h.acuut, h.regulier) if wachtrij == 0 else (h.onderzoek,)
    pct, wachtend = [], []
    for idx in index.values():
        tot = sum(k.aantal[idx].sum(axis=0) for k in klassen).astype(float)
        op = sum(k.op_tijd[idx].sum(axis=0) for k in klassen)
        pct.append(np.where(tot > 0, 100 * op / np.maximum(tot, 1), np.nan))
        wachtend.append(sum(k.wachtend[idx[-1]] for k in klassen).astype(float))
    return np.array(pct), np.array(wachtend)


def _gemeten(historie: pd.DataFrame, index: dict[str, np.ndarray], wachtrij: int) -> tuple[np.ndarray, np.ndarray]:
    rijen = historie[historie["wachtrij"] == WACHTRIJEN[wachtrij]].set_index("periode").loc[list(index)]
    return rijen["pct_binnen_termijn"].to_numpy(float), rijen["wachtend_eind"].to_numpy(float)


def _sse(pct: np.ndarray, wachtend: np.ndarray, gemeten, sd, training: slice) -> np.ndarray:
    """Sum of squared weighted residuals over the training periods, per group of replications (axis 0)."""
    r_pct = (np.nanmean(pct, axis=-1) - gemeten[0]) / sd[0]
    r_w = (np.mean(wachtend, axis=-1) - gemeten[1]) / sd[1]
    return np.nansum(r_pct[..., training] ** 2, axis=-1) + np.sum(r_w[..., training] ** 2, axis=-1)


def _minimum(x: np.ndarray, sse: np.ndarray) -> tuple[float, float]:
    """The minimum of a sum of squares on a grid (the parabola through the lowest point and its neighbours)
    and the parabola's curvature coefficient (JᵀJ); the lowest grid point when the parabola opens down."""
    k = int(np.clip(np.argmin(sse), 1, x.size - 2))
    a, b, _c = np.polyfit(x[k - 1 : k + 2], sse[k - 1 : k + 2], 2)
    if a > 0 and x[k - 1] <= -b / (2 * a) <= x[k + 1]:
        return float(-b / (2 * a)), float(a)
    return float(x[int(np.argmin(sse))]), float(a)


def _spreiding(pct: np.ndarray, wachtend: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per period, the spread of one path around the model's mean at tempo ``k``: the replications' standard
    deviation, plus a published share's rounding and one case of a count (so no period weighs infinitely)."""
    return (
        np.sqrt(np.nan_to_num(np.nanvar(pct[k], axis=-1, ddof=1)) + _AFRONDING_PP**2),
        np.sqrt(np.var(wachtend[k], axis=-1, ddof=1) + 1.0),
    )


def _groepen(h: Horizon, index, wachtrij: int, g: int, reps: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`per_periode` of ``g`` tempi side by side, as (groups, periods, replications)."""
    pct, w = per_periode(h, index, wachtrij)
    return (x.reshape(x.shape[0], g, reps).transpose(1, 0, 2) for x in (pct, w))


def pas_op_historie(
    kurve: Callable[[np.ndarray, int], tuple[Horizon, np.ndarray]],
    historie: pd.DataFrame,
    index: dict[str, np.ndarray],
    replicaties: int,
) -> tuple[list[float], list[float], list[Horizon], dict]:
    """Least-squares tempo per queue on all periods but the last (``kurve``: tempo pairs side by side on the
    first replications, as in the calibration). Returns the tempi, their standard errors (of the log tempo),
    each queue's run at its tempo and the report for results.json: the fit and the held-out period."""
    n = len(index)
    training = slice(0, n - 1)
    gemeten = [_gemeten(historie, index, q) for q in range(2)]
    # Coarse: the grid on few replications; the weights are the replications' spread at the best grid point.
    g = _GRID.size
    h, _ = kurve(np.column_stack([_GRID, _GRID]), _GRID_REPLICATIES)
    fijn, sd = [], []
    for q in range(2):
        pct, w = _groepen(h, index, q, g, _GRID_REPLICATIES)
        ruw = (np.ones(n), np.sqrt(np.maximum(gemeten[q][1], 1.0)))
        k = int(np.argmin(_sse(pct, w, gemeten[q], ruw, training)))
        sd.append(_spreiding(pct, w, k))
        sse = _sse(pct, w, gemeten[q], sd[q], training)
        k = int(np.argmin(sse))
        lo, hi = np.log(_GRID[max(k - 1, 0)]), np.log(_GRID[min(k + 1, g - 1)])
        fijn.append(np.exp(np.linspace(lo, hi, _FIJN)))
    # Finer: twice a grid around the best point (the neighbours' span), on more replications, both queues in
    # the same runs, reweighed with the spread at the best point of the same runs. A parabola through the
    # lowest point and its neighbours gives the minimum, its curvature the standard error.
    tempo, se, rapport = [], [], {"perioden": n, "periode_eerste": next(iter(index)), "toets_periode": list(index)[-1]}
    for stap, reps in enumerate(_FIJN_REPLICATIES):
        reps = min(reps, replicaties)
        h, _ = kurve(np.column_stack(fijn), reps)
        for q in range(2):
            pct, w = _groepen(h, index, q, _FIJN, reps)
            sse = _sse(pct, w, gemeten[q], sd[q], training)
            for _ in range(2):
                sd[q] = _spreiding(pct, w, int(np.argmin(sse)))
                sse = _sse(pct, w, gemeten[q], sd[q], training)
            x = np.log(fijn[q])
            k = int(np.clip(np.argmin(sse), 1, _FIJN - 2))
            if stap < len(_FIJN_REPLICATIES) - 1:
                fijn[q] = np.exp(np.linspace(x[k - 1], x[k + 1], _FIJN))
                continue
            t, a = _minimum(x, sse)
            # The fit's own Monte Carlo error: the minimum on batches of the replications (batch means).
            partijen = [
                _minimum(x, _sse(pct[..., d], w[..., d], gemeten[q], sd[q], training))[0]
                for d in np.array_split(np.arange(reps), _PARTIJEN)
            ]
            mc = float(np.std(partijen, ddof=1) / np.sqrt(_PARTIJEN))
            # The weights are the residuals' known spread, so s² is 1; a larger mean square (the model misses
            # more than one path's noise explains) widens the error, a smaller one never narrows it.
            residuen = 2 * (n - 1)  # share and waiting per training period
            s2 = max(float(np.min(sse)) / max(residuen - 1, 1), 1.0)
            # Plus the grid's resolution: the parabola's vertex on an asymmetric curve is good to about a step.
            raster = float(x[1] - x[0]) / np.sqrt(12)
            se.append(float(np.sqrt((s2 / a if a > 0 else (x[-1] - x[0]) ** 2) + mc**2 + raster**2)))
            tempo.append(float(np.exp(t)))
            rapport[f"sse_{WACHTRIJEN[q]}"] = float(np.min(sse))
            rapport[f"se_log_tempo_{WACHTRIJEN[q]}"] = se[-1]
            rapport[f"se_log_tempo_mc_{WACHTRIJEN[q]}"] = mc
    # The run at the fitted tempi: the state it leaves, the fit of the training periods, the held-out forecast.
    h, _ = kurve(np.array([tempo]), replicaties)
    for q, naam in enumerate(WACHTRIJEN):
        pct, w = per_periode(h, index, q)
        rapport[f"{naam}_rmse_pct_training"] = float(
            np.sqrt(np.nanmean((np.nanmean(pct, 1) - gemeten[q][0])[training] ** 2))
        )
        rapport[f"{naam}_toets_gemeten_pct"] = float(gemeten[q][0][-1])
        rapport[f"{naam}_toets_model_pct"] = float(np.nanmean(pct[-1]))
        rapport[f"{naam}_toets_model_pct_laag"], rapport[f"{naam}_toets_model_pct_hoog"] = (
            float(v) for v in np.nanpercentile(pct[-1], _BAND)
        )
        rapport[f"{naam}_toets_gemeten_wachtend"] = float(gemeten[q][1][-1])
        rapport[f"{naam}_toets_model_wachtend"] = float(np.median(w[-1]))
        rapport[f"{naam}_toets_model_wachtend_laag"], rapport[f"{naam}_toets_model_wachtend_hoog"] = (
            float(v) for v in np.percentile(w[-1], _BAND)
        )
    return tempo, se, [h, h], rapport
