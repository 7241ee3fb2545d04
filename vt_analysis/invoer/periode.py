"""The row of one period: the one lookup for every table keyed by ``periode`` (volumes.csv, Bijlage 2 rows,
results.json's ``perioden`` as records, a previous edition's periods)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import pandas as pd


def _ontbreekt(periode: str) -> KeyError:
    return KeyError(f"periode {periode!r} staat niet in de tabel")


def _rijen(tabel: pd.DataFrame, periode: str) -> pd.DataFrame:
    """The rows of ``periode``. Validation has checked that every period a run names is in volumes.csv
    (params.perioden_van_run), so a missing one is a bug or the caller's own check: KeyError naming it."""
    rijen = tabel[tabel["periode"] == periode]
    if rijen.empty:
        raise _ontbreekt(periode)
    return rijen


def periode_index(tabel: pd.DataFrame, periode: str) -> Hashable:
    """The index label of the row of ``periode`` (the first; volumes.csv holds each period once)."""
    return _rijen(tabel, periode).index[0]


def periode_rij(tabel: pd.DataFrame | Iterable[Mapping], periode: str) -> pd.Series | Mapping:
    """The row of ``periode``: from a frame with a ``periode`` column a Series (index: the columns without
    ``periode``, name: the period); from records (results.json read as JSON) the record itself."""
    if isinstance(tabel, pd.DataFrame):
        return _rijen(tabel, periode).iloc[0].drop("periode").rename(periode)
    for rij in tabel:
        if rij["periode"] == periode:
            return rij
    raise _ontbreekt(periode)
