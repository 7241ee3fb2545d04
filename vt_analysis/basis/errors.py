"""Error types the CLI turns into one line: bad input (exit 2) and a broken environment (exit 1).

Every message is Dutch and one line: it names the file, the place, the value (shortened) and what
was expected. pydantic's English messages are translated by error type.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from vt_analysis.basis.paths import display_path

EXIT_INPUT_ERROR = 2
EXIT_OMGEVING = 1
# A shell's convention for a process ended by a signal: 128 + the signal number.
EXIT_SIGINT = 130
EXIT_SIGTERM = 143

MAX_WAARDE = 60  # characters of an offending value shown in a message
MAX_MELDING = 400  # characters of a whole message


def kort(waarde: object, maximum: int = MAX_WAARDE) -> str:
    """A value as it appears in a message: ``repr`` on one line, at most ``maximum`` characters."""
    try:
        tekst = repr(waarde)
    except Exception:  # a value whose repr fails (or is huge) must not break the message itself
        tekst = f"<{type(waarde).__name__}>"
    tekst = tekst.replace("\n", "\\n").replace("\r", "\\r")
    return tekst if len(tekst) <= maximum else tekst[: maximum - 1] + "…"


def een_regel(tekst: str, maximum: int = MAX_MELDING) -> str:
    """Any text as one line of at most ``maximum`` characters (library messages spill over lines)."""
    tekst = re.sub(r"\s+", " ", str(tekst)).strip()
    return tekst if len(tekst) <= maximum else tekst[: maximum - 1] + "…"


class MetVelden:
    """An error that pickles with the fields its ``__init__`` takes, named in ``VELDEN`` (a worker process
    hands it to the parent; Exception's own pickling passes only the message), and its message as it is now."""

    VELDEN: tuple[str, ...] = ()

    def __reduce__(self):
        velden = tuple(getattr(self, v) for v in self.VELDEN)
        return (type(self), velden, {**self.__dict__, "args": self.args})


class InvoerFout(MetVelden, Exception):
    """Bad input (data or params): names the file, the place, the value and what was expected."""

    VELDEN = ("bestand", "plaats", "melding")

    def __init__(self, bestand: Path | str, plaats: str, melding: str):
        self.bestand = Path(bestand)
        self.plaats = plaats
        self.melding = melding
        super().__init__(str(self))

    def __str__(self) -> str:
        plaats = f", {self.plaats}" if self.plaats else ""
        return een_regel(f"{display_path(self.bestand)}{plaats}: {self.melding}")


class SleutelFout(MetVelden, ValueError):
    """A model-level check that blames one key of the section (pydantic would blame the section)."""

    VELDEN = ("sleutel", "melding")

    def __init__(self, sleutel: str, melding: str):
        self.sleutel, self.melding = sleutel, melding
        super().__init__(melding)


class OmgevingsFout(Exception):
    """The machine, not the input: unreadable or unwritable folder, full disk, a render of the run already busy."""

    def __str__(self) -> str:
        return een_regel(super().__str__())


def os_fout_tekst(exc: OSError) -> str:
    """An OSError in Dutch words: what failed, on which path."""
    redenen = {
        "EACCES": "geen toegang",
        "EPERM": "niet toegestaan",
        "EROFS": "het bestandssysteem is alleen-lezen",
        "ENOSPC": "de schijf is vol",
        "EDQUOT": "het schijfquotum is op",
        "ENOENT": "bestaat niet",
        "ENOTDIR": "een deel van het pad is geen map",
        "EISDIR": "is een map",
        "ELOOP": "te veel symbolische links (een lus?)",
        "ENAMETOOLONG": "de naam is te lang",
        "EEXIST": "bestaat al",
        "EIO": "lees- of schrijffout van de schijf",
    }
    import errno

    code = errno.errorcode.get(exc.errno or 0, "")
    reden = redenen.get(code, exc.strerror or type(exc).__name__)
    pad = exc.filename
    return een_regel(f"{display_path(Path(pad))}: {reden}" if pad else reden)


# Dutch wording for pydantic error types: "<value> <phrase>".
_PYDANTIC_NL = {
    "int_parsing": "is geen geheel getal",
    "int_from_float": "is geen geheel getal",
    "int_type": "is geen geheel getal",
    "int_parsing_size": "is te groot voor een geheel getal",
    "float_parsing": "is geen getal",
    "float_type": "is geen getal",
    "finite_number": "is geen eindig getal, verwacht een gewoon getal (geen .nan of .inf)",
    "bool_parsing": "is geen ja/nee-waarde (true/false)",
    "bool_type": "is geen ja/nee-waarde (true/false)",
    "date_from_datetime_parsing": "is geen datum (JJJJ-MM-DD)",
    "date_from_datetime_inexact": "is geen datum zonder tijd (JJJJ-MM-DD)",
    "date_parsing": "is geen datum (JJJJ-MM-DD)",
    "date_type": "is geen datum (JJJJ-MM-DD)",
    "string_type": "is geen tekst",
    "dict_type": "is geen sectie (sleutel: waarde)",
    "model_type": "is geen sectie (sleutel: waarde)",
    "model_attributes_type": "is geen sectie (sleutel: waarde)",
    "list_type": "is geen lijst",
    "set_type": "is geen lijst",
    "tuple_type": "is geen lijst",
    "none_required": "moet leeg zijn",
    "string_unicode": "is geen geldige tekst",
    "is_instance_of": "heeft niet het verwachte type",
}


def beschrijf_pydantic_fout(err: dict) -> str:
    """One Dutch phrase for one pydantic error: the offending value (shortened) and what was expected."""
    soort = err["type"]
    ctx = err.get("ctx") or {}
    waarde = kort(err.get("input"))
    if soort == "missing":
        return "ontbreekt"
    if err.get("input", False) is None and soort in _PYDANTIC_NL and soort != "none_required":  # `sleutel:` left empty
        return f"is leeg, verwacht {_PYDANTIC_NL[soort].removeprefix('is geen ')}"
    if soort == "int_from_float" and re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", waarde):
        return f"{waarde} is geen geheel getal; schrijf duizendtallen zonder punt ({waarde.replace('.', '')})"

    if soort == "extra_forbidden":
        return "is een onbekende sleutel"
    if soort in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        teken = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[soort]
        key = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}[soort]
        return f"{waarde} is buiten het bereik, verwacht {teken} {ctx.get(key)}"
    if soort in ("literal_error", "enum"):
        return f"{waarde} is geen toegestane waarde, verwacht {ctx.get('expected', '').replace(' or ', ' of ')}"
    if soort == "string_pattern_mismatch":
        return f"{waarde} heeft niet de vorm {ctx.get('pattern')!r}"
    if soort == "string_too_short":
        return f"{waarde} is te kort, verwacht minstens {ctx.get('min_length')} tekens"
    if soort == "string_too_long":
        return f"{waarde} is te lang, verwacht hoogstens {ctx.get('max_length')} tekens"
    if soort == "too_short":
        return f"{waarde} heeft te weinig elementen, verwacht minstens {ctx.get('min_length')}"
    if soort == "too_long":
        return f"{waarde} heeft te veel elementen, verwacht hoogstens {ctx.get('max_length')}"
    if soort == "multiple_of":
        return f"{waarde} is geen veelvoud van {ctx.get('multiple_of')}"
    if soort in _PYDANTIC_NL:
        return f"{waarde} {_PYDANTIC_NL[soort]}"
    if soort in ("value_error", "assertion_error"):
        return str(ctx.get("error", err.get("msg")))
    if soort == "invalid_key":  # a number as a key: mostly a decimal comma in a flow mapping ({waarde: 8,5})
        return (
            f"{waarde} is geen geldige sleutel; staat er een decimale komma in een getal? "
            "Schrijf een punt (8.5), YAML leest '8,5' als twee waarden"
        )
    return f"{waarde} is hier geen geldige waarde"


def pydantic_plaats(loc: tuple) -> str:
    """A pydantic location as a dotted key path, e.g. ``scenario_c.aandeel_pct``."""
    return ".".join(kort(part, 40) if not isinstance(part, (str, int)) else str(part)[:40] for part in loc)


def eerste_fout(exc: ValidationError) -> dict:
    """The error to report: an unknown key first (a typo often also makes a required key 'missing')."""
    errors = exc.errors()
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def from_validation_error(bestand: Path | str, exc: ValidationError, prefix: str = "") -> InvoerFout:
    """The first pydantic error of a file as one InvoerFout (one clear line, not a list)."""
    err = eerste_fout(exc)
    plaats = pydantic_plaats(err["loc"])
    fout = (err.get("ctx") or {}).get("error")
    if isinstance(fout, SleutelFout):
        plaats = f"{plaats}.{fout.sleutel}" if plaats else fout.sleutel
    if prefix:
        plaats = f"{prefix}.{plaats}" if plaats else prefix
    plaats = f"sleutel {plaats}" if plaats else ""
    return InvoerFout(bestand, plaats, beschrijf_pydantic_fout(err))
