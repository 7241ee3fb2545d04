"""Names of the text set for scenarios A (middelen bijstellen) and B (meldingen terugdringen): a section of the
registry in :mod:`vt_analysis.tekst.velden`."""

from __future__ import annotations

from vt_analysis.basis import formatting as fmt
from vt_analysis.invoer.run import Run
from vt_analysis.tekst.velden_bron import leidende_prognose, prognose_jaren, prognose_naam


def scenario_velden(_veld, run: Run) -> None:
    """A for the bridging years on its basis and the other, B's reduction against the other meldingen."""
    p = run.params
    leidend = leidende_prognose(run)
    jaren = prognose_jaren(run)
    # --- scenario A (middelen, for the bridging years) and B (meldingen terugdringen) -----------------
    overbrugging = list(p.scenario_a.overbrugging_jaren)
    _veld(
        "a_overbrugging_jaren",
        "tekst",
        "A: de jaren van de tussenperiode, als tekst",
        lambda b: fmt.opsomming([str(j) for j in overbrugging]),
    )
    _veld(
        "a_kosten_overbrugging_euro",
        "euro",
        "A: kosten over de hele tussenperiode (tekort plus gekozen posten)",
        lambda b: b.kerncijfer("a_kosten_overbrugging_euro"),
    )
    _veld(
        "a_basis",
        "tekst",
        "A: de basis waarop het tekort wordt aangevuld (het advies)",
        lambda b: prognose_naam(b.run, b.params.scenario_a.prognose_variant),
    )
    andere = [v for v in p.scenario_a.andere_basis if v != p.scenario_a.prognose_variant]
    _veld(
        "a_andere_basis",
        "tekst",
        "A: de basis die ter vergelijking is doorgerekend (leeg: geen)",
        lambda b: prognose_naam(b.run, andere[0]) if andere else "",
    )
    _veld(
        "a_kosten_andere_basis_euro",
        "euro",
        "A: kosten over de tussenperiode op die andere basis",
        lambda b: b.kerncijfer("a_kosten_andere_basis_euro"),
    )
    _veld(
        "a_wervingsduur_maanden",
        "aantal",
        "A: maanden werving en inwerken voordat extra medewerkers aan het werk zijn",
        lambda b: b.params.wachttijden.wervingsduur_maanden,
    )
    for jaar in jaren:
        _veld(
            f"a_maanden_{jaar}",
            "aantal",
            f"A: maanden van {jaar} waarin de extra formatie aan het werk is (en betaald wordt)",
            lambda b, j=jaar: b.kerncijfer(f"a_maanden_{j}"),
        )
        _veld(
            f"a_restant_{jaar}_fte",
            "fte",
            f"A: tekort dat in {jaar} overblijft als de leidende prognose uitkomt in plaats van A's basis",
            lambda b, j=jaar: b.kerncijfer(f"a_restant_{j}_fte"),
        )
        _veld(
            f"a_extra_fte_{jaar}",
            "fte",
            f"A: extra formatie {jaar} om het tekort op A's basis aan te vullen",
            lambda b, j=jaar: b.kerncijfer(f"a_extra_fte_{j}"),
        )
        _veld(
            f"a_kosten_{jaar}_euro",
            "euro",
            f"A: kosten {jaar} (tekort plus gekozen posten)",
            lambda b, j=jaar: b.kerncijfer(f"a_kosten_{j}_euro"),
        )
    for jaar in jaren:
        _veld(
            f"b_meldingen_max_{jaar}",
            "meldingen",
            f"B: meldingen die {jaar} met de beschikbare formatie kunnen",
            lambda b, j=jaar: b.scenario_b(j)["meldingen_max"],
        )
        _veld(
            f"b_reductie_{jaar}_meldingen",
            "meldingen",
            f"B: minder meldingen nodig in {jaar}",
            lambda b, j=jaar: b.scenario_b(j)["reductie_meldingen"],
        )
        _veld(
            f"b_reductie_{jaar}_pct",
            "%",
            f"B: minder meldingen nodig in {jaar}, als deel van alle meldingen",
            lambda b, j=jaar: b.scenario_b(j)["reductie_pct"],
        )
        _veld(
            f"b_prognose_{jaar}_meldingen",
            "meldingen",
            f"B: meldingen {jaar} volgens de prognose waartegen B rekent",
            lambda b, j=jaar: b.scenario_b(j)["meldingen_prognose"],
        )
        _veld(
            f"b_niet_politie_{jaar}_meldingen",
            "meldingen",
            f"B: meldingen {jaar} die niet van de politie komen (aandeel politie uit kengetallen)",
            lambda b, j=jaar: b.scenario_b(j)["overige_meldingen"],
        )
        _veld(
            f"b_reductie_niet_politie_{jaar}_pct",
            "%",
            f"B: de nodige daling als deel van de meldingen die niet van de politie komen ({jaar})",
            lambda b, j=jaar: b.scenario_b(j)["reductie_overige_pct"],
        )
        _veld(
            f"b_politie_naar_jpt_{jaar}_meldingen",
            "meldingen",
            f"B: politiemeldingen {jaar} die direct naar het Jeugd Preventie Team kunnen",
            lambda b, j=jaar: b.scenario_b(j)["politie_naar_jpt"],
        )
        _veld(
            f"b_lokaal_team_{jaar}_meldingen",
            "meldingen",
            f"B: meldingen {jaar} die van de lokale teams komen",
            lambda b, j=jaar: b.scenario_b(j)["lokaal_team"],
        )
        _veld(
            f"dekking_{jaar}_pct",
            "%",
            f"deel van de benodigde formatie {jaar} (leidende prognose) dat beschikbaar is",
            lambda b, j=jaar: b.tekort(leidend, j)["dekking_pct"],
        )
        _veld(
            f"tekort_per_maand_{jaar}_euro",
            "euro",
            f"tekort {jaar} volgens de leidende prognose in euro per maand",
            lambda b, j=jaar: b.tekort(leidend, j)["tekort_per_maand_euro"],
        )
        _veld(
            f"winstwaarschuwing_fte_benodigd_{jaar}",
            "fte",
            f"benodigde formatie {jaar} volgens de winstwaarschuwing",
            lambda b, j=jaar: b.fte_benodigd("winstwaarschuwing", j),
        )
        _veld(
            f"winstwaarschuwing_tekort_{jaar}_fte",
            "fte",
            f"tekort {jaar} volgens de winstwaarschuwing (benodigd min beschikbaar)",
            lambda b, j=jaar: b.tekort_fte("winstwaarschuwing", j),
        )
        _veld(
            f"winstwaarschuwing_tekort_{jaar}_euro",
            "euro",
            f"tekort {jaar} volgens de winstwaarschuwing in euro per jaar",
            lambda b, j=jaar: b.tekort("winstwaarschuwing", j)["tekort_euro"],
        )
    _veld(
        "niet_politie_aandeel_pct",
        "%",
        "deel van de meldingen dat niet van de politie komt",
        lambda b: b.kerncijfer("niet_politie_aandeel_pct"),
    )
