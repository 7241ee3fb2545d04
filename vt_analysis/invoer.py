"""What a result depends on, as one SHA-256: the key of the results cache and of the chapter cache.

Light on purpose (hashlib only), so that ``compute`` can look up cached results without loading
the rendering stack. The caches live in a per-user folder that only its owner can read.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import __version__, paths, privecache

# Files whose content every result depends on, besides the run's own inputs.
OMGEVING = ("requirements.lock", "pyproject.toml")


def standaard_map() -> Path:
    """The per-user private cache folder of :mod:`privecache` (0700, owned by this user).

    When no safe folder can be made, a fresh private temporary folder: nothing is then reused
    between runs, but nothing is read from or written to a folder another user controls.
    """
    return privecache.cache_map() or Path(tempfile.mkdtemp(prefix="vt-analysis-"))


def _bestanden(map_: Path) -> list[Path]:
    if not map_.is_dir():
        return []
    return sorted(p for p in map_.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def invoer_sha256(
    *delen: bytes | str, bestanden: Iterable[Path] = (), mappen: Iterable[Path] = (), basis: Path = paths.ROOT
) -> str:
    """One SHA-256 over byte strings, files (name and content) and every file below some folders."""
    h = hashlib.sha256()

    def voeg(naam: str, inhoud: bytes) -> None:
        for stuk in (naam.encode(), len(inhoud).to_bytes(8, "big"), inhoud):
            h.update(stuk)

    for deel in delen:
        voeg("deel", deel.encode() if isinstance(deel, str) else deel)
    alle = [Path(b) for b in bestanden] + [p for m in mappen for p in _bestanden(Path(m))]
    for pad in alle:
        try:
            naam = str(pad.resolve().relative_to(basis.resolve()))
        except ValueError:
            naam = pad.name
        voeg(naam, pad.read_bytes())
    return h.hexdigest()


def omgeving_sha256() -> str:
    """The package source, the lock file and the Python version: what every chapter's kernel runs on."""
    return invoer_sha256(
        f"vt-analysis {__version__} python {sys.version}",
        bestanden=[paths.ROOT / n for n in OMGEVING if (paths.ROOT / n).is_file()],
        mappen=[Path(__file__).resolve().parent],
    )
