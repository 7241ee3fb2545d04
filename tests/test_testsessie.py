"""The test loop itself: the background computation starts only for a session that needs the default run's
results, and a session leaves no cache folder behind."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import conftest

from vt_analysis.basis import paths


class _Config:
    def __init__(self, **opties):
        self.opties = {"numprocesses": None, "collectonly": False, **opties}

    def getoption(self, naam, default=None):
        return self.opties.get(naam, default)


def _items(*fixtures: str) -> list:
    return [SimpleNamespace(fixturenames=list(fixtures))]


def test_background_computation_only_for_a_session_that_needs_the_results(monkeypatch):
    gestart = []
    monkeypatch.setattr(conftest, "_VOORUIT", [])
    monkeypatch.setattr(conftest.subprocess, "Popen", lambda opdracht, **kw: gestart.append(opdracht) or "proces")
    assert not conftest.begin_vooruit(_Config(), _items("tmp_path", "standaard_run"))
    assert not conftest.begin_vooruit(_Config(numprocesses=2), _items("standaard_resultaten"))  # xdist
    assert not conftest.begin_vooruit(_Config(collectonly=True), _items("standaard_resultaten"))
    assert gestart == []
    assert conftest.begin_vooruit(_Config(), _items("tmp_path") + _items("rendered", "standaard_resultaten"))
    assert len(gestart) == 1 and gestart[0][-4:] == ["compute", "--params", str(paths.DEFAULT_PARAMS), "--json"]
    assert not conftest.begin_vooruit(_Config(), _items("standaard_resultaten"))  # once per session


def test_a_session_removes_its_cache_folder(tmp_path):
    """A whole pytest session in its own process, with its own TMPDIR: afterwards nothing of it is left."""
    omgeving = {**os.environ, "TMPDIR": str(tmp_path)}
    uitkomst = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_formatting.py", "-k", "dash"],
        cwd=paths.ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
    )
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("vt-analysis-tests-cache-")]
