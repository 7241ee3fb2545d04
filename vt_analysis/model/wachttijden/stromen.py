"""Cases of the queue model: a Poisson stream per class and replication, with its work.

Every class (acute meldingen, regular meldingen, onderzoeken) has random numbers of its own, from a
generator keyed by (seed, purpose, class, part) with :class:`numpy.random.SeedSequence`: an assumption of
one class never moves another's cases. A scenario's cases are the class's unit-rate stream (cumulative
sums of unit exponentials: expected cases) mapped through the scenario's own cumulative intensity (the
time change of a Poisson process). So a scenario's cases depend on its own volumes only, not on which
other scenarios are projected beside it, and all scenarios still share their random numbers (common
random numbers: differences between scenarios come from the scenarios, more capacity never makes a case
later, and more volume only brings cases earlier).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from vt_analysis.invoer.data import Wachtrijaannames
from vt_analysis.model.wachttijden.wachtrij import cumsum_omlaag

KLASSEN = ("acuut", "regulier", "onderzoek")


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Bron:
    """The random numbers of one class: (cases, replications), drawn row by row, so the first rows are
    the same however many are drawn. ``som``: expected cases up to each arrival (unit-rate Poisson
    stream); ``werk``: the work of each case in units of the mean (gamma, mean 1)."""

    som: np.ndarray
    werk: np.ndarray


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Stroom:
    """The cases of one class in one scenario: (cases, replications), in arrival order down each column.

    ``tijd`` is the arrival in working days (day and fraction: a block splits them when it needs them),
    ``werk`` the work in units of the mean. Padding rows at the end of a column have ``geldig`` False and
    arrive at 0.
    """

    tijd: np.ndarray
    werk: np.ndarray
    geldig: np.ndarray
    delen: dict = field(default_factory=dict, repr=False)

    VELDEN = ("tijd", "werk", "geldig")

    def kolommen(self, kol: slice) -> Stroom:
        """The cases of some columns, contiguous; kept, as every run of this stream splits alike."""
        sleutel = (kol.start, kol.stop)
        if sleutel not in self.delen:
            self.delen[sleutel] = Stroom(*(np.ascontiguousarray(getattr(self, v)[:, kol]) for v in self.VELDEN))
        return self.delen[sleutel]


def rijen_nodig(totaal: float) -> int:
    """Rows that hold every case of a Poisson count with mean ``totaal`` (six standard deviations and ten more)."""
    return max(int(np.ceil(totaal + 6 * np.sqrt(totaal) + 10)), 1)


def generator(seed: int, doel: int, klasse: int, deel: int) -> np.random.Generator:
    """The generator of one part of one class: keyed, so a stream does not depend on what else is drawn."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(doel, klasse, deel)))


# Random numbers of runs up to this many cases × replications per class are kept in memory, the last eight kept
# (16 MB each at most): the tornado refits and projects horizons of several sizes with the same random numbers.
_BEWAARD_MAX = 2_000_000
_BEWAARD_AANTAL = 8


def trek_bron(totaal: float, replicaties: int, cv: float, seed: int, doel: int, klasse: int) -> Bron:
    """The random numbers of one class for streams of at most ``totaal`` expected cases per replication.

    Single precision is plenty for an arrival (a few seconds at two years) and a relative amount of work:
    half the memory to fill and to read in every scenario. Small draws come from memory when drawn before (the
    same numbers: the generator is keyed); nothing writes into a :class:`Bron`'s arrays.
    """
    n = rijen_nodig(totaal)
    if n * replicaties <= _BEWAARD_MAX:
        return _bewaard.bron(n, replicaties, cv, seed, doel, klasse)
    return _trek(n, replicaties, cv, seed, doel, klasse)


def _trek(n: int, replicaties: int, cv: float, seed: int, doel: int, klasse: int) -> Bron:
    return _Trekking(replicaties, cv, seed, doel, klasse).tot(n)


class _Trekking:
    """The draw of one class and key, row by row: its two generators where they stopped and the rows so far.

    Each generator fills its rows one after the other, so the first rows of a draw are the draw of fewer rows,
    and drawing more rows continues where the last call stopped (tested): a horizon of another size takes the
    rows it needs from the same numbers, and only the rows not yet drawn are drawn."""

    def __init__(self, replicaties: int, cv: float, seed: int, doel: int, klasse: int) -> None:
        self.replicaties = replicaties
        self.vorm = 1 / cv**2
        self.aankomst = generator(seed, doel, klasse, 0)
        self.werk_generator = generator(seed, doel, klasse, 1)
        self.som = np.empty((0, replicaties), np.float32)
        self.werk = np.empty((0, replicaties), np.float32)

    def tot(self, n: int) -> Bron:
        """The first ``n`` rows (drawing the rows not drawn yet)."""
        extra = n - self.som.shape[0]
        if extra > 0:
            e = self.aankomst.standard_exponential((extra, self.replicaties), dtype=np.float32)
            if self.som.shape[0]:
                e[0] += self.som[-1]  # the sum runs on from the last row drawn
            werk = self.werk_generator.standard_gamma(self.vorm, (extra, self.replicaties), dtype=np.float32)
            werk /= np.float32(self.vorm)
            self.som = np.concatenate([self.som, cumsum_omlaag(e)]) if self.som.shape[0] else cumsum_omlaag(e)
            self.werk = np.concatenate([self.werk, werk]) if self.werk.shape[0] else werk
        return Bron(self.som[:n], self.werk[:n])


class _Bewaard:
    """The last kept draws, by key (replications, spread, seed, purpose, class); a thread takes a draw out while
    it draws more rows, so two threads never draw from one generator."""

    def __init__(self) -> None:
        self._slot = threading.Lock()
        self._trekkingen: OrderedDict[tuple, _Trekking] = OrderedDict()

    def bron(self, n: int, *sleutel) -> Bron:
        with self._slot:
            trekking = self._trekkingen.pop(sleutel, None)
        if trekking is None:
            trekking = _Trekking(*sleutel)
        bron = trekking.tot(n)
        with self._slot:
            ander = self._trekkingen.get(sleutel)
            if ander is None or ander.som.shape[0] < trekking.som.shape[0]:
                self._trekkingen[sleutel] = trekking
            self._trekkingen.move_to_end(sleutel)
            while len(self._trekkingen) > _BEWAARD_AANTAL:
                self._trekkingen.popitem(last=False)
        return bron

    def vergeet(self) -> None:
        """Forget every kept draw (the benchmark times a draw, not a lookup)."""
        with self._slot:
            self._trekkingen.clear()


_bewaard = _Bewaard()


def vergeet_trekkingen() -> None:
    _bewaard.vergeet()


def stroom(bron: Bron, tarief: np.ndarray) -> Stroom:
    """The cases at ``tarief`` expected cases per working day: the unit-rate stream through the inverse of
    the cumulative intensity. Days without volume get no case. Runs of days with the same rate are one
    segment; a column's values rise, so each column walks the segments once (compiled: :func:`tijdschaal`)."""
    tarief = np.asarray(tarief, float)
    nieuw = np.flatnonzero(np.r_[True, tarief[1:] != tarief[:-1]])  # first day of each segment
    lengte = np.diff(np.r_[nieuw, tarief.size])
    knoop = np.r_[0.0, np.cumsum(tarief[nieuw] * lengte)]  # expected cases before each segment
    totaal = float(knoop[-1])
    n = min(rijen_nodig(totaal), bron.som.shape[0])
    som = bron.som[:n]
    geldig = som < totaal
    m = max(int(geldig.sum(axis=0).max(initial=0)), 1)
    tijd = np.empty((m, som.shape[1]), np.float32)
    tijdschaal()(som[:m], knoop, nieuw.astype(float), tarief[nieuw], float(tarief.size - 1e-3), tijd)
    return Stroom(tijd, np.ascontiguousarray(bron.werk[:m]), geldig[:m])


def _tijdschaal_stappen(som, knoop, begin, tarief, laatste, tijd):  # pragma: no cover - runs compiled
    """Per row, across the columns: advance each column's segment while the next knot is passed (a zero-rate
    segment is passed at once), then day = segment start + the expected cases into it / its rate."""
    n, r = som.shape
    s_max = knoop.size - 2
    segment = np.zeros(r, np.int64)
    totaal = knoop[s_max + 1]
    for k in range(n):
        for j in range(r):
            x = som[k, j]
            if x >= totaal:
                tijd[k, j] = 0.0
                continue
            s = segment[j]
            while s < s_max and knoop[s + 1] <= x:
                s += 1
            segment[j] = s
            t = begin[s] + (x - knoop[s]) / tarief[s]
            tijd[k, j] = t if t < laatste else laatste


@functools.cache
def tijdschaal():
    """:func:`_tijdschaal_stappen` compiled by numba (a pass over every case of a scenario; NumPy's search
    and fancy indexing cost ten times more), once, on first use, kept in the private cache folder."""
    import numba

    from vt_analysis.opslag.privecache import numba_cache

    return numba.njit(
        "void(float32[:, ::1], float64[::1], float64[::1], float64[::1], float64, float32[:, ::1])",
        cache=numba_cache(),
        nogil=True,
    )(_tijdschaal_stappen)


def trek_bronnen(
    totalen: tuple[float, float, float], aannames: Wachtrijaannames, replicaties: int, seed: int, doel: int
) -> tuple[Bron, Bron, Bron]:
    """Acute, regular and onderzoek random numbers, each from its own generator."""
    cv = (
        aannames.variatiecoefficient_werk_triage.waarde,
        aannames.variatiecoefficient_werk_triage.waarde,
        aannames.variatiecoefficient_werk_onderzoek.waarde,
    )
    return tuple(trek_bron(t, replicaties, c, seed, doel, k) for k, (t, c) in enumerate(zip(totalen, cv, strict=True)))


def tarieven(meldingen: np.ndarray, onderzoeken: np.ndarray, aannames: Wachtrijaannames) -> tuple:
    """Expected acute meldingen, regular meldingen and onderzoeken per working day (a split Poisson stream)."""
    acuut = aannames.acuut_triage_pct.waarde / 100
    return meldingen * acuut, meldingen * (1 - acuut), np.asarray(onderzoeken, float)


def stromen_uit(bronnen: tuple[Bron, Bron, Bron], per_dag: tuple) -> tuple[Stroom, Stroom, Stroom]:
    """A scenario's three streams from the shared random numbers and its rates per day (:func:`tarieven`)."""
    return tuple(stroom(b, t) for b, t in zip(bronnen, per_dag, strict=True))


def trek_stromen(
    meldingen: np.ndarray, onderzoeken: np.ndarray, aannames: Wachtrijaannames, replicaties: int, seed: int, doel=0
) -> tuple[Stroom, Stroom, Stroom]:
    """Acute, regular and onderzoek cases of one horizon (rates per working day), each class on its own
    generator keyed by ``seed`` and ``doel`` (the purpose: calibration, projection)."""
    per_dag = tarieven(meldingen, onderzoeken, aannames)
    bronnen = trek_bronnen(tuple(float(np.sum(t)) for t in per_dag), aannames, replicaties, seed, doel)
    return stromen_uit(bronnen, per_dag)


def herhaal(stroom_: Stroom, keer: int) -> Stroom:
    """The same cases for ``keer`` groups of columns side by side (the calibration grid). Copied group by group:
    NumPy releases the GIL for a slice assignment, not for ``np.tile``'s repeat, so the other thread computes."""

    def naast(a: np.ndarray) -> np.ndarray:
        k = a.shape[1]
        uit = np.empty((a.shape[0], k * keer), a.dtype)
        for i in range(keer):
            uit[:, i * k : (i + 1) * k] = a
        return uit

    return Stroom(*(naast(getattr(stroom_, v)) for v in Stroom.VELDEN))
