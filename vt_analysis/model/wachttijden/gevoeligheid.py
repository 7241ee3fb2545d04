"""Sensitivity of the queue model: one assumption at a time lower and higher, the model refitted each time.

Every assumption of ``data/wachttijden.yaml`` that shapes the queue (acute share, spread of the work, hours a
case gets per working day, the holiday dip) is set half as large and half as large again; the calibration
target (the measured shares) five percentage points lower and higher; the start state to an empty queue at
the start of the base year. Each variant is calibrated again (the tempo absorbs part of every change) and the
decision scenario projected; the outcome is the change of its last year's annual indicators and of the
balance formation per queue of the leading prognosis, against the same run with the stated assumptions (the
same replications and random numbers, so the differences are the assumptions'). Fewer replications than the
projection: the ranking is the message, the table states the run's size.

Each bar is itself an estimate: :func:`ruis_pp` says how large a bar can be by chance alone (Monte Carlo and the
calibration's stopping margin), from what the tornado computes anyway; a smaller bar is no effect.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from decimal import Decimal
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd

from vt_analysis.basis.errors import InvoerFout
from vt_analysis.basis.taken import samen
from vt_analysis.invoer.data import Dataset
from vt_analysis.invoer.params_secties import WachttijdenParams
from vt_analysis.model.wachttijden.cache import kalibratie_sleutel
from vt_analysis.model.wachttijden.kalibratie import KALIBRATIE_MARGE_PP, Kalibratie, kalibreer
from vt_analysis.model.wachttijden.maanden import evenwicht_fte_wachtrij
from vt_analysis.model.wachttijden.overzicht import jaaraandelen
from vt_analysis.model.wachttijden.projectie import eerste_maand, horizon_midden
from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import invoer_sha256

# Replications of every refitted variant (calibration and projection).
REPLICATIES = 100
# One assumption at a time: half as large and half as large again; the measured shares ± this many points.
FACTOR = 0.5
DOEL_PP = 5.0
# The tornado's noise is stated at this confidence (two-sided normal): a bar within it is not told from chance.
RUIS_PCT = 95
# The queue an assumption of one queue touches (triage, onderzoek); the others touch both.
_WACHTRIJEN = {
    "acuut_triage_pct": (True, False),
    "variatiecoefficient_werk_triage": (True, False),
    "uren_per_werkdag_triage": (True, False),
    "variatiecoefficient_werk_onderzoek": (False, True),
    "uren_per_werkdag_onderzoek": (False, True),
}

GEVOELIGHEID_KOLOMMEN = (
    "aanname",
    "richting",
    "waarde",
    "eenheid",
    "decimalen",
    "triage_pct",
    "onderzoek_pct",
    "fte_evenwicht_triage",
    "fte_evenwicht_onderzoek",
    "triage_verschil_se",
    "onderzoek_verschil_se",
    "triage_ruis_pp",
    "onderzoek_ruis_pp",
)
# The kind of each variant's value (``eenheid``), which says how the chapter writes it: a share in percent, a
# ratio (spread of the work), hours per working day, a factor on the holiday dip, percentage points on the
# calibration target, or the other start state (no number). The stated assumptions' row has none.
EENHEDEN = {
    "acuut_triage_pct": "pct",
    "variatiecoefficient_werk_triage": "verhouding",
    "variatiecoefficient_werk_onderzoek": "verhouding",
    "uren_per_werkdag_triage": "uren",
    "uren_per_werkdag_onderzoek": "uren",
    "vakantiedip": "factor_dip",
    "gemeten_termijnen": "pp",
    "beginstand": "beginstand",
}
# The calibration targets the ``gemeten_termijnen`` variant moves, per queue.
_DOELEN = ("triage_binnen_5_werkdagen_realisatie_pct", "onderzoek_binnen_10_weken_realisatie_pct")
# Dutch names of the assumptions, as the chapter and the text set show them.
AANNAMEN = {
    "acuut_triage_pct": "Aandeel acute meldingen",
    "variatiecoefficient_werk_triage": "Spreiding werk per triage",
    "variatiecoefficient_werk_onderzoek": "Spreiding werk per onderzoek",
    "uren_per_werkdag_triage": "Uren per triage per werkdag",
    "uren_per_werkdag_onderzoek": "Uren per onderzoek per werkdag",
    "vakantiedip": "Vakantiedip",
    "gemeten_termijnen": "Kalibratiedoel",
    "beginstand": "Beginstand",
}


def _kengetal(dataset: Dataset, naam: str, waarde: float) -> Dataset:
    a = dataset.wachttijden
    return replace(
        dataset, wachttijden=a.model_copy(update={naam: getattr(a, naam).model_copy(update={"waarde": waarde})})
    )


def _vakantie(dataset: Dataset, factor: float) -> Dataset:
    """The holiday dip (100% minus the capacity in the holiday weeks) times ``factor``."""
    a = dataset.wachttijden
    vakanties = [v.model_copy(update={"capaciteit_pct": 100 - (100 - v.capaciteit_pct) * factor}) for v in a.vakanties]
    return replace(dataset, wachttijden=a.model_copy(update={"vakanties": vakanties}))


def _doelwaarde(gemeten_pct: float, verschil: float) -> float:
    """A measured share moved by ``verschil`` points, kept inside 1–99% (a share the calibration can reach)."""
    return min(max(gemeten_pct + verschil, 1.0), 99.0)


def _doel(dataset: Dataset, verschil: float) -> Dataset:
    kg = dataset.kengetallen
    update = {
        n: getattr(kg, n).model_copy(update={"waarde": _doelwaarde(getattr(kg, n).waarde, verschil)}) for n in _DOELEN
    }
    return replace(dataset, kengetallen=kg.model_copy(update=update))


def doel_verschil_pp(dataset: Dataset) -> tuple[float, float]:
    """Per queue: how many points the calibration target lies apart between the ``gemeten_termijnen`` variants
    (2 × DOEL_PP unless a target is clipped at 1% or 99%)."""
    kg = dataset.kengetallen
    w = [getattr(kg, n).waarde for n in _DOELEN]
    return tuple(_doelwaarde(x, DOEL_PP) - _doelwaarde(x, -DOEL_PP) for x in w)


class Variant(NamedTuple):
    """One run of the tornado: which assumption, which way, its value as a number (None: no number) with its kind
    (:data:`EENHEDEN`) and the decimals it has, the data it runs on and whether the queue runs in."""

    aanname: str
    richting: str
    waarde: float | None
    eenheid: str | None
    decimalen: int
    dataset: Dataset
    inloop: bool


def decimalen(*factoren: float) -> int:
    """The decimals of the product of ``factoren`` written out exactly, as the data write them: the stated acute
    share 10 times 0,5 is 5 (none), a spread of 0,5 times 0,5 is 0,25 (two). A variant is shown with the
    precision its own value has, never with the binary rest of a float product."""
    exact = Decimal(1)
    for x in factoren:
        exact *= Decimal(repr(float(x)))
    return max(0, -exact.normalize().as_tuple().exponent)


def varianten(dataset: Dataset) -> list[Variant]:
    """Every one-at-a-time variant (:class:`Variant`)."""
    a = dataset.wachttijden
    factoren = (("laag", 1 - FACTOR), ("hoog", 1 + FACTOR))
    uit = []

    def variant(naam: str, richting: str, waarde: float | None, n: int, d: Dataset, inloop: bool = True) -> Variant:
        return Variant(naam, richting, waarde, EENHEDEN[naam], n, d, inloop)

    for naam in (
        "acuut_triage_pct",
        "variatiecoefficient_werk_triage",
        "variatiecoefficient_werk_onderzoek",
        "uren_per_werkdag_triage",
        "uren_per_werkdag_onderzoek",
    ):
        basis = getattr(a, naam).waarde
        for richting, f in factoren:
            w = basis * f
            uit.append(variant(naam, richting, w, decimalen(basis, f), _kengetal(dataset, naam, w)))
    for richting, f in factoren:
        uit.append(variant("vakantiedip", richting, f, decimalen(f), _vakantie(dataset, f)))
    for richting, d in (("laag", -DOEL_PP), ("hoog", DOEL_PP)):
        uit.append(variant("gemeten_termijnen", richting, d, decimalen(d), _doel(dataset, d)))
    # an empty queue at the start of the base year instead of the stated start state: no number
    uit.append(variant("beginstand", "laag", None, 0, dataset, inloop=False))
    return uit


def verschil_se(variant: np.ndarray, basis: np.ndarray) -> float:
    """Monte Carlo standard error of the mean difference of two runs on the same random numbers, replication by
    replication (replications without cases in either run left out): the common random numbers cancel."""
    d = np.asarray(variant, dtype=float) - np.asarray(basis, dtype=float)
    d = d[np.isfinite(d)]
    return float(d.std(ddof=1) / np.sqrt(d.size)) if d.size > 1 else 0.0


def gevoeligheid(
    dataset: Dataset,
    params: WachttijdenParams,
    peilmoment: str,
    normset: str,
    scenario: tuple[str, pd.DataFrame],
    volumes: pd.DataFrame,
) -> pd.DataFrame:
    """Per variant: the last year's annual indicators of ``scenario`` (name, month table) and the balance
    formation per queue for the yearly ``volumes`` (counts and verzuim_pct of the leading prognosis' last
    year); the first row (``basis``) is the stated assumptions at the same size. Per indicator beside it the
    standard error of the bar (variant minus basis, :func:`verschil_se`) and the bar's noise (:func:`ruis_pp`)."""
    klein = params.model_copy(update={"replicaties": REPLICATIES})
    ns = dataset.normen.normsets[normset]
    naam, maanden = scenario

    def rij(variant: Variant, warm: Kalibratie | None = None) -> tuple[dict, Kalibratie, dict]:
        aanname, d, inloop = variant.aanname, variant.dataset, variant.inloop
        wachtrijen = wachtrijen_van(aanname)
        try:
            kal = kalibreer(d, klein, peilmoment, normset, inloop, wachtrijen, interval=False, warm=warm)
        except InvoerFout:
            if warm is None:
                raise
            kal = kalibreer(d, klein, peilmoment, normset, inloop, wachtrijen, interval=False)  # from the grid
        # the last year's annual indicators per replication (their mean is the figure), so that a bar's error
        # is that of the paired difference with the basis
        h = horizon_midden(maanden, kal, ns, d.wachttijden, REPLICATIES, klein.seed, wachtrijen)
        per_rep = jaaraandelen(h, eerste_maand(maanden), int(maanden["jaar"].iloc[-1]))
        uit = {k: getattr(variant, k) for k in ("aanname", "richting", "waarde", "eenheid", "decimalen")}
        for q, tempo in (("triage", kal.tempo_triage), ("onderzoek", kal.tempo_onderzoek)):
            x = per_rep.get(q, np.array([np.nan]))
            uit[f"{q}_pct"] = float(np.nanmean(x)) if np.isfinite(x).any() else float("nan")
            uit[f"fte_evenwicht_{q}"] = float(evenwicht_fte_wachtrij(volumes, ns, tempo).iloc[0])
        return uit, kal, per_rep

    alle = [Variant("basis", "", None, None, 0, dataset, True), *varianten(dataset)]
    # The stated assumptions first; every variant's secant steps start from their fit (no grid), the variants
    # over two threads (each is computed alike, so the order does not matter).
    basis, kal, basis_rep = rij(alle[0])
    uitkomsten = [
        (basis, basis_rep),
        *((r, x) for r, _, x in samen([lambda v=v: rij(v, kal) for v in alle[1:]])),
    ]
    for (r, per_rep), variant in zip(uitkomsten, alle, strict=True):
        for q, geraakt in zip(("triage", "onderzoek"), wachtrijen_van(variant[0]), strict=True):
            if not geraakt:  # a queue a variant does not touch: the stated assumptions' figures, no difference
                r[f"{q}_pct"], r[f"fte_evenwicht_{q}"] = basis[f"{q}_pct"], basis[f"fte_evenwicht_{q}"]
                per_rep[q] = basis_rep[q]
            r[f"{q}_verschil_se"] = verschil_se(per_rep[q], basis_rep[q])
    tabel = pd.DataFrame([r for r, _ in uitkomsten])
    hellingen = doel_helling(tabel, doel_verschil_pp(dataset))
    for i, (q, helling) in enumerate(zip(("triage", "onderzoek"), hellingen, strict=True)):
        tabel[f"{q}_ruis_pp"] = [  # the basis and a queue a variant does not touch have no bar
            ruis_pp(se, helling) if a != "basis" and wachtrijen_van(a)[i] else 0.0
            for a, se in zip(tabel["aanname"], tabel[f"{q}_verschil_se"], strict=True)
        ]
    return tabel[list(GEVOELIGHEID_KOLOMMEN)]


def gevoeligheid_met_cache(
    dataset: Dataset,
    params: WachttijdenParams,
    peilmoment: str,
    normset: str,
    scenario: tuple[str, pd.DataFrame],
    volumes: pd.DataFrame,
) -> pd.DataFrame:
    """:func:`gevoeligheid`, kept in the private verified cache under the calibration's key and its inputs."""
    sleutel = invoer_sha256(
        kalibratie_sleutel(dataset, params, peilmoment, normset),
        "gevoeligheid",
        scenario[1].reset_index(drop=True).to_csv(index=False),
        volumes.reset_index(drop=True).to_csv(index=False),
        json.dumps([REPLICATIES, FACTOR, DOEL_PP, GEVOELIGHEID_KOLOMMEN]),
    )

    def bereken() -> bytes:
        t = gevoeligheid(dataset, params, peilmoment, normset, scenario, volumes)
        return json.dumps({k: t[k].tolist() for k in GEVOELIGHEID_KOLOMMEN}).encode("utf-8")

    return pd.DataFrame(json.loads(privecache.haal(f"gevoeligheid-{sleutel}.json", bereken)))


# --- the tornado's bars and their noise ----------------------------------------------------------------------


def tornado(tabel: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Per assumption of the :func:`gevoeligheid` table: the change of ``kolom`` against the ``basis`` row when
    it is set lower and higher (NaN for a direction it lacks: the start state has one variant, and a bar of 0
    would read as a finding) and the bar's span, the larger change either way;
    largest span first. Beside them the variants' values (None: no number), their kind and their decimals, for
    the label."""
    basis = float(tabel.loc[tabel["aanname"] == "basis", kolom].iloc[0])
    rijen = []
    for aanname, groep in tabel[tabel["aanname"] != "basis"].groupby("aanname", sort=False):
        per = groep.set_index("richting")[kolom]
        laag = float(per["laag"]) - basis if "laag" in per.index else math.nan
        hoog = float(per["hoog"]) - basis if "hoog" in per.index else math.nan
        rijen.append(
            {
                "aanname": aanname,
                "waarden": [None if pd.isna(w) else float(w) for w in groep["waarde"]],
                "eenheid": groep["eenheid"].iloc[0],
                "decimalen": int(groep["decimalen"].max()),
                "effect_laag": laag,
                "effect_hoog": hoog,
                "bereik": max(abs(x) for x in (laag, hoog) if not math.isnan(x)),
            }
        )
    return pd.DataFrame(rijen).sort_values("bereik", ascending=False, kind="stable").reset_index(drop=True)


def ruis_pp(
    se_verschil_pp: float,
    helling_doel: float,
    marge_pp: float = KALIBRATIE_MARGE_PP,
    zekerheid_pct: float = RUIS_PCT,
) -> float:
    """How large a tornado bar can be by chance alone (percentage points, two-sided at ``zekerheid_pct``).

    A bar is the variant's annual indicator minus the basis', both Monte Carlo means on the same random numbers:
    ``se_verschil_pp`` is the standard error of that difference (:func:`verschil_se`). Both fits also stop
    somewhere within ± ``marge_pp`` of the measured share (uniform: sd margin/√3, as the calibration's own
    interval counts it); the indicator moves ``helling_doel`` points per point of the calibration target (the
    tornado's own Kalibratiedoel bar, :func:`doel_helling`), so the two independent stops add
    helling · margin · √(2/3) to the sd of the bar.
    """
    z = NormalDist().inv_cdf(0.5 + zekerheid_pct / 200)
    kalibratie = abs(helling_doel) * marge_pp * math.sqrt(2 / 3)
    return z * math.sqrt(se_verschil_pp**2 + kalibratie**2)


def doel_helling(tabel: pd.DataFrame, doel_verschil: tuple[float, float]) -> tuple[float, float]:
    """Per queue: how many points the annual indicator moves per point of the calibration target, the
    ``gemeten_termijnen`` bar (higher minus lower target) over ``doel_verschil`` (:func:`doel_verschil_pp`)."""
    doel = tabel[tabel["aanname"] == "gemeten_termijnen"].set_index("richting")
    uit = []
    for q, verschil in zip(("triage", "onderzoek"), doel_verschil, strict=True):
        ok = {"laag", "hoog"} <= set(doel.index) and verschil
        uit.append(
            (float(doel.loc["hoog", f"{q}_pct"]) - float(doel.loc["laag", f"{q}_pct"])) / verschil if ok else 0.0
        )
    return tuple(uit)


def wachtrijen_van(aanname: str) -> tuple[bool, bool]:
    """Which queues (triage, onderzoek) an assumption can move: its own queue's, or both."""
    return _WACHTRIJEN.get(aanname, (True, True))


def raakt(aanname: str, wachtrij: str) -> bool:
    """Whether an assumption can move this queue at all: one of the other queue only moves nothing here (each
    queue has its own random numbers and its own tempo)."""
    return wachtrijen_van(aanname)[("triage", "onderzoek").index(wachtrij)]


def bars_met_ruis(tabel: pd.DataFrame, wachtrij: str) -> pd.DataFrame:
    """:func:`tornado` of one annual indicator with each bar's noise (the larger of its two variants'), only the
    assumptions that touch this queue (:func:`raakt`): a row of the other queue only has no bar by construction,
    and the reader would take its empty row for a finding."""
    bars = tornado(tabel, f"{wachtrij}_pct")
    bars = bars[[raakt(a, wachtrij) for a in bars["aanname"]]].reset_index(drop=True)
    ruis = tabel.groupby("aanname", sort=False)[f"{wachtrij}_ruis_pp"].max()
    bars["ruis_pp"] = bars["aanname"].map(ruis).astype(float)
    bars["binnen_ruis"] = bars["bereik"] < bars["ruis_pp"]
    return bars
