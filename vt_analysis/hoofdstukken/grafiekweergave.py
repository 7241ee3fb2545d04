"""How a chart leaves a notebook: ``figuur(chart, bijschrift)`` and the Altair renderer papermill needs.

The output holds the spec as JSON (mimetype ``application/vnd.vegalite.v6+json``; Altair 6's own renderer writes
``application/vnd.vegalite.v6.json``, which nbformat rejects) with the caption and the text alternatives in its
``usermeta``; the converters turn it into an interactive chart for HTML and a vector SVG for the PDF and Word.
"""

from __future__ import annotations

import altair as alt

from vt_analysis.hoofdstukken.grafiekteksten import gegevens_tekst, tekstalternatief
from vt_analysis.hoofdstukken.grafiekthema import VEGALITE_MIMETYPE, thema


class Figuur:
    """A chart with a caption, displayed as a Vega-Lite spec (format-neutral notebook output)."""

    def __init__(self, chart: alt.TopLevelMixin, bijschrift: str):
        self.spec = chart.to_dict()
        self.spec["config"] = {**thema(), **self.spec.get("config", {})}
        self.spec.setdefault("usermeta", {})["bijschrift"] = bijschrift
        self.spec["usermeta"]["alt"] = tekstalternatief(self.spec, bijschrift)
        self.spec["usermeta"]["alt_gegevens"] = gegevens_tekst(self.spec)
        self.bijschrift = bijschrift

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {VEGALITE_MIMETYPE: self.spec, "text/plain": f"Figuur: {self.bijschrift}"}


def figuur(chart: alt.TopLevelMixin, bijschrift: str) -> Figuur:
    """Wrap a chart for display in a chapter notebook."""
    return Figuur(chart, bijschrift)


def _renderer(spec: dict, **kwargs) -> dict:
    """Altair renderer for papermill: a valid v6 mimetype (Altair 6 writes one nbformat rejects) and a text fallback."""
    return {VEGALITE_MIMETYPE: spec, "text/plain": "<Vega-Lite-figuur>"}


alt.renderers.register("vt-analysis", _renderer)
alt.renderers.enable("vt-analysis")
