"""Every error type survives pickling (a worker process hands it to the parent; papermill and
multiprocessing pickle exceptions), with its Dutch text and its fields."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from vt_analysis.basis.errors import InvoerFout, OmgevingsFout, SleutelFout
from vt_analysis.bouw.execute import HoofdstukFout
from vt_analysis.bouw.pandoc_omzetten import RenderFout

FOUTEN = [
    InvoerFout(Path("data/volumes.csv"), "regel 3, kolom meldingen", "'x' is geen getal"),
    SleutelFout("prognose.jaren", "verwacht een lijst van jaren"),
    OmgevingsFout("outputmap report/output: kan er niet in schrijven"),
    HoofdstukFout("03-prognose.ipynb", 2, "InvoerFout: data/volumes.csv, periode 'x': ontbreekt", Path("x.ipynb")),
    HoofdstukFout("03-prognose.ipynb", None, "kernel gestopt"),
    RenderFout("typst: unknown variable"),
]


@pytest.mark.parametrize("fout", FOUTEN, ids=lambda f: type(f).__name__)
def test_error_survives_pickling(fout):
    terug = pickle.loads(pickle.dumps(fout))
    assert type(terug) is type(fout)
    assert str(terug) == str(fout)
    assert vars(terug) == vars(fout)


def test_a_kept_chapter_failure_keeps_its_place_through_pickling(tmp_path):
    fout = HoofdstukFout("03-prognose.ipynb", 2, "ZeroDivisionError: division by zero", tmp_path / "a.ipynb")
    fout.bewaard_in(tmp_path / "mislukt" / "03-prognose.ipynb")
    terug = pickle.loads(pickle.dumps(fout))
    assert str(terug) == str(fout) and "het uitgevoerde hoofdstuk met de fout" in str(terug)
    assert terug.uitvoer == tmp_path / "mislukt" / "03-prognose.ipynb"
