"""The environment does not change the bytes: locale (LC_ALL=C, a Turkish locale whose 'I' lowercases
differently), time zone, working directory and an unset HOME give the same output as the default, in
subprocesses as a user runs the tool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vt_analysis.basis import paths

PARAMS = paths.DEFAULT_PARAMS
OMGEVINGEN = {
    "c-locale": {"LC_ALL": "C", "LANG": "C"},
    "turks": {"LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"},
    "tijdzone-kiritimati": {"TZ": "Pacific/Kiritimati"},
    "tijdzone-adak": {"TZ": "America/Adak"},
    "zonder-home": {"HOME": None},
}


def _voer_uit(args: list[str], wijziging: dict, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for sleutel, waarde in wijziging.items():
        if waarde is None:
            env.pop(sleutel, None)
        else:
            env[sleutel] = waarde
    return subprocess.run(
        [sys.executable, "-m", "vt_analysis.cli", *args], env=env, cwd=cwd, capture_output=True, timeout=900
    )


@pytest.fixture(scope="module")
def standaard(standaard_resultaten, tmp_path_factory) -> dict[str, bytes]:
    """What the commands print in the test session's own environment (the results come from its cache)."""
    cwd = tmp_path_factory.mktemp("standaard")
    return {
        opdracht: _voer_uit([opdracht, "--params", str(PARAMS)], {}, cwd).stdout for opdracht in ("compute", "velden")
    }


@pytest.mark.parametrize("omgeving", OMGEVINGEN, ids=list(OMGEVINGEN))
def test_zelfde_uitvoer_in_elke_omgeving(standaard, tmp_path, omgeving):
    """Formatted figures (Dutch notation by Babel, not the C library's locale) and every value are the same;
    run from another working directory."""
    for opdracht, verwacht in standaard.items():
        uitkomst = _voer_uit([opdracht, "--params", str(PARAMS)], OMGEVINGEN[omgeving], tmp_path)
        assert uitkomst.returncode == 0, uitkomst.stderr.decode()
        assert uitkomst.stdout == verwacht, opdracht


@pytest.mark.render
def test_render_in_een_vreemde_omgeving_is_byte_gelijk(rendered, render_cache, tmp_path):
    """Every chapter executed again (only the results come from the cache) under a Turkish locale, another
    time zone, without HOME and from another working directory: the same HTML, PDF and workbook."""
    cache = tmp_path / "xdg" / "vt-analysis"
    cache.mkdir(parents=True)
    shutil.copytree(render_cache / "resultaten", cache / "resultaten")
    wijziging = {**OMGEVINGEN["turks"], **OMGEVINGEN["tijdzone-kiritimati"], "HOME": None}
    wijziging["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    uitkomst = _voer_uit(["render", "--params", str(PARAMS), "--output", str(tmp_path / "uit")], wijziging, tmp_path)
    assert uitkomst.returncode == 0, uitkomst.stderr.decode()
    for naam in ("impactanalyse.html", "impactanalyse.pdf", "impactanalyse.xlsx", "results.json"):
        assert (tmp_path / "uit" / "burap2-2024" / naam).read_bytes() == (rendered / naam).read_bytes(), naam
