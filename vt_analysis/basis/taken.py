"""Two threads for a whole computation: one queue of tasks, one helper thread, and every thread that waits
for a task runs queued tasks meanwhile.

The queue model's parts nest: the run starts the calibration, the projection and the tornado; each of those
splits into scenarios, variants or halves of the replications. With a thread pool per level, four parts of
two threads each put eight threads on two cores; they then mostly evict each other's cache and take turns for
the GIL, and the machine did about a fifth more work for the same figures. Here there are never more than two
threads at work on a machine with two cores (one on a single core): the caller and one helper. A thread that
waits for a task another is running takes a queued task meanwhile, its own first (the task it waits for
finishes sooner), else the oldest; so no thread idles while there is work, and no wait can deadlock (a thread
only ever waits for a task that is running).

The compiled steps and NumPy's array operations release the GIL, so both threads compute. A task's error is
raised where its result is asked, as it was raised (no pickling, nothing forked while threads run).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

_WACHTEND, _BEZIG, _KLAAR = range(3)


class Taak:
    """One callable in the queue: its state, and its result or its error once run."""

    def __init__(self, functie: Callable[[], Any]) -> None:
        self._functie = functie
        self._toestand = _WACHTEND
        self._uitkomst: Any = None
        self._fout: BaseException | None = None

    def _voer_uit(self) -> None:
        try:
            self._uitkomst = self._functie()
        except BaseException as fout:  # noqa: BLE001 - raised again where the result is asked
            self._fout = fout
        self._functie = None  # what it holds (arrays) is freed when it is done
        with _rij.slot:
            self._toestand = _KLAAR
            _rij.slot.notify_all()

    def uitkomst(self) -> Any:
        """The result (the error raised again); running queued tasks until this one is done."""
        _rij.wacht_op(self)
        if self._fout is not None:
            raise self._fout
        return self._uitkomst

    def annuleer(self) -> None:
        """Take the task out of the queue if it has not started (a computation that failed needs no more)."""
        with _rij.slot:
            if self._toestand == _WACHTEND:
                _rij.wachtend.remove(self)
                self._toestand = _KLAAR
                self._fout = RuntimeError("taak geannuleerd")
                _rij.slot.notify_all()


class _Rij:
    """The queue and its helper thread (started on first use, on a machine with a second core)."""

    def __init__(self) -> None:
        self.slot = threading.Condition()
        self.wachtend: deque[Taak] = deque()
        self._helper: threading.Thread | None = None

    def voeg_toe(self, taken: list[Taak]) -> None:
        with self.slot:
            self.wachtend.extend(taken)
            if self._helper is None and twee_kernen():
                self._helper = threading.Thread(target=self._help, name="vt-analysis-taken", daemon=True)
                self._helper.start()
            self.slot.notify_all()

    def _pak(self, voorkeur: tuple[Taak, ...] = ()) -> Taak | None:
        """A queued task, marked running: one of ``voorkeur`` when queued, else the oldest (call with the lock)."""
        keuze = next((t for t in voorkeur if t._toestand == _WACHTEND), None)
        if keuze is None:
            if not self.wachtend:
                return None
            keuze = self.wachtend[0]
        self.wachtend.remove(keuze)
        keuze._toestand = _BEZIG
        return keuze

    def wacht_op(self, taak: Taak, eigen: tuple[Taak, ...] = ()) -> None:
        while True:
            with self.slot:
                if taak._toestand == _KLAAR:
                    return
                volgende = self._pak((taak, *eigen))
                if volgende is None:
                    self.slot.wait()
                    continue
            volgende._voer_uit()

    def _help(self) -> None:
        while True:
            with self.slot:
                volgende = self._pak()
                if volgende is None:
                    self.slot.wait()
                    continue
            volgende._voer_uit()


_rij = _Rij()


def begin(functie: Callable[[], Any]) -> Taak:
    """Queue ``functie``; its result comes from :meth:`Taak.uitkomst`."""
    taak = Taak(functie)
    _rij.voeg_toe([taak])
    return taak


def samen(functies: list[Callable[[], Any]]) -> list:
    """Every callable of ``functies`` over the two threads; the results in order (the first error raised)."""
    if len(functies) < 2 or not twee_kernen():
        return [f() for f in functies]
    taken = [Taak(f) for f in functies]
    _rij.voeg_toe(taken)
    uit = []
    try:
        for i, taak in enumerate(taken):
            _rij.wacht_op(taak, tuple(taken[i + 1 :]))
            uit.append(taak.uitkomst())
    except BaseException:
        for taak in taken:
            taak.annuleer()
        raise
    return uit


def twee_kernen() -> bool:
    """Whether a second thread computes at the same time (a machine with a second core)."""
    return (os.cpu_count() or 1) >= 2
