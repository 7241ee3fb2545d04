"""Names of the text set for the chapters written as text blocks (request and decision, legal terms,
winstwaarschuwingen, verzuim, police meldingen, programmes, A's bridging costs) and every kengetal under its own
key: a section of the registry in :mod:`vt_analysis.tekst.velden`."""

from __future__ import annotations

from vt_analysis.invoer.run import Run
from vt_analysis.model.hefbomen import HEFBOMEN
from vt_analysis.tekst.velden_bron import WERKDAGEN_PER_WEEK, prognose_jaren
from vt_analysis.tekst.velden_wachtrij import verzoening_velden, wachtrij_velden


def _uit_perioden(_veld, rijen: list[tuple[str, str, str, str, str]]) -> None:
    """Names whose figure is one column of one period's row: (name, unit, description, period, column)."""
    for naam, eenheid, omschrijving, periode, kolom in rijen:
        _veld(naam, eenheid, omschrijving, lambda b, q=periode, k=kolom: b.periode(q)[k])


def _kerncijfers(_veld, rijen: list[tuple[str, str, str]]) -> None:
    """Names whose figure is the run's key figure of the same name (model.kerncijfers): (name, unit, description)."""
    for naam, eenheid, omschrijving in rijen:
        _veld(naam, eenheid, omschrijving, lambda b, n=naam: b.kerncijfer(n))


def hoofdstuk_velden(_veld, run: Run) -> None:
    """The chapters' figures, the queue model's and the reconciliation's names, and every kengetal."""
    p = run.params
    jaren = prognose_jaren(run)
    # --- the chapters of the text set: request and decision, legal terms, winstwaarschuwingen, verzuim, -------------
    # --- police meldingen, programmes, the bridging costs of A (impactanalyse 2024) ------------------------------
    besluit = p.besluit_periode
    _uit_perioden(
        _veld,
        [
            (
                "besluit_fte_structureel",
                "fte",
                f"structurele formatie bij het AB-besluit ({besluit})",
                besluit,
                "fte_structureel",
            ),
            (
                "besluit_fte_incidenteel",
                "fte",
                f"tijdelijke formatie bij het AB-besluit ({besluit})",
                besluit,
                "fte_incidenteel",
            ),
        ],
    )
    if p.aanvraag_periode:
        a = p.aanvraag_periode
        normsets = [("aanvraag_fte_benodigd", "de toegepaste normset", p.normset)]
        if p.normset_vergelijking:
            normsets.append(("aanvraag_fte_benodigd_vergelijking", "de vergelijkingsnormset", p.normset_vergelijking))
        _uit_perioden(
            _veld,
            [
                ("aanvraag_meldingen", "meldingen", f"meldingen bij de aanvraag ({a})", a, "meldingen"),
                ("aanvraag_adviezen", "adviezen", f"adviezen bij de aanvraag ({a})", a, "adviezen"),
                ("aanvraag_fte", "fte", f"gevraagde formatie, structureel en tijdelijk ({a})", a, "fte_beschikbaar"),
            ]
            + [
                (naam, "fte", f"benodigde formatie volgens {welke} bij de aanvraag ({a})", a, f"fte_{normset}")
                for naam, welke, normset in normsets
            ],
        )
        eerste = jaren[0]
        _kerncijfers(
            _veld,
            [
                ("besluit_onder_aanvraag_fte", "fte", "hoeveel formatie het AB-besluit onder de aanvraag ligt"),
                (
                    "besluit_onder_aanvraag_euro",
                    "euro",
                    "hoeveel het AB-besluit onder de aanvraag ligt, in euro per jaar",
                ),
            ]
            + [
                (
                    f"winstwaarschuwing_groei_{telling}_pct",
                    "%",
                    f"{telling} {eerste} volgens de winstwaarschuwing, groei ten opzichte van de aanvraag",
                )
                for telling in ("meldingen", "adviezen")
            ],
        )
    _veld(
        "triage_termijn_werkdagen",
        "aantal",
        "wettelijke termijn van de triage in werkdagen",
        lambda b: b.kalibratie()["termijn_triage_werkdagen"],
    )
    _veld(
        "onderzoek_termijn_weken",
        "aantal",
        "wettelijke termijn van een onderzoek in weken",
        lambda b: b.kalibratie()["termijn_onderzoek_werkdagen"] // WERKDAGEN_PER_WEEK,
    )
    wachtrij_velden(_veld, run)
    verzoening_velden(_veld, run)
    _kerncijfers(
        _veld, [("indexatie_tekort_euro", "euro", "gevraagde min toegekende indexatie van de subsidie, per jaar")]
    )
    _veld(
        "verdeelsleutel_aanwezig",
        "ja/nee",
        "de gegevens bevatten een verdeelsleutel (data/verdeelsleutel.yaml) voor het bedrag van A",
        lambda b: bool(b.resultaten["verdeling"]),
    )
    _kerncijfers(
        _veld,
        [
            ("indexatie_tekort_fte", "fte", "het indexatietekort uitgedrukt in fte"),
            ("programmas_kosten_euro", "euro", "kosten per jaar van VOiT en Veiligheid Voorop samen"),
            ("programmas_fte", "fte", "kosten van VOiT en Veiligheid Voorop samen, uitgedrukt in fte"),
        ],
    )
    for positie in ("eerste", "vorige", "laatste"):
        _veld(
            f"verzuim_{positie}_jaar",
            "jaar",
            f"het {positie} jaar van de verzuimreeks",
            lambda b, q=positie: b.verzuim(q)["jaar"],
        )
        _veld(
            f"verzuim_{positie}_pct",
            "%",
            f"verzuim in het {positie} jaar van de verzuimreeks",
            lambda b, q=positie: b.verzuim(q)["verzuim_pct"],
        )
    for jaar in sorted(run.data.volumes.loc[run.data.volumes["status"] == "realisatie", "jaar"].unique()):
        _veld(
            f"realisatie_meldingen_{jaar}",
            "meldingen",
            f"meldingen in {jaar} (realisatie)",
            lambda b, j=int(jaar): b.realisatie(j)["meldingen"],
        )
        if int(jaar) in run.data.kengetallen.politie_meldingen:
            _veld(
                f"politie_aandeel_{jaar}_pct",
                "%",
                f"deel van de meldingen in {jaar} dat van de politie kwam (realisatie)",
                lambda b, j=int(jaar): b.kerncijfer(f"politie_aandeel_{j}_pct"),
            )
    _kerncijfers(
        _veld,
        [
            (f"a_kosten_overbrugging_{post}_euro", "euro", f"A: kosten over de tussenperiode, post {post}")
            for post in ("formatie", "indexatie")
        ]
        + [
            (
                "a_kosten_overbrugging_programmas_euro",
                "euro",
                "A: kosten over de tussenperiode, voortzetting VOiT en Veiligheid Voorop",
            )
        ],
    )
    _veld(
        "c_becijferd",
        "ja/nee",
        "C: minstens één hefboom heeft een waarde",
        lambda b: any(getattr(b.params.scenario_c, h) for h in HEFBOMEN),
    )
    _veld(
        "c_vanaf_jaar",
        "jaar",
        "C: eerste jaar waarin de hefbomen meetellen (0: alle jaren)",
        lambda b: b.params.scenario_c.vanaf_jaar or 0,
    )

    # --- the kengetallen, each under its own key -------------------------------------------------------
    for naam, waarde in run.data.kengetallen:
        items = waarde.items() if isinstance(waarde, dict) else [(None, waarde)]
        for jaar, kg in items:
            sleutel = f"{naam}_{jaar}" if jaar is not None else naam
            _veld(
                sleutel,
                kg.eenheid,
                f"kengetal: {kg.bron}",
                lambda b, n=naam, j=jaar: b.kengetal(n, j),
            )
