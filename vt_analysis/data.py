"""Loaders and validators for the datasets in ``data/``: one loader per file.

Every loader validates before it returns; bad input raises :class:`InvoerFout` with one line that
names the file, the row or key, the value and what was expected.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator, model_validator
from yaml._yaml import CParser

from . import paths
from .errors import InvoerFout, OmgevingsFout, beschrijf_pydantic_fout, from_validation_error, kort, os_fout_tekst
from .paths import display_path

# The six counts of Bijlage 2, in the seed's order.
TELLINGEN = ("meldingen", "overdragen", "overdracht_ondersteuning", "onderzoek", "adviezen", "monitoring")
# The counts by their Dutch names, as tables, charts and the changes chapter label them.
TELLING_NAMEN = {
    "meldingen": "Meldingen",
    "overdragen": "Overdragen",
    "overdracht_ondersteuning": "Overdracht met ondersteuning",
    "onderzoek": "Onderzoek",
    "adviezen": "Adviezen",
    "monitoring": "Monitoring",
}
VOLUME_KOLOMMEN = ("periode", "jaar", "status", *TELLINGEN, "fte_structureel", "fte_incidenteel", "bron")
# A region's yearly count is in the thousands; a million is a typo (and keeps every sum far from overflow).
MAX_TELLING = 1_000_000


class VolumeRij(BaseModel):
    """One period of Bijlage 2: counts are whole and non-negative, fte within a plausible range."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    periode: str = Field(min_length=1)
    jaar: int = Field(ge=2000, le=2100)
    status: Literal["realisatie", "prognose", "begroting"]
    meldingen: int = Field(ge=0, le=MAX_TELLING)
    overdragen: int = Field(ge=0, le=MAX_TELLING)
    overdracht_ondersteuning: int = Field(ge=0, le=MAX_TELLING)
    onderzoek: int = Field(ge=0, le=MAX_TELLING)
    adviezen: int = Field(ge=0, le=MAX_TELLING)
    monitoring: int = Field(ge=0, le=MAX_TELLING)
    # A VT of 25 organisations' size: more than 500 fte is a typo, not a formation.
    fte_structureel: float = Field(ge=0, le=500)
    fte_incidenteel: float = Field(ge=0, le=500)
    bron: str = Field(min_length=1)


# An input file is a few kilobytes; anything past this is a mistake (or /dev/zero), not data.
MAX_BESTAND_BYTES = 5 * 1024 * 1024


def lees_bytes(path: Path, max_bytes: int = MAX_BESTAND_BYTES) -> bytes:
    """The bytes of one input file: regular files only, never more than ``max_bytes``.

    Opened non-blocking and checked with ``fstat`` on the open descriptor, so a FIFO, a device
    (``/dev/zero``), a folder or a symlink loop is a one-line error, never a hang or a memory error.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InvoerFout(path, "", "bestand ontbreekt") from None
    except (NotADirectoryError, IsADirectoryError):
        raise InvoerFout(path, "", "is geen bestand") from None
    except PermissionError:
        raise OmgevingsFout(f"{display_path(path)}: geen leesrechten") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENAMETOOLONG):
            raise InvoerFout(path, "", os_fout_tekst(exc).split(": ", 1)[-1]) from None
        raise OmgevingsFout(os_fout_tekst(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            soort = "een map" if stat.S_ISDIR(info.st_mode) else "geen gewoon bestand (FIFO, apparaat of socket)"
            raise InvoerFout(path, "", f"is {soort}, verwacht een tekstbestand")
        if info.st_size > max_bytes:
            raise InvoerFout(
                path, "", f"is {info.st_size} bytes groot, verwacht hoogstens {max_bytes // (1024 * 1024)} MB"
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            inhoud = f.read(max_bytes + 1)
    except OSError as exc:
        raise OmgevingsFout(f"{display_path(path)}: {os_fout_tekst(exc)}") from None
    finally:
        os.close(fd)
    if len(inhoud) > max_bytes:
        raise InvoerFout(path, "", f"is groter dan {max_bytes // (1024 * 1024)} MB, verwacht een klein tekstbestand")
    return inhoud


def _read_text(path: Path) -> str:
    inhoud = lees_bytes(path)
    try:
        text = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvoerFout(path, f"byte {exc.start}", "het bestand is geen UTF-8-tekst (sla op als CSV UTF-8)") from None
    if "\x00" in text:
        regel = text.count("\n", 0, text.index("\x00")) + 1
        raise InvoerFout(path, f"regel {regel}", "bevat een NUL-teken, verwacht gewone tekst")
    return text


def _sniff_dialect(path: Path, text: str) -> tuple[str, str]:
    """Delimiter and decimal sign. Dutch Excel saves ``;`` with decimal commas: read that too."""
    kopregel = text.splitlines()[0]
    if ";" in kopregel and "," not in kopregel:
        return ";", ","
    if "," in kopregel:
        return ",", "."
    raise InvoerFout(
        path, "kopregel", f"{kort(kopregel)} is geen CSV-kopregel, verwacht kolommen gescheiden door ',' of ';'"
    )


def read_csv_strict(path: Path, kolommen: tuple[str, ...], decimale_kolommen: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a CSV as text cells, with exactly the expected columns (none missing, none unknown).

    In a ``;``-separated file the ``decimale_kolommen`` may use a decimal comma.
    """
    text = _read_text(path)
    if not text.strip():
        raise InvoerFout(path, "", "het bestand is leeg, verwacht een kopregel en minstens één rij")
    delimiter, decimal = _sniff_dialect(path, text)
    try:
        kop = [c.strip() for c in next(csv.reader(io.StringIO(text), delimiter=delimiter))]
    except (csv.Error, StopIteration) as exc:
        raise InvoerFout(path, "kopregel", f"onleesbare CSV ({exc})") from None
    # Check the header as written: pandas would rename a second 'meldingen' to 'meldingen.1'.
    for i, kolom in enumerate(kop):
        if kolom in kop[:i]:
            raise InvoerFout(path, "kopregel", f"kolom {kort(kolom)} staat er twee keer, verwacht elke kolom één keer")
    ontbrekend = [k for k in kolommen if k not in kop]
    if ontbrekend:
        raise InvoerFout(
            path, "kopregel", f"kolom {ontbrekend[0]!r} ontbreekt, verwacht de kolommen {', '.join(kolommen)}"
        )
    onbekend = [k for k in kop if k not in kolommen]
    if onbekend:
        raise InvoerFout(
            path, "kopregel", f"kolom {kort(onbekend[0])} is onbekend, verwacht de kolommen {', '.join(kolommen)}"
        )
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        regel = re.search(r"line (\d+)", str(exc))
        plaats = f"regel {regel.group(1)}" if regel else ""
        raise InvoerFout(
            path, plaats, "onleesbare CSV: een rij heeft meer cellen dan de kopregel, of een aanhalingsteken sluit niet"
        ) from None
    df.columns = [c.strip() for c in df.columns]
    if df.empty:
        raise InvoerFout(path, "", "het bestand heeft geen rijen, verwacht minstens één rij")
    df = df.apply(lambda s: s.str.strip())
    if decimal == ",":
        for kolom in decimale_kolommen:
            df[kolom] = df[kolom].str.replace(",", ".", regex=False)
    return df[list(kolommen)]


# A number in a CSV cell as a person writes it: digits, one decimal point (a comma is turned into one
# for Dutch Excel files), a minus sign. Python's int() and float() (and so pydantic) also take '4_400',
# '5_8.9', '+4400' or ' 1e3': a typo there must not become a figure silently (YAML refuses them too).
_CSV_GETAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_CSV_GEHEEL = re.compile(r"-?[0-9]+")


def _getal_soort(model: type[BaseModel], kolom: str) -> type | None:
    """``int`` or ``float`` when the model's field ``kolom`` is a number (also ``int | None``), else None."""
    veld = model.model_fields.get(kolom)
    soorten = (typing.get_args(veld.annotation) or (veld.annotation,)) if veld else ()
    return next((s for s in (int, float) if s in soorten), None)


def _check_getallen(record: dict, model: type[BaseModel]) -> tuple[str, str] | None:
    """(kolom, message) of the first number cell that is not written as plain digits; None when all are."""
    for kolom, waarde in record.items():
        soort = _getal_soort(model, kolom)
        if soort is None or not isinstance(waarde, str) or waarde == "":
            continue
        patroon = _CSV_GEHEEL if soort is int else _CSV_GETAL
        if not patroon.fullmatch(waarde):
            if soort is int:
                return kolom, f"{kort(waarde)} is geen geheel getal, verwacht alleen cijfers (zonder _, + of e)"
            return (
                kolom,
                f"{kort(waarde)} is geen getal, verwacht cijfers met hoogstens één decimaalteken (zonder _, + of e)",
            )
    return None


def _validate_rows(path: Path, df: pd.DataFrame, model: type[BaseModel], sleutel: str) -> list[BaseModel]:
    """Validate each row with a pydantic model; the first error names row (by key) and column."""
    rijen = []
    for i, record in enumerate(df.to_dict(orient="records")):
        label = record.get(sleutel) or f"regel {i + 2}"
        if (fout := _check_getallen(record, model)) is not None:
            raise InvoerFout(path, f"{sleutel} {label!r}, kolom {fout[0]}", fout[1])
        try:
            rijen.append(model.model_validate(record))
        except ValidationError as exc:
            err = exc.errors()[0]
            kolom = ".".join(str(p) for p in err["loc"]) or "rij"
            raise InvoerFout(path, f"{sleutel} {label!r}, kolom {kolom}", beschrijf_pydantic_fout(err)) from None
    return rijen


def _check_unique(path: Path, waarden: list[str], sleutel: str) -> None:
    gezien = set()
    for w in waarden:
        if w in gezien:
            raise InvoerFout(path, f"{sleutel} {w!r}", f"komt twee keer voor, verwacht elke {sleutel} één keer")
        gezien.add(w)


def load_volumes(path: Path) -> pd.DataFrame:
    """``volumes.csv``: one row per period of Bijlage 2, in file order, indexed by nothing."""
    df = read_csv_strict(path, VOLUME_KOLOMMEN, decimale_kolommen=("fte_structureel", "fte_incidenteel"))
    rijen = _validate_rows(path, df, VolumeRij, "periode")
    _check_unique(path, [r.periode for r in rijen], "periode")
    out = pd.DataFrame([r.model_dump() for r in rijen])
    return out.astype({k: "int64" for k in ("jaar", *TELLINGEN)})


# --- claims.csv ----------------------------------------------------------------------------------

# Volume-to-fte statements of a source document (e.g. impactanalyse 2024, B. Terugdringen): the fte the
# source says a volume needs, and the counts it states. A count the claim does not state is an empty
# cell: the claim check fills it from the base mix of the run (scenarios.controleer_claims).
CLAIM_KOLOMMEN = ("claim_id", "jaar", "fte_volgens_bron", *TELLINGEN, "bron")


class ClaimRij(BaseModel):
    """One claim: meldingen always stated, the other counts optional (empty cell = not stated)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    claim_id: str = Field(min_length=1)
    jaar: int = Field(ge=2000, le=2100)
    fte_volgens_bron: float = Field(ge=0, le=500)
    meldingen: int = Field(ge=0, le=MAX_TELLING)
    overdragen: int | None = Field(default=None, ge=0, le=MAX_TELLING)
    overdracht_ondersteuning: int | None = Field(default=None, ge=0, le=MAX_TELLING)
    onderzoek: int | None = Field(default=None, ge=0, le=MAX_TELLING)
    adviezen: int | None = Field(default=None, ge=0, le=MAX_TELLING)
    monitoring: int | None = Field(default=None, ge=0, le=MAX_TELLING)
    bron: str = Field(min_length=1)

    @field_validator("overdragen", "overdracht_ondersteuning", "onderzoek", "adviezen", "monitoring", mode="before")
    @classmethod
    def _leeg_is_niet_genoemd(cls, waarde: object) -> object:
        return None if waarde == "" else waarde


def load_claims(path: Path) -> pd.DataFrame:
    """``claims.csv``: one row per claim; unstated counts are ``<NA>`` (nullable Int64)."""
    df = read_csv_strict(path, CLAIM_KOLOMMEN, decimale_kolommen=("fte_volgens_bron",))
    rijen = _validate_rows(path, df, ClaimRij, "claim_id")
    _check_unique(path, [r.claim_id for r in rijen], "claim_id")
    out = pd.DataFrame([r.model_dump() for r in rijen], columns=list(CLAIM_KOLOMMEN))
    return out.astype({"jaar": "int64", "fte_volgens_bron": "float64", **{k: "Int64" for k in TELLINGEN}})


# --- normen.yaml -------------------------------------------------------------------------------


class Norm(BaseModel):
    """Hours for one product, and which count of volumes.csv they multiply (Bijlage 1)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    uren: float = Field(ge=0, le=1000)
    telling: Literal["meldingen", "overdragen", "overdracht_ondersteuning", "onderzoek", "adviezen", "monitoring"]
    eenheid: str
    omschrijving: str


class Normset(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    naam: str
    toegepast: bool
    bron: str
    # A full-time year has 2.080 hours; fewer than 100 productive hours per fte is a typo, not a norm.
    uren_per_fte: float = Field(ge=100, le=2080)
    bron_uren_per_fte: str
    producten: dict[str, Norm] = Field(min_length=1)


# Result columns are named ``fte_<normset>`` and ``gap_<normset>`` beside fixed ones such as
# ``fte_beschikbaar``; these names would collide, and an underscore could collide with a band column.
GERESERVEERDE_NORMSETS = ("beschikbaar", "structureel", "incidenteel", "benodigd", "rekentool", "volgens")


class Normen(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    normsets: dict[str, Normset] = Field(min_length=1)

    @field_validator("normsets")
    @classmethod
    def _namen(cls, normsets: dict[str, Normset]) -> dict[str, Normset]:
        for naam in normsets:
            if not naam.isascii() or not naam.isalnum() or not naam[0].isalpha() or not naam.islower():
                raise ValueError(f"normset {naam!r}: verwacht een naam van kleine letters en cijfers (zonder _)")
            if naam in GERESERVEERDE_NORMSETS:
                raise ValueError(
                    f"normset {naam!r} is een gereserveerde naam, verwacht een andere dan: "
                    + ", ".join(GERESERVEERDE_NORMSETS)
                )
        return normsets


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
    """A YAML float written with a thousands dot (``1.500``): its repr is the text as typed, so a message
    says ``1.500``, not ``1.5``, and a person sees the dot that made it a fraction."""

    tekst: str

    def __repr__(self) -> str:
        return self.tekst


_DUIZENDTALLEN = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{3})+")


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


def _load_yaml(path: Path) -> object:
    text = _read_text(path)
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
    return inhoud


def load_normen(path: Path) -> Normen:
    """``normen.yaml``: the normsets of Bijlage 1 (regionaal, landelijk)."""
    try:
        return Normen.model_validate(_load_yaml(path))
    except ValidationError as exc:
        raise from_validation_error(path, exc) from None


# --- kengetallen.yaml ----------------------------------------------------------------------------


class Kengetal(BaseModel):
    """One figure of the seed with its unit and the place in the seed it comes from."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    # Euro amounts of a region stay far below a billion; more is a typo (and keeps every product finite).
    waarde: float = Field(le=1e9)
    eenheid: str
    bron: str


# A figure that differs per year is a mapping year → figure: a new year is a data edit, not a code change.
Jaar = Annotated[int, Field(ge=2000, le=2100)]
PerJaar = Annotated[dict[Jaar, Kengetal], Field(min_length=1)]


class _KengetallenControle(BaseModel):
    """The checks every kengetal gets, in the file and in a run: percentages 0–100, other figures ≥ 0."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @model_validator(mode="after")
    def _check_pct(self):
        for naam, waarde in self:
            items = waarde.items() if isinstance(waarde, dict) else [(None, waarde)]
            for jaar, kg in items:
                if kg.eenheid == "%" and not 0 <= kg.waarde <= 100:
                    plek = f"{naam}.{jaar}" if jaar is not None else naam
                    raise ValueError(f"sleutel {plek}.waarde: {kort(kg.waarde)} is geen percentage, verwacht 0 tot 100")
                if kg.eenheid == "ja/nee" and kg.waarde not in (0, 1):
                    plek = f"{naam}.{jaar}" if jaar is not None else naam
                    raise ValueError(
                        f"sleutel {plek}.waarde: {kort(kg.waarde)} is geen ja/nee, verwacht 1 (ja) of 0 (nee)"
                    )
                if kg.eenheid != "%" and kg.waarde < 0:
                    plek = f"{naam}.{jaar}" if jaar is not None else naam
                    raise ValueError(f"sleutel {plek}.waarde: {kort(kg.waarde)} is negatief, verwacht ≥ 0")
        return self


class Kengetallen(_KengetallenControle):
    """Named figures one run uses besides the volumes; every one carries its source.

    Figures of one year (verzuim, fte beschikbaar, the winstwaarschuwing's prognosis, ...) are keyed
    by year; params.check_kengetallen_jaren checks that every year a run uses is there. The figures that
    age (:data:`VEROUDEREND`) are keyed by year in the file (:class:`KengetallenBestand`); a run holds the
    one of its year (:func:`kengetallen_voor`), so no figure of an earlier edition carries a new label.
    """

    kosten_per_fte_euro: Kengetal
    fte_gevraagd: PerJaar
    indexatie_gevraagd_pct: Kengetal
    indexatie_gevraagd_euro: Kengetal
    indexatie_toegekend_pct: Kengetal
    indexatie_toegekend_euro: Kengetal
    voit_kosten_euro: Kengetal
    voit_uren_per_week_per_lokaal_team: Kengetal
    veiligheid_voorop_fte: Kengetal
    veiligheid_voorop_kosten_euro: Kengetal
    # Whether the norm hours already cover VOiT and Veiligheid Voorop (1) or they come on top (0).
    programmas_in_normuren: Kengetal
    triage_binnen_5_werkdagen_norm_pct: Kengetal
    triage_binnen_5_werkdagen_realisatie_pct: Kengetal
    onderzoek_binnen_10_weken_norm_pct: Kengetal
    onderzoek_binnen_10_weken_realisatie_pct: Kengetal
    klanttevredenheid_cijfer: Kengetal
    verzuim_norm_pct: Kengetal
    verzuim_pct: PerJaar
    politie_aandeel_meldingen_pct: Kengetal
    politie_teruggelegd_pct: Kengetal
    politie_afgerond_zonder_inzet_pct: Kengetal
    politie_naar_jpt_pct: Kengetal
    politie_meldingen: PerJaar
    politie_teruggelegd: PerJaar
    afgerond_zonder_inzet: PerJaar
    lokaal_team_aandeel_meldingen_pct: Kengetal
    # The largest fall of the non-police meldingen a year that is plausible (an assumption with its reasoning).
    b_plausibele_daling_overige_pct: Kengetal
    winstwaarschuwing_meldingen: PerJaar
    winstwaarschuwing_adviezen: PerJaar
    fte_beschikbaar: PerJaar
    crisisinterventies_min: Kengetal
    crisisinterventies_max: Kengetal
    huisverbod_buiten_kantooruren: Kengetal
    hoorfunctie_wvggz: Kengetal
    crisis_overdracht_binnen_48_uur_pct: Kengetal
    crisis_overdracht_termijn_uur: Kengetal


# Figures that age, keyed by year in kengetallen.yaml; the year a run takes follows from its params
# (params.benodigde_kengetallen). The begroting's agreements and prices hold for the begroting year (the
# year of aanvraag_periode, else besluit_periode): the prestatie-indicatoren as submitted, the CIT's
# agreements, the indexation of the subsidy (winstwaarschuwing 1), the programmes' costs, the price of an
# fte. The police and lokaal-team shares describe the last closed year before the peilmoment (the seed's
# shares are of 2023, at BURAP 2 2024). The legal-term realisations belong to the queue model's start state.
PER_BEGROTINGSJAAR = (
    "kosten_per_fte_euro",
    "indexatie_gevraagd_pct",
    "indexatie_gevraagd_euro",
    "indexatie_toegekend_pct",
    "indexatie_toegekend_euro",
    "voit_kosten_euro",
    "voit_uren_per_week_per_lokaal_team",
    "veiligheid_voorop_fte",
    "veiligheid_voorop_kosten_euro",
    "klanttevredenheid_cijfer",
    "crisisinterventies_min",
    "crisisinterventies_max",
    "huisverbod_buiten_kantooruren",
    "hoorfunctie_wvggz",
    "crisis_overdracht_binnen_48_uur_pct",
)
PER_VORIG_JAAR = (
    "politie_aandeel_meldingen_pct",
    "politie_teruggelegd_pct",
    "politie_afgerond_zonder_inzet_pct",
    "politie_naar_jpt_pct",
    "lokaal_team_aandeel_meldingen_pct",
)
# The legal-term shares measured at the peilmoment (the queue model's calibration target), by its year.
PER_PEILJAAR = ("triage_binnen_5_werkdagen_realisatie_pct", "onderzoek_binnen_10_weken_realisatie_pct")
VEROUDEREND = PER_BEGROTINGSJAAR + PER_VORIG_JAAR + PER_PEILJAAR

# kengetallen.yaml as written: the same keys, the aging ones as a mapping year → figure.
KengetallenBestand = create_model(
    "KengetallenBestand",
    __base__=_KengetallenControle,
    __doc__="kengetallen.yaml as written: every figure that ages is a mapping year → figure.",
    **{
        naam: ((PerJaar, ...) if naam in VEROUDEREND else (veld.annotation, veld))
        for naam, veld in Kengetallen.model_fields.items()
    },
)


def kengetallen_voor(bestand: BaseModel, jaren: dict[str, int]) -> Kengetallen:
    """The kengetallen of one run: each aging figure of the year ``jaren`` names (checked to be there)."""
    inhoud = dict(bestand)
    for naam in VEROUDEREND:
        inhoud[naam] = getattr(bestand, naam)[jaren[naam]]
    return Kengetallen.model_validate(inhoud)


def load_kengetallen(path: Path) -> BaseModel:
    """``kengetallen.yaml``: the other figures of the seed, each with unit and source (a KengetallenBestand)."""
    try:
        return KengetallenBestand.model_validate(_load_yaml(path))
    except ValidationError as exc:
        err = exc.errors()[0]
        if err["type"] == "value_error":
            raise InvoerFout(path, "", str(err["ctx"]["error"])) from None
        raise from_validation_error(path, exc) from None


def kengetallen_frame(kg: Kengetallen) -> pd.DataFrame:
    """All kengetallen as a table (naam, waarde, eenheid, bron) for the method chapter."""
    rows = []
    for naam, waarde in kg:
        if isinstance(waarde, dict):
            rows += [{"naam": f"{naam} {jaar}", **v.model_dump()} for jaar, v in waarde.items()]
        else:
            rows.append({"naam": naam, **waarde.model_dump()})
    return pd.DataFrame(rows)


# --- wachttijden.yaml ------------------------------------------------------------------------------


class Vakantie(BaseModel):
    """Weeks (1–52) in which the formation works at a reduced capacity (a stated assumption)."""

    model_config = ConfigDict(extra="forbid")

    naam: str = Field(min_length=1)
    weken: list[int] = Field(min_length=1)
    capaciteit_pct: float = Field(gt=0, le=100)
    bron: str = Field(min_length=1)

    @field_validator("weken")
    @classmethod
    def _weeknummers(cls, weken: list[int]) -> list[int]:
        fout = next((w for w in weken if not 1 <= w <= 52), None)
        if fout is not None:
            raise ValueError(f"week {fout} bestaat niet, verwacht weeknummers 1 tot en met 52")
        return weken


class Maandprofiel(BaseModel):
    """Twelve month factors on the meldingen (mean 1)."""

    model_config = ConfigDict(extra="forbid")

    waarden: list[float] = Field(min_length=12, max_length=12)
    eenheid: str
    bron: str = Field(min_length=1)

    @field_validator("waarden")
    @classmethod
    def _gemiddeld_een(cls, waarden: list[float]) -> list[float]:
        if min(waarden) <= 0 or abs(sum(waarden) / 12 - 1) > 0.01:
            raise ValueError(f"{waarden!r} zijn geen 12 positieve maandfactoren met gemiddelde 1")
        return waarden


class Wachtlijsten(BaseModel):
    """The queues at a peilmoment (wachttijden.yaml, ``beginstand``): the measured waiting lists with their
    source (``methode: wachtlijst``), or the run-in from an empty queue as an explicitly chosen fallback
    (``methode: inloop``, with a source that says why)."""

    model_config = ConfigDict(extra="forbid")

    methode: Literal["inloop", "wachtlijst"]
    bron: str = Field(min_length=1)
    meldingen_wachtend: Kengetal | None = None
    onderzoeken_open: Kengetal | None = None

    @model_validator(mode="after")
    def _compleet(self):
        namen = ("meldingen_wachtend", "onderzoeken_open")
        ontbreekt = [n for n in namen if getattr(self, n) is None]
        if self.methode == "wachtlijst" and ontbreekt:
            raise ValueError(f"methode wachtlijst vraagt ook {' en '.join(ontbreekt)} (waarde, eenheid, bron)")
        for n in namen:
            kg = getattr(self, n)
            if kg is not None and (kg.waarde < 0 or kg.waarde != int(kg.waarde)):
                raise ValueError(f"sleutel {n}.waarde: {kg.waarde!r}, verwacht een aantal zaken (0 of meer)")
        return self


class Wachtrijaannames(BaseModel):
    """The assumptions of the queue model for the legal terms, each with unit and source."""

    model_config = ConfigDict(extra="forbid")

    werkdagen_per_jaar: Kengetal
    termijn_triage_werkdagen: Kengetal
    termijn_onderzoek_werkdagen: Kengetal
    acuut_triage_pct: Kengetal
    variatiecoefficient_werk_triage: Kengetal
    variatiecoefficient_werk_onderzoek: Kengetal
    uren_per_werkdag_triage: Kengetal
    uren_per_werkdag_onderzoek: Kengetal
    vakanties: list[Vakantie]
    maandprofiel_meldingen: Maandprofiel
    # Per peilmoment (a period of volumes.csv): the queues the projection starts from.
    beginstand: dict[str, Wachtlijsten] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _bereik(self):
        for naam, (laag, hoog) in {
            "werkdagen_per_jaar": (200, 261),
            "termijn_triage_werkdagen": (1, 100),
            "termijn_onderzoek_werkdagen": (1, 250),
            "acuut_triage_pct": (0, 50),
            "variatiecoefficient_werk_triage": (0.05, 3),
            "variatiecoefficient_werk_onderzoek": (0.05, 3),
            "uren_per_werkdag_triage": (0.1, 24),
            "uren_per_werkdag_onderzoek": (0.1, 24),
        }.items():
            waarde = getattr(self, naam).waarde
            if not laag <= waarde <= hoog:
                raise ValueError(f"sleutel {naam}.waarde: {waarde!r} is buiten het bereik, verwacht {laag} tot {hoog}")
        return self


def load_wachttijden(path: Path) -> Wachtrijaannames:
    """``wachttijden.yaml``: the stated assumptions of the queue model."""
    try:
        return Wachtrijaannames.model_validate(_load_yaml(path))
    except ValidationError as exc:
        err = exc.errors()[0]
        if err["type"] == "value_error":
            raise InvoerFout(path, ".".join(str(p) for p in err["loc"]), str(err["ctx"]["error"])) from None
        raise from_validation_error(path, exc) from None


# --- the dataset as a whole ------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """All validated inputs of one data directory.

    ``kengetallen`` is the file as written (a KengetallenBestand) until a run takes its years from it
    (run.load_run): then it holds the run's :class:`Kengetallen`, and ``kengetallen_bestand`` the file.
    """

    directory: Path
    volumes: pd.DataFrame
    normen: Normen
    kengetallen: Kengetallen
    claims: pd.DataFrame
    wachttijden: Wachtrijaannames
    kengetallen_bestand: BaseModel | None = None

    def bestanden(self) -> list[Path]:
        """The input files this dataset was read from (for the manifest)."""
        return sorted(p for p in self.directory.iterdir() if p.is_file() and p.suffix in (".csv", ".yaml"))


def load_dataset(data_dir: Path | str = paths.DATA_DIR) -> Dataset:
    """Load and validate every file of a data directory; the first bad file stops everything."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InvoerFout(data_dir, "", "map met datasets ontbreekt")
    kengetallen = load_kengetallen(data_dir / paths.KENGETALLEN_FILE)
    return Dataset(
        directory=data_dir,
        volumes=load_volumes(data_dir / paths.VOLUMES_FILE),
        normen=load_normen(data_dir / paths.NORMEN_FILE),
        kengetallen=kengetallen,
        claims=load_claims(data_dir / paths.CLAIMS_FILE),
        wachttijden=load_wachttijden(data_dir / paths.WACHTTIJDEN_FILE),
        kengetallen_bestand=kengetallen,
    )
