"""The risks the board decides with (``data/risicos.yaml``): owner, moment, mitigation and source per risk.

The facts of a risk (who carries it, when it plays, what makes it smaller) are data with their source in the
seed ('Beoordeling van de impact AB-besluit', 'Winstwaarschuwing 1', 'C. Procesoptimalisatie'), not prose
typed into a chapter. Its size is a figure of the run: ``omvang`` is a short phrase with ``{name}`` fields
that name key figures of the results (section ``kerncijfers``), filled in when the run is computed, so the
table shows the run's own figures.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis.errors import InvoerFout, from_validation_error
from vt_analysis.invoer.yamllaag import load_yaml

RISICOS_FILE = "risicos.yaml"

# The options of the decision table a risk can belong to: doing nothing and the three directions.
Richting = Literal["niets_doen", "A", "B", "C"]
KOLOMMEN = ["id", "naam", "risico", "wanneer", "eigenaar", "beperking", "richtingen", "omvang", "bron"]

_Tekst = Field(min_length=1, max_length=300)


class Risico(BaseModel):
    """One risk as the seed names it, with what the board needs to weigh it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)
    naam: str = Field(min_length=1, max_length=40)
    risico: str = _Tekst
    wanneer: str = _Tekst
    eigenaar: str = _Tekst
    beperking: str = _Tekst
    richtingen: list[Richting] = Field(min_length=1)
    omvang: str | None = Field(default=None, min_length=1, max_length=300)
    bron: str = _Tekst


class Risicos(BaseModel):
    model_config = ConfigDict(extra="forbid")

    risicos: list[Risico] = Field(min_length=1)


def load_risicos(path: Path) -> pd.DataFrame:
    """``risicos.yaml``: one row per risk (columns :data:`KOLOMMEN`); ids unique, ``omvang`` well formed."""
    try:
        model = Risicos.model_validate(load_yaml(path))
    except ValidationError as exc:
        raise from_validation_error(path, exc) from None
    gezien: set[str] = set()
    for i, r in enumerate(model.risicos):
        if r.id in gezien:
            raise InvoerFout(path, f"sleutel risicos[{i}].id", f"{r.id!r} staat er twee keer, verwacht een unieke id")
        gezien.add(r.id)
        if r.omvang is not None:
            _velden_van(r.omvang, path, f"sleutel risicos[{i}].omvang")
    rijen = [r.model_dump() for r in model.risicos]
    return pd.DataFrame(rijen, columns=KOLOMMEN)


def _velden_van(sjabloon: str, path: Path | str, plaats: str) -> list[str]:
    """The key-figure names of an ``omvang`` phrase; a malformed brace is a Dutch error."""
    try:
        delen = list(string.Formatter().parse(sjabloon))
    except ValueError:
        raise InvoerFout(path, plaats, f"{sjabloon!r} heeft een losse accolade, verwacht {{naam}}") from None
    namen = []
    for _, naam, spec, conversie in delen:
        if naam is None:
            continue
        if not naam.isidentifier() or spec or conversie:
            raise InvoerFout(path, plaats, f"{{{naam}}} is geen naam, verwacht {{naam}} van een kerncijfer")
        namen.append(naam)
    return namen


def _opmaak(naam: str, waarde: float) -> str:
    """A key figure in the report's notation, by the unit its name ends in (the kerncijfers convention)."""
    if naam.endswith("_pct"):
        return fmt.procent(waarde)
    if naam.endswith("_euro"):
        return fmt.euro(waarde)
    if naam.endswith("_fte") or naam.startswith("a_extra_fte_"):
        return fmt.fte(waarde, eenheid=True)
    return fmt.getal(waarde, fmt.decimalen_voor(waarde, 2))


def vul_omvang(risicos: pd.DataFrame, kerncijfers: dict[str, float], path: Path | str) -> pd.DataFrame:
    """The risks with ``omvang`` filled in from the run's key figures; an unknown name stops the run."""
    uit = risicos.copy()
    ingevuld = []
    for i, sjabloon in enumerate(uit["omvang"]):
        if sjabloon is None or sjabloon != sjabloon:
            ingevuld.append(None)
            continue
        waarden = {}
        for naam in _velden_van(sjabloon, path, f"sleutel risicos[{i}].omvang"):
            if naam not in kerncijfers:
                bekend = ", ".join(sorted(kerncijfers))
                melding = f"{{{naam}}} is geen kerncijfer van de run, verwacht een van {bekend}"
                raise InvoerFout(path, f"sleutel risicos[{i}].omvang", melding)
            waarden[naam] = _opmaak(naam, kerncijfers[naam])
        ingevuld.append(sjabloon.format(**waarden))
    uit["omvang"] = ingevuld
    return uit


def geen_risicos() -> pd.DataFrame:
    """The empty risk table (a data folder without ``risicos.yaml``)."""
    return pd.DataFrame(columns=KOLOMMEN)
