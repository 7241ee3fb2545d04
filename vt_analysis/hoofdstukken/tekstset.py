"""Report module of the chapters written as text blocks (Aanleiding … Begrippenlijst): their data and tables.

The prose of these chapters lives in ``report/tekst/<set>/`` (:mod:`vt_analysis.tekst.blokken`); this module gives a
chapter what its cells show besides that prose: the names for the blocks (the run's velden, with the figures
of the run's results.json) and the tables and chart of prestatie-indicatoren, verzuim, police meldingen and
the Crisisinterventieteam (:mod:`vt_analysis.hoofdstukken.prestaties`).
"""

from __future__ import annotations

from vt_analysis.hoofdstukken import laad as laad_resultaten
from vt_analysis.hoofdstukken.charts import Figuur
from vt_analysis.hoofdstukken.prestaties import cit_tabel, indicatoren_tabel, verzuim_figuur
from vt_analysis.hoofdstukken.tables import Tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.invoer.run import load_run
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.tekst.velden import Bron


def laad(
    params: dict | None = None, data_dir: str | None = None, resultaten: str | None = None
) -> tuple[Bron, Resultaten, RunParams]:
    """What a text-block chapter needs: the names for its blocks, the results and the params.

    The blocks' names are computed from the same results the other chapters show (results.json when the
    renderer passes it), so a figure in a sentence equals the figure in a table.
    """
    r, p = laad_resultaten(params, data_dir, resultaten)
    run = load_run(params, data_dir)
    return Bron(run, r.naar_dict()), r, p


def _aanvraag(r: Resultaten, p: RunParams):
    return r.periode(p.aanvraag_periode or p.besluit_periode)


def indicatoren(r: Resultaten, p: RunParams) -> Tabel:
    """The Veilig Thuis indicators: as submitted with the request, and at the peilmoment."""
    return indicatoren_tabel(r.kengetallen, _aanvraag(r, p), r.periode(p.peilmoment))


def verzuim(r: Resultaten) -> Figuur:
    return verzuim_figuur(r.kengetallen)


def cit(r: Resultaten, p: RunParams) -> Tabel:
    return cit_tabel(r.kengetallen, _aanvraag(r, p))
