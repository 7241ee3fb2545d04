"""Shared fixtures: the project's data, a writable copy of it, and the CLI as a function.

Expensive things are computed once per session (the run, its results, one render). The caches of a
render (results and chapters) live in a temporary folder of this session, never in the user's cache.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from vt_analysis.basis import paths
from vt_analysis.cli import main

# The session's private cache folder (each xdist worker has its own), removed when the session ends.
_CACHE = tempfile.mkdtemp(prefix="vt-analysis-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, dest)
    return dest


@pytest.fixture
def params_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "params.yaml"
    shutil.copy(paths.DEFAULT_PARAMS, dest)
    return dest


@pytest.fixture
def tekst_copy(tmp_path: Path, monkeypatch) -> Path:
    """A copy of report/tekst/ that the code under test reads and writes instead of the real one."""
    from vt_analysis.tekst import blokken as tekst

    dest = tmp_path / "tekst"
    shutil.copytree(tekst.TEKST_DIR, dest)
    monkeypatch.setattr(tekst, "TEKST_DIR", dest)
    return dest


@pytest.fixture
def cli(capsys):
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture(scope="session")
def standaard_run():
    """The default run (BURAP 2 2024), loaded once per test session; tests must not change it."""
    from vt_analysis.invoer.run import load_run

    return load_run()


_VOORUIT: list[subprocess.Popen] = []


def begin_vooruit(config, items) -> bool:
    """In a session in one process (``make test-fast``, a single test file) where a selected test needs the
    default run's results, ``vt-analysis compute`` starts in the background right after collection: it fills
    the session's results cache while the first tests run. Not started when no selected test needs it, nor
    under pytest-xdist (the workers keep both cores busy already). Returns whether it started."""
    xdist = config.getoption("numprocesses", None) or hasattr(config, "workerinput")
    if config.getoption("collectonly") or xdist or _VOORUIT:
        return False
    if not any("standaard_resultaten" in getattr(item, "fixturenames", ()) for item in items):
        return False
    opdracht = [sys.executable, "-m", "vt_analysis.cli", "compute", "--params", str(paths.DEFAULT_PARAMS), "--json"]
    # Its output is not read: when it fails, the fixture computes and shows the failure itself.
    proces = subprocess.Popen(opdracht, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _VOORUIT.append(proces)
    return True


def pytest_unconfigure(config):
    for proces in _VOORUIT:
        if proces.poll() is None:  # stopped early (Ctrl-C, -x): stop it and its queue processes
            os.killpg(proces.pid, signal.SIGKILL)
        proces.wait()
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def standaard_resultaten(standaard_run):
    """The results of the default run, computed once per test session (the queue model calibrates once).

    Through the session's results cache, so that ``compute``, ``velden`` and a chapter's ``laad`` of the
    default run read these results instead of computing them again. The computation started with the
    session (:func:`pytest_configure`); what it stored is verified on reading, and computed here if it failed.
    """
    from vt_analysis.model.resultaten import resultaten_met_cache

    for proces in _VOORUIT:
        proces.wait()
    return resultaten_met_cache(standaard_run)[0]


@pytest.fixture
def uitgave_burap2(tmp_path, monkeypatch, standaard_run, standaard_resultaten) -> Path:
    """The default run as published in report/output/burap2-2024 (results, velden, manifest): the previous
    edition a new BURAP compares with. The output folder is a temporary one."""
    from vt_analysis.tekst.velden_json import velden_json

    root = tmp_path / "output"
    map_ = root / "burap2-2024"
    map_.mkdir(parents=True)
    standaard_resultaten.schrijf(map_ / "results.json")
    velden = velden_json(standaard_run, standaard_resultaten.naar_dict())
    (map_ / "velden.json").write_text(json.dumps(velden), encoding="utf-8")
    manifest = {"params": standaard_run.params.model_dump(mode="json")}
    (map_ / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setattr(paths, "OUTPUT_DIR", root)
    return map_


@pytest.fixture(scope="session")
def render_cache(tmp_path_factory, standaard_resultaten) -> Path:
    """The results and chapter cache of the session's render: its chapter cache starts empty (the render
    executes every chapter), its results are the session's (the default run is computed once per session;
    the renders of changed data and of hostile names compute theirs inside the render)."""
    from vt_analysis.opslag.sleutels import standaard_map

    map_ = tmp_path_factory.mktemp("render-cache")
    shutil.copytree(standaard_map() / "resultaten", map_ / "resultaten")
    return map_


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, render_cache) -> Path:
    """The default run rendered once per test session (HTML, PDF, results.json); tests only read it."""
    from vt_analysis.bouw.render import render_report

    root = tmp_path_factory.mktemp("output")
    uitkomst = render_report(paths.DEFAULT_PARAMS, output_root=root, stil=True, cache_map=render_cache)
    assert uitkomst.directory == root / "burap2-2024"
    assert uitkomst.uit_cache == []  # the session's cache starts empty: every chapter really executed
    return uitkomst.directory


# ``make test`` runs two pytest-xdist workers with ``--dist loadgroup``: the tests that read one session or
# module render run in the worker that makes it, so each render is made once; the others go where there is
# room. Each worker has its own cache folder (above).
_GROEPEN = {
    "rendered": "sessie-render",
    "render_cache": "sessie-render",
    "besmet": "besmette-render",
    "regio_render": "regio-render",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        for groep in sorted({_GROEPEN[f] for f in getattr(item, "fixturenames", ()) if f in _GROEPEN}):
            item.add_marker(pytest.mark.xdist_group(groep))


def pytest_collection_finish(session):
    """pytest-xdist marks a group in the node id; a pytest that keeps ids apart (9.2) silently drops that
    mark, and every worker would make the session render itself. Stop then, instead of running slowly.
    After deselection (``-m``, ``-k``): the background computation starts if a selected test needs it."""
    if getattr(session.config.option, "loadgroup", False):
        los = [i.nodeid for i in session.items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid]
        if los:
            raise pytest.UsageError(f"pytest-xdist groepeert {los[0]} niet: deze pytest past niet bij pytest-xdist")
    begin_vooruit(session.config, session.items)
