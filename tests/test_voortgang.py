"""Progress of the long computation: the queue model reports its steps to whoever listens."""

from __future__ import annotations

import threading

from vt_analysis.basis import voortgang
from vt_analysis.model import wachttijden as w


def test_steps_are_heard_inside_the_block_only_and_counted():
    gehoord: list[str] = []
    voortgang.meld("niemand luistert")  # costs nothing, goes nowhere
    with voortgang.luister(gehoord.append):
        voortgang.meld("stap")
        draden = [threading.Thread(target=voortgang.meld, args=("scenario",), kwargs={"totaal": 4}) for _ in range(4)]
        for d in draden:
            d.start()
        for d in draden:
            d.join()
    voortgang.meld("na afloop")
    assert gehoord[0] == "stap"
    assert sorted(gehoord[1:]) == [f"scenario {i} van 4" for i in range(1, 5)]


def test_the_calibration_reports_its_steps(standaard_run):
    gehoord: list[str] = []
    p = standaard_run.params.wachttijden.model_copy(update={"replicaties": 100})
    with voortgang.luister(gehoord.append):
        w.kalibreer(standaard_run.data, p, standaard_run.params.peilmoment, standaard_run.params.normset)
    assert gehoord[0] == "wachtrijmodel: kalibratie, verkenning van het tempo"
    assert "wachtrijmodel: kalibratie, stap 1" in gehoord
