"""The wachttijden queue model against known answers, the BURAP II 2024 calibration, and its properties."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from vt_analysis import wachttijden as w
from vt_analysis.data import load_dataset
from vt_analysis.rekentool import benodigde_fte
from vt_analysis.run import load_run

DAGEN = w.WERKDAGEN_PER_JAAR


def reeks(lam: float, cap_t: float, cap_o: float, p: float = 0.1, jaren: int = 1) -> w.Dagreeks:
    """A constant day series of ``jaren`` years."""
    n = DAGEN * jaren
    maand = np.concatenate([[f"{2025 + j}-{m + 1:02d}" for m in w.maand_van_dag()] for j in range(jaren)])
    return w.Dagreeks(
        np.full(n, lam, float), np.full(n, cap_t, float), np.full(n, cap_o, float), np.full(n, p, float), maand
    )


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def params():
    return w.WachttijdenParams()


@pytest.fixture(scope="module")
def run_params():
    """The periods and normset of the default run (report/params/burap2-2024.yaml)."""
    return load_run().params


def _scenarios(dataset, params, run_params):
    return w.standaard_scenarios(
        dataset, params, run_params.besluit_periode, run_params.peilmoment, sorted(dataset.kengetallen.fte_beschikbaar)
    )


@pytest.fixture(scope="module")
def kalibratie(dataset, params, run_params):
    return w.kalibreer(dataset, params, run_params.peilmoment, run_params.normset)


@pytest.fixture(scope="module")
def projectie(dataset, params, kalibratie, run_params):
    return w.projecteer(
        _scenarios(dataset, params, run_params), kalibratie, dataset.normen.normsets[run_params.normset], params
    )


# --- known answers --------------------------------------------------------------------------------


def test_ruime_capaciteit_en_geen_achterstand_geeft_bijna_alles_binnen_termijn():
    res = w.simuleer(reeks(lam=20, cap_t=40, cap_o=10, p=0.1, jaren=2), 200, rng=1)
    assert res.pct_triage() > 99.9
    assert res.pct_onderzoek() > 99.9
    assert np.quantile(res.wacht_triage_werkdagen, 0.9) <= 1
    assert res.backlog_triage.mean() < 1


def test_constant_tekort_laat_de_achterstand_groeien_met_instroom_min_capaciteit():
    # A begin backlog far from zero: the queue never empties, so E[Q_t] = Q_0 + (λ − c)(t + 1) exactly.
    lam, cap, q0 = 20.0, 15.0, 2000.0
    res = w.simuleer(reeks(lam, cap, 10), 500, rng=2, beginstand=w.Beginstand.vol(500, q0, 0))
    dag = np.arange(DAGEN)
    verwacht = q0 + (lam - cap) * (dag + 1)
    gemiddeld = res.backlog_triage.mean(axis=0)
    # standard error of the mean after t days: sqrt(λ t / 500) ≤ 3,2; allow 5 of them
    assert np.abs(gemiddeld - verwacht).max() < 5 * np.sqrt(lam * DAGEN / 500)
    helling = np.polyfit(dag, gemiddeld, 1)[0]
    assert helling == pytest.approx(lam - cap, abs=0.05)


def test_tekort_vanaf_lege_wachtrij_groeit_ook_met_dat_tempo():
    res = w.simuleer(reeks(20, 15, 10), 500, rng=3)
    dag = np.arange(50, DAGEN)
    assert np.polyfit(dag, res.backlog_triage.mean(axis=0)[50:], 1)[0] == pytest.approx(5.0, abs=0.1)
    # the wait of a cohort is the backlog ahead divided by capacity
    assert res.wacht_triage_werkdagen[:, -1].mean() == pytest.approx(res.backlog_triage[:, -1].mean() / 15, abs=1.5)


def test_zonder_instroom_loopt_de_achterstand_lineair_leeg():
    res = w.simuleer(reeks(lam=0, cap_t=7, cap_o=1, p=0.5), 3, rng=4, beginstand=w.Beginstand.vol(3, 100, 0))
    verwacht = np.maximum(0, 100 - 7 * (np.arange(DAGEN) + 1))
    np.testing.assert_allclose(res.backlog_triage, np.broadcast_to(verwacht, (3, DAGEN)), atol=1e-9)
    # half of the begin backlog needs an onderzoek and enters that queue as it is triaged
    assert res.onderzoek_instroom.sum(axis=1) == pytest.approx(np.full(3, 50.0))


def _referentie_triage(meldingen: np.ndarray, cap: int, q0: int, termijn: int):
    """Case by case FIFO with integer capacity: backlog, cases within term, wait of each cohort's last case."""
    t_max = meldingen.size
    rij: list[int] = [-1] * q0  # arrival day per waiting case
    klaar_op: dict[int, list[int]] = {}
    backlog = []
    for t in range(t_max):
        rij += [t] * int(meldingen[t])
        for aankomst in rij[:cap]:
            klaar_op.setdefault(aankomst, []).append(t)
        rij = rij[cap:]
        backlog.append(len(rij))
    binnen = np.array([sum(1 for k in klaar_op.get(d, []) if k - d <= termijn) for d in range(t_max)])
    wacht = np.array(
        [
            max(klaar_op[d]) - d if meldingen[d] and len(klaar_op.get(d, [])) == meldingen[d] else -1
            for d in range(t_max)
        ]
    )
    return np.array(backlog), binnen, wacht


def test_gevectoriseerde_fifo_gelijk_aan_casus_voor_casus():
    rng = np.random.default_rng(5)
    meldingen = rng.poisson(10, size=(4, 120))
    cap, q0 = 10, 15
    begin = w.Beginstand.vol(4, q0, 0)
    tri = w._triage(meldingen, np.zeros_like(meldingen), np.full(120, float(cap)), begin, 0.0)
    wacht = w._wacht_werkdagen(tri.vertrek, tri.voor + meldingen, float(cap))
    for r in range(4):
        backlog, binnen, wacht_ref = _referentie_triage(meldingen[r], cap, q0, w.TRIAGE_TERMIJN_WERKDAGEN)
        np.testing.assert_allclose(tri.backlog[r], backlog, atol=1e-9)
        np.testing.assert_allclose(tri.binnen[r], binnen, atol=1e-9)
        klaar = wacht_ref >= 0
        np.testing.assert_array_equal(wacht[r][klaar], wacht_ref[klaar])


def test_wacht_na_de_uitloop_wordt_doorgetrokken_met_de_laatste_capaciteit():
    # Begin backlog of 1000 at 2 a day: the last case of day 0's cohort is done after 500+ days.
    res = w.simuleer(reeks(lam=0, cap_t=2, cap_o=1, p=0.0), 2, rng=6, beginstand=w.Beginstand.vol(2, 1000, 0))
    assert np.all(res.wacht_triage_werkdagen[:, 0] == 499)  # place 1000 is done at the end of day 499


def test_onderzoeken_worden_niet_gemaakt_of_verloren():
    rng = np.random.default_rng(7)
    meldingen = rng.poisson(20, size=(5, 300))
    cohort = rng.binomial(meldingen, 0.12)
    tri = w._triage(meldingen, cohort, np.full(300, 40.0), w.Beginstand.vol(5, 30, 0), 0.2)
    # all meldingen (begin backlog included) are triaged: every onderzoek flag has entered the queue
    np.testing.assert_allclose(tri.onderzoek_instroom.sum(axis=1), cohort.sum(axis=1) + 0.2 * 30)


# --- capacity and the rekentool ---------------------------------------------------------------------


@pytest.mark.parametrize("verdeling", ["naar_rato", "onderzoek_eerst"])
def test_bij_de_benodigde_fte_van_de_rekentool_is_capaciteit_gelijk_aan_de_instroom(dataset, verdeling):
    ns = dataset.normen.normsets["regionaal"]
    rij = dataset.volumes.set_index("periode").loc["BURAP 2 2024"]
    fte = float(benodigde_fte(rij.to_frame().T, ns).iloc[0])
    jaar = w.jaar_uit_volumes(rij, verzuim_pct=0, jaar=2024, fte_beschikbaar=fte)
    cap = w.capaciteit(jaar, ns, DAGEN, verdeling)
    assert cap.triage_per_dag(1.0) == pytest.approx(rij["meldingen"] / DAGEN)
    assert cap.onderzoek_per_dag(1.0) == pytest.approx(rij["onderzoek"] / DAGEN)
    assert cap.aandeel_onderzoek == pytest.approx(rij["onderzoek"] / rij["meldingen"])


def test_onderzoek_eerst_geeft_het_tekort_aan_triage(dataset):
    ns = dataset.normen.normsets["regionaal"]
    rij = dataset.volumes.set_index("periode").loc["BURAP 2 2024"]
    jaar = w.jaar_uit_volumes(rij, verzuim_pct=7)
    eerst = w.capaciteit(jaar, ns, DAGEN, "onderzoek_eerst")
    rato = w.capaciteit(jaar, ns, DAGEN, "naar_rato")
    assert eerst.onderzoek_per_dag(1.0) == pytest.approx(rij["onderzoek"] / DAGEN)
    assert eerst.triage_per_dag(1.0) < rato.triage_per_dag(1.0)
    assert eerst.triage_uren_per_dag + eerst.onderzoek_uren_per_dag == pytest.approx(
        rato.triage_uren_per_dag + rato.onderzoek_uren_per_dag
    )


def test_seizoensprofiel_verdeelt_de_instroom_over_de_maanden(dataset):
    profiel = [1.2, 1.2, 1.1, 1.0, 1.0, 0.9, 0.7, 0.7, 1.0, 1.1, 1.1, 1.0]
    params = w.WachttijdenParams(seizoensprofiel=profiel)
    rij = dataset.volumes.set_index("periode").loc["BURAP 2 2024"]
    r = w.dagreeks([w.jaar_uit_volumes(rij, 7)], dataset.normen.normsets["regionaal"], params, 1.0, 1.0)
    per_maand = np.add.reduceat(r.meldingen_per_dag, np.arange(0, DAGEN, DAGEN // 12))
    np.testing.assert_allclose(per_maand, rij["meldingen"] / 12 * np.array(profiel) / np.mean(profiel))
    assert r.meldingen_per_dag.sum() == pytest.approx(rij["meldingen"])


# --- calibration and projection -----------------------------------------------------------------------


def test_kalibratie_reproduceert_burap_2_2024_binnen_een_procentpunt(dataset, kalibratie):
    kg = dataset.kengetallen
    assert abs(kalibratie.pct_triage_binnen_5_werkdagen - kg.triage_binnen_5_werkdagen_realisatie_pct.waarde) <= 1
    assert abs(kalibratie.pct_onderzoek_binnen_10_weken - kg.onderzoek_binnen_10_weken_realisatie_pct.waarde) <= 1
    assert kalibratie.fte_beschikbaar == pytest.approx(62.57)
    assert kalibratie.verzuim_pct == kg.verzuim_pct[2024].waarde
    assert kalibratie.factor_triage > 0 and kalibratie.factor_onderzoek > 0
    json.dumps(kalibratie.record())


def test_zelfde_seed_geeft_dezelfde_cijfers(dataset, kalibratie, run_params):
    params = w.WachttijdenParams(replicaties=500)
    a, b = (w.kalibreer(dataset, params, run_params.peilmoment, run_params.normset) for _ in range(2))
    assert a.record() == b.record()
    x, y = (w.simuleer(reeks(20, 19.5, 2.1), 50, rng=11) for _ in range(2))
    for naam in ("meldingen", "backlog_triage", "wacht_triage_werkdagen", "onderzoek_binnen_termijn"):
        np.testing.assert_array_equal(getattr(x, naam), getattr(y, naam))
    z = w.simuleer(reeks(20, 19.5, 2.1), 50, rng=12)
    assert not np.array_equal(x.meldingen, z.meldingen)


def test_projectie_start_uit_de_gekalibreerde_eindstand(dataset, params, kalibratie, projectie, run_params):
    ns = dataset.normen.normsets[run_params.normset]
    for scenario in _scenarios(dataset, params, run_params):
        res = projectie[scenario.naam]
        cap = w.capaciteit(scenario.jaren[0], ns, DAGEN, params.capaciteitsverdeling).triage_per_dag(
            kalibratie.factor_triage
        )
        verwacht = np.maximum(0, kalibratie.eindstand.triage + res.meldingen[:, 0] - cap)
        np.testing.assert_allclose(res.backlog_triage[:, 0], verwacht)
        assert res.meldingen.shape == (params.replicaties, 2 * DAGEN)
    with pytest.raises(ValueError, match="replicaties"):
        w.projecteer([], kalibratie, ns, w.WachttijdenParams(replicaties=600))


def test_hoger_verzuim_geeft_langere_wachttijden(projectie):
    namen = list(projectie)
    basis, hoog = projectie[namen[0]], projectie[namen[1]]
    assert "verzuim 14%" in namen[1]
    assert np.all(hoog.wacht_triage_werkdagen >= basis.wacht_triage_werkdagen)
    assert hoog.pct_triage() <= basis.pct_triage()


def test_maandoverzicht_en_results_records(dataset, projectie, kalibratie):
    tabel = w.maandoverzichten(projectie)
    assert list(tabel.columns) == ["scenario", *w.maandoverzicht_kolommen()]
    assert len(tabel) == len(projectie) * 24
    assert tabel["maand"].iloc[0] == "2025-01" and tabel["maand"].iloc[23] == "2026-12"
    for kolom, p5, p95 in [
        ("pct_triage_binnen_5_werkdagen", "pct_triage_binnen_5_werkdagen_p5", "pct_triage_binnen_5_werkdagen_p95"),
        ("backlog_mediaan", "backlog_p5", "backlog_p95"),
        ("wacht_p90_werkdagen", "wacht_p90_werkdagen_p5", "wacht_p90_werkdagen_p95"),
    ]:
        assert (tabel[p5] <= tabel[kolom] + 1e-9).all() and (tabel[kolom] <= tabel[p95] + 1e-9).all()
    assert (tabel["wacht_mediaan_werkdagen"] <= tabel["wacht_p90_werkdagen"]).all()
    uit = json.loads(json.dumps(w.results_records(tabel, kalibratie)))
    assert set(uit) == {"wachttijden", "kalibratie"}
    assert set(uit["wachttijden"][0]) == set(w.RESULTS_KOLOMMEN)
    assert len(uit["wachttijden"]) == len(tabel)
    assert uit["kalibratie"]["factor_triage"] == kalibratie.factor_triage


def test_normmoment(dataset):
    import pandas as pd

    tabel = pd.DataFrame(
        {
            "maand": ["2025-01", "2025-02", "2025-03", "2025-04"],
            "pct_triage_binnen_5_werkdagen": [80, 96, 90, 97],
            "pct_onderzoek_binnen_10_weken": [70, 86, 88, 90],
        }
    )
    uit = w.normmoment(tabel, dataset.kengetallen)
    assert uit["norm_triage_pct"] == dataset.kengetallen.triage_binnen_5_werkdagen_norm_pct.waarde
    assert uit["triage_vanaf"] == "2025-04"  # 2025-02 does not count: it drops below again
    assert uit["onderzoek_vanaf"] == "2025-02"
    tabel["pct_triage_binnen_5_werkdagen"] = [99, 99, 99, 50]
    assert w.normmoment(tabel, dataset.kengetallen)["triage_vanaf"] is None


# --- properties ----------------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    fte=st.floats(45, 85),
    extra=st.floats(0.01, 10),
    verzuim=st.floats(0, 20),
    q0=st.floats(0, 400),
    seed=st.integers(0, 2**16),
)
def test_meer_fte_verslechtert_geen_enkel_percentiel(dataset, fte, extra, verzuim, q0, seed):
    ns = dataset.normen.normsets["regionaal"]
    params = w.WachttijdenParams()
    rij = dataset.volumes.set_index("periode").loc["Begroting 2025 besluit AB"]

    def run(f: float) -> w.Wachtrijresultaat:
        jaren = [w.jaar_uit_volumes(rij, verzuim, jaar=j, fte_beschikbaar=f) for j in (2025, 2026)]
        return w.simuleer(
            w.dagreeks(jaren, ns, params, 1.3, 1.0), 30, rng=seed, beginstand=w.Beginstand.vol(30, q0, 50)
        )

    minder, meer = run(fte), run(fte + extra)
    assert np.all(meer.backlog_triage <= minder.backlog_triage + 1e-9)
    assert np.all(meer.wacht_triage_werkdagen <= minder.wacht_triage_werkdagen)
    assert np.all(meer.triage_binnen_termijn >= minder.triage_binnen_termijn - 1e-9)
    assert np.all(meer.onderzoek_afgerond >= minder.onderzoek_afgerond - 1e-6)
    a, b = w.maandoverzicht(minder), w.maandoverzicht(meer)
    for kolom in (
        "pct_triage_binnen_5_werkdagen",
        "pct_triage_binnen_5_werkdagen_p5",
        "pct_triage_binnen_5_werkdagen_p95",
    ):
        assert (b[kolom] >= a[kolom] - 1e-9).all(), kolom
    for kolom in (
        "backlog_mediaan",
        "backlog_p5",
        "backlog_p95",
        "wacht_mediaan_werkdagen",
        "wacht_p90_werkdagen",
        "wacht_p90_werkdagen_p5",
        "wacht_p90_werkdagen_p95",
    ):
        assert (b[kolom] <= a[kolom] + 1e-9).all(), kolom


@settings(max_examples=20, deadline=None)
@given(lam=st.floats(1, 40), ratio=st.floats(0.5, 1.5), seed=st.integers(0, 2**16))
def test_fifo_backlog_is_nooit_negatief_en_telt_op(lam, ratio, seed):
    res = w.simuleer(reeks(lam, lam * ratio, lam * 0.1 * ratio), 20, rng=seed)
    assert (res.backlog_triage >= 0).all() and (res.backlog_onderzoek >= 0).all()
    assert (res.triage_binnen_termijn <= res.meldingen + 1e-9).all()
    assert (res.onderzoek_binnen_termijn <= res.onderzoek_instroom + 1e-9).all()


# --- params ----------------------------------------------------------------------------------------------


def test_params_standaard_en_grenzen():
    p = w.WachttijdenParams()
    assert p.replicaties >= 500 and p.werkdagen_per_jaar == w.WERKDAGEN_PER_JAAR
    for fout in (
        {"replicaties": 100},
        {"verzuim_pct": 120},
        {"verzuim_scenario_pct": -1},
        {"seizoensprofiel": [1.0] * 11},
        {"seizoensprofiel": [2.0] * 12},
        {"seizoensprofiel": [0.0] + [12 / 11] * 11},
        {"replicatis": 1000},
        {"kalibratie_tolerantie_pp": 2},
    ):
        with pytest.raises(ValidationError):
            w.WachttijdenParams(**fout)


def test_verzuim_uit_kengetallen(dataset):
    kg = dataset.kengetallen
    assert w.verzuim_basis_pct(kg, 2024, w.WachttijdenParams()) == kg.verzuim_pct[2024].waarde
    assert w.verzuim_scenario_pct(kg, 2024, w.WachttijdenParams()) == kg.verzuim_pct[2023].waarde
    assert w.verzuim_scenario_pct(kg, 2024, w.WachttijdenParams(verzuim_scenario_pct=20)) == 20


def test_scenario_uit_een_tabel_per_jaar(dataset):
    frame = dataset.volumes[dataset.volumes["periode"] == "Begroting 2025 besluit AB"].copy()
    frame = frame.loc[frame.index.repeat(2)].assign(jaar=[2026, 2025])
    s = w.scenario_uit_frame("x", frame, {2025: 63.4, 2026: 58.9}, verzuim_pct=7)
    assert [j.jaar for j in s.jaren] == [2025, 2026]
    assert [j.fte_beschikbaar for j in s.jaren] == [63.4, 58.9]
    assert s.jaren[0].tellingen["meldingen"] == 4400
    with pytest.raises(ValueError, match="ontbreekt"):
        w.scenario_uit_frame("y", frame, {2025: 63.4}, verzuim_pct=7)
