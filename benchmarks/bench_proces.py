"""Wall time of whole processes, as a user meets them: ``vt-analysis --help``, a cold render (empty cache
folder) and a re-render with nothing changed, each a fresh ``vt-analysis`` process (start-up, imports and
shutdown included). Prints the re-render as a share of the cold render; target ≤ 10%.

Each measurement is one process; the help is the median of three. The cache folder (``XDG_CACHE_HOME``) and
the output folder are temporary, so nothing of the user's caches is read or changed.
Usage: .venv/bin/python benchmarks/bench_proces.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths

VT_ANALYSIS = Path(sys.executable).with_name("vt-analysis")


def _wandtijd(argumenten: list[str], omgeving: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(VT_ANALYSIS), *argumenten], check=True, capture_output=True, env=omgeving, cwd=paths.ROOT)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        omgeving = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        hulp = statistics.median(_wandtijd(["--help"], omgeving) for _ in range(3))
        render = ["render", "--params", str(paths.DEFAULT_PARAMS), "--output", str(Path(tmp) / "uit")]
        koud = _wandtijd(render, omgeving)
        warm = _wandtijd(render, omgeving)
    print(f"vt-analysis --help:                 {fmt.getal(hulp, 2):>6} s")
    print(f"render, koud (lege cache):          {fmt.getal(koud, 1):>6} s")
    print(
        f"render, niets gewijzigd:            {fmt.getal(warm, 1):>6} s  "
        f"= {fmt.procent(100 * warm / koud)} van koud (doel ≤ 10%)"
    )


if __name__ == "__main__":
    main()
