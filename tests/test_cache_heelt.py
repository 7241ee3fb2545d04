"""Caches heal: a truncated, corrupted, emptied, swapped or symlinked entry and a damaged, emptied or unusable
cache folder are detected and the chapter executes again (never trusted, never a crash); a cache folder that
cannot be used falls back without leaving temporary folders; numba keeps its compiled step in the private
cache; a render from a damaged cache is byte-identical."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vt_analysis.basis import paths
from vt_analysis.bouw.hoofdstukcache import HoofdstukCache, invoer_sha256

NAMEN = ("01b-aanleiding.ipynb", "90-methode-en-bronnen.ipynb")
PARAMETERS = {"params": {}, "data_dir": "data", "resultaten": "results.json"}


def _cache(map_: Path) -> HoofdstukCache:
    return HoofdstukCache(map_, invoer_sha256("de invoer"), PARAMETERS)


@pytest.fixture
def gevuld(tmp_path) -> Path:
    """A chapter cache holding two chapters (the chapter itself stands in for its execution)."""
    cache = _cache(tmp_path / "cache")
    for naam in NAMEN:
        cache.bewaar(paths.NOTEBOOKS_DIR / naam, paths.NOTEBOOKS_DIR / naam)
    return tmp_path / "cache"


def _treffers(map_: Path, tmp_path: Path) -> list[str]:
    cache = _cache(map_)
    return [naam for naam in NAMEN if cache.haal(paths.NOTEBOOKS_DIR / naam, tmp_path / naam)]


def _bestanden(map_: Path) -> list[Path]:
    return sorted((map_ / "hoofdstukken" / "executed").glob("*/base.ipynb"))


def test_een_heel_item_wordt_gebruikt(gevuld, tmp_path):
    assert _treffers(gevuld, tmp_path) == list(NAMEN)


@pytest.mark.parametrize(
    "bederf",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # truncated
        lambda p: p.write_bytes(p.read_bytes().replace(b'"outputs"', b'"Outputs"', 1)),  # altered, still JSON-ish
        lambda p: p.write_bytes(b"\0" * len(p.read_bytes())),  # zeroed
        lambda p: p.write_bytes(b""),  # emptied
    ],
    ids=["gehalveerd", "gewijzigd", "nullen", "leeg"],
)
def test_een_beschadigd_item_wordt_opnieuw_uitgevoerd(gevuld, tmp_path, bederf):
    eerste = _bestanden(gevuld)[0]
    bederf(eerste)
    treffers = _treffers(gevuld, tmp_path)
    assert len(treffers) == 1  # the other entry still serves


def test_verwisselde_items_worden_niet_gebruikt(gevuld, tmp_path):
    a, b = _bestanden(gevuld)
    inhoud_a = a.read_bytes()
    a.write_bytes(b.read_bytes())
    b.write_bytes(inhoud_a)
    assert _treffers(gevuld, tmp_path) == []


def test_een_item_als_symlink_wordt_niet_gebruikt(gevuld, tmp_path):
    for pad in _bestanden(gevuld):
        kopie = tmp_path / f"kopie-{pad.parent.name}.ipynb"
        shutil.copy(pad, kopie)
        pad.unlink()
        pad.symlink_to(kopie)  # the same bytes, but not a file of the cache
    assert _treffers(gevuld, tmp_path) == []
    # and a folder of an entry replaced by a symlink
    for pad in _bestanden(gevuld):
        pad.unlink()
    for map_ in sorted((gevuld / "hoofdstukken" / "executed").iterdir()):
        elders = tmp_path / f"elders-{map_.name}"
        map_.rename(elders)
        map_.symlink_to(elders)
    assert _treffers(gevuld, tmp_path) == []


@pytest.mark.parametrize(
    "bederf",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(b"\0" * len(p.read_bytes())),
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(os.urandom(len(p.read_bytes()))),
    ],
    ids=["gehalveerd", "nullen", "leeg", "willekeurig"],
)
def test_een_beschadigde_database_wordt_opnieuw_opgezet(gevuld, tmp_path, bederf):
    (db,) = (gevuld / "hoofdstukken").glob("*.db")
    bederf(db)
    assert _treffers(gevuld, tmp_path) == []  # nothing trusted, no exception
    cache = _cache(gevuld)
    cache.bewaar(paths.NOTEBOOKS_DIR / NAMEN[0], paths.NOTEBOOKS_DIR / NAMEN[0])
    assert _treffers(gevuld, tmp_path) == [NAMEN[0]]  # a working cache again


def test_een_onbruikbare_map_valt_terug(tmp_path):
    (tmp_path / "cache").write_text("een bestand, geen map")
    cache = _cache(tmp_path / "cache")
    cache.bewaar(paths.NOTEBOOKS_DIR / NAMEN[0], paths.NOTEBOOKS_DIR / NAMEN[0])
    assert not cache.haal(paths.NOTEBOOKS_DIR / NAMEN[0], tmp_path / "uit.ipynb")
    assert (tmp_path / "cache").read_text() == "een bestand, geen map"


def _python(code: str, omgeving: dict, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "NUMBA_CACHE_DIR")}
    env.update(omgeving)
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("xdg", ["relatief/cache", "bestand"])
def test_relatieve_of_bestand_xdg_laat_geen_tijdelijke_map_achter(tmp_path, xdg):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    (tmp_path / "bestand").write_text("x")
    thuis = tmp_path / "thuis"
    code = (
        "from vt_analysis.opslag import privecache\n"
        "from vt_analysis.opslag.sleutels import standaard_map\n"
        "m = standaard_map(); print(m)\n"
        "print(privecache.haal('x.txt', lambda: b'inhoud'))\n"
    )
    omgeving = {"XDG_CACHE_HOME": xdg if xdg != "bestand" else str(tmp_path / "bestand"), "TMPDIR": str(tmp)}
    omgeving["HOME"] = str(thuis if xdg != "bestand" else tmp_path / "bestand")
    uitkomst = _python(code, omgeving, tmp_path)
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert list(tmp.iterdir()) == []  # no vt-analysis-* folder left
    assert not (tmp_path / "relatief").exists()  # a relative XDG_CACHE_HOME is ignored, never made in the cwd
    if xdg != "bestand":
        assert uitkomst.stdout.splitlines()[0] == str(thuis / ".cache" / "vt-analysis")


def test_numba_bewaart_in_de_prive_cache(tmp_path):
    """The compiled queue step is cached in the private cache folder, not next to the package's source (a
    system-wide install cannot be written): numba's locator for it is the user-provided folder."""
    code = (
        "from vt_analysis.model.wachttijden.wachtrij import gecompileerde_stappen\n"
        "f = gecompileerde_stappen()\n"
        "print(f._cache._cache_path)\n"
    )
    uitkomst = _python(code, {"XDG_CACHE_HOME": str(tmp_path / "cache")}, tmp_path)
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert uitkomst.stdout.strip().startswith(str(tmp_path / "cache" / "vt-analysis" / "numba"))
    assert list((tmp_path / "cache" / "vt-analysis" / "numba").rglob("*.nbi"))


@pytest.mark.render
def test_render_uit_een_beschadigde_cache_is_byte_gelijk(rendered, render_cache, tmp_path):
    """Every cache of the session's render damaged (chapter database, chapter files, results, PDF, figures):
    the render heals and its report is byte-identical."""
    from vt_analysis.bouw.render import render_report

    cache = tmp_path / "cache"
    shutil.copytree(render_cache, cache, symlinks=True)
    for pad in sorted(p for p in cache.rglob("*") if p.is_file() and not p.is_symlink()):
        inhoud = pad.read_bytes()
        pad.write_bytes(inhoud[: len(inhoud) // 2])
    uitkomst = render_report(paths.DEFAULT_PARAMS, output_root=tmp_path / "uit", stil=True, cache_map=cache)
    assert uitkomst.uit_cache == []
    for naam in ("impactanalyse.html", "impactanalyse.pdf", "impactanalyse.xlsx", "results.json"):
        assert (uitkomst.directory / naam).read_bytes() == (rendered / naam).read_bytes(), naam


@pytest.mark.parametrize("geval", ["params", "tekstblok"])
def test_geweigerde_render_laat_geen_tijdelijke_map_achter(tmp_path, geval, standaard_resultaten):
    """A render refused by validation (bad params, or a block that fails with the run's figures: the session's
    results cache holds them) leaves nothing in $TMPDIR; bad params also without a usable cache folder."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    params = tmp_path / "params.yaml"
    shutil.copy(paths.DEFAULT_PARAMS, params)
    if geval == "params":
        params.write_text(params.read_text(encoding="utf-8") + "onbekend: 1\n", encoding="utf-8")
    else:
        tekst = tmp_path / "tekst"
        shutil.copytree(paths.REPORT_DIR / "tekst", tekst)
        (tekst / "burap2-2024" / "aanleiding.md").write_text("{{ 'a' * 10 ** 9 }}\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from vt_analysis.tekst import blokken as tekst; from vt_analysis.basis import paths\n"
        f"tekst.TEKST_DIR = paths.Path({str(tmp_path / 'tekst')!r}) if {geval == 'tekstblok'} else tekst.TEKST_DIR\n"
        "from vt_analysis.cli import main\n"
        f"sys.exit(main(['render', '--params', {str(params)!r}, '--output', {str(tmp_path / 'uit')!r}]))\n"
    )
    caches = [os.environ["XDG_CACHE_HOME"]] + ([str(params)] if geval == "params" else [])  # [a file]
    for xdg in caches:
        uitkomst = _python(code, {"XDG_CACHE_HOME": xdg, "TMPDIR": str(tmp)}, tmp_path)
        assert uitkomst.returncode == 2, uitkomst.stderr
        assert uitkomst.stderr.strip().splitlines()[-1].startswith("fout: ")
        assert list(tmp.iterdir()) == []
        assert not (tmp_path / "uit" / "burap2-2024").exists()
