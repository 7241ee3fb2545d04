"""Benchmark of the wachttijden model (issue targets on this 2-core machine: calibration < 2 s, the
comparison's projection < 3 s, the needed-formation search for every scenario < 5 s, a cold ``compute
--json`` < 8 s).

Run as ``.venv/bin/python benchmarks/bench_wachttijden.py``; prints the best of a few repeats, wall-clock and
the process's CPU time (both threads; on a shared machine the wall-clock time depends on the others' load,
printed too). The scenarios are built as the report builds them (the comparison with the params' recruitment
delay, the norm formation from the month new staff can start). Figures:
the calibration (run-in from the first realisatie, both queues fitted, with the bounds of its interval), the
projection of the default run's comparison (its scenarios plus the verzuim variant, with the annual
indicators and their interval; scenarios with the same inputs are simulated once), the same number of
scenarios that all differ (every scenario's fte moved a little), the worst case, the search for the
formation each term needs (every distinct volume table of the comparison), the sensitivity (the tornado: every
variant refitted and projected, as ``compute`` runs it without its cache), and ``compute --json`` in a fresh
process with an empty cache: the best of three with the compiled steps there (as `make install` leaves them,
the cold compute a user meets), and once without them (the first run after the steps' source changed).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vt_analysis.basis.formatting import aantal, getal
from vt_analysis.basis.paths import DEFAULT_PARAMS
from vt_analysis.invoer.run import load_run
from vt_analysis.model import wachttijden as w
from vt_analysis.model.prognose import bereken_prognose
from vt_analysis.model.scenarios import vergelijking
from vt_analysis.model.wachttijden import formatie, gevoeligheid, stromen, uitvoering
from vt_analysis.model.wachttijden.simulatie import voorbereid
from vt_analysis.opslag import privecache

HERHALINGEN = 3


def beste_tijd(functie, herhalingen: int = HERHALINGEN) -> tuple[float, float]:
    """Best wall-clock time and best CPU time (all threads) in seconds over ``herhalingen`` calls; each call draws
    its random numbers anew (the small draws the model keeps in memory are forgotten first)."""
    tijden, cpu = [], []
    for _ in range(herhalingen):
        stromen.vergeet_trekkingen()
        start, start_cpu = time.perf_counter(), time.process_time()
        functie()
        tijden.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(tijden), min(cpu)


def _s(tijd: tuple[float, float]) -> str:
    return f"{getal(tijd[0], 2)} s (cpu {getal(tijd[1], 2)} s)"


def main() -> None:
    run = load_run()  # the default run: its periods, normset and comparison
    d, p = run.data, run.params
    params = p.wachttijden  # as the report runs it
    normset = d.normen.normsets[p.normset]
    prognose = bereken_prognose(p.prognose, d, p.besluit_periode, p.peilmoment)
    werving = params.wervingsduur_maanden
    verg = vergelijking(
        p.vergelijking, p.scenario_a, p.scenario_b, p.scenario_c, prognose, normset, d.kengetallen, werving
    )
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
        return lambda: w.projecteer_jaren(s, kalibratie, normset, d.wachttijden, params)

    vergeleken = {n: m for n, m in scenarios.items() if n in set(verg["naam"])}
    norm = (
        d.kengetallen.triage_binnen_5_werkdagen_norm_pct.waarde,
        d.kengetallen.onderzoek_binnen_10_weken_norm_pct.waarde,
    )
    zoeken = beste_tijd(
        lambda: w.normformaties(vergeleken, kalibratie, normset, d.wachttijden, params.seed, norm, werving), 1
    )
    volumes = len({formatie._volumetabel(m, werving) for m in vergeleken.values()})
    tornado_invoer = uitvoering.gevoeligheid_invoer(run, verg, scenarios)
    varianten = len(gevoeligheid.varianten(d)) + 1
    tornado = beste_tijd(lambda: gevoeligheid.gevoeligheid(d, params, p.peilmoment, p.normset, *tornado_invoer), 1)

    maanden_n = len(maanden)
    projectie = beste_tijd(projecteer(scenarios))
    projectie_verschillend = beste_tijd(projecteer(verschillend))
    kalibreren = beste_tijd(lambda: w.kalibreer(d, params, p.peilmoment, p.normset))
    belasting = ", ".join(getal(x, 1) for x in os.getloadavg())
    print(
        f"machine: {os.cpu_count()} kernen, belasting {belasting}; beste van {HERHALINGEN} keer; cpu: de tijd van "
        "alle threads samen (op een gedeelde machine de maat: de wandkloktijd hangt van de anderen af)"
    )
    print(
        f"kalibratie op {kalibratie.basisperiode}, inloop vanaf {kalibratie.inloop['jaar'].iloc[0]} "
        f"({aantal(kalibratie.replicaties)} replicaties): {_s(kalibreren)} (doel < 2 s)"
    )
    print(
        f"projectie van de vergelijking: {len(scenarios)} scenario's ({uniek} verschillend) × "
        f"{aantal(params.replicaties)} replicaties × {maanden_n} maanden: {_s(projectie)} (doel < 3 s)"
    )
    print(f"projectie van {len(verschillend)} scenario's die allemaal verschillen: {_s(projectie_verschillend)}")
    print(
        f"normformatie voor {len(vergeleken)} scenario's ({volumes} verschillende volumes): {_s(zoeken)} (doel < 5 s)"
    )
    print(
        f"gevoeligheid: {varianten} varianten (de basis meegeteld) × {aantal(gevoeligheid.REPLICATIES)} replicaties, "
        f"elk opnieuw gekalibreerd en geprojecteerd: {_s(tornado)}"
    )
    voorbereid()  # the compiled steps in the private cache folder, as `make install` leaves them
    gecompileerd = privecache.cache_map()
    keren = [_compute_koud(gecompileerd) for _ in range(HERHALINGEN)]
    alle = ", ".join(getal(t[0], 2) for t in keren)
    koud = _s(min(keren))
    print(f"compute --json, koud (lege resultatencache, nieuw proces): {koud} (doel < 8 s; de keren: {alle} s)")
    print(f"compute --json, de eerste keer (ook de stappen nog te compileren): {_s(_compute_koud(None))}")


def _compute_koud(gecompileerd) -> tuple[float, float]:
    """``compute --json`` in a fresh process with an empty private cache, holding only the compiled steps of
    ``gecompileerd`` (the private cache folder after `make install`; None: nothing compiled yet either)."""
    with tempfile.TemporaryDirectory() as cache:
        if gecompileerd is not None and (gecompileerd / "numba").is_dir():
            doel = Path(cache) / "vt-analysis" / "numba"
            shutil.copytree(gecompileerd / "numba", doel)
        start, kind = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [sys.executable, "-m", "vt_analysis.cli", "compute", "--params", str(DEFAULT_PARAMS), "--json"],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "XDG_CACHE_HOME": cache},
        )
        wand = time.perf_counter() - start
        na = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wand, (na.ru_utime + na.ru_stime) - (kind.ru_utime + kind.ru_stime)


if __name__ == "__main__":
    main()
