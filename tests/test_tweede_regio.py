"""A second region renders without a trace of the first: a fictitious region (tests/regio/) with its own data
folder, params file and text set, rendered to HTML, PDF and workbook, names none of the shipped region's names.

The names come from the shipped files: the region of every params file in report/params/ (and its initials,
which the data use as its short name), the centrumgemeente the data and text name, the normsets of
data/normen.yaml, and the organisations the shipped glossary defines with the region's name.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from helpers import pdf_tekst, teksten_van

from vt_analysis.basis import paths
from vt_analysis.invoer.mappen import data_map_van, map_van
from vt_analysis.invoer.params import load_params
from vt_analysis.tekst import blokken as tekst

REGIO = paths.ROOT / "tests" / "regio" / "noorderkwartier-oost"
REGIO_PARAMS = REGIO / "nko-burap2-2024.yaml"
# The shipped data name only the centrumgemeente; the seed's region has ten gemeenten, the other nine named here.
OVERIGE_GEMEENTEN = (
    "Alblasserdam",
    "Gorinchem",
    "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht",
    "Hoeksche Waard",
    "Molenlanden",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
)


def _gedeeld(pad: Path) -> str:
    return pad.read_text(encoding="utf-8")


def namen_van_de_meegeleverde_regio() -> tuple[set[str], set[str]]:
    """(names searched everywhere, normset keys searched in the workbook), read from the shipped files."""
    regios = {load_params(p).regio for p in sorted(paths.PARAMS_DIR.glob("*.yaml"))}
    afkortingen = {"".join(deel[0] for deel in re.split(r"[-\s]+", r)) for r in regios}
    teksten = [_gedeeld(p) for p in sorted(paths.DATA_DIR.glob("*.yaml"))]
    teksten += [_gedeeld(p) for p in sorted(tekst.TEKST_DIR.rglob("*.md"))]
    centrum = {m for t in teksten for m in re.findall(r"[Cc]entrumgemeente ([A-Z][\w-]+)", t)}
    normsets = yaml.safe_load(_gedeeld(paths.DATA_DIR / paths.NORMEN_FILE))["normsets"]
    begrippen = "\n".join(_gedeeld(p) for p in tekst.TEKST_DIR.rglob("begrippenlijst.md"))
    definities = [rf"\*\*(.+?)\*\* – [^\n]*{re.escape(r)}" for r in regios]
    organisaties = {m.group(1) for d in definities for m in re.finditer(d, begrippen)}
    assert regios and centrum and organisaties and all(a in "\n".join(teksten) for a in afkortingen)
    namen = regios | afkortingen | centrum | organisaties | {ns["naam"] for ns in normsets.values()}
    return namen | set(OVERIGE_GEMEENTEN), set(normsets)


NAMEN, NORMSET_SLEUTELS = namen_van_de_meegeleverde_regio()


def _gevonden(tekst_: str, namen=NAMEN) -> list[str]:
    return sorted(n for n in namen if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", tekst_))


@pytest.fixture(scope="module")
def regio_render(tmp_path_factory) -> Path:
    """The fictitious region rendered once (HTML, PDF, summary, workbook) into a temporary output folder."""
    from vt_analysis.bouw.render import render_report

    root = tmp_path_factory.mktemp("regio-output")
    cache = tmp_path_factory.mktemp("regio-cache")
    uitkomst = render_report(REGIO_PARAMS, output_root=root, stil=True, cache_map=cache)
    return uitkomst.directory


def test_de_fixture_zelf_noemt_de_regio_niet():
    """The fictitious region's own files (data, params, text set) carry none of the names: what the render
    shows of them comes from the code, the templates or these files."""
    for pad in sorted(p for p in REGIO.rglob("*") if p.is_file()):
        assert not _gevonden(_gedeeld(pad)), pad


def test_regio_is_een_eigen_uitgave_geen_wat_als():
    from vt_analysis.invoer.run import load_run
    from vt_analysis.invoer.watals import is_wat_als

    run = load_run(REGIO_PARAMS)
    assert run.data.directory.resolve() == (REGIO / "data").resolve()
    assert tekst.tekstset_map(run) == (REGIO / "tekst").resolve()
    assert not is_wat_als(run.params, run.data.directory)


@pytest.mark.render
def test_html_noemt_geen_naam_van_de_meegeleverde_regio(regio_render):
    inhoud = html.unescape((regio_render / "impactanalyse.html").read_text(encoding="utf-8"))
    assert "Noorderkwartier-Oost" in inhoud and "Kwelderhaven" in inhoud
    assert not _gevonden(inhoud)


@pytest.mark.render
@pytest.mark.parametrize("naam", ["impactanalyse.pdf", "samenvatting.pdf"])
def test_pdf_noemt_geen_naam_van_de_meegeleverde_regio(regio_render, naam):
    teksten = pdf_tekst(regio_render / naam)
    assert "Noorderkwartier-Oost" in teksten[1]
    assert not sorted({n for t in teksten for n in _gevonden(t)})


@pytest.mark.render
def test_werkboek_noemt_geen_naam_van_de_meegeleverde_regio(regio_render):
    wb = openpyxl.load_workbook(regio_render / "impactanalyse.xlsx")
    cellen = [str(c.value) for ws in wb.worksheets for rij in ws.iter_rows() for c in rij if c.value is not None]
    cellen += [ws.title for ws in wb.worksheets]
    cellen += [str(v) for v in (wb.properties.title, wb.properties.creator, wb.properties.subject) if v]
    alles = "\n".join(cellen)
    assert "Noorderkwartier-Oost" in alles
    assert not _gevonden(alles)
    # the normset keys too: a column or label named after a normset would be a key of the shipped data
    assert not _gevonden(alles, NORMSET_SLEUTELS), [c for c in cellen if _gevonden(c, NORMSET_SLEUTELS)][:5]


def test_tekstset_map_en_data_map_staan_naast_het_parameterbestand(tmp_path, cli):
    """The folders are resolved against the params file, not the cwd; a missing one is one line, exit 2; the
    region's text set is a source of the report like report/tekst/ (hashed into the manifest and the caches)."""
    from vt_analysis.bouw.verify import bronnen

    params = load_params(REGIO_PARAMS)
    assert (params.data_map, data_map_van(params)) == ("data", (REGIO / "data").resolve())
    tekst_map = map_van(params, "tekstset_map")
    tekst_bronnen = bronnen(data_map_van(params), REGIO_PARAMS, paths.CHAPTERS_FILE, [], tekst_map)["tekst"]
    assert sorted(tekst_bronnen) == sorted(p.name for p in (REGIO / "tekst").glob("*.md"))

    kapot = tmp_path / "regio.yaml"
    kapot.write_text(REGIO_PARAMS.read_text(encoding="utf-8").replace("tekstset_map: tekst", "tekstset_map: teksten"))
    code, _, err = cli("validate", "--params", kapot)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "sleutel tekstset_map: 'teksten' is geen map (naast dit bestand), verwacht de map met de tekstblokken" in err
    beide = tmp_path / "beide.yaml"
    beide.write_text(REGIO_PARAMS.read_text(encoding="utf-8").replace("data_map: data", "tekstset: burap2-2024"))
    code, _, err = cli("validate", "--params", beide)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "verwacht een van beide (tekstset of tekstset_map)" in err


@pytest.mark.render
def test_verify_kent_de_tekstset_en_gegevens_van_de_regio(regio_render, cli):
    """The manifest records the region's own folders (its text set lies outside report/tekst/); verify reads
    them from there and finds the report current."""
    code, out, err = cli("verify", regio_render)
    assert (code, out.strip()) == (0, "actueel"), err


@pytest.mark.render
def test_de_uitgave_noemt_geen_absoluut_pad_van_de_machine(regio_render):
    """No file of the run folder (manifest, results, executed chapters, HTML, PDF, Word, workbook) names the
    checkout's or the output's absolute path: the region's folders are named as its params write them, so the
    same run elsewhere is the same edition."""
    machine = (str(paths.ROOT), str(regio_render.parent))
    bestanden = sorted(p for p in regio_render.rglob("*") if p.is_file())
    assert {p.suffix for p in bestanden} >= {".json", ".ipynb", ".html", ".pdf", ".docx", ".xlsx"}
    for pad in bestanden:
        teksten = teksten_van(pad)
        assert not [m for t in teksten for m in machine if m in t], pad.relative_to(regio_render)


def test_nieuwe_burap_van_een_regio_kopieert_haar_tekstset_ernaast(cli, tmp_path):
    """A new BURAP of another region: the text set is copied beside the region's own (not into report/tekst/),
    named relative to the params file, and the region's data folder is the one checked."""
    regio = tmp_path / "regio"
    shutil.copytree(REGIO, regio)
    code, out, err = cli("nieuwe-burap", "--van", regio / REGIO_PARAMS.name, "--naam", "nko-burap2-2024-herzien")
    # the only thing missing: the previous edition as published (the region was never rendered here)
    assert code == 2 and "nog toe te voegen aan de data (1)" in err and "heeft geen velden.json" in err, err
    nieuw = regio / "nko-burap2-2024-herzien.yaml"
    assert "tekstset_map: nko-burap2-2024-herzien" in nieuw.read_text(encoding="utf-8")
    assert sorted(p.name for p in (regio / "nko-burap2-2024-herzien").iterdir()) == sorted(
        p.name for p in (REGIO / "tekst").iterdir()
    )
    assert not (tekst.TEKST_DIR / "nko-burap2-2024-herzien").exists()
    params = load_params(nieuw)
    assert data_map_van(params) == (regio / "data").resolve()


def test_wat_als_van_een_regio_vergelijkt_met_haar_eigen_gegevens(tmp_path):
    """A what-if of another region names what differs from the region's own data folder, not from data/."""
    from vt_analysis.invoer.run import load_run
    from vt_analysis.invoer.watals import is_wat_als, merktekst

    data = tmp_path / "wat-als-data"
    shutil.copytree(REGIO / "data", data)
    volumes = data / paths.VOLUMES_FILE
    volumes.write_text(volumes.read_text(encoding="utf-8").replace(",2999,", ",3100,"), encoding="utf-8")
    run = load_run(REGIO_PARAMS, data)
    assert is_wat_als(run.params, run.data.directory)
    tekst_ = merktekst(run.params, run.data.directory)
    assert f"in plaats van {paths.display_path(REGIO / 'data')}/" in tekst_
    assert "volumes.csv: BURAP 2 2024 meldingen 2.999 → 3.100" in tekst_ and not _gevonden(tekst_)
