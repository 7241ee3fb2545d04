"""The queue engine against known answers: M/M/c against the Erlang C formula, two priority classes
with gamma work against ciw, work conservation and no idle server while a case waits."""

from __future__ import annotations

import heapq
import math

import numpy as np
import pytest

from vt_analysis.model.wachttijden import wachtrij as w


def erlang_c(c: int, a: float) -> float:
    """Probability of waiting in M/M/c with offered load a = λ/μ (Erlang C formula)."""
    som = sum(a**k / math.factorial(k) for k in range(c))
    staart = a**c / math.factorial(c) * c / (c - a)
    return staart / (som + staart)


@pytest.mark.parametrize("c", [1, 2, 8])
def test_recursie_is_een_wachtrij_met_een_heap_per_geval(c):
    """The compiled recursion gives exactly what the textbook simulation gives: per replication a heap of
    the servers' free times; each case in arrival order starts at max(arrival, earliest free time)."""
    rng = np.random.default_rng(c)
    n, r = 400, 7
    aankomst = np.cumsum(rng.exponential(1 / c, (n, r)), axis=0)
    werk = rng.gamma(2, 0.6, (n, r))
    werk[rng.random((n, r)) < 0.1] = 0.0  # cases without work (the model's padding) change nothing
    vrij = rng.uniform(0, 5, (c, r))
    start, eind = w.kiefer_wolfowitz(aankomst, werk, c, vrij=vrij, eindstand=True)
    for j in range(r):
        heap = list(vrij[:, j])
        heapq.heapify(heap)
        for k in range(n):
            t = max(heapq.heappop(heap), aankomst[k, j])
            assert start[k, j] == t, (c, j, k)
            heapq.heappush(heap, t + werk[k, j])
        np.testing.assert_array_equal(eind[:, j], sorted(heap))


@pytest.mark.parametrize("c, rho", [(1, 0.9), (3, 0.9), (10, 0.9), (5, 0.6)])
def test_mmc_wachttijd_volgt_erlang_c(c, rho):
    rng = np.random.default_rng(7)
    mu, n, r = 1.0, 30_000, 40
    lam = rho * c * mu
    aankomst = np.cumsum(rng.exponential(1 / lam, (n, r)), axis=0)
    start = w.kiefer_wolfowitz(aankomst, rng.exponential(1 / mu, (n, r)), c)
    wacht = (start - aankomst)[5_000:]  # past the warm-up from an empty system
    for t in (0.0, 0.5, 2.0):
        exact = 1 - erlang_c(c, lam / mu) * math.exp(-(c * mu - lam) * t)
        assert abs((wacht <= t + 1e-12).mean() - exact) < 0.01, (c, rho, t)


@pytest.mark.langzaam
def test_twee_prioriteitsklassen_met_gamma_werk_zoals_ciw():
    """Acute preemptive over regular, gamma service (CV 0,5), 3 servers at 85% load, against ciw."""
    import ciw  # here: the quick loop leaves this test out and need not import the simulator

    la, lr, c, eind, inloop = 0.3, 2.25, 3, 12_000.0, 1_000.0
    netwerk = ciw.create_network(
        arrival_distributions={"acuut": [ciw.dists.Exponential(la)], "regulier": [ciw.dists.Exponential(lr)]},
        service_distributions={"acuut": [ciw.dists.Gamma(4, 0.25)], "regulier": [ciw.dists.Gamma(4, 0.25)]},
        number_of_servers=[c],
        priority_classes=({"acuut": 0, "regulier": 1}, ["resume"]),
    )
    eerste_start: dict[tuple[int, int], tuple[str, float, float]] = {}
    for seed in range(3):
        ciw.seed(seed)
        sim = ciw.Simulation(netwerk)
        sim.simulate_until_max_time(eind)
        for rec in sim.get_all_records():
            sleutel = (seed, rec.id_number)
            if sleutel not in eerste_start or rec.service_start_date < eerste_start[sleutel][2]:
                eerste_start[sleutel] = (rec.customer_class, rec.arrival_date, rec.service_start_date)
    referentie = {
        k: np.array([s - a for kl, a, s in eerste_start.values() if kl == k and inloop < a < eind - 100])
        for k in ("acuut", "regulier")
    }

    rng = np.random.default_rng(3)
    r, stap = 40, 0.05  # periods of 0,05 time units, each server works 0,05 per period
    perioden = int(eind * 1.3 / stap)
    na, nr = int(la * eind * 1.2), int(lr * eind * 1.1)
    aa = np.cumsum(rng.exponential(1 / la, (na, r)), axis=0)
    ar = np.cumsum(rng.exponential(1 / lr, (nr, r)), axis=0)
    sa, sr = w.twee_klassen(
        aa / stap, rng.gamma(4, 0.25, (na, r)), ar / stap, rng.gamma(4, 0.25, (nr, r)), c, np.full(perioden, stap)
    )
    for klasse, aankomst, start in (("acuut", aa, sa * stap), ("regulier", ar, sr * stap)):
        binnen = (aankomst > inloop) & (aankomst < eind - 100)
        model, ref = (start - aankomst)[binnen], referentie[klasse]
        assert abs(model.mean() - ref.mean()) <= 0.02 * max(ref.mean(), 0.05), klasse
        for t in (0.0, 0.5, 1.0, 2.0):
            assert abs((model <= t + 1e-9).mean() - (ref <= t + 1e-9).mean()) < 0.02, (klasse, t)


def test_gewerkte_uren_zijn_instroom_min_achterstand():
    """Work conservation: server side (busy until each server's last free time) equals case side."""
    rng = np.random.default_rng(11)
    n, r, c = 20_000, 30, 4
    aankomst = np.cumsum(rng.exponential(1 / 4.1, (n, r)), axis=0)  # load 1,025: a backlog builds up
    werk = rng.gamma(2, 0.5, (n, r))
    eind = aankomst[-1]  # count at the last arrival of each replication
    start, vrij = w.kiefer_wolfowitz(aankomst, werk, c, eindstand=True)
    gedaan = np.clip(eind - start, 0, werk).sum(axis=0)
    achterstand = np.clip(vrij - eind, 0, None).sum(axis=0)
    assert achterstand.min() > 0  # the test is about a queue that is not empty at the end
    np.testing.assert_allclose(gedaan, werk.sum(axis=0) - achterstand, rtol=1e-12, atol=1e-8)


def test_nooit_een_lege_server_als_er_iemand_wacht():
    rng = np.random.default_rng(5)
    aankomst = np.cumsum(rng.exponential(1 / 2.7, (3_000, 5)), axis=0)
    werk = rng.gamma(2, 0.5, aankomst.shape)
    start = w.kiefer_wolfowitz(aankomst, werk, 3)
    for k in range(5):
        s, e, a = start[:, k], start[:, k] + werk[:, k], aankomst[:, k]
        wachtte = s > a + 1e-9
        # a case that waited started exactly when another case finished
        assert np.isin(np.round(s[wachtte], 9), np.round(e, 9)).all()
