"""Inputs and capacity of the queue model: the params section, a scenario as a month table, the norm
hours per working day each queue gets, and the day series a horizon runs on.

The seed ('De oplossingsruimte is beperkt') sets two legal terms: triage within 5 werkdagen and an onderzoek
finished within 10 weken. Every assumption is a figure with its source in ``data/wachttijden.yaml``;
recruitment delay (A) and phase-in (B) are params.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from vt_analysis.invoer.data import TELLINGEN, Dataset, Kengetallen, Normset, Wachtrijaannames
from vt_analysis.invoer.params_secties import WachttijdenParams
from vt_analysis.invoer.periode import periode_rij
from vt_analysis.model.rekentool import fte_beschikbaar as fte_beschikbaar_uit_volumes

TRIAGE, ONDERZOEK = "triage", "onderzoek"
MAANDEN_PER_JAAR = 12


# --- inputs: a scenario as a month table --------------------------------------------------------

MAAND_KOLOMMEN = ("jaar", "maand", *TELLINGEN, "fte_beschikbaar", "verzuim_pct")


def _volumerij(dataset: Dataset, periode: str) -> pd.Series:
    return periode_rij(dataset.volumes, periode)


def verzuim_basis_pct(kengetallen: Kengetallen, basisjaar: int, params: WachttijdenParams) -> float:
    """Verzuim for the projection: the params value, else the base year's (seed: 7% in 2024)."""
    return params.verzuim_pct if params.verzuim_pct is not None else kengetallen.verzuim_pct[basisjaar].waarde


# The stress variant's default: the highest verzuim of this many years up to the base year.
VERZUIM_SCENARIO_JAREN = 3


def _verzuim_jaren(kengetallen: Kengetallen, basisjaar: int) -> list[int]:
    return [j for j in range(basisjaar - VERZUIM_SCENARIO_JAREN + 1, basisjaar + 1) if j in kengetallen.verzuim_pct]


def verzuim_scenario_pct(kengetallen: Kengetallen, basisjaar: int, params: WachttijdenParams) -> float:
    """Verzuim of the stress variant: params, else the highest verzuim of the last three years (15% in 2022).

    The seed warns that verzuim may 'weer stevig stijgen' under pressure; the highest level of recent years
    is the natural test. It is a level reached before, whatever the base year (the year before the base
    can be lower than the base: then it would not be a stress test).
    """
    if params.verzuim_scenario_pct is not None:
        return params.verzuim_scenario_pct
    return max(kengetallen.verzuim_pct[j].waarde for j in _verzuim_jaren(kengetallen, basisjaar))


def verzuim_scenario_herkomst(kengetallen: Kengetallen, basisjaar: int, params: WachttijdenParams) -> str:
    """Where the stress variant's verzuim comes from, in Dutch, for the sentence that uses it."""
    if params.verzuim_scenario_pct is not None:
        return "zoals gegeven in de parameters (wachttijden.verzuim_scenario_pct)"
    jaren = _verzuim_jaren(kengetallen, basisjaar)
    hoogste = max(jaren, key=lambda j: (kengetallen.verzuim_pct[j].waarde, j))
    return f"het hoogste verzuim van {jaren[0]} tot en met {jaren[-1]}, in {hoogste}"


def verzuim_van_jaar(kengetallen: Kengetallen, jaar: int) -> tuple[float, int]:
    """Verzuim of a year and the year it comes from: the nearest year with a figure (the seed gives
    2022–2024; the run-in year 2021 takes 2022's)."""
    jaren = sorted(kengetallen.verzuim_pct)
    bron = min(jaren, key=lambda j: (abs(j - jaar), j))
    return kengetallen.verzuim_pct[bron].waarde, bron


def maanden_uit_jaren(jaren: pd.DataFrame) -> pd.DataFrame:
    """Twelve month rows per year row (the yearly counts are rates; fte and verzuim hold all year)."""
    maanden = jaren.loc[jaren.index.repeat(MAANDEN_PER_JAAR)].reset_index(drop=True)
    maanden["maand"] = np.tile(np.arange(1, MAANDEN_PER_JAAR + 1), len(jaren))
    return maanden[list(MAAND_KOLOMMEN)]


def basisjaar_van(dataset: Dataset, peilmoment: str) -> int:
    """The base year of the calibration and the projection: the peilmoment's year."""
    return int(_volumerij(dataset, peilmoment)["jaar"])


def inloopjaren(dataset: Dataset, peilmoment: str) -> pd.DataFrame:
    """The run-in: every realisatie before the base year, then the peilmoment as the base year; fte
    structural + incidental, verzuim of the year (:func:`verzuim_van_jaar`)."""
    basis = _volumerij(dataset, peilmoment)
    basisjaar = basisjaar_van(dataset, peilmoment)
    v = dataset.volumes
    eerder = v[(v["status"] == "realisatie") & (v["jaar"] < basisjaar)].sort_values("jaar")
    rijen = pd.concat([eerder, basis.to_frame().T], ignore_index=True)
    uit = rijen[["jaar", *TELLINGEN]].astype({"jaar": int, **dict.fromkeys(TELLINGEN, float)})
    uit["fte_beschikbaar"] = fte_beschikbaar_uit_volumes(rijen).astype(float).to_numpy()
    uit["verzuim_pct"] = [verzuim_van_jaar(dataset.kengetallen, int(j))[0] for j in uit["jaar"]]
    uit["periode"] = rijen["periode"].to_numpy()
    return uit


def scenario_maanden(groep: pd.DataFrame, verzuim_pct: float, params: WachttijdenParams) -> pd.DataFrame:
    """The month table of one compared scenario (rows of the comparison, one per year).

    A's extra fte start after ``wervingsduur_maanden`` (recruitment and induction); B's reduction of
    the counts builds up linearly over ``infasering_maanden`` from the first month in which it applies.
    """
    jaren = groep.sort_values("jaar").reset_index(drop=True)
    if "fte_na_werving" in jaren:  # the comparison's year average counts A's staff for their months at work only
        jaren = jaren.assign(fte_beschikbaar=jaren["fte_na_werving"])
    maanden = maanden_uit_jaren(jaren.assign(verzuim_pct=float(verzuim_pct)))
    k = np.arange(len(maanden))
    extra = np.repeat(jaren["extra_fte"].to_numpy(float), MAANDEN_PER_JAAR) if "extra_fte" in jaren else 0.0
    maanden["fte_beschikbaar"] = maanden["fte_beschikbaar"] - extra * (k < params.wervingsduur_maanden)
    voor_b = [f"{t}_voor_b" for t in TELLINGEN]
    if set(voor_b) <= set(jaren.columns):
        voor = np.repeat(jaren[voor_b].to_numpy(float), MAANDEN_PER_JAAR, axis=0)
        na = maanden[list(TELLINGEN)].to_numpy(float)
        verschil = ~np.isclose(voor, na).all(axis=1)
        if verschil.any():
            sinds = k - k[verschil][0]
            opbouw = np.clip((sinds + 1) / params.infasering_maanden, 0, 1)[:, None] * verschil[:, None]
            maanden[list(TELLINGEN)] = voor + (na - voor) * opbouw
    return maanden


# --- capacity and the day series ----------------------------------------------------------------


def queue_uren(maanden: pd.DataFrame, normset: Normset, werkdagen_per_jaar: float) -> pd.DataFrame:
    """Per month: norm hours per working day for triage and onderzoek, and the norm hours per case.

    Net hours = fte × uren_per_fte × (1 − verzuim); the products without a term are served first at
    their norm hours (as the rekentool counts them); the rest is split between triage and onderzoek in
    proportion to their norm hours, so both queues carry the same relative shortfall (the seed does not
    assign the gap of Bijlage 2 to one product). Triage hours per melding are the triage norm × its count
    / meldingen: the rekentool applies the 16 hours to Overdragen, and this keeps its yearly hours.
    """
    producten = normset.producten
    if TRIAGE not in producten or ONDERZOEK not in producten:
        raise KeyError(f"normset {normset.naam!r} mist product {TRIAGE!r} of {ONDERZOEK!r}")

    def kolom(naam: str) -> np.ndarray:
        return maanden[naam].to_numpy(float)

    # On the columns' arrays: the model asks this for every candidate formation, and a pandas operation
    # costs a tenth of a millisecond of bookkeeping whatever the table's size (the same arithmetic, in order).
    vraag = {naam: norm.uren * kolom(norm.telling) / werkdagen_per_jaar for naam, norm in producten.items()}
    overig = sum(v for naam, v in vraag.items() if naam not in (TRIAGE, ONDERZOEK))
    netto = kolom("fte_beschikbaar") * normset.uren_per_fte * (1 - kolom("verzuim_pct") / 100) / werkdagen_per_jaar
    rest = np.maximum(netto - overig, 0.0)
    aandeel_t = _aandeel_triage(vraag[TRIAGE], vraag[ONDERZOEK])
    meldingen = kolom("meldingen")
    onderzoeken = kolom(ONDERZOEK)
    return pd.DataFrame(
        {
            "triage_uren_per_dag": rest * aandeel_t,
            "onderzoek_uren_per_dag": rest * (1 - aandeel_t),
            "triage_uren_vraag_per_dag": vraag[TRIAGE],
            "onderzoek_uren_vraag_per_dag": vraag[ONDERZOEK],
            "uren_per_melding": vraag[TRIAGE] * werkdagen_per_jaar / np.where(meldingen > 0, meldingen, 1),
            "uren_per_onderzoek": vraag[ONDERZOEK] * werkdagen_per_jaar / np.where(onderzoeken > 0, onderzoeken, 1),
        },
        index=maanden.index,
    )


def _aandeel_triage(triage: np.ndarray, onderzoek: np.ndarray) -> np.ndarray:
    """Triage's share of the hours per month; a month without triage and onderzoek (no volume) takes the
    share of the whole table, so its hours stay finite and go on working off what earlier months left."""
    som = triage + onderzoek
    totaal = float(som.sum())
    gemiddeld = float(triage.sum()) / totaal if totaal > 0 else 0.5
    return np.where(som > 0, triage / np.where(som > 0, som, 1.0), gemiddeld)


def vakantiefactor(aannames: Wachtrijaannames) -> np.ndarray:
    """Capacity factor per working day of a year: reduced in the holiday weeks, mean 1 over the year
    (the productive hours per fte already leave room for holidays; the weeks only move them)."""
    wd = int(aannames.werkdagen_per_jaar.waarde)
    week = np.arange(wd) * 52 // wd + 1
    factor = np.ones(wd)
    for v in aannames.vakanties:
        factor[np.isin(week, v.weken)] = v.capaciteit_pct / 100
    return factor / factor.mean()


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields, not objects
class Dagreeks:
    """Per working day of a horizon and its uitloop (no arrivals, capacity of the last month)."""

    meldingen: np.ndarray  # expected meldingen per day
    onderzoeken: np.ndarray  # expected onderzoeken (decisions to investigate) per day
    uren_per_melding: np.ndarray
    uren_per_onderzoek: np.ndarray
    triage_uren: np.ndarray  # norm hours per day for triage (holidays included, before the tempo)
    onderzoek_uren: np.ndarray
    maand: np.ndarray  # month index of each day in the horizon (the uitloop: the last month)
    werkdagen: int  # days of the horizon proper


def per_maand_dagen(aannames: Wachtrijaannames) -> int:
    return int(aannames.werkdagen_per_jaar.waarde) // MAANDEN_PER_JAAR


def dagindex(maanden: pd.DataFrame, aannames: Wachtrijaannames, uitloop: int) -> tuple[np.ndarray, np.ndarray]:
    """Per working day of a month table's horizon and its uitloop: the row of its month and its holiday factor."""
    pm = per_maand_dagen(aannames)
    dag = np.arange(len(maanden) * pm + uitloop)
    maand = np.minimum(dag // pm, len(maanden) - 1)
    kalendermaand = maanden["maand"].to_numpy(int)[maand] - 1
    return maand, vakantiefactor(aannames)[kalendermaand * pm + dag % pm]


def dagreeks(maanden: pd.DataFrame, normset: Normset, aannames: Wachtrijaannames, uitloop: int) -> Dagreeks:
    """The day series of a month table (MAAND_KOLOMMEN)."""
    wd = int(aannames.werkdagen_per_jaar.waarde)
    pm = per_maand_dagen(aannames)
    maanden = maanden.reset_index(drop=True)
    uren = queue_uren(maanden, normset, wd)
    werkdagen = len(maanden) * pm
    dag = np.arange(werkdagen + uitloop)
    maand, vakantie = dagindex(maanden, aannames, uitloop)
    kalendermaand = maanden["maand"].to_numpy(int)[maand] - 1
    profiel = np.asarray(aannames.maandprofiel_meldingen.waarden, float)[kalendermaand]
    open_ = dag < werkdagen

    def rij(kolom: pd.Series) -> np.ndarray:
        return kolom.to_numpy(float)[maand]

    return Dagreeks(
        meldingen=rij(maanden["meldingen"]) / wd * profiel * open_,
        onderzoeken=rij(maanden[ONDERZOEK]) / wd * profiel * open_,
        uren_per_melding=rij(uren["uren_per_melding"]),
        uren_per_onderzoek=rij(uren["uren_per_onderzoek"]),
        triage_uren=rij(uren["triage_uren_per_dag"]) * vakantie,
        onderzoek_uren=rij(uren["onderzoek_uren_per_dag"]) * vakantie,
        maand=maand,
        werkdagen=werkdagen,
    )


def medewerkers(uren_per_dag: float, uren_per_werkdag_per_casus: float) -> int:
    """The pool: the queue's norm hours per day divided by the hours a case gets per working day."""
    return max(1, int(round(uren_per_dag / uren_per_werkdag_per_casus)))


def evenwicht_fte(rijen: pd.DataFrame, normset: Normset, tempo_triage: float, tempo_onderzoek: float) -> pd.Series:
    """Per row (counts and verzuim_pct): the fte at which triage and onderzoek are in balance at the
    calibrated tempi, as :func:`queue_uren` divides the hours; beside the rekentool's fte benodigd
    (tempo 1, no verzuim): the same norm hours, one named factor per queue."""
    uren = {n: p.uren * rijen[p.telling].astype(float) for n, p in normset.producten.items()}
    overig = sum(v for n, v in uren.items() if n not in (TRIAGE, ONDERZOEK))
    queue = uren[TRIAGE] / tempo_triage + uren[ONDERZOEK] / tempo_onderzoek
    return (overig + queue) / (normset.uren_per_fte * (1 - rijen["verzuim_pct"].astype(float) / 100))


def evenwicht_fte_wachtrij(rijen: pd.DataFrame, normset: Normset, tempo: float) -> pd.Series:
    """Per row: the fte at which one queue is in balance at its tempo (triage's or onderzoek's). As
    :func:`queue_uren` splits the hours, a queue's share of what the other products leave equals its norm
    hours when that rest is the two queues' norm hours divided by this queue's tempo. Each queue has its own
    balance: one figure for both hides the queue that grows."""
    uren = {n: p.uren * rijen[p.telling].astype(float) for n, p in normset.producten.items()}
    overig = sum(v for n, v in uren.items() if n not in (TRIAGE, ONDERZOEK))
    rest = (uren[TRIAGE] + uren[ONDERZOEK]) / tempo
    return (overig + rest) / (normset.uren_per_fte * (1 - rijen["verzuim_pct"].astype(float) / 100))


def uitgangspunten(
    aannames: Wachtrijaannames, params: WachttijdenParams, inloop: pd.DataFrame, normset: Normset, tempo
) -> dict:
    """The model's stated assumptions and the base year's balance formation, for results.json: the
    chapter's text names them, so they travel with the figures they produced."""
    basis = inloop.iloc[[-1]]
    return {
        "termijn_triage_werkdagen": int(aannames.termijn_triage_werkdagen.waarde),
        "termijn_onderzoek_werkdagen": int(aannames.termijn_onderzoek_werkdagen.waarde),
        "werkdagen_per_jaar": int(aannames.werkdagen_per_jaar.waarde),
        "acuut_pct": aannames.acuut_triage_pct.waarde,
        "spreiding_triage": aannames.variatiecoefficient_werk_triage.waarde,
        "spreiding_onderzoek": aannames.variatiecoefficient_werk_onderzoek.waarde,
        "uren_per_werkdag_triage": aannames.uren_per_werkdag_triage.waarde,
        "uren_per_werkdag_onderzoek": aannames.uren_per_werkdag_onderzoek.waarde,
        "vakanties": [
            {"naam": v.naam, "weken": len(v.weken), "capaciteit_pct": v.capaciteit_pct} for v in aannames.vakanties
        ],
        "maandprofiel_vlak": len(set(aannames.maandprofiel_meldingen.waarden)) == 1,
        "wervingsduur_maanden": params.wervingsduur_maanden,
        "infasering_maanden": params.infasering_maanden,
        "replicaties_projectie": params.replicaties,
        "fte_evenwicht": float(evenwicht_fte(basis, normset, tempo[0], tempo[1]).iloc[0]),
        "fte_evenwicht_triage": float(evenwicht_fte_wachtrij(basis, normset, tempo[0]).iloc[0]),
        "fte_evenwicht_onderzoek": float(evenwicht_fte_wachtrij(basis, normset, tempo[1]).iloc[0]),
    }
