"""The report cache: a re-render with nothing changed publishes the report made last time, bytes and all.

A render is deterministic (same sources, same bytes), so the whole run folder it wrote is kept in the private
cache (:mod:`privecache`: verified on reading) under a key over everything the report is made of: every source
with its hash (:class:`invoer.Bronnen`: data, params, chapters, templates, text blocks, the environment), where
the sources are as the report names them (the manifest's ``bron_paden``, a what-if's data folder), the previous
edition's files the changes chapter reads, and the git commit (the manifest records it). Any change misses,
and the render makes the report as always.
"""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterable
from pathlib import Path

from vt_analysis.opslag import privecache
from vt_analysis.opslag.sleutels import Bronnen, invoer_sha256


def sleutel(bronnen: Bronnen, plekken: dict, uitgave: Iterable[Path], commit: str) -> str:
    """The key of a report: its sources' hashes, their places as the report names them (the manifest's
    ``bron_paden``, never the machine's absolute paths), the previous edition and the commit."""
    return invoer_sha256(
        "rapport",
        json.dumps(bronnen.per_soort(), sort_keys=True),
        json.dumps(plekken, sort_keys=True),
        commit,
        bestanden=uitgave,
    )


def _pad(cache_map: Path, sleutel_: str) -> Path:
    return Path(cache_map) / "rapport" / f"{sleutel_}.tar"


def aanwezig(cache_map: Path, sleutel_: str) -> bool:
    """Whether an entry exists (it is verified when taken: :func:`haal`)."""
    return _pad(cache_map, sleutel_).is_file()


def haal(cache_map: Path, sleutel_: str, werkmap: Path) -> bool:
    """Unpack the report of ``sleutel_`` into the (empty) working folder; False when missing or damaged."""
    inhoud = privecache.lees(_pad(cache_map, sleutel_))
    if inhoud is None:
        return False
    try:
        with tarfile.open(fileobj=io.BytesIO(inhoud)) as tar:
            tar.extractall(werkmap, filter="data")  # regular files and folders below werkmap only
    except (tarfile.TarError, OSError):
        for pad in sorted(werkmap.rglob("*"), reverse=True):  # leave the working folder empty again
            pad.rmdir() if pad.is_dir() else pad.unlink()
        return False
    return True


def bewaar(cache_map: Path, sleutel_: str, werkmap: Path) -> None:
    """Keep the finished run folder (before it is published) under ``sleutel_``."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for pad in sorted(werkmap.rglob("*")):
            if pad.is_file() and not pad.is_symlink():
                tar.add(pad, arcname=pad.relative_to(werkmap).as_posix(), recursive=False)
    privecache.schrijf(_pad(cache_map, sleutel_), buffer.getvalue())
