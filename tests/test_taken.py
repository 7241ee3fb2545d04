"""The task queue of :mod:`vt_analysis.basis.taken`: results in order, errors as raised, nested tasks without a
deadlock, never more threads at work than the machine has cores (two at most), and a failed computation
that runs none of its tasks not yet begun."""

from __future__ import annotations

import os
import threading
import time

import pytest

from vt_analysis.basis import taken
from vt_analysis.basis.errors import InvoerFout

TWEE = (os.cpu_count() or 1) >= 2


def _in_eigen_thread(functie, seconden: float = 60.0):
    """``functie()`` on a thread of its own; fails (instead of hanging the suite) when it does not end in time."""
    uit: dict = {}

    def doe() -> None:
        try:
            uit["waarde"] = functie()
        except BaseException as fout:  # noqa: BLE001 - handed to the test
            uit["fout"] = fout

    thread = threading.Thread(target=doe, daemon=True)
    thread.start()
    thread.join(seconden)
    assert not thread.is_alive(), "de taken staan op elkaar te wachten (deadlock)"
    if "fout" in uit:
        raise uit["fout"]
    return uit["waarde"]


def test_uitkomsten_in_de_volgorde_van_de_taken():
    def traag(i: int) -> int:
        time.sleep(0.002 * (7 - i))  # the first ones finish last
        return i * i

    assert taken.samen([lambda i=i: traag(i) for i in range(8)]) == [i * i for i in range(8)]


def test_een_fout_komt_heel_terug():
    """A task's error is the error itself (type, file, place), not a copy, whichever thread ran it."""
    fout = InvoerFout("data/kengetallen.yaml", "sleutel x", "iets")

    def daar():
        raise fout

    with pytest.raises(InvoerFout) as gevangen:
        taken.samen([lambda: 1, daar])
    assert gevangen.value is fout


def test_geneste_taken_lopen_vast_noch_dubbel():
    """Tasks that wait for tasks of their own (the run waits for the projection, which waits for its scenarios,
    which wait for their runs) end, each task run once."""
    gedaan: list[tuple] = []
    slot = threading.Lock()

    def boom(diepte: int, naam: tuple) -> int:
        with slot:
            gedaan.append(naam)
        if diepte == 0:
            time.sleep(0.001)
            return 1
        return sum(taken.samen([lambda k=k: boom(diepte - 1, (*naam, k)) for k in range(3)]))

    assert _in_eigen_thread(lambda: boom(4, ())) == 3**4
    assert len(gedaan) == len(set(gedaan)) == sum(3**d for d in range(5))


def test_nooit_meer_threads_aan_het_werk_dan_kernen():
    """However deep the tasks nest, at most two threads work at once (one on a single core): the caller and
    the one helper."""
    bezig, hoogste, threads = [0], [0], set()
    slot = threading.Lock()

    def werk() -> None:
        with slot:
            bezig[0] += 1
            hoogste[0] = max(hoogste[0], bezig[0])
            threads.add(threading.get_ident())
        time.sleep(0.003)
        with slot:
            bezig[0] -= 1

    def deel() -> None:
        taken.samen([werk for _ in range(6)])

    taken.samen([deel for _ in range(6)])
    assert hoogste[0] == (2 if TWEE else 1)
    assert len(threads) == (2 if TWEE else 1)


def test_een_fout_laat_de_taken_die_nog_wachten_vallen():
    begonnen: list[int] = []

    def faal():
        raise ValueError("fout in de eerste taak")

    def traag(i: int) -> None:
        begonnen.append(i)
        time.sleep(0.05)

    with pytest.raises(ValueError, match="eerste taak"):
        taken.samen([faal, *[lambda i=i: traag(i) for i in range(20)]])
    time.sleep(0.2)  # what the helper had already begun ends meanwhile
    assert len(begonnen) <= 2


def test_begin_geeft_de_uitkomst_ook_zonder_helper_vrij():
    """A task begun while the helper is busy elsewhere: whoever asks for its result runs it."""
    blokkeer = threading.Event()
    bezet = taken.begin(lambda: blokkeer.wait(5))  # keeps the helper (if it takes it) busy
    taak = taken.begin(lambda: "klaar")
    assert _in_eigen_thread(taak.uitkomst, 10) == "klaar"
    blokkeer.set()
    assert bezet.uitkomst() is True
