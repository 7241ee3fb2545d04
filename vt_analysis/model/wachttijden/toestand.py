"""What a horizon produces and where the next one starts: per class, per month and replication column."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from vt_analysis.model.wachttijden.maanden import Dagreeks

_KLASSEN = ("acuut", "regulier", "onderzoek")


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Klasse:
    """What one class of cases did over a horizon, per month and replication column."""

    aantal: np.ndarray  # (months, columns) cases that arrived
    op_tijd: np.ndarray  # (months, columns) of those, finished within the term
    wachtend: np.ndarray  # (months, columns) cases waiting (arrived, not started) at each month's end
    duur: np.ndarray  # werkdagen from arrival to finish of the sample's cases
    duur_maand: np.ndarray  # their month of arrival
    vrij_na: np.ndarray  # (servers, columns) the servers' remaining work at the end of the horizon
    wachtend_na: np.ndarray  # start times (clock from the end of the horizon) of cases still waiting then
    start: np.ndarray | None = None  # every case's start and work on the clock (kept for the acute class)
    werk: np.ndarray | None = None

    def kolommen(self, kol: slice) -> Klasse:
        """The figures of some columns (one tempo of a run with several side by side)."""
        return Klasse(
            *(getattr(self, v)[:, kol] for v in ("aantal", "op_tijd", "wachtend")),
            duur=self.duur,
            duur_maand=self.duur_maand,
            vrij_na=self.vrij_na[:, kol],
            wachtend_na=self.wachtend_na[:, kol],
        )

    @staticmethod
    def naast(a: Klasse, b: Klasse) -> Klasse:
        """Two groups of columns side by side (the sample's waits: both parts')."""
        rijen = max(a.wachtend_na.shape[0], b.wachtend_na.shape[0])

        def vul(x: np.ndarray) -> np.ndarray:
            return np.vstack([x, np.full((rijen - x.shape[0], x.shape[1]), np.inf)])

        return Klasse(
            *(np.hstack([getattr(a, v), getattr(b, v)]) for v in ("aantal", "op_tijd", "wachtend")),
            duur=np.concatenate([a.duur, b.duur]),
            duur_maand=np.concatenate([a.duur_maand, b.duur_maand]),
            vrij_na=np.hstack([a.vrij_na, b.vrij_na]),
            wachtend_na=np.hstack([vul(a.wachtend_na), vul(b.wachtend_na)]),
        )


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Beginstand:
    """The queues at the start of a horizon, per replication column: the servers' remaining work and
    the start times (clock from the horizon start) of cases that are still waiting."""

    acuut_vrij: np.ndarray
    regulier_vrij: np.ndarray
    onderzoek_vrij: np.ndarray
    acuut_wachtend: np.ndarray
    regulier_wachtend: np.ndarray
    onderzoek_wachtend: np.ndarray

    @classmethod
    def leeg(cls, c_t: int, c_o: int, kolommen: int) -> Beginstand:
        leeg = np.full((1, kolommen), np.inf)
        return cls(np.zeros((c_t, kolommen)), np.zeros((c_t, kolommen)), np.zeros((c_o, kolommen)), leeg, leeg, leeg)

    def kolommen(self, index: np.ndarray) -> Beginstand:
        """The state of the given columns (replication i of the projection starts from run-in i mod R)."""
        return Beginstand(*(np.ascontiguousarray(getattr(self, k)[:, index]) for k in self.__dataclass_fields__))

    def met_servers(self, c_t: int, c_o: int) -> Beginstand:
        """The state for pools of another size (the formation changed): a new caseworker starts free; the
        work of one who leaves goes to the one who is free first, so no work is lost. The start times of the
        inherited waiting cases stay as they were (they count the waiting; their work is in the pools)."""
        return replace(
            self,
            acuut_vrij=_pool(self.acuut_vrij, c_t),
            regulier_vrij=_pool(self.regulier_vrij, c_t),
            onderzoek_vrij=_pool(self.onderzoek_vrij, c_o),
        )


def _pool(vrij: np.ndarray, c: int) -> np.ndarray:
    """Remaining work of ``c`` servers from that of ``vrij.shape[0]`` (see :meth:`Beginstand.met_servers`)."""
    gesorteerd = np.sort(vrij, axis=0)
    if c >= gesorteerd.shape[0]:
        return np.vstack([np.zeros((c - gesorteerd.shape[0], vrij.shape[1])), gesorteerd])
    blijft = gesorteerd[-c:].copy()
    blijft[0] += gesorteerd[:-c].sum(axis=0)
    return np.sort(blijft, axis=0)


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Horizon:
    """What one horizon produced for one scenario (or a grid of tempi side by side)."""

    dagen: Dagreeks
    acuut: Klasse | None
    regulier: Klasse | None
    onderzoek: Klasse | None

    def zonder_werk(self) -> Horizon:
        """Without the acute cases' start and work (only needed inside the run): small to send."""
        acuut = None if self.acuut is None else replace(self.acuut, start=None, werk=None)
        return Horizon(self.dagen, acuut, self.regulier, self.onderzoek)

    def kolommen(self, kol: slice) -> Horizon:
        return Horizon(
            self.dagen,
            *(None if getattr(self, k) is None else getattr(self, k).kolommen(kol) for k in _KLASSEN),
        )

    @staticmethod
    def naast(a: Horizon, b: Horizon) -> Horizon:
        return Horizon(
            a.dagen,
            *(None if getattr(a, k) is None else Klasse.naast(getattr(a, k), getattr(b, k)) for k in _KLASSEN),
        )

    def eindstand(self) -> Beginstand:
        return Beginstand(
            self.acuut.vrij_na,
            self.regulier.vrij_na,
            self.onderzoek.vrij_na,
            self.acuut.wachtend_na,
            self.regulier.wachtend_na,
            self.onderzoek.wachtend_na,
        )


def samen(tri: Horizon, ond: Horizon) -> Horizon:
    """Triage of one run beside onderzoek of another (the queues are independent)."""
    return Horizon(tri.dagen, tri.acuut, tri.regulier, ond.onderzoek)


def eindstand(tri: Horizon | None, ond: Horizon | None, leeg: Beginstand) -> Beginstand:
    """The state a run-in leaves: triage from one run, onderzoek from another (the queues are independent); a
    queue without a run keeps the state of ``leeg``."""
    return Beginstand(
        leeg.acuut_vrij if tri is None else tri.acuut.vrij_na,
        leeg.regulier_vrij if tri is None else tri.regulier.vrij_na,
        leeg.onderzoek_vrij if ond is None else ond.onderzoek.vrij_na,
        leeg.acuut_wachtend if tri is None else tri.acuut.wachtend_na,
        leeg.regulier_wachtend if tri is None else tri.regulier.wachtend_na,
        leeg.onderzoek_wachtend if ond is None else ond.onderzoek.wachtend_na,
    )
