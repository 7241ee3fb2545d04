"""The queue engine of the wachttijden model: multi-server FCFS queues vectorised over replications.

* :func:`kiefer_wolfowitz`: start times of a FCFS queue with ``c`` identical servers, one case at a
  time (the Kiefer–Wolfowitz recursion on the sorted vector of the servers' free times), each step
  across all replications, compiled with numba.
* :class:`Klok`: an operational clock per replication over working days, so that a capacity that
  changes from day to day (fte, verzuim, holidays) is a change of clock for the queue.
* :func:`twee_klassen`: a pool with two classes, acute with preemptive priority and regular FCFS on
  the capacity the acute cases leave (the regular class runs on a clock slowed by the acute work).

Checked in ``tests/test_wachtrij.py`` against the Erlang C formula (M/M/c), against ciw (two priority
classes, gamma work) and for work conservation.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

# A class never gets less than this share of the pool's speed (keeps every clock strictly increasing).
_MIN_CAPACITEIT = 1e-3


def kiefer_wolfowitz(
    aankomst: np.ndarray, werk: np.ndarray, servers: int, vrij: np.ndarray | None = None, eindstand: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Start times of a FCFS queue with ``servers`` identical servers of speed 1 (double precision).

    ``aankomst`` and ``werk``: (cases, replications), each column sorted by arrival and padded with
    ``inf`` arrivals. ``vrij``: (servers, replications), when each server is first free (default 0).
    The recursion keeps the servers' free times sorted: a case starts at max(arrival, earliest free
    time), and that server is free again after the case's work. A case without work changes nothing
    (its server was idle until then anyway), so empty slots are harmless. ``eindstand`` also returns
    the servers' sorted free times after the last case.
    """
    aankomst = np.ascontiguousarray(aankomst, dtype=np.float64)
    werk = np.ascontiguousarray(werk, dtype=np.float64)
    r = aankomst.shape[1]
    f = np.zeros((servers, r)) if vrij is None else np.sort(np.array(vrij, np.float64, order="C"), axis=0)
    start = np.empty_like(aankomst)
    gecompileerde_stappen()(aankomst, werk, f, start)
    return (start, f) if eindstand else start


def _kiefer_wolfowitz_stappen(aankomst, werk, f, start):  # pragma: no cover - runs compiled
    """The recursion case by case, each step across the replications (:func:`_vrij_na_stap`)."""
    n, r = aankomst.shape
    x = np.empty(r)
    for k in range(n):
        for j in range(r):
            t = max(f[0, j], aankomst[k, j])
            start[k, j] = t
            x[j] = t + werk[k, j]
        _vrij_na(f, x)


def _vrij_na_stap(f, x):  # pragma: no cover - runs compiled
    """The servers' sorted free times ``f`` (servers, columns) after each column's case that took the first free
    server ends at ``x``: x into the sorted f[1:] without branches, new[i] = max(f[i], min(x, f[i + 1])), so the
    inner loops run over contiguous columns."""
    s, r = f.shape
    if s == 1:
        for j in range(r):
            f[0, j] = x[j]
        return
    for j in range(r):
        f[0, j] = min(x[j], f[1, j])
    for i in range(1, s - 1):
        for j in range(r):
            f[i, j] = max(f[i, j], min(x[j], f[i + 1, j]))
    for j in range(r):
        f[s - 1, j] = max(f[s - 1, j], x[j])


# The compiled update both steps call (set by :func:`_numba` before they are compiled; inlined into them).
_vrij_na = _vrij_na_stap


@functools.cache
def _numba():
    """numba, imported on first use (validating a run needs no compiler), with the servers' update compiled for
    the steps that call it, and its cache pointed at the private cache folder."""
    global _vrij_na
    import numba

    _vrij_na = numba.njit(inline="always", nogil=True)(_vrij_na_stap)
    return numba


_SIGNATUUR = "void(float64[:, ::1], float64[:, ::1], float64[:, ::1], float64[:, ::1])"


@functools.cache
def gecompileerde_stappen():
    """The recursion compiled by numba: a loop of a few operations per case is what the model spends its
    time on, and a NumPy operation per case costs microseconds of overhead. Compiled once, on first use
    (validating a run needs no compiler), and kept in the private cache folder for later runs (never next
    to the source: a system-wide install cannot be written; without a private folder, not kept)."""
    from vt_analysis.opslag.privecache import numba_cache

    return _numba().njit(_SIGNATUUR, cache=numba_cache(), nogil=True)(_kiefer_wolfowitz_stappen)


def _blok_stappen(  # pragma: no cover - runs compiled
    tijd,
    rel,
    geldig,
    uren,
    tempo,
    tabel,
    snelheid,
    rij,
    term,
    maand,
    grens,
    f,
    start,
    werk,
    aantal,
    op_tijd,
    ok,
    plek,
    laat,
):
    """One block of cases of a class in one pass (see :func:`blokstap`): per case and column the arrival on the
    column's clock, its work, the recursion's step, whether it ends within the term, and the counts per month."""
    n, r = tijd.shape
    n_m = grens.shape[0]
    x = np.empty(r)
    for k in range(n):
        for j in range(r):
            d = int(tijd[k, j])
            fractie = np.float64(tijd[k, j]) - d
            q = rij[j]
            if not geldig[k, j]:  # padding: arrives on day 0 with no work, a step that changes nothing
                t = max(f[0, j], snelheid[d, q] * fractie + tabel[d, q])
                start[k, j], werk[k, j], x[j] = t, 0.0, t
                continue
            w = uren[d] / tempo[j] * np.float64(rel[k, j])
            t = max(f[0, j], snelheid[d, q] * fractie + tabel[d, q])
            start[k, j], werk[k, j], x[j] = t, w, t + w
            m = maand[d]
            aantal[m, j] += 1.0
            op_tijd[m, j] += 1.0 if t + w <= snelheid[d + term, q] * fractie + tabel[d + term, q] else 0.0
            b = plek[j]  # the first month whose end (on this column's clock) lies after the start: starts rise
            if b > 0 and grens[b - 1, j] > t:  # (an earlier start than the previous one: from the first month)
                b = 0
            while b < n_m and grens[b, j] <= t:
                b += 1
            plek[j] = b
            ok[b, j] += 1.0  # started before the end of month ``b`` (and not of the month before)
            if t > grens[n_m - 1, j]:  # starts after the horizon: still waiting at its end
                laat[0] = 1
        _vrij_na(f, x)


_BLOK_SIGNATUUR = (
    "void(float32[:, ::1], float32[:, ::1], boolean[:, ::1], float64[::1], float64[::1], float64[:, ::1], "
    "float64[:, ::1], int64[::1], int64, int64[::1], float64[:, ::1], float64[:, ::1], float64[:, ::1], "
    "float64[:, ::1], float64[:, ::1], float64[:, ::1], float64[:, ::1], int64[::1], int64[::1])"
)


@functools.cache
def blokstap():
    """:func:`_blok_stappen` compiled by numba: a class's cases pass through arrival, work, the recursion, the
    term and the month counts in one loop, instead of a dozen array operations (each a pass over memory) per
    block. Arithmetic in the same order as the array operations it replaces, so the figures are the same to the
    last bit. The arguments: the block's arrivals (werkdagen), relative work and validity (cases, columns); the
    norm hours per case per day and the tempo per column; the clock day-major (:attr:`Klok.dagmajor`) and the
    row of each column; the term in werkdagen; the month of each day; the clock at each month's end (months,
    columns). The caller makes sure every arrival's day plus the term lies within the clock (not checked here).
    Updated in place: the servers' sorted free times ``f``, and per month and column the cases that
    arrived (``aantal``), of those on time (``op_tijd``), and the cases that started before the end of month
    ``i`` but not of month ``i - 1`` (``ok``, one row more: after the last month), per column the month
    of the last start (where the next block's search begins), and ``laat[0]`` set to 1 when a case of the block
    starts after its column's horizon (the caller then collects those; a pass over the block's starts to find
    out costs as much). Written: every case's start and work on the clock."""
    from vt_analysis.opslag.privecache import numba_cache

    return _numba().njit(_BLOK_SIGNATUUR, cache=numba_cache(), nogil=True)(_blok_stappen)


def _cumsum_stappen(x):  # pragma: no cover - runs compiled
    """Each row plus the sum of the rows above, in place, a row at a time (the additions NumPy's row by row
    loop made, in the same order)."""
    n, r = x.shape
    for k in range(1, n):
        for j in range(r):
            x[k, j] = x[k - 1, j] + x[k, j]


@functools.cache
def cumsumstap():
    """:func:`_cumsum_stappen` compiled by numba: ``np.cumsum(axis=0)`` walks each column of a C-ordered array
    with a large stride, and a Python loop of row additions holds the GIL between rows (the other thread then
    waits); compiled, the loop runs without it."""
    from vt_analysis.opslag.privecache import numba_cache

    return _numba().njit("void(float32[:, ::1])", cache=numba_cache(), nogil=True)(_cumsum_stappen)


def cumsum_omlaag(x: np.ndarray) -> np.ndarray:
    """Cumulative sum down the rows of a C-ordered float32 array, in place (returns ``x``)."""
    cumsumstap()(x)
    return x


def _dag_en_fractie(kalender: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    eindig = np.where(np.isfinite(kalender), np.maximum(kalender, 0.0), 0.0)
    dag = np.floor(eindig).astype(np.int64)
    return dag, eindig - dag


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Klok:
    """Operational clocks over working days, one per column (replication): ``tabel[rij[k], d]`` is the
    clock of column ``k`` at the start of day ``d``; it advances ``snelheid[rij[k], d]`` hours per
    worker during day ``d``. Columns of one scenario share a row; the regular triage clock has its own."""

    snelheid: np.ndarray  # (K, D)
    tabel: np.ndarray  # (K, D + 1)
    rij: np.ndarray  # (columns,) row of each column

    @cached_property
    def dagmajor(self) -> tuple[np.ndarray, np.ndarray]:
        """The clock and speed tables day-major, (D + 1, K) and (D, K): the cases of one day in neighbouring
        columns read neighbouring memory (:func:`blokstap`)."""
        return np.ascontiguousarray(self.tabel.T), np.ascontiguousarray(self.snelheid.T)

    @classmethod
    def uit_snelheid(cls, snelheid: np.ndarray, rij: np.ndarray) -> Klok:
        snelheid = np.maximum(np.asarray(snelheid, float), 1e-9)
        tabel = np.concatenate([np.zeros((snelheid.shape[0], 1)), np.cumsum(snelheid, axis=1)], axis=1)
        return cls(snelheid, tabel, np.asarray(rij, np.int64))

    def op(self, dag: np.ndarray, fractie: np.ndarray | float) -> np.ndarray:
        """Clock value at calendar time dag + fractie; the last axis of ``dag`` runs over the columns."""
        d_max = self.snelheid.shape[1]
        plek = np.minimum(dag, d_max - 1)
        plek += self.rij * d_max
        waarde = self.snelheid.ravel().take(plek)
        waarde *= fractie
        plek += self.rij  # the table's rows are one longer: row r starts at r × (D + 1)
        waarde += self.tabel.ravel().take(plek)
        return waarde

    def kalender(self, waarde: np.ndarray, kolommen: slice = slice(None)) -> np.ndarray:
        """Calendar time (werkdagen) of clock values (n, columns): a binary search per column."""
        rij = self.rij[kolommen]
        d_max = self.snelheid.shape[1]
        dag = np.empty(waarde.shape, np.int64)
        for j, r in enumerate(rij):  # one search per column in that column's table
            dag[:, j] = np.searchsorted(self.tabel[r], waarde[:, j]) - 1
        np.clip(dag, 0, d_max - 1, out=dag)
        begin = self.tabel.ravel().take(rij * (d_max + 1) + dag)
        snelheid = self.snelheid.ravel().take(rij * d_max + dag)
        return dag + (waarde - begin) / snelheid


def klok_na_voorrang(klok: Klok, start: np.ndarray, werk: np.ndarray, servers: int) -> Klok:
    """The clock of the regular class: per column, the pool's clock minus the server-time the acute
    class (preemptive priority) used that day, divided over the ``servers``.

    ``start``/``werk``: the acute cases on ``klok`` (n, columns). Server-time used up to boundary b is
    the sum over start events of (b − s)+ minus over end events of (b − e)+: counts and first moments
    per day, summed down the days (compiled: :func:`_voorrang_stappen`).
    """
    k = klok.rij.size
    snelheid = np.empty((k, klok.snelheid.shape[1]))
    voorrangstap()(
        *(np.ascontiguousarray(x, np.float64) for x in (start, werk, klok.tabel, klok.snelheid)),
        np.ascontiguousarray(klok.rij, np.int64),
        int(servers),
        snelheid,
    )
    return Klok.uit_snelheid(snelheid, np.arange(k))


def _voorrang_stappen(start, werk, tabel, basis, rij, servers, snelheid):  # pragma: no cover - runs compiled
    """Per column: the start and end events of the acute cases counted per day they fall in (the first boundary
    not below them) with their sum, then down the days the server-time used up to each boundary, and each day's
    speed: the pool's minus the day's used time per server, never below ``_MIN_CAPACITEIT`` of it. The sums in
    the order the array version summed them (events row by row, days in order), so the clock is the same."""
    n, r = start.shape
    d_max = basis.shape[1]
    aantal = np.zeros((2, d_max + 1, r))  # day-major: the events of one row fall in neighbouring columns
    moment = np.zeros((2, d_max + 1, r))
    plek = np.zeros(r, np.int64)  # per column, the boundaries below the previous start (starts mostly rise)
    for k in range(n):
        for j in range(r):
            q = rij[j]
            t = start[k, j]
            if not math.isfinite(t):
                continue
            b = plek[j]
            if b > 0 and tabel[q, b - 1] >= t:  # an earlier start than the previous one: search from the first day
                b = 0
            for e in range(2):  # the start, then the end (not earlier: the boundaries below the start are below it)
                if e == 1:
                    t = t + werk[k, j]
                    if not math.isfinite(t):
                        break
                while b <= d_max and tabel[q, b] < t:
                    b += 1
                if e == 0:
                    plek[j] = b
                if b <= d_max:
                    aantal[e, b, j] += 1.0
                    moment[e, b, j] += t
    som = np.zeros((4, r))  # running counts and moments of the start and end events
    vorig = np.zeros(r)
    for b in range(d_max + 1):
        for j in range(r):
            q = rij[j]
            som[0, j] += aantal[0, b, j]
            som[1, j] += moment[0, b, j]
            som[2, j] += aantal[1, b, j]
            som[3, j] += moment[1, b, j]
            bezet = (tabel[q, b] * som[0, j] - som[1, j]) + -(tabel[q, b] * som[2, j] - som[3, j])
            if b > 0:
                v = basis[q, b - 1]
                snelheid[j, b - 1] = max(v - (bezet - vorig[j]) / servers, _MIN_CAPACITEIT * v)
            vorig[j] = bezet


@functools.cache
def voorrangstap():
    """:func:`_voorrang_stappen` compiled by numba, once, on first use, kept in the private cache folder."""
    from vt_analysis.opslag.privecache import numba_cache

    matrix = "float64[:, ::1]"
    signatuur = f"void({matrix}, {matrix}, {matrix}, {matrix}, int64[::1], int64, {matrix})"
    return _numba().njit(signatuur, cache=numba_cache(), nogil=True)(_voorrang_stappen)


def twee_klassen(
    acuut: np.ndarray,
    werk_acuut: np.ndarray,
    regulier: np.ndarray,
    werk_regulier: np.ndarray,
    servers: int,
    snelheid: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Start times (calendar) of a pool with two classes: acute with preemptive priority, regular
    FCFS on what acute leaves. Arrivals (n, columns) in periods of a calendar in which every server
    works ``snelheid[d]`` during period ``d``; the model's triage queue with working days as periods."""
    kolommen = acuut.shape[1]
    klok = Klok.uit_snelheid(np.asarray(snelheid, float)[None, :], np.zeros(kolommen, np.int64))

    def op_klok(k: Klok, t: np.ndarray) -> np.ndarray:
        dag, fractie = _dag_en_fractie(t)
        return np.where(np.isfinite(t), k.op(dag, fractie), np.inf)

    start_a = kiefer_wolfowitz(op_klok(klok, acuut), werk_acuut, servers)
    klok_r = klok_na_voorrang(klok, start_a, werk_acuut, servers)
    start_r = kiefer_wolfowitz(op_klok(klok_r, regulier), werk_regulier, servers)
    return klok.kalender(start_a), klok_r.kalender(start_r)
