"""Velden: every name a text block (``report/tekst/<set>/*.md``) can use, with value, unit and meaning.

One registry, one place. A name is declared with :func:`_veld` inside :func:`_definities`; its value is
a function of :class:`Bron`, which computes the run's results once (the same figures ``results.json``
holds) only when a value is asked for. Names alone come from params and data, so checking every text
block before a render costs no computation.

Naming: Dutch words, the year in the name where a figure is per year, the unit last
(``tekort_2026_fte``, ``tekort_2026_euro``); shortage figures are positive when there is a shortage.
Every kengetal of ``kengetallen.yaml`` is a veld under its own key (per year: ``<key>_<jaar>``).

The sections live in their own modules (``velden_rekentool``, ``velden_scenarios``, ``velden_hoofdstukken``,
``velden_wachtrij``; the base in ``velden_bron``). To add a name: one ``_veld(...)`` line in the section it belongs
to; ``vt-analysis velden`` lists it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from vt_analysis.basis.strikt_json import schoon
from vt_analysis.invoer.run import Run
from vt_analysis.tekst.velden_bron import (  # noqa: F401 - the registry's public names, imported from here by chapters and text
    EENHEDEN,
    WERKDAGEN_PER_WEEK,
    Bron,
    Veld,
    _Definitie,
    bron_naam,
    leidende_prognose,
    prognose_jaren,
    prognose_naam,
)
from vt_analysis.tekst.velden_hoofdstukken import hoofdstuk_velden
from vt_analysis.tekst.velden_rekentool import rekentool_velden
from vt_analysis.tekst.velden_scenarios import scenario_velden


def _definities(run: Run) -> list[_Definitie]:
    """The registry: every name, its unit, its meaning and how its value follows from the results."""
    defs: list[_Definitie] = []

    def _veld(naam: str, eenheid: str, omschrijving: str, waarde: Callable[[Bron], Any]) -> None:
        defs.append(_Definitie(naam, eenheid, omschrijving, waarde))

    rekentool_velden(_veld, run)
    scenario_velden(_veld, run)
    hoofdstuk_velden(_veld, run)
    return defs


def namen(run: Run) -> dict[str, tuple[str, str]]:
    """Every name a text block can use, with (unit, description), without computing anything."""
    uit: dict[str, tuple[str, str]] = {}
    for d in _definities(run):
        if d.naam in uit:
            raise ValueError(f"veld {d.naam!r} is twee keer gedefinieerd")
        uit[d.naam] = (d.eenheid, d.omschrijving)
    return uit


@dataclass(frozen=True)
class _DataUitResultaten:
    """What the registry reads of a dataset, taken from a run's results (a chapter has no dataset)."""

    kengetallen: Any
    normen: Any
    volumes: pd.DataFrame


def bron_van(bron: Run | Bron, params=None) -> Bron:
    """One Bron per run or results object, so a notebook computes nothing twice however many blocks it shows.

    ``bron`` is a :class:`Run` (computes its results), a :class:`Bron`, or a chapter's ``Resultaten`` with
    its params (the two values ``hoofdstukken.laad`` returns): then nothing is computed at all.
    """
    if isinstance(bron, Bron):
        return bron
    bestaand = bron.__dict__.get("_velden_bron")
    if bestaand is None:
        if isinstance(bron, Run):
            bestaand = Bron(bron)
        else:
            if params is None:
                raise TypeError("bij Resultaten horen de params van de run: tekst.toon(naam, r, p)")
            data = _DataUitResultaten(bron.kengetallen, bron.normen, bron.perioden)
            bestaand = Bron(Run(params=params, data=data), resultaten=bron.naar_dict())
        object.__setattr__(bron, "_velden_bron", bestaand)  # the object is frozen; this is a memo, not state
    return bestaand


def velden(bron: Run | Bron, alleen: Iterable[str] | None = None) -> dict[str, Veld]:
    """Every name with its value (computes the run's results once per run object); ``alleen``: just these
    names (a previous run computed without the queue model has no values for the queue's names)."""
    bron = bron_van(bron)
    gevraagd = None if alleen is None else set(alleen)
    return {
        d.naam: Veld(d.waarde(bron), d.eenheid, d.omschrijving)
        for d in _definities(bron.run)
        if gevraagd is None or d.naam in gevraagd
    }


def json_waarde(waarde: Any) -> Any:
    """A value as JSON (dates as ISO text; strikt_json.schoon)."""
    return schoon(waarde)
