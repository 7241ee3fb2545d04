"""The report modules of the chapters: the seed's figures in Dutch notation, and true to the data."""

from __future__ import annotations

import json
import os

import pytest
from helpers import WACHTTIJDEN_SLEUTELS

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.hoofdstukken import samenvatting as h_samenvatting
from vt_analysis.hoofdstukken.charts import VEGALITE_MIMETYPE, figuur, formatie_chart
from vt_analysis.hoofdstukken.meerjarige_ontwikkeling import bijlage2_tabel
from vt_analysis.hoofdstukken.methode_en_bronnen import normen_tabel
from vt_analysis.invoer.params import load_params
from vt_analysis.invoer.run import load_run
from vt_analysis.model.resultaten import Resultaten


@pytest.fixture(scope="module")
def r(standaard_resultaten) -> Resultaten:
    return standaard_resultaten


def test_summary_table_shows_shortage_cost_and_terms_per_scenario(r):
    """The scenarios side by side: the seed's shortages (Winstwaarschuwing 2: 14,07 and 18,57 fte), A's cost as
    scenario A computes it, B marked with the cut it asks instead of as compliant, the AB-besluit's 4.400
    meldingen marked as outdated, no C rows while no lever is set, the annual legal-term indicators of the queue
    model. One row per scenario and year; the full label on the first."""
    p = load_run(None).params
    md = h_samenvatting.scenario_tabel(r, p).markdown()
    regels = [rij for rij in md.splitlines()[2:] if rij.startswith("| ")]
    rijen: dict[str, list[str]] = {}
    for rij in regels:
        rijen.setdefault(rij.split(" | ")[0].lstrip("| ").split(" (")[0], []).append(rij)
    assert rijen["Winstwaarschuwing, niets doen"][0].startswith(
        "| Winstwaarschuwing, niets doen | 2025 | 14,07 | €\u00a00 |"
    )
    assert rijen["Winstwaarschuwing, niets doen"][1].startswith("| Winstwaarschuwing, niets doen | 2026 | 18,57 |")
    assert rijen["AB-besluit, niets doen"][0].startswith(
        "| AB-besluit, niets doen (4.400 meldingen: achterhaald, BURAP 2 2024 al 4.998) | 2025 | 7,00 |"
    )
    assert rijen["AB-besluit, niets doen"][1].startswith("| AB-besluit, niets doen | 2026 | 11,50 |")
    a = r.scenario_a[r.scenario_a["variant"] == p.scenario_a.prognose_variant].set_index("jaar")["kosten_totaal_euro"]
    assert f"| {fmt.euro(a[2025])} |" in rijen["A"][0] and f"| {fmt.euro(a[2026])} |" in rijen["A"][1]
    b = r.scenario_b.set_index("jaar")
    daling = fmt.procent(b.loc[2025, "reductie_overige_pct"])
    assert b.loc[2025, "reductie_overige_pct"] > 0 and "\u2212" not in daling  # a cut, said in words, not as −73%
    assert f"(vraagt {daling} minder overige meldingen in 2025)" in rijen["B"][0]
    assert all("| niet becijferd |" in rij and "€\u00a00" not in rij for rij in rijen["B"])
    assert not any(naam.startswith(("C", "B+C", "A tijdelijk")) for naam in rijen)
    j = r.wachttijden_jaren.set_index(["scenario", "jaar"])
    for jaar, rij in zip((2025, 2026), rijen["A"], strict=True):
        x = j.loc[("A", jaar)]
        assert rij.endswith(f"| {fmt.procent(x['triage_pct'])} | {fmt.procent(x['onderzoek_pct'])} |")


def test_bijlage2_table_is_right_aligned_with_dutch_numbers(r):
    md = bijlage2_tabel(r).markdown()
    kop, lijn, *rijen = md.splitlines()
    assert lijn.startswith("|:---|---:")  # period left, numbers right
    # The seed's 'Gap Fte' in the report's one sign: tekort = benodigd − beschikbaar (its −7,18 is 7,18 short).
    assert "| Begroting 2025 voorstel DB | 73,33 | 80,44 | 58,90 | 66,15 | 7,18 | 14,29 |" in md
    assert "| Realisatie 2021 | 60,88 | 67,54 | 58,90 | 62,57 | −1,69 | 4,97 |" in md
    assert md.rstrip().endswith("(tekort: benodigd min beschikbaar; negatief is ruimte)")


def test_normen_table_names_the_count_of_every_norm(r):
    md = normen_tabel(r).markdown()
    assert "| Triage | Overdragen | 16 | 16 |" in md
    assert "| Onderzoek | Onderzoek | 22 | 35 |" in md
    assert "| Productieve uren per fte |  | 1.350 | 1.350 |" in md


def test_chart_tooltips_use_the_dutch_formatter(r):
    bundle = figuur(formatie_chart(r.perioden, ["regionaal", "landelijk"]), "bijschrift")._repr_mimebundle_()
    spec = bundle[VEGALITE_MIMETYPE]
    assert spec["usermeta"]["bijschrift"] == "bijschrift"
    assert spec["config"]["font"] == "Lato"
    waarden = [rij for ds in spec["datasets"].values() for rij in ds]
    labels = {rij.get("gap_label") for rij in waarden} | {rij.get("fte_label") for rij in waarden}
    assert {"7,18", "−1,69", "73,33", "80,44"} <= labels
    json.dumps(spec)  # a notebook output must be plain JSON


@pytest.mark.render
def test_render_leaves_the_working_directory_alone(tmp_path):
    """papermill's cwd= changes the process cwd; with parallel chapters that raced (fixed by not passing it)."""
    from vt_analysis.bouw.render import render_report

    voor = os.getcwd()
    lijst = tmp_path / "hoofdstukken.yaml"
    lijst.write_text("hoofdstukken:\n  - 01-samenvatting.ipynb\n  - 90-methode-en-bronnen.ipynb\n", encoding="utf-8")
    uitkomst = render_report(paths.DEFAULT_PARAMS, output_root=tmp_path / "out", stil=True, hoofdstukken=lijst)
    assert os.getcwd() == voor
    assert uitkomst.pdf.exists()


def test_compute_json_has_the_wachttijden_and_calibration(cli):
    code, out, _ = cli("compute", "--params", paths.DEFAULT_PARAMS, "--json")
    assert code == 0
    res = json.loads(out)
    kal = res["kalibratie"]
    assert abs(kal["pct_triage_binnen_5_werkdagen"] - 72) <= 1 and abs(kal["pct_onderzoek_binnen_10_weken"] - 71) <= 1
    scenarios = {s["naam"] for s in res["scenarios"]}
    in_wachttijden = {w["scenario"] for w in res["wachttijden"]}
    assert scenarios <= in_wachttijden  # every compared scenario is projected
    assert len(in_wachttijden - scenarios) == 1  # plus the verzuim variant of the first
    for w in res["wachttijden"]:
        assert set(w) >= WACHTTIJDEN_SLEUTELS


def _euro_getal(cel: str) -> int:
    return int(cel.replace("€", "").replace(".", "").replace("\u2212", "-").strip() or 0)


def test_shown_parts_of_a_add_up_to_its_shown_totals(r):
    """Tabel A as a reader checks it with a calculator: per row the shown posts add up to the shown total, and
    per basis the shown years add up to the shown 'samen' (every post is in whole euros before it is added)."""
    from vt_analysis.hoofdstukken.middelen_bijstellen import scenario_a_tabel

    md = scenario_a_tabel(r, load_run(None).params).markdown()
    rijen = [[c.strip() for c in rij.strip("|").split("|")] for rij in md.splitlines()[2:] if rij.startswith("| ")]
    per_basis: dict[str, list[list[int]]] = {}
    for basis, jaar, _maanden, *bedragen in rijen:
        getallen = [_euro_getal(b) for b in bedragen]
        assert sum(getallen[:-1]) == getallen[-1], (basis, jaar, bedragen)
        if jaar == "samen":
            jaren = per_basis[basis]
            assert [sum(k) for k in zip(*jaren, strict=True)] == getallen, (basis, bedragen)
        else:
            per_basis.setdefault(basis, []).append(getallen)
    assert len(per_basis) == 2 and all(len(j) == 2 for j in per_basis.values())


def test_claims_render_as_a_list(r):
    """The claims are a Markdown list: a blank line before the first item, one item per line."""
    from vt_analysis.hoofdstukken.meldingen_terugdringen import claims_tekst

    md = claims_tekst(r, load_params(paths.DEFAULT_PARAMS)).data
    inleiding, lijst = md.split("\n\n", 1)
    assert inleiding.endswith(":") and lijst.startswith("- ")
    assert len(lijst.splitlines()) == len(r.claims) and all(regel.startswith("- ") for regel in lijst.splitlines())


def test_summary_sentence_and_summary_table_read_one_field(r):
    """The shortage the summary names in its first sentence and in its table is one field of results.json
    (``tekorten``): change that field alone and both change with it."""
    from vt_analysis.tekst import blokken as tekst

    p = load_run(None).params
    leidend = p.leidende_prognose
    inhoud = r.naar_dict()
    rij = next(t for t in inhoud["tekorten"] if t["variant"] == leidend and t["jaar"] == 2025)
    assert fmt.fte(rij["tekort_fte"]) == "14,07"  # Winstwaarschuwing 2: the seed's shortage
    rij["tekort_fte"] = 42.42
    gewijzigd = Resultaten.van_dict(inhoud)
    zin = tekst.render_blok("samenvatting", gewijzigd, p).strip().split("\n")[0]
    assert "**42,42\u00a0fte**" in zin, zin
    md = h_samenvatting.scenario_tabel(gewijzigd, p).markdown()
    niets_doen = next(s.naam for s in p.vergelijking.scenarios if s.naam.startswith("Winstwaarschuwing"))
    regel = next(x for x in md.splitlines() if x.startswith(f"| {niets_doen} "))
    assert regel.startswith(f"| {niets_doen} | 2025 | 42,42 |"), regel


def test_one_sign_for_the_shortage_in_every_table(r):
    """Tables name the shortage 'Tekort' (benodigd − beschikbaar, positive when short), never a 'verschil' with the
    opposite sign: Bijlage 2, the comparison, the summary and A all show a short year as a positive number."""
    from vt_analysis.hoofdstukken.vergelijking import vergelijking_tabel

    p = load_run(None).params
    tabellen = [bijlage2_tabel(r), vergelijking_tabel(r, p), h_samenvatting.scenario_tabel(r, p)]
    for t in tabellen:
        assert not any("verschil" in k.lower() for k in t.koppen), t.koppen
        assert "beschikbaar min benodigd" not in t.bijschrift and "beschikbaar − benodigd" not in t.bijschrift
        assert any(k.startswith("Tekort") for k in t.koppen), t.koppen
    v = vergelijking_tabel(r, p)
    kolom = v.koppen.index("Tekort (fte)")
    niets_doen = next(rij for rij in v.rijen if rij[0] == "Winstwaarschuwing, niets doen")
    assert niets_doen[kolom] == "14,07"  # short: positive, as in the summary's sentence


def test_count_and_fte_charts_start_at_zero_and_alternatives_are_no_time_line(r):
    """Fte and count axes start at 0 (a bar from 60 exaggerates a gap); the periods of Bijlage 2 are alternatives
    for one year (BURAP 1 / BURAP 2, voorstel / besluit), so they are points, not a line through time."""
    from vt_analysis.hoofdstukken.meerjarige_ontwikkeling import formatie_figuur
    from vt_analysis.hoofdstukken.prognose import prognose_figuur

    def lagen(spec):
        return [spec, *[laag for x in spec.get("layer", []) for laag in lagen(x)]]

    for fig in (formatie_figuur(r), prognose_figuur(r), prognose_figuur(r, f"fte_{r.normset}")):
        for laag in lagen(fig.spec):
            y = laag.get("encoding", {}).get("y", {})
            if y.get("type") == "quantitative" and "scale" in y:
                assert y["scale"].get("zero") is True, y
    marks = [laag.get("mark") for laag in lagen(formatie_figuur(r).spec)]
    assert not any((m if isinstance(m, str) else (m or {}).get("type")) == "line" for m in marks), marks


def test_the_text_before_the_formation_chart_names_the_marks_it_draws(r):
    """Chapter 02 says what figure 2 draws: points per period and a bar for the shortage, so the reader is not
    sent looking for lines (the periods are alternatives, not a time line)."""
    import nbformat

    from vt_analysis.hoofdstukken.meerjarige_ontwikkeling import formatie_figuur

    def lagen(spec):
        return [spec, *[laag for x in spec.get("layer", []) for laag in lagen(x)]]

    soorten = {
        (m if isinstance(m, str) else m["type"])
        for m in (laag.get("mark") for laag in lagen(formatie_figuur(r).spec))
        if m
    }
    cellen = nbformat.read(paths.NOTEBOOKS_DIR / "02-meerjarige-ontwikkeling.ipynb", as_version=4).cells
    code = next(i for i, c in enumerate(cellen) if c.cell_type == "code" and "formatie_figuur" in c.source)
    uitleg = next(c.source for c in reversed(cellen[:code]) if c.cell_type == "markdown")
    assert soorten == {"point", "bar"}, soorten
    assert "punten" in uitleg and "balk" in uitleg and "lijn" not in uitleg, uitleg


def test_kengetallen_table_writes_a_formation_as_every_other_fte(r):
    """The formation of the AB-besluit is 63,40 fte in every sentence and table; its kengetal row says so too
    (not 63,4 as typed in the data). Other kengetallen keep the decimals they were written with (8,8%)."""
    from vt_analysis.hoofdstukken.methode_en_bronnen import KENGETALLEN_DELEN, kengetallen_tabel

    rijen = [rij for d in range(1, KENGETALLEN_DELEN + 1) for rij in kengetallen_tabel(r, d).rijen]
    fte = [(rij[1], rij[2]) for rij in rijen if rij[2] == "fte"]
    assert ("63,40", "fte") in fte and ("58,90", "fte") in fte, fte
    assert all("," in w and len(w.split(",")[1]) == 2 for w, _ in fte), fte
    assert any(rij[1] == "8,8" for rij in rijen)  # the indexation as asked, with its one decimal


def test_b_cost_text_names_the_assumption_and_rounds_ruim_down(r):
    """The plausible cut is called an assumption with a pointer to its source in Methode en bronnen (the data's
    whole source text in brackets read as a broken sentence in the middle of the paragraph), and 'ruim N keer
    zoveel' takes the whole number below the ratio: a cut 7,6 times the plausible one is 'ruim 7', never 'ruim 8'."""
    from vt_analysis.hoofdstukken.meldingen_terugdringen import kosten_en_tijd_tekst

    p = load_run(None).params
    md = kosten_en_tijd_tekst(r, p).data
    assert r.kengetallen.b_plausibele_daling_overige_pct.bron not in md
    assert "een aanname, met haar onderbouwing bij de kengetallen in het hoofdstuk Methode en bronnen." in md
    inhoud = r.naar_dict()
    eerste = inhoud["scenario_b"][0]
    plausibel = eerste["overige_meldingen"] * r.kengetallen.b_plausibele_daling_overige_pct.waarde / 100
    eerste["reductie_meldingen"] = 7.6 * plausibel
    md = kosten_en_tijd_tekst(Resultaten.van_dict(inhoud), p).data
    assert "ruim 7 keer zoveel" in md, md


def test_text_alternative_of_the_formation_chart_names_its_highest_bar(r):
    """Figure 2 draws the shortage as a bar from available to required fte: its text alternative names the period
    whose required formation is highest (the bar's top), not the period with the most available fte."""
    from vt_analysis.hoofdstukken.charts import tekstalternatief
    from vt_analysis.hoofdstukken.meerjarige_ontwikkeling import formatie_figuur

    alt = tekstalternatief(formatie_figuur(r).spec, "bijschrift")
    hoogste = r.perioden.loc[r.perioden[f"fte_{r.normset}"].idxmax()]
    assert f"Hoogste waarde: Periode {hoogste['periode']}, " in alt, alt
    assert f"{fmt.fte(hoogste[f'fte_{r.normset}'])}" in alt, alt


def test_period_labels_wrap_at_whole_words_not_at_every_space(r):
    """Figures 1 and 2 name a period under its bars: 'BURAP 1 2024' is one line (split at every space it was
    'BURAP' over '1' over '2024'), no line is longer than a band holds, in the drawing the PDF and HTML show."""
    import re

    from vt_analysis.bouw.convert import spec_to_svg
    from vt_analysis.hoofdstukken.grafiekthema import LABEL_TEKENS
    from vt_analysis.hoofdstukken.meerjarige_ontwikkeling import formatie_figuur

    svg = spec_to_svg(formatie_figuur(r).spec)
    teksten = [re.sub(r"<text[^>]*>", "", t)[: -len("</text>")] for t in re.findall(r"<text[^>]*>.*?</text>", svg)]
    regels = [re.findall(r">([^<]*)</tspan>", t) if "<tspan" in t else [t] for t in teksten]
    perioden = list(r.perioden["periode"])
    labels = [regel for regel in regels if " ".join(regel) in perioden]
    assert len(labels) == len(perioden) and ["BURAP 1 2024"] in labels, labels
    assert all(len(regel) <= 3 and max(map(len, regel)) <= LABEL_TEKENS for regel in labels), labels
    assert all(len(woorden) > 2 for regel in labels for woorden in regel), labels  # no "AB" alone on a line


def test_sensitivity_text_agrees_in_number_with_the_inputs_without_effect(r):
    """One input without effect is one: 'Geen invloed heeft: aantal meldingen; die invoer staat ...' (it read
    'Geen invloed hebben: aantal meldingen; die staan ...'); several are a Dutch enumeration."""
    from vt_analysis.hoofdstukken.namen import invoer_naam, klein
    from vt_analysis.hoofdstukken.vergelijking import gevoeligheid_tekst

    g = r.gevoeligheid
    nul = g[(g["bereik"] == 0) & (g["soort"] != "hefboom")]
    namen = [klein(invoer_naam(s, i)) for s, i in zip(nul["soort"], nul["invoer"], strict=True)]
    tekst = gevoeligheid_tekst(r).data
    if len(namen) == 1:
        assert f" Geen invloed heeft: {namen[0]}; die invoer staat niet in de grafiek." in tekst, tekst
    elif namen:
        assert f" Geen invloed hebben: {fmt.opsomming(namen)}; die staan niet in de grafiek." in tekst, tekst
    assert "Geen invloed hebben: aantal meldingen;" not in tekst
