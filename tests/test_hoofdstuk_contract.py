"""Every chapter keeps the contract of its parameters cell and is committed without outputs."""

from __future__ import annotations

import nbformat
import papermill
import pytest

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.invoer.hoofdstuklijst import NOTEBOOK_PARAMETERS, check_parameters_cell, load_chapters
from vt_analysis.tekst import blokken as tekst
from vt_analysis.tekst.blokken import blokken_in_code

HOOFDSTUKKEN = load_chapters()


@pytest.mark.parametrize("notebook", HOOFDSTUKKEN, ids=lambda p: p.name)
def test_parameters_cell_declares_exactly_what_the_runner_injects(notebook):
    check_parameters_cell(notebook)
    assert set(papermill.inspect_notebook(str(notebook))) == NOTEBOOK_PARAMETERS == {"params", "data_dir", "resultaten"}


@pytest.mark.parametrize("notebook", HOOFDSTUKKEN, ids=lambda p: p.name)
def test_the_chapter_reads_the_results_it_is_given(notebook):
    """The first cell after the parameters loads the run's results (no computation of its own)."""
    cellen = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    i = next(i for i, c in enumerate(cellen) if "parameters" in c.metadata.get("tags", []))
    assert "laad(params, data_dir, resultaten)" in cellen[i + 1].source
    assert not any("load_run" in c.source or "bereken_resultaten" in c.source for c in cellen)


@pytest.mark.parametrize("notebook", HOOFDSTUKKEN, ids=lambda p: p.name)
def test_the_text_blocks_a_chapter_shows_are_named_in_its_code(notebook):
    """The chapter cache keys a chapter on the blocks its code names; every one is in each shipped text set."""
    namen = blokken_in_code(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")
    assert namen is not None, "the chapter reads the text set in a way the chapter cache cannot follow"
    for tekstset in (p for p in tekst.TEKST_DIR.iterdir() if p.is_dir()):
        assert {n for n in namen if not (tekstset / f"{n}{tekst.EXTENSIE}").is_file()} == set(), tekstset.name


def test_no_report_module_shows_a_text_block():
    """Only the notebooks show blocks (the chapter cache reads their code, not the package's)."""
    for module in sorted((paths.ROOT / "vt_analysis" / "hoofdstukken").glob("*.py")):
        assert blokken_in_code([module.read_text(encoding="utf-8")]) == set(), module.name


@pytest.mark.parametrize("notebook", sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for cel in nb.cells:
        if cel.cell_type == "code":
            assert cel.outputs == [] and cel.execution_count is None, cel.source[:60]


@pytest.mark.parametrize(
    "bron, verwacht",
    [
        ("params = None\ndata_dir = None\nresultaten = None\nextra = 1", "extra"),
        ("params = None\ndata_dir = None", "resultaten"),
    ],
)
def test_a_parameters_cell_that_breaks_the_contract_is_refused(tmp_path, bron, verwacht):
    nb = nbformat.read(paths.NOTEBOOKS_DIR / HOOFDSTUKKEN[0].name, as_version=4)
    cel = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cel.source = bron
    pad = tmp_path / "kapot.ipynb"
    nbformat.write(nb, pad)
    with pytest.raises(InvoerFout, match=verwacht):
        check_parameters_cell(pad)
