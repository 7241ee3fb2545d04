"""The names of a run as published beside the report (``velden.json``): what the next edition's changes
chapter compares its own names with."""

from __future__ import annotations

from vt_analysis.invoer.run import Run
from vt_analysis.tekst.velden import Bron, json_waarde, velden


def velden_json(run: Run, resultaten: dict) -> dict:
    """Every name the text blocks can use with its value, as published (``velden.json`` of a run folder)."""
    return {
        naam: {"waarde": json_waarde(v.waarde), "eenheid": v.eenheid, "omschrijving": v.omschrijving}
        for naam, v in velden(Bron(run, resultaten)).items()
    }
