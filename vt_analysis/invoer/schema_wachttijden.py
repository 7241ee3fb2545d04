"""The schema of ``wachttijden.yaml``: the queue model's stated assumptions and the queues at a peilmoment."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vt_analysis.basis import formatting as fmt
from vt_analysis.invoer.schema_kengetallen import Kengetal
from vt_analysis.invoer.schema_tellingen import MAX_TELLING


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
            raise ValueError(f"methode wachtlijst vraagt ook {fmt.opsomming(ontbreekt)} (waarde, eenheid, bron)")
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


# --- wachttijden_historie.csv (optional) ---------------------------------------------------------

# Measured history of the two queues per month (2024-03) or quarter (2024-K1): what arrived, the share of
# those finished within the term, and what was waiting at the period's end. Optional: without it the queue
# model is calibrated on the annual figures alone (and says so).
HISTORIE_KOLOMMEN = ("periode", "wachtrij", "instroom", "pct_binnen_termijn", "wachtend_eind", "bron")
_HISTORIE_PERIODE = re.compile(r"(?P<jaar>20[0-9]{2})-(?:(?P<maand>0[1-9]|1[0-2])|K(?P<kwartaal>[1-4]))")


class HistorieRij(BaseModel):
    """One period of one queue: counts whole and non-negative, the share a percentage."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    periode: str = Field(pattern=_HISTORIE_PERIODE.pattern)
    wachtrij: Literal["triage", "onderzoek"]
    instroom: int = Field(ge=0, le=MAX_TELLING)
    pct_binnen_termijn: float = Field(ge=0, le=100)
    wachtend_eind: int = Field(ge=0, le=MAX_TELLING)
    bron: str = Field(min_length=1)


def historie_maanden(periode: str) -> tuple[int, list[int]]:
    """Year and calendar months (1-12) of a history period: ``2024-03`` one month, ``2024-K1`` three."""
    m = _HISTORIE_PERIODE.fullmatch(periode)
    if m is None:
        raise ValueError(periode)
    if m["maand"]:
        return int(m["jaar"]), [int(m["maand"])]
    k = int(m["kwartaal"])
    return int(m["jaar"]), [3 * k - 2, 3 * k - 1, 3 * k]
