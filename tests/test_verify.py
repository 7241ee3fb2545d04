"""verify: a run folder's manifest against the files now (a rendered folder is checked in test_render)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import edit_file

from vt_analysis.basis import paths
from vt_analysis.bouw.verify import RAPPORT_BESTANDEN, bronnen, rapport_sha256, tekstset_map
from vt_analysis.invoer.hoofdstuklijst import load_chapters
from vt_analysis.invoer.params import load_params


def _lege_run(tmp_path, data_copy, params_copy, tekst_copy) -> tuple[Path, dict]:
    """An empty run folder and the manifest a render of the copies would write (no report files)."""
    map_ = tmp_path / "output" / "burap2-2024"
    map_.mkdir(parents=True)
    return map_, {
        "run": "burap2-2024",
        "bronnen": bronnen(data_copy, params_copy, paths.CHAPTERS_FILE, load_chapters(), tekst_copy / "burap2-2024"),
        "bron_paden": {"data": str(data_copy), "params": str(params_copy), "hoofdstukken": str(paths.CHAPTERS_FILE)},
        "rapport_sha256": rapport_sha256(map_),
    }


@pytest.fixture
def run_map(tmp_path, data_copy, params_copy, tekst_copy) -> Path:
    """A run folder as render leaves it, with stand-in report files (hashing does not care what they hold)."""
    map_ = tmp_path / "output" / "burap2-2024"
    map_.mkdir(parents=True)
    for naam in RAPPORT_BESTANDEN:
        (map_ / naam).write_bytes(f"inhoud van {naam}".encode())
    tekst = tekstset_map(load_params(params_copy))
    manifest = {
        "run": "burap2-2024",
        "bronnen": bronnen(data_copy, params_copy, paths.CHAPTERS_FILE, load_chapters(), tekst),
        "bron_paden": {
            "data": str(data_copy),
            "params": str(params_copy),
            "hoofdstukken": str(paths.CHAPTERS_FILE),
            "tekst": str(tekst) if tekst else None,
        },
        "rapport_sha256": rapport_sha256(map_),
    }
    (map_ / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return map_


def test_unchanged_is_actueel(cli, run_map):
    assert cli("verify", run_map) == (0, "actueel\n", "")


def test_edited_data_file_is_named(cli, run_map, data_copy):
    edit_file(data_copy / "volumes.csv", "4998", "4999")
    code, out, _ = cli("verify", run_map)
    assert code == 1
    regels = out.strip().splitlines()
    assert regels[0].startswith("niet actueel: 1 bestand")
    assert regels[1].strip().startswith("gewijzigd: ") and "volumes.csv (invoerbestand; SHA-256 was" in regels[1]


def test_edited_text_block_is_named(cli, run_map, tekst_copy):
    blok = next((tekst_copy / "burap2-2024").glob("*.md"))
    blok.write_text(blok.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    code, out, _ = cli("verify", run_map)
    assert code == 1 and f"gewijzigd: {blok} (tekstblok; SHA-256 was" in out, out


def test_changed_lock_file_is_named_and_an_older_manifest_skips_what_it_lacks(cli, run_map, tmp_path, monkeypatch):
    from vt_analysis.opslag import sleutels as invoer

    lock = tmp_path / "requirements.lock"
    shutil.copy(invoer.LOCK_BESTAND, lock)
    monkeypatch.setattr(invoer, "LOCK_BESTAND", lock)
    manifest = json.loads((run_map / "manifest.json").read_text(encoding="utf-8"))
    manifest["bronnen"]["pakket"] = invoer.pakket_sha256()
    (run_map / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert cli("verify", run_map)[0] == 0
    with open(lock, "a", encoding="utf-8") as f:
        f.write("nieuw-pakket==1.0\n")
    code, out, _ = cli("verify", run_map)
    assert code == 1 and "requirements.lock (programmacode; SHA-256 was" in out
    del manifest["bronnen"]["pakket"]
    (run_map / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert cli("verify", run_map) == (0, "actueel\n", "")


def test_edited_pdf_and_removed_workbook_are_named(cli, run_map):
    (run_map / "impactanalyse.pdf").write_bytes(b"een ander pdf-bestand")
    (run_map / "impactanalyse.xlsx").unlink()
    code, out, _ = cli("verify", run_map)
    assert code == 1
    assert "gewijzigd: " in out and "impactanalyse.pdf (rapportbestand" in out
    assert "ontbreekt: " in out and "impactanalyse.xlsx (rapportbestand)" in out
    assert "impactanalyse.html" not in out


def test_edited_previous_run_params_are_named(cli, tmp_path, data_copy, params_copy, tekst_copy):
    """The changes chapter is computed from the previous run's params: editing them makes the report out of date."""
    vorige = Path(shutil.copy(paths.PARAMS_DIR / "burap1-2024.yaml", params_copy.parent / "burap1-2024.yaml"))
    map_, manifest = _lege_run(tmp_path, data_copy, params_copy, tekst_copy)
    uitgave = {f"vorige_uitgave/{n}" for n in ("results.json", "velden.json", "manifest.json")}
    assert set(manifest["bronnen"]["params"]) == {"params", "vorige_run", *uitgave}
    (map_ / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert cli("verify", map_)[0] == 0
    vorige.write_text(vorige.read_text(encoding="utf-8") + "# een wijziging\n", encoding="utf-8")
    code, out, _ = cli("verify", map_)
    assert code == 1 and f"gewijzigd: {vorige}" in out and "(parameterbestand" in out, out


def test_other_data_folder_and_params_can_be_given(cli, run_map, data_copy, tmp_path):
    andere = tmp_path / "andere-params.yaml"
    andere.write_text(load_params_tekst().replace("documentdatum: 2024-11-29", "documentdatum: 2024-11-30"), "utf-8")
    code, out, _ = cli("verify", run_map, "--data", data_copy, "--params", andere)
    assert code == 1 and "andere-params.yaml (parameterbestand" in out
    code, out, _ = cli("verify", run_map, "--data", paths.DATA_DIR)
    assert code == 0, out  # data/ holds the same bytes as the copy


def load_params_tekst() -> str:
    return paths.DEFAULT_PARAMS.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        ((), "verplicht, maar niet gegeven: RUN_MAP"),
        (("{tmp}/bestaat-niet",), "is geen map"),
        (("{tmp}",), "manifest.json: bestand ontbreekt"),
        (("{run}", "--onbekend"), "onbekende argumenten: --onbekend"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(cli, run_map, tmp_path, args, verwacht):
    args = [a.format(tmp=tmp_path, run=run_map) for a in args]
    code, out, err = cli("verify", *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and verwacht in err, err


def test_manifest_of_an_older_version_is_a_clear_error(cli, run_map):
    manifest = json.loads((run_map / "manifest.json").read_text(encoding="utf-8"))
    del manifest["bronnen"]
    (run_map / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, err = cli("verify", run_map)
    assert code == 2 and "sleutel bronnen: ontbreekt" in err and len(err.strip().splitlines()) == 1


def _manifest_met(run_map: Path, **wijziging) -> None:
    pad = run_map / "manifest.json"
    manifest = json.loads(pad.read_text(encoding="utf-8"))
    for sleutel, waarde in wijziging.items():
        if sleutel == "bron_paden_tekst":
            manifest["bron_paden"]["tekst"] = waarde
        elif sleutel == "vanaf_run_params":  # a params file outside the repository, relative to the run folder
            manifest["bron_paden"]["params"] = None
            manifest["bron_paden_vanaf_run"] = {"params": waarde}
        else:
            manifest[sleutel] = waarde
    pad.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    ("wijziging", "verwacht"),
    [
        ({"bron_paden_tekst": "/usr"}, "sleutel bron_paden.tekst: '/usr' ligt buiten"),
        ({"bron_paden_tekst": "../../../.."}, "sleutel bron_paden.tekst: '../../../..' ligt buiten"),
        ({"bronnen": {"data": [1, 2]}}, "sleutel bronnen.data: heeft niet de vorm naam: SHA-256"),
        ({"bronnen": {"data": {"a.csv": 5}}}, "sleutel bronnen.data: heeft niet de vorm naam: SHA-256"),
        ({"bronnen": {"onbekend": {}}}, "sleutel bronnen.onbekend: heeft niet de vorm"),
        ({"rapport_sha256": {"impactanalyse.pdf": None}}, "sleutel rapport_sha256: heeft niet de vorm"),
        ({"bron_paden": ["/usr"]}, "sleutel bron_paden: heeft niet de vorm"),
        ({"bron_paden": {"params": "/etc/passwd"}}, "sleutel bron_paden.params: '/etc/passwd' is geen .yaml-bestand"),
        ({"run": ["x"]}, "sleutel run: ['x'] is geen runnaam"),
        (
            {"vanaf_run_params": "../../../x.yaml"},
            "sleutel bron_paden_vanaf_run.params: '../../../x.yaml' ligt niet naast",
        ),
        ({"vanaf_run_params": "/etc/x.yaml"}, "sleutel bron_paden_vanaf_run.params: '/etc/x.yaml' ligt niet naast"),
        ({"vanaf_run_params": "../../passwd"}, "sleutel bron_paden_vanaf_run.params: '../../passwd' is geen .yaml"),
        ({"bron_paden_vanaf_run": {"params": 5}}, "sleutel bron_paden_vanaf_run: heeft niet de vorm"),
    ],
)
def test_manifest_buiten_de_bronnen_of_van_de_verkeerde_vorm(cli, run_map, wijziging, verwacht):
    """A manifest that names a folder outside the run's sources (verify once hashed all of /usr) or has the
    wrong shape: one line, exit 2, nothing hashed."""
    _manifest_met(run_map, **wijziging)
    code, out, err = cli("verify", run_map)
    assert code == 2 and out == "", (out, err)
    assert len(err.strip().splitlines()) == 1 and "manifest.json, " + verwacht in err, err


def test_manifest_dat_geen_object_is(cli, run_map):
    (run_map / "manifest.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = cli("verify", run_map)
    assert code == 2 and "manifest.json, sleutel bronnen: ontbreekt" in err


def test_previous_edition_as_published_is_a_source(cli, tmp_path, data_copy, params_copy, tekst_copy):
    """The changes chapter reads the previous edition's own results.json: a re-rendered or corrected previous
    edition makes this report out of date, and verify names that file (not only the previous params)."""
    shutil.copy(paths.PARAMS_DIR / "burap1-2024.yaml", params_copy.parent / "burap1-2024.yaml")
    uitgave = Path(shutil.copytree(paths.ROOT / "report" / "uitgaven" / "burap1-2024", tmp_path / "uitgave"))
    edit_file(params_copy, "vorige_uitgave: report/uitgaven/burap1-2024", f"vorige_uitgave: {uitgave}")
    map_, manifest = _lege_run(tmp_path, data_copy, params_copy, tekst_copy)
    (map_ / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert cli("verify", map_)[0] == 0
    resultaten = uitgave / "results.json"
    resultaten.write_text(resultaten.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (uitgave / "velden.json").unlink()
    code, out, _ = cli("verify", map_)
    assert code == 1 and f"gewijzigd: {resultaten}" in out and "(parameterbestand" in out, out
    assert f"ontbreekt: {uitgave / 'velden.json'}" in out, out
