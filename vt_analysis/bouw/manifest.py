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


# The sources whose place the manifest records, as a message names them; and the key of those outside the repository.
PLEK_NAMEN = {
    "data": "de gegevensmap",
    "params": "het parameterbestand",
    "hoofdstukken": "de hoofdstukkenlijst",
    "tekst": "de tekstset",
}
VANAF_RUN = "bron_paden_vanaf_run"


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


def manifest(run: Run, bronnen_: Bronnen, hoofdstukken: Path, run_map: Path | None = None) -> dict:
    """What produced this report: the sources and their hashes (the render's one :class:`Bronnen`), package
    versions, git commit, document date. ``run_map``: where the run folder is published (for verify's paths)."""
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
    } | bron_paden(run, hoofdstukken, run_map)


def bron_paden(run: Run, hoofdstukken: Path, run_map: Path | None = None) -> dict[str, dict[str, str | None]]:
    """Where the sources were, for verify, never as the machine's absolute path (the edition is the same in any
    checkout or folder): ``bron_paden`` relative to the repository (None outside it); a source outside it in
    ``bron_paden_vanaf_run``, relative to the run folder when it lies beside the output folder (another region's
    params, data and text set: verify finds them after region and output moved together), else None (--params)."""
    tekst = tekstset_map(run.params)
    plekken = {"data": run.data.directory, "params": run.params_bestand, "hoofdstukken": hoofdstukken, "tekst": tekst}
    waar = {soort: paths.naam_in_uitgave(pad) if pad is not None else None for soort, pad in plekken.items()}
    uit = {"bron_paden": waar}
    if run_map is not None and (buiten := [s for s, p in plekken.items() if p is not None and waar[s] is None]):
        uit[VANAF_RUN] = {soort: paths.naam_vanaf_run(plekken[soort], run_map) for soort in buiten}
    return uit
