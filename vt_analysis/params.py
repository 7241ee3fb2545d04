"""Run parameters: one YAML file per run under ``report/params/``, validated before anything runs.

papermill only warns on unknown parameters and injects them anyway, so the whole file is parsed into
a pydantic model with ``extra="forbid"``; unknown keys get a did-you-mean suggestion.
"""

from __future__ import annotations

import difflib
import typing
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from .data import Dataset, _load_yaml
from .errors import InvoerFout, eerste_fout, from_validation_error
from .prognose import PrognoseParams, PrognoseVariant, prognose_jaren
from .scenarios import ScenarioAParams, ScenarioBParams, ScenarioCParams, VergelijkingParams
from .schema import Strikt
from .wachttijden import WachttijdenParams


class RunParams(Strikt):
    """One run of the impactanalyse (e.g. BURAP 2 2024)."""

    run_naam: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="naam van de run en van de outputmap")
    titel: str = Field(min_length=1)
    regio: str = Field(min_length=1)
    peilmoment: str = Field(min_length=1, description="periode uit volumes.csv die de huidige stand geeft")
    besluit_periode: str = Field(min_length=1, description="periode uit volumes.csv met het formatiebesluit")
    aanvraag_periode: str | None = Field(
        default=None, description="periode uit volumes.csv met de formatieaanvraag die aan het besluit voorafging"
    )
    documentdatum: date
    normset: str = Field(min_length=1, description="de toegepaste normset")
    normset_vergelijking: str | None = Field(default=None, description="de normset die ernaast getoond wordt")
    # The board document: text set, leading prognosis, status on the title page, the previous run.
    tekstset: str | None = Field(
        default=None, pattern=r"^[a-z0-9][a-z0-9-]*$", description="map in report/tekst/; leeg = run_naam"
    )
    leidende_prognose: PrognoseVariant = Field(
        default="winstwaarschuwing", description="de prognose waarop de samenvatting het tekort noemt"
    )
    illustratief: bool = Field(default=False, description="hefboomwaarden zijn illustratief, geen afspraken")
    status: Literal["concept", "definitief"] = Field(default="concept", description="status op de titelpagina")
    versie: str = Field(default="1.0", min_length=1, max_length=20, description="versie op de titelpagina")
    auteur: str = Field(default="Programmateam Veilig Thuis Zuid-Holland-Zuid", min_length=1, max_length=200)
    adressaat: str = Field(
        default="Algemeen Bestuur en Dagelijks Bestuur", min_length=1, max_length=200, description="aan wie"
    )
    vorige_run: str | None = Field(
        default=None, description="params-bestand van de vorige run (in report/params/), voor de wijzigingen"
    )
    # The prognose and the solution directions A, B, C (sections defined in prognose.py / scenarios.py).
    prognose: PrognoseParams = Field(default_factory=PrognoseParams)
    scenario_a: ScenarioAParams = Field(default_factory=ScenarioAParams)
    scenario_b: ScenarioBParams = Field(default_factory=ScenarioBParams)
    scenario_c: ScenarioCParams = Field(default_factory=ScenarioCParams)
    vergelijking: VergelijkingParams = Field(default_factory=VergelijkingParams)
    # The queue model for the legal terms (section defined in wachttijden.py).
    wachttijden: WachttijdenParams = Field(default_factory=WachttijdenParams)


def _section_model(annotation: object) -> type[BaseModel] | None:
    """The params model behind an annotation: the model itself, or inside ``list[...]`` / ``... | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        model = _section_model(arg)
        if model is not None:
            return model
    return None


def _suggest(model: type[BaseModel], loc: tuple) -> str:
    """Did-you-mean for an unknown key: the closest field name of the section it sits in (also in lists)."""
    section: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int):  # an item of a list section: same model
            continue
        field = section.model_fields.get(str(part)) if section else None
        section = _section_model(getattr(field, "annotation", None))
        if section is None:
            return ""
    matches = difflib.get_close_matches(str(loc[-1]), list(section.model_fields), n=1, cutoff=0.6)
    return f" (bedoelde je {matches[0]!r}?)" if matches else ""


def validate_params(inhoud: object, bron: Path | str = "params") -> RunParams:
    """Validate a params mapping; raise one InvoerFout for the first problem."""
    try:
        return RunParams.model_validate(inhoud)
    except ValidationError as exc:
        err = eerste_fout(exc)
        fout = from_validation_error(bron, exc)
        if err["type"] == "extra_forbidden":
            fout.melding += _suggest(RunParams, err["loc"])
        raise fout from None


def load_params(path: Path | str) -> RunParams:
    """Read and validate a params YAML file."""
    path = Path(path)
    return validate_params(_load_yaml(path), path)


def check_params_tegen_data(params: RunParams, dataset: Dataset, bron: Path | str = "params") -> None:
    """Params that name things in the data (periods, normsets) must find them there."""
    perioden = list(dataset.volumes["periode"])
    for sleutel in ("peilmoment", "besluit_periode", "aanvraag_periode"):
        waarde = getattr(params, sleutel)
        if waarde is not None and waarde not in perioden:
            raise InvoerFout(
                bron,
                f"sleutel {sleutel}",
                f"{waarde!r} is geen periode in volumes.csv, verwacht een van: {', '.join(perioden)}",
            )
    normsets = list(dataset.normen.normsets)
    for sleutel in ("normset", "normset_vergelijking"):
        waarde = getattr(params, sleutel)
        if waarde is not None and waarde not in normsets:
            raise InvoerFout(
                bron,
                f"sleutel {sleutel}",
                f"{waarde!r} is geen normset in normen.yaml, verwacht een van: {', '.join(normsets)}",
            )
    _check_scenario_params(params, dataset, bron)


def _check_scenario_params(params: RunParams, data: Dataset, bron: Path | str) -> None:
    """The prognose and scenario sections name periods and years: they must be in the data."""
    if not params.vergelijking.scenarios:
        raise InvoerFout(
            bron,
            "sleutel vergelijking.scenarios",
            "geen scenario's, verwacht minstens één (met naam en de richtingen A, B en C die het gebruikt)",
        )
    perioden = list(data.volumes["periode"])
    for sleutel in ("begroting_periode", "basis_periode"):
        waarde = getattr(params.prognose, sleutel)
        if waarde is not None and waarde not in perioden:
            raise InvoerFout(
                bron,
                f"sleutel prognose.{sleutel}",
                f"{waarde!r} is geen periode in volumes.csv, verwacht een van: {', '.join(perioden)}",
            )
    beschikbaar = sorted(data.kengetallen.fte_beschikbaar)
    jaren = prognose_jaren(params.prognose, data)
    for jaar in jaren:
        if jaar not in beschikbaar:
            raise InvoerFout(
                bron,
                "sleutel prognose.jaren",
                f"{jaar} heeft geen fte_beschikbaar in kengetallen.yaml, verwacht een van: "
                + ", ".join(str(j) for j in beschikbaar),
            )
    lijst = ", ".join(str(j) for j in jaren)
    for jaar in params.scenario_a.overbrugging_jaren:
        if jaar not in jaren:
            raise InvoerFout(
                bron, "sleutel scenario_a.overbrugging_jaren", f"{jaar} is geen prognosejaar, verwacht een van: {lijst}"
            )
    g = params.vergelijking.gevoeligheid.jaar
    if g is not None and g not in jaren:
        raise InvoerFout(
            bron, "sleutel vergelijking.gevoeligheid.jaar", f"{g} is geen prognosejaar, verwacht een van: {lijst}"
        )
