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
