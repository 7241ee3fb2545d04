"""What the board decides with: the decision table, the risk table and the split of A's amount (issue 18, 6)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.hoofdstukken import besluit, samenvatting
from vt_analysis.invoer.params import load_params
from vt_analysis.invoer.risicos import load_risicos, vul_omvang
from vt_analysis.invoer.run import load_run
from vt_analysis.invoer.verdeling import TOTAAL, a_bedragen, verdeel_bedrag, verdeling
from vt_analysis.tekst.blokken import render_blok
from vt_analysis.tekst.markup import markdown_tekst

P = load_params(paths.DEFAULT_PARAMS)


def _cellen(md: str) -> list[list[str]]:
    return [[c.strip() for c in regel.strip("|").split("|")] for regel in md.splitlines()[2:] if regel.startswith("|")]


def test_decision_and_summary_tables_show_the_annual_indicators_not_december(standaard_resultaten):
    r = standaard_resultaten
    jaren = {(j["scenario"], int(j["jaar"])): j for j in r.wachttijden_jaren.to_dict("records")}
    for tabel in (besluit.besluit_tabel(r, P), samenvatting.scenario_tabel(r, P)):
        rijen = _cellen(tabel.markdown())
        namen = list(dict.fromkeys(r.vergelijking["naam"]))
        sleutels = [(n, j) for n in namen for j in sorted(r.vergelijking["jaar"].unique())]
        for rij, (naam, jaar) in zip(rijen, sleutels, strict=True):
            assert rij[0].startswith(naam) and rij[1] == str(jaar)
            j = jaren[(naam, jaar)]
            assert fmt.procent(j["triage_pct"]) in rij and fmt.procent(j["onderzoek_pct"]) in rij, (naam, jaar)
            dec = r.wachttijden[(r.wachttijden["scenario"] == naam) & (r.wachttijden["maand"] == f"{jaar}-12")]
            if fmt.procent(dec["pct_onderzoek_binnen_10_weken"].iloc[0]) != fmt.procent(j["onderzoek_pct"]):
                assert fmt.procent(dec["pct_onderzoek_binnen_10_weken"].iloc[0]) not in rij[-4:]


def test_decision_table_costs_risks_and_earliest_effect_follow_the_results(standaard_resultaten):
    r = standaard_resultaten
    o = besluit.besluit_overzicht(r, P)
    a = o[o["naam"] == "A"].set_index("jaar")
    for j in P.scenario_a.overbrugging_jaren:  # A's cost per year is the key figure of the besluitpunt
        assert a.loc[j, "kosten_euro"] == pytest.approx(r.kerncijfers[f"a_kosten_{j}_euro"])
    maanden = r.kerncijfers[f"a_maanden_{P.scenario_a.overbrugging_jaren[0]}"]
    start = fmt.maand(P.scenario_a.overbrugging_jaren[0], 12 - int(maanden) + 1)
    assert start in a["effect"].iloc[0]
    werving = r.risicos.set_index("id").loc["werving", "naam"]
    assert werving in a["risicos"].iloc[0]
    niets = o[o["naam"] == "Winstwaarschuwing, niets doen"]
    assert werving not in niets["risicos"].iloc[0] and niets["effect"].iloc[0] == "geen verandering"


def test_risks_are_data_with_their_size_from_the_key_figures(standaard_resultaten):
    r = standaard_resultaten
    bron = load_risicos(paths.DATA_DIR / "risicos.yaml")
    assert list(r.risicos["id"]) == list(bron["id"]) and bron["bron"].str.len().min() > 0
    rk = r.risicos.set_index("id")
    assert fmt.procent(r.kerncijfers["verzuim_stress_pct"]) in rk.loc["verzuim", "omvang"]
    assert fmt.euro(r.kerncijfers["indexatie_tekort_euro"]) in rk.loc["indexatie", "omvang"]
    assert fmt.fte(r.kerncijfers["a_extra_fte_2025"], eenheid=True) in rk.loc["werving", "omvang"]
    md = besluit.risico_tabel(r).markdown()
    for _, rij in r.risicos.iterrows():
        assert markdown_tekst(rij["eigenaar"]) in md and markdown_tekst(rij["wanneer"]) in md


def test_a_risk_naming_an_unknown_key_figure_is_one_dutch_line(tmp_path, standaard_resultaten):
    pad = tmp_path / "risicos.yaml"
    tekst = (paths.DATA_DIR / "risicos.yaml").read_text(encoding="utf-8")
    pad.write_text(tekst.replace("{indexatie_tekort_euro}", "{indexatie_tekort}"), encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        vul_omvang(load_risicos(pad), standaard_resultaten.kerncijfers, pad)
    assert "risicos[4].omvang" in str(fout.value) and "{indexatie_tekort}" in str(fout.value)


def test_a_duplicate_risk_id_stops_validate(cli, data_copy, params_copy):
    pad = data_copy / "risicos.yaml"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst.replace("id: werving", "id: verzuim"), encoding="utf-8")
    code, _, err = cli("validate", "--params", params_copy, "--data", data_copy)
    assert code == 2 and "risicos.yaml" in err and "'verzuim' staat er twee keer" in err
    assert len(err.strip().splitlines()) == 1


def test_without_a_key_the_document_names_the_missing_key(standaard_resultaten, standaard_run):
    r = standaard_resultaten
    assert not (paths.DATA_DIR / "verdeelsleutel.yaml").exists()  # the project ships no invented key
    assert r.verdeling.empty and besluit.verdeling_tabel(r) is None
    tekst = render_blok("dekking", r, P)
    assert "geen verdeelsleutel" in tekst and "het aandeel per gemeente" in tekst
    assert fmt.euro(r.kerncijfers["a_kosten_overbrugging_euro"]) in tekst


def _sleutel(data: Path, financiers: dict, gemeenten: dict | None = None) -> None:
    regels = ["bron: besluit van het bestuur (test)", "financiers:"]
    regels += [f"  {naam}: {pct}" for naam, pct in financiers.items()]
    if gemeenten:
        regels += ["gemeenten:"] + [f"  {naam}: {pct}" for naam, pct in gemeenten.items()]
    (data / "verdeelsleutel.yaml").write_text("\n".join(regels) + "\n", encoding="utf-8")


def test_with_a_key_the_amount_of_a_is_split_and_the_parts_add_up(data_copy, params_copy, standaard_resultaten):
    financiers = {"subsidie centrumgemeenten": 37.3, "inwonerbijdrage": 62.7}
    gemeenten = {f"gemeente {i}": 10 for i in range(1, 11)}
    _sleutel(data_copy, financiers, gemeenten)
    run = load_run(params_copy, data_copy)
    bedragen = a_bedragen(standaard_resultaten.kerncijfers, run.params.scenario_a.overbrugging_jaren)
    v = verdeling(run.verdeelsleutel, bedragen)
    assert set(v["soort"]) == {"financiers", "gemeenten"}
    for (soort, periode), deel in v.groupby(["soort", "periode"]):
        assert deel["bedrag_euro"].sum() == round(bedragen[periode]) or periode == TOTAAL, (soort, periode)
        marge = 1 if periode != TOTAAL else len(bedragen) - 1  # the total adds the rounded years
        for _, rij in deel.iterrows():  # each part is its share of the amount, to the euro
            assert abs(rij["bedrag_euro"] - bedragen[periode] * rij["aandeel_pct"] / 100) <= marge
    for (_, _), deel in v.groupby(["soort", "deel"]):  # a part's years add up to its total
        totaal = deel[deel["periode"] == TOTAAL]["bedrag_euro"].iloc[0]
        assert totaal == deel[deel["periode"] != TOTAAL]["bedrag_euro"].sum()

    md = besluit.verdeling_tabel(dataclasses.replace(standaard_resultaten, verdeling=v)).markdown()
    assert "subsidie centrumgemeenten" in md and fmt.euro(v["bedrag_euro"].iloc[0]) in md


def test_a_key_that_does_not_add_up_to_100_stops_validate(cli, data_copy, params_copy):
    _sleutel(data_copy, {"subsidie centrumgemeenten": 40, "inwonerbijdrage": 50})
    code, _, err = cli("validate", "--params", params_copy, "--data", data_copy)
    assert code == 2 and "verdeelsleutel.yaml" in err and "financiers" in err and "90,00%" in err


def test_split_rounds_parts_to_the_shown_total():
    delen = verdeel_bedrag(1_652_442.4, {"a": 100 / 3, "b": 100 / 3, "c": 100 / 3})
    assert sum(delen.values()) == 1_652_442 and max(delen.values()) - min(delen.values()) <= 1


def test_results_json_holds_the_risks_and_the_split(standaard_resultaten):
    d = json.loads(standaard_resultaten.naar_json())
    assert [x["id"] for x in d["risicos"]] == list(standaard_resultaten.risicos["id"]) and d["verdeling"] == []


def _kolom(data: dict, naam: str) -> tuple[dict, list]:
    nummer = next(i for i, k in enumerate(data["kolommen"]) if k["naam"] == naam)
    return data["kolommen"][nummer], [rij[nummer] for rij in data["rijen"]]


def test_the_cost_column_is_euro_a_workbook_can_sum(standaard_resultaten):
    """A's costs are numbers in euro (right-aligned in the report, summable in the workbook); where B or C is in
    the option, the part that is not costed is said in words and the cell is text."""
    r = standaard_resultaten
    kolom, waarden = _kolom(besluit.besluit_tabel(r, P).data, "kosten")
    assert kolom["formaat"]["soort"] == "euro"
    o = besluit.besluit_overzicht(r, P)
    for waarde, euro, onbecijferd in zip(waarden, o["kosten_euro"], o["onbecijferd"], strict=True):
        if onbecijferd:
            assert isinstance(waarde, str) and "niet becijferd" in waarde
        else:
            assert waarde == pytest.approx(euro)
    assert any(isinstance(w, float) and w > 0 for w in waarden)
    kolom, waarden = _kolom(samenvatting.scenario_tabel(r, P).data, "kosten")
    assert kolom["formaat"]["soort"] == "euro" and any(isinstance(w, float) and w > 0 for w in waarden)
