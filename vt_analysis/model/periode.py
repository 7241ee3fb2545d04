"""The row of one period: the one lookup for every table keyed by ``periode`` (volumes.csv, Bijlage 2 rows)."""

from __future__ import annotations

import pandas as pd


def periode_rij(tabel: pd.DataFrame, periode: str) -> pd.Series:
    """The row of ``periode`` in a table with a ``periode`` column (index: the columns, name: the period).

    Validation has checked that every period a run names is in volumes.csv (params.perioden_van_run), so a
    missing one here is a bug and raises KeyError naming it.
    """
    rijen = tabel[tabel["periode"] == periode]
    if rijen.empty:
        raise KeyError(f"periode {periode!r} staat niet in de tabel")
    return rijen.iloc[0].drop("periode").rename(periode)
