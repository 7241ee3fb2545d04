"""Chapter cache: an executed chapter is reused as long as nothing it reads has changed.

Storage and matching are jupyter-cache's (the executable-books cache): it stores executed notebooks
under the hash of their code cells. What a chapter reads besides its own code (the run's params and
results.json, the data files, the package source and the lock file, and the text blocks it shows) is
folded into one SHA-256, the *invoer*, which goes into the hashed notebook as an extra first code cell.
The text blocks are those its code names in ``tekst.toon("naam", ...)`` (:func:`tekst.blokken_in_code`;
the whole text set when the code reads it another way), so a changed sentence re-executes only the
chapters that show it. A changed input changes that cell and so misses the cache; a changed Markdown cell
does not need a new execution (jupyter-cache hashes code cells only, the Markdown comes from the
notebook as it is now). The cached notebook holds the outputs; on a hit the runner writes the chapter
with papermill's parameters cell for this render, so the executed notebook looks like a fresh one.

The cache is a convenience, never a source of truth. An entry is used only when its notebook file is a
regular file of this user, reached without a symlink, whose SHA-256 is the one recorded when it was stored:
a truncated, altered, emptied or swapped entry executes again. A cache that cannot be read at all (a damaged
or emptied database, a read-only or vanished folder) is set up anew once, and otherwise left out: the
chapters then execute and the report is the same, byte for byte. Renders of different runs share the cache
under a lock file (one cache operation at a time).
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import json
import os
import re
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
from sqlalchemy.exc import SQLAlchemyError

from vt_analysis.opslag.sleutels import invoer_sha256, omgeving_sha256, standaard_map
from vt_analysis.tekst.blokken import EXTENSIE, blokken_in_code

__all__ = ["HoofdstukCache", "invoer_sha256", "omgeving_sha256", "parameters_sha256", "standaard_map"]

_HASH = re.compile(r"[0-9a-f]{32}")
# What a damaged or unusable cache raises: the folder, the database, the notebook in it.
_KAPOT = (OSError, SQLAlchemyError, RuntimeError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError)


def _lees_eigen(pad: Path, basis: Path) -> bytes | None:
    """The bytes of a cache file: a regular file of this user, no symlink between ``basis`` and it; else None."""
    for deel in [*reversed(pad.relative_to(basis).parents)][1:]:
        info = os.lstat(basis / deel)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
    fd = os.open(pad, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(fd)


class HoofdstukCache:
    """Executed chapters by notebook and invoer; all calls from one thread (jupyter-cache uses SQLite)."""

    def __init__(self, map_: Path, invoer: str, parameters: dict, tekstset: Path | None = None):
        """``invoer``: the SHA-256 of what every chapter reads; ``tekstset``: the run's text set folder."""
        self.map = Path(map_) / "hoofdstukken"
        self.invoer = invoer
        self.parameters = parameters
        self.tekstset = Path(tekstset) if tekstset is not None else None
        self.cache = None
        self._hersteld = False
        self._open()

    def _open(self) -> None:
        try:
            self.map.mkdir(parents=True, exist_ok=True, mode=0o700)
            info = os.lstat(self.map)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                return
        except OSError:
            return  # no folder to use (a file, read-only, not ours): without cache
        try:
            cache = get_cache(str(self.map))
            with self._slot():
                cache.list_cache_records()  # reads the database: a damaged one fails here, not mid-render
            self.cache = cache
        except _KAPOT:
            self.cache = None
            if not self._hersteld:  # a damaged database: the folder is ours, set it up anew once
                self._hersteld = True
                shutil.rmtree(self.map, ignore_errors=True)
                self._open()

    @contextmanager
    def _slot(self):
        """One cache operation at a time across processes (two renders of different runs share the cache)."""
        fd = os.open(self.map / ".lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _herstel(self) -> None:
        """A cache that failed: removed and set up anew (once per render); left out when that fails too."""
        if self.cache is not None:
            try:
                self.cache.db.dispose()
            except _KAPOT:
                pass
        self.cache = None
        if not self._hersteld:
            self._hersteld = True
            shutil.rmtree(self.map, ignore_errors=True)
            self._open()

    def invoer_van(self, nb: nbformat.NotebookNode) -> str:
        """The invoer of one chapter: the common invoer plus the text blocks this chapter shows."""
        if self.tekstset is None:
            return self.invoer
        namen = blokken_in_code(c.source for c in nb.cells if c.cell_type == "code")
        if namen is None:
            return invoer_sha256(self.invoer, "hele tekstset", mappen=[self.tekstset])
        bestanden = [self.tekstset / f"{naam}{EXTENSIE}" for naam in sorted(namen)]
        # the names too: a block that does not exist (yet) counts as well, and fails the chapter
        return invoer_sha256(
            self.invoer, *(f"blok {n}" for n in sorted(namen)), bestanden=[b for b in bestanden if b.is_file()]
        )

    def _sleutel_notebook(self, notebook: Path) -> tuple[nbformat.NotebookNode, str]:
        nb = nbformat.read(notebook, as_version=4)
        invoer = self.invoer_van(nb)
        cel = nbformat.v4.new_code_cell(f"# vt-analysis invoer sha256:{invoer}")
        cel.id = "vt-analysis-invoer"
        nb.cells.insert(0, cel)
        return nb, invoer

    def _opgeslagen(self, sleutel: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
        """The cached execution of the keyed notebook, verified; None on a miss or a bad entry."""
        try:
            record = self.cache.match_cache_notebook(sleutel)
        except KeyError:
            return None
        verwacht = (record.data or {}).get("sha256")
        if not _HASH.fullmatch(str(record.hashkey)) or not isinstance(verwacht, str):
            return None
        try:
            ruw = _lees_eigen(self.map / "executed" / record.hashkey / "base.ipynb", self.map)
        except OSError:  # gone, a symlink (O_NOFOLLOW), unreadable: a miss, the rest of the cache still serves
            return None
        if ruw is None or hashlib.sha256(ruw).hexdigest() != verwacht:
            return None
        return nbformat.reads(ruw.decode("utf-8"), as_version=4)

    def haal(self, notebook: Path, uitvoer: Path) -> bool:
        """Write the cached execution of ``notebook`` to ``uitvoer``; False when there is none (or none to trust)."""
        if self.cache is None:
            return False
        sleutel, _ = self._sleutel_notebook(notebook)
        try:
            with self._slot():
                opgeslagen = self._opgeslagen(sleutel)
        except _KAPOT:
            self._herstel()
            return False
        code = [c for c in sleutel.cells if c.cell_type == "code"]
        if opgeslagen is None or len(opgeslagen.cells) != len(code):
            return False
        uitkomst = {cel.id: bewaard for cel, bewaard in zip(code[1:], opgeslagen.cells[1:], strict=True)}
        nb = parameterize_notebook(
            load_notebook_node(str(notebook)), self.parameters, kernel_name="python3", language="python"
        )
        for cel in nb.cells:
            if cel.cell_type == "code" and cel.id in uitkomst:
                cel.outputs = uitkomst[cel.id].outputs
                cel.execution_count = uitkomst[cel.id].execution_count
        nb.metadata.update({k: v for k, v in opgeslagen.metadata.items() if k in ("kernelspec", "language_info")})
        nbformat.write(nb, uitvoer)
        return True

    def bewaar(self, notebook: Path, uitvoer: Path) -> None:
        """Store the outputs of a chapter papermill just executed into ``uitvoer`` (when the cache works)."""
        if self.cache is None:
            return
        uitgevoerd = {c.id: c for c in nbformat.read(uitvoer, as_version=4).cells if c.cell_type == "code"}
        nb, invoer = self._sleutel_notebook(notebook)
        for cel in nb.cells:
            if cel.cell_type == "code" and cel.id in uitgevoerd:
                cel.outputs = copy.deepcopy(uitgevoerd[cel.id].outputs)
                cel.execution_count = uitgevoerd[cel.id].execution_count
        try:
            # the file jupyter-cache writes, to check it against on reading
            inhoud = nbformat.writes(self.cache.create_hashed_notebook(nb)[0], nbformat.NO_CONVERT).encode("utf8")
            data = {"invoer": invoer, "sha256": hashlib.sha256(inhoud).hexdigest()}
            with self._slot():
                self.cache.cache_notebook_bundle(
                    CacheBundleIn(nb, uri=str(notebook), data=data), check_validity=False, overwrite=True
                )
        except _KAPOT:
            self._herstel()


def parameters_sha256(parameters: dict) -> str:
    """The injected parameters without their paths (a render folder's path differs every time)."""
    zonder_paden = {k: v for k, v in parameters.items() if k not in ("data_dir", "resultaten")}
    return hashlib.sha256(json.dumps(zonder_paden, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
