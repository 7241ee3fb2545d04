"""Cache keys and codecs of the queue model: a calibration as .npz and month overviews as JSON (no pickle,
so reading runs no code), kept in the private verified cache under what they read."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd

from vt_analysis.invoer.data import Dataset
from vt_analysis.invoer.params_secties import WachttijdenParams
from vt_analysis.model.wachttijden.kalibratie import _KALIBRATIE_REPLICATIES, Kalibratie, kalibreer
from vt_analysis.model.wachttijden.maanden import inloopjaren
from vt_analysis.model.wachttijden.overzicht import maandoverzicht_kolommen
from vt_analysis.model.wachttijden.toestand import Beginstand
from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import invoer_sha256, omgeving_sha256


def kalibratie_sleutel(
    dataset: Dataset,
    params: WachttijdenParams,
    basisperiode: str,
    normset: str,
    inloop: bool = True,
    interval: bool = True,
) -> str:
    """The cache key of a calibration: what :func:`kalibreer` reads. The run-in (volumes, fte and verzuim
    of the realisatie years and the base period), the realised shares, the measured history, the normset,
    the model's assumptions, these params and the package. A changed cost figure, prognose or scenario leaves
    it as it is."""
    kg = dataset.kengetallen
    doel = [kg.triage_binnen_5_werkdagen_realisatie_pct.waarde, kg.onderzoek_binnen_10_weken_realisatie_pct.waarde]
    r = min(_KALIBRATIE_REPLICATIES, params.replicaties)
    return invoer_sha256(
        omgeving_sha256(),
        json.dumps(
            [params.seed, r, params.model_dump(mode="json"), basisperiode, normset, doel, inloop, interval],
            sort_keys=True,
        ),
        inloopjaren(dataset, basisperiode).to_csv(index=False),  # floats as repr: every digit counts
        dataset.normen.normsets[normset].model_dump_json(),
        dataset.wachttijden.model_dump_json(),
        "" if dataset.historie is None else dataset.historie.to_csv(index=False),  # the measured periods, if any
    )


def kalibreer_met_cache(
    dataset: Dataset,
    params: WachttijdenParams,
    basisperiode: str,
    normset: str,
    inloop: bool = True,
    interval: bool = True,
) -> Kalibratie:
    """:func:`kalibreer`, kept in the private verified cache under :func:`kalibratie_sleutel`: runs that
    differ only in what the calibration does not read fit the queue once. ``interval`` False: without the
    states at the bounds of its interval (a start only set beside the one used needs none)."""
    sleutel = kalibratie_sleutel(dataset, params, basisperiode, normset, inloop, interval)
    inhoud = privecache.haal(
        f"kalibratie-{sleutel}.npz",
        lambda: _naar_bytes(kalibreer(dataset, params, basisperiode, normset, inloop, interval=interval)),
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
    standen = ("eindstand", "eindstand_laag", "eindstand_hoog")
    schalair = {k: getattr(kal, k) for k in Kalibratie.__dataclass_fields__ if k not in ("inloop", *standen)}
    schalair = {k: v for k, v in schalair.items() if not isinstance(v, np.ndarray)}
    meta = json.dumps({**schalair, "inloop": kal.inloop.to_json(orient="split")}).encode("utf-8")
    buffer = io.BytesIO()
    np.savez(
        buffer,
        meta=np.frombuffer(meta, dtype=np.uint8),
        backlog_triage_eind=kal.backlog_triage_eind,
        backlog_onderzoek_eind=kal.backlog_onderzoek_eind,
        **{
            f"{stand}.{k}": getattr(getattr(kal, stand), k)
            for stand in standen
            if getattr(kal, stand) is not None  # a fit without its interval has no states at the bounds
            for k in _EINDSTAND
        },
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
            **{
                s: Beginstand(*(z[f"{s}.{k}"] for k in _EINDSTAND)) if f"{s}.{_EINDSTAND[0]}" in z else None
                for s in ("eindstand", "eindstand_laag", "eindstand_hoog")
            },
        )


def _tabellen_naar_bytes(tabellen: list[tuple[pd.DataFrame, pd.DataFrame]]) -> bytes:
    """Month overviews and annual indicators as JSON lists of columns: Python writes every float as its
    shortest exact repr."""
    return json.dumps(
        [[{k: deel[k].tolist() for k in deel.columns} for deel in (maanden, jaren)] for maanden, jaren in tabellen]
    ).encode("utf-8")


def _tabellen_van_bytes(inhoud: bytes) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    uit = []
    for maanden, jaren in json.loads(inhoud):
        m = pd.DataFrame(maanden)[maandoverzicht_kolommen()]
        m[m.columns[1:]] = m[m.columns[1:]].astype(float)
        j = pd.DataFrame(jaren)
        j = j.astype({k: float for k in j.columns if k != "jaar"}).astype({"jaar": int})
        uit.append((m, j))
    return uit
