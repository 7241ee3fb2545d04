"""Chapters and kernels cannot hang or escape a render: the chapter list names notebooks in notebooks/ only, a
file that is not a notebook is one line (exit 2), and a chapter that runs past the stated limit or whose
kernel dies ends the render with one line naming the chapter, the previous report untouched, no process left."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.bouw import execute
from vt_analysis.bouw.render import HoofdstukFout, render_report
from vt_analysis.invoer.hoofdstuklijst import check_parameters_cell, load_chapters

SNEL = "90-methode-en-bronnen.ipynb"  # a chapter without a chart: quick to execute


def _lijst(map_: Path, *namen: str) -> Path:
    map_.mkdir(parents=True, exist_ok=True)
    lijst = map_ / "hoofdstukken.yaml"
    lijst.write_text("hoofdstukken:\n" + "".join(f"  - {n!r}\n" for n in namen), encoding="utf-8")
    return lijst


@pytest.mark.parametrize(
    ("naam", "verwacht"),
    [
        ("../../../buiten/x.ipynb", "ligt buiten notebooks/"),
        ("/etc/passwd", "is geen notebook, verwacht <naam>.ipynb"),
        ("/etc/x.ipynb", "ligt buiten notebooks/"),
        ("../report/params/burap2-2024.yaml", "is geen notebook"),
    ],
)
def test_hoofdstuk_buiten_notebooks(tmp_path, naam, verwacht):
    buiten = tmp_path / "buiten"
    buiten.mkdir()
    (buiten / "x.ipynb").write_bytes((paths.NOTEBOOKS_DIR / SNEL).read_bytes())
    lijst = _lijst(tmp_path / "lijst", SNEL, naam)
    with pytest.raises(InvoerFout) as fout:
        load_chapters(lijst)
    assert "hoofdstuk 2: " in str(fout.value) and verwacht in str(fout.value)


def test_hoofdstuk_naast_een_eigen_lijst_mag(tmp_path):
    kopie = Path(shutil.copy(paths.NOTEBOOKS_DIR / SNEL, tmp_path / SNEL))
    assert load_chapters(_lijst(tmp_path, SNEL, str(kopie))) == [paths.NOTEBOOKS_DIR / SNEL, kopie]


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [(b"{niet json", "is geen JSON"), (b'{"cells": 5}', "is geen"), (b"\xff\xfe", "is geen JSON"), (b"", "is geen")],
)
def test_kapot_notebook_is_een_regel(cli, tmp_path, inhoud, verwacht):
    kapot = tmp_path / "kapot.ipynb"
    kapot.write_bytes(inhoud)
    with pytest.raises(InvoerFout) as fout:
        check_parameters_cell(kapot)
    assert f"kapot.ipynb: {verwacht}" in str(fout.value)
    lijst = _lijst(tmp_path, SNEL, str(kapot))
    with pytest.raises(InvoerFout):
        render_report(paths.DEFAULT_PARAMS, output_root=tmp_path / "uit", stil=True, hoofdstukken=lijst)
    assert not (tmp_path / "uit" / "burap2-2024").exists()


def _kinderen() -> set[int]:
    """The live child processes of this process (every thread's)."""
    kinderen: set[int] = set()
    for taak in Path("/proc/self/task").iterdir():
        try:
            kinderen |= {int(p) for p in (taak / "children").read_text().split()}
        except OSError:
            pass
    return {p for p in kinderen if Path(f"/proc/{p}").exists() and "Z" not in _status(p)}


def _status(pid: int) -> str:
    try:
        return next(r for r in Path(f"/proc/{pid}/status").read_text().splitlines() if r.startswith("State:"))
    except (OSError, StopIteration):
        return "Z"


@pytest.mark.render
@pytest.mark.parametrize(
    ("cel", "verwacht"),
    [
        ("import time\ntime.sleep(3600)", "duurde langer dan 4 s, de grens per hoofdstuk"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "de kernel is gestopt (te weinig geheugen"),
    ],
    ids=["hangt", "kernel-dood"],
)
def test_hangend_of_dood_hoofdstuk_is_een_regel(tmp_path, monkeypatch, render_cache, cel, verwacht):
    if "sleep" in cel:  # the stated limit, shortened for the test; a dead kernel is found without it
        monkeypatch.setattr(execute, "HOOFDSTUK_LIMIET_S", 4)
    nb = nbformat.read(paths.NOTEBOOKS_DIR / SNEL, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(cel))
    kapot = tmp_path / "99-kapot.ipynb"
    nbformat.write(nb, kapot)
    cache = tmp_path / "cache"
    shutil.copytree(render_cache, cache)
    root = tmp_path / "uit"
    (root / "burap2-2024").mkdir(parents=True)
    (root / "burap2-2024" / "impactanalyse.html").write_text("het vorige rapport", encoding="utf-8")
    (root / "burap2-2024" / "manifest.json").write_text("{}", encoding="utf-8")  # a report folder of the tool
    voor = _kinderen()
    with pytest.raises(HoofdstukFout) as fout:
        render_report(
            paths.DEFAULT_PARAMS,
            output_root=root,
            stil=True,
            hoofdstukken=_lijst(tmp_path, str(kapot)),
            cache_map=cache,
        )
    regel = str(fout.value)
    assert regel.startswith("hoofdstuk 99-kapot.ipynb") and verwacht in regel and "\n" not in regel, regel
    assert (root / "burap2-2024" / "impactanalyse.html").read_text(encoding="utf-8") == "het vorige rapport"
    assert _kinderen() <= voor, "a kernel was left running"
    assert os.environ.get("XDG_CACHE_HOME")
