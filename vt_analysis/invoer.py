"""What a result depends on, as one SHA-256: the key of the results cache and of the chapter cache.

Light on purpose (hashlib only), so that ``compute`` can look up cached results without loading
the rendering stack. The caches live in a per-user folder that only its owner can read.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import __version__, paths, privecache

# Files whose content every result depends on, besides the run's own inputs.
OMGEVING = ("requirements.lock", "pyproject.toml")


_TIJDELIJK: list[Path] = []


def standaard_map() -> Path:
    """The per-user private cache folder of :mod:`privecache` (0700, owned by this user).

    When no safe folder can be made, one private temporary folder for this process, removed when it ends
    (:func:`ruim_tijdelijk_op`): nothing is then reused between runs, nothing is read from or written to a
    folder another user controls, and nothing is left in ``$TMPDIR``.
    """
    map_ = privecache.cache_map()
    if map_ is not None:
        return map_
    if not _TIJDELIJK:
        _TIJDELIJK.append(Path(tempfile.mkdtemp(prefix="vt-analysis-")))
        atexit.register(ruim_tijdelijk_op)
    return _TIJDELIJK[0]


def ruim_tijdelijk_op() -> None:
    """Remove this process's temporary cache folder (also called before a render ends on a signal)."""
    while _TIJDELIJK:
        shutil.rmtree(_TIJDELIJK.pop(), ignore_errors=True)


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
