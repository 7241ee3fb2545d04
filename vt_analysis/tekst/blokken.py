"""Text blocks the programmateam writes: Dutch Markdown with computed values, shown by the chapters.

A text set is a folder ``report/tekst/<set>/`` with one ``<naam>.md`` per block; the params key ``tekstset``
names the set (default: ``run_naam``), or ``tekstset_map`` a folder relative to the params file (another
region's set beside its params and data). A block is Markdown with Jinja2 placeholders for the names of
:mod:`vt_analysis.tekst.velden` (``vt-analysis velden --params FILE`` lists them) and filters from ``formatting.py``::

    Het tekort is {{ tekort_2026_fte | fte }} ({{ tekort_2026_euro | euro }} per jaar).
    {% if tekort_2026_fte > 0 %}Er is een tekort.{% else %}Er is ruimte.{% endif %}

    fte     14,07 fte            euro    € 1.463.732        aantal  5.220
    pct     18% (pct(1): 18,2%)  datum   29 november 2024

Also allowed: ``abs``, ``round``, ``lower``, ``upper``, ``capitalize``, ``{% if %}``, ``{% for %}``,
``{% set %}`` and comparisons. Not allowed: attributes and subscripts (``x.y``, ``x['y']``), unknown names
or filters, Jinja's own names (``self``, ``loop``), macros, includes, imports and template inheritance.

In a chapter notebook, one call per cell::

    from vt_analysis.tekst import blokken as tekst
    from vt_analysis.hoofdstukken import laad
    r, p = laad(params, data_dir, resultaten)   # the chapter's parameters cell
    tekst.toon("aanleiding", r, p)              # IPython Markdown of report/tekst/<set>/aanleiding.md

Before anything executes, :func:`controleer_tekstset` parses every block of the set and stops with one
line (file, line, the name, a did-you-mean) on an unknown name or filter, a syntax error (said in Dutch by
:mod:`jinja_nl`), a reach for Python internals (``{{ ''.__class__ }}``), a block a chapter shows that is
missing, or a block no chapter shows (a misspelled file name): an :class:`InvoerFout`, exit code 2 in the CLI.
Then :func:`vul_tekstset_in` renders every block once with the run's figures (``validate`` and ``render``
alike), so a chapter never meets a block error. Blocks are regular files of at most 256 KB inside the set
(no symlinks). They run in Jinja2's immutable sandbox with ``StrictUndefined`` and the limits of
:mod:`tekstgrens` (sizes of numbers, texts and lists, loop steps, time, output); text values from data and
params are escaped for Markdown before they reach a block.
"""

from __future__ import annotations

import difflib
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.filters import do_round

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.invoer.bestandslezer import lees_bytes
from vt_analysis.invoer.mappen import map_van
from vt_analysis.invoer.run import Run
from vt_analysis.tekst.jinja_nl import syntaxfout
from vt_analysis.tekst.markup import blok_markdown, markdown_tekst
from vt_analysis.tekst.tekstgebruik import blokken_in_code, getoond
from vt_analysis.tekst.tekstgrens import (
    INTERNE_NAMEN,
    MAX_BLOK_BYTES,
    OPDRACHT_VAN_KNOOP,
    TOEGESTANE_OPDRACHTEN,
    BegrensdeOmgeving,
    GrensFout,
    decimalen,
    diepte_fout,
    toonbaar,
    vul_in,
)
from vt_analysis.tekst.velden import Bron, bron_van, namen, velden

TEKST_DIR = paths.REPORT_DIR / "tekst"
EXTENSIE = ".md"


# --- filters: the one formatter -------------------------------------------------------------------------


def _fte(waarde: float, n: int = 2) -> str:
    return f"{fmt.getal(waarde, decimalen(n))}{fmt.NBSP}fte"


def _euro(waarde: float) -> str:
    return fmt.euro(waarde)


def _bedrag(waarde: float) -> str:
    return fmt.bedrag(waarde)


def _aantal(waarde: float) -> str:
    return fmt.aantal(waarde)


def _pct(waarde: float, n: int = 0) -> str:
    return fmt.procent(waarde, decimalen(n))


def _datum(waarde) -> str:
    return fmt.datum(waarde)


def _getal(waarde: float, n: int = 1) -> str:
    return fmt.getal(waarde, decimalen(n))


def _round(waarde: float, n: int = 0, method: str = "common") -> float:
    """Jinja's ``round``, but ``common`` rounds half away from zero like every number the report shows
    (formatting.afronden): Jinja rounds half to even, so ``8.5 | round`` would be 8 beside a 9 in a table."""
    if method == "common" and isinstance(waarde, (int, float)) and not isinstance(waarde, bool):
        return float(fmt.afronden(waarde, decimalen(n)))
    return do_round(waarde, decimalen(n), method)


FILTERS = {
    "fte": _fte,
    "euro": _euro,
    "bedrag": _bedrag,
    "aantal": _aantal,
    "pct": _pct,
    "datum": _datum,
    "getal": _getal,
    "round": _round,
}
TOEGESTANE_JINJA_FILTERS = ("abs", "lower", "upper", "capitalize")


def _toon(waarde) -> object:
    """A printed value: a number, text or date (tekstgrens); text escaped as literal Markdown, whether it comes
    from data, params or a string in the block, so it never becomes markup."""
    waarde = toonbaar(waarde)
    return markdown_tekst(waarde) if isinstance(waarde, str) else waarde


@lru_cache(maxsize=1)
def omgeving() -> BegrensdeOmgeving:
    """The one Jinja2 environment: immutable sandbox with bounded arithmetic, loops and output (tekstgrens),
    strict names, only the filters above, no globals, only numbers, texts and dates printed."""
    env = BegrensdeOmgeving(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_toon,
    )
    env.letterlijk = blok_markdown  # the block's own prose: the safe subset of Markdown (markup.py)
    env.filters = {**{n: env.filters[n] for n in TOEGESTANE_JINJA_FILTERS}, **FILTERS}
    env.globals = {}
    return env


# --- the text set -------------------------------------------------------------------------------------------


def tekstset_naam(run: Run) -> str:
    return getattr(run.params, "tekstset", None) or run.params.run_naam


def tekstset_map(run: Run) -> Path:
    """The params' ``tekstset_map`` (relative to the params file), else ``report/tekst/<tekstset>``."""
    return map_van(run.params, "tekstset_map") or TEKST_DIR / tekstset_naam(run)


def _geen_gewoon_bestand(pad: Path) -> str | None:
    """Why an entry of the text set cannot be a block (a symlink may point out of the set), or None."""
    info = pad.lstat()
    if stat.S_ISLNK(info.st_mode):
        return "is een symbolische link, verwacht een gewoon bestand in de tekstset"
    if stat.S_ISDIR(info.st_mode):
        return "is een map, verwacht een Markdown-bestand"
    if not stat.S_ISREG(info.st_mode):
        return "is geen gewoon bestand (FIFO, apparaat of socket), verwacht een Markdown-bestand"
    return None


def blokken(run: Run) -> dict[str, Path]:
    """The blocks of the run's text set: name → file, each a regular file in the set. A missing set is bad input."""
    map_ = tekstset_map(run)
    if getattr(run.params, "tekstset_map", None) is not None and not map_.is_dir():
        raise InvoerFout(run.params_bestand or "params", "sleutel tekstset_map", f"{map_} is geen map met tekstblokken")
    if not map_.is_dir() or map_.is_symlink():
        bestaande = sorted(p.name for p in TEKST_DIR.iterdir() if p.is_dir()) if TEKST_DIR.is_dir() else []
        raise InvoerFout(
            run.params_bestand or "params",
            "sleutel tekstset",
            f"{tekstset_naam(run)!r} is geen tekstset in {paths.display_path(TEKST_DIR)}, "
            f"verwacht een van: {', '.join(bestaande) or '(geen)'}",
        )
    gevonden = {}
    for pad in sorted(map_.iterdir()):
        if pad.suffix != EXTENSIE or pad.name.startswith("."):
            continue
        fout = _geen_gewoon_bestand(pad)
        if fout:
            raise InvoerFout(pad, "", fout)
        gevonden[pad.stem] = pad
    return gevonden


def _suggestie(naam: str, bekend) -> str:
    match = difflib.get_close_matches(naam, list(bekend), n=1, cutoff=0.6)
    return f" (bedoelde je {match[0]!r}?)" if match else ""


def _lees(pad: Path) -> str:
    try:
        # regular files only, of bounded size: a FIFO or device is one line, not a hang
        tekst = lees_bytes(pad, MAX_BLOK_BYTES).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvoerFout(
            pad, f"byte {exc.start}", "is geen UTF-8-tekst, verwacht een Markdown-bestand in UTF-8"
        ) from None
    if "\x00" in tekst:
        regel = tekst.count("\n", 0, tekst.index("\x00")) + 1
        raise InvoerFout(pad, f"regel {regel}", "bevat een NUL-teken, verwacht gewone tekst")
    return tekst


def _regelnummer(knoop: nodes.Node) -> str:
    return f"regel {knoop.lineno}"


def _controleer_boom(pad: Path, boom: nodes.Template, env, bekend: dict) -> None:
    """Statements, names, filters and tests of a parsed block: one InvoerFout for the first that is not allowed."""
    for knoop in boom.find_all(nodes.Stmt):
        if not isinstance(knoop, nodes.Output | nodes.If | nodes.For | nodes.Assign | nodes.AssignBlock):
            opdracht = OPDRACHT_VAN_KNOOP.get(type(knoop).__name__, type(knoop).__name__.lower())
            raise InvoerFout(
                pad,
                _regelnummer(knoop),
                f"{{% {opdracht} %}} is niet toegestaan in een tekstblok, verwacht alleen "
                + ", ".join(f"{{% {o} %}}" for o in TOEGESTANE_OPDRACHTEN),
            )
    for knoop in boom.find_all((nodes.Getattr, nodes.Getitem)):
        wat = getattr(knoop, "attr", None) or "[...]"
        raise InvoerFout(
            pad,
            _regelnummer(knoop),
            f"'.{wat}' is niet toegestaan, verwacht een naam uit 'vt-analysis velden' zonder punt of haken",
        )
    for knoop in boom.find_all(nodes.Name):
        if knoop.name in INTERNE_NAMEN:
            raise InvoerFout(
                pad,
                _regelnummer(knoop),
                f"{knoop.name!r} is een interne naam van Jinja, verwacht een naam uit 'vt-analysis velden'",
            )
    for knoop in boom.find_all(nodes.Filter):
        if knoop.name not in env.filters:
            raise InvoerFout(
                pad,
                _regelnummer(knoop),
                f"onbekend filter {knoop.name!r}{_suggestie(knoop.name, env.filters)}, "
                f"verwacht een van: {', '.join(sorted(env.filters))}",
            )
    for knoop in boom.find_all(nodes.Test):
        if knoop.name not in env.tests:
            raise InvoerFout(pad, _regelnummer(knoop), f"onbekende test {knoop.name!r}")
    onbekend = meta.find_undeclared_variables(boom) - set(bekend)
    if onbekend:
        eerste = min(
            (k for k in boom.find_all(nodes.Name) if k.name in onbekend and k.ctx == "load"),
            key=lambda k: (k.lineno, k.name),
        )
        raise InvoerFout(
            pad,
            _regelnummer(eerste),
            f"onbekende naam {eerste.name!r}{_suggestie(eerste.name, bekend)}; 'vt-analysis velden' toont alle namen",
        )


def controleer_blok(pad: Path, bron: str, bekend: dict) -> None:
    """Parse one block and check every statement, name, filter and test it uses; raise one InvoerFout."""
    env = omgeving()
    try:
        diep = diepte_fout(env, bron)
        if diep is not None:
            raise InvoerFout(pad, f"regel {diep[0]}", diep[1])
        boom = env.parse(bron)
    except TemplateSyntaxError as exc:
        raise InvoerFout(pad, f"regel {exc.lineno}", syntaxfout(exc)) from None
    except (RecursionError, MemoryError, ValueError, SyntaxError) as exc:  # e.g. a number of 5.000 digits
        regel = getattr(exc, "lineno", None)
        raise InvoerFout(
            pad, f"regel {regel}" if regel else "", "een placeholder is te lang of te ingewikkeld om te lezen"
        ) from None
    _controleer_boom(pad, boom, env, bekend)


def controleer_volledig(run: Run, gevonden: dict[str, Path], notebooks: list[Path]) -> None:
    """Every block a chapter of the render shows exists, and every block of the set is shown by some chapter
    in notebooks/: a missing or misspelled block is one line (with a did-you-mean), never a failed chapter."""
    map_ = tekstset_map(run)
    getoond_ = getoond(notebooks)
    for naam in sorted(getoond_ or ()):
        if naam not in gevonden:
            andere = [p.name for p in map_.iterdir() if not p.name.startswith(".")]
            raise InvoerFout(
                map_ / f"{naam}{EXTENSIE}",
                "",
                f"tekstblok {naam!r} ontbreekt{_suggestie(naam + EXTENSIE, andere)}; een hoofdstuk toont het",
            )
    alle = getoond(sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")))
    if alle is None:
        return
    for naam, pad in gevonden.items():
        if naam not in alle | (getoond_ or set()):
            raise InvoerFout(
                pad,
                "",
                f"tekstblok {naam!r} wordt door geen hoofdstuk getoond{_suggestie(naam, alle)}; "
                f"verwacht een van: {', '.join(sorted(alle))}",
            )


def controleer_tekstset(run: Run, notebooks: list[Path] | None = None) -> dict[str, Path]:
    """Check every block of the run's text set before anything executes, and that the chapters find theirs
    (``notebooks``: the render's chapters, default the chapter list); returns the blocks."""
    from vt_analysis.invoer.hoofdstuklijst import load_chapters

    bekend = namen(run)
    gevonden = blokken(run)
    for pad in gevonden.values():
        controleer_blok(pad, _lees(pad), bekend)
    controleer_volledig(run, gevonden, load_chapters() if notebooks is None else notebooks)
    return gevonden


def vul_tekstset_in(run: Run, resultaten=None) -> int:
    """Render every block of the set once against the run's values (``resultaten``: its computed results), so
    that a block that exceeds a limit or cannot be computed is found before a chapter executes; returns the
    number of blocks."""
    b = Bron(run, resultaten.naar_dict() if resultaten is not None else None)
    gevonden = blokken(run)
    for naam in gevonden:
        render_blok(naam, b)
    return len(gevonden)


# --- rendering -----------------------------------------------------------------------------------------------


def _context(waarden: dict) -> dict[str, Any]:
    # The values as they are (a comparison sees the name as typed); printing escapes text (_toon).
    return {n: v.waarde for n, v in waarden.items()}


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
        return vul_in(omgeving(), inhoud, _context(velden(b)))
    except (GrensFout, SecurityError, UndefinedError) as exc:
        raise InvoerFout(pad, _regel(exc), f"placeholder geweigerd: {exc}") from None
    except (TypeError, ValueError, ArithmeticError) as exc:  # e.g. a sum of a number and formatted text
        raise InvoerFout(
            pad, _regel(exc), f"placeholder kan niet worden uitgerekend ({exc}); filters als | fte pas op het eind"
        ) from None


def toon(naam: str, bron, params=None):
    """The block as IPython Markdown: one call per notebook cell.

    In a chapter: ``tekst.toon("aanleiding", r, p)`` with the results and params of ``hoofdstukken.laad``;
    elsewhere a loaded run works too: ``tekst.toon("aanleiding", run)``.
    """
    from IPython.display import Markdown

    return Markdown(render_blok(naam, bron, params))


__all__ = ["toon", "render_blok", "controleer_tekstset", "controleer_blok", "omgeving", "blokken_in_code"]
