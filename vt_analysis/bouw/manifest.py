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
    basis = run.params.params_map
    invoer = bronnen_.per_bestand("data", "params", "hoofdstukken", "notebooks", "templates", basis=basis)
    versies = {}
    for naam in PAKKETTEN:
        try:
            versies[naam] = metadata.version(naam)
        except metadata.PackageNotFoundError:
            versies[naam] = "niet geïnstalleerd"
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
        "bron_paden": bron_paden(run, hoofdstukken),
    }


def bron_paden(run: Run, hoofdstukken: Path) -> dict[str, str | None]:
    """Where the sources were, for verify: relative to the repository (None outside it, where verify takes the
    folders from ``--params``); never the machine's absolute path, so the edition is the same in any checkout."""
    tekst = tekstset_map(run.params)
    plekken = {"data": run.data.directory, "params": run.params_bestand, "hoofdstukken": hoofdstukken, "tekst": tekst}
    return {soort: paths.naam_in_uitgave(pad) if pad is not None else None for soort, pad in plekken.items()}
