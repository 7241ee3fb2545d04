"""A region's run is the same edition wherever its folder lies: the params name data_map and tekstset_map
relative to the params file, and that, not the machine's absolute path, is what the manifest shows and the
caches key on. The folders' contents still count: a changed data file changes every key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from vt_analysis.basis import paths
from vt_analysis.bouw.hoofdstukcache import parameters_sha256
from vt_analysis.bouw.manifest import manifest
from vt_analysis.bouw.render import rapport_sleutel
from vt_analysis.bouw.verify import data_bestanden, tekstset_map
from vt_analysis.invoer.hoofdstuklijst import load_chapters
from vt_analysis.invoer.mappen import data_map_van, met_mappen_opgelost
from vt_analysis.invoer.run import load_run
from vt_analysis.model.resultaten import _cache_pad
from vt_analysis.opslag.sleutels import Bronnen

REGIO = paths.ROOT / "tests" / "regio" / "noorderkwartier-oost"
PARAMS_NAAM = "nko-burap2-2024.yaml"


def _kopie(doel: Path) -> Path:
    shutil.copytree(REGIO, doel)
    return doel / PARAMS_NAAM


def _uitgave(params_bestand: Path, cache: Path) -> tuple[dict, dict]:
    """The cache keys of a run and its manifest, as a render computes them (without the heavy render)."""
    run = load_run(params_bestand)
    bron = Bronnen.van(
        data_bestanden(run.data.directory),
        params_bestand,
        None,
        paths.CHAPTERS_FILE,
        load_chapters(paths.CHAPTERS_FILE),
        tekstset_map(run.params),
    )
    sleutels = {
        "resultaten": _cache_pad(run, cache).name,
        "hoofdstukken": parameters_sha256({"params": run.params.model_dump(mode="json")}),
        "rapport": rapport_sleutel(run, bron, paths.CHAPTERS_FILE, wat_als=False),
    }
    return sleutels, manifest(run, bron, paths.CHAPTERS_FILE)


def test_dezelfde_regio_op_twee_plekken_geeft_dezelfde_sleutels_en_manifest(tmp_path):
    a, b = _kopie(tmp_path / "plek-a" / "regio"), _kopie(tmp_path / "elders" / "b" / "regio")
    sleutels_a, manifest_a = _uitgave(a, tmp_path / "cache")
    sleutels_b, manifest_b = _uitgave(b, tmp_path / "cache")
    assert sleutels_a == sleutels_b
    assert manifest_a == manifest_b
    tekst = json.dumps([sleutels_a, manifest_a], ensure_ascii=False)
    assert str(tmp_path) not in tekst and str(paths.ROOT) not in tekst
    assert manifest_a["params"]["data_map"] == "data" and manifest_a["params"]["tekstset_map"] == "tekst"
    assert "data/volumes.csv" in manifest_a["invoer_sha256"]


def test_de_inhoud_telt_nog_een_gewijzigd_gegevensbestand_wijzigt_elke_sleutel(tmp_path):
    a, b = _kopie(tmp_path / "a" / "regio"), _kopie(tmp_path / "b" / "regio")
    kengetallen = b.parent / "data" / paths.KENGETALLEN_FILE
    kengetallen.write_text(kengetallen.read_text(encoding="utf-8") + "\n# bijgewerkt\n", encoding="utf-8")
    sleutels_a, manifest_a = _uitgave(a, tmp_path / "cache")
    sleutels_b, manifest_b = _uitgave(b, tmp_path / "cache")
    assert sleutels_a["resultaten"] != sleutels_b["resultaten"]
    assert sleutels_a["rapport"] != sleutels_b["rapport"]
    naam = f"data/{paths.KENGETALLEN_FILE}"
    assert manifest_a["invoer_sha256"][naam] != manifest_b["invoer_sha256"][naam]


def test_laden_lost_de_mappen_op_tegen_het_parameterbestand(tmp_path):
    """The params keep the folder as written; loading (and a chapter's kernel, which gets the params without
    their file) finds it beside the params file, from any working folder."""
    params_bestand = _kopie(tmp_path / "regio")
    run = load_run(params_bestand)
    assert run.params.data_map == "data"
    assert data_map_van(run.params) == (tmp_path / "regio" / "data").resolve() == run.data.directory.resolve()
    kernel = met_mappen_opgelost(run.params)
    assert Path(kernel["data_map"]) == (tmp_path / "regio" / "data").resolve()
    assert Path(kernel["tekstset_map"]) == tekstset_map(run.params) == (tmp_path / "regio" / "tekst").resolve()
    assert load_run(kernel, kernel["data_map"]).data.directory.resolve() == run.data.directory.resolve()
