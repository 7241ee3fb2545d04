"""The rekentool a reader moves: from a few counts a reader may change to required fte, shortage and its cost.

A reader of the HTML changes meldingen, adviezen or the available fte of one year and sees what the rekentool
(Bijlage 1 norms, Bijlage 2 method) then asks. The other counts follow the meldingen in the mix of the year's
prognosis (as the prognosis itself scales them), so one number moves the whole case load. The page computes it
with Vega expressions from the coefficients here; :func:`uitkomst` computes the same with the Python rekentool, so
a test can hold the page to it. Everything comes from the run's results (results.json): the prognosis, the
norms, the cost of an fte and the shortage table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vt_analysis.invoer.data import TELLINGEN
from vt_analysis.model.rekentool import benodigde_fte, norm_vector
from vt_analysis.model.resultaten import Resultaten


@dataclass(frozen=True)
class RekenZelf:
    """Defaults (the report's figures of one prognosis and year) and the coefficients of the formula."""

    variant: str
    jaar: int
    tellingen: dict[str, float]  # the six counts of the prognosis in that year
    fte_beschikbaar: float
    uren_per_melding: float  # norm hours of everything that follows a melding in the mix (Bijlage 1)
    uren_per_advies: float
    uren_per_fte: float
    kosten_per_fte_euro: float
    normset: str
    # the report's own figures at these defaults (results.json ``tekorten``): what the page must show first
    fte_benodigd: float
    tekort_fte: float
    tekort_euro: float

    @property
    def meldingen(self) -> float:
        return self.tellingen["meldingen"]

    @property
    def adviezen(self) -> float:
        return self.tellingen["adviezen"]


def reken_zelf(r: Resultaten, variant: str) -> RekenZelf:
    """The rekentool of the first prognosis year of ``variant`` (the leading prognosis: the board's figures)."""
    jaar = int(r.prognose.loc[r.prognose["variant"] == variant, "jaar"].min())
    rij = r.prognose[(r.prognose["variant"] == variant) & (r.prognose["jaar"] == jaar)].iloc[0]
    tekort = r.tekorten[(r.tekorten["variant"] == variant) & (r.tekorten["jaar"] == jaar)].iloc[0]
    normset = r.normen.normsets[r.normset]
    vector = norm_vector(normset)
    tellingen = {t: float(rij[t]) for t in TELLINGEN}
    # Hours per melding: each count except adviezen per melding (the mix) times its norm hours.
    uren_per_melding = sum(vector[t] * tellingen[t] / tellingen["meldingen"] for t in TELLINGEN if t != "adviezen")
    return RekenZelf(
        variant=variant,
        jaar=jaar,
        tellingen=tellingen,
        fte_beschikbaar=float(tekort["fte_beschikbaar"]),
        uren_per_melding=float(uren_per_melding),
        uren_per_advies=float(vector["adviezen"]),
        uren_per_fte=float(normset.uren_per_fte),
        kosten_per_fte_euro=float(r.kengetallen.kosten_per_fte_euro.waarde),
        normset=r.normset,
        fte_benodigd=float(tekort["fte_benodigd"]),
        tekort_fte=float(tekort["tekort_fte"]),
        tekort_euro=float(tekort["tekort_euro"]),
    )


def uitkomst(
    r: Resultaten, rz: RekenZelf, meldingen: float, adviezen: float, fte_beschikbaar: float
) -> dict[str, float]:
    """What the Python rekentool says for the reader's numbers: the counts in the prognosis' mix scaled to
    ``meldingen``, adviezen as given, through :func:`vt_analysis.model.rekentool.benodigde_fte`."""
    schaal = meldingen / rz.meldingen
    volumes = pd.DataFrame([{t: (adviezen if t == "adviezen" else rz.tellingen[t] * schaal) for t in TELLINGEN}])
    benodigd = float(benodigde_fte(volumes, r.normen.normsets[rz.normset]).iloc[0])
    tekort = benodigd - fte_beschikbaar
    return {"fte_benodigd": benodigd, "tekort_fte": tekort, "tekort_euro": tekort * rz.kosten_per_fte_euro}
