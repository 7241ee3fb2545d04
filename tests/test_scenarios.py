"""Oplossingen A, B, C: the rekentool inverted, the claim check, the levers, the comparison and the tornado."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from helpers import edit_file, params_fout

from vt_analysis.basis import paths
from vt_analysis.invoer.data import TELLINGEN
from vt_analysis.invoer.run import load_run
from vt_analysis.model.prognose import bereken_prognose
from vt_analysis.model.rekentool import benodigde_fte
from vt_analysis.model.scenarios import (
    HEFBOMEN,
    ScenarioBParams,
    ScenarioCParams,
    fte_matrix,
    gevoeligheid,
    hefboom_frame,
    norm_matrix,
    pas_hefbomen_toe,
    scenario_a,
    scenario_a_totaal,
    scenario_b,
    schaal_meldingen,
    vergelijking,
    waterval,
)

# Absolute paths: the tests must not depend on the working directory.
VOORBEELD = str(paths.PARAMS_DIR / "voorbeeld-procesoptimalisatie.yaml")
BURAP2 = str(paths.DEFAULT_PARAMS)


@pytest.fixture(scope="module")
def run(standaard_run):
    return standaard_run


@pytest.fixture(scope="module")
def tabellen(standaard_resultaten):
    r = standaard_resultaten
    return {
        k: getattr(r, k) for k in ("prognose", "scenario_a", "scenario_b", "claims", "vergelijking", "gevoeligheid")
    }


def prognose_van_run(run):
    p = run.params
    return bereken_prognose(p.prognose, run.data, p.besluit_periode, p.peilmoment)


@pytest.fixture(scope="module")
def regionaal(run):
    return run.data.normen.normsets["regionaal"]


# --- B: the rekentool inverted, and the claims ------------------------------------------------------


def test_available_fte_are_the_seeds(run):
    fte = {j: k.waarde for j, k in run.data.kengetallen.fte_beschikbaar.items()}
    assert fte == {2025: 63.40, 2026: 58.90}


@pytest.mark.parametrize("meeschalen", [True, False])
def test_scenario_b_inverts_the_rekentool(run, regionaal, meeschalen):
    prognose = prognose_van_run(run)
    b = scenario_b(ScenarioBParams(adviezen_meeschalen=meeschalen), prognose, regionaal, run.data.kengetallen)
    prog = prognose[prognose["variant"] == "winstwaarschuwing"].reset_index(drop=True)
    bij_max = schaal_meldingen(prog[list(TELLINGEN)], b["meldingen_max"], meeschalen)
    assert benodigde_fte(bij_max, regionaal).to_numpy() == pytest.approx(b["fte_beschikbaar"].to_numpy())
    assert b["fte_beschikbaar"].tolist() == [63.40, 58.90]
    assert (b["reductie_meldingen"] == 5220 - b["meldingen_max"]).all()
    assert b["reductie_pct"].to_numpy() == pytest.approx((b["reductie_meldingen"] / 5220 * 100).to_numpy())
    if not meeschalen:
        assert (bij_max["adviezen"] == 3900).all()


def test_claim_check_reproduces_70_40_for_the_4400_claim(tabellen):
    c = tabellen["claims"].set_index("claim_id")
    r = c.loc["impactanalyse-2024-b-2025"]
    assert r["fte_volgens_bron"] == 63.40 and r["meldingen"] == 4400
    assert round(r["fte_rekentool"], 2) == 70.40
    assert round(r["verschil_fte"], 2) == round(70.40 - 63.40, 2)
    assert r["aangevuld"] == ""


def test_claim_unstated_counts_follow_base_mix(tabellen, regionaal):
    r = tabellen["claims"].set_index("claim_id").loc["impactanalyse-2024-b-2026"]
    assert r["aangevuld"] == "overdragen, overdracht_ondersteuning, onderzoek"
    # Stated: 4.000 meldingen, 3.100 adviezen, 500 monitoring; the rest at BURAP 2 2024's mix (per 4.998 meldingen).
    overdragen, ondersteuning, onderzoek = 4000 * 4170 / 4998, 4000 * 413 / 4998, 4000 * 569 / 4998
    uren = 3100 * 2 + overdragen * 16 + ondersteuning * 16 + onderzoek * 22 + 500 * 12
    assert r["fte_rekentool"] == pytest.approx(uren / 1350)
    assert r["fte_volgens_bron"] == 58.90


def test_bad_claim_row_is_one_line(cli, data_copy):
    edit_file(data_copy / "claims.csv", "2026,58.90,4000,", "2026,58.90,vierduizend,")
    code, out, err = cli("validate", "--params", BURAP2, "--data", data_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert (
        "claims.csv, claim_id 'impactanalyse-2024-b-2026', kolom meldingen: 'vierduizend' is geen geheel getal" in err
    )


# --- C: the levers ----------------------------------------------------------------------------------

# One hand-made row; regionaal norms: advies 2, triage 16 (on overdragen), ondersteuning 16, onderzoek 22,
# monitoring 12 uur; 1.350 uur per fte.
RIJ = {
    "meldingen": 1000,
    "overdragen": 800,
    "overdracht_ondersteuning": 100,
    "onderzoek": 100,
    "adviezen": 500,
    "monitoring": 100,
}
STROOMAFWAARTS_UREN = 800 * 16 + 100 * 16 + 100 * 22 + 100 * 12  # hours that leave with a melding


def _delta_fte(run, regionaal, **hefbomen) -> float:
    tellingen = pd.DataFrame([RIJ], dtype=float)
    uren = norm_matrix(regionaal, tellingen.index)
    basis = fte_matrix(tellingen, uren, regionaal.uren_per_fte).iloc[0]
    t, u = pas_hefbomen_toe(
        tellingen, uren, hefboom_frame(ScenarioCParams(**hefbomen), tellingen.index), run.data.kengetallen
    )
    return fte_matrix(t, u, regionaal.uren_per_fte).iloc[0] - basis


def test_neutral_levers_change_nothing(run, regionaal):
    assert _delta_fte(run, regionaal) == 0


def test_lever_direct_overdragen(run, regionaal):
    # Half of 100 ondersteuning cases lose their 16 uur.
    assert _delta_fte(run, regionaal, direct_overdragen_pct=50) == pytest.approx(-50 * 16 / 1350)


def test_lever_monitoring(run, regionaal):
    # 100 monitoring cases at 12 uur, a quarter less per case.
    assert _delta_fte(run, regionaal, monitoring_reductie_pct=25) == pytest.approx(-100 * 12 * 0.25 / 1350)


def test_lever_echtscheiding(run, regionaal):
    # 10% of meldingen leave with 10% of every downstream count; adviezen stay.
    assert _delta_fte(run, regionaal, echtscheiding_pct=10) == pytest.approx(-0.10 * STROOMAFWAARTS_UREN / 1350)


def test_lever_politie(run, regionaal):
    # 75% of meldingen come from the police, 6% of those can go straight to the JPT: all realised = 4,5%.
    assert _delta_fte(run, regionaal, politie_naar_jpt_realisatie_pct=100) == pytest.approx(
        -0.75 * 0.06 * STROOMAFWAARTS_UREN / 1350
    )
    # 4% teruggelegd, half realised: 0,75 × 0,04 × 0,5 = 1,5%.
    assert _delta_fte(run, regionaal, politie_teruggelegd_realisatie_pct=50) == pytest.approx(
        -0.015 * STROOMAFWAARTS_UREN / 1350
    )


def test_lever_advies_stap_2(run, regionaal):
    # 200 extra adviezen at 2 uur; half prevent a melding: 100 of 1.000 meldingen (10%) leave.
    verwacht = (200 * 2 - 0.10 * STROOMAFWAARTS_UREN) / 1350
    assert _delta_fte(run, regionaal, stap2_extra_adviezen=200, stap2_voorkomen_pct=50) == pytest.approx(verwacht)
    # Adviezen that prevent nothing only cost hours.
    assert _delta_fte(run, regionaal, stap2_extra_adviezen=200) == pytest.approx(200 * 2 / 1350)


def test_row_wise_formula_is_the_rekentool(run, regionaal):
    v = run.data.volumes
    assert fte_matrix(v, norm_matrix(regionaal, v.index), regionaal.uren_per_fte).to_numpy() == pytest.approx(
        benodigde_fte(v, regionaal).to_numpy()
    )


def test_neutral_waterfall_equals_baseline(run, regionaal):
    prognose = prognose_van_run(run)
    w = waterval(ScenarioCParams(), prognose, "winstwaarschuwing", regionaal, run.data.kengetallen)
    for _, jaar in w.groupby("jaar"):
        basis, resultaat = jaar.iloc[0], jaar.iloc[-1]
        assert basis["stap"] == "basis" and resultaat["stap"] == "resultaat"
        assert resultaat["fte_na"] == basis["fte_na"]
        assert (jaar.iloc[1:-1]["delta_fte"] == 0).all()


def test_waterfall_deltas_add_up_and_respect_vanaf_jaar():
    run = load_run(VOORBEELD)
    p = run.params
    regionaal = run.data.normen.normsets[p.normset]
    t = waterval(p.scenario_c, prognose_van_run(run), "winstwaarschuwing", regionaal, run.data.kengetallen)
    for jaar, df in t.groupby("jaar"):
        stappen = df.iloc[1:-1]
        assert df.iloc[0]["fte_na"] + stappen["delta_fte"].sum() == pytest.approx(df.iloc[-1]["fte_na"])
        if jaar < run.params.scenario_c.vanaf_jaar:
            assert (stappen["delta_fte"] == 0).all()
        else:
            assert (stappen["delta_fte"] < 0).all()  # every lever of the example saves fte


def test_c_is_compared_only_when_a_lever_is_set(tabellen, run):
    """With every lever at 0, C would equal doing nothing: C and its combinations are not compared at all."""
    namen = set(tabellen["vergelijking"]["naam"])
    met_c = {s.naam for s in run.params.vergelijking.scenarios if s.procesoptimalisatie}
    assert met_c and not (namen & met_c)
    assert {"AB-besluit, niets doen", "Winstwaarschuwing, niets doen", "A", "B"} <= namen


# --- A and the comparison ------------------------------------------------------------------------------


def test_scenario_a_is_paid_from_the_month_the_staff_start(tabellen, run):
    """A on its basis (the peilmoment, no growth: 74,09 − 63,40 = 10,69 fte in 2025, 74,09 − 58,90 = 15,19 in 2026,
    Bijlage 2), paid from month 7 of 2025 (six months' recruitment), plus the indexation shortfall; VOiT and
    Veiligheid Voorop are in the norm hours (kengetal programmas_in_normuren), so never on top."""
    a = tabellen["scenario_a"]
    assert list(dict.fromkeys(a["variant"])) == ["peilmoment", "winstwaarschuwing"]
    basis = a[a["variant"] == "peilmoment"].set_index("jaar")
    assert round(basis.loc[2025, "tekort_fte"], 2) == 10.69 and round(basis.loc[2026, "tekort_fte"], 2) == 15.19
    assert list(basis["maanden_in_dienst"]) == [6, 12]
    assert basis.loc[2025, "kosten_formatie_euro"] == round(basis.loc[2025, "tekort_fte"] * 104000 * 6 / 12)
    assert basis.loc[2026, "kosten_formatie_euro"] == round(basis.loc[2026, "tekort_fte"] * 104000)
    # Indexation shortfall: 238.475 − 165.832 = 72.643 euro a year.
    assert (a["kosten_indexatie_euro"] == 72643).all()
    assert (a["kosten_voit_euro"] == 0).all() and (a["kosten_veiligheid_voorop_euro"] == 0).all()
    posten = a[[f"kosten_{p}_euro" for p in ("formatie", "indexatie", "voit", "veiligheid_voorop")]].sum(axis=1)
    assert (posten == a["kosten_totaal_euro"]).all()  # whole euros: shown parts add up to the shown total
    totaal = scenario_a_totaal(a[a["variant"] == "peilmoment"])
    assert totaal["kosten_totaal_euro"] == basis["kosten_totaal_euro"].sum()


def test_programmes_on_top_only_when_the_norm_hours_lack_them(data_copy):
    sleutel = "programmas_in_normuren: {waarde:"
    edit_file(data_copy / "kengetallen.yaml", f"{sleutel} 1,", f"{sleutel} 0,")
    run = load_run(None, data_copy)
    p, ns = run.params, run.data.normen.normsets[run.params.normset]
    a = scenario_a(p.scenario_a, prognose_van_run(run), ns, run.data.kengetallen, 6)
    assert (a["kosten_voit_euro"] == 140000).all() and (a["kosten_veiligheid_voorop_euro"] == 104000).all()


def test_comparison_costs_a_as_scenario_a_does(tabellen, run):
    """The comparison's A is funded on A's basis and costs what scenario A costs (one total on every page);
    its staff count in the year's formation for the months they are at work, as in their cost (a first year of
    recruitment keeps most of the shortage); once at work, on the winstwaarschuwing's volumes, A leaves the
    difference of the two prognoses open."""
    v = tabellen["vergelijking"].set_index(["naam", "jaar"])
    ab = v.loc["AB-besluit, niets doen"]
    assert round(ab.loc[2025, "fte_benodigd"], 2) == 70.40 and round(ab.loc[2025, "tekort_fte"], 2) == 7.00
    a = tabellen["scenario_a"]
    basis = a[a["variant"] == run.params.scenario_a.prognose_variant].set_index("jaar")
    assert (v.loc["A"]["kosten_euro"] == basis["kosten_totaal_euro"]).all()
    ww = v.loc["Winstwaarschuwing, niets doen"]["tekort_fte"]
    in_dienst = basis["maanden_in_dienst"].to_numpy() / 12
    assert in_dienst.min() < 1  # the first year: recruitment first
    a_ww = v.loc["A"]
    assert a_ww["tekort_fte"].to_numpy() == pytest.approx((ww - basis["tekort_fte"] * in_dienst).to_numpy())
    na_werving = a_ww["fte_benodigd"] - a_ww["fte_na_werving"]
    assert na_werving.to_numpy() == pytest.approx((ww - basis["tekort_fte"]).to_numpy())
    assert v.loc["B"]["tekort_fte"].abs().max() < 1e-9
    assert (v.loc["B"]["meldingen"] < 5220).all()
    assert (v["tekort_fte"] == v["fte_benodigd"] - v["fte_beschikbaar"]).all()


def test_example_run_validates_and_gives_a_different_comparison(cli, tabellen):
    """The example run's comparison, computed as compute does (the queue model adds nothing to it)."""
    code, out, err = cli("validate", "--params", VOORBEELD)
    assert code == 0, err
    run = load_run(VOORBEELD)
    p, ns, kg = run.params, run.data.normen.normsets[run.params.normset], run.data.kengetallen
    verg = vergelijking(p.vergelijking, p.scenario_a, p.scenario_b, p.scenario_c, prognose_van_run(run), ns, kg)
    basis = {(r["naam"], r["jaar"]): r for r in tabellen["vergelijking"].to_dict(orient="records")}
    voorbeeld = {(r["naam"], r["jaar"]): r for r in verg.to_dict(orient="records")}
    # The example sets levers: C and its combinations are compared there (and not in the default run).
    assert ("C", 2026) in voorbeeld and ("C", 2026) not in basis
    niets_doen = voorbeeld[("Winstwaarschuwing, niets doen", 2026)]["fte_benodigd"]
    assert voorbeeld[("C", 2026)]["fte_benodigd"] < niets_doen
    assert voorbeeld[("A tijdelijk + C", 2026)]["kosten_euro"] == 0  # A bridges 2025 only in the example


def test_json_contract_keys(cli):
    code, out, _ = cli("compute", "--params", BURAP2, "--json")
    res = json.loads(out)
    assert set(res["scenarios"][0]) >= {
        "naam",
        "jaar",
        "fte_benodigd",
        "fte_beschikbaar",
        "gap",
        "kosten_euro",
        "meldingen",
    }
    assert set(res["scenario_b"][0]) >= {
        "jaar",
        "fte_beschikbaar",
        "meldingen_max",
        "reductie_meldingen",
        "reductie_pct",
    }
    assert set(res["claims"][0]) >= {"bron", "fte_volgens_bron", "fte_rekentool", "verschil_fte"}
    assert {"variant", "jaar", "meldingen", "fte_regionaal", "meldingen_ondergrens"} <= set(res["prognose"][0])


# --- the tornado -----------------------------------------------------------------------------------------


def test_tornado_is_sorted_and_matches_a_direct_recomputation():
    run = load_run(VOORBEELD)
    prognose = prognose_van_run(run)
    p = run.params
    ns = run.data.normen.normsets[p.normset]
    t = gevoeligheid(p.vergelijking, p.scenario_c, prognose, ns, run.data.kengetallen)
    assert list(t["bereik"]) == sorted(t["bereik"], reverse=True)
    assert len(t) == len(TELLINGEN) + 5 + 1 + len(HEFBOMEN)
    # uren_per_fte +10%: recompute scenario C's 2026 fte with a changed normset, one row, by hand.
    v = run.params.vergelijking.gevoeligheid
    ns = run.data.normen.normsets[run.params.normset]
    rij = prognose[(prognose["variant"] == "winstwaarschuwing") & (prognose["jaar"] == v.jaar)][
        list(TELLINGEN)
    ].reset_index(drop=True)
    uren = norm_matrix(ns, rij.index)
    tc, uc = pas_hefbomen_toe(rij, uren, hefboom_frame(run.params.scenario_c, rij.index), run.data.kengetallen)
    hoog = run.data.kengetallen.fte_beschikbaar[v.jaar].waarde - fte_matrix(tc, uc, ns.uren_per_fte * 1.1).iloc[0]
    assert t.set_index("invoer").loc["uren_per_fte", "gap_hoog"] == pytest.approx(hoog)
    basis = t["gap_basis"].iloc[0]
    verg = vergelijking(p.vergelijking, p.scenario_a, p.scenario_b, p.scenario_c, prognose, ns, run.data.kengetallen)
    assert basis == pytest.approx(verg.set_index(["naam", "jaar"]).loc[(v.scenario, v.jaar), "gap"])


def test_neutral_levers_have_no_effect_in_the_tornado(tabellen):
    t = tabellen["gevoeligheid"]
    assert (t.loc[t["soort"] == "hefboom", "bereik"] == 0).all()


# --- params validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, verwacht",
    [
        (
            "direct_overdragen_pct: 0 ",
            "direct_overdragen_pct: 120 ",
            "sleutel scenario_c.direct_overdragen_pct: 120 is buiten het bereik, verwacht ≤ 100",
        ),
        (
            "monitoring_reductie_pct: 0 ",
            "monitoring_reductie_pct: -5 ",
            "sleutel scenario_c.monitoring_reductie_pct: -5 is buiten het bereik, verwacht ≥ 0",
        ),
        (
            "echtscheiding_pct: 0 ",
            "echtscheiding_pct: 101 ",
            "sleutel scenario_c.echtscheiding_pct: 101 is buiten het bereik",
        ),
        (
            "politie_naar_jpt_realisatie_pct: 0 ",
            "politie_naar_jpt_realisatie_pct: 150 ",
            "scenario_c.politie_naar_jpt_realisatie_pct: 150 is buiten het bereik",
        ),
        (
            "politie_teruggelegd_realisatie_pct: 0 ",
            "politie_teruggelegd_realisatie_pct: -1 ",
            "scenario_c.politie_teruggelegd_realisatie_pct: -1 is buiten het bereik",
        ),
        (
            "stap2_extra_adviezen: 0 ",
            "stap2_extra_adviezen: -10 ",
            "sleutel scenario_c.stap2_extra_adviezen: -10 is buiten het bereik, verwacht ≥ 0",
        ),
        (
            "stap2_voorkomen_pct: 0 ",
            "stap2_voorkomen_pct: 200 ",
            "sleutel scenario_c.stap2_voorkomen_pct: 200 is buiten het bereik",
        ),
        (
            "vanaf_jaar: 2026 ",
            "vanaf_jaar: volgend jaar ",
            "sleutel scenario_c.vanaf_jaar: 'volgend jaar' is geen geheel getal",
        ),
        (
            "monitoring_reductie_pct: 0 ",
            "monitoring_reductie: 0 ",
            "sleutel scenario_c.monitoring_reductie: is een onbekende sleutel (bedoelde je 'monitoring_reductie_pct'?)",
        ),
        (
            "betrouwbaarheid_pct: 95 ",
            "betrouwbaarheid_pct: 100 ",
            "sleutel prognose.betrouwbaarheid_pct: 100 is buiten het bereik, verwacht < 100",
        ),
        (
            "winstwaarschuwing_groei_pct_per_jaar: 0 ",
            "winstwaarschuwing_groei_pct_per_jaar: 500 ",
            "prognose.winstwaarschuwing_groei_pct_per_jaar: 500 is buiten het bereik",
        ),
        (
            "begroting_groei_pct_per_jaar: 0 ",
            "begroting_groei_pct_per_jaar: veel ",
            "prognose.begroting_groei_pct_per_jaar: 'veel' is geen getal",
        ),
        (
            "trend_statussen: [realisatie, prognose]",
            "trend_statussen: [realisatie, progrnose]",
            "prognose.trend_statussen.1: 'progrnose' is geen toegestane waarde",
        ),
        (
            "basis_periode: BURAP 2 2024",
            "basis_periode: BURAP 3 2024",
            "sleutel prognose.basis_periode: 'BURAP 3 2024' is geen periode in volumes.csv",
        ),
        (
            "begroting_periode: Begroting 2025 besluit AB",
            "begroting_periode: Begroting 2025",
            "sleutel prognose.begroting_periode: 'Begroting 2025' is geen periode",
        ),
        (
            "jaren: [2025, 2026]",
            "jaren: [2025, 2027]",
            "sleutel prognose.jaren: 2027 heeft geen fte_beschikbaar in kengetallen.yaml",
        ),
        (
            "overbrugging_jaren: [2025, 2026]",
            "overbrugging_jaren: [2024]",
            "sleutel scenario_a.overbrugging_jaren: 2024 is geen prognosejaar",
        ),
        (
            "voit_voortzetten: true",
            "voit_voortzetten: misschien",
            "sleutel scenario_a.voit_voortzetten: 'misschien' is geen ja/nee-waarde",
        ),
        (
            "  prognose_variant: peilmoment              # het advies",
            "  prognose_variant: oktober       # het tekort",
            "sleutel scenario_a.prognose_variant: 'oktober' is geen toegestane waarde",
        ),
        (
            "adviezen_meeschalen: true",
            "adviezen_meeschaal: true",
            "sleutel scenario_b.adviezen_meeschaal: is een onbekende sleutel (bedoelde je 'adviezen_meeschalen'?)",
        ),
        (
            "{naam: B, meldingen_terugdringen: true}",
            "{naam: A, meldingen_terugdringen: true}",
            "sleutel vergelijking: scenario 'A' komt twee keer voor",
        ),
        (
            "{naam: C, procesoptimalisatie: true}",
            "{naam: C, middelen: altijd}",
            "middelen: 'altijd' is geen toegestane waarde",
        ),
        (
            '    scenario: "Winstwaarschuwing, niets doen"\n',
            "    scenario: D\n",
            "sleutel vergelijking: gevoeligheid.scenario 'D' is geen scenario",
        ),
        ("    jaar: 2026\n", "    jaar: 2030\n", "sleutel vergelijking.gevoeligheid.jaar: 2030 is geen prognosejaar"),
        (
            "    variatie_pct: 10\n",
            "    variatie_pct: 0\n",
            "sleutel vergelijking.gevoeligheid.variatie_pct: 0 is buiten het bereik, verwacht > 0",
        ),
    ],
)
def test_new_params_are_validated(cli, params_copy, old, new, verwacht):
    edit_file(params_copy, old, new)
    assert verwacht in params_fout(cli, params_copy)


def test_an_empty_scenario_list_is_one_clear_line(cli, params_copy):
    """`vergelijking.scenarios: []` once passed validate and then crashed compute and two chapters."""
    tekst = params_copy.read_text(encoding="utf-8")
    begin = tekst.index("  scenarios:\n")
    einde = tekst.index("  gevoeligheid:")
    params_copy.write_text(tekst[:begin] + "  scenarios: []\n" + tekst[einde:], encoding="utf-8")
    gevoeligheid = '    scenario: "Winstwaarschuwing, niets doen"\n'
    params_copy.write_text(params_copy.read_text(encoding="utf-8").replace(gevoeligheid, ""), encoding="utf-8")
    melding = params_fout(cli, params_copy)
    assert "sleutel vergelijking.scenarios: geen scenario's, verwacht minstens één" in melding
    code, out, err = cli("compute", "--params", params_copy, "--json")
    assert code == 2 and out == "" and "Traceback" not in err
