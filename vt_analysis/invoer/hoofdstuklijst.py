"""The list of chapters (``report/hoofdstukken.yaml``) and the contract of their parameters cell.

A new chapter is a notebook in ``notebooks/`` plus one line in that list. Every chapter has exactly
one cell tagged ``parameters`` with exactly the names in :data:`NOTEBOOK_PARAMETERS`: papermill
injects the validated params of the run, its data folder and the path of its ``results.json``
there (see ``hoofdstukken.laad``), and nothing else (papermill only warns on unknown
names and injects them anyway, so the runner checks the cell before anything runs).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import nbformat

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout, kort
from vt_analysis.invoer.bestandslezer import lees_bytes
from vt_analysis.invoer.yamllaag import load_yaml

NOTEBOOK_PARAMETERS = {"params", "data_dir", "resultaten"}


def load_chapters(bestand: Path | None = None) -> list[Path]:
    """The chapter notebooks in report order, relative to ``notebooks/``; each must exist."""
    bestand = Path(bestand) if bestand else paths.CHAPTERS_FILE
    inhoud = load_yaml(bestand)
    namen = inhoud.get("hoofdstukken")
    if not isinstance(namen, list) or not namen:
        raise InvoerFout(bestand, "sleutel hoofdstukken", "ontbreekt of is leeg, verwacht een lijst notebooks")
    # Chapters are code the render executes: only notebooks in notebooks/ (a list of one's own, e.g. a test's,
    # may also name notebooks beside it), never a path that leads out of it (../, an absolute path, a symlink).
    mappen = [paths.NOTEBOOKS_DIR.resolve()]
    if bestand.resolve() != paths.CHAPTERS_FILE.resolve():
        mappen.append(bestand.resolve().parent)
    notebooks = []
    for i, naam in enumerate(namen, start=1):
        if not isinstance(naam, str) or not naam.endswith(".ipynb"):
            raise InvoerFout(bestand, f"hoofdstuk {i}", f"{kort(naam)} is geen notebook, verwacht <naam>.ipynb")
        pad = paths.NOTEBOOKS_DIR / naam
        if not any(pad.resolve().is_relative_to(m) for m in mappen):
            raise InvoerFout(
                bestand, f"hoofdstuk {i}", f"{kort(naam)} ligt buiten notebooks/, verwacht een notebook in notebooks/"
            )
        if not pad.is_file():
            raise InvoerFout(bestand, f"hoofdstuk {i}", f"{naam!r} bestaat niet in notebooks/")
        notebooks.append(pad)
    return notebooks


def lees_notebook(notebook: Path) -> nbformat.NotebookNode:
    """A chapter notebook, read as the loaders read a file (a regular file of bounded size); one line when it is
    not a notebook (no JSON, not nbformat 4, cells without a list of sources)."""
    tekst = lees_bytes(notebook).decode("utf-8", errors="replace")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(tekst, as_version=4)
            for cel in nb.cells:
                cel.get("metadata", {}).get("tags", [])
                cel.source  # noqa: B018 - a cell without source is no notebook cell
    except Exception as exc:  # nbformat raises JSON, schema, key and type errors alike
        soort = "geen JSON" if isinstance(exc, ValueError) else "geen Jupyter-notebook (nbformat 4)"
        raise InvoerFout(notebook, "", f"is {soort}, verwacht een notebook zoals die in notebooks/") from None
    return nb


def check_parameters_cell(notebook: Path) -> None:
    """Exactly one ``parameters`` cell, declaring exactly the names the runner injects."""
    nb = lees_notebook(notebook)
    cellen = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cellen) != 1:
        raise InvoerFout(notebook, "parameters-cel", f"{len(cellen)} cellen met tag 'parameters', verwacht precies één")
    import papermill  # loaded when a chapter is checked: a re-render from the report cache needs none

    gevonden = set(papermill.inspect_notebook(str(notebook)))
    if gevonden != NOTEBOOK_PARAMETERS:
        raise InvoerFout(
            notebook, "parameters-cel", f"parameters {sorted(gevonden)}, verwacht {sorted(NOTEBOOK_PARAMETERS)}"
        )
