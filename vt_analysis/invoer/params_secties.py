"""The params sections of the model steps (prognose, scenarios A/B/C and their comparison, the queue model):
schemas only, so that reading a run's params loads no model code. The model modules import these classes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from vt_analysis.basis.schema import Strikt
from vt_analysis.invoer.data import Dataset

PCT = dict(ge=0, le=100)

PrognoseVariant = Literal["peilmoment", "begroting", "winstwaarschuwing", "trend"]


class PrognoseParams(Strikt):
    """Params section ``prognose``. Empty periods fall back to the run's besluit_periode / peilmoment."""

    jaren: list[int] | None = Field(
        title="Prognosejaren",
        default=None,
        description="prognosejaren; leeg = de jaren van fte_beschikbaar in kengetallen.yaml",
    )
    begroting_periode: str | None = Field(
        title="Begroting in de prognose", default=None, description="periode met de begroting; leeg = besluit_periode"
    )
    basis_periode: str | None = Field(
        title="Basisperiode van de prognose (verhoudingen)",
        default=None,
        description="periode waarvan de mix (aantal per melding) geldt; leeg = peilmoment",
    )
    begroting_groei_pct_per_jaar: float = Field(
        title="Groei na het begrotingsjaar (begroting, % per jaar)",
        default=0,
        ge=-100,
        le=100,
        description="groei na het begrotingsjaar",
    )
    winstwaarschuwing_groei_pct_per_jaar: float = Field(
        title="Groei na het begrotingsjaar (winstwaarschuwing, % per jaar)",
        default=0,
        ge=-100,
        le=100,
        description="groei na het begrotingsjaar",
    )
    trend_statussen: list[Literal["realisatie", "prognose", "begroting"]] = Field(
        title="Perioden die de trend dragen",
        default=["realisatie", "prognose"],
        min_length=1,
        description="welke perioden de trend dragen",
    )
    betrouwbaarheid_pct: float = Field(
        title="Breedte van het voorspelinterval (%)",
        default=95,
        gt=0,
        lt=100,
        description="breedte van het voorspelinterval",
    )


def prognose_jaren(p: PrognoseParams, data: Dataset) -> list[int]:
    """The forecast years: from the params, else the years with an available fte in kengetallen.yaml."""
    return list(p.jaren) if p.jaren else sorted(data.kengetallen.fte_beschikbaar)


PCT = dict(ge=0, le=100)


class ScenarioAParams(Strikt):
    """``scenario_a``: on which basis the shortage is funded, which years to bridge, which extra posts to fund."""

    prognose_variant: PrognoseVariant = Field(
        title="A: prognose waarop het tekort wordt aangevuld",
        default="winstwaarschuwing",
        description="de basis waarop A het tekort aanvult (het advies noemt deze)",
    )
    andere_basis: list[PrognoseVariant] = Field(
        title="A: andere bases ter vergelijking",
        default=[],
        description="bases die ernaast worden doorgerekend, ter vergelijking",
    )
    overbrugging_jaren: list[int] = Field(
        title="A: jaren van de tussenperiode", default=[], description="jaren tot B en C effect hebben"
    )
    indexatietekort_meenemen: bool = Field(False, title="A: indexatietekort meegenomen")
    voit_voortzetten: bool = Field(False, title="A: VOiT voortgezet")
    veiligheid_voorop_voortzetten: bool = Field(False, title="A: Veiligheid Voorop voortgezet")


class ScenarioBParams(Strikt):
    """``scenario_b``: which forecast is reduced, and whether adviezen go down along with meldingen."""

    prognose_variant: PrognoseVariant = Field(
        "winstwaarschuwing", title="B: prognose waartegen de daling wordt gemeten"
    )
    adviezen_meeschalen: bool = Field(True, title="B: adviezen dalen mee")
    vanaf_jaar: int | None = Field(
        title="B: eerste jaar waarin de daling werkt",
        default=None,
        description="eerste jaar waarin B werkt (vergelijking); leeg = alle jaren",
    )


class ScenarioCParams(Strikt):
    """``scenario_c``: the levers of C. Procesoptimalisatie; every default is neutral (no effect)."""

    vanaf_jaar: int | None = Field(
        title="C: eerste jaar waarin de procesoptimalisatie werkt",
        default=None,
        description="eerste jaar waarin C werkt; leeg = alle jaren",
    )
    direct_overdragen_pct: float = Field(
        title="C (i): direct overgedragen deel van de overdrachten met ondersteuning (%)",
        default=0,
        **PCT,
        description="(i) deel overdracht met ondersteuning dat direct wordt overgedragen",
    )
    monitoring_reductie_pct: float = Field(
        title="C (ii): minder uren per monitoringcasus (%)",
        default=0,
        **PCT,
        description="(ii) minder uren per monitoringcasus",
    )
    echtscheiding_pct: float = Field(
        title="C (iii): deel van de meldingen naar RvdK of lokaal veld (%)",
        default=0,
        **PCT,
        description="(iii) deel meldingen naar RvdK / lokaal veld",
    )
    politie_naar_jpt_realisatie_pct: float = Field(
        title="C (iv): deel van de JPT-waardige politiemeldingen dat direct gaat (%)",
        default=0,
        **PCT,
        description="(iv) deel van de JPT-waardige politiemeldingen dat direct gaat",
    )
    politie_teruggelegd_realisatie_pct: float = Field(
        title="C (iv): deel van de niet-VT-waardige politiemeldingen dat direct teruggaat (%)",
        default=0,
        **PCT,
        description="(iv) deel van de niet-VT-waardige politiemeldingen dat direct teruggaat",
    )
    stap2_extra_adviezen: float = Field(
        title="C (v): extra adviezen per jaar bij stap 2 van de meldcode",
        default=0,
        ge=0,
        description="(v) extra adviezen per jaar bij stap 2 van de meldcode",
    )
    stap2_voorkomen_pct: float = Field(
        title="C (v): kans dat een extra advies een melding voorkomt (%)",
        default=0,
        **PCT,
        description="(v) kans dat een extra advies een melding voorkomt",
    )


class ScenarioDef(Strikt):
    """One named scenario of the comparison: a combination of A, B and C."""

    naam: str = Field(title="Naam", min_length=1)
    prognose_variant: PrognoseVariant | None = Field(
        title="Prognose", default=None, description="leeg = vergelijking.prognose_variant"
    )
    middelen: Literal["geen", "overbrugging", "structureel"] = Field("geen", title="Middelen (A)")
    meldingen_terugdringen: bool = Field(False, title="Meldingen terugdringen (B)")
    procesoptimalisatie: bool = Field(False, title="Procesoptimalisatie (C)")


class GevoeligheidParams(Strikt):
    """The tornado: which scenario and year, and the relative change of every input."""

    scenario: str | None = Field(title="Gevoeligheid: scenario", default=None, description="leeg = het eerste scenario")
    jaar: int | None = Field(title="Gevoeligheid: jaar", default=None, description="leeg = het eerste prognosejaar")
    variatie_pct: float = Field(title="Gevoeligheid: variatie (%)", default=10, gt=0, le=100)


class VergelijkingParams(Strikt):
    """``vergelijking``: the named scenarios and the sensitivity analysis."""

    prognose_variant: PrognoseVariant = Field("winstwaarschuwing", title="Standaardprognose van de scenario's")
    scenarios: list[ScenarioDef] = Field(default=[], title="Doorgerekende scenario's")
    gevoeligheid: GevoeligheidParams = Field(default_factory=GevoeligheidParams)

    @model_validator(mode="after")
    def _namen(self):
        namen = [s.naam for s in self.scenarios]
        dubbel = next((n for n in namen if namen.count(n) > 1), None)
        if dubbel is not None:
            raise ValueError(f"scenario {dubbel!r} komt twee keer voor, verwacht elke naam één keer")
        g = self.gevoeligheid.scenario
        if g is not None and g not in namen:
            raise ValueError(
                f"gevoeligheid.scenario {g!r} is geen scenario, verwacht een van: "
                + (", ".join(namen) or "(geen scenario’s)")
            )
        return self


class WachttijdenParams(Strikt):
    """The ``wachttijden`` section of a run's params: simulation size, verzuim and the timing of A and B."""

    replicaties: int = Field(
        1000, title="Wachtrijmodel: replicaties", ge=100, le=20_000, description="aantal replicaties (Monte Carlo)"
    )
    seed: int = Field(
        2024,
        title="Wachtrijmodel: startwaarde van de toevalsgenerator",
        ge=0,
        description="startwaarde van de toevalsgenerator: zelfde seed, zelfde cijfers",
    )
    verzuim_pct: float | None = Field(
        None,
        title="Wachtrijmodel: verzuim in de projectie (%)",
        ge=0,
        lt=100,
        description="verzuim in de projectie; leeg is het verzuim van het basisjaar",
    )
    verzuim_scenario_pct: float | None = Field(
        None,
        title="Wachtrijmodel: verzuim in de stressvariant (%)",
        ge=0,
        lt=100,
        description="verzuim in de stressvariant; leeg is het hoogste verzuim van de laatste drie jaar",
    )
    wervingsduur_maanden: int = Field(
        6,
        title="Wachtrijmodel: wervingsduur (maanden)",
        ge=0,
        le=24,
        description="aanname: maanden tussen het besluit over extra fte (A) en de eerste werkdag van de nieuwe "
        "medewerkers (werving en inwerken)",
    )
    infasering_maanden: int = Field(
        12,
        title="Wachtrijmodel: infasering van B (maanden)",
        ge=1,
        le=24,
        description="aanname: maanden waarin de vermindering van meldingen (B) lineair opbouwt tot het volle effect",
    )
