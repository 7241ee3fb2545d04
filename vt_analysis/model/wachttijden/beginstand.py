"""The start state of the projection, keyed by peilmoment in ``data/wachttijden.yaml`` (``beginstand``).

``wachtlijst``: the meldingen awaiting triage and the onderzoeken open at the peilmoment, measured, with their
source: the projection starts from them, each case's work at the mean hours per case of the base year at the
calibrated tempo, divided over the pool. ``inloop``: the calibration's run-in from an empty queue in the first
realisatie year, an explicitly chosen fallback when the data have no waiting lists. The chapter sets the other
start beside the one used (:func:`andere_start`): the run-in when lists were measured, else an empty queue at
the start of the base year (the calibration then fits the base year alone).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from vt_analysis.invoer.data import Normset, Wachtlijsten, Wachtrijaannames
from vt_analysis.model.wachttijden.kalibratie import Kalibratie
from vt_analysis.model.wachttijden.maanden import maanden_uit_jaren, queue_uren
from vt_analysis.model.wachttijden.toestand import Beginstand


def _pool(aantal: int, werk: float, c: int, kolommen: int) -> tuple[np.ndarray, np.ndarray]:
    """``aantal`` waiting cases of mean ``werk`` on ``c`` servers: the servers' remaining work (the cases'
    work spread evenly) and the start times of the cases, first come first served."""
    vrij = np.full((c, kolommen), aantal * werk / c)
    start = (np.arange(aantal) // c) * werk
    wachtend = np.where(start > 0, start, np.inf)[:, None].repeat(kolommen, axis=1)
    return vrij, (wachtend if aantal else np.full((1, kolommen), np.inf))


def uit_wachtlijst(kal: Kalibratie, normset: Normset, aannames: Wachtrijaannames, stand: Wachtlijsten) -> Kalibratie:
    """The calibration with the measured waiting lists as the state the projection starts from (every
    variant of the calibration's interval, each at its own tempo)."""
    wd = aannames.werkdagen_per_jaar.waarde
    uren = queue_uren(maanden_uit_jaren(kal.inloop.iloc[[-1]]), normset, wd).iloc[0]
    r = kal.replicaties
    nul_t, leeg = np.zeros((kal.servers_triage, r)), np.full((1, r), np.inf)
    standen = {}
    for variant in ("midden", "laag", "hoog"):
        f_t, f_o, _ = kal.variant(variant)
        t_vrij, t_wacht = _pool(
            int(stand.meldingen_wachtend.waarde), uren["uren_per_melding"] / f_t, kal.servers_triage, r
        )
        o_vrij, o_wacht = _pool(
            int(stand.onderzoeken_open.waarde), uren["uren_per_onderzoek"] / f_o, kal.servers_onderzoek, r
        )
        standen[variant] = Beginstand(nul_t, t_vrij, o_vrij, leeg, t_wacht, o_wacht)
    return replace(kal, eindstand=standen["midden"], eindstand_laag=standen["laag"], eindstand_hoog=standen["hoog"])
