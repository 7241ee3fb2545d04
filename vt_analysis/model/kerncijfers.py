"""The key figures of a run, computed once from its result frames: what text blocks and chapter tables cite.

A shortage, a cost, a coverage or a police share that the report names in a sentence and in a table is
one field of ``results.json`` (sections ``tekorten`` and ``kerncijfers``), computed here and nowhere else:
the text-block names of :mod:`vt_analysis.tekst.velden` and the chapter modules read it, so a sentence and a
table cannot disagree.

Sign convention (one for the whole report): ``tekort_fte`` is required minus available, positive when
Veilig Thuis is short, negative when there is room.
"""

from __future__ import annotations

import pandas as pd

from vt_analysis.invoer.data import Kengetallen
from vt_analysis.invoer.periode import periode_rij

MAANDEN_PER_JAAR = 12


def tekorten(prognose: pd.DataFrame, kg: Kengetallen, normset: str) -> pd.DataFrame:
    """Per prognosis variant and year: required and available fte, the shortage in fte and euro, the coverage.

    The rekentool's required fte (Bijlage 1) against the available fte of that year (kengetallen); the
    euro amount is the shortage at ``kosten_per_fte_euro`` (the seed prices one fte at € 104.000).
    """
    out = prognose[["variant", "jaar"]].copy()
    out["jaar"] = out["jaar"].astype(int)
    out["meldingen"] = prognose["meldingen"].astype(float)
    out["adviezen"] = prognose["adviezen"].astype(float)
    out["fte_benodigd"] = prognose[f"fte_{normset}"].astype(float)
    out["fte_beschikbaar"] = out["jaar"].map(lambda j: kg.fte_beschikbaar[int(j)].waarde).astype(float)
    out["tekort_fte"] = out["fte_benodigd"] - out["fte_beschikbaar"]
    out["tekort_euro"] = out["tekort_fte"] * kg.kosten_per_fte_euro.waarde
    out["tekort_per_maand_euro"] = out["tekort_euro"] / MAANDEN_PER_JAAR
    out["dekking_pct"] = 100 * out["fte_beschikbaar"] / out["fte_benodigd"]
    return out.reset_index(drop=True)


def _periode(perioden: pd.DataFrame, naam: str) -> pd.Series:
    return periode_rij(perioden, naam)


def kerncijfers(
    p,
    perioden: pd.DataFrame,
    tekorten_: pd.DataFrame,
    scenario_a: pd.DataFrame,
    kg: Kengetallen,
) -> dict[str, float]:
    """The scalar key figures the report cites (name → unrounded value); the names are those of the text set.

    - A over the bridging period (Oplossingen A): its total and its posts, each summed once;
    - the request against the decision (Aanleiding), the indexation shortfall (Winstwaarschuwing 1),
      the programmes (Terugtrekking deelname aan programma's), the winstwaarschuwing's growth
      (Winstwaarschuwing 2), the police share per realised year (De oplossingsruimte is beperkt).
    """
    kosten = kg.kosten_per_fte_euro.waarde
    uit: dict[str, float] = {}
    a = scenario_a[scenario_a["variant"] == p.scenario_a.prognose_variant] if len(scenario_a) else scenario_a
    uit["a_kosten_overbrugging_euro"] = float(a["kosten_totaal_euro"].sum()) if len(a) else 0.0
    uit["a_extra_fte_overbrugging"] = float(a["extra_fte_totaal"].sum()) if len(a) else 0.0
    for post in ("formatie", "indexatie"):
        uit[f"a_kosten_overbrugging_{post}_euro"] = float(a[f"kosten_{post}_euro"].sum()) if len(a) else 0.0
    uit["a_kosten_overbrugging_programmas_euro"] = (
        float((a["kosten_voit_euro"] + a["kosten_veiligheid_voorop_euro"]).sum()) if len(a) else 0.0
    )
    for j in sorted(tekorten_["jaar"].unique()):  # every prognosis year; a year outside the bridging period is 0
        uit[f"a_extra_fte_{j}"] = uit[f"a_kosten_{j}_euro"] = uit[f"a_maanden_{j}"] = 0.0
    for _, rij in a.iterrows():
        j = int(rij["jaar"])
        uit[f"a_extra_fte_{j}"] = float(rij["extra_fte_formatie"])
        uit[f"a_kosten_{j}_euro"] = float(rij["kosten_totaal_euro"])
        uit[f"a_maanden_{j}"] = float(rij["maanden_in_dienst"])
        # What A leaves open when the leading prognosis comes true instead of A's basis.
        leidend = tekorten_[(tekorten_["variant"] == p.leidende_prognose) & (tekorten_["jaar"] == j)]
        if len(leidend):  # (the restant of a year outside the bridging period is the whole shortage, below)
            uit[f"a_restant_{j}_fte"] = max(0.0, float(leidend["tekort_fte"].iloc[0] - rij["extra_fte_formatie"]))
    for _, rij in tekorten_[tekorten_["variant"] == p.leidende_prognose].iterrows():
        uit.setdefault(f"a_restant_{int(rij['jaar'])}_fte", max(0.0, float(rij["tekort_fte"])))
    anders = [v for v in dict.fromkeys(scenario_a["variant"]) if v != p.scenario_a.prognose_variant]
    uit["a_kosten_andere_basis_euro"] = (
        float(scenario_a[scenario_a["variant"] == anders[0]]["kosten_totaal_euro"].sum()) if anders else 0.0
    )
    besluit = _periode(perioden, p.besluit_periode)
    if p.aanvraag_periode:
        aanvraag = _periode(perioden, p.aanvraag_periode)
        verschil = float(aanvraag["fte_beschikbaar"] - besluit["fte_beschikbaar"])
        uit["besluit_onder_aanvraag_fte"] = verschil
        uit["besluit_onder_aanvraag_euro"] = verschil * kosten
        ww = tekorten_[tekorten_["variant"] == "winstwaarschuwing"].sort_values("jaar")
        if len(ww):
            eerste = ww.iloc[0]
            for telling in ("meldingen", "adviezen"):
                groei = 100 * (eerste[telling] / aanvraag[telling] - 1)
                uit[f"winstwaarschuwing_groei_{telling}_pct"] = float(groei)
    indexatie = kg.indexatie_gevraagd_euro.waarde - kg.indexatie_toegekend_euro.waarde
    uit["indexatie_tekort_euro"] = indexatie
    uit["indexatie_tekort_fte"] = indexatie / kosten
    programmas = kg.voit_kosten_euro.waarde + kg.veiligheid_voorop_kosten_euro.waarde
    uit["programmas_kosten_euro"] = programmas
    uit["programmas_fte"] = programmas / kosten
    uit["niet_politie_aandeel_pct"] = 100 - kg.politie_aandeel_meldingen_pct.waarde
    realisaties = perioden[perioden["status"] == "realisatie"]
    for _, rij in realisaties.iterrows():
        j = int(rij["jaar"])
        if j in kg.politie_meldingen and rij["meldingen"] > 0:
            uit[f"politie_aandeel_{j}_pct"] = 100 * kg.politie_meldingen[j].waarde / float(rij["meldingen"])
    return uit


def verzuim_reeks(kg: Kengetallen) -> pd.DataFrame:
    """Verzuim per year (jaar, verzuim_pct), oldest first."""
    return pd.DataFrame(
        [{"jaar": int(jaar), "verzuim_pct": v.waarde} for jaar, v in sorted(kg.verzuim_pct.items())],
        columns=["jaar", "verzuim_pct"],
    )


def risico_kerncijfers(
    kg: Kengetallen, tekorten_: pd.DataFrame, leidend: str, basisjaar: int, verzuim_stress_pct: float
) -> dict[str, float]:
    """The figures that size the risks of data/risicos.yaml ('Beoordeling van de impact AB-besluit'): the legal
    term now against its norm, verzuim in the stress variant against the base year, the shortage per year of
    the leading prognosis (the most that has to be recruited)."""
    uit = {
        "triage_realisatie_pct": kg.triage_binnen_5_werkdagen_realisatie_pct.waarde,
        "triage_norm_pct": kg.triage_binnen_5_werkdagen_norm_pct.waarde,
        "onderzoek_realisatie_pct": kg.onderzoek_binnen_10_weken_realisatie_pct.waarde,
        "onderzoek_norm_pct": kg.onderzoek_binnen_10_weken_norm_pct.waarde,
        "verzuim_stress_pct": float(verzuim_stress_pct),
    }
    if basisjaar in kg.verzuim_pct:
        uit["verzuim_peiljaar_pct"] = kg.verzuim_pct[basisjaar].waarde
    for _, rij in tekorten_[tekorten_["variant"] == leidend].iterrows():
        uit[f"leidend_tekort_{int(rij['jaar'])}_fte"] = max(0.0, float(rij["tekort_fte"]))
    return uit
