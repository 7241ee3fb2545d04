"""The queue model of one run, its parts in the order they need each other.

The scenarios' month tables come from the comparison and the base year alone (no fit needed). The
calibration on the peilmoment is the critical path: the projection and the norm formations start from it.
The other start (an empty queue at the start of the base year, or the run-in when waiting lists were
measured) and the tornado fit queues of their own, so they run beside it. Every part is a task for the two threads of
:mod:`vt_analysis.basis.taken` and draws its own keyed random numbers: the figures do not depend on which part
finishes first, and are the same as when the parts run one after the other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

import pandas as pd

from vt_analysis.basis import taken
from vt_analysis.basis.taken import Taak, samen
from vt_analysis.invoer.beginstand import wachtlijsten_van
from vt_analysis.model.wachttijden.beginstand import uit_wachtlijst
from vt_analysis.model.wachttijden.cache import kalibratie_sleutel, kalibreer_met_cache
from vt_analysis.model.wachttijden.formatie import normformaties_met_cache
from vt_analysis.model.wachttijden.gevoeligheid import REPLICATIES, gevoeligheid_met_cache
from vt_analysis.model.wachttijden.kalibratie import Kalibratie
from vt_analysis.model.wachttijden.maanden import (
    basisjaar_van,
    scenario_maanden,
    verzuim_basis_pct,
    verzuim_scenario_pct,
)
from vt_analysis.model.wachttijden.overzicht import jaaroverzicht
from vt_analysis.model.wachttijden.projectie import (
    _REPLICATIES_GRENS,
    _maandtabel,
    _verschillend,
    eerste_maand,
    horizon_midden,
    met_verzuim,
    projecteer_met_cache,
    verzuim_naam,
)
from vt_analysis.model.wachttijden.simulatie import voorbereid


def scenarios_van_run(run, vergelijking: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The month table of every compared scenario at the base year's verzuim, plus the first one with verzuim at
    the stress level (:func:`.maanden.verzuim_scenario_pct`)."""
    p, d = run.params, run.data
    w = p.wachttijden
    basisjaar = basisjaar_van(d, p.peilmoment)
    verzuim = verzuim_basis_pct(d.kengetallen, basisjaar, w)
    scenarios = {
        str(naam): scenario_maanden(groep, verzuim, w) for naam, groep in vergelijking.groupby("naam", sort=False)
    }
    if scenarios:
        eerste, maanden = next(iter(scenarios.items()))
        hoog = verzuim_scenario_pct(d.kengetallen, basisjaar, w)
        scenarios[verzuim_naam(eerste, hoog)] = met_verzuim(maanden, hoog)
    return scenarios


def startkalibratie(run, ingelopen: Kalibratie) -> Kalibratie:
    """The calibration the projection starts from: the run-in's fit with, when the peilmoment's waiting lists
    were measured, those lists as the start state (:func:`.beginstand.uit_wachtlijst`)."""
    p, d = run.params, run.data
    stand = wachtlijsten_van(d, p.peilmoment)
    if stand.methode != "wachtlijst":
        return ingelopen
    return uit_wachtlijst(ingelopen, d.normen.normsets[p.normset], d.wachttijden, stand)


def andere_kalibratie(run) -> Kalibratie | None:
    """The fit of the start the chapter sets beside the one used: an empty queue at the start of the base year
    (fitted to the same measured shares, without an interval); None when waiting lists were measured (the other
    start is then the run-in, the projection's own fit)."""
    p, d = run.params, run.data
    if wachtlijsten_van(d, p.peilmoment).methode == "wachtlijst":
        return None
    return kalibreer_met_cache(d, p.wachttijden, p.peilmoment, p.normset, inloop=False, interval=False)


def andere_start(run, ander: Kalibratie, scenarios: Mapping[str, pd.DataFrame]) -> dict:
    """What the other start (:func:`andere_kalibratie`, or the run-in) gives: per compared scenario and year
    the annual indicators, at the bounds' number of replications, beside the start used and its source."""
    p, d = run.params, run.data
    stand = wachtlijsten_van(d, p.peilmoment)
    w = p.wachttijden
    ns, r = d.normen.normsets[p.normset], min(w.replicaties, _REPLICATIES_GRENS)
    uniek = _verschillend(scenarios)
    runs = [
        lambda m=m: jaaroverzicht(horizon_midden(m, ander, ns, d.wachttijden, r, w.seed), eerste_maand(m))
        for m in uniek.values()
    ]
    per_tabel = dict(zip(uniek, samen(runs), strict=True))
    jaren = pd.concat(
        [per_tabel[_maandtabel(m)].assign(scenario=naam) for naam, m in scenarios.items()], ignore_index=True
    )
    return {
        "methode": stand.methode,
        "bron": stand.bron,
        "meldingen_wachtend": stand.meldingen_wachtend.waarde if stand.meldingen_wachtend else None,
        "onderzoeken_open": stand.onderzoeken_open.waarde if stand.onderzoeken_open else None,
        "andere_methode": "inloop" if stand.methode == "wachtlijst" else "leeg_basisjaar",
        "andere_factor_triage": ander.tempo_triage,
        "andere_factor_onderzoek": ander.tempo_onderzoek,
        "andere_jaren": jaren[["scenario", "jaar", "triage_pct", "onderzoek_pct"]].to_dict(orient="records"),
    }


def gevoeligheid_invoer(run, vergelijking: pd.DataFrame, scenarios: Mapping[str, pd.DataFrame]) -> tuple:
    """What the tornado (:mod:`.gevoeligheid`) runs on: the first compared scenario (the decision: name and month
    table) and the yearly volumes of the leading prognosis' last year at that scenario's verzuim."""
    p = run.params
    eerste = str(vergelijking["naam"].iloc[0])
    leidend = vergelijking[vergelijking["prognose_variant"] == p.leidende_prognose]
    rijen = leidend if len(leidend) else vergelijking
    volumes = rijen.sort_values("jaar").iloc[[-1]].assign(verzuim_pct=float(scenarios[eerste]["verzuim_pct"].iloc[0]))
    return (eerste, scenarios[eerste]), volumes


def gevoeligheid_van_run(run, vergelijking: pd.DataFrame, scenarios: Mapping[str, pd.DataFrame]) -> dict:
    """The tornado's figures (:mod:`.gevoeligheid`) on :func:`gevoeligheid_invoer`."""
    p, d = run.params, run.data
    if vergelijking.empty:
        return {}
    scenario, volumes = gevoeligheid_invoer(run, vergelijking, scenarios)
    tabel = gevoeligheid_met_cache(d, p.wachttijden, p.peilmoment, p.normset, scenario, volumes)
    return {
        "gevoeligheid_scenario": scenario[0],
        "gevoeligheid_jaar": int(scenario[1]["jaar"].iloc[-1]),
        "gevoeligheid_volumes_jaar": int(volumes["jaar"].iloc[0]),
        "gevoeligheid_replicaties": REPLICATIES,
        "gevoeligheid": tabel.to_dict(orient="records"),
    }


def wachttijden_van_run(run, vergelijking: pd.DataFrame) -> tuple[Kalibratie, pd.DataFrame, pd.DataFrame]:
    """The queue model of a run: the calibration, the month table of every scenario (:func:`scenarios_van_run`)
    and the year table, per compared scenario and year the annual indicators beside the balance and norm
    formations per queue (the verzuim variant has only its indicators). The calibration records the start used
    and the other start's figures, and the tornado."""
    p, d = run.params, run.data
    w, ns = p.wachttijden, d.normen.normsets[p.normset]
    kg = d.kengetallen
    scenarios = scenarios_van_run(run, vergelijking)
    vergeleken = {n: m for n, m in scenarios.items() if n in set(vergelijking["naam"])}
    norm = (kg.triage_binnen_5_werkdagen_norm_pct.waarde, kg.onderzoek_binnen_10_weken_norm_pct.waarde)
    sleutel = kalibratie_sleutel(d, w, p.peilmoment, p.normset)
    start = w.wervingsduur_maanden  # new staff start after recruitment, as in the scenarios
    voorbereid()  # compiled once, before two threads need it
    delen: list[Taak] = []

    def begin(functie: Callable, *args) -> Taak:
        delen.append(taken.begin(lambda: functie(*args)))
        return delen[-1]

    try:
        tornado = begin(gevoeligheid_van_run, run, vergelijking, scenarios)
        ander = begin(andere_kalibratie, run)
        ingelopen = kalibreer_met_cache(d, w, p.peilmoment, p.normset)
        kal = startkalibratie(run, ingelopen)
        projectie = begin(projecteer_met_cache, scenarios, kal, sleutel, ns, d.wachttijden, w)
        formatie = begin(normformaties_met_cache, vergeleken, kal, sleutel, ns, d.wachttijden, w.seed, norm, start)
        anders = ander.uitkomst()
        beginstand = andere_start(run, ingelopen if anders is None else anders, vergeleken)
        maanden, jaren = projectie.uitkomst()
        jaren = jaren.merge(formatie.uitkomst(), on=["scenario", "jaar"], how="left")
        extra = {"beginstand": beginstand, **tornado.uitkomst()}
    except BaseException:
        for deel in delen:  # an error (or an interrupt) needs none of the parts not yet begun
            deel.annuleer()
        raise
    return replace(kal, uitgangspunten=kal.uitgangspunten | extra), maanden, jaren
