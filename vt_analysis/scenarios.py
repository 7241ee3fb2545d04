"""The three solution directions of the impactanalyse (Oplossingen A, B, C), their comparison and a tornado.

* A. Middelen bijstellen: extra fte and euro per year of a bridging period, plus the indexation
  shortfall (Winstwaarschuwing 1), VOiT and Veiligheid Voorop (Terugtrekking deelname aan programma's).
* B. Terugdringen meldingen: the most meldingen the available fte carry (the rekentool inverted), and
  the check of the seed's volume-to-fte claims (data/claims.csv).
* C. Procesoptimalisatie: five levers, each a param with neutral default 0, through the rekentool.

Everything is vectorised over rows: one row per (variant, year) or per perturbed input, so a tornado
is one matrix evaluation. The fte of a row is the rekentool's formula with that row's norm hours:
``Σ telling × uren / uren_per_fte`` (rekentool.benodigde_fte for a single normset; tested equal).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data import TELLINGEN, Kengetallen, Normen, Normset
from .params_secties import ScenarioAParams, ScenarioBParams, ScenarioCParams, ScenarioDef, VergelijkingParams
from .politiemeldingen import reductie_uit_overige, verschuifbare_meldingen
from .rekentool import benodigde_fte, norm_vector

# Counts that follow the meldingen when meldingen go (adviezen are asked before any melding).
MAANDEN_PER_JAAR = 12
STROOMAFWAARTS = ("meldingen", "overdragen", "overdracht_ondersteuning", "onderzoek", "monitoring")

HEFBOMEN = tuple(k for k in ScenarioCParams.model_fields if k != "vanaf_jaar")

# Waterfall steps (id, levers) in the order of the seed's levers (i)–(v); each step sets its levers on
# top of the previous. The ids are data; the report names them in Dutch.
STAPPEN = (
    ("direct_overdragen", ("direct_overdragen_pct",)),
    ("monitoring", ("monitoring_reductie_pct",)),
    ("echtscheiding", ("echtscheiding_pct",)),
    ("politie", ("politie_naar_jpt_realisatie_pct", "politie_teruggelegd_realisatie_pct")),
    ("stap2", ("stap2_extra_adviezen", "stap2_voorkomen_pct")),
)


# --- the rekentool, row-wise -------------------------------------------------------------------------


def norm_matrix(normset: Normset, index: pd.Index) -> pd.DataFrame:
    """The normset's hours per count (rekentool.norm_vector) repeated for every row."""
    v = norm_vector(normset)
    return pd.DataFrame(np.tile(v.to_numpy(), (len(index), 1)), columns=v.index, index=index)


def fte_matrix(tellingen: pd.DataFrame, uren: pd.DataFrame, uren_per_fte: pd.Series | float) -> pd.Series:
    """Required fte per row, each row with its own norm hours (the rekentool's formula, Bijlage 1)."""
    return (tellingen[list(TELLINGEN)].astype(float) * uren[list(TELLINGEN)]).sum(axis=1) / uren_per_fte


def verwijder_meldingen(tellingen: pd.DataFrame, aandeel: pd.Series) -> pd.DataFrame:
    """Remove a share of the meldingen together with that share of every downstream count."""
    out = tellingen.astype(float).copy()
    out[list(STROOMAFWAARTS)] = out[list(STROOMAFWAARTS)].mul(1 - aandeel.clip(0, 1), axis=0)
    return out


def hefboom_frame(c: ScenarioCParams | None, index: pd.Index) -> pd.DataFrame:
    """The lever values for every row (zeros where C does not apply)."""
    waarden = [getattr(c, k) if c is not None else 0.0 for k in HEFBOMEN]
    return pd.DataFrame([waarden] * len(index), columns=list(HEFBOMEN), index=index, dtype=float)


def pas_hefbomen_toe(
    tellingen: pd.DataFrame, uren: pd.DataFrame, h: pd.DataFrame, kg: Kengetallen
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the levers of C (row-wise values in ``h``) to counts and norm hours. Seed: Oplossingen C.

    (i) direct overdragen: that share of overdracht_ondersteuning loses its 16 uur ondersteuning; the case
        stays in overdragen (it is still triaged and overgedragen), so overdragen does not change.
    (ii) strakkere monitoring: the monitoring norm hours per case go down by the reduction %.
    (iii) echtscheiding: that share of meldingen goes to RvdK / lokaal veld, with its downstream counts.
    (iv) politie: of the police share of meldingen (politie_aandeel_meldingen_pct), the JPT share
         (politie_naar_jpt_pct) and the teruggelegd share (politie_teruggelegd_pct), the realised
         part leaves VT with its downstream counts. The seed notes that the 161 teruggelegde meldingen
         of 2023 were not counted among the 4.599: realise that part only if the counts include them.
    (v) stap 2: extra adviezen (2 uur each via the advies norm); each prevents a melding with the given
        probability, which leaves with its downstream counts.
    """
    t = tellingen.astype(float).copy()
    u = uren.astype(float).copy()
    t["overdracht_ondersteuning"] *= 1 - h["direct_overdragen_pct"] / 100
    u["monitoring"] *= 1 - h["monitoring_reductie_pct"] / 100
    t = verwijder_meldingen(t, h["echtscheiding_pct"] / 100)
    politie = (
        kg.politie_aandeel_meldingen_pct.waarde
        / 100
        * (
            kg.politie_naar_jpt_pct.waarde / 100 * h["politie_naar_jpt_realisatie_pct"] / 100
            + kg.politie_teruggelegd_pct.waarde / 100 * h["politie_teruggelegd_realisatie_pct"] / 100
        )
    )
    t = verwijder_meldingen(t, politie)
    voorkomen = h["stap2_extra_adviezen"] * h["stap2_voorkomen_pct"] / 100
    t = verwijder_meldingen(t, (voorkomen / t["meldingen"].where(t["meldingen"] > 0)).fillna(0))
    t["adviezen"] += h["stap2_extra_adviezen"]
    return t, u


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
    out["fte_beschikbaar"] = beschikbaar + extra
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
