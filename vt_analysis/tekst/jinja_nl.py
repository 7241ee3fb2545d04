"""Jinja2's syntax errors in Dutch: the programmateam reads "onbekende opdracht {% endfi %}", not "Encountered
unknown tag 'endfi'. Jinja was looking for ...". One function, :func:`syntaxfout`, covers every message
Jinja's lexer and parser raise for the statements a text block may use; anything else is said in general
Dutch words, never in English."""

from __future__ import annotations

import difflib
import re

from jinja2 import TemplateSyntaxError

# Jinja's names of tokens, as a writer of a block sees them.
_TOKENS = {
    "end of print statement": "'}}'",
    "end of statement block": "'%}'",
    "begin of print statement": "'{{'",
    "begin of statement block": "'{%'",
    "end of template": "het eind van het blok",
    "name": "een naam",
    "integer": "een getal",
    "float": "een getal",
    "string": "een tekst tussen aanhalingstekens",
    "operator": "een rekenteken",
}
OPDRACHTEN = ("if", "elif", "else", "endif", "for", "endfor", "set", "endset")


def _token(tekst: str) -> str:
    return _TOKENS.get(tekst, f"'{tekst}'")


def _of(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " of " + items[-1]


def _tags(tekst: str) -> list[str]:
    return [f"{{% {t} %}}" for t in re.findall(r"'([^']*)'", tekst)]


_BLOK = r"(?:Encountered unknown tag '(?P<tag>[^']*)'|Unexpected end of template)\.(?P<rest>.*)"


def _blokken(bericht: str) -> str | None:
    """Jinja's message about a block tag (unknown, misplaced, or a block left open at the end)."""
    m = re.match(
        r"(?:Encountered unknown tag '(?P<tag>[^']*)'|Unexpected end of template)\.(?P<rest>.*)", bericht, re.S
    )
    if not m:
        return None
    rest = m["rest"]
    gezocht = re.search(r"(?:looking for the following tags:|currently looking for) (.*?)\.(?: |$)", rest)
    verwacht = _tags(gezocht.group(1)) if gezocht else []
    open_ = re.search(r"innermost block that needs to be closed is '([^']*)'", rest)
    nog_open = f"; het blok {{% {open_.group(1)} %}} is nog niet gesloten" if open_ else ""
    if m["tag"] is None:
        return f"het blok wordt niet gesloten voor het eind van het bestand, verwacht {_of(verwacht) or 'een eindtag'}"
    tag = m["tag"]
    if "nesting mistake" in rest or tag in OPDRACHTEN:
        return f"{{% {tag} %}} staat op de verkeerde plek, verwacht eerst {_of(verwacht)}{nog_open}"
    bekend = [t.strip("{% }") for t in verwacht] + list(OPDRACHTEN)
    match = difflib.get_close_matches(tag, bekend, n=1, cutoff=0.6)
    suggestie = f" (bedoelde je {{% {match[0]} %}}?)" if match else ""
    wat = f", verwacht {_of(verwacht)}" if verwacht else ", verwacht {% if %}, {% for %} of {% set %}"
    return f"onbekende opdracht {{% {tag} %}}{suggestie}{wat}{nog_open}"


_PATRONEN: tuple[tuple[str, object], ...] = (
    (
        r"unexpected end of template, expected '(.*)'\.",
        lambda m: f"de placeholder sluit niet, verwacht {_token(m[1])}",
    ),
    (r"expected token '(.*)', got '(.*)'", lambda m: f"verwacht {_token(m[1])}, maar hier staat {_token(m[2])}"),
    (r"unexpected '(.*)', expected '(.*)'", lambda m: f"onverwachte '{m[1]}', verwacht eerst '{m[2]}'"),
    (r"unexpected char '(.*)' at \d+", lambda m: f"het teken '{m[1]}' kan niet in een placeholder staan"),
    (r"unexpected '(.*)'", lambda m: f"verwacht een naam, getal of tekst, maar hier staat {_token(m[1])}"),
    (
        r"Expected an expression, got '(.*)'",
        lambda m: f"verwacht een naam, getal of tekst, maar hier staat {_token(m[1])}",
    ),
    (r"tag name expected", lambda m: "na '{%' hoort een opdracht: if, for of set"),
    (r"can't assign to '(.*)'", lambda m: "na {% set %} hoort een naam"),
    (r"expected name or number|expected subscript expression", lambda m: "na een punt of '[' hoort een naam"),
    (r"invalid syntax for function call expression", lambda m: "de argumenten tussen haakjes kloppen niet"),
    (r"You cannot chain multiple tests with is", lambda m: "twee keer 'is' na elkaar"),
    (r"Invalid character in identifier", lambda m: "een naam bevat een teken dat niet in een naam mag"),
    (r"(?i)missing end of comment tag", lambda m: "een commentaar '{#' wordt niet gesloten met '#}'"),
)


def syntaxfout(exc: TemplateSyntaxError) -> str:
    """Jinja's syntax error as one Dutch phrase (the caller names file and line)."""
    bericht = (exc.message or "").strip()
    blok = _blokken(bericht)
    if blok is not None:
        return blok
    for patroon, vertaling in _PATRONEN:
        m = re.fullmatch(patroon, bericht, re.S)
        if m:
            return vertaling(m)
    return "de opmaak van een placeholder klopt niet ('{{ naam }}', '{% if ... %}' ... '{% endif %}')"
