"""Sensitivity of the queue model: one assumption at a time lower and higher, the model refitted each time.

Every assumption of ``data/wachttijden.yaml`` that shapes the queue (acute share, spread of the work, hours a
case gets per working day, the holiday dip) is set half as large and half as large again; the calibration
target (the measured shares) five percentage points lower and higher; the start state to an empty queue at
the start of the base year. Each variant is calibrated again (the tempo absorbs part of every change) and the
decision scenario projected; the outcome is the change of its last year's annual indicators and of the
balance formation per queue of the leading prognosis, against the same run with the stated assumptions (the
same replications and random numbers, so the differences are the assumptions'). Fewer replications than the
projection: the ranking is the message, the table states the run's size.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd

from vt_analysis.basis.errors import InvoerFout
from vt_analysis.basis.taken import samen
from vt_analysis.invoer.data import Dataset
from vt_analysis.invoer.params_secties import WachttijdenParams
from vt_analysis.model.wachttijden.cache import kalibratie_sleutel
from vt_analysis.model.wachttijden.kalibratie import Kalibratie, kalibreer
from vt_analysis.model.wachttijden.maanden import evenwicht_fte_wachtrij
from vt_analysis.model.wachttijden.projectie import jaren_midden
from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import invoer_sha256

# Replications of every refitted variant (calibration and projection).
REPLICATIES = 100
# One assumption at a time: half as large and half as large again; the measured shares ± this many points.
FACTOR = 0.5
DOEL_PP = 5.0
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
    "triage_pct",
    "onderzoek_pct",
    "fte_evenwicht_triage",
    "fte_evenwicht_onderzoek",
)


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


def _doel(dataset: Dataset, verschil: float) -> Dataset:
    kg = dataset.kengetallen
    update = {
        n: getattr(kg, n).model_copy(update={"waarde": min(max(getattr(kg, n).waarde + verschil, 1.0), 99.0)})
        for n in ("triage_binnen_5_werkdagen_realisatie_pct", "onderzoek_binnen_10_weken_realisatie_pct")
    }
    return replace(dataset, kengetallen=kg.model_copy(update=update))


def varianten(dataset: Dataset) -> list[tuple[str, str, str, Dataset, bool]]:
    """(assumption, direction, value as text, dataset, run-in) for every one-at-a-time variant."""
    a = dataset.wachttijden
    uit = []
    for naam in (
        "acuut_triage_pct",
        "variatiecoefficient_werk_triage",
        "variatiecoefficient_werk_onderzoek",
        "uren_per_werkdag_triage",
        "uren_per_werkdag_onderzoek",
    ):
        basis = getattr(a, naam).waarde
        for richting, f in (("laag", 1 - FACTOR), ("hoog", 1 + FACTOR)):
            uit.append((naam, richting, f"{basis * f:g}", _kengetal(dataset, naam, basis * f), True))
    for richting, f in (("laag", 1 - FACTOR), ("hoog", 1 + FACTOR)):
        uit.append(("vakantiedip", richting, f"{f:g} × dip", _vakantie(dataset, f), True))
    for richting, d in (("laag", -DOEL_PP), ("hoog", DOEL_PP)):
        uit.append(("gemeten_termijnen", richting, f"{d:+g} pp", _doel(dataset, d), True))
    uit.append(("beginstand", "laag", "leeg begin basisjaar", dataset, False))
    return uit


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
    year); the first row (``basis``) is the stated assumptions at the same size."""
    klein = params.model_copy(update={"replicaties": REPLICATIES})
    ns = dataset.normen.normsets[normset]
    naam, maanden = scenario

    def rij(variant: tuple, warm: Kalibratie | None = None) -> tuple[dict, Kalibratie]:
        aanname, richting, waarde, d, inloop = variant
        wachtrijen = _WACHTRIJEN.get(aanname, (True, True))
        try:
            kal = kalibreer(d, klein, peilmoment, normset, inloop, wachtrijen, interval=False, warm=warm)
        except InvoerFout:
            if warm is None:
                raise
            kal = kalibreer(d, klein, peilmoment, normset, inloop, wachtrijen, interval=False)  # from the grid
        laatste = jaren_midden(maanden, kal, ns, d.wachttijden, REPLICATIES, klein.seed, wachtrijen).iloc[-1]
        return {
            "aanname": aanname,
            "richting": richting,
            "waarde": waarde,
            "triage_pct": float(laatste["triage_pct"]),
            "onderzoek_pct": float(laatste["onderzoek_pct"]),
            "fte_evenwicht_triage": float(evenwicht_fte_wachtrij(volumes, ns, kal.tempo_triage).iloc[0]),
            "fte_evenwicht_onderzoek": float(evenwicht_fte_wachtrij(volumes, ns, kal.tempo_onderzoek).iloc[0]),
        }, kal

    alle = [("basis", "", "", dataset, True), *varianten(dataset)]
    # The stated assumptions first; every variant's secant steps start from their fit (no grid), the variants
    # over two threads (each is computed alike, so the order does not matter).
    basis, kal = rij(alle[0])
    rijen = [basis, *(r for r, _ in samen([lambda v=v: rij(v, kal) for v in alle[1:]]))]
    tabel = pd.DataFrame(rijen, columns=list(GEVOELIGHEID_KOLOMMEN))
    for i, variant in enumerate(alle):  # a queue a variant does not touch: the stated assumptions' figures
        for q, geraakt in zip(("triage", "onderzoek"), _WACHTRIJEN.get(variant[0], (True, True)), strict=True):
            if not geraakt:
                kolommen = [f"{q}_pct", f"fte_evenwicht_{q}"]
                tabel.loc[i, kolommen] = tabel.loc[0, kolommen].to_numpy()
    return tabel


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
        json.dumps([REPLICATIES, FACTOR, DOEL_PP]),
    )

    def bereken() -> bytes:
        t = gevoeligheid(dataset, params, peilmoment, normset, scenario, volumes)
        return json.dumps({k: t[k].tolist() for k in GEVOELIGHEID_KOLOMMEN}).encode("utf-8")

    return pd.DataFrame(json.loads(privecache.haal(f"gevoeligheid-{sleutel}.json", bereken)))
