"""Text blocks the programmateam writes: Dutch Markdown with computed values, shown by the chapters.

A text set is a folder ``report/tekst/<set>/`` with one ``<naam>.md`` per block; the params key
``tekstset`` names the set (default: the folder named after ``run_naam``). A block is Markdown with
Jinja2 placeholders for the names of :mod:`vt_analysis.velden` (``vt-analysis velden --params FILE``
lists them with value and unit) and five filters for Dutch notation, all from ``formatting.py``::

    Het tekort is {{ tekort_2026_fte | fte }} ({{ tekort_2026_euro | euro }} per jaar).
    {% if tekort_2026_fte > 0 %}Er is een tekort.{% else %}Er is ruimte.{% endif %}

    fte     14,07 fte            euro    € 1.463.732        aantal  5.220
    pct     18% (pct(1): 18,2%)  datum   29 november 2024

Also allowed: ``abs``, ``round``, ``lower``, ``upper``, ``capitalize``, ``{% if %}``, ``{% set %}`` and
comparisons. Not allowed: attributes and subscripts (``x.y``, ``x['y']``), unknown names, unknown filters.

In a chapter notebook, one call per cell::

    from vt_analysis import tekst
    from vt_analysis.hoofdstukken import laad
    r, p = laad(params, data_dir, resultaten)   # the chapter's parameters cell
    tekst.toon("aanleiding", r, p)              # IPython Markdown of report/tekst/<set>/aanleiding.md

Before anything executes, :func:`controleer_tekstset` parses every block of the set and stops with one
line (file, line, the name, a did-you-mean) on an unknown name or filter, a syntax error or a reach for
Python internals (``{{ ''.__class__ }}``): an :class:`InvoerFout`, exit code 2 in the CLI. The blocks run
in Jinja2's immutable sandbox with ``StrictUndefined``; text values from data and params are escaped for
Markdown before they reach a block.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import formatting as fmt
from . import paths
from .data import lees_bytes
from .errors import InvoerFout
from .markup import markdown_tekst
from .run import Run
from .velden import Bron, bron_van, namen, velden

TEKST_DIR = paths.REPORT_DIR / "tekst"
EXTENSIE = ".md"


# --- filters: the one formatter -------------------------------------------------------------------------


def _fte(waarde: float, decimalen: int = 2) -> str:
    return f"{fmt.getal(waarde, decimalen)} fte"


def _euro(waarde: float) -> str:
    return fmt.euro(waarde)


def _bedrag(waarde: float) -> str:
    return fmt.bedrag(waarde)


def _aantal(waarde: float) -> str:
    return fmt.aantal(waarde)


def _pct(waarde: float, decimalen: int = 0) -> str:
    return fmt.procent(waarde, decimalen)


def _datum(waarde) -> str:
    return fmt.datum(waarde)


def _getal(waarde: float, decimalen: int = 1) -> str:
    return fmt.getal(waarde, decimalen)


FILTERS = {
    "fte": _fte,
    "euro": _euro,
    "bedrag": _bedrag,
    "aantal": _aantal,
    "pct": _pct,
    "datum": _datum,
    "getal": _getal,
}
TOEGESTANE_JINJA_FILTERS = ("abs", "round", "lower", "upper", "capitalize")


@lru_cache(maxsize=1)
def omgeving() -> ImmutableSandboxedEnvironment:
    """The one Jinja2 environment: immutable sandbox, strict names, only the filters above, no globals."""
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters = {**{n: env.filters[n] for n in TOEGESTANE_JINJA_FILTERS}, **FILTERS}
    env.globals = {}
    return env


# --- the text set -------------------------------------------------------------------------------------------


def tekstset_naam(run: Run) -> str:
    return getattr(run.params, "tekstset", None) or run.params.run_naam


def tekstset_map(run: Run) -> Path:
    return TEKST_DIR / tekstset_naam(run)


def blokken(run: Run) -> dict[str, Path]:
    """The blocks of the run's text set: name → file. A missing set is bad input."""
    map_ = tekstset_map(run)
    if not map_.is_dir():
        bestaande = sorted(p.name for p in TEKST_DIR.iterdir() if p.is_dir()) if TEKST_DIR.is_dir() else []
        raise InvoerFout(
            run.params_bestand or "params",
            "sleutel tekstset",
            f"{tekstset_naam(run)!r} is geen tekstset in {paths.display_path(TEKST_DIR)}, "
            f"verwacht een van: {', '.join(bestaande) or '(geen)'}",
        )
    return {p.stem: p for p in sorted(map_.glob(f"*{EXTENSIE}")) if p.is_file()}


def _suggestie(naam: str, bekend) -> str:
    match = difflib.get_close_matches(naam, list(bekend), n=1, cutoff=0.6)
    return f" (bedoelde je {match[0]!r}?)" if match else ""


def _lees(pad: Path) -> str:
    try:
        return lees_bytes(pad).decode("utf-8")  # regular files only: a FIFO or device is one line, not a hang
    except UnicodeDecodeError as exc:
        raise InvoerFout(
            pad, f"byte {exc.start}", "is geen UTF-8-tekst, verwacht een Markdown-bestand in UTF-8"
        ) from None


def controleer_blok(pad: Path, bron: str, bekend: dict) -> None:
    """Parse one block and check every name, filter and test it uses; raise one InvoerFout."""
    env = omgeving()
    try:
        boom = env.parse(bron)
    except TemplateSyntaxError as exc:
        raise InvoerFout(pad, f"regel {exc.lineno}", f"fout in een placeholder: {exc.message}") from None
    for knoop in boom.find_all((nodes.Getattr, nodes.Getitem)):
        wat = getattr(knoop, "attr", None) or "[...]"
        raise InvoerFout(
            pad,
            f"regel {knoop.lineno}",
            f"'.{wat}' is niet toegestaan, verwacht een naam uit 'vt-analysis velden' zonder punt of haken",
        )
    for knoop in boom.find_all(nodes.Filter):
        if knoop.name not in env.filters:
            raise InvoerFout(
                pad,
                f"regel {knoop.lineno}",
                f"onbekend filter {knoop.name!r}{_suggestie(knoop.name, env.filters)}, "
                f"verwacht een van: {', '.join(sorted(env.filters))}",
            )
    for knoop in boom.find_all(nodes.Test):
        if knoop.name not in env.tests:
            raise InvoerFout(pad, f"regel {knoop.lineno}", f"onbekende test {knoop.name!r}")
    onbekend = meta.find_undeclared_variables(boom) - set(bekend)
    if onbekend:
        eerste = min(
            (k for k in boom.find_all(nodes.Name) if k.name in onbekend and k.ctx == "load"),
            key=lambda k: (k.lineno, k.name),
        )
        raise InvoerFout(
            pad,
            f"regel {eerste.lineno}",
            f"onbekende naam {eerste.name!r}{_suggestie(eerste.name, bekend)}; 'vt-analysis velden' toont alle namen",
        )


def controleer_tekstset(run: Run) -> dict[str, Path]:
    """Check every block of the run's text set before anything executes; returns the blocks."""
    bekend = namen(run)
    gevonden = blokken(run)
    for pad in gevonden.values():
        controleer_blok(pad, _lees(pad), bekend)
    return gevonden


# --- rendering -----------------------------------------------------------------------------------------------


def _context(waarden: dict) -> dict[str, Any]:
    # Text from data or params (period and scenario names) as literal Markdown: the one escaper of markup.py.
    return {n: (markdown_tekst(v.waarde) if isinstance(v.waarde, str) else v.waarde) for n, v in waarden.items()}


def _regel(exc: BaseException) -> str:
    """The line of the block where rendering failed (Jinja2 keeps it in the traceback)."""
    tb = exc.__traceback__
    regel = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            regel = tb.tb_lineno
        tb = tb.tb_next
    return f"regel {regel}" if regel else ""


def render_blok(naam: str, bron: Run | Bron, params=None) -> str:
    """One block of the run's text set as Markdown, placeholders filled in (``bron``: see :func:`toon`)."""
    b = bron_van(bron, params)
    gevonden = blokken(b.run)
    if naam not in gevonden:
        raise InvoerFout(
            tekstset_map(b.run) / f"{naam}{EXTENSIE}",
            "",
            f"tekstblok {naam!r} ontbreekt{_suggestie(naam, gevonden)}, verwacht een van: {', '.join(gevonden)}",
        )
    pad = gevonden[naam]
    inhoud = _lees(pad)
    controleer_blok(pad, inhoud, namen(b.run))
    try:
        return omgeving().from_string(inhoud).render(_context(velden(b)))
    except (SecurityError, UndefinedError) as exc:
        raise InvoerFout(pad, _regel(exc), f"placeholder geweigerd: {exc}") from None
    except (TypeError, ValueError, ArithmeticError) as exc:  # e.g. a sum of a number and formatted text
        raise InvoerFout(
            pad, _regel(exc), f"placeholder kan niet worden uitgerekend ({exc}); filters als | fte pas op het eind"
        ) from None


# --- which blocks a chapter shows ----------------------------------------------------------------------------

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
            if knoop.module == "vt_analysis" or (knoop.level and knoop.module is None):
                modules |= {a.asname or a.name for a in knoop.names if a.name == "tekst"}
            elif knoop.module in ("vt_analysis.tekst", "tekst") and any(a.name not in _TOONT for a in knoop.names):
                return None
        else:
            if any(a.name == "vt_analysis.tekst" and not a.asname for a in knoop.names):
                return None  # used as vt_analysis.tekst.<name>: not followed here
            modules |= {a.asname for a in knoop.names if a.name == "vt_analysis.tekst" and a.asname}
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


def toon(naam: str, bron, params=None):
    """The block as IPython Markdown: one call per notebook cell.

    In a chapter: ``tekst.toon("aanleiding", r, p)`` with the results and params of ``hoofdstukken.laad``;
    elsewhere a loaded run works too: ``tekst.toon("aanleiding", run)``.
    """
    from IPython.display import Markdown

    return Markdown(render_blok(naam, bron, params))


__all__ = [
    "toon",
    "render_blok",
    "controleer_tekstset",
    "controleer_blok",
    "omgeving",
    "blokken_in_code",
]
