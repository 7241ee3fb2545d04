"""Candidate cases of the queue model: a Poisson stream per class and replication, with its work.

All scenarios share one stream of candidate cases, thinned to each scenario's volume, so differences
between scenarios come from the scenarios, and more capacity never makes a case later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..data import Wachtrijaannames
from ..wachtrij import cumsum_omlaag

# --- candidate cases, shared by scenarios (common random numbers) -------------------------------


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Stroom:
    """Candidate cases of one class: (cases, replications), in arrival order down each column.

    A Poisson stream at the highest rate of the scenarios (``piek`` per day); a scenario keeps a
    candidate when ``u`` < its rate / ``piek`` (thinning gives its own Poisson stream). ``tijd`` is the
    arrival in working days (day and fraction: a block splits them when it needs them), ``werk`` the work
    in units of the mean (gamma, mean 1). Padding rows at the end of a column have ``geldig`` False and
    arrive at 0.
    """

    tijd: np.ndarray
    u: np.ndarray
    werk: np.ndarray
    geldig: np.ndarray
    piek: np.ndarray  # (D,)
    delen: dict = field(default_factory=dict, repr=False)

    VELDEN = ("tijd", "u", "werk", "geldig")

    def kolommen(self, kol: slice) -> Stroom:
        """The candidates of some columns, contiguous; kept, as every scenario of a run splits alike."""
        sleutel = (kol.start, kol.stop)
        if sleutel not in self.delen:
            self.delen[sleutel] = Stroom(
                *(np.ascontiguousarray(getattr(self, v)[:, kol]) for v in self.VELDEN), self.piek
            )
        return self.delen[sleutel]


def trek_stroom(piek: np.ndarray, replicaties: int, cv: float, rng: np.random.Generator) -> Stroom:
    """A Poisson stream per replication at the constant rate max(``piek``), generated down the columns:
    unit exponentials summed, divided by the rate, split into (day, fraction of the day). Thinning with
    ``u`` gives any lower rate per day (:meth:`Stroom.aanwezig`)."""
    dagen = int(np.flatnonzero(piek > 0)[-1]) + 1 if (piek > 0).any() else 1
    hoogste = max(float(piek.max()), 1e-9)
    totaal = hoogste * dagen
    n = max(int(np.ceil(totaal + 6 * np.sqrt(totaal) + 10)), 1)
    tijd = cumsum_omlaag(rng.standard_exponential((n, replicaties), dtype=np.float32), dtype=np.float32)
    tijd /= np.float32(hoogste)
    geldig = tijd < dagen
    m = max(int(geldig.sum(axis=0).max(initial=0)), 1)
    tijd, geldig = tijd[:m], geldig[:m]
    tijd[~geldig] = 0.0
    vorm = 1 / cv**2
    # Single precision is plenty for an arrival (a few seconds at two years), a share and a relative amount
    # of work: half the memory to fill and to read in every scenario.
    werk = rng.standard_gamma(vorm, (m, replicaties), dtype=np.float32)
    werk /= np.float32(vorm)
    u = rng.random((m, replicaties), dtype=np.float32)
    return Stroom(tijd, u, werk, geldig, np.full(piek.size, hoogste))


def trek_stromen(
    piek_meldingen: np.ndarray, piek_onderzoek: np.ndarray, aannames: Wachtrijaannames, replicaties: int, seed
) -> tuple[Stroom, Stroom, Stroom]:
    """Acute, regular and onderzoek candidates: a Poisson stream each (a split Poisson stream)."""
    rng = np.random.default_rng(seed)
    acuut = aannames.acuut_triage_pct.waarde / 100
    cv_t = aannames.variatiecoefficient_werk_triage.waarde
    cv_o = aannames.variatiecoefficient_werk_onderzoek.waarde
    return (
        trek_stroom(piek_meldingen * acuut, replicaties, cv_t, rng),
        trek_stroom(piek_meldingen * (1 - acuut), replicaties, cv_t, rng),
        trek_stroom(piek_onderzoek, replicaties, cv_o, rng),
    )


def herhaal(stroom: Stroom, keer: int) -> Stroom:
    """The same candidates for ``keer`` groups of columns side by side (the calibration grid)."""
    return Stroom(*(np.tile(getattr(stroom, k), (1, keer)) for k in Stroom.VELDEN), stroom.piek)
