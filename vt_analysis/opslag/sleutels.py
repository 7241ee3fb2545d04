"""What a result depends on: the sources of a report with their SHA-256, and keys over them.

One definition of the environment (:func:`pakket_sha256`: the package's modules, the lock file, pyproject.toml
and the Python version) serves the caches' keys (:func:`omgeving_sha256`), the manifest and ``verify``; one
:class:`Bronnen` per render holds every source's hash, hashed once. Light on purpose (hashlib only), so that
``compute`` can look up cached results without loading the rendering stack. The caches live in a per-user
folder that only its owner can read.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from vt_analysis.basis import paths
from vt_analysis.opslag import privecache

PAKKET_MAP = paths.PAKKET_DIR
LOCK_BESTAND = paths.ROOT / "requirements.lock"
PYPROJECT = paths.ROOT / "pyproject.toml"
PYTHON_NAAM = "python"  # the environment's entry for the interpreter's version (no file)


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


def sha256(pad: Path) -> str:
    """The SHA-256 of one file, read in blocks."""
    h = hashlib.sha256()
    with open(pad, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


_PAKKET: dict[tuple, dict[str, str]] = {}


def _omgeving_bestanden() -> list[Path]:
    return [*sorted(PAKKET_MAP.rglob("*.py")), *(p for p in (LOCK_BESTAND, PYPROJECT) if p.is_file())]


def pakket_sha256() -> dict[str, str]:
    """The environment every result is computed in: the package's modules, the pinned versions of everything
    else (lock file, pyproject.toml) and the Python version, each with its SHA-256.

    Kept per process while no file's size or modification time changes (a render asks for it for every
    figure and cache key; a stat of the files costs a millisecond, reading them far more).
    """
    bestanden = _omgeving_bestanden()
    kenmerk = (sys.version, LOCK_BESTAND, *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in bestanden))
    if kenmerk not in _PAKKET:
        _PAKKET.clear()
        uit = {
            (p.relative_to(PAKKET_MAP.parent).as_posix() if p.is_relative_to(PAKKET_MAP) else p.name): sha256(p)
            for p in bestanden
        }
        uit[PYTHON_NAAM] = hashlib.sha256(sys.version.encode()).hexdigest()
        _PAKKET[kenmerk] = uit
    return dict(_PAKKET[kenmerk])


def omgeving_sha256() -> str:
    """The environment (:func:`pakket_sha256`) as one SHA-256: part of every cache key."""
    return invoer_sha256(*(f"{naam} {sha}" for naam, sha in sorted(pakket_sha256().items())))


def _boom(map_: Path | None) -> dict[str, tuple[Path, str]]:
    if map_ is None or not map_.is_dir():
        return {}
    return {p.relative_to(map_).as_posix(): (p, sha256(p)) for p in sorted(map_.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Bronnen:
    """Every source of a report with its SHA-256, per category (data, params, hoofdstukken, notebooks,
    templates, tekst, pakket), keyed by a name that does not depend on the cwd. Built once per render: the
    manifest records it, ``verify`` builds it again from the files now and compares, the caches key on its
    environment."""

    paden: dict[str, dict[str, tuple[Path | None, str]]]

    @classmethod
    def van(
        cls,
        data_bestanden: Iterable[Path],
        params_bestand: Path,
        vorige_params: Path | None,
        hoofdstukken: Path,
        notebooks: Iterable[Path],
        tekst_map: Path | None,
        vorige_uitgave: dict[str, Path] | None = None,
    ) -> Bronnen:
        """``vorige_uitgave``: the previous edition's files the changes chapter reads, by their manifest name."""
        params = {"params": (params_bestand, sha256(params_bestand))}
        if vorige_params is not None:  # the changes chapter computes the previous run too
            params["vorige_run"] = (vorige_params, sha256(vorige_params))
        for naam, pad in (vorige_uitgave or {}).items():
            params[naam] = (pad, sha256(pad))
        pakket = {n: (None if n == PYTHON_NAAM else _pakket_pad(n), sha) for n, sha in pakket_sha256().items()}
        return cls(
            {
                "data": {p.name: (p, sha256(p)) for p in data_bestanden},
                "params": params,
                "hoofdstukken": {"hoofdstukken": (hoofdstukken, sha256(hoofdstukken))},
                "notebooks": {p.name: (p, sha256(p)) for p in notebooks},
                "templates": _boom(paths.TEMPLATE_DIR),
                "tekst": _boom(tekst_map),
                "pakket": pakket,
            }
        )

    def per_soort(self) -> dict[str, dict[str, str]]:
        """The hashes per category: what the manifest records and ``verify`` compares."""
        return {soort: {naam: sha for naam, (_, sha) in items.items()} for soort, items in self.paden.items()}

    def per_bestand(self, *soorten: str, basis: Path | None = None) -> dict[str, str]:
        """The hashes of some categories keyed by the file's path relative to the repository or ``basis`` (the
        params file's folder), else its name: the same keys in any checkout (:func:`paths.naam_in_uitgave`)."""
        return {
            paths.naam_in_uitgave(pad, basis) or pad.name: sha
            for soort in soorten
            for pad, sha in self.paden[soort].values()
            if pad is not None
        }

    @property
    def omgeving(self) -> str:
        """The environment's key, the same as :func:`omgeving_sha256` when the files did not change since."""
        return invoer_sha256(*(f"{naam} {sha}" for naam, sha in sorted(self.per_soort()["pakket"].items())))


def _pakket_pad(naam: str) -> Path:
    return PAKKET_MAP.parent / naam if "/" in naam else paths.ROOT / naam
