"""Progress of a long computation, told to whoever listens (a render prints it as progress lines).

The queue model's calibration and projection take most of a cold render (about 20 s): they report their
steps here with :func:`meld`, and :func:`luister` lets a caller hear them for the length of a ``with``
block. Nobody listening costs nothing; the computation does not know who prints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_luisteraars: list[Callable[[str], None]] = []
_tellers: dict[str, int] = {}
_slot = threading.Lock()  # the projection reports from two threads


def meld(tekst: str, totaal: int | None = None) -> None:
    """Report one step; with ``totaal``, the step is counted: ``tekst 3 van 8``."""
    if not _luisteraars:
        return
    if totaal is not None:
        with _slot:
            _tellers[tekst] = _tellers.get(tekst, 0) + 1
            tekst = f"{tekst} {_tellers[tekst]} van {totaal}"
    for luisteraar in list(_luisteraars):
        luisteraar(tekst)


@contextmanager
def luister(luisteraar: Callable[[str], None]) -> Iterator[None]:
    """Hear every :func:`meld` inside the block (counters start at zero)."""
    with _slot:
        _tellers.clear()
    _luisteraars.append(luisteraar)
    try:
        yield
    finally:
        _luisteraars.remove(luisteraar)
