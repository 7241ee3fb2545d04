"""Names of the text set for the run, the formation decision and the shortage per prognosis year (Bijlage 2,
'Aanleiding', 'Winstwaarschuwing 2'): a section of the registry in :mod:`vt_analysis.tekst.velden`."""

from __future__ import annotations

from vt_analysis.invoer.run import Run
from vt_analysis.tekst.velden_bron import bron_naam, leidende_prognose, prognose_jaren, prognose_naam


def rekentool_velden(_veld, run: Run) -> None:
    """The run, the formation decision and the peilmoment, the shortage per prognosis year."""
    p = run.params
    leidend = leidende_prognose(run)
    jaren = prognose_jaren(run)
    # --- the run -------------------------------------------------------------------------------
    _veld("titel", "tekst", "titel van het document", lambda b: b.params.titel)
    _veld("regio", "tekst", "regio", lambda b: b.params.regio)
    _veld("peilmoment", "tekst", "periode met de laatste stand van de meldingen", lambda b: b.params.peilmoment)
    _veld("besluit_periode", "tekst", "periode met het formatiebesluit", lambda b: b.params.besluit_periode)
    _veld("documentdatum", "datum", "datum van het document", lambda b: b.params.documentdatum)
    _veld(
        "bron_naam",
        "tekst",
        "naam (en datum, als bekend) van het document waarop de analyse steunt",
        lambda b: bron_naam(b.params),
    )
    _veld(
        "normset_naam", "tekst", "naam van de toegepaste normset", lambda b: b.run.data.normen.normsets[p.normset].naam
    )
    _veld("leidende_prognose", "tekst", "naam van de leidende prognose", lambda b: prognose_naam(b.run, leidend))
    _veld(
        "leidende_prognose_soort",
        "tekst",
        "soort leidende prognose, om op te toetsen: begroting, winstwaarschuwing of trend",
        lambda b: leidend,
    )
    _veld(
        "illustratief",
        "ja/nee",
        "de hefbomen van C zijn illustratief",
        lambda b: bool(getattr(b.params, "illustratief", False)),
    )
    jaren = prognose_jaren(run)
    _veld("eerste_jaar", "jaar", "eerste prognosejaar", lambda b: jaren[0])
    _veld("laatste_jaar", "jaar", "laatste prognosejaar", lambda b: jaren[-1])

    # --- the formation decision and the peilmoment (Bijlage 2) --------------------------------------
    for prefix, periode, wat in (
        ("besluit", p.besluit_periode, "het AB-besluit"),
        ("peil", p.peilmoment, "peilmoment"),
    ):
        _veld(
            f"{prefix}_meldingen",
            "meldingen",
            f"meldingen bij {wat} ({periode})",
            lambda b, q=periode: b.periode(q)["meldingen"],
        )
        _veld(
            f"{prefix}_adviezen",
            "adviezen",
            f"adviezen bij {wat} ({periode})",
            lambda b, q=periode: b.periode(q)["adviezen"],
        )
        _veld(
            f"{prefix}_fte_benodigd",
            "fte",
            f"benodigde formatie bij {wat} ({periode})",
            lambda b, q=periode: b.periode(q)[f"fte_{p.normset}"],
        )
        _veld(
            f"{prefix}_fte_beschikbaar",
            "fte",
            f"beschikbare formatie bij {wat} ({periode})",
            lambda b, q=periode: b.periode(q)["fte_beschikbaar"],
        )
        _veld(
            f"{prefix}_tekort_fte",
            "fte",
            f"tekort bij {wat} ({periode}): benodigd min beschikbaar",
            lambda b, q=periode: -b.periode(q)[f"gap_{p.normset}"],
        )

    # --- the shortage per prognosis year: leading prognosis and the AB-besluit (begroting) ----------
    for jaar in jaren:
        _veld(
            f"meldingen_{jaar}",
            "meldingen",
            f"meldingen {jaar} volgens de leidende prognose",
            lambda b, j=jaar: b.tekort(leidend, j)["meldingen"],
        )
        _veld(
            f"adviezen_{jaar}",
            "adviezen",
            f"adviezen {jaar} volgens de leidende prognose",
            lambda b, j=jaar: b.tekort(leidend, j)["adviezen"],
        )
        _veld(
            f"fte_benodigd_{jaar}",
            "fte",
            f"benodigde formatie {jaar} volgens de leidende prognose",
            lambda b, j=jaar: b.fte_benodigd(leidend, j),
        )
        _veld(
            f"tekort_{jaar}_fte",
            "fte",
            f"tekort {jaar} volgens de leidende prognose (benodigd min beschikbaar)",
            lambda b, j=jaar: b.tekort_fte(leidend, j),
        )
        _veld(
            f"tekort_{jaar}_euro",
            "euro",
            f"tekort {jaar} volgens de leidende prognose in euro per jaar",
            lambda b, j=jaar: b.tekort(leidend, j)["tekort_euro"],
        )
        _veld(
            f"meldingen_boven_besluit_{jaar}",
            "meldingen",
            f"meldingen {jaar}: leidende prognose min begroting (AB-besluit)",
            lambda b, j=jaar: b.tekort(leidend, j)["meldingen"] - b.tekort("begroting", j)["meldingen"],
        )
        _veld(
            f"besluit_meldingen_{jaar}",
            "meldingen",
            f"meldingen {jaar} volgens de begroting (AB-besluit)",
            lambda b, j=jaar: b.tekort("begroting", j)["meldingen"],
        )
        _veld(
            f"besluit_tekort_{jaar}_fte",
            "fte",
            f"tekort {jaar} op de volumes van de begroting (AB-besluit)",
            lambda b, j=jaar: b.tekort_fte("begroting", j),
        )
        _veld(
            f"besluit_tekort_{jaar}_euro",
            "euro",
            f"tekort {jaar} op de volumes van de begroting (AB-besluit) in euro per jaar",
            lambda b, j=jaar: b.tekort("begroting", j)["tekort_euro"],
        )
        _veld(
            f"trend_meldingen_{jaar}",
            "meldingen",
            f"meldingen {jaar} volgens de trend",
            lambda b, j=jaar: b.tekort("trend", j)["meldingen"],
        )
        _veld(
            f"trend_tekort_{jaar}_fte",
            "fte",
            f"tekort {jaar} volgens de trend",
            lambda b, j=jaar: b.tekort_fte("trend", j),
        )
