"""What produced a report (``manifest.json``): the sources and their hashes, package versions, git commit."""

from __future__ import annotations

import subprocess
from importlib import metadata
from pathlib import Path

import pypandoc

from vt_analysis.basis import paths
from vt_analysis.bouw.verify import tekstset_map
from vt_analysis.invoer.run import Run
from vt_analysis.invoer.watals import is_wat_als, verschillen
from vt_analysis.opslag.sleutels import Bronnen

PAKKETTEN = (
    "vt-analysis",
    "pandas",
    "altair",
    "vl-convert-python",
    "papermill",
    "nbconvert",
    "pydantic",
    "pypandoc-binary",
    "typst",
    "babel",
    "font-lato",
    "numpy",
)


def git_commit() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        vuil = subprocess.run(
            ["git", "status", "--porcelain"], cwd=paths.ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        return commit + ("+wijzigingen" if vuil else "")
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"


def manifest(run: Run, bronnen_: Bronnen, hoofdstukken: Path) -> dict:
    """What produced this report: the sources and their hashes (the render's one :class:`Bronnen`), package
    versions, git commit, document date."""
    invoer = bronnen_.per_bestand("data", "params", "hoofdstukken", "notebooks", "templates")
    versies = {}
    for naam in PAKKETTEN:
        try:
            versies[naam] = metadata.version(naam)
        except metadata.PackageNotFoundError:
            versies[naam] = "niet geïnstalleerd"
    tekst = tekstset_map(run.params)
    return {
        "run": run.params.run_naam,
        "documentdatum": run.params.documentdatum.isoformat(),
        "params": run.params.model_dump(mode="json"),  # what the next edition compares with (wijzigingen)
        # a what-if: what differs from data/ and the params (None for a real edition, which a what-if never replaces)
        "wat_als": verschillen(run.params, run.data.directory) if is_wat_als(run.params, run.data.directory) else None,
        "git_commit": git_commit(),
        "pandoc": pypandoc.get_pandoc_version(),
        "pakketten": versies,
        "invoer_sha256": invoer,
        # for verify: the same sources per category, keyed independently of the cwd, and where they were
        "bronnen": bronnen_.per_soort(),
        "bron_paden": {
            "data": str(run.data.directory.resolve()),
            "params": str(run.params_bestand.resolve()),
            "hoofdstukken": str(hoofdstukken.resolve()),
            "tekst": str(tekst.resolve()) if tekst else None,
        },
    }
