"""The start state of the queue model is stated per peilmoment in ``wachttijden.yaml`` (``beginstand``): a run
without one stops before anything is computed, and ``nieuwe-burap`` asks for it."""

from __future__ import annotations

from vt_analysis.basis.errors import InvoerFout
from vt_analysis.basis.paths import WACHTTIJDEN_FILE, display_path
from vt_analysis.invoer.data import Dataset, Wachtlijsten


def wachtlijsten_van(dataset: Dataset, peilmoment: str) -> Wachtlijsten:
    """The start state stated for the peilmoment; none is an input error naming file and key."""
    stand = dataset.wachttijden.beginstand.get(peilmoment)
    if stand is None:
        raise InvoerFout(dataset.directory / WACHTTIJDEN_FILE, f"sleutel beginstand.{peilmoment}", _ONTBREEKT)
    return stand


_ONTBREEKT = (
    "ontbreekt; voeg de wachtlijsten op het peilmoment toe (methode: wachtlijst, meldingen_wachtend en "
    "onderzoeken_open, elk met waarde, eenheid en bron) of kies bewust methode: inloop met een bron"
)


def ontbrekende_beginstand(peilmoment: str, dataset: Dataset) -> list[str]:
    """For nieuwe-burap: the line that asks for the start state of a new peilmoment, if it is missing."""
    if peilmoment in dataset.wachttijden.beginstand:
        return []
    bestand = display_path(dataset.directory / WACHTTIJDEN_FILE)
    return [f"{bestand}: beginstand voor peilmoment {peilmoment!r} {_ONTBREEKT}"]
