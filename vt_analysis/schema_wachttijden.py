"""The schema of ``wachttijden.yaml``: the queue model's stated assumptions and the queues at a peilmoment."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .schema_kengetallen import Kengetal


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
