"""The list of chapters (``report/hoofdstukken.yaml``) and the contract of their parameters cell.

A new chapter is a notebook in ``notebooks/`` plus one line in that list. Every chapter has exactly
one cell tagged ``parameters`` with exactly the names in :data:`NOTEBOOK_PARAMETERS`: papermill
injects the validated params of the run, its data folder and the path of its ``results.json``
there (see ``hoofdstukken.laad``), and nothing else (papermill only warns on unknown
names and injects them anyway, so the runner checks the cell before anything runs).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill

from . import paths
from .data import _load_yaml
from .errors import InvoerFout

NOTEBOOK_PARAMETERS = {"params", "data_dir", "resultaten"}


def load_chapters(bestand: Path | None = None) -> list[Path]:
    """The chapter notebooks in report order, relative to ``notebooks/``; each must exist."""
    bestand = Path(bestand) if bestand else paths.CHAPTERS_FILE
    inhoud = _load_yaml(bestand)
    namen = inhoud.get("hoofdstukken")
    if not isinstance(namen, list) or not namen:
        raise InvoerFout(bestand, "sleutel hoofdstukken", "ontbreekt of is leeg, verwacht een lijst notebooks")
    notebooks = []
    for i, naam in enumerate(namen, start=1):
        pad = paths.NOTEBOOKS_DIR / str(naam)
        if not pad.is_file():
            raise InvoerFout(bestand, f"hoofdstuk {i}", f"{naam!r} bestaat niet in notebooks/")
        notebooks.append(pad)
    return notebooks


def check_parameters_cell(notebook: Path) -> None:
    """Exactly one ``parameters`` cell, declaring exactly the names the runner injects."""
    nb = nbformat.read(notebook, as_version=4)
    cellen = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cellen) != 1:
        raise InvoerFout(notebook, "parameters-cel", f"{len(cellen)} cellen met tag 'parameters', verwacht precies één")
    gevonden = set(papermill.inspect_notebook(str(notebook)))
    if gevonden != NOTEBOOK_PARAMETERS:
        raise InvoerFout(
            notebook, "parameters-cel", f"parameters {sorted(gevonden)}, verwacht {sorted(NOTEBOOK_PARAMETERS)}"
        )
