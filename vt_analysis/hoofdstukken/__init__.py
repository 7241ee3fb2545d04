"""Report modules, one per chapter notebook: Resultaten (and plain params values) in, Dutch out.

Each function returns one thing to display (a Markdown text, a :class:`~vt_analysis.hoofdstukken.tables.Tabel`
or a :class:`~vt_analysis.hoofdstukken.charts.Figuur`), so a notebook cell is one call. Sentences are generated
from the results, so they stay true when the data or params change. :func:`laad` gives a chapter
its results and params: from the run's ``results.json`` when the renderer passes its path, or
computed on the spot when a chapter is opened on its own.
"""

from __future__ import annotations

from pathlib import Path

from vt_analysis.invoer.params import RunParams, validate_params
from vt_analysis.model.resultaten import Resultaten


def laad(
    params: dict | None = None, data_dir: str | None = None, resultaten: str | None = None
) -> tuple[Resultaten, RunParams]:
    """The results and params of a chapter (the three names of its parameters cell).

    With ``resultaten`` (the path of the run's results.json) nothing is computed; the params must be
    those of that run. Without it the run is loaded and computed here (a chapter opened in Jupyter).
    """
    if resultaten is None:
        from vt_analysis.invoer.run import load_run
        from vt_analysis.model.resultaten import bereken_resultaten

        run = load_run(params, data_dir)
        return bereken_resultaten(run), run.params
    r = Resultaten.laad(Path(resultaten))
    p = validate_params(params, "params") if params is not None else None
    if p is None or p.run_naam != r.run:
        raise ValueError(f"{resultaten} hoort bij run {r.run!r}, niet bij deze parameters")
    return r, p
