"""YAML as a person means it, with LibYAML's problems in Dutch: one strict loader for every YAML file.

The params file and the YAML files of ``data/`` are read here; the schemas validate what comes out.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml._yaml import CParser

from vt_analysis.basis.errors import InvoerFout, kort
from vt_analysis.invoer.bestandslezer import lees_tekst

# Nesting deeper than this is no params or data file; PyYAML's composer would hit Python's recursion limit.
MAX_YAML_DIEPTE = 40
_GEHEEL_GETAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_KOMMAGETAL = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


class _StrikteYamlLoader(yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """YAML as a person means it: no duplicate keys, no aliases, no ``4_400``, ``1:30`` or octal ``010``.

    PyYAML follows YAML 1.1: a duplicate key silently wins, ``4_400`` is 4400, ``1:30`` is 90 and
    ``010`` is 8. Aliases are refused outright (no input needs them, and they make anchor bombs).
    LibYAML (PyYAML's C parser) scans and parses, six times faster than PyYAML's own; the nodes are composed
    here in Python, so that every alias and every level of nesting passes :meth:`compose_node`.
    """

    def __init__(self, stream):
        CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._diepte = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "verwijzingen (*anker) worden niet ondersteund, schrijf de waarde uit", event.start_mark
            )
        self._diepte += 1
        try:
            if self._diepte > MAX_YAML_DIEPTE:
                raise yaml.composer.ComposerError(
                    None, None, f"meer dan {MAX_YAML_DIEPTE} niveaus genest", self.peek_event().start_mark
                )
            return yaml.composer.Composer.compose_node(self, parent, index)
        finally:
            self._diepte -= 1

    def construct_mapping(self, node, deep=False):
        gezien = set()
        for sleutel_node, _ in node.value:
            sleutel = self.construct_object(sleutel_node, deep=True)
            try:
                dubbel = sleutel in gezien
                gezien.add(sleutel)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "een sleutel moet tekst of een getal zijn", sleutel_node.start_mark
                ) from None
            if dubbel:
                raise yaml.constructor.ConstructorError(
                    None, None, f"sleutel {kort(sleutel)} staat er twee keer", sleutel_node.start_mark
                )
        return yaml.constructor.SafeConstructor.construct_mapping(self, node, deep=deep)


def _construct_int(loader, node):
    if not _GEHEEL_GETAL.fullmatch(node.value):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"{kort(node.value)} is geen gewoon geheel getal (schrijf cijfers zonder _ of :)",
            node.start_mark,
        )
    return int(node.value)


class GetalZoalsGetypt(float):
    """A YAML float written like a Dutch thousands number (``1.500``, ``104.000``): its repr is the text as
    typed, and :func:`load_yaml` refuses it, since a Dutch reader means 104000 where YAML reads 104.0."""

    tekst: str

    def __repr__(self) -> str:
        return self.tekst


# One to three digits (not a lone 0: ``0.125`` is a fraction), then groups of three after a dot.
_DUIZENDTALLEN = re.compile(r"[-+]?[1-9][0-9]{0,2}(\.[0-9]{3})+")


def _construct_float(loader, node):
    if not _KOMMAGETAL.fullmatch(node.value):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"{kort(node.value)} is geen gewoon getal (schrijf cijfers met een punt, zonder _ of :)",
            node.start_mark,
        )
    waarde = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    if _DUIZENDTALLEN.fullmatch(node.value):
        getal = GetalZoalsGetypt(waarde)
        getal.tekst = node.value
        return getal
    return waarde


def _construct_datum(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise yaml.constructor.ConstructorError(
            None, None, f"{kort(node.value)} is geen bestaande datum (JJJJ-MM-DD)", node.start_mark
        ) from None


_StrikteYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StrikteYamlLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_StrikteYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_datum)

_PROCENT_AAN_BEGIN = "een '%' aan het begin van een regel; zet de waarde tussen aanhalingstekens"
_TAB = "een tab; gebruik spaties om in te springen"
# LibYAML's English problems, in Dutch (the rest keep their original wording after a Dutch lead).
_YAML_NL = {
    "mapping values are not allowed in this context": "een ':' op een plek waar geen sleutel kan staan",
    "could not find expected ':'": "een ':' na de sleutel ontbreekt",
    "found unexpected end of stream": "het bestand houdt midden in een waarde op",
    "did not find expected key": "een regel op de verkeerde inspringing (hier hoort een sleutel)",
    "did not find expected '-' indicator": "een regel op de verkeerde inspringing (hier hoort een lijstregel '-')",
    "block sequence entries are not allowed in this context": "een lijstregel ('-') waar geen lijst kan staan",
    "did not find expected ',' or ']'": "een '[' wordt niet gesloten of een ',' ontbreekt",
    "did not find expected ',' or '}'": "een '{' wordt niet gesloten of een ',' ontbreekt",
    "did not find expected node content": "een waarde ontbreekt",
    "did not find expected <document start>": "tekst na het einde van het document ('...')",
    "found unknown escape character": "een onbekend teken na '\\' tussen dubbele aanhalingstekens",
    "second occurrence": "een anker (&naam) staat er twee keer",
    "but found another document": "een tweede document ('---'); verwacht één",
    "found incompatible YAML document": "een %YAML-regel van een andere versie dan 1.1",
    "found a tab character that violates indentation": _TAB,
    "found a tab character where an indentation space is expected": _TAB,
    "exceeded maximum nesting depth": f"meer dan {MAX_YAML_DIEPTE} niveaus genest",
    "did not find expected alphabetic or numeric character": "na '&' of '*' hoort een naam",
    "did not find expected comment or line break": "na de waarde hoort alleen nog commentaar ('# …')",
    "did not find expected whitespace or line break": "na dit teken hoort een spatie",
    "found unexpected ':'": "een ':' in een waarde; zet de waarde tussen aanhalingstekens",
    "mapping keys are not allowed in this context": "een '?' op een plek waar geen sleutel kan staan",
    "could not find expected directive name": _PROCENT_AAN_BEGIN,
    "found unknown directive name": _PROCENT_AAN_BEGIN,
    "did not find expected hexdecimal number": "een onbekend teken na '\\x' of '\\u' tussen dubbele aanhalingstekens",
}


def _yaml_fout(path: Path, text: str, exc: yaml.YAMLError) -> InvoerFout:
    """One Dutch line for what LibYAML or the composer found, at the line and column it names."""
    if isinstance(exc, yaml.reader.ReaderError):  # a control character: the reader names no line, the text does
        regel = text.count("\n", 0, exc.position) + 1
        return InvoerFout(path, f"regel {regel}", f"bevat het stuurteken #x{exc.character:04x}, verwacht gewone tekst")
    mark = getattr(exc, "problem_mark", None)
    plaats = f"regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
    probleem = str(getattr(exc, "problem", None) or exc)
    if probleem == "found character that cannot start any token" and mark:
        regels = text.splitlines()
        teken = regels[mark.line][mark.column : mark.column + 1] if mark.line < len(regels) else ""
        los = f"{kort(teken)} kan geen waarde beginnen (zet de waarde tussen aanhalingstekens)"
        probleem = _TAB if teken == "\t" else los
    elif probleem.startswith("could not determine a constructor for the tag"):
        tag = probleem.rsplit(" ", 1)[-1].strip("'")
        probleem = f"de tag {kort(tag)} wordt niet ondersteund; schrijf de waarde zonder '!'"
    return InvoerFout(path, plaats, f"geen geldige YAML: {_YAML_NL.get(probleem, probleem)}")


def load_yaml(path: Path) -> object:
    """The mapping at the top of one YAML file, read strictly; anything else is one Dutch line."""
    text = lees_tekst(path)
    try:
        inhoud = yaml.load(text, Loader=_StrikteYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise _yaml_fout(path, text, exc) from None
    except RecursionError:
        raise InvoerFout(path, "", f"geen geldige YAML: meer dan {MAX_YAML_DIEPTE} niveaus genest") from None
    if inhoud is None:
        raise InvoerFout(path, "", "het bestand is leeg")
    if not isinstance(inhoud, dict):
        soort = {"list": "een lijst", "str": "tekst", "int": "een getal", "float": "een getal"}.get(
            type(inhoud).__name__, type(inhoud).__name__
        )
        raise InvoerFout(path, "", f"{soort} gevonden, verwacht secties met sleutel: waarde")
    _weiger_duizendtallen(path, inhoud, ())
    return inhoud


def _weiger_duizendtallen(path: Path, inhoud: object, plaats: tuple) -> None:
    """Refuse a number written with a thousands dot, naming its key: YAML reads ``104.000`` as 104.0,
    a Dutch reader as 104000, and a float field would take either without a word."""
    if isinstance(inhoud, GetalZoalsGetypt):
        zonder_punt = inhoud.tekst.replace(".", "")
        raise InvoerFout(
            path,
            "sleutel " + ".".join(str(p) for p in plaats),
            f"{inhoud.tekst} is dubbelzinnig: schrijf {zonder_punt} als duizendtallen bedoeld zijn (zonder punt), "
            f"of {float(inhoud)!s} als een decimaal getal bedoeld is",
        )
    delen = inhoud.items() if isinstance(inhoud, dict) else enumerate(inhoud) if isinstance(inhoud, list) else ()
    for sleutel, waarde in delen:
        _weiger_duizendtallen(path, waarde, (*plaats, sleutel))
