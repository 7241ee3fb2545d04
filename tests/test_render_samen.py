"""Renders that meet each other or a signal: two renders sharing one cache both come out right and leave a
cache the next render trusts; SIGTERM during the PDF step leaves nothing half-written and the previous report
as it was."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vt_analysis.basis import paths
from vt_analysis.invoer.hoofdstuklijst import load_chapters

PARAMS = paths.DEFAULT_PARAMS
BESTANDEN = ("impactanalyse.html", "impactanalyse.pdf", "impactanalyse.xlsx", "results.json")


def _cache_met_resultaten(render_cache: Path, tmp_path: Path) -> Path:
    """A private cache (XDG_CACHE_HOME) holding only the session's results: every chapter and the PDF are made."""
    cache = tmp_path / "xdg" / "vt-analysis"
    cache.mkdir(parents=True)
    shutil.copytree(render_cache / "resultaten", cache / "resultaten")
    return cache


def _render(uit: Path, xdg: Path, tmpdir: Path) -> subprocess.Popen:
    env = {**os.environ, "XDG_CACHE_HOME": str(xdg), "TMPDIR": str(tmpdir)}
    return subprocess.Popen(
        [sys.executable, "-m", "vt_analysis.cli", "render", "--params", str(PARAMS), "--output", str(uit)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.render
def test_twee_renders_tegelijk_met_een_cache(rendered, render_cache, tmp_path):
    """Both execute every chapter and write the same cache entries at the same time: both reports are
    byte-identical to the session's, and a third render takes every chapter from the cache they left."""
    from vt_analysis.bouw.render import render_report

    cache = _cache_met_resultaten(render_cache, tmp_path)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    processen = [_render(tmp_path / f"uit{i}", tmp_path / "xdg", tmpdir) for i in (1, 2)]
    for proces in processen:
        _, err = proces.communicate(timeout=1800)
        assert proces.returncode == 0, err
    for i in (1, 2):
        for naam in BESTANDEN:
            assert (tmp_path / f"uit{i}" / "burap2-2024" / naam).read_bytes() == (rendered / naam).read_bytes(), naam
    assert list(tmpdir.iterdir()) == []
    derde = render_report(PARAMS, output_root=tmp_path / "uit3", stil=True, cache_map=cache)
    assert len(derde.uit_cache) == len(load_chapters(paths.CHAPTERS_FILE)) > 0
    for naam in BESTANDEN:
        assert (derde.directory / naam).read_bytes() == (rendered / naam).read_bytes(), naam


@pytest.mark.render
def test_sigterm_tijdens_de_pdf_stap(rendered, render_cache, tmp_path):
    """The signal arrives while Typst compiles (the PDF is not in the cache): exit 143 with one line, no
    temporary folder in the output folder or $TMPDIR, no half-written cache entry, the previous report intact."""
    cache = _cache_met_resultaten(render_cache, tmp_path)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    root = tmp_path / "output"
    vorig = root / "burap2-2024"
    vorig.mkdir(parents=True)
    for naam in BESTANDEN:
        shutil.copyfile(rendered / naam, vorig / naam)
    shutil.copyfile(rendered / "manifest.json", vorig / "manifest.json")
    proces = _render(root, tmp_path / "xdg", tmpdir)
    grens = time.monotonic() + 1800
    while not list(root.glob(".burap2-2024.tmp-*/typst/impactanalyse.typ")) and time.monotonic() < grens:
        assert proces.poll() is None, proces.communicate()
        time.sleep(0.02)
    proces.send_signal(signal.SIGTERM)
    _, err = proces.communicate(timeout=120)
    assert proces.returncode == 143, err
    assert "impactanalyse.pdf geschreven" not in err, err  # it came during the PDF step, not after
    fouten = [r for r in err.splitlines() if r.startswith("fout:")]
    assert len(fouten) == 1 and "beëindigd" in fouten[0] and "Traceback" not in err, err
    assert sorted(p.name for p in root.iterdir()) == [".burap2-2024.lock", "burap2-2024"]
    for naam in BESTANDEN:
        assert (vorig / naam).read_bytes() == (rendered / naam).read_bytes(), naam
    assert list(tmpdir.iterdir()) == []
    tijdelijk = [p for p in cache.rglob("*") if re.search(r"\.tmp|~$", p.name)]
    assert tijdelijk == []
