"""Wachttijden: a case-level stochastic queue for triage and onderzoek, run in on the realisaties.

The seed ('De oplossingsruimte is beperkt') sets two legal terms: triage within 5 werkdagen and an
onderzoek finished within 10 weken; 'Beleidsindicatoren' gives the realisation at BURAP II 2024 (72%
and 71%) and the norms (95% and 85%). Every assumption of the model is a figure with its source in
``data/wachttijden.yaml``; recruitment delay (A) and phase-in (B) are params.

The model, per replication (all NumPy; a loop over cases, each step one operation across replications):

* **Arrivals** (:mod:`.stromen`). Meldingen and onderzoeken arrive per working day, Poisson around the
  yearly volume times the month profile. A share of the meldingen is acute: its own class with preemptive
  priority. Onderzoeken are a stream of their own (the decision to investigate): the 10-week term runs
  from there.
* **Work.** Every case carries a gamma-distributed amount of work with the norm hours per case as
  mean (triage: the rekentool's triage hours spread over all meldingen) and a stated spread.
* **Workers** (:mod:`.maanden`). Per working day: fte × productive hours per fte × (1 − verzuim), minus
  the norm hours of the products without a term, split between triage and onderzoek in proportion to
  their norm hours (as the rekentool counts them), times a holiday factor (the yearly total stays the
  same). A pool of ``c`` workers per queue shares those hours.
* **Discipline** (:mod:`.simulatie`). Work-conserving, first come first served within a class
  (:mod:`..wachtrij`: the Kiefer–Wolfowitz recursion on an operational clock per replication).

Calibration (:mod:`.kalibratie`) fits one tempo per queue on the base year; the projection
(:mod:`.projectie`) starts from the calibrated state; :mod:`.overzicht` summarises per month and
:mod:`.cache` keeps calibrations and projections. The computation returns ids and numbers; the report
modules write the Dutch.
"""

from vt_analysis.model.wachttijden.cache import kalibratie_in_cache, kalibratie_sleutel, kalibreer_met_cache
from vt_analysis.model.wachttijden.formatie import normformatie, normformaties
from vt_analysis.model.wachttijden.kalibratie import Kalibratie, kalibreer
from vt_analysis.model.wachttijden.maanden import (
    MAAND_KOLOMMEN,
    MAANDEN_PER_JAAR,
    ONDERZOEK,
    TRIAGE,
    Dagreeks,
    WachttijdenParams,
    dagreeks,
    evenwicht_fte,
    evenwicht_fte_wachtrij,
    inloopjaren,
    maanden_uit_jaren,
    medewerkers,
    per_maand_dagen,
    queue_uren,
    scenario_maanden,
    uitgangspunten,
    vakantiefactor,
    verzuim_basis_pct,
    verzuim_scenario_herkomst,
    verzuim_scenario_pct,
    verzuim_van_jaar,
)
from vt_analysis.model.wachttijden.overzicht import (
    BAND,
    jaaroverzicht,
    maandoverzicht,
    maandoverzicht_kolommen,
    normmoment,
    normmomenten,
)
from vt_analysis.model.wachttijden.projectie import (
    geen_jaren,
    geen_projectie,
    met_verzuim,
    projecteer,
    projecteer_jaren,
    projecteer_met_cache,
    servers_van,
    verzuim_naam,
)
from vt_analysis.model.wachttijden.simulatie import simuleer, simuleer_kolommen
from vt_analysis.model.wachttijden.stromen import (
    Bron,
    Stroom,
    herhaal,
    stromen_uit,
    tarieven,
    trek_bronnen,
    trek_stromen,
)
from vt_analysis.model.wachttijden.toestand import Beginstand, Horizon, Klasse
from vt_analysis.model.wachttijden.uitvoering import scenarios_van_run, wachttijden_van_run

__all__ = [
    "BAND",
    "MAAND_KOLOMMEN",
    "MAANDEN_PER_JAAR",
    "ONDERZOEK",
    "TRIAGE",
    "Beginstand",
    "Dagreeks",
    "Horizon",
    "Kalibratie",
    "Klasse",
    "Stroom",
    "WachttijdenParams",
    "dagreeks",
    "evenwicht_fte",
    "evenwicht_fte_wachtrij",
    "geen_jaren",
    "geen_projectie",
    "herhaal",
    "inloopjaren",
    "kalibratie_in_cache",
    "kalibratie_sleutel",
    "kalibreer",
    "kalibreer_met_cache",
    "maanden_uit_jaren",
    "jaaroverzicht",
    "maandoverzicht",
    "maandoverzicht_kolommen",
    "medewerkers",
    "met_verzuim",
    "normmoment",
    "normmomenten",
    "per_maand_dagen",
    "projecteer",
    "projecteer_met_cache",
    "queue_uren",
    "scenario_maanden",
    "servers_van",
    "simuleer",
    "simuleer_kolommen",
    "trek_bronnen",
    "stromen_uit",
    "tarieven",
    "Bron",
    "trek_stromen",
    "uitgangspunten",
    "vakantiefactor",
    "verzuim_basis_pct",
    "verzuim_naam",
    "verzuim_scenario_herkomst",
    "verzuim_scenario_pct",
    "verzuim_van_jaar",
    "wachttijden_van_run",
    "scenarios_van_run",
    "projecteer_jaren",
    "normformatie",
    "normformaties",
]
