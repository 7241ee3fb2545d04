"""Summaries of a horizon per month: shares on time with their band, waiting counts, waits; when a norm is met."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from vt_analysis.invoer.data import Kengetallen
from vt_analysis.model.wachttijden.toestand import Horizon, Klasse

# Quantiles of the band around the line (an 80% band; the chapter names its width from these).
BAND = (0.1, 0.9)


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


# --- the annual indicators ---------------------------------------------------------------------------

JAAR_KOLOMMEN = (
    "jaar",
    "triage_pct",
    "triage_pct_se",
    "triage_regulier_pct",
    "onderzoek_pct",
    "onderzoek_pct_se",
)


def _jaaraandeel(klassen: Sequence[Klasse], jaar_van_maand: np.ndarray, jaar: int) -> np.ndarray:
    """Per replication: the share (%) of the year's cases of these classes finished within the term."""
    rijen = jaar_van_maand == jaar
    tot = sum(k.aantal[rijen].sum(axis=0) for k in klassen)
    op = sum(k.op_tijd[rijen].sum(axis=0) for k in klassen)
    return _pct(op, tot)


def _gemiddelde_se(per_rep: np.ndarray) -> tuple[float, float]:
    """Mean over replications with a year of cases, and its Monte Carlo standard error."""
    x = per_rep[np.isfinite(per_rep)]
    if not x.size:
        return float("nan"), float("nan")
    return float(x.mean()), float(x.std(ddof=1) / np.sqrt(x.size)) if x.size > 1 else 0.0


def jaar_van_maand(h: Horizon, eerste_maand: pd.Period) -> np.ndarray:
    """The calendar year of every month of the horizon."""
    n_m = h.onderzoek.aantal.shape[0] if h.onderzoek is not None else h.regulier.aantal.shape[0]
    return np.array([(eerste_maand + i).year for i in range(n_m)])


def jaaraandelen(h: Horizon, eerste_maand: pd.Period, jaar: int) -> dict[str, np.ndarray]:
    """Per term of a queue the horizon ran: the annual indicator of ``jaar`` per replication (NaN: no cases), so
    two runs on the same random numbers can be compared replication by replication."""
    maanden = jaar_van_maand(h, eerste_maand)
    uit = {}
    if h.regulier is not None:
        uit["triage"] = _jaaraandeel((h.acuut, h.regulier), maanden, jaar)
    if h.onderzoek is not None:
        uit["onderzoek"] = _jaaraandeel((h.onderzoek,), maanden, jaar)
    return uit


def jaaroverzicht(h: Horizon, eerste_maand: pd.Period) -> pd.DataFrame:
    """Per calendar year of the horizon: the annual indicator per term, the share of the year's cases on time,
    as BURAP and the Inspectie report it (triage: the meldingen that arrived that year; onderzoek: the
    onderzoeken that started), mean over the replications with its Monte Carlo standard error; beside triage
    the share of the regular meldingen (the acute ones are always on time: they are the floor of the total)."""
    maanden = jaar_van_maand(h, eerste_maand)
    rijen = []
    for jaar in sorted(set(maanden.tolist())):
        rij = {"jaar": int(jaar)}
        for q, per_rep in jaaraandelen(h, eerste_maand, jaar).items():
            rij[f"{q}_pct"], rij[f"{q}_pct_se"] = _gemiddelde_se(per_rep)
        if h.regulier is not None:
            rij["triage_regulier_pct"] = _gemiddelde_se(_jaaraandeel((h.regulier,), maanden, jaar))[0]
        rijen.append(rij)
    return pd.DataFrame(rijen).reindex(columns=list(JAAR_KOLOMMEN))
