"""The three solution directions of the impactanalyse (Oplossingen A, B, C), their comparison and a tornado.

* A. Middelen bijstellen: extra fte and euro per year of a bridging period, plus the indexation
  shortfall (Winstwaarschuwing 1), VOiT and Veiligheid Voorop (Terugtrekking deelname aan programma's).
* B. Terugdringen meldingen: the most meldingen the available fte carry (the rekentool inverted), and
  the check of the seed's volume-to-fte claims (data/claims.csv).
* C. Procesoptimalisatie: five levers, each a param with neutral default 0, through the rekentool.

Everything is vectorised over rows: one row per (variant, year) or per perturbed input, so a tornado
is one matrix evaluation. The fte of a row is the rekentool's formula with that row's norm hours:
``Σ telling × uren / uren_per_fte`` (rekentool.benodigde_fte for a single normset; tested equal).

This module holds C (the waterfall), the comparison and the tornado; the params sections are in
:mod:`.params_secties` (their constants in :mod:`.hefbomen`), the row-wise rekentool in :mod:`.rekentool_rijen`,
A in :mod:`.richting_a` and B in :mod:`.richting_b`. Their names are importable from here as before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vt_analysis.invoer.data import TELLINGEN, Kengetallen, Normset
from vt_analysis.invoer.params_secties import (
    GevoeligheidParams,
    ScenarioAParams,
    ScenarioBParams,
    ScenarioCParams,
    ScenarioDef,
    VergelijkingParams,
)
from vt_analysis.model.hefbomen import HEFBOMEN, MAANDEN_PER_JAAR, STAPPEN, STROOMAFWAARTS
from vt_analysis.model.rekentool import benodigde_fte, fte_matrix
from vt_analysis.model.rekentool_rijen import hefboom_frame, norm_matrix, pas_hefbomen_toe, verwijder_meldingen
from vt_analysis.model.richting_a import a_posten, hele_euro, maanden_in_dienst, scenario_a, scenario_a_totaal
from vt_analysis.model.richting_b import controleer_claims, max_meldingen, scenario_b, schaal_meldingen

__all__ = [
    "HEFBOMEN",
    "MAANDEN_PER_JAAR",
    "STAPPEN",
    "STROOMAFWAARTS",
    "GevoeligheidParams",
    "ScenarioAParams",
    "ScenarioBParams",
    "ScenarioCParams",
    "ScenarioDef",
    "VergelijkingParams",
    "a_posten",
    "c_becijferd",
    "controleer_claims",
    "fte_matrix",
    "gevoeligheid",
    "hefboom_frame",
    "hele_euro",
    "maanden_in_dienst",
    "max_meldingen",
    "norm_matrix",
    "pas_hefbomen_toe",
    "scenario_a",
    "scenario_a_totaal",
    "scenario_b",
    "schaal_meldingen",
    "vergeleken_scenarios",
    "vergelijking",
    "verwijder_meldingen",
    "waterval",
]


# --- C: waterfall ---------------------------------------------------------------------------------------


def _c_actief(c: ScenarioCParams, jaren: pd.Series) -> pd.Series:
    return jaren >= c.vanaf_jaar if c.vanaf_jaar is not None else pd.Series(True, index=jaren.index)


def waterval(
    c: ScenarioCParams, prognose: pd.DataFrame, variant: str, normset: Normset, kg: Kengetallen
) -> pd.DataFrame:
    """Per year: baseline fte → each lever's delta (cumulative, order of STAPPEN) → result, vs available.

    All steps of all years are evaluated at once: one row per (year, step) with its lever values.
    """
    basis = prognose[prognose["variant"] == variant].reset_index(drop=True)
    actief = _c_actief(c, basis["jaar"])
    rijen = []
    for i, r in basis.iterrows():
        gezet: dict[str, float] = {k: 0.0 for k in HEFBOMEN}
        rijen.append({"jaar": r["jaar"], "stap": "basis", "bron_rij": i, **gezet})
        for stap, velden in STAPPEN:
            if actief[i]:
                gezet.update({v: getattr(c, v) for v in velden})
            rijen.append({"jaar": r["jaar"], "stap": stap, "bron_rij": i, **gezet})
    plan = pd.DataFrame(rijen)
    tellingen = basis.loc[plan["bron_rij"], list(TELLINGEN)].reset_index(drop=True)
    uren = norm_matrix(normset, plan.index)
    t, u = pas_hefbomen_toe(tellingen, uren, plan[list(HEFBOMEN)], kg)
    plan["fte_na"] = fte_matrix(t, u, normset.uren_per_fte)
    plan["meldingen_na"] = t["meldingen"]
    plan["delta_fte"] = plan.groupby("jaar")["fte_na"].diff()
    plan.loc[plan["stap"] == "basis", "delta_fte"] = plan["fte_na"]
    resultaat = plan.groupby("jaar", as_index=False).last().assign(stap="resultaat")
    resultaat["delta_fte"] = resultaat["fte_na"]
    out = pd.concat([plan, resultaat]).sort_values("jaar", kind="stable").reset_index(drop=True)
    out["fte_beschikbaar"] = out["jaar"].map(lambda j: kg.fte_beschikbaar[int(j)].waarde)
    out["gap_na"] = out["fte_beschikbaar"] - out["fte_na"]
    return out[["jaar", "stap", "delta_fte", "fte_na", "meldingen_na", "fte_beschikbaar", "gap_na"]]


# --- comparison and sensitivity ------------------------------------------------------------------------


def c_becijferd(c: ScenarioCParams) -> bool:
    """Whether at least one lever of C has a value: without one, C is not yet quantified (it would equal doing
    nothing), so C and its combinations are not compared as scenarios."""
    return any(getattr(c, h) for h in HEFBOMEN)


def vergeleken_scenarios(v: VergelijkingParams, c: ScenarioCParams) -> list[ScenarioDef]:
    """The named scenarios that are compared: those with C only when C is quantified."""
    return [s for s in v.scenarios if not s.procesoptimalisatie or c_becijferd(c)]


def _plan(
    v: VergelijkingParams, a: ScenarioAParams, b: ScenarioBParams, c: ScenarioCParams, prognose: pd.DataFrame
) -> pd.DataFrame:
    """One row per (scenario, year): which variant, counts, and which of A/B/C apply."""
    rijen = []
    for s in vergeleken_scenarios(v, c):
        variant = s.prognose_variant or v.prognose_variant
        for _, r in prognose[prognose["variant"] == variant].iterrows():
            jaar = int(r["jaar"])
            rijen.append(
                {
                    "naam": s.naam,
                    "jaar": jaar,
                    "prognose_variant": variant,
                    **{k: r[k] for k in TELLINGEN},
                    "c": s.procesoptimalisatie and (c.vanaf_jaar is None or jaar >= c.vanaf_jaar),
                    "b": s.meldingen_terugdringen and (b.vanaf_jaar is None or jaar >= b.vanaf_jaar),
                    "a": s.middelen == "structureel" or (s.middelen == "overbrugging" and jaar in a.overbrugging_jaren),
                }
            )
    return pd.DataFrame(rijen, columns=["naam", "jaar", "prognose_variant", *TELLINGEN, "c", "b", "a"])


def vergelijking(
    v: VergelijkingParams,
    a: ScenarioAParams,
    b: ScenarioBParams,
    c: ScenarioCParams,
    prognose: pd.DataFrame,
    normset: Normset,
    kg: Kengetallen,
    wervingsduur_maanden: int = 0,
) -> pd.DataFrame:
    """Per compared scenario and year: fte benodigd, fte beschikbaar (with A's extra), tekort, kosten, meldingen.

    A's extra staff start after ``wervingsduur_maanden`` of recruitment: ``fte_beschikbaar`` is the year's
    formation on average, counting them for the months they are at work (``maanden_in_dienst``, as their cost
    does), so the year's shortage is the one its annual indicators of the legal terms live with;
    ``fte_na_werving`` is the formation once they are at work (the queue model's months after recruitment).

    Order within a year: C changes counts and hours, then B caps meldingen to the available fte, then A
    funds the shortage on its own basis (``scenario_a.prognose_variant``), never more than what is left:
    A funded on the peilmoment leaves a shortage when the winstwaarschuwing comes true. Its cost is the
    same as in :func:`scenario_a`: the extra fte for the months they are at work, plus A's posts.
    ``tekort_fte`` = benodigd − beschikbaar (positive when short); ``gap`` is its opposite.
    """
    plan = _plan(v, a, b, c, prognose)
    uren = norm_matrix(normset, plan.index)
    hefbomen = hefboom_frame(c, plan.index).mul(plan["c"].astype(float), axis=0)
    t, u = pas_hefbomen_toe(plan[list(TELLINGEN)], uren, hefbomen, kg)
    beschikbaar = plan["jaar"].map(lambda j: kg.fte_beschikbaar[int(j)].waarde).astype(float)
    meeschalen = b.adviezen_meeschalen
    m_max = max_meldingen(t, u, normset.uren_per_fte, beschikbaar, meeschalen)
    nieuw = t["meldingen"].where(~plan["b"], np.minimum(t["meldingen"], m_max))
    voor_b = t
    t = schaal_meldingen(t, nieuw, meeschalen)
    benodigd = fte_matrix(t, u, normset.uren_per_fte)
    basis = prognose[prognose["variant"] == a.prognose_variant].set_index("jaar")
    a_basis = benodigde_fte(basis, normset)  # what A funds: the shortage on its basis
    extra_basis = (plan["jaar"].map(a_basis).astype(float) - beschikbaar).clip(lower=0)
    extra = np.minimum(extra_basis, (benodigd - beschikbaar).clip(lower=0)).where(plan["a"], 0.0)
    eerste = int(prognose["jaar"].min()) if len(prognose) else 0
    maanden = maanden_in_dienst(plan["jaar"], eerste, wervingsduur_maanden)
    posten_euro = sum(hele_euro(euro) for _, euro in a_posten(a, kg).values())
    out = plan[["naam", "jaar", "prognose_variant"]].copy()
    out["fte_benodigd"] = benodigd
    out["fte_beschikbaar"] = beschikbaar + extra * (maanden / MAANDEN_PER_JAAR)  # a full year: exactly extra
    out["fte_na_werving"] = beschikbaar + extra
    verschil = out["fte_beschikbaar"] - out["fte_benodigd"]
    out["gap"] = verschil.where(verschil.abs() > 1e-9, 0.0)  # a closed gap is 0, not −0 from rounding
    out["tekort_fte"] = -out["gap"] + 0.0
    out["extra_fte"] = extra
    out["maanden_in_dienst"] = maanden.where(plan["a"], 0.0)
    formatie_euro = hele_euro(extra * kg.kosten_per_fte_euro.waarde * maanden / MAANDEN_PER_JAAR)
    out["kosten_euro"] = formatie_euro + posten_euro * plan["a"]
    for telling in TELLINGEN:  # the counts after C and B: the queue model (wachttijden) simulates them
        out[telling] = t[telling]
    for telling in TELLINGEN:  # and before B, so that the queue model can phase B's reduction in
        out[f"{telling}_voor_b"] = voor_b[telling]
    return out


def _gevoeligheid_basis(
    v: VergelijkingParams, c: ScenarioCParams, prognose: pd.DataFrame
) -> tuple[str, int, str, bool]:
    g = v.gevoeligheid
    scenarios = {s.naam: s for s in v.scenarios}
    s = scenarios.get(g.scenario) if g.scenario else next(iter(scenarios.values()), None)
    variant = (s.prognose_variant if s and s.prognose_variant else None) or v.prognose_variant
    jaar = g.jaar if g.jaar is not None else int(prognose["jaar"].min())
    c_actief = bool(s and s.procesoptimalisatie and (c.vanaf_jaar is None or jaar >= c.vanaf_jaar))
    return (s.naam if s else variant), jaar, variant, c_actief


def gevoeligheid(
    v: VergelijkingParams, c: ScenarioCParams, prognose: pd.DataFrame, normset: Normset, kg: Kengetallen
) -> pd.DataFrame:
    """Tornado: every input ±variatie_pct, its effect on the gap, sorted by the span (largest first).

    Inputs: each count, the norm hours of each product, uren_per_fte, each lever of C. All 2·K
    perturbed rows are evaluated in one matrix step (pas_hefbomen_toe + fte_matrix). The gap is the
    one before A and B: those close it by construction, so the tornado shows what drives it.
    """
    naam, jaar, variant, c_actief = _gevoeligheid_basis(v, c, prognose)
    d = v.gevoeligheid.variatie_pct / 100
    rij = prognose[(prognose["variant"] == variant) & (prognose["jaar"] == jaar)].iloc[0]
    invoer = (
        [("telling", k, k) for k in TELLINGEN]
        + [("normuren", p, n.telling) for p, n in normset.producten.items()]
        + [("uren_per_fte", "uren_per_fte", None)]
        + [("hefboom", h, h) for h in HEFBOMEN]
    )
    n = 2 * len(invoer) + 1  # the last row is the unperturbed baseline
    index = pd.RangeIndex(n)
    tellingen = pd.DataFrame([rij[list(TELLINGEN)].astype(float)] * n, index=index)
    uren = norm_matrix(normset, index)
    upf = pd.Series(normset.uren_per_fte, index=index, dtype=float)
    hefbomen = hefboom_frame(c if c_actief else None, index)
    factor = np.append(np.tile([-d, d], len(invoer)), 0.0)
    for i, (soort, label, kolom) in enumerate(invoer):
        rijen = [2 * i, 2 * i + 1]
        if soort == "telling":
            tellingen.loc[rijen, kolom] *= 1 + factor[rijen]
        elif soort == "normuren":
            uren.loc[rijen, kolom] += factor[rijen] * normset.producten[label].uren
        elif soort == "uren_per_fte":
            upf[rijen] *= 1 + factor[rijen]
        else:
            hefbomen.loc[rijen, kolom] *= 1 + factor[rijen]
    pcts = [h for h in HEFBOMEN if h.endswith("_pct")]
    hefbomen[pcts] = hefbomen[pcts].clip(upper=100)
    t, u = pas_hefbomen_toe(tellingen, uren, hefbomen, kg)
    gap = (kg.fte_beschikbaar[jaar].waarde - fte_matrix(t, u, upf)).to_numpy()
    gap_basis = gap[-1]
    gap = gap[:-1]
    out = pd.DataFrame(
        {
            "soort": [s for s, _, _ in invoer],
            "invoer": [lbl for _, lbl, _ in invoer],
            "gap_laag": gap[0::2],
            "gap_hoog": gap[1::2],
        }
    )
    out["effect_laag"] = out["gap_laag"] - gap_basis
    out["effect_hoog"] = out["gap_hoog"] - gap_basis
    out["bereik"] = (out["effect_hoog"] - out["effect_laag"]).abs()
    out["gap_basis"] = gap_basis
    out["scenario"], out["jaar"], out["variatie_pct"] = naam, jaar, d * 100
    return out.sort_values("bereik", ascending=False, kind="stable").reset_index(drop=True)
