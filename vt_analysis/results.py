"""The results of a run as plain data: what ``compute --json`` prints and ``results.json`` holds.

Floats stay unrounded; rounding is presentation (formatting.py).
"""

from __future__ import annotations

import pandas as pd

from . import wachttijden
from .data import TELLINGEN
from .rekentool import bereken_formatie
from .run import Run
from .scenarios import bereken_scenarios
from .wachttijden import wachttijden_van_run


def formatie_tabel(run: Run) -> pd.DataFrame:
    """Bijlage 2 of the run's data: counts, required fte per normset, available fte, gaps."""
    return bereken_formatie(run.data.volumes, run.data.normen)


def _records(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (numpy scalars to Python numbers)."""
    return [
        {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in df.to_dict(orient="records")
    ]


def perioden_records(run: Run) -> list[dict]:
    tabel = formatie_tabel(run)
    normsets = list(run.data.normen.normsets)
    kolommen = [
        "periode",
        "jaar",
        "status",
        *TELLINGEN,
        *[f"fte_{n}" for n in normsets],
        "fte_structureel",
        "fte_incidenteel",
        "fte_beschikbaar",
        *[f"gap_{n}" for n in normsets],
    ]
    return _records(tabel[kolommen])


def _records_zonder_nan(df: pd.DataFrame) -> list[dict]:
    """Like _records, with NaN as None (JSON has no NaN)."""
    return [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in _records(df)]


def scenario_records(run: Run) -> dict:
    """Issue 4: prognose, scenarios A/B/C compared, scenario B and the claim check (unrounded)."""
    t = bereken_scenarios(run)
    return {
        "scenarios": _records_zonder_nan(
            t["vergelijking"][["naam", "jaar", "fte_benodigd", "fte_beschikbaar", "gap", "kosten_euro", "meldingen"]]
        ),
        "scenario_a": _records_zonder_nan(t["scenario_a"]),
        "scenario_b": _records_zonder_nan(
            t["scenario_b"][["jaar", "fte_beschikbaar", "meldingen_max", "reductie_meldingen", "reductie_pct"]]
        ),
        "claims": _records_zonder_nan(
            t["claims"][["claim_id", "jaar", "bron", "fte_volgens_bron", "fte_rekentool", "verschil_fte", "aangevuld"]]
        ),
        "prognose": _records_zonder_nan(t["prognose"]),
    }


def wachttijden_records(run: Run) -> dict:
    """Issue 5: per scenario and month the legal-term percentages, backlog and p90 wait; the calibration."""
    kal, tabel = wachttijden_van_run(run, bereken_scenarios(run)["vergelijking"])
    return wachttijden.results_records(tabel, kal)


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
        **scenario_records(run),
        **wachttijden_records(run),
    }
