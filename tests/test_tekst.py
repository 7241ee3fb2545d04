"""Text blocks: every placeholder is checked before anything runs, the sandbox refuses Python internals,
and every block of the shipped text sets renders with the run's figures in Dutch notation."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.invoer.run import load_run
from vt_analysis.tekst import blokken as tekst
from vt_analysis.tekst import tekstgrens
from vt_analysis.tekst.velden import Bron, Veld, namen, velden


@pytest.fixture(scope="module")
def run():
    return load_run(paths.DEFAULT_PARAMS)


@pytest.fixture
def tekstset(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the shipped text sets that a test may break; the run reads it."""
    kopie = tmp_path / "tekst"
    shutil.copytree(tekst.TEKST_DIR, kopie)
    monkeypatch.setattr(tekst, "TEKST_DIR", kopie)
    return kopie / "burap2-2024"


def _fout(cli, *args) -> str:
    code, out, err = cli(*args)
    assert code == 2, (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.mark.parametrize(
    "inhoud, verwacht",
    [
        (
            "Tekst.\n\nHet tekort is {{ tekort_2026_ftee | fte }}.\n",
            "regel 3: onbekende naam 'tekort_2026_ftee' (bedoelde je 'tekort_2026_fte'?)",
        ),
        ("{{ tekort_2026_fte | ftee }}\n", "regel 1: onbekend filter 'ftee' (bedoelde je 'fte'?)"),
        ("{{ ''.__class__ }}\n", "regel 1: '.__class__' is niet toegestaan"),
        ("a\n{{ cycler.__init__.__globals__ }}\n", "regel 2: '.__globals__' is niet toegestaan"),
        ("{{ regio['__class__'] }}\n", "regel 1: '.[...]' is niet toegestaan"),
        ("{{ lipsum() }}\n", "regel 1: onbekende naam 'lipsum'"),
        ("{{ range(10) }}\n", "regel 1: onbekende naam 'range'"),
        ("{{ regio | attr('__class__') }}\n", "regel 1: onbekend filter 'attr'"),
        ("{% if tekort_2026_fte > 0 %}tekort\n", "regel 1: het blok wordt niet gesloten voor het eind van het bestand"),
    ],
)
def test_bad_placeholder_stops_validate_and_render(cli, tekstset, tmp_path, inhoud, verwacht):
    """Unknown names, filters and reaches for internals: exit 2, one line with file and line, nothing rendered."""
    blok = tekstset / "kapot.md"
    blok.write_text(inhoud, encoding="utf-8")
    regel = _fout(cli, "validate", "--params", paths.DEFAULT_PARAMS)
    assert "kapot.md, " + verwacht in regel
    uitvoer = tmp_path / "uit"
    regel = _fout(cli, "render", "--params", paths.DEFAULT_PARAMS, "--output", uitvoer)
    assert "kapot.md, " + verwacht in regel
    assert not (uitvoer / "burap2-2024").exists()


def test_sandbox_refuses_internals_at_render_time_too(run):
    """Even past the check, the immutable sandbox refuses attribute access to internals."""
    from jinja2.exceptions import SecurityError

    with pytest.raises(SecurityError):
        tekst.omgeving().from_string("{{ x.__class__.__mro__ }}").render(x="")
    with pytest.raises(SecurityError):
        tekst.omgeving().from_string("{{ x.append(1) }}").render(x=[])


def test_unknown_text_set_is_bad_input(cli, params_copy):
    params_copy.write_text(params_copy.read_text(encoding="utf-8") + "tekstset: bestaat-niet\n", encoding="utf-8")
    regel = _fout(cli, "validate", "--params", params_copy)
    assert "sleutel tekstset: 'bestaat-niet' is geen tekstset" in regel and "burap2-2024" in regel


@pytest.mark.parametrize(
    "params",
    # The other runs' results are a full computation each (shared with test_resultaten's through the results cache).
    [
        p
        if p == paths.DEFAULT_PARAMS
        else pytest.param(p, marks=[pytest.mark.langzaam, pytest.mark.xdist_group("andere-runs")])
        for p in sorted(paths.PARAMS_DIR.glob("*.yaml"))
    ],
    ids=lambda p: p.stem,
)
def test_every_block_of_every_shipped_run_renders(params):
    """Every block of the text set each shipped run names renders: no placeholder left, no Python repr."""
    r = load_run(params)
    blokken = tekst.controleer_tekstset(r)
    assert blokken
    for naam in blokken:
        md = tekst.render_blok(naam, r)
        assert md.strip(), naam
        for spoor in ("{{", "{%", "}}", "Undefined"):
            assert spoor not in md, (naam, spoor)
        # Python reprs as whole words ('nan' is also inside 'financiële'); a year printed as a float.
        assert not re.search(r"\b(None|nan|inf)\b|\b20\d\d\.0\b", md), naam


def test_changing_a_sentence_changes_the_output_without_code(tekstset, run):
    (tekstset / "samenvatting.md").write_text(
        "Nieuwe zin: {{ tekort_2026_fte | fte }} en {{ tekort_2026_euro | euro }}.\n", encoding="utf-8"
    )
    v = velden(run)
    md = tekst.render_blok("samenvatting", run)
    fte, euro = fmt.fte(v["tekort_2026_fte"].waarde, eenheid=True), fmt.euro(v["tekort_2026_euro"].waarde)
    assert md == f"Nieuwe zin: {fte} en {euro}.\n"


def test_conditional_follows_the_numbers(tekstset, run):
    (tekstset / "samenvatting.md").write_text(
        "{% if tekort_2026_fte > 0 %}tekort{% else %}ruimte{% endif %}\n", encoding="utf-8"
    )
    verwacht = "tekort" if velden(run)["tekort_2026_fte"].waarde > 0 else "ruimte"
    assert tekst.render_blok("samenvatting", run).strip() == verwacht


def test_text_from_data_is_escaped_for_markdown(tekstset, run, monkeypatch):
    """Names from data reach a block as they are (a comparison sees them as typed) and are printed through the
    one escaper of markup.py."""
    import vt_analysis.tekst.velden as velden_module

    echte = velden_module.velden
    naam = "<img src=x onerror=alert(1)> ![a](http://x)"

    def met_naam(bron, alleen=None):
        return {**echte(bron, alleen), "regio": Veld(naam, "tekst", "")}

    monkeypatch.setattr(tekst, "velden", met_naam)
    (tekstset / "samenvatting.md").write_text(
        f'{{{{ regio }}}}{{% if regio == "{naam}" %}} gelijk{{% endif %}}\n', encoding="utf-8"
    )
    assert tekst.render_blok("samenvatting", run) == r"\<img src=x onerror=alert(1)\> \!\[a\](http://x) gelijk"


def test_velden_are_the_results_figures(run, standaard_resultaten):
    """The key figures: shortage under the winstwaarschuwing, from the comparison of results.json."""
    res = standaard_resultaten.naar_dict()
    v = velden(run)
    niets_doen = {r["jaar"]: r for r in res["scenarios"] if r["naam"] == "Winstwaarschuwing, niets doen"}
    kosten = run.data.kengetallen.kosten_per_fte_euro.waarde
    for jaar, rij in niets_doen.items():
        assert v[f"tekort_{jaar}_fte"].waarde == pytest.approx(-rij["gap"])
        assert v[f"tekort_{jaar}_euro"].waarde == pytest.approx(-rij["gap"] * kosten)
    # the seed's figures (Winstwaarschuwing 2): 14,07 and 18,57 fte
    assert fmt.fte(v["tekort_2025_fte"].waarde) == "14,07"
    assert fmt.fte(v["tekort_2026_fte"].waarde) == "18,57"
    assert set(v) == set(namen(run))
    # Without results.json the names compute the run's results themselves: every value as from results.json.
    uit_json = velden(Bron(run, res))
    assert {n: x.waarde for n, x in v.items()} == {n: x.waarde for n, x in uit_json.items()}


def test_velden_cli_lists_names_values_units(cli):
    code, out, err = cli("velden", "--params", paths.DEFAULT_PARAMS, "--json")
    assert code == 0, err
    lijst = json.loads(out)
    assert lijst["tekort_2026_fte"]["eenheid"] == "fte"
    assert lijst["kosten_per_fte_euro"] == {
        "waarde": 104000.0,
        "eenheid": "euro",
        "omschrijving": lijst["kosten_per_fte_euro"]["omschrijving"],
    }
    assert lijst["documentdatum"]["waarde"] == "2024-11-29"
    code, out, err = cli("velden", "--params", paths.DEFAULT_PARAMS)
    assert code == 0 and "tekort_2026_fte" in out and "18,57" in out


@pytest.mark.parametrize(
    ("expressie", "verwacht"),
    [
        ("8.5 | round", 9),
        ("-8.5 | round", -9),
        ("0.5 | round", 1),
        ("2.675 | round(2)", 2.68),
        ("0.125 | round(2)", 0.13),
        ("25 | round(-1)", 30),
        ("8.9 | round(0, 'floor')", 8),
    ],
)
def test_round_in_a_block_rounds_half_away_from_zero(expressie, verwacht):
    """Jinja's own ``round`` rounds half to even (8 for 8.5); a block's ``round`` is the formatter's rounding."""
    assert float(tekstgrens.vul_in(tekst.omgeving(), "{{ " + expressie + " }}", {})) == verwacht
