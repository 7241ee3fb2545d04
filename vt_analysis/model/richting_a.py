"""A. Middelen bijstellen: extra fte and euro per year of a bridging period on a named basis, costed from the month
the new staff start, plus the indexation shortfall (Winstwaarschuwing 1) and the programmes (VOiT, Veiligheid
Voorop) when the norm hours do not hold them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vt_analysis.invoer.data import Kengetallen, Normset
from vt_analysis.invoer.params_secties import ScenarioAParams
from vt_analysis.model.hefbomen import MAANDEN_PER_JAAR
from vt_analysis.model.rekentool import benodigde_fte

# --- A: middelen bijstellen --------------------------------------------------------------------------


def hele_euro(bedrag):
    """Amounts to whole euros, half away from zero: a post is rounded before posts are added, so a shown
    total is the sum of its shown parts."""
    return np.sign(bedrag) * np.floor(np.abs(bedrag) + 0.5)


def maanden_in_dienst(jaren: pd.Series, eerste_jaar: int, wervingsduur_maanden: int) -> pd.Series:
    """Months of each year in which A's extra staff are at work.

    Recruitment and induction take ``wervingsduur_maanden`` from 1 January of the first prognosis year (the
    same assumption the queue model makes, params ``wachttijden``), so that year pays only the months after.
    """
    verstreken = (jaren.astype(int) - eerste_jaar) * MAANDEN_PER_JAAR
    return (MAANDEN_PER_JAAR - (wervingsduur_maanden - verstreken)).clip(0, MAANDEN_PER_JAAR).astype(float)


def a_posten(a: ScenarioAParams, kg: Kengetallen) -> dict[str, tuple[float, float]]:
    """A's posts besides the shortage, per year as (fte, euro); 0 when its param is off.

    Indexation: gevraagd − toegekend (Winstwaarschuwing 1). VOiT and Veiligheid Voorop (Terugtrekking
    deelname aan programma's) only when the norm hours do not already include them
    (``programmas_in_normuren``: the Aanleiding says the 73,33 fte include both), so they never count twice.
    """
    kosten = kg.kosten_per_fte_euro.waarde
    indexatie = (kg.indexatie_gevraagd_euro.waarde - kg.indexatie_toegekend_euro.waarde) * a.indexatietekort_meenemen
    erbovenop = kg.programmas_in_normuren.waarde == 0
    voit = kg.voit_kosten_euro.waarde * (a.voit_voortzetten and erbovenop)
    vv = a.veiligheid_voorop_voortzetten and erbovenop
    return {
        "indexatie": (indexatie / kosten, indexatie),
        "voit": (voit / kosten, voit),
        "veiligheid_voorop": (kg.veiligheid_voorop_fte.waarde * vv, kg.veiligheid_voorop_kosten_euro.waarde * vv),
    }


def scenario_a(
    a: ScenarioAParams, prognose: pd.DataFrame, normset: Normset, kg: Kengetallen, wervingsduur_maanden: int = 0
) -> pd.DataFrame:
    """Per basis (the advised one first, then ``andere_basis``) and bridging year: the shortage funded with extra
    fte, paid for the months they are at work (:func:`maanden_in_dienst`), plus the posts of :func:`a_posten`.
    ``tekort_fte`` is required minus available (positive when short)."""
    kosten_per_fte = kg.kosten_per_fte_euro.waarde
    bases = list(dict.fromkeys([a.prognose_variant, *a.andere_basis]))
    rijen = prognose[prognose["variant"].isin(bases) & prognose["jaar"].isin(a.overbrugging_jaren)]
    rijen = rijen.assign(_volgorde=rijen["variant"].map(bases.index)).sort_values(["_volgorde", "jaar"], kind="stable")
    out = pd.DataFrame({"jaar": rijen["jaar"].to_numpy(), "variant": rijen["variant"].to_numpy()})
    out["fte_benodigd"] = benodigde_fte(rijen, normset).to_numpy()
    out["fte_beschikbaar"] = out["jaar"].map(lambda j: kg.fte_beschikbaar[int(j)].waarde)
    out["tekort_fte"] = out["fte_benodigd"] - out["fte_beschikbaar"]
    eerste = int(prognose["jaar"].min()) if len(prognose) else 0
    out["maanden_in_dienst"] = maanden_in_dienst(out["jaar"], eerste, wervingsduur_maanden)
    out["extra_fte_formatie"] = out["tekort_fte"].clip(lower=0)
    out["kosten_formatie_euro"] = hele_euro(out["extra_fte_formatie"] * kosten_per_fte * out["maanden_in_dienst"] / 12)
    posten = a_posten(a, kg)
    for post, (fte, euro) in posten.items():
        out[f"extra_fte_{post}"] = fte
        out[f"kosten_{post}_euro"] = hele_euro(euro)
    alle = ["formatie", *posten]
    out["extra_fte_totaal"] = out[[f"extra_fte_{p}" for p in alle]].sum(axis=1)
    out["kosten_totaal_euro"] = out[[f"kosten_{p}_euro" for p in alle]].sum(axis=1)
    return out.reset_index(drop=True)


def scenario_a_totaal(tabel: pd.DataFrame) -> pd.Series:
    """Sum of every extra_fte_* and kosten_* column over the bridging period."""
    kolommen = [k for k in tabel.columns if k.startswith(("extra_fte_", "kosten_"))]
    return tabel[kolommen].sum()
