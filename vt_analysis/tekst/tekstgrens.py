"""The limits of the text-block sandbox: a block can neither exhaust the machine nor show Jinja's internals.

Jinja2's sandbox keeps a block away from Python's internals, but not from the machine: ``9 ** (9 ** 9)``,
``"%0999999999d" % 1``, ``"a" * 300000000`` or two nested loops over long lists would run for hours or
fill the memory. :class:`BegrensdeOmgeving` bounds every operation a block can do before it is done:

- numbers stay below 2^256 (about 10^77; no figure in a report comes near) and finite;
- texts stay below :data:`MAX_TEKST` characters and lists below :data:`MAX_ITEMS` elements, whether made
  by ``*``, ``+`` or ``~``; ``%`` on text (Python's string formatting) is refused: the filters format;
- every loop step and every call counts against :data:`MAX_STAPPEN` per block, and a block that still
  runs after :data:`MAX_TIJD_S` seconds stops (a last line of defence: the counts come first);
- the text a block writes stays below :data:`MAX_UITVOER` characters;
- brackets and blocks nest at most :data:`MAX_DIEPTE` deep (Jinja and Python parse them recursively).

Only ``{% if %}``, ``{% for %}`` and ``{% set %}`` are statements a block may use (no macros, includes,
imports or template inheritance: nothing that reads another file or calls itself), and the printed values
are numbers, texts and dates: ``{{ self }}``, ``{{ loop }}`` or a list never shows a Python repr. A limit
that is exceeded is a :class:`GrensFout`, which :mod:`vt_analysis.tekst.blokken` turns into one line naming the
block's file and line (exit code 2).
"""

from __future__ import annotations

import math
import operator
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

MAX_BLOK_BYTES = 256 * 1024  # one block file (the longest shipped block is 7 KB)
MAX_TEKST = 100_000  # characters of any text a block computes
MAX_ITEMS = 10_000  # elements of any list or tuple a block computes
MAX_GETAL_BITS = 256  # integers below 2^256 (about 10^77)
MAX_STAPPEN = 100_000  # loop steps and calls per block (a shipped block needs fewer than 100)
MAX_UITVOER = 1_000_000  # characters a block writes
MAX_TIJD_S = 5.0  # seconds per block (the shipped blocks take milliseconds)
MAX_DIEPTE = 30  # nested brackets and blocks
MAX_DELEN = 200  # names, numbers and operators in one {{ }} or {% %} (Python nests each operator)
MAX_CIJFERS = 40  # digits of a number typed in a block
MAX_DECIMALEN = 10  # the decimals of | round, | getal, | pct and | fte

TOEGESTANE_OPDRACHTEN = ("if", "for", "set")
# Jinja's node classes for the tags a block may not use, named as the writer typed them.
OPDRACHT_VAN_KNOOP = {
    "Macro": "macro",
    "CallBlock": "call",
    "Include": "include",
    "Import": "import",
    "FromImport": "from",
    "Extends": "extends",
    "Block": "block",
    "FilterBlock": "filter",
    "With": "with",
    "ScopedEvalContextModifier": "autoescape",
    "ExprStmt": "do",
}
INTERNE_NAMEN = frozenset({"self", "loop", "caller", "varargs", "kwargs", "super"})


class GrensFout(Exception):
    """A block exceeds a limit of the sandbox; the message is Dutch and says which."""


# --- the budget of one block --------------------------------------------------------------------------------

_actief = threading.local()


class _Budget:
    def __init__(self) -> None:
        self.stappen = 0
        self.einde = time.monotonic() + MAX_TIJD_S

    def stap(self) -> None:
        self.stappen += 1
        if self.stappen > MAX_STAPPEN:
            raise GrensFout(f"te veel stappen (meer dan {_punten(MAX_STAPPEN)} lussen of aanroepen)")
        if self.stappen % 64 == 0 and time.monotonic() > self.einde:
            raise GrensFout(f"duurt te lang (meer dan {MAX_TIJD_S:g} seconden)")


@contextmanager
def budget() -> Iterator[_Budget]:
    """The steps and time of one block's rendering; outside one, only the size limits apply."""
    vorige = getattr(_actief, "budget", None)
    _actief.budget = _Budget()
    try:
        yield _actief.budget
    finally:
        _actief.budget = vorige


def _stap() -> None:
    b = getattr(_actief, "budget", None)
    if b is not None:
        b.stap()


# --- sizes of values ------------------------------------------------------------------------------------------


def _getal_te_groot() -> GrensFout:
    return GrensFout(f"een getal wordt te groot (meer dan 2^{MAX_GETAL_BITS}, ongeveer 10^77)")


def begrens(waarde):
    """``waarde`` when it is within the limits, else a GrensFout that says which."""
    if isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, int):
        if waarde.bit_length() > MAX_GETAL_BITS:
            raise _getal_te_groot()
    elif isinstance(waarde, float):
        if not math.isfinite(waarde):
            raise GrensFout("de uitkomst is geen eindig getal")
    elif isinstance(waarde, complex):
        raise GrensFout("de uitkomst is geen reëel getal")
    elif isinstance(waarde, str | list | tuple) and len(waarde) > _grens(waarde):
        raise _te_lang(waarde)
    return waarde


def _grens(reeks) -> int:
    return MAX_TEKST if isinstance(reeks, str) else MAX_ITEMS


def _te_lang(reeks) -> GrensFout:
    if isinstance(reeks, str):
        return GrensFout(f"een tekst wordt te lang (meer dan {_punten(MAX_TEKST)} tekens)")
    return GrensFout(f"een lijst wordt te lang (meer dan {_punten(MAX_ITEMS)} elementen)")


def _punten(n: int) -> str:
    return f"{n:_}".replace("_", ".")


def _lengte(waarde) -> int | None:
    return len(waarde) if isinstance(waarde, str | list | tuple) else None


def _voor_rekenen(op: str, links, rechts) -> None:
    """Refuse an operation whose result would be too large before Python computes it (hours, gigabytes)."""
    if op == "%" and isinstance(links, str):
        raise GrensFout("'%' op tekst (Python-opmaak) is niet toegestaan; gebruik de filters (| getal, | pct, ...)")
    if op == "*":
        for reeks, aantal in ((links, rechts), (rechts, links)):
            n = _lengte(reeks)
            if n is not None and isinstance(aantal, int) and n * max(aantal, 0) > _grens(reeks):
                raise _te_lang(reeks)
        if isinstance(links, int) and isinstance(rechts, int):
            if links.bit_length() + rechts.bit_length() > MAX_GETAL_BITS + 1:
                raise _getal_te_groot()
    if op == "**" and isinstance(rechts, int) and isinstance(links, int | float) and not isinstance(links, bool):
        if isinstance(links, int) and abs(links) > 1 and rechts > 0:
            if (rechts - 1) * (abs(links).bit_length() - 1) > MAX_GETAL_BITS or rechts > MAX_GETAL_BITS:
                raise _getal_te_groot()
    if op == "**" and isinstance(rechts, int) and abs(rechts) > 10**6:
        raise _getal_te_groot()


_REKEN = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "**": operator.pow,
    "%": operator.mod,
}


def aaneen(*delen) -> str:
    """Jinja's ``~`` (text joined), bounded like every other text."""
    for deel in delen:
        if isinstance(deel, str) and len(deel) > MAX_TEKST:
            begrens(deel)
    return begrens("".join(map(str, delen)))


def stappen(reeks: Iterable) -> Iterator:
    """The elements of a ``{% for %}`` loop, each one step of the block's budget."""
    for element in reeks:
        _stap()
        yield element


class _Begrenzer(NodeTransformer):
    """Every loop counts its steps and every ``~`` is bounded: calls to :func:`stappen` and :func:`aaneen`;
    the literal text of the block goes through the environment's ``letterlijk`` (an escaper)."""

    def __init__(self, letterlijk) -> None:
        self.letterlijk = letterlijk

    def visit_TemplateData(self, node: nodes.TemplateData) -> nodes.TemplateData:  # noqa: N802 - Jinja's name
        node.data = self.letterlijk(node.data)
        return node

    def _roep(self, functie: str, args: list, lineno: int) -> nodes.Call:
        return nodes.Call(
            nodes.ImportedName(f"{__name__}.{functie}", lineno=lineno), args, [], None, None, lineno=lineno
        )

    def visit_For(self, node: nodes.For) -> nodes.For:  # noqa: N802 - Jinja's name
        self.generic_visit(node)
        node.iter = self._roep("stappen", [node.iter], node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:  # noqa: N802 - Jinja's name
        self.generic_visit(node)
        return self._roep("aaneen", list(node.nodes), node.lineno)


def toonbaar(waarde):
    """What ``{{ ... }}`` may print: a number, a text or a date; never a list, a Jinja object or None."""
    if isinstance(waarde, bool) or waarde is None or not isinstance(waarde, str | int | float | Decimal | date):
        if isinstance(waarde, bool):
            soort = "ja/nee-waarde"
        elif waarde is None:
            soort = "lege waarde"
        else:
            soort = "lijst" if isinstance(waarde, list | tuple | dict) else "interne waarde van Jinja"
        raise GrensFout(f"toont een {soort}, verwacht een getal, tekst of datum (met een filter als | fte)")
    return begrens(waarde)


class BegrensdeOmgeving(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with the limits of this module on arithmetic, texts, lists, loops and calls."""

    intercepted_binops = frozenset(_REKEN)
    letterlijk = staticmethod(str)  # what the block's literal text becomes (tekst.py: the Markdown escaper)

    def call_binop(self, context, operator: str, left, right):
        _stap()
        _voor_rekenen(operator, left, right)
        return begrens(_REKEN[operator](left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        _stap()
        return begrens(super().call(__context, __obj, *args, **kwargs))

    def _parse(self, source, name, filename):
        boom = _Begrenzer(self.letterlijk).visit(super()._parse(source, name, filename))
        boom.set_environment(self)
        return boom


def decimalen(n) -> int:
    """The decimals a filter is asked for, bounded (``round(-999999999)`` would compute 10^999999999)."""
    if isinstance(n, bool) or not isinstance(n, int) or not -MAX_DECIMALEN <= n <= MAX_DECIMALEN:
        raise GrensFout(f"{n!r} decimalen, verwacht een geheel getal van -{MAX_DECIMALEN} tot en met {MAX_DECIMALEN}")
    return n


def vul_in(omgeving: BegrensdeOmgeving, bron: str, context: dict) -> str:
    """A block rendered within its budget of steps, time and output."""
    sjabloon = omgeving.from_string(bron)
    delen: list[str] = []
    lengte = 0
    with budget() as b:
        for deel in sjabloon.generate(context):
            lengte += len(deel)
            if lengte > MAX_UITVOER:
                raise GrensFout(f"schrijft te veel tekst (meer dan {_punten(MAX_UITVOER)} tekens)")
            b.stap()
            delen.append(deel)
    return "".join(delen)


# --- structure: depth and statements ----------------------------------------------------------------------------

_OPEN = {"(", "[", "{"}
_DICHT = {")", "]", "}"}
_BLOKKEN = {"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "trans", "raw"}


def diepte_fout(omgeving: BegrensdeOmgeving, bron: str) -> tuple[int, str] | None:
    """(line, message) when brackets, blocks or one expression go deeper than the parser can follow; read with
    Jinja's lexer, which does not recurse, so 3.000 brackets are one line here and not a RecursionError."""
    diepte = 0
    blokken = 0
    vorige = None
    in_tag: int | None = None
    for lineno, soort, waarde in omgeving.lex(bron):
        if soort in ("variable_begin", "block_begin"):
            in_tag = 0
        elif soort != "whitespace" and in_tag is not None:
            in_tag += 1
        if soort in ("variable_end", "block_end"):
            in_tag = None
        if soort in ("integer", "float") and len(waarde) > MAX_CIJFERS:
            return lineno, f"een getal van meer dan {MAX_CIJFERS} cijfers, verwacht een gewoon getal"
        if soort == "operator" and waarde in _OPEN:
            diepte += 1
        elif soort == "operator" and waarde in _DICHT:
            diepte = max(0, diepte - 1)
        elif soort == "name" and vorige == "block_begin":
            if waarde in _BLOKKEN:
                blokken += 1
            elif waarde.startswith("end"):
                blokken = max(0, blokken - 1)
        if soort != "whitespace":
            vorige = soort
        if diepte > MAX_DIEPTE or blokken > MAX_DIEPTE:
            return lineno, f"te diep genest (meer dan {MAX_DIEPTE} haakjes of blokken in elkaar)"
        if in_tag is not None and in_tag > MAX_DELEN:
            return lineno, f"een placeholder is te lang (meer dan {MAX_DELEN} delen), verdeel hem over {{% set %}}"
    return None
