"""verify of a region outside the repository: its params file, data folder and text set in a folder of their own,
the output beside them. The manifest names those places relative to the run folder (never the machine's
absolute path), so ``vt-analysis verify RUN_MAP`` needs no option, also after region and output moved together;
a run folder moved away from its region is one line that says where the params file was looked for and --params.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import edit_file, teksten_van

from vt_analysis.basis import paths

REGIO = paths.ROOT / "tests" / "regio" / "noorderkwartier-oost"
PARAMS_NAAM = "nko-burap2-2024.yaml"
RUN = "nko-burap2-2024"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A region's own folder outside the repository (``regio/``: params, data, text set) with the report
    rendered once beside it (``out/<run>``), through the package's render as the CLI calls it."""
    from vt_analysis.bouw.render import render_report

    project = tmp_path_factory.mktemp("regio-project")
    shutil.copytree(REGIO, project / "regio")
    assert not project.resolve().is_relative_to(paths.ROOT.resolve())
    uitkomst = render_report(project / "regio" / PARAMS_NAAM, output_root=project / "out", stil=True)
    assert uitkomst.directory == project / "out" / RUN
    return project


def _manifest(run_map: Path) -> dict:
    return json.loads((run_map / "manifest.json").read_text(encoding="utf-8"))


def _regel(err: str) -> str:
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.mark.render
def test_zonder_opties_actueel_vanuit_elke_werkmap(project, cli, monkeypatch, tmp_path):
    run_map = project / "out" / RUN
    assert cli("verify", run_map) == (0, "actueel\n", "")
    monkeypatch.chdir(tmp_path)  # nothing is looked for in the working folder or the repository
    assert cli("verify", run_map) == (0, "actueel\n", "")
    (tmp_path / "snelkoppeling").symlink_to(run_map)  # reached through a link: from the real run folder
    assert cli("verify", "snelkoppeling") == (0, "actueel\n", "")


@pytest.mark.render
def test_het_manifest_noemt_de_plekken_vanaf_de_runmap_en_geen_pad_van_de_machine(project):
    """The manifest names the region's places from the run folder; no file of the run folder (manifest,
    results, executed chapters, HTML, PDF, Word, workbook) names the region's, output's or checkout's path."""
    run_map = project / "out" / RUN
    manifest = _manifest(run_map)
    assert manifest["bron_paden_vanaf_run"] == {
        "data": "../../regio/data",
        "params": f"../../regio/{PARAMS_NAAM}",
        "tekst": "../../regio/tekst",
    }
    assert {manifest["bron_paden"][s] for s in ("data", "params", "tekst")} == {None}
    machine = {str(project), str(project.resolve()), str(paths.ROOT), str(paths.ROOT.resolve())}
    bestanden = sorted(p for p in run_map.rglob("*") if p.is_file())
    assert {p.suffix for p in bestanden} >= {".json", ".ipynb", ".html", ".pdf", ".docx", ".xlsx"}
    for pad in bestanden:
        assert not [m for t in teksten_van(pad) for m in machine if m in t], pad.relative_to(run_map)


@pytest.mark.render
def test_verplaatst_met_de_regio_actueel_en_een_gewijzigd_gegevensbestand_genoemd(project, cli, monkeypatch, tmp_path):
    """Region and output copied together elsewhere (another machine, a clone): still current without options;
    a changed data file makes it 'niet actueel' and names that file."""
    kopie = Path(shutil.copytree(project, tmp_path / "elders" / "project"))
    run_map = kopie / "out" / RUN
    assert cli("verify", run_map) == (0, "actueel\n", "")
    edit_file(kopie / "regio" / "data" / paths.VOLUMES_FILE, "2336", "2337")
    monkeypatch.chdir(kopie)
    code, out, err = cli("verify", "out/" + RUN)
    regels = out.strip().splitlines()
    assert (code, err) == (1, ""), out
    assert regels[0] == f"niet actueel: 1 bestand(en) anders dan bij de render van out/{RUN}"
    assert regels[1].strip().startswith(f"gewijzigd: regio/data/{paths.VOLUMES_FILE} (invoerbestand; SHA-256 was")


@pytest.mark.render
def test_alleen_de_outputmap_verplaatst_is_een_regel_met_params(project, cli, tmp_path, monkeypatch):
    """A run folder moved away from its region: one line naming where the params file was looked for (the
    manifest's key and value) and --params; with --params the data and text set are those the params name."""
    run_map = Path(shutil.copytree(project / "out" / RUN, tmp_path / "ergens" / "anders" / RUN))
    monkeypatch.chdir(tmp_path)  # the message names the file as seen from here
    code, out, err = cli("verify", run_map)
    regel = _regel(err)
    assert (code, out) == (2, "")
    assert regel.startswith(f"fout: ergens/regio/{PARAMS_NAAM}: bestand ontbreekt"), regel
    assert f"sleutel bron_paden_vanaf_run.params: '../../regio/{PARAMS_NAAM}'" in regel, regel
    assert f"verwacht het parameterbestand van run {RUN}" in regel and "--params" in regel, regel
    assert cli("verify", run_map, "--params", project / "regio" / PARAMS_NAAM) == (0, "actueel\n", "")


@pytest.mark.render
def test_regio_ver_van_de_output_vraagt_om_params(project, cli, tmp_path, capsys):
    """A region rendered into an output folder away from it (as report/output/ would be): the manifest names no
    path for its sources (a relative one would spell out the machine's folders); the render says so, verify says
    so in one line, and with --params it is current, the region's text set included."""
    from vt_analysis.bouw.render import render_report

    run_map = render_report(project / "regio" / PARAMS_NAAM, output_root=tmp_path / "a" / "b" / "out").directory
    voortgang = capsys.readouterr().err
    hint = next((r for r in voortgang.splitlines() if "let op:" in r), voortgang)
    assert "let op: de gegevensmap, het parameterbestand en de tekstset liggen buiten de repository" in hint
    assert hint.endswith("verify vraagt dan om --data en --params (zet --output naast de regio)"), hint
    assert _manifest(run_map)["bron_paden_vanaf_run"] == {"data": None, "params": None, "tekst": None}
    code, out, err = cli("verify", run_map)
    regel = _regel(err)
    assert (code, out) == (2, "")
    assert "manifest.json, sleutel bron_paden.params: geen pad" in regel and "--params BESTAND" in regel, regel
    assert cli("verify", run_map, "--params", project / "regio" / PARAMS_NAAM) == (0, "actueel\n", "")


def test_naam_vanaf_run_klimt_hoogstens_tot_de_map_van_de_outputmap(tmp_path):
    run_map = tmp_path / "project" / "out" / RUN
    assert paths.naam_vanaf_run(tmp_path / "project" / "regio" / PARAMS_NAAM, run_map) == f"../../regio/{PARAMS_NAAM}"
    assert paths.naam_vanaf_run(tmp_path / "project" / "out" / "x.yaml", run_map) == "../x.yaml"
    assert paths.naam_vanaf_run(tmp_path / "elders" / PARAMS_NAAM, run_map) is None
    assert paths.naam_vanaf_run(Path("/") / PARAMS_NAAM, Path("/out") / RUN) is None  # never up to the root
