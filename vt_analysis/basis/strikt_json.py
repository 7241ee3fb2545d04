"""Strict JSON: the one cleaner for values that leave the program as JSON (results, manifest, tables).

``json.dumps(..., allow_nan=False)`` refuses NaN, and numpy scalars or dates are no JSON at all; every writer
of JSON passes its values through :func:`schoon` first, so a missing figure is ``null`` everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pandas as pd


def schoon(waarde: object) -> object:
    """A value as strict JSON, recursively: numpy scalars as Python numbers, NaN/inf/NA/NaT as None, dates
    as ISO text, dict keys as text."""
    if isinstance(waarde, dict):
        return {str(k): schoon(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [schoon(v) for v in waarde]
    if waarde is None or waarde is pd.NA or waarde is pd.NaT:
        return None
    if hasattr(waarde, "item") and not isinstance(waarde, str | bytes):
        waarde = waarde.item()
    if isinstance(waarde, float) and not math.isfinite(waarde):
        return None
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return waarde


def tekst(inhoud: object) -> str:
    """``inhoud`` as strict, readable JSON text (UTF-8 characters as they are, indented, a final newline)."""
    return json.dumps(schoon(inhoud), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def schrijf(pad: Path, inhoud: object) -> None:
    """Write ``inhoud`` as strict JSON to ``pad``."""
    pad.write_text(tekst(inhoud), encoding="utf-8")
