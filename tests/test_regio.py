"""Another region is a data folder, a params file and a text set: no region's name is written in the code,
the templates or the chapter notebooks, and what a document says of its maker follows the run's region."""

from __future__ import annotations

import ast
import json
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml

from vt_analysis.basis import paths
from vt_analysis.bouw.xlsx import schrijf_werkboek
from vt_analysis.hoofdstukken.tables import tabel
from vt_analysis.invoer.params import load_params, validate_params

# The shipped region as the seed names it: the region, its short form and its centrumgemeente.
NAMEN = (load_params(paths.DEFAULT_PARAMS).regio, "ZHZ", "Dordrecht")
PAKKET = paths.ROOT / "vt_analysis"


def _teksten_in_code(pad: Path) -> list[str]:
    """Every string literal of a module that is not a docstring (comments and docstrings never reach a reader)."""
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    docstrings = {
        id(knoop.body[0].value)
        for knoop in ast.walk(boom)
        if isinstance(knoop, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and knoop.body
        and isinstance(knoop.body[0], ast.Expr)
        and isinstance(knoop.body[0].value, ast.Constant)
    }
    return [
        k.value
        for k in ast.walk(boom)
        if isinstance(k, ast.Constant) and isinstance(k.value, str) and id(k) not in docstrings
    ]


def _zonder_commentaar(tekst: str) -> str:
    tekst = re.sub(r"/\*.*?\*/", "", tekst, flags=re.S)  # CSS
    tekst = re.sub(r"<!--.*?-->", "", tekst, flags=re.S)  # HTML
    return "\n".join(re.sub(r"^\s*(//|--).*$", "", regel) for regel in tekst.splitlines())  # Typst, Lua


@pytest.mark.parametrize("module", sorted(PAKKET.rglob("*.py")), ids=lambda p: p.relative_to(PAKKET).as_posix())
def test_geen_regionaam_in_de_code(module):
    gevonden = [(naam, t) for t in _teksten_in_code(module) for naam in NAMEN if naam in t]
    assert not gevonden, gevonden


def test_geen_regionaam_in_sjablonen_en_hoofdstukken():
    bestanden = [p for p in paths.TEMPLATE_DIR.iterdir() if p.is_file()] + sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    for pad in bestanden:
        if pad.suffix == ".ipynb":
            tekst = "\n".join("".join(c["source"]) for c in json.loads(pad.read_text(encoding="utf-8"))["cells"])
        else:
            tekst = _zonder_commentaar(pad.read_text(encoding="utf-8"))
        assert not [n for n in NAMEN if n in tekst], pad


def test_auteur_en_werkboek_volgen_de_regio(tmp_path):
    inhoud = yaml.safe_load(paths.DEFAULT_PARAMS.read_text(encoding="utf-8"))
    inhoud["regio"] = "Noordkust (fictief)"
    inhoud.pop("auteur", None)
    params = validate_params(inhoud)
    assert params.auteur == "Programmateam Veilig Thuis Noordkust (fictief)"
    assert validate_params({**inhoud, "auteur": "Team X"}).auteur == "Team X"
    over = {
        "titel": "Impactanalyse",
        "regio": params.regio,
        "run": "test-run",
        "peilmoment": "P",
        "documentdatum": "2024-11-29",
        "versie": "0.0",
        "git_commit": None,
        "invoer_sha256": {},
    }
    data = tabel(pd.DataFrame({"periode": ["P"], "meldingen": [1]}), "Meldingen per periode", {}).data
    schrijf_werkboek(tmp_path / "w.xlsx", [data], over)
    app = zipfile.ZipFile(tmp_path / "w.xlsx").read("docProps/app.xml").decode("utf-8")
    assert "<Company>Veilig Thuis Noordkust (fictief)</Company>" in app
    assert not [n for n in NAMEN if n in app]
