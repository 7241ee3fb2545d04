"""The text-block registry's base: a Veld, the Bron that computes a run's results once, and the helpers every
section of names shares (prognosis years and names, the cited document, lists in Dutch)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from vt_analysis.basis import formatting as fmt
from vt_analysis.invoer.params_secties import prognose_jaren as _jaren_van_prognose
from vt_analysis.invoer.periode import periode_rij
from vt_analysis.invoer.run import Run
from vt_analysis.model.kerncijfers import verzuim_reeks


def bron_naam(p) -> str:
    """The document this analysis recomputes, by its name and (when the params give it) its date; never 'de bron'."""
    naam = p.brondocument or "het document waarop deze analyse steunt"
    return f"{naam} van {fmt.datum(p.brondocument_datum)}" if p.brondocument_datum else naam


WERKDAGEN_PER_WEEK = 5  # the onderzoek term is kept in working days; the text names it in weeks

EENHEDEN = ("fte", "euro", "meldingen", "adviezen", "aantal", "%", "datum", "tekst", "ja/nee", "jaar", "cijfer", "uur")


@dataclass(frozen=True)
class Veld:
    """One name of the text set: its value (unrounded), unit and a short Dutch description."""

    waarde: Any
    eenheid: str
    omschrijving: str


@dataclass(frozen=True)
class _Definitie:
    naam: str
    eenheid: str
    omschrijving: str
    waarde: Callable[[Bron], Any]


class Bron:
    """The run plus its results, computed once on first use (``resultaten.bereken_resultaten``)."""

    def __init__(self, run: Run, resultaten: dict | None = None):
        self.run = run
        self._resultaten = resultaten

    @property
    def params(self):
        return self.run.params

    @cached_property
    def resultaten(self) -> dict:
        if self._resultaten is None:
            from vt_analysis.model.resultaten import resultaten_met_cache

            self._resultaten = resultaten_met_cache(self.run)[0].naar_dict()
        return self._resultaten

    # --- accessors: the one place that knows the shape of the results ---------------------------

    def kalibratie(self) -> dict:
        return self.resultaten["kalibratie"]

    def periode(self, periode: str) -> dict:
        return periode_rij(self.resultaten["perioden"], periode)

    def scenario_b(self, jaar: int) -> dict:
        return next(r for r in self.resultaten["scenario_b"] if r["jaar"] == jaar)

    def kengetal(self, naam: str, jaar: int | None = None) -> float:
        waarde = getattr(self.run.data.kengetallen, naam)
        return (waarde[jaar] if jaar is not None else waarde).waarde

    def fte_beschikbaar(self, jaar: int) -> float:
        return self.kengetal("fte_beschikbaar", jaar)

    def tekort(self, variant: str, jaar: int) -> dict:
        """The key-figure record of one prognosis variant and year (results ``tekorten``)."""
        return next(r for r in self.resultaten["tekorten"] if r["variant"] == variant and r["jaar"] == jaar)

    def fte_benodigd(self, variant: str, jaar: int) -> float:
        return self.tekort(variant, jaar)["fte_benodigd"]

    def tekort_fte(self, variant: str, jaar: int) -> float:
        """Shortage (positive) or room (negative) in fte: required minus available."""
        return self.tekort(variant, jaar)["tekort_fte"]

    def kerncijfer(self, naam: str) -> float:
        """A scalar key figure of the results (section ``kerncijfers``)."""
        return self.resultaten["kerncijfers"][naam]

    def realisatie(self, jaar: int) -> dict:
        return next(r for r in self.resultaten["perioden"] if r["jaar"] == jaar and r["status"] == "realisatie")

    def verzuim(self, positie: str) -> dict:
        """The first, previous-to-last or last year of the verzuim series."""
        reeks = verzuim_reeks(self.run.data.kengetallen)
        rij = reeks.iloc[{"eerste": 0, "vorige": max(len(reeks) - 2, 0), "laatste": -1}[positie]]
        return {"jaar": int(rij["jaar"]), "verzuim_pct": float(rij["verzuim_pct"])}


def prognose_jaren(run: Run) -> list[int]:
    """The prognosis years of the run (params_secties.prognose_jaren)."""
    return _jaren_van_prognose(run.params.prognose, run.data)


def leidende_prognose(run: Run) -> str:
    """The prognosis variant the run names as leading (default the winstwaarschuwing)."""
    return getattr(run.params, "leidende_prognose", None) or "winstwaarschuwing"


def prognose_naam(run: Run, variant: str) -> str:
    """The prognosis as Dutch prose: 'de begroting 2025 besluit AB', 'de winstwaarschuwing', 'de trend'."""
    if variant == "begroting":
        periode = run.params.prognose.begroting_periode or run.params.besluit_periode
        return "de " + periode[:1].lower() + periode[1:]
    if variant == "peilmoment":
        return f"de stand bij {run.params.peilmoment} zonder groei"
    return {"winstwaarschuwing": "de winstwaarschuwing", "trend": "de trend"}[variant]
