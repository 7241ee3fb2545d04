"""Benchmark of the wachttijden model: 1.000 replicaties × 2 jaar of working days (target: under 2 s).

Run as ``.venv/bin/python benchmarks/bench_wachttijden.py``; prints the best of a few repeats.
"""

from __future__ import annotations

import time

import numpy as np

from vt_analysis import wachttijden as w
from vt_analysis.formatting import aantal, getal
from vt_analysis.run import load_run

HERHALINGEN = 5


def beste_tijd(functie, herhalingen: int = HERHALINGEN) -> float:
    """Best wall-clock time in seconds over ``herhalingen`` calls (the least disturbed run)."""
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - start)
    return min(tijden)


def main() -> None:
    run = load_run()  # the default run: its periods and normset
    dataset, p = run.data, run.params
    params = w.WachttijdenParams(replicaties=1000)
    normset = dataset.normen.normsets[p.normset]
    kalibratie = w.kalibreer(dataset, params, p.peilmoment, p.normset)
    scenario = w.standaard_scenarios(
        dataset, params, p.besluit_periode, p.peilmoment, sorted(dataset.kengetallen.fte_beschikbaar)
    )[0]
    reeks = w.dagreeks(scenario.jaren, normset, params, kalibratie.factor_triage, kalibratie.factor_onderzoek)
    werkdagen = reeks.meldingen_per_dag.size

    simulatie = beste_tijd(
        lambda: w.simuleer(reeks, params.replicaties, np.random.default_rng(params.seed), kalibratie.eindstand)
    )
    res = w.simuleer(reeks, params.replicaties, np.random.default_rng(params.seed), kalibratie.eindstand)
    maanden = beste_tijd(lambda: w.maandoverzicht(res))
    kalibreren = beste_tijd(lambda: w.kalibreer(dataset, params, p.peilmoment, p.normset), herhalingen=3)

    print(
        f"{aantal(params.replicaties)} replicaties × {len(scenario.jaren)} jaar ({aantal(werkdagen)} werkdagen): "
        f"{getal(simulatie, 2)} s (beste van {HERHALINGEN})"
    )
    print(f"maandoverzicht van die simulatie: {getal(maanden, 2)} s (beste van {HERHALINGEN})")
    print(
        f"kalibratie op {kalibratie.basisperiode} ({aantal(params.replicaties)} replicaties): "
        f"{getal(kalibreren, 2)} s (beste van 3)"
    )


if __name__ == "__main__":
    main()
