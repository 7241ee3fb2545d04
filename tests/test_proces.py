"""The command as a process of its own (:mod:`vt_analysis.basis.proces`): freed memory is kept and reused, the
objects are frozen at exit; ``main`` itself, which tests call in their own process, changes neither."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from vt_analysis.basis import paths

# Fills and frees a block of 20 MB twice and prints the page faults of the second time: a block the allocator
# kept is reused without faults, a block given back to the system comes back as fresh pages to map and zero.
# (Bytes, not a NumPy array: NumPy asks for huge pages for large arrays, which fault 512 pages at a time.)
_HERGEBRUIK = """
import resource
{instelling}
blok = b"x" * (20 * 1024 * 1024); del blok
voor = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
blok = b"x" * (20 * 1024 * 1024); del blok
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - voor)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator: the setting is Linux-only")
def test_freed_memory_is_reused_without_page_faults():
    from vt_analysis.basis.proces import houd_vrijgegeven_geheugen

    assert houd_vrijgegeven_geheugen() is True  # glibc took both settings (CI runs on Linux with glibc)
    pagina = 4096
    fouten = {}
    for naam, instelling in (
        ("gewoon", ""),
        ("gehouden", "from vt_analysis.basis.proces import houd_vrijgegeven_geheugen; houd_vrijgegeven_geheugen()"),
    ):
        uit = subprocess.run(
            [sys.executable, "-c", _HERGEBRUIK.format(instelling=instelling)],
            capture_output=True,
            text=True,
            check=True,
        )
        fouten[naam] = int(uit.stdout)
    assert fouten["gewoon"] > 20 * 1024 * 1024 // pagina // 2  # given back: the pages fault in again
    assert fouten["gehouden"] < fouten["gewoon"] // 10


def test_the_command_is_als_proces_and_freezes_at_exit():
    """pyproject's script runs :func:`vt_analysis.cli.als_proces`; it returns main's exit code and the objects are
    frozen when the interpreter clears its modules (an atexit handler registered before it runs after it)."""
    script = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert script["vt-analysis"] == "vt_analysis.cli:als_proces"
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('bevroren bij afsluiten:', gc.get_freeze_count() > 0))\n"
        "from vt_analysis.cli import {functie}\n"
        "sys.exit({functie}(['bestaat-niet']))\n"
    )
    for functie, bevroren in (("als_proces", True), ("main", False)):
        uit = subprocess.run([sys.executable, "-c", code.format(functie=functie)], capture_output=True, text=True)
        assert uit.returncode == 2, uit.stderr  # an unknown command: exit 2, as from main
        assert uit.stdout.strip() == f"bevroren bij afsluiten: {bevroren}"
