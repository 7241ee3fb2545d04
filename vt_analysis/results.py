"""The results of a run as plain data: what ``compute --json`` prints and ``results.json`` holds.

Floats stay unrounded; rounding is presentation (formatting.py).
"""

from __future__ import annotations

import pandas as pd

from .data import TELLINGEN
from .rekentool import bereken_formatie
from .run import Run


def formatie_tabel(run: Run) -> pd.DataFrame:
    """Bijlage 2 of the run's data: counts, required fte per normset, available fte, gaps."""
    return bereken_formatie(run.data.volumes, run.data.normen)


def _records(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (numpy scalars to Python numbers)."""
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def perioden_records(run: Run) -> list[dict]:
    tabel = formatie_tabel(run)
    normsets = list(run.data.normen.normsets)
    kolommen = ["periode", "jaar", "status", *TELLINGEN,
                *[f"fte_{n}" for n in normsets], "fte_structureel", "fte_incidenteel", "fte_beschikbaar",
                *[f"gap_{n}" for n in normsets]]
    return _records(tabel[kolommen])


def bereken_resultaten(run: Run) -> dict:
    """All results of a run, keyed as in the CLI contract (issue 2, item 6)."""
    p = run.params
    return {
        "run": p.run_naam,
        "peilmoment": p.peilmoment,
        "besluit_periode": p.besluit_periode,
        "normset": p.normset,
        "normset_vergelijking": p.normset_vergelijking,
        "perioden": perioden_records(run),
    }
