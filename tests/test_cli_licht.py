"""The CLI imports what a command needs when it runs: help and a bad argument load no pandas (issue: 1,2 s of
start-up for ``vt-analysis --help``, mostly importing pandas)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CODE = """
import sys
from vt_analysis.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
zwaar = sorted(m for m in ("pandas", "numpy", "pypandoc", "papermill", "altair", "rich.table") if m in sys.modules)
print("geladen:", ",".join(zwaar))
"""


@pytest.mark.parametrize("argumenten", [["--help"], ["render", "--help"], ["bestaat-niet"]])
def test_help_and_a_bad_argument_load_no_heavy_module(argumenten):
    uit = subprocess.run([sys.executable, "-c", CODE, *argumenten], capture_output=True, text=True, check=True)
    assert uit.stdout.strip().splitlines()[-1] == "geladen:", uit.stdout


class _Stop(BaseException):
    """Ends a render in a test right after the CLI handed it over."""


def test_render_reads_the_run_once(cli, monkeypatch, tmp_path):
    """The CLI loads the run for its warnings and hands that very run to the renderer: params and data are read
    and validated once per render, not twice."""
    from vt_analysis.basis import paths
    from vt_analysis.bouw import render
    from vt_analysis.invoer import run as run_module

    geladen, gekregen = [], []
    echte_load_run = run_module.load_run

    def load_run(*args, **kwargs):
        geladen.append(echte_load_run(*args, **kwargs))
        return geladen[-1]

    def render_report(*args, run=None, **kwargs):
        gekregen.append(run if run is not None else render.load_run(*args[:2]))
        raise _Stop  # before the chapters run: the wiring is what is tested

    monkeypatch.setattr(run_module, "load_run", load_run)
    monkeypatch.setattr(render, "load_run", load_run)
    monkeypatch.setattr(render, "render_report", render_report)
    with pytest.raises(_Stop):
        cli("render", "--params", paths.DEFAULT_PARAMS, "--output", tmp_path)
    assert len(geladen) == 1 and gekregen == geladen
