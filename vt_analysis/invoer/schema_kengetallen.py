"""The schema of ``kengetallen.yaml``: named figures with unit and source, the aging ones keyed by year."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from vt_analysis.basis.errors import kort


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
    by year; kengetaljaren.check_kengetallen_jaren checks that every year a run uses is there. The figures that
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
# (kengetaljaren.benodigde_kengetallen). The begroting's agreements and prices hold for the begroting year (the
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


def kengetallen_frame(kg: Kengetallen) -> pd.DataFrame:
    """All kengetallen as a table (naam, waarde, eenheid, bron) for the method chapter."""
    rows = []
    for naam, waarde in kg:
        if isinstance(waarde, dict):
            rows += [{"naam": f"{naam} {jaar}", **v.model_dump()} for jaar, v in waarde.items()]
        else:
            rows.append({"naam": naam, **waarde.model_dump()})
    return pd.DataFrame(rows)
