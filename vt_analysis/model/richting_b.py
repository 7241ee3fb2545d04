"""B. Terugdringen meldingen: the most meldingen the available fte carry (the rekentool inverted), measured against the
other (non-police) meldingen, and the check of the seed's volume-to-fte claims (data/claims.csv)."""

from __future__ import annotations

import pandas as pd

from vt_analysis.invoer.data import TELLINGEN, Kengetallen, Normen, Normset
from vt_analysis.invoer.params_secties import ScenarioBParams
from vt_analysis.model.politiemeldingen import reductie_uit_overige, verschuifbare_meldingen
from vt_analysis.model.rekentool import benodigde_fte
from vt_analysis.model.rekentool_rijen import norm_matrix

# --- B: the rekentool inverted ------------------------------------------------------------------------


def _schaalbaar(adviezen_meeschalen: bool) -> list[str]:
    return [k for k in TELLINGEN if adviezen_meeschalen or k != "adviezen"]


def max_meldingen(
    tellingen: pd.DataFrame,
    uren: pd.DataFrame,
    uren_per_fte: float | pd.Series,
    fte_beschikbaar: pd.Series,
    adviezen_meeschalen: bool,
) -> pd.Series:
    """The most meldingen the available fte carry at each row's own mix (B. Terugdringen).

    Counts scale with meldingen; adviezen too, or stay fixed. Solves
    ``(m · Σ_schaal mix·uren + vast) / uren_per_fte = fte_beschikbaar`` for m (never below 0).
    """
    schaal = _schaalbaar(adviezen_meeschalen)
    per_melding = tellingen[schaal].div(tellingen["meldingen"], axis=0)
    uren_per_melding = (per_melding * uren[schaal]).sum(axis=1)
    vast = 0.0 if adviezen_meeschalen else tellingen["adviezen"] * uren["adviezen"]
    return ((fte_beschikbaar * uren_per_fte - vast) / uren_per_melding).clip(lower=0)


def schaal_meldingen(tellingen: pd.DataFrame, meldingen: pd.Series, adviezen_meeschalen: bool) -> pd.DataFrame:
    """Counts at a new number of meldingen, the row's mix kept (adviezen fixed unless they scale)."""
    out = tellingen.astype(float).copy()
    schaal = _schaalbaar(adviezen_meeschalen)
    out[schaal] = out[schaal].mul(meldingen / tellingen["meldingen"], axis=0)
    return out


def scenario_b(b: ScenarioBParams, prognose: pd.DataFrame, normset: Normset, kg: Kengetallen) -> pd.DataFrame:
    """Per forecast year: available fte, meldingen_max, the reduction against the forecast (count, %).

    The mix is the forecast's own: the base mix for every count the forecast does not give (for the
    winstwaarschuwing adviezen 3.900 are given). ``<telling>_max`` are the counts at meldingen_max.
    """
    rijen = prognose[prognose["variant"] == b.prognose_variant].reset_index(drop=True)
    tellingen = rijen[list(TELLINGEN)]
    uren = norm_matrix(normset, rijen.index)
    beschikbaar = rijen["jaar"].map(lambda j: kg.fte_beschikbaar[int(j)].waarde)
    m_max = max_meldingen(tellingen, uren, normset.uren_per_fte, beschikbaar, b.adviezen_meeschalen)
    bij_max = schaal_meldingen(tellingen, m_max, b.adviezen_meeschalen)
    out = pd.DataFrame(
        {
            "jaar": rijen["jaar"],
            "variant": b.prognose_variant,
            "fte_beschikbaar": beschikbaar,
            "meldingen_prognose": rijen["meldingen"],
            "meldingen_max": m_max,
        }
    )
    out["reductie_meldingen"] = out["meldingen_prognose"] - out["meldingen_max"]
    out["reductie_pct"] = out["reductie_meldingen"] / out["meldingen_prognose"] * 100
    for k in TELLINGEN:
        out[f"{k}_max"] = bij_max[k]
    out["fte_bij_max"] = benodigde_fte(bij_max, normset)
    # Where the cut would have to come from: the police meldingen follow a national protocol, so the
    # meldingen gemeenten can influence are the others (De oplossingsruimte is beperkt).
    herkomst = reductie_uit_overige(out, kg.politie_aandeel_meldingen_pct.waarde)
    for k in ("politiemeldingen", "overige_meldingen", "reductie_overige_pct"):
        out[k] = herkomst[k]
    verschuifbaar = verschuifbare_meldingen(
        out["meldingen_prognose"],
        kg.politie_aandeel_meldingen_pct.waarde,
        kg.politie_naar_jpt_pct.waarde,
        kg.lokaal_team_aandeel_meldingen_pct.waarde,
    )
    out["politie_naar_jpt"] = verschuifbaar["politie_naar_jpt"]
    out["lokaal_team"] = verschuifbaar["lokaal_team"]
    return out


def controleer_claims(claims: pd.DataFrame, basis_mix: pd.Series, normen: Normen, normset: str) -> pd.DataFrame:
    """Recompute each claim of claims.csv with the rekentool; unstated counts follow the base mix.

    ``aangevuld`` names the counts filled from the mix; ``verschil_fte`` = rekentool − source.
    """
    out = claims.copy()
    aangevuld = pd.Series([[] for _ in range(len(out))], index=out.index)
    for k in TELLINGEN:
        leeg = out[k].isna()
        aangevuld[leeg] = aangevuld[leeg].map(lambda lijst, k=k: [*lijst, k])
        out[k] = out[k].astype("Float64").fillna(out["meldingen"].astype(float) * basis_mix[k]).astype(float)
    out["aangevuld"] = aangevuld.map(", ".join)
    for naam, ns in normen.normsets.items():
        out[f"fte_{naam}"] = benodigde_fte(out, ns)
    out["fte_rekentool"] = out[f"fte_{normset}"]
    out["verschil_fte"] = out["fte_rekentool"] - out["fte_volgens_bron"]
    return out
