"""The chapter cache: a chapter executes again only when something it reads changed."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import nbformat
import pytest
from helpers import edit_file

from vt_analysis.basis import paths
from vt_analysis.bouw.hoofdstukcache import HoofdstukCache, invoer_sha256
from vt_analysis.bouw.render import render_report
from vt_analysis.tekst.blokken import blokken_in_code

TWEE = ("01-samenvatting.ipynb", "90-methode-en-bronnen.ipynb")


def test_invoer_changes_with_any_byte_of_any_file(tmp_path):
    map_ = tmp_path / "tekst"
    map_.mkdir()
    (map_ / "a.md").write_text("een zin", encoding="utf-8")
    eerst = invoer_sha256("deel", mappen=[map_])
    assert invoer_sha256("deel", mappen=[map_]) == eerst
    (map_ / "a.md").write_text("een zin.", encoding="utf-8")
    assert invoer_sha256("deel", mappen=[map_]) != eerst
    (map_ / "b.md").write_text("", encoding="utf-8")  # a new, empty file counts too
    tweede = invoer_sha256("deel", mappen=[map_])
    assert tweede != invoer_sha256("deel", mappen=[map_], bestanden=[map_ / "a.md"])
    assert invoer_sha256("ander deel", mappen=[map_]) != tweede


@pytest.fixture
def twee_hoofdstukken(tmp_path) -> tuple[Path, list[Path]]:
    """Copies of two chapters that a test may change, and a chapter list naming them."""
    kopie = [Path(shutil.copy(paths.NOTEBOOKS_DIR / naam, tmp_path / naam)) for naam in TWEE]
    lijst = tmp_path / "hoofdstukken.yaml"
    lijst.write_text("hoofdstukken:\n" + "".join(f"  - {nb}\n" for nb in kopie), encoding="utf-8")
    return lijst, kopie


def _wijzig(notebook: Path, soort: str, tekst: str) -> None:
    nb = nbformat.read(notebook, as_version=4)
    cel = next(c for c in reversed(nb.cells) if c.cell_type == soort)
    cel.source += tekst
    nbformat.write(nb, notebook)


def _parameters_wijzen_naar_de_uitgave(run_map: Path) -> None:
    """Each chapter in the run folder names the run's own results.json (a chapter from the cache too: it was
    stored by another render, in another folder) and no data folder of this machine: the run's own (None: the
    one its params name), not a temporary or absolute path."""
    notebooks = sorted((run_map / "notebooks").glob("*.ipynb"))
    assert notebooks
    for pad in notebooks:
        nb = nbformat.read(pad, as_version=4)
        parameters = nb.metadata.papermill.parameters
        assert (pad.parent / parameters["resultaten"]).resolve() == (run_map / "results.json").resolve(), pad.name
        assert parameters["data_dir"] is None, pad.name
        assert not Path(nb.metadata.papermill.get("input_path", "")).is_absolute(), pad.name
        assert nb.metadata.papermill.output_path == f"notebooks/{pad.name}"
        cel = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert 'resultaten = "../results.json"' in cel.source and ".tmp-" not in cel.source, pad.name


@pytest.mark.render
def test_the_session_render_names_its_published_results(rendered):
    _parameters_wijzen_naar_de_uitgave(rendered)


@pytest.mark.render
def test_only_the_changed_chapter_executes_again(rendered, render_cache, twee_hoofdstukken, tmp_path, data_copy):
    """Starts from a copy of the session render's caches: that render executed every chapter (cold) and
    stored it, so copies of two chapters elsewhere come from the cache (the key is content, not path)."""
    lijst, (samenvatting, methode) = twee_hoofdstukken
    cache = tmp_path / "cache"
    shutil.copytree(render_cache, cache)

    def render(data=None):
        return render_report(
            paths.DEFAULT_PARAMS, data, tmp_path / "out", stil=True, hoofdstukken=lijst, cache_map=cache
        )

    eerste = render()
    assert eerste.uit_cache == [samenvatting.name, methode.name]
    _parameters_wijzen_naar_de_uitgave(eerste.directory)
    _wijzig(methode, "code", "\n# een gewijzigde cel")
    assert render().uit_cache == [samenvatting.name]
    # A changed Markdown cell needs no execution, but the report shows it.
    _wijzig(samenvatting, "markdown", " Een nieuwe zin van het programmateam.")
    uitkomst = render()
    assert uitkomst.uit_cache == [samenvatting.name, methode.name]
    assert "Een nieuwe zin van het programmateam." in uitkomst.html.read_text(encoding="utf-8")
    # Changed data: every chapter reads it (through results.json), so every chapter executes again. A
    # source note changes no month table of the queue model: its calibration and projection come from the cache.
    nieuw = "Bijlage 2 (bijgewerkt), kolom Begroting 2025"
    edit_file(data_copy / "volumes.csv", '"Bijlage 2, kolom Begroting 2025', f'"{nieuw}')
    uitkomst = render(data_copy)
    assert uitkomst.uit_cache == []
    assert nieuw in uitkomst.html.read_text(encoding="utf-8")


def test_a_chapter_depends_on_the_text_blocks_it_shows_only():
    def blokken(naam: str) -> set[str] | None:
        nb = nbformat.read(paths.NOTEBOOKS_DIR / naam, as_version=4)
        return blokken_in_code(c.source for c in nb.cells if c.cell_type == "code")

    assert blokken("01-samenvatting.ipynb") == {"samenvatting", "verzoening", "besluitpunten"}
    assert blokken("09-conclusie.ipynb") == {"conclusie", "besluitpunten", "dekking", "risicos", "vragen"}
    assert blokken("90-methode-en-bronnen.ipynb") == {"producten"}
    # A block named at run time, or the text set read another way: the chapter depends on every block.
    assert blokken_in_code(["tekst.toon(naam, b)"]) is None
    assert blokken_in_code(["from vt_analysis.tekst import blokken as t\nt.blokken(run)"]) is None
    assert blokken_in_code(["from vt_analysis.tekst.blokken import TEKST_DIR"]) is None
    assert blokken_in_code(["from vt_analysis.tekst.blokken import toon\n%matplotlib inline\ntoon('a', b)"]) == {"a"}


def test_a_changed_text_block_misses_the_cache_of_the_chapters_that_show_it_only(tmp_path, tekst_copy):
    """One changed sentence in 'besluitpunten' (shown by the summary and the conclusion): those two chapters
    execute again, every other chapter still comes from the cache; so does a new block that no chapter shows."""
    namen = ["01-samenvatting.ipynb", "01b-aanleiding.ipynb", "09-conclusie.ipynb", "90-methode-en-bronnen.ipynb"]
    notebooks = [paths.NOTEBOOKS_DIR / naam for naam in namen]
    tekstset = tekst_copy / "burap2-2024"
    parameters = {"params": {}, "data_dir": "data", "resultaten": "results.json"}
    cache = HoofdstukCache(tmp_path / "cache", invoer_sha256("de rest van de invoer"), parameters, tekstset=tekstset)
    for nb in notebooks:  # the chapter itself stands in for its execution: the key is what matters here
        cache.bewaar(nb, nb)

    def missen() -> list[str]:
        return [nb.name for nb in notebooks if not cache.haal(nb, tmp_path / nb.name)]

    assert missen() == []
    (tekstset / "nieuw-blok.md").write_text("Een blok dat geen hoofdstuk toont.\n", encoding="utf-8")
    assert missen() == []
    edit_file(tekstset / "besluitpunten.md", "\n", " Een nieuwe zin.\n")
    assert missen() == ["01-samenvatting.ipynb", "09-conclusie.ipynb"]


def test_results_cache_entry_is_verified_before_use(standaard_run, standaard_resultaten, tmp_path, monkeypatch):
    """An altered entry in the results cache is never read back: its SHA-256 no longer matches."""
    from vt_analysis.model import resultaten as resultaten_module

    berekend = []
    monkeypatch.setattr(
        resultaten_module, "bereken_resultaten", lambda run: berekend.append(run) or standaard_resultaten
    )
    eerst, uit_cache = resultaten_module.resultaten_met_cache(standaard_run, tmp_path)
    assert not uit_cache and len(berekend) == 1
    _, uit_cache = resultaten_module.resultaten_met_cache(standaard_run, tmp_path)
    assert uit_cache and len(berekend) == 1
    (entry,) = (tmp_path / "resultaten").glob("*.json")
    entry.write_bytes(entry.read_bytes().replace(b'"run"', b'"Run"', 1))  # the header's hash stays the same
    opnieuw, uit_cache = resultaten_module.resultaten_met_cache(standaard_run, tmp_path)
    assert not uit_cache and len(berekend) == 2
    assert opnieuw.naar_json() == eerst.naar_json()


def test_results_cache_key_changes_with_every_data_file_and_the_params(data_copy, tmp_path):
    """Without a render: the results cache's key covers each data file the run reads and its params, so a
    change to any one of them is computed again instead of read from the cache."""
    from vt_analysis.invoer.run import load_run
    from vt_analysis.model.resultaten import _cache_pad

    run = load_run(paths.DEFAULT_PARAMS, data_copy)
    eerst = _cache_pad(run, tmp_path)
    bestanden = run.data.bestanden()
    assert {p.name for p in bestanden} >= {"volumes.csv", "normen.yaml", "kengetallen.yaml"}
    for pad in bestanden:
        origineel = pad.read_bytes()
        pad.write_bytes(origineel + b"\n")
        assert _cache_pad(run, tmp_path) != eerst, pad.name
        pad.write_bytes(origineel)
    assert _cache_pad(run, tmp_path) == eerst
    ander = dataclasses.replace(run, params=run.params.model_copy(update={"normset": "landelijk"}))
    assert _cache_pad(ander, tmp_path) != eerst
