"""One error type for bad input: the CLI prints it as one line and exits with code 2."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .paths import display_path

EXIT_INPUT_ERROR = 2

# Dutch wording for the pydantic error types we meet in data and params files.
_PYDANTIC_NL = {
    "int_parsing": "is geen geheel getal",
    "int_from_float": "is geen geheel getal",
    "int_type": "is geen geheel getal",
    "float_parsing": "is geen getal",
    "float_type": "is geen getal",
    "bool_parsing": "is geen ja/nee-waarde (true/false)",
    "date_from_datetime_parsing": "is geen datum (JJJJ-MM-DD)",
    "date_parsing": "is geen datum (JJJJ-MM-DD)",
    "date_type": "is geen datum (JJJJ-MM-DD)",
    "string_type": "is geen tekst",
    "dict_type": "is geen sectie (sleutel: waarde)",
    "list_type": "is geen lijst",
    "missing": "ontbreekt",
}


class InvoerFout(Exception):
    """Bad input (data or params): names the file, the place, the value and what was expected."""

    def __init__(self, bestand: Path | str, plaats: str, melding: str):
        self.bestand = Path(bestand)
        self.plaats = plaats
        self.melding = melding
        super().__init__(str(self))

    def __str__(self) -> str:
        plaats = f", {self.plaats}" if self.plaats else ""
        return f"{display_path(self.bestand)}{plaats}: {self.melding}"


def beschrijf_pydantic_fout(err: dict) -> str:
    """One Dutch phrase for one pydantic error: the offending value and what was expected."""
    soort = err["type"]
    ctx = err.get("ctx") or {}
    waarde = err.get("input")
    if soort == "missing":
        return "ontbreekt"
    if soort == "extra_forbidden":
        return "is een onbekende sleutel"
    if soort in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        teken = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[soort]
        key = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}[soort]
        return f"{waarde!r} is buiten het bereik, verwacht {teken} {ctx.get(key)}"
    if soort == "literal_error":
        return f"{waarde!r} is geen toegestane waarde, verwacht {ctx.get('expected')}"
    if soort in _PYDANTIC_NL:
        return f"{waarde!r} {_PYDANTIC_NL[soort]}"
    if soort == "value_error":
        return str(ctx.get("error", err.get("msg")))
    return f"{waarde!r}: {err.get('msg')}"


def pydantic_plaats(loc: tuple) -> str:
    """A pydantic location as a dotted key path, e.g. ``scenario_c.aandeel_pct``."""
    return ".".join(str(part) for part in loc)


def eerste_fout(exc: ValidationError) -> dict:
    """The error to report: an unknown key first (a typo often also makes a required key 'missing')."""
    errors = exc.errors()
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def from_validation_error(bestand: Path | str, exc: ValidationError, prefix: str = "") -> InvoerFout:
    """The first pydantic error of a file as one InvoerFout (one clear line, not a list)."""
    err = eerste_fout(exc)
    plaats = pydantic_plaats(err["loc"])
    if prefix:
        plaats = f"{prefix}.{plaats}" if plaats else prefix
    plaats = f"sleutel {plaats}" if plaats else ""
    return InvoerFout(bestand, plaats, beschrijf_pydantic_fout(err))
