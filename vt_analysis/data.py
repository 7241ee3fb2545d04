"""Loaders and validators for the datasets in ``data/``: one loader per file.

Every loader validates before it returns; bad input raises :class:`InvoerFout` with one line that
names the file, the row or key, the value and what was expected.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import paths
from .errors import InvoerFout, beschrijf_pydantic_fout, from_validation_error

# The six counts of Bijlage 2, in the seed's order.
TELLINGEN = ("meldingen", "overdragen", "overdracht_ondersteuning", "onderzoek", "adviezen", "monitoring")
VOLUME_KOLOMMEN = ("periode", "jaar", "status", *TELLINGEN, "fte_structureel", "fte_incidenteel", "bron")


class VolumeRij(BaseModel):
    """One period of Bijlage 2: counts are whole and non-negative, fte within a plausible range."""

    model_config = ConfigDict(extra="forbid")

    periode: str = Field(min_length=1)
    jaar: int = Field(ge=2000, le=2100)
    status: Literal["realisatie", "prognose", "begroting"]
    meldingen: int = Field(ge=0)
    overdragen: int = Field(ge=0)
    overdracht_ondersteuning: int = Field(ge=0)
    onderzoek: int = Field(ge=0)
    adviezen: int = Field(ge=0)
    monitoring: int = Field(ge=0)
    # A VT of 25 organisations' size: more than 500 fte is a typo, not a formation.
    fte_structureel: float = Field(ge=0, le=500)
    fte_incidenteel: float = Field(ge=0, le=500)
    bron: str = Field(min_length=1)


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InvoerFout(path, "", "bestand ontbreekt")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvoerFout(path, f"byte {exc.start}", "het bestand is geen UTF-8-tekst (sla op als CSV UTF-8)") from None


def _sniff_dialect(path: Path, text: str) -> tuple[str, str]:
    """Delimiter and decimal sign. Dutch Excel saves ``;`` with decimal commas: read that too."""
    kopregel = text.splitlines()[0]
    if ";" in kopregel and "," not in kopregel:
        return ";", ","
    if "," in kopregel:
        return ",", "."
    raise InvoerFout(
        path, "kopregel", f"{kopregel!r} is geen CSV-kopregel, verwacht kolommen gescheiden door ',' of ';'"
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
        df = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    except pd.errors.ParserError as exc:
        raise InvoerFout(path, "", f"onleesbare CSV ({exc})") from None
    df.columns = [c.strip() for c in df.columns]
    ontbrekend = [k for k in kolommen if k not in df.columns]
    if ontbrekend:
        raise InvoerFout(
            path, "kopregel", f"kolom {ontbrekend[0]!r} ontbreekt, verwacht de kolommen {', '.join(kolommen)}"
        )
    onbekend = [k for k in df.columns if k not in kolommen]
    if onbekend:
        raise InvoerFout(
            path, "kopregel", f"kolom {onbekend[0]!r} is onbekend, verwacht de kolommen {', '.join(kolommen)}"
        )
    if df.empty:
        raise InvoerFout(path, "", "het bestand heeft geen rijen, verwacht minstens één rij")
    df = df.apply(lambda s: s.str.strip())
    if decimal == ",":
        for kolom in decimale_kolommen:
            df[kolom] = df[kolom].str.replace(",", ".", regex=False)
    return df[list(kolommen)]


def _validate_rows(path: Path, df: pd.DataFrame, model: type[BaseModel], sleutel: str) -> list[BaseModel]:
    """Validate each row with a pydantic model; the first error names row (by key) and column."""
    rijen = []
    for i, record in enumerate(df.to_dict(orient="records")):
        try:
            rijen.append(model.model_validate(record))
        except ValidationError as exc:
            err = exc.errors()[0]
            kolom = ".".join(str(p) for p in err["loc"]) or "rij"
            label = record.get(sleutel) or f"regel {i + 2}"
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

    model_config = ConfigDict(extra="forbid")

    claim_id: str = Field(min_length=1)
    jaar: int = Field(ge=2000, le=2100)
    fte_volgens_bron: float = Field(ge=0, le=500)
    meldingen: int = Field(ge=0)
    overdragen: int | None = Field(default=None, ge=0)
    overdracht_ondersteuning: int | None = Field(default=None, ge=0)
    onderzoek: int | None = Field(default=None, ge=0)
    adviezen: int | None = Field(default=None, ge=0)
    monitoring: int | None = Field(default=None, ge=0)
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

    model_config = ConfigDict(extra="forbid")

    uren: float = Field(ge=0)
    telling: Literal["meldingen", "overdragen", "overdracht_ondersteuning", "onderzoek", "adviezen", "monitoring"]
    eenheid: str
    omschrijving: str


class Normset(BaseModel):
    model_config = ConfigDict(extra="forbid")

    naam: str
    toegepast: bool
    bron: str
    uren_per_fte: float = Field(gt=0, le=2080)
    bron_uren_per_fte: str
    producten: dict[str, Norm] = Field(min_length=1)


# Result columns are named ``fte_<normset>`` and ``gap_<normset>`` beside fixed ones such as
# ``fte_beschikbaar``; these names would collide, and an underscore could collide with a band column.
GERESERVEERDE_NORMSETS = ("beschikbaar", "structureel", "incidenteel", "benodigd", "rekentool", "volgens")


class Normen(BaseModel):
    model_config = ConfigDict(extra="forbid")

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


def _load_yaml(path: Path) -> object:
    text = _read_text(path)
    try:
        inhoud = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        plaats = f"regel {mark.line + 1}" if mark else ""
        raise InvoerFout(path, plaats, f"geen geldige YAML ({getattr(exc, 'problem', exc)})") from None
    if inhoud is None:
        raise InvoerFout(path, "", "het bestand is leeg")
    if not isinstance(inhoud, dict):
        raise InvoerFout(path, "", f"{type(inhoud).__name__} gevonden, verwacht secties met sleutel: waarde")
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

    model_config = ConfigDict(extra="forbid")

    waarde: float
    eenheid: str
    bron: str


class Kengetallen(BaseModel):
    """Named figures the report uses besides the volumes; every one carries its source."""

    model_config = ConfigDict(extra="forbid")

    kosten_per_fte_euro: Kengetal
    fte_gevraagd_2025: Kengetal
    indexatie_gevraagd_pct: Kengetal
    indexatie_gevraagd_euro: Kengetal
    indexatie_toegekend_pct: Kengetal
    indexatie_toegekend_euro: Kengetal
    voit_kosten_euro: Kengetal
    voit_uren_per_week_per_lokaal_team: Kengetal
    veiligheid_voorop_fte: Kengetal
    veiligheid_voorop_kosten_euro: Kengetal
    triage_binnen_5_werkdagen_norm_pct: Kengetal
    triage_binnen_5_werkdagen_realisatie_pct: Kengetal
    onderzoek_binnen_10_weken_norm_pct: Kengetal
    onderzoek_binnen_10_weken_realisatie_pct: Kengetal
    klanttevredenheid_cijfer: Kengetal
    verzuim_norm_pct: Kengetal
    verzuim_pct: dict[int, Kengetal]
    politie_aandeel_meldingen_pct: Kengetal
    politie_teruggelegd_pct: Kengetal
    politie_afgerond_zonder_inzet_pct: Kengetal
    politie_naar_jpt_pct: Kengetal
    politie_meldingen_2023: Kengetal
    politie_teruggelegd_2023: Kengetal
    afgerond_zonder_inzet_2023: Kengetal
    lokaal_team_aandeel_meldingen_pct: Kengetal
    winstwaarschuwing_meldingen_2025: Kengetal
    winstwaarschuwing_adviezen_2025: Kengetal
    fte_beschikbaar: dict[int, Kengetal]
    crisisinterventies_min: Kengetal
    crisisinterventies_max: Kengetal
    huisverbod_buiten_kantooruren: Kengetal
    hoorfunctie_wvggz: Kengetal
    crisis_overdracht_binnen_48_uur_pct: Kengetal
    crisis_overdracht_termijn_uur: Kengetal

    @model_validator(mode="after")
    def _check_pct(self):
        for naam, waarde in self:
            items = waarde.items() if isinstance(waarde, dict) else [(None, waarde)]
            for jaar, kg in items:
                if kg.eenheid == "%" and not 0 <= kg.waarde <= 100:
                    plek = f"{naam}.{jaar}" if jaar is not None else naam
                    raise ValueError(f"sleutel {plek}.waarde: {kg.waarde!r} is geen percentage, verwacht 0 tot 100")
                if kg.eenheid != "%" and kg.waarde < 0:
                    plek = f"{naam}.{jaar}" if jaar is not None else naam
                    raise ValueError(f"sleutel {plek}.waarde: {kg.waarde!r} is negatief, verwacht ≥ 0")
        return self


def load_kengetallen(path: Path) -> Kengetallen:
    """``kengetallen.yaml``: the other figures of the seed, each with unit and source."""
    try:
        return Kengetallen.model_validate(_load_yaml(path))
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


# --- the dataset as a whole ------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """All validated inputs of one data directory."""

    map: Path
    volumes: pd.DataFrame
    normen: Normen
    kengetallen: Kengetallen
    claims: pd.DataFrame

    def bestanden(self) -> list[Path]:
        """The input files this dataset was read from (for the manifest)."""
        return sorted(p for p in self.map.iterdir() if p.is_file() and p.suffix in (".csv", ".yaml"))


def load_dataset(data_dir: Path | str = paths.DATA_DIR) -> Dataset:
    """Load and validate every file of a data directory; the first bad file stops everything."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InvoerFout(data_dir, "", "map met datasets ontbreekt")
    return Dataset(
        map=data_dir,
        volumes=load_volumes(data_dir / paths.VOLUMES_FILE),
        normen=load_normen(data_dir / paths.NORMEN_FILE),
        kengetallen=load_kengetallen(data_dir / paths.KENGETALLEN_FILE),
        claims=load_claims(data_dir / paths.CLAIMS_FILE),
    )
