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
    """The recursion case by case, each step across the replications: x into the sorted f[1:] without
    branches, new[i] = max(f[i], min(x, f[i + 1])), so the inner loops run over contiguous columns."""
    n, r = aankomst.shape
    s = f.shape[0]
    x = np.empty(r)
    for k in range(n):
        for j in range(r):
            t = max(f[0, j], aankomst[k, j])
            start[k, j] = t
            x[j] = t + werk[k, j]
        if s == 1:
            for j in range(r):
                f[0, j] = x[j]
            continue
        for j in range(r):
            f[0, j] = min(x[j], f[1, j])
        for i in range(1, s - 1):
            for j in range(r):
                f[i, j] = max(f[i, j], min(x[j], f[i + 1, j]))
        for j in range(r):
            f[s - 1, j] = max(f[s - 1, j], x[j])


_SIGNATUUR = "void(float64[:, ::1], float64[:, ::1], float64[:, ::1], float64[:, ::1])"


@functools.cache
def gecompileerde_stappen():
    """The recursion compiled by numba: a loop of a few operations per case is what the model spends its
    time on, and a NumPy operation per case costs microseconds of overhead. Compiled once, on first use
    (validating a run needs no compiler), and kept in the private cache folder for later runs (never next
    to the source: a system-wide install cannot be written; without a private folder, not kept). Call it
    before forking, so that a child process does not compile it again."""
    import numba

    from vt_analysis.opslag.privecache import numba_cache

    return numba.njit(_SIGNATUUR, cache=numba_cache(), nogil=True)(_kiefer_wolfowitz_stappen)


def _blok_stappen(  # pragma: no cover - runs compiled
    tijd, werk_rel, geldig, uren, tempo, tabel, snelheid, rij, term, maand, grens, f, start, werk, aantal, op_tijd, ok
):
    """One block of cases of a class in one pass (see :func:`blokstap`): per case and column the arrival on the
    column's clock, its work, the recursion's step, whether it ends within the term, and the counts per month."""
    n, r = tijd.shape
    s = f.shape[0]
    d_max = snelheid.shape[0]
    n_m = grens.shape[0]
    x = np.empty(r)
    for k in range(n):
        for j in range(r):
            d = int(tijd[k, j])
            if d + term >= d_max:
                raise IndexError("een zaak komt te laat binnen voor de uitloop van de horizon")
            fractie = np.float64(tijd[k, j]) - d
            q = rij[j]
            w = uren[d] / tempo[j] * np.float64(werk_rel[k, j]) if geldig[k, j] else 0.0
            t = max(f[0, j], snelheid[d, q] * fractie + tabel[d, q])
            start[k, j] = t
            werk[k, j] = w
            x[j] = t + w
        if s == 1:
            for j in range(r):
                f[0, j] = x[j]
        else:
            for j in range(r):
                f[0, j] = min(x[j], f[1, j])
            for i in range(1, s - 1):
                for j in range(r):
                    f[i, j] = max(f[i, j], min(x[j], f[i + 1, j]))
            for j in range(r):
                f[s - 1, j] = max(f[s - 1, j], x[j])
        for j in range(r):
            if not geldig[k, j]:
                continue
            d = int(tijd[k, j])
            q = rij[j]
            m = maand[d]
            aantal[m, j] += 1.0
            if x[j] <= snelheid[d + term, q] * (np.float64(tijd[k, j]) - d) + tabel[d + term, q]:
                op_tijd[m, j] += 1.0
            laag, hoog = 0, n_m  # the first month whose end (on this column's clock) lies after the start
            while laag < hoog:
                midden = (laag + hoog) // 2
                if grens[midden, j] <= start[k, j]:
                    laag = midden + 1
                else:
                    hoog = midden
            ok[laag, j] += 1.0  # started before the end of month ``laag`` (and not of the month before)


_BLOK_SIGNATUUR = (
    "void(float32[:, ::1], float32[:, ::1], boolean[:, ::1], float64[::1], float64[::1], float64[:, ::1], "
    "float64[:, ::1], int64[::1], int64, int64[::1], float64[:, ::1], float64[:, ::1], float64[:, ::1], "
    "float64[:, ::1], float64[:, ::1], float64[:, ::1], float64[:, ::1])"
)


@functools.cache
def blokstap():
    """:func:`_blok_stappen` compiled by numba: a class's cases pass through arrival, work, the recursion, the
    term and the month counts in one loop, instead of a dozen array operations (each a pass over memory) per
    block. Arithmetic in the same order as the array operations it replaces, so the figures are the same to the
    last bit. The arguments: the block's arrivals (werkdagen), relative work and validity (cases, columns); the
    norm hours per case per day and the tempo per column; the clock day-major (:attr:`Klok.dagmajor`) and the
    row of each column; the term in werkdagen; the month of each day; the clock at each month's end (months,
    columns). Updated in place: the servers' sorted free times ``f``, and per month and column the cases that
    arrived (``aantal``), of those on time (``op_tijd``), and the cases that started before the end of month
    ``i`` but not of month ``i - 1`` (``gestart``, one row more: after the last month). Written: every case's
    start and work on the clock."""
    import numba

    from vt_analysis.opslag.privecache import numba_cache

    return numba.njit(_BLOK_SIGNATUUR, cache=numba_cache(), nogil=True)(_blok_stappen)


def cumsum_omlaag(x: np.ndarray, dtype=float) -> np.ndarray:
    """Cumulative sum down the rows: a loop over rows of whole-row additions, much faster than
    ``np.cumsum(axis=0)`` on a C-ordered array (which walks each column with a large stride)."""
    uit = np.array(x, dtype=dtype, copy=True)
    for k in range(1, uit.shape[0]):
        np.add(uit[k - 1], uit[k], out=uit[k])
    return uit


def _tel_tot(gesorteerd: np.ndarray, drempels: np.ndarray) -> np.ndarray:
    """Per column, how many values of the column-sorted ``gesorteerd`` (n, r) lie below each of
    ``drempels`` (m, r): a binary search vectorised over columns and thresholds."""
    n, r = gesorteerd.shape
    vlak = gesorteerd.ravel()
    laag = np.zeros(drempels.shape, np.int64)
    hoog = np.full(drempels.shape, n, np.int64)
    kol = np.arange(r)
    while True:
        open_ = laag < hoog
        if not open_.any():
            return laag
        midden = (laag + hoog) // 2
        waarde = vlak.take(np.minimum(midden, n - 1) * r + kol)
        onder = open_ & (waarde < drempels)
        laag = np.where(onder, midden + 1, laag)
        hoog = np.where(open_ & ~onder, midden, hoog)


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
    per day, summed down the days.
    """
    k = klok.rij.size
    d_max = klok.snelheid.shape[1]
    tabel = np.ascontiguousarray(klok.tabel[klok.rij].T)  # (D + 1, columns)
    een_rij = bool((klok.rij == klok.rij[0]).all())
    kol = np.arange(k)
    bezet = np.zeros((d_max + 1, k))
    for tijd, teken in ((start, 1.0), (start + werk, -1.0)):
        eindig = np.isfinite(tijd)
        if een_rij:  # one clock for all columns: one search in its table (columns are sorted, so searched down them)
            na = np.searchsorted(klok.tabel[klok.rij[0]], np.ascontiguousarray(tijd.T)).T
        else:
            na = _tel_tot(tabel, tijd)  # the event counts for boundaries j >= na
        vlak = (na * k + kol)[eindig & (na <= d_max)]
        t = tijd[eindig & (na <= d_max)]
        aantal = np.bincount(vlak, minlength=(d_max + 1) * k).reshape(d_max + 1, k)
        moment = np.bincount(vlak, weights=t, minlength=(d_max + 1) * k).reshape(d_max + 1, k)
        bezet += teken * (tabel * cumsum_omlaag(aantal) - cumsum_omlaag(moment))
    per_dag = np.diff(bezet, axis=0).T  # (columns, D)
    basis = klok.snelheid[klok.rij]
    snelheid = np.maximum(basis - per_dag / servers, _MIN_CAPACITEIT * basis)
    return Klok.uit_snelheid(snelheid, kol)


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
