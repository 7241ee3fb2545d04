"""All project paths in one place, computed from the package location (never from the cwd)."""

import os
from functools import lru_cache
from pathlib import Path

PAKKET_DIR = Path(__file__).resolve().parents[1]  # vt_analysis/
ROOT = PAKKET_DIR.parent
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORT_DIR = ROOT / "report"
PARAMS_DIR = REPORT_DIR / "params"
OUTPUT_DIR = REPORT_DIR / "output"
TEMPLATE_DIR = REPORT_DIR / "templates"
CHAPTERS_FILE = REPORT_DIR / "hoofdstukken.yaml"
DEFAULT_PARAMS = PARAMS_DIR / "burap2-2024.yaml"

VOLUMES_FILE = "volumes.csv"
NORMEN_FILE = "normen.yaml"
KENGETALLEN_FILE = "kengetallen.yaml"
CLAIMS_FILE = "claims.csv"
WACHTTIJDEN_FILE = "wachttijden.yaml"
HISTORIE_FILE = "wachttijden_historie.csv"  # optional


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """The sans font that ships with the project (Lato, SIL OFL, from the font-lato wheel): for the charts,
    the HTML and Typst alike. Here, so the PDF path finds it without loading the chart stack."""
    import font_lato

    return Path(font_lato.__file__).parent / "files"


def naam_in_uitgave(path: Path, basis: Path | None = None) -> str | None:
    """A source's path as an edition records it (manifest, cache keys): relative to the repository, else to
    ``basis`` (the params file's folder); None elsewhere. Never the machine's absolute path: the same run in
    another checkout or folder gives the same edition."""
    pad = Path(path).resolve()
    for wortel in (ROOT, basis):
        if wortel is not None and pad.is_relative_to(Path(wortel).resolve()):
            return pad.relative_to(Path(wortel).resolve()).as_posix()
    return None


# A source outside the repository is recorded relative to the run folder when it lies below the folder that holds
# the output folder (a region with its output beside or inside it): at most this many ``..`` from the run folder,
# so the path names no folder of the machine and holds when region and output move together.
OMHOOG_VANAF_RUN = 2


def naam_vanaf_run(path: Path, run_map: Path) -> str | None:
    """A source's path relative to the run folder (``../../regio/x.yaml``), when it lies below the folder that
    holds the output folder; None elsewhere (a path climbing further would spell out the machine's folders)."""
    pad, run = Path(path).resolve(), Path(run_map).resolve()
    if len(run.parents) <= OMHOOG_VANAF_RUN:  # that folder would be the file system's root
        return None
    if not pad.is_relative_to(run.parents[OMHOOG_VANAF_RUN - 1]):
        return None
    return Path(os.path.relpath(pad, run)).as_posix()


def display_path(path: Path) -> str:
    """A path as a person wants to read it in a message: relative to the cwd when possible."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # not below the cwd, or a symlink loop
        return str(path)
