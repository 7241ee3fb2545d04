"""Benchmark of the wachttijden model (targets: projection of the comparison under 3 s, calibration under 2 s).

Run as ``.venv/bin/python benchmarks/bench_wachttijden.py``; prints the best of a few repeats. Three figures:
the calibration (run-in from the first realisatie, both queues fitted), the projection of the default run's
comparison (its scenarios plus the verzuim variant; scenarios with the same inputs are simulated once), and
the same number of scenarios that all differ (every scenario's fte moved a little), the worst case.
"""

from __future__ import annotations

import os
import time

from vt_analysis import wachttijden as w
from vt_analysis.formatting import aantal, getal
from vt_analysis.prognose import bereken_prognose
from vt_analysis.run import load_run
from vt_analysis.scenarios import vergelijking

HERHALINGEN = 3


def beste_tijd(functie, herhalingen: int = HERHALINGEN) -> float:
    """Best wall-clock time in seconds over ``herhalingen`` calls (the least disturbed run)."""
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - start)
    return min(tijden)


def main() -> None:
    run = load_run()  # the default run: its periods, normset and comparison
    d, p = run.data, run.params
    params = p.wachttijden.model_copy(update={"replicaties": 1000})
    normset = d.normen.normsets[p.normset]
    prognose = bereken_prognose(p.prognose, d, p.besluit_periode, p.peilmoment)
    verg = vergelijking(p.vergelijking, p.scenario_a, p.scenario_b, p.scenario_c, prognose, normset, d.kengetallen)
    kalibratie = w.kalibreer(d, params, p.peilmoment, p.normset)
    verzuim = w.verzuim_basis_pct(d.kengetallen, kalibratie.basisjaar, params)
    scenarios = {str(n): w.scenario_maanden(g, verzuim, params) for n, g in verg.groupby("naam", sort=False)}
    eerste, maanden = next(iter(scenarios.items()))
    hoog = w.verzuim_scenario_pct(d.kengetallen, kalibratie.basisjaar, params)
    scenarios[w.verzuim_naam(eerste, hoog)] = w.met_verzuim(maanden, hoog)
    verschillend = {
        naam: m.assign(fte_beschikbaar=m["fte_beschikbaar"] + 0.01 * i) for i, (naam, m) in enumerate(scenarios.items())
    }
    uniek = len({m.round(9).to_json() for m in scenarios.values()})

    def projecteer(s):
        return lambda: w.projecteer(s, kalibratie, normset, d.wachttijden, params)

    maanden_n = len(maanden)
    projectie = beste_tijd(projecteer(scenarios))
    projectie_verschillend = beste_tijd(projecteer(verschillend))
    kalibreren = beste_tijd(lambda: w.kalibreer(d, params, p.peilmoment, p.normset))
    print(f"machine: {os.cpu_count()} kernen; beste van {HERHALINGEN} keer")
    print(
        f"kalibratie op {kalibratie.basisperiode}, inloop vanaf {kalibratie.inloop['jaar'].iloc[0]} "
        f"({aantal(kalibratie.replicaties)} replicaties): {getal(kalibreren, 2)} s (doel < 2 s)"
    )
    print(
        f"projectie van de vergelijking: {len(scenarios)} scenario's ({uniek} verschillend) × "
        f"{aantal(params.replicaties)} replicaties × {maanden_n} maanden: {getal(projectie, 2)} s (doel < 3 s)"
    )
    print(
        f"projectie van {len(verschillend)} scenario's die allemaal verschillen: {getal(projectie_verschillend, 2)} s"
    )


if __name__ == "__main__":
    main()
