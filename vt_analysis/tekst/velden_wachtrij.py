"""Names of the text set for the queue model (legal terms per scenario and year) and for the reconciliation of the
rekentool with the queue model: a section of the registry in :mod:`vt_analysis.tekst.velden`."""

from __future__ import annotations

import pandas as pd

from vt_analysis.basis import formatting as fmt
from vt_analysis.invoer.run import Run
from vt_analysis.model.wachttijden import BAND, verzuim_scenario_pct
from vt_analysis.model.wachttijden.gevoeligheid import AANNAMEN, RUIS_PCT, bars_met_ruis
from vt_analysis.model.wachttijden.kalibratie import KALIBRATIE_MARGE_PP
from vt_analysis.tekst.velden_bron import prognose_jaren


def verzoening_velden(_veld, run: Run) -> None:
    """The reconciliation of rekentool and queue model: the fields of results.json's ``verzoening``."""

    def v(naam: str):
        return lambda b: b.resultaten["verzoening"].get(naam)

    _veld("verzoening_scenario", "tekst", "scenario dat de leidende prognose zelf is (verzoening)", v("scenario"))
    for q, wat in (("triage", "triage"), ("onderzoek", "onderzoek")):
        _veld(f"verzoening_normuren_{q}", "uur", f"normuren per {wat} (rekentool)", v(f"normuren_{q}"))
        _veld(f"verzoening_uren_{q}", "uur", f"uren per {wat} in het basisjaar (normuren / tempo)", v(f"uren_{q}"))
        _veld(
            f"verzoening_minder_uren_{q}_pct",
            "%",
            f"hoeveel minder uren een {wat} in het basisjaar kreeg dan de norm",
            v(f"minder_uren_{q}_pct"),
        )
    for jaar in prognose_jaren(run):
        _veld(
            f"verzoening_fte_rekentool_{jaar}",
            "fte",
            f"(a) formatie die de normuren vragen in {jaar}",
            v(f"fte_rekentool_{jaar}"),
        )
        for soort, wat in (
            ("evenwicht", "(b) evenwicht bij het tempo van het basisjaar"),
            ("norm", "(c) jaarindicator op de norm"),
        ):
            for q in ("triage", "onderzoek"):
                for s, grens in (("", ""), ("_laag", ", ondergrens interval"), ("_hoog", ", bovengrens interval")):
                    _veld(
                        f"verzoening_fte_{soort}_{q}_{jaar}{s}",
                        "fte",
                        f"{wat}, {q}, {jaar}{grens}",
                        v(f"fte_{soort}_{q}_{jaar}{s}"),
                    )
            _veld(f"verzoening_fte_{soort}_{jaar}", "fte", f"{wat}, beide wachtrijen, {jaar}", v(f"fte_{soort}_{jaar}"))
        _veld(
            f"verzoening_verschil_rekentool_evenwicht_{jaar}",
            "fte",
            f"(a) min (b) in {jaar}: het deel van de normformatie dat het tempo van het basisjaar niet vraagt",
            v(f"verschil_rekentool_evenwicht_{jaar}"),
        )


def _historie_velden(_veld) -> None:
    """The calibration on measured periods (wachttijden_historie.csv): none (0 periods) or the fit's test."""

    def h(sleutel: str, leeg=None):
        return lambda b: leeg if b.kalibratie().get("historie") is None else b.kalibratie()["historie"][sleutel]

    _veld("wachtrij_historie_perioden", "aantal", "gemeten perioden waarop het model is gekalibreerd", h("perioden", 0))
    _veld("wachtrij_historie_eerste", "tekst", "eerste gemeten periode", h("periode_eerste", ""))
    _veld("wachtrij_historie_toets", "tekst", "gemeten periode die de kalibratie toetst", h("toets_periode", ""))
    for q in ("triage", "onderzoek"):
        for sleutel, wat in (
            ("gemeten_pct", "gemeten op tijd"),
            ("model_pct", "op tijd volgens het model"),
            ("model_pct_laag", "op tijd volgens het model, ondergrens band"),
            ("model_pct_hoog", "op tijd volgens het model, bovengrens band"),
        ):
            _veld(f"wachtrij_historie_{q}_{sleutel}", "%", f"{q}, toetsperiode: {wat}", h(f"{q}_toets_{sleutel}"))


def _gevoeligheid_velden(_veld) -> None:
    """The tornado's own noise (results.json ``kalibratie.gevoeligheid``, per bar ``*_ruis_pp``): how many
    replications, the calibration's margin, the smallest and largest noise of a bar and the bars within it."""

    def bars(b, q: str):
        g = b.kalibratie().get("gevoeligheid")
        if not g:
            return None
        return bars_met_ruis(pd.DataFrame(g), q)

    def ruis(q: str, functie):
        return lambda b: None if bars(b, q) is None else float(functie(bars(b, q)["ruis_pp"]))

    def binnen(q: str):
        def lijst(b) -> str:
            t = bars(b, q)
            return "" if t is None else fmt.opsomming([AANNAMEN[a].lower() for a in t.loc[t["binnen_ruis"], "aanname"]])

        return lijst

    _veld(
        "wachtrij_gevoeligheid_herhalingen",
        "aantal",
        "herhalingen per variant in de gevoeligheid (0: geen gevoeligheid berekend)",
        lambda b: b.kalibratie().get("gevoeligheid_replicaties", 0) if b.kalibratie().get("gevoeligheid") else 0,
    )
    _veld(
        "wachtrij_kalibratie_marge_pp",
        "getal",
        "de kalibratie stopt binnen zoveel procentpunt",
        lambda b: KALIBRATIE_MARGE_PP,
    )
    _veld(
        "wachtrij_gevoeligheid_ruis_zekerheid_pct",
        "%",
        "zekerheid waarmee de ruis van een balk is bepaald",
        lambda b: RUIS_PCT,
    )
    for q in ("triage", "onderzoek"):
        for grens, functie in (("laag", min), ("hoog", max)):
            _veld(
                f"wachtrij_gevoeligheid_ruis_{q}_{grens}_pp",
                "getal",
                f"gevoeligheid {q}: {'kleinste' if grens == 'laag' else 'grootste'} ruis van een balk (procentpunt)",
                ruis(q, functie),
            )
        _veld(
            f"wachtrij_gevoeligheid_binnen_ruis_{q}",
            "tekst",
            f"gevoeligheid {q}: de aannames waarvan de balk binnen zijn ruis blijft",
            binnen(q),
        )


def wachtrij_velden(_veld, run: Run) -> None:
    """The queue model of chapter Wettelijke termijnen: its assumptions and its calibration."""
    ns = run.data.normen.normsets[run.params.normset]

    def k(sleutel: str):
        return lambda b: b.kalibratie()[sleutel]

    _veld("wachtrij_basisperiode", "tekst", "periode waarop het wachtrijmodel is gekalibreerd", k("basisperiode"))
    _veld("wachtrij_basisjaar", "jaar", "jaar van die periode", k("basisjaar"))
    _veld(
        "wachtrij_eerste_inloopjaar",
        "jaar",
        "eerste jaar van de inloop van het model",
        lambda b: b.kalibratie()["inloop_jaren"][0],
    )
    _veld(
        "wachtrij_tempo_triage", "getal", "triage: normuren die één gewerkt uur dekt (kalibratie)", k("factor_triage")
    )
    _veld("wachtrij_tempo_onderzoek", "getal", "onderzoek: normuren die één gewerkt uur dekt", k("factor_onderzoek"))
    for product in ("triage", "onderzoek"):
        if product in ns.producten:
            norm = ns.producten[product].uren
            _veld(f"wachtrij_normuren_{product}", "aantal", f"normuren per {product} (rekentool)", lambda b, n=norm: n)
            _veld(
                f"wachtrij_uren_{product}",
                "getal",
                f"uren per {product} bij het gekalibreerde tempo",
                lambda b, n=norm, p=product: n / b.kalibratie()[f"factor_{p}"],
            )
    _veld(
        "wachtrij_model_triage_pct",
        "%",
        "triage op tijd in het basisjaar volgens het model",
        k("pct_triage_binnen_5_werkdagen"),
    )
    _veld(
        "wachtrij_model_onderzoek_pct",
        "%",
        "onderzoek op tijd in het basisjaar volgens het model",
        k("pct_onderzoek_binnen_10_weken"),
    )
    _veld("wachtrij_fte_beschikbaar", "fte", "fte beschikbaar in het basisjaar", k("fte_beschikbaar"))
    _veld(
        "wachtrij_fte_evenwicht",
        "fte",
        "formatie waarbij de wachtrijen in het basisjaar in evenwicht zijn",
        k("fte_evenwicht"),
    )
    for wachtrij in ("triage", "onderzoek"):
        _veld(
            f"wachtrij_fte_evenwicht_{wachtrij}",
            "fte",
            f"formatie waarbij de wachtrij voor {wachtrij} in het basisjaar in evenwicht is (bij zijn eigen tempo)",
            k(f"fte_evenwicht_{wachtrij}"),
        )
    _veld(
        "wachtrij_fte_benodigd",
        "fte",
        "fte benodigd volgens de rekentool in de basisperiode",
        lambda b: b.periode(b.kalibratie()["basisperiode"])[f"fte_{b.params.normset}"],
    )
    _veld("wachtrij_verzuim_pct", "%", "verzuim in het basisjaar", k("verzuim_pct"))
    _veld("wachtrij_acuut_pct", "%", "aandeel acute meldingen (aanname)", k("acuut_pct"))
    _veld(
        "wachtrij_spreiding_triage",
        "getal",
        "variatiecoëfficiënt van de uren per triage (aanname)",
        k("spreiding_triage"),
    )
    _veld(
        "wachtrij_spreiding_onderzoek",
        "getal",
        "variatiecoëfficiënt van de uren per onderzoek",
        k("spreiding_onderzoek"),
    )
    _veld(
        "wachtrij_uren_per_werkdag_triage",
        "aantal",
        "uren per werkdag aan een melding in triage",
        k("uren_per_werkdag_triage"),
    )
    _veld(
        "wachtrij_uren_per_werkdag_onderzoek",
        "aantal",
        "uren per werkdag aan een lopend onderzoek",
        k("uren_per_werkdag_onderzoek"),
    )
    _veld(
        "wachtrij_medewerkers_triage",
        "aantal",
        "parallelle plekken in de triage (uit de aanname hierboven)",
        k("servers_triage"),
    )
    _veld("wachtrij_medewerkers_onderzoek", "aantal", "onderzoeken tegelijk in behandeling", k("servers_onderzoek"))
    _veld(
        "wachtrij_vakanties",
        "tekst",
        "vakantieweken met hun capaciteit (aanname)",
        lambda b: fmt.opsomming(
            [
                f"{v['weken']} weken {v['naam']} op {fmt.procent(v['capaciteit_pct'])}"
                for v in b.kalibratie()["vakanties"]
            ]
        ),
    )
    _veld(
        "wachtrij_wervingsduur_maanden",
        "aantal",
        "maanden voordat extra fte van A aan het werk zijn",
        k("wervingsduur_maanden"),
    )
    _veld("wachtrij_infasering_maanden", "aantal", "maanden waarin de daling van B opbouwt", k("infasering_maanden"))
    _veld("wachtrij_replicaties", "aantal", "herhalingen per scenario in de projectie", k("replicaties_projectie"))
    _historie_velden(_veld)
    _gevoeligheid_velden(_veld)
    _veld(
        "wachtrij_band_pct",
        "%",
        "deel van de herhalingen binnen de band om een lijn",
        lambda b: 100 * (BAND[1] - BAND[0]),
    )
    _veld("wachtrij_replicaties_kalibratie", "aantal", "herhalingen in de kalibratie", k("replicaties"))
    _veld(
        "wachtrij_verzuim_stress_pct",
        "%",
        "verzuim in de stressvariant",
        lambda b: verzuim_scenario_pct(b.run.data.kengetallen, b.kalibratie()["basisjaar"], b.params.wachttijden),
    )
