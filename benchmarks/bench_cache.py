"""Render times side by side in one run: cold, again with nothing changed, one chapter changed, and the
generic path (``jupyter nbconvert --execute --to html`` over the same notebooks).

Targets: a re-render with nothing changed ≤ 15% of a cold render, one changed chapter ≤ 35%, a cold
render ≤ 0,35× the generic path. The chapters run from a copy of ``notebooks/`` (so one can be
changed). Both paths start cold, each with its own empty cache folder (``XDG_CACHE_HOME``: the
results, chapter, calibration, projection, chart and PDF caches), so neither reads what the user's
renders or the other path left. The generic path executes each notebook on its own, as a user without
the tool would: every chapter then computes the run itself (its ``resultaten`` is None); from the second
chapter on, the package's own calibration and projection cache serve it.
Usage: .venv/bin/python benchmarks/bench_cache.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.bouw.render import render_report  # noqa: E402
from vt_analysis.invoer.hoofdstuklijst import load_chapters  # noqa: E402


def _render(root: Path, lijst: Path, cache: Path) -> tuple[float, list[str]]:
    start = time.perf_counter()
    uitkomst = render_report(paths.DEFAULT_PARAMS, output_root=root, stil=True, hoofdstukken=lijst, cache_map=cache)
    return time.perf_counter() - start, uitkomst.uit_cache


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        kopie = tmp / "notebooks"
        kopie.mkdir()
        notebooks = [Path(shutil.copy(nb, kopie / nb.name)) for nb in load_chapters()]
        lijst = tmp / "hoofdstukken.yaml"
        lijst.write_text("hoofdstukken:\n" + "".join(f"  - {nb}\n" for nb in notebooks), encoding="utf-8")
        cache, root = tmp / "cache", tmp / "output"
        os.environ["XDG_CACHE_HOME"] = str(tmp / "xdg-render")  # read when a cache is used, not at import

        koud, _ = _render(root, lijst, cache)
        niets, hits_niets = _render(root, lijst, cache)
        gewijzigd = notebooks[len(notebooks) // 2]
        nb = nbformat.read(gewijzigd, as_version=4)
        cel = next(c for c in reversed(nb.cells) if c.cell_type == "code")
        cel.source += "\n# gewijzigd door de benchmark"
        nbformat.write(nb, gewijzigd)
        een, hits_een = _render(root, lijst, cache)

        start = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).with_name("jupyter")), "nbconvert", "--execute", "--to", "html"]
            + ["--output-dir", str(tmp / "generiek"), *map(str, notebooks)],
            check=True,
            capture_output=True,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp / "xdg-generiek")},
        )
        generiek = time.perf_counter() - start

    n = len(notebooks)
    print(f"hoofdstukken: {n}")
    print(f"koud renderen (lege cache):         {fmt.getal(koud, 1):>6} s")
    print(
        f"opnieuw, niets gewijzigd:           {fmt.getal(niets, 1):>6} s  "
        f"= {fmt.procent(100 * niets / koud)} van koud (doel ≤ 15%); uit cache {len(hits_niets)}/{n}"
    )
    print(
        f"opnieuw, één hoofdstuk gewijzigd:   {fmt.getal(een, 1):>6} s  "
        f"= {fmt.procent(100 * een / koud)} van koud (doel ≤ 35%); uit cache {len(hits_een)}/{n} "
        f"({gewijzigd.name} opnieuw)"
    )
    print(
        f"generiek nbconvert --execute:       {fmt.getal(generiek, 1):>6} s  "
        f"koud = {fmt.getal(koud / generiek, 2)}× generiek (doel ≤ 0,35×; generiek maakt geen PDF)"
    )


if __name__ == "__main__":
    main()
