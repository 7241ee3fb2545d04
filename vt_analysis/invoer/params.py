"""Run parameters: one YAML file per run under ``report/params/``, validated before anything runs.

papermill only warns on unknown parameters and injects them anyway, so the whole file is parsed into
a pydantic model with ``extra="forbid"``; unknown keys get a did-you-mean suggestion.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr, ValidationError, ValidationInfo, field_validator, model_validator

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout, eerste_fout, from_validation_error
from vt_analysis.basis.schema import Strikt
from vt_analysis.invoer.beginstand import wachtlijsten_van
from vt_analysis.invoer.data import Dataset
from vt_analysis.invoer.kengetaljaren import benodigde_kengetallen, check_kengetallen_jaren
from vt_analysis.invoer.mappen import MAP_SLEUTELS, map_van
from vt_analysis.invoer.params_secties import (
    PrognoseParams,
    PrognoseVariant,
    ScenarioAParams,
    ScenarioBParams,
    ScenarioCParams,
    VergelijkingParams,
    WachttijdenParams,
    prognose_jaren,
)
from vt_analysis.invoer.schemapad import suggestie
from vt_analysis.invoer.watals import WatAlsParams
from vt_analysis.invoer.yamllaag import load_yaml


class RunParams(Strikt):
    """One run of the impactanalyse (e.g. BURAP 2 2024)."""

    run_naam: str = Field(
        title="Naam van de run",
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=64,
        description="naam van de run en van de outputmap",
    )
    titel: str = Field(title="Titel van het document", min_length=1, max_length=200)
    regio: str = Field(title="Regio", min_length=1, max_length=100)
    peilmoment: str = Field(
        title="Peilmoment (laatste stand van de meldingen)",
        min_length=1,
        max_length=100,
        description="periode uit volumes.csv die de huidige stand geeft",
    )
    besluit_periode: str = Field(
        title="Periode met het formatiebesluit",
        min_length=1,
        max_length=100,
        description="periode uit volumes.csv met het formatiebesluit",
    )
    aanvraag_periode: str | None = Field(
        title="Periode met de formatieaanvraag",
        default=None,
        max_length=100,
        description="periode uit volumes.csv met de formatieaanvraag die aan het besluit voorafging",
    )
    documentdatum: date = Field(title="Datum van het document", ge=date(2000, 1, 1), le=date(2100, 12, 31))
    # The document this analysis recomputes and cites: named in the text by this name (and date, when known).
    brondocument: str | None = Field(
        title="Document waarop de analyse steunt",
        default=None,
        min_length=1,
        max_length=200,
        description="naam van het document waarop de analyse steunt",
    )
    brondocument_datum: date | None = Field(
        title="Datum van dat document",
        default=None,
        ge=date(2000, 1, 1),
        le=date(2100, 12, 31),
        description="datum van dat document, als bekend",
    )
    normset: str = Field(title="Toegepaste normset", min_length=1, max_length=100, description="de toegepaste normset")
    normset_vergelijking: str | None = Field(
        title="Normset ter vergelijking",
        default=None,
        max_length=100,
        description="de normset die ernaast getoond wordt",
    )
    # The board document: text set, leading prognosis, status on the title page, the previous run.
    tekstset: str | None = Field(
        title="Tekstset",
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=64,
        description="map in report/tekst/; leeg = run_naam",
    )
    # Another region keeps its own folders beside its params file: paths relative to the params file, kept as
    # written (mappen.py resolves them against the params file's folder, ``params_map``).
    tekstset_map: str | None = Field(
        title="Map van de tekstset",
        default=None,
        min_length=1,
        max_length=300,
        description="map met de tekstblokken, relatief aan dit parameterbestand; leeg = report/tekst/<tekstset>",
    )
    data_map: str | None = Field(
        title="Map van de gegevens",
        default=None,
        min_length=1,
        max_length=300,
        description="map met de gegevens van de regio, relatief aan dit parameterbestand; leeg = data/",
    )
    leidende_prognose: PrognoseVariant = Field(
        title="Leidende prognose",
        default="winstwaarschuwing",
        description="de prognose waarop de samenvatting het tekort noemt",
    )
    illustratief: bool = Field(
        title="Hefboomwaarden illustratief",
        default=False,
        description="hefboomwaarden zijn illustratief, geen afspraken",
    )
    status: Literal["concept", "definitief"] = Field(
        title="Status", default="concept", description="status op de titelpagina"
    )
    versie: str = Field(
        title="Versie", default="1.0", min_length=1, max_length=20, description="versie op de titelpagina"
    )
    # No region is written in code: without an author the document names the programme team of its region.
    auteur: str = Field(
        title="Auteur", default="", max_length=200, description="leeg = Programmateam Veilig Thuis <regio>"
    )
    adressaat: str = Field(
        title="Adressaat",
        default="Algemeen Bestuur en Dagelijks Bestuur",
        min_length=1,
        max_length=200,
        description="aan wie",
    )
    vorige_run: str | None = Field(
        title="Vorige run",
        default=None,
        max_length=300,
        description="params-bestand van de vorige run (in report/params/), voor de wijzigingen",
    )
    vorige_uitgave: str | None = Field(
        title="Map van de vorige uitgave",
        default=None,
        max_length=300,
        description="map met de vorige uitgave zoals gepubliceerd (results.json, velden.json, manifest.json); "
        "leeg = report/output/<run_naam van vorige_run>",
    )
    # The prognose and the solution directions A, B, C (sections defined in prognose.py / scenarios.py).
    prognose: PrognoseParams = Field(default_factory=PrognoseParams)
    scenario_a: ScenarioAParams = Field(default_factory=ScenarioAParams)
    scenario_b: ScenarioBParams = Field(default_factory=ScenarioBParams)
    scenario_c: ScenarioCParams = Field(default_factory=ScenarioCParams)
    vergelijking: VergelijkingParams = Field(default_factory=VergelijkingParams)
    # The queue model for the legal terms (section defined in wachttijden/maanden.py).
    wachttijden: WachttijdenParams = Field(default_factory=WachttijdenParams)
    # A what-if: counts scaled on top of the data (section defined in watals.py); the run is marked as such.
    wat_als: WatAlsParams | None = Field(default=None, title="Wat-als")
    # The params file's folder (not a parameter, never dumped): what data_map and tekstset_map are relative to.
    _params_map: Path | None = PrivateAttr(default=None)

    @property
    def params_map(self) -> Path | None:
        return self._params_map

    @field_validator("tekstset_map")
    @classmethod
    def _een_tekstset(cls, waarde: str | None, info: ValidationInfo) -> str | None:
        if waarde is not None and info.data.get("tekstset") is not None:
            raise ValueError(f"{waarde!r} naast tekstset, verwacht een van beide (tekstset of tekstset_map)")
        return waarde

    @model_validator(mode="after")
    def _auteur_van_de_regio(self):
        if not self.auteur.strip():
            self.auteur = f"Programmateam Veilig Thuis {self.regio}"
        return self


def validate_params(inhoud: object, bron: Path | str = "params") -> RunParams:
    """Validate a params mapping; raise one InvoerFout for the first problem."""
    try:
        return RunParams.model_validate(inhoud)
    except ValidationError as exc:
        err = eerste_fout(exc)
        fout = from_validation_error(bron, exc)
        if err["type"] == "extra_forbidden":
            fout.melding += suggestie(RunParams, err["loc"])
        raise fout from None


def load_params(path: Path | str) -> RunParams:
    """Read and validate a params YAML file; its folder keys (MAP_SLEUTELS) must name folders beside it."""
    path = Path(path)
    params = validate_params(load_yaml(path), path)
    params._params_map = path.parent.resolve()
    for sleutel, wat in MAP_SLEUTELS.items():
        map_ = map_van(params, sleutel)
        if map_ is not None and not map_.is_dir():
            waarde = getattr(params, sleutel)
            raise InvoerFout(path, f"sleutel {sleutel}", f"{waarde!r} is geen map (naast dit bestand), verwacht {wat}")
    return params


def perioden_van_run(params: RunParams) -> dict[str, str]:
    """Every params key that names a period of volumes.csv, with its value: what a run needs of volumes.csv
    (validation checks them, nieuwe-burap lists the missing ones)."""
    uit = {"peilmoment": params.peilmoment, "besluit_periode": params.besluit_periode}
    if params.aanvraag_periode is not None:
        uit["aanvraag_periode"] = params.aanvraag_periode
    for sleutel in ("begroting_periode", "basis_periode"):
        if (waarde := getattr(params.prognose, sleutel)) is not None:
            uit[f"prognose.{sleutel}"] = waarde
    return uit


def check_params_tegen_data(params: RunParams, dataset: Dataset, bron: Path | str = "params") -> None:
    """Params that name things in the data (periods, normsets) must find them there."""
    perioden = list(dataset.volumes["periode"])
    for sleutel, waarde in perioden_van_run(params).items():
        if waarde not in perioden:
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
    check_kengetallen_jaren(params, dataset)
    wachtlijsten_van(dataset, params.peilmoment)  # the queue model's start state is stated for the peilmoment
    check_samenhang(params, dataset, bron)


def _check_scenario_params(params: RunParams, data: Dataset, bron: Path | str) -> None:
    """The prognose and scenario sections name periods and years: they must be in the data."""
    if not params.vergelijking.scenarios:
        raise InvoerFout(
            bron,
            "sleutel vergelijking.scenarios",
            "geen scenario's, verwacht minstens één (met naam en de richtingen A, B en C die het gebruikt)",
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


# The queue model and the rekentool divide by these: they must be there and above zero.
_NODIGE_PRODUCTEN = ("triage", "onderzoek")
MIN_TRENDJAREN = 3


def check_samenhang(params: RunParams, dataset: Dataset, bron: Path | str) -> None:
    """Cross-checks between params and data that the computation relies on (so validate = computes).

    The applied normset has the products the queue model needs, with hours; the periods the model
    divides by have meldingen and onderzoeken; the trend has enough years for its interval.
    """
    normset = dataset.normen.normsets[params.normset]
    normen_bestand = dataset.directory / paths.NORMEN_FILE
    volumes_bestand = dataset.directory / paths.VOLUMES_FILE
    for product in _NODIGE_PRODUCTEN:
        norm = normset.producten.get(product)
        if norm is None:
            raise InvoerFout(
                normen_bestand,
                f"sleutel normsets.{params.normset}.producten",
                f"product {product!r} ontbreekt (nodig voor de wettelijke termijnen), "
                f"aanwezig: {', '.join(map(repr, normset.producten))}",
            )
        if norm.uren <= 0:
            raise InvoerFout(
                normen_bestand,
                f"sleutel normsets.{params.normset}.producten.{product}.uren",
                f"{norm.uren!r} uur, verwacht meer dan 0 (het wachtrijmodel deelt erdoor)",
            )
    kg = dataset.kengetallen_bestand or dataset.kengetallen
    kengetallen_bestand = dataset.directory / paths.KENGETALLEN_FILE
    # The figures the model divides by or needs capacity from: above zero (verzuim below 100%).
    for naam, jaar, reden in benodigde_kengetallen(params, dataset):
        waarde = getattr(kg, naam)[jaar].waarde
        if naam == "kosten_per_fte_euro" and waarde <= 0:
            raise InvoerFout(
                kengetallen_bestand,
                f"sleutel {naam}.{jaar}.waarde",
                f"{waarde!r}, verwacht meer dan 0 (de kosten worden erdoor gedeeld; {reden})",
            )
        if naam in ("fte_beschikbaar", "winstwaarschuwing_meldingen") and waarde <= 0:
            raise InvoerFout(
                kengetallen_bestand, f"sleutel {naam}.{jaar}.waarde", f"{waarde!r}, verwacht meer dan 0 ({reden})"
            )
        if naam == "verzuim_pct" and waarde >= 100:
            raise InvoerFout(
                kengetallen_bestand,
                f"sleutel {naam}.{jaar}.waarde",
                f"{waarde!r}, verwacht minder dan 100 (bij 100% verzuim is er geen capaciteit; {reden})",
            )
    volumes = dataset.volumes.set_index("periode")
    p = params.prognose
    for sleutel, periode in (
        ("peilmoment", params.peilmoment),
        ("besluit_periode", params.besluit_periode),
        ("prognose.basis_periode", p.basis_periode or params.peilmoment),
        ("prognose.begroting_periode", p.begroting_periode or params.besluit_periode),
    ):
        if periode not in volumes.index:
            continue  # check_params_tegen_data and check_scenario_params name it
        rij = volumes.loc[periode]
        # meldingen, and the counts the triage and onderzoek norms apply to (triage: Overdragen).
        tellingen = dict.fromkeys(["meldingen", *(normset.producten[prod].telling for prod in _NODIGE_PRODUCTEN)])
        for telling in tellingen:
            if rij[telling] <= 0:
                raise InvoerFout(
                    volumes_bestand,
                    f"periode {periode!r}, kolom {telling}",
                    f"{int(rij[telling])}, verwacht meer dan 0: de run rekent met deze periode ({sleutel})",
                )
    trendjaren = dataset.volumes[dataset.volumes["status"].isin(p.trend_statussen)]["jaar"].nunique()
    if trendjaren < MIN_TRENDJAREN:
        raise InvoerFout(
            volumes_bestand,
            "kolom jaar",
            f"{trendjaren} jaar met status {' of '.join(p.trend_statussen)}, verwacht minstens {MIN_TRENDJAREN} "
            "(de trend met voorspelinterval, prognose.trend_statussen)",
        )
