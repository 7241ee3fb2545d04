"""How much the queue model may simulate: its memory grows with the replications times the cases of the horizon.

The model keeps every case of a scenario's horizon for every replication (arrival, work, start and end, in
blocks of float32 and float64). Measured on the shipped run (BURAP 2 2024: 1.000 replications, at most
5.220 meldingen and 569 onderzoeken a year, two prognosis years, five scenarios): about 1 GB at its peak,
some 90 bytes per case and replication. A run within the validated ranges could ask for far more: 20.000
replications, 1.000.000 meldingen a year or a horizon to 2100 need tens to hundreds of GB and ended in a
MemoryError. So a run that needs more than :data:`MAX_CASUS_REPLICATIES` (about 3,5 GB) is refused before
the model starts, with the reason and the largest number of replications its volumes allow.

The calibration runs the run-in years (every realisatie up to the peilmoment) on up to
:func:`kalibratie_kolommen` replications side by side: a realisatie of 1.000.000 meldingen (the validated
maximum of a count) made it take 3,4 GB and never end, whatever the projection asks. Its cases are bounded
by the same measure, so memory and time (both proportional to cases × replications) stay bounded.
"""

from __future__ import annotations

import math

import pandas as pd

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.model.wachttijden.kalibratie import _GRID, _GRID_REPLICATIES, _KALIBRATIE_REPLICATIES
from vt_analysis.model.wachttijden.maanden import inloopjaren

MAX_CASUS_REPLICATIES = (
    40_000_000  # cases over the horizon × replications: ~3,5 GB, three and a half times the shipped run
)
BYTES_PER_CASUS_REPLICATIE = 90  # measured, see above


def casussen_horizon(vergelijking: pd.DataFrame) -> float:
    """The cases the largest scenario brings over the horizon: meldingen and onderzoeken, summed over its years."""
    per_scenario = vergelijking.assign(casussen=vergelijking["meldingen"] + vergelijking["onderzoek"])
    return float(per_scenario.groupby("naam")["casussen"].sum().max())


def kalibratie_kolommen(replicaties: int) -> int:
    """The most replications the calibration runs side by side: its grid, or two tempi on its replications."""
    return max(_GRID.size * _GRID_REPLICATIES, 2 * min(_KALIBRATIE_REPLICATIES, replicaties))


def controleer_kalibratie(run) -> None:
    """One line (exit 2) naming the realisatie that makes the calibration need more than the bound above."""
    inloop = inloopjaren(run.data, run.params.peilmoment)
    casussen = inloop["meldingen"] + inloop["onderzoek"]
    kolommen = kalibratie_kolommen(run.params.wachttijden.replicaties)
    if float(casussen.sum()) * kolommen <= MAX_CASUS_REPLICATIES:
        return
    grootste = int(casussen.idxmax())
    hoogstens = MAX_CASUS_REPLICATIES // kolommen
    raise InvoerFout(
        run.data.directory / paths.VOLUMES_FILE,
        f"periode {inloop['periode'].iloc[grootste]!r}",
        f"{fmt.aantal(casussen.iloc[grootste])} meldingen en onderzoeken; de inloop tot het peilmoment "
        f"({fmt.aantal(casussen.sum())} samen) vraagt ongeveer "
        f"{fmt.getal(casussen.sum() * kolommen * BYTES_PER_CASUS_REPLICATIE / 1e9, 0)} GB geheugen voor de "
        f"kalibratie van het wachtrijmodel, verwacht hoogstens {fmt.aantal(hoogstens)} meldingen en onderzoeken "
        "samen over de jaren van realisatie (een telling van die grootte is een tikfout)",
    )


def controleer_omvang(run, vergelijking: pd.DataFrame) -> None:
    """One line (exit 2) when the queue model would need more memory than the bound above."""
    controleer_kalibratie(run)
    casussen = casussen_horizon(vergelijking)
    replicaties = run.params.wachttijden.replicaties
    if not math.isfinite(casussen) or casussen * replicaties <= MAX_CASUS_REPLICATIES:
        return
    gb = casussen * replicaties * BYTES_PER_CASUS_REPLICATIE / 1e9
    hoogstens = int(MAX_CASUS_REPLICATIES // max(casussen, 1))
    raise InvoerFout(
        run.params_bestand or "params",
        "sleutel wachttijden.replicaties",
        f"{fmt.aantal(replicaties)} replicaties van {fmt.aantal(casussen)} meldingen en onderzoeken over de "
        f"horizon vragen ongeveer {fmt.getal(gb, 0)} GB geheugen voor het wachtrijmodel, verwacht hoogstens "
        f"{fmt.getal(MAX_CASUS_REPLICATIES * BYTES_PER_CASUS_REPLICATIE / 1e9, 1)} GB: bij deze aantallen hoogstens "
        f"{fmt.aantal(hoogstens)} replicaties",
    )
