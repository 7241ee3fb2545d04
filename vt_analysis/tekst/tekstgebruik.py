"""Which text blocks a chapter shows: the literal names of its ``tekst.toon("naam", ...)`` calls, read from its
code without executing it. The chapter cache keys a chapter on those blocks only, and validation checks that
every block a chapter shows exists and every block of a set is shown."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from vt_analysis.invoer.bestandslezer import lees_bytes

_TOONT = ("toon", "render_blok")


def _boom(bron: str) -> ast.Module | None:
    """Python of a notebook cell (IPython magics and shell lines left out); None when it does not parse."""
    try:
        return ast.parse(bron)
    except SyntaxError:
        try:
            return ast.parse("\n".join(r for r in bron.splitlines() if not r.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            return None


def blokken_in_code(bronnen: Iterable[str]) -> set[str] | None:
    """The blocks some chapter code shows: the literal names of its ``tekst.toon("naam", ...)`` calls.

    None when the code may read the text set another way (a name that is not a literal, another name from
    this module, code that does not parse): such a chapter depends on the whole set. The chapter cache
    uses this so that a changed block re-executes only the chapters that show it.
    """
    bomen = [_boom(bron) for bron in bronnen]
    if None in bomen:
        return None
    knopen = [knoop for boom in bomen for knoop in ast.walk(boom)]
    modules: set[str] = set()  # the names this module is imported as
    for knoop in knopen:
        if not isinstance(knoop, ast.ImportFrom | ast.Import):
            continue
        if isinstance(knoop, ast.ImportFrom):
            if knoop.module == "vt_analysis.tekst":
                modules |= {a.asname or a.name for a in knoop.names if a.name == "blokken"}
            elif knoop.module == "vt_analysis.tekst.blokken" and any(a.name not in _TOONT for a in knoop.names):
                return None
        else:
            if any(a.name == "vt_analysis.tekst.blokken" and not a.asname for a in knoop.names):
                return None  # used as vt_analysis.tekst.blokken.<name>: not followed here
            modules |= {a.asname for a in knoop.names if a.name == "vt_analysis.tekst.blokken" and a.asname}
    namen: set[str] = set()
    for knoop in knopen:
        if isinstance(knoop, ast.Call):
            functie = knoop.func
            naam = functie.attr if isinstance(functie, ast.Attribute) else getattr(functie, "id", None)
            if naam in _TOONT:
                eerste = knoop.args[0] if knoop.args else None
                if not (isinstance(eerste, ast.Constant) and isinstance(eerste.value, str)):
                    return None
                namen.add(eerste.value)
        elif isinstance(knoop, ast.Attribute) and isinstance(knoop.value, ast.Name):
            if knoop.value.id in modules and knoop.attr not in _TOONT:
                return None
    return namen


def getoond(notebooks: Iterable[Path]) -> set[str] | None:
    """The blocks some chapters show (their literal ``tekst.toon("naam", ...)`` calls); None when one may show
    any block."""
    import nbformat

    alle: set[str] = set()
    for nb in notebooks:
        try:
            cellen = nbformat.reads(lees_bytes(nb).decode("utf-8"), as_version=4).cells
        except (ValueError, UnicodeDecodeError, AttributeError, KeyError, TypeError):
            return None  # not a notebook: the chapter check names it
        namen_ = blokken_in_code(c.source for c in cellen if c.get("cell_type") == "code")
        if namen_ is None:
            return None
        alle |= namen_
    return alle
