"""Render the default run N times in a row (default 20): wall time per run, per step, and failures.

The parallel execution of chapters (two kernels at once, unix sockets per kernel) is only worth
keeping if it is robust; this prints how many of N renders failed, and the time split over
execution, HTML and PDF. Usage: .venv/bin/python benchmarks/bench_render.py [N] [WORKERS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.bouw.render import render_report  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    tijden, stappen, fouten = [], {}, []
    with tempfile.TemporaryDirectory() as root:
        for i in range(n):
            start = time.perf_counter()
            try:
                uitkomst = render_report(paths.DEFAULT_PARAMS, output_root=Path(root), stil=True, workers=workers)
            except Exception as exc:  # a benchmark counts failures instead of stopping
                fouten.append(f"run {i + 1}: {exc}")
                continue
            tijden.append(time.perf_counter() - start)
            for stap, sec in uitkomst.tijden_s.items():
                stappen.setdefault(stap, []).append(sec)
    print(f"renders: {n}, workers: {workers}, mislukt: {len(fouten)}")
    for f in fouten:
        print("  ", f)
    if tijden:
        print(
            f"wandtijd per render: mediaan {fmt.getal(statistics.median(tijden), 1)} s, "
            f"min {fmt.getal(min(tijden), 1)} s, max {fmt.getal(max(tijden), 1)} s"
        )
        for stap, secs in stappen.items():
            print(f"  {stap:<10} mediaan {fmt.getal(statistics.median(secs), 2)} s")


if __name__ == "__main__":
    main()
