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
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from .invoer import invoer_sha256, omgeving_sha256, standaard_map
from .tekst import EXTENSIE, blokken_in_code

__all__ = ["HoofdstukCache", "invoer_sha256", "omgeving_sha256", "parameters_sha256", "standaard_map"]


class HoofdstukCache:
    """Executed chapters by notebook and invoer; all calls from one thread (jupyter-cache uses SQLite)."""

    def __init__(self, map_: Path, invoer: str, parameters: dict, tekstset: Path | None = None):
        """``invoer``: the SHA-256 of what every chapter reads; ``tekstset``: the run's text set folder."""
        map_ = Path(map_)
        map_.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.cache = get_cache(str(map_ / "hoofdstukken"))
        self.invoer = invoer
        self.parameters = parameters
        self.tekstset = Path(tekstset) if tekstset is not None else None

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

    def haal(self, notebook: Path, uitvoer: Path) -> bool:
        """Write the cached execution of ``notebook`` to ``uitvoer``; False when there is none."""
        try:
            _, samen = self.cache.merge_match_into_notebook(self._sleutel_notebook(notebook)[0])
        except KeyError:
            return False
        uitkomst = {c.id: c for c in samen.cells[1:] if c.cell_type == "code"}
        nb = parameterize_notebook(
            load_notebook_node(str(notebook)), self.parameters, kernel_name="python3", language="python"
        )
        for cel in nb.cells:
            if cel.cell_type == "code" and cel.id in uitkomst:
                cel.outputs = uitkomst[cel.id].outputs
                cel.execution_count = uitkomst[cel.id].execution_count
        nb.metadata.update({k: v for k, v in samen.metadata.items() if k in ("kernelspec", "language_info")})
        nbformat.write(nb, uitvoer)
        return True

    def bewaar(self, notebook: Path, uitvoer: Path) -> None:
        """Store the outputs of a chapter papermill just executed into ``uitvoer``."""
        uitgevoerd = {c.id: c for c in nbformat.read(uitvoer, as_version=4).cells if c.cell_type == "code"}
        nb, invoer = self._sleutel_notebook(notebook)
        for cel in nb.cells:
            if cel.cell_type == "code" and cel.id in uitgevoerd:
                cel.outputs = copy.deepcopy(uitgevoerd[cel.id].outputs)
                cel.execution_count = uitgevoerd[cel.id].execution_count
        self.cache.cache_notebook_bundle(
            CacheBundleIn(nb, uri=str(notebook), data={"invoer": invoer}), check_validity=False, overwrite=True
        )


def parameters_sha256(parameters: dict) -> str:
    """The injected parameters without their paths (a render folder's path differs every time)."""
    zonder_paden = {k: v for k, v in parameters.items() if k not in ("data_dir", "resultaten")}
    return hashlib.sha256(json.dumps(zonder_paden, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
