"""A report table as data: caption, columns, unrounded values and the format of every column.

Every :class:`vt_analysis.hoofdstukken.tables.Tabel` emits this next to its Markdown, under its own mimetype, in
the executed notebooks. The workbook (:mod:`vt_analysis.bouw.xlsx`) collects it from there, so every
table of every chapter lands in the workbook without a list to keep up to date.

The format of a column is the chapter's own :class:`~vt_analysis.basis.kolomformaat.Formaat` (the one the
report printed with), stored as a dict; a cell with a format of its own is ``{"waarde": …, "formaat": …}``.
A column of ranges or of figures with their interval becomes two or three number columns: a spreadsheet
computes with numbers, not with the text of a range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import nbformat
import pandas as pd

from vt_analysis.basis.kolomformaat import TEKST, Cel, Formaat, Interval, MetInterval, is_getal
from vt_analysis.basis.strikt_json import schoon

TABEL_MIMETYPE = "application/vnd.vt-analysis.tabel+json"

_DELEN = {Interval: ("laag", "hoog"), MetInterval: ("waarde", "laag", "hoog")}
_KOPPEN = {"laag": "ondergrens", "hoog": "bovengrens"}


def _json_waarde(waarde: object) -> object:
    """A cell as a JSON value: numpy scalars as numbers, NaN/NA as null, dates as ISO text, a cell with a
    format of its own as value and format."""
    if isinstance(waarde, Cel):
        return {"waarde": _json_waarde(waarde.waarde), "formaat": waarde.formaat.als_dict()}
    waarde = schoon(waarde)
    if waarde is None or is_getal(waarde) or isinstance(waarde, (str, bool)):
        return waarde
    return str(waarde)


def _kolommen(naam: str, kop: str, formaat: Formaat, ruw: list) -> list[tuple[dict, list]]:
    """One column of the report as the workbook's column(s) with their values."""
    soort = next((s for s in _DELEN if any(isinstance(w, s) for w in ruw)), None)
    kolom = {"naam": str(naam), "kop": str(kop), "formaat": formaat.als_dict()}
    if soort is None:
        return [(kolom, [_json_waarde(w) for w in ruw])]
    uit = []
    for i, deel in enumerate(_DELEN[soort]):
        achter = _KOPPEN.get(deel)
        deel_kolom = {**kolom, "naam": f"{naam}_{achter}", "kop": f"{kop} ({achter})"} if achter else kolom
        # a text in such a column ('', 'niet gevonden') stays in its first part
        waarden = [_json_waarde(getattr(w, deel) if isinstance(w, soort) else (w if i == 0 else None)) for w in ruw]
        uit.append((deel_kolom, waarden))
    return uit


def tabel_data(df: pd.DataFrame, bijschrift: str, koppen: list[str], formats: Mapping[str, Formaat]) -> dict:
    """The JSON form of a report table (what :data:`TABEL_MIMETYPE` holds)."""
    kolommen, waarden_per_kolom = [], []
    for naam, kop in zip(df.columns, koppen, strict=True):
        for kolom, waarden in _kolommen(naam, kop, formats.get(naam, TEKST), list(df[naam])):
            kolommen.append(kolom)
            waarden_per_kolom.append(waarden)
    rijen = [list(rij) for rij in zip(*waarden_per_kolom, strict=True)] if waarden_per_kolom else []
    return {"bijschrift": bijschrift, "kolommen": kolommen, "rijen": rijen}


def tabellen_uit_notebooks(notebooks: Iterable[Path]) -> list[dict]:
    """Every report table of the executed chapters, in report order."""
    tabellen = []
    for pad in notebooks:
        for cell in nbformat.read(pad, as_version=4).cells:
            for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
                data = out.get("data", {})
                if TABEL_MIMETYPE in data:
                    tabellen.append(data[TABEL_MIMETYPE])
    return tabellen
