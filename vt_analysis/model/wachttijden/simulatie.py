"""Both queues over one horizon: each class through the Kiefer–Wolfowitz recursion (:mod:`..wachtrij`) on an
operational clock per replication, block by block; acute meldingen first on the triage pool's clock, the
regular ones on the clock the acute work leaves; the columns over two threads when there are many.
"""

from __future__ import annotations

import threading

import numpy as np

from vt_analysis.basis.taken import samen, twee_kernen
from vt_analysis.invoer.data import Wachtrijaannames
from vt_analysis.model.wachttijden.maanden import Dagreeks
from vt_analysis.model.wachttijden.stromen import Stroom, tijdschaal
from vt_analysis.model.wachttijden.toestand import Beginstand, Horizon, Klasse
from vt_analysis.model.wachttijden.wachtrij import Klok, blokstap, cumsumstap, klok_na_voorrang, voorrangstap

# Cases per block: a block's arrays stay in the processor's cache, which makes the per-case passes fast.
_BLOK = 256
# Replications over which the waits in werkdagen are summarised (quantiles pool their cases: some
# 20.000 meldingen a month).
_WACHT_STEEKPROEF = 50
# From this many columns on, a run is split over two threads.
_MIN_KOLOMMEN_PARALLEL = 200


def _klasse(
    klok: Klok,
    stroom: Stroom,
    uren: np.ndarray,
    tempo: np.ndarray,
    servers: int,
    vrij: np.ndarray,
    geerfd: np.ndarray,
    termijn: int,
    dagen: Dagreeks,
    bewaar: bool = False,
    steekproef: bool | int = True,
) -> Klasse:
    """One class through the Kiefer–Wolfowitz recursion on ``klok``, block by block.

    ``stroom``: the scenario's cases of this class (:mod:`.stromen`); ``uren``: norm hours per case per
    day; ``tempo``: per column; ``vrij``/``geerfd``: the state the horizon starts
    from (servers' remaining work, start times of the inherited waiting cases).
    """
    n, k = stroom.tijd.shape
    pm = dagen.werkdagen // (int(dagen.maand[dagen.werkdagen - 1]) + 1)
    n_m = dagen.werkdagen // pm
    grens = np.ascontiguousarray(klok.op(np.broadcast_to((np.arange(1, n_m + 1) * pm)[:, None], (n_m, k)), 0.0))
    eind_horizon = grens[-1]
    tabel, snelheid = klok.dagmajor
    tempo_k = np.array(np.broadcast_to(tempo, (k,)), np.float64)  # a writable copy, as the compiled step takes
    uren = np.array(uren, np.float64)
    maand_dag = np.array(dagen.maand, np.int64)
    aantal, op_tijd, gestart = np.zeros((n_m + 1, k)), np.zeros((n_m + 1, k)), np.zeros((n_m + 1, k))
    steek = min(int(steekproef) if steekproef is not True else _WACHT_STEEKPROEF, k)
    rest, s_eind, s_aankomst, s_maand = [], [], [], []
    f = np.ascontiguousarray(np.sort(vrij, axis=0), np.float64)
    stap, plek, laat = blokstap(), np.zeros(k, np.int64), np.zeros(1, np.int64)
    # Every case's start and work: all of them when kept, else one block's, reused (memory touched once).
    buffer = np.empty((2, n if bewaar else min(_BLOK, n), k))
    if n and int(stroom.tijd.max()) + termijn >= snelheid.shape[0]:  # the compiled step reads the clock unchecked
        raise IndexError("een zaak komt te laat binnen voor de uitloop van de horizon")
    for a in range(0, n, _BLOK):
        rijen = slice(a, min(a + _BLOK, n))
        a_n = rijen.stop - a
        tijd, geldig = stroom.tijd[rijen], stroom.geldig[rijen]
        start, werk = (buffer[0][rijen], buffer[1][rijen]) if bewaar else (buffer[0][:a_n], buffer[1][:a_n])
        # Padding rows arrive on day 0 at clock 0 with no work: steps that change nothing, never counted.
        stap(
            *(np.ascontiguousarray(x) for x in (tijd, stroom.werk[rijen], geldig)),
            *(uren, tempo_k, tabel, snelheid, klok.rij, termijn, maand_dag, grens, f),
            *(start, werk, aantal, op_tijd, gestart, plek, laat),
        )
        if laat[0]:  # a case of this block starts after the horizon: it waits at the end
            rest.append(np.where(geldig & (start > eind_horizon), start - eind_horizon, np.inf))
            laat[0] = 0
        if steek:
            s_eind.append(np.where(geldig[:, :steek], start[:, :steek] + werk[:, :steek], np.nan))
            s_aankomst.append(tijd[:, :steek].astype(float))
            s_maand.append(maand_dag.take(tijd[:, :steek].astype(np.intp)))
    begonnen = np.cumsum(gestart[:n_m], axis=0)
    duur, duur_maand = np.empty(0), np.empty(0, np.int64)
    if steek:
        s_eind_v = np.concatenate(s_eind)
        eindig = np.isfinite(s_eind_v)
        kalender = klok.kalender(np.where(eindig, s_eind_v, 0.0), slice(0, steek))
        duur = (kalender - np.concatenate(s_aankomst))[eindig]
        duur_maand = np.concatenate(s_maand)[eindig]
    aantal_m = aantal[:-1]
    wachtend = np.cumsum(aantal_m, axis=0) - begonnen
    if np.isfinite(geerfd).any():
        wachtend += np.stack([(np.isfinite(geerfd) & (geerfd > g)).sum(axis=0) for g in grens])
        rest.append(np.where(geerfd > eind_horizon, geerfd - eind_horizon, np.inf))
    rest_v = np.sort(np.concatenate(rest), axis=0) if rest else np.full((1, k), np.inf)
    m = max(int(np.isfinite(rest_v).sum(axis=0).max(initial=0)), 1)
    return Klasse(
        aantal=aantal_m,
        op_tijd=op_tijd[:-1],
        wachtend=np.maximum(wachtend, 0),
        duur=duur,
        duur_maand=duur_maand,
        vrij_na=np.clip(f - eind_horizon, 0.0, None),
        wachtend_na=rest_v[:m],
        start=buffer[0] if bewaar else None,
        werk=buffer[1] if bewaar else None,
    )


def simuleer(
    dagen: Dagreeks,
    aannames: Wachtrijaannames,
    servers: tuple[int, int],
    tempo: tuple[np.ndarray, np.ndarray],
    stromen: tuple[Stroom, Stroom, Stroom],
    begin: Beginstand,
    steekproef: bool = True,
    wachtrijen: tuple[bool, bool] = (True, True),
) -> Horizon:
    """:func:`simuleer_kolommen`, with the columns split over two threads when there are enough of
    them and the machine has a second core. Columns are independent, so the result is the same."""
    k = np.asarray(tempo[0]).size
    if k < _MIN_KOLOMMEN_PARALLEL or not twee_kernen():
        return simuleer_kolommen(dagen, aannames, servers, tempo, stromen, begin, steekproef, wachtrijen)
    helft = k // 2
    delen = [slice(0, helft), slice(helft, k)]
    steek = min(_WACHT_STEEKPROEF, k) if steekproef else 0
    aantallen = [min(steek, helft), max(0, steek - helft)]

    def deel(i: int) -> Horizon:
        kol = delen[i]
        h = simuleer_kolommen(
            dagen,
            aannames,
            servers,
            tuple(np.asarray(t)[kol] for t in tempo),
            tuple(s.kolommen(kol) for s in stromen),
            begin.kolommen(np.arange(k)[kol]),
            aantallen[i],
            wachtrijen,
        )
        return h.zonder_werk()

    return Horizon.naast(*samen([lambda: deel(0), lambda: deel(1)]))


_VOORBEREID = threading.Lock()


def voorbereid() -> None:
    """Every compiled step compiled now (or read from the cache): two threads that first need one at the same
    time would each compile it. A second caller waits for the first (a run begins it as a task early, so the
    other thread loads the steps while this one reads the data)."""
    with _VOORBEREID:
        blokstap()
        voorrangstap()
        tijdschaal()
        cumsumstap()


def simuleer_kolommen(
    dagen: Dagreeks,
    aannames: Wachtrijaannames,
    servers: tuple[int, int],
    tempo: tuple[np.ndarray, np.ndarray],
    stromen: tuple[Stroom, Stroom, Stroom],
    begin: Beginstand,
    steekproef: bool | int = True,
    wachtrijen: tuple[bool, bool] = (True, True),
    capaciteit: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> Horizon:
    """Both queues over one horizon. ``tempo``: per column, the norm hours one hour of work covers
    (triage, onderzoek); ``stromen``: acute, regular and onderzoek candidates of this horizon;
    ``wachtrijen``: which of triage and onderzoek to run (a queue left out is None in the result);
    ``capaciteit``: norm hours per day of triage and onderzoek per formation (rows) and the row of each
    column, to run several formations side by side on the same cases (default: those of ``dagen``).

    The clocks count norm hours per worker at tempo 1; a column with tempo f needs 1/f of a case's norm
    hours. Acute meldingen run first on the pool's clock; the regular ones on the clock that leaves.
    """
    c_t, c_o = servers
    f_t, f_o = (np.asarray(f, float) for f in tempo)
    kolommen = f_t.size
    if capaciteit is None:
        capaciteit = (dagen.triage_uren[None, :], dagen.onderzoek_uren[None, :], np.zeros(kolommen, np.int64))
    uren_t, uren_o, rij = capaciteit
    klok_t = Klok.uit_snelheid(uren_t / c_t, rij)
    klok_o = Klok.uit_snelheid(uren_o / c_o, rij)
    st_a, st_r, st_o = stromen
    term_t = int(aannames.termijn_triage_werkdagen.waarde)
    term_o = int(aannames.termijn_onderzoek_werkdagen.waarde)
    acuut = regulier = onderzoek = None
    if wachtrijen[0]:
        acuut, regulier = _triage(dagen, st_a, st_r, klok_t, f_t, c_t, begin, term_t, steekproef)
    if wachtrijen[1]:
        onderzoek = _klasse(
            klok_o,
            st_o,
            dagen.uren_per_onderzoek,
            f_o,
            c_o,
            begin.onderzoek_vrij,
            begin.onderzoek_wachtend,
            term_o,
            dagen,
            steekproef=steekproef,
        )
    return Horizon(dagen, acuut, regulier, onderzoek)


def _triage(dagen, st_a, st_r, klok_t, f_t, c_t, begin, term_t, steekproef) -> tuple[Klasse, Klasse]:
    """The triage pool: acute meldingen first, the regular ones on the clock the acute work leaves."""
    acuut = _klasse(
        klok_t,
        st_a,
        dagen.uren_per_melding,
        f_t,
        c_t,
        begin.acuut_vrij,
        begin.acuut_wachtend,
        term_t,
        dagen,
        bewaar=True,
        steekproef=steekproef,
    )
    # The acute work, with what the servers still had from the previous horizon, slows the regular clock.
    bezig = begin.acuut_vrij
    klok_r = klok_na_voorrang(
        klok_t,
        np.vstack([np.zeros_like(bezig), acuut.start]),
        np.vstack([bezig, np.where(np.isfinite(acuut.start), acuut.werk, 0.0)]),
        c_t,
    )
    regulier = _klasse(
        klok_r,
        st_r,
        dagen.uren_per_melding,
        f_t,
        c_t,
        begin.regulier_vrij,
        begin.regulier_wachtend,
        term_t,
        dagen,
        steekproef=steekproef,
    )
    return acuut, regulier
