"""The README's claims about the code, held against the code: the package layout names every module and
only modules that exist, the layer order is the import contract's, the chapter list is the one the render
reads, and every system program the tests start is named with how it is installed."""

from __future__ import annotations

import re
import tomllib

import pytest

from vt_analysis.basis import paths
from vt_analysis.invoer.hoofdstuklijst import load_chapters

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def _sectie(kop: str) -> str:
    start = README.index(kop)
    einde = README.find("\n### ", start + len(kop))
    return README[start : einde if einde > 0 else None]


def _modules() -> set[str]:
    return {
        p.relative_to(paths.PAKKET_DIR).as_posix()
        for p in paths.PAKKET_DIR.rglob("*.py")
        if "__pycache__" not in p.parts and (p.name != "__init__.py" or len(p.read_text().splitlines()) > 2)
    }


def test_the_layout_table_names_every_module_and_no_other():
    genoemd = set(re.findall(r"^\| `([a-z_/]+\.py)` \|", _sectie("### Package layout"), flags=re.M))
    assert genoemd - _modules() == set(), "the README names modules that do not exist"
    assert _modules() - genoemd == set(), "modules the README's layout table does not name"


def test_the_layers_in_the_readme_are_the_import_contract():
    """The order the README gives is the order `make lint` enforces (import-linter, pyproject.toml)."""
    contract = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]
    lagen = [laag.removeprefix("vt_analysis.") for laag in contract["layers"]]
    in_readme = re.findall(r"^\| \*\*([a-z]+)\*\* \|", _sectie("### Package layout"), flags=re.M)
    assert in_readme == lagen[::-1]
    assert {p.name for p in paths.PAKKET_DIR.iterdir() if (p / "__init__.py").is_file()} == set(lagen) - {"cli"}


def test_the_chapter_list_in_the_readme_is_the_one_the_render_reads():
    genoemd = re.findall(r"`(\d\d[a-z]?-[a-z0-9-]+\.ipynb)`", _sectie("### Chapters"))
    assert genoemd == [p.name for p in load_chapters()]


@pytest.mark.parametrize(
    "programma, installatie",
    [("chromium", "tools/ensure-debian"), ("poppler-utils", "tools/ensure-debian"), ("axe-core", "tools/ensure-npm")],
)
def test_every_system_program_the_tests_use_is_named_with_its_installer(programma, installatie):
    afhankelijkheden = _sectie("### Dependencies")
    assert programma in afhankelijkheden and installatie in afhankelijkheden
    assert (paths.ROOT / installatie).is_file()
    assert installatie in (paths.ROOT / "Makefile").read_text()
