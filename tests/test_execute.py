"""The chapter executor: one kernel per worker, reused, and reset between chapters (papermill runs tiny
notebooks here, so these tests carry the render marker)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import nbformat
import pytest

from vt_analysis.bouw.execute import HoofdstukFout, KernelPool, execute_chapters


def _notebook(map_: Path, naam: str, *code: str) -> Path:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("x = None")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, *(nbformat.v4.new_code_cell(c) for c in code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    pad = map_ / naam
    nbformat.write(nb, pad)
    return pad


def _uitvoer(pad: Path) -> list[str]:
    nb = json.loads(pad.read_text(encoding="utf-8"))
    return ["".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def _tellers(pad: Path) -> list[int]:
    nb = json.loads(pad.read_text(encoding="utf-8"))
    return [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.render
def test_a_reused_kernel_starts_each_chapter_empty(tmp_path):
    """Two chapters on one worker run in the same kernel process, yet the second sees nothing of the first
    (not its variables, not its execution count), as if it had a kernel of its own."""
    bron = tmp_path / "bron"
    bron.mkdir()
    eerste = _notebook(bron, "a.ipynb", "import os\ngeheim = 41\nprint(os.getpid())")
    tweede = _notebook(bron, "b.ipynb", "import os\nprint(os.getpid())", "print('geheim' in dir(), x)")
    uit = execute_chapters([eerste, tweede], tmp_path / "uit", {"x": 7}, workers=1)
    assert [u.uitvoer.name for u in uit] == ["a.ipynb", "b.ipynb"]
    pid_a = _uitvoer(uit[0].uitvoer)[0]
    pid_b, gezien = _uitvoer(uit[1].uitvoer)
    assert pid_a == pid_b  # one kernel for both
    assert gezien == "False 7\n"
    assert _tellers(uit[0].uitvoer) == [1, 2, 3] and _tellers(uit[1].uitvoer) == [1, 2, 3, 4]


@pytest.mark.render
def test_a_failing_chapter_in_a_reused_kernel_names_its_cell(tmp_path):
    bron = tmp_path / "bron"
    bron.mkdir()
    goed = _notebook(bron, "a.ipynb", "y = 1")
    fout = _notebook(bron, "b.ipynb", "y = 1", "1 / 0")
    with pytest.raises(HoofdstukFout) as exc:
        execute_chapters([goed, fout], tmp_path / "uit", {"x": 1}, workers=1)
    assert exc.value.notebook == "b.ipynb" and exc.value.cel == 3
    assert "ZeroDivisionError" in str(exc.value)
    assert exc.value.uitvoer == tmp_path / "uit" / "b.ipynb"


@pytest.mark.render
def test_a_kernel_started_ahead_has_the_chapters_imported_and_starts_empty(tmp_path):
    """A kernel started while the results are computed imports the chapter modules; its first chapter
    finds them imported, yet sees none of the names of that import and counts from 1. Stopping the pool
    kills it, and kernels a worker starts itself are stopped too."""
    bron = tmp_path / "bron"
    bron.mkdir()
    kijk = "import os, sys\nprint(os.getpid(), 'vt_analysis.hoofdstukken.samenvatting' in sys.modules, '_h' in dir())"
    eerste, tweede = _notebook(bron, "a.ipynb", kijk), _notebook(bron, "b.ipynb", kijk)
    with KernelPool(vooraf=1) as pool:
        uit = execute_chapters([eerste, tweede], tmp_path / "uit", {"x": 1}, workers=2, kernels=pool)
        (regel_a,), (regel_b,) = _uitvoer(uit[0].uitvoer), _uitvoer(uit[1].uitvoer)
        pids = {int(r.split()[0]) for r in (regel_a, regel_b)}
        assert len(pids) == 2  # the kernel started ahead and one a worker started
        assert sorted(r.split(maxsplit=1)[1] for r in (regel_a, regel_b)) == ["False False\n", "True False\n"]
        assert _tellers(uit[0].uitvoer) == [1, 2, 3] and _tellers(uit[1].uitvoer) == [1, 2, 3]
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@pytest.mark.render
def test_a_long_tmpdir_does_not_stop_the_kernels(tmp_path, monkeypatch):
    """A unix socket's path has room for 107 bytes: under a $TMPDIR of 150 characters every kernel failed to
    start ("File name too long"). The sockets then go to a short temporary folder, removed afterwards."""
    lang = tmp_path / ("t" * 150)
    lang.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(lang))
    bron = tmp_path / "bron"
    bron.mkdir()
    uit = execute_chapters([_notebook(bron, "a.ipynb", "print(x)")], tmp_path / "uit", {"x": 7}, workers=1)
    assert _uitvoer(uit[0].uitvoer) == ["7\n"]
    assert list(lang.iterdir()) == []  # no socket folder, no connection file left in it
