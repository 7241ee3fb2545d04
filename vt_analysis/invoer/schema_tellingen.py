"""The schemas of ``volumes.csv``, ``claims.csv`` and ``normen.yaml`` (Bijlage 1 and 2 of the seed)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
