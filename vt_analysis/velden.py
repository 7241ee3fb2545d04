"""Velden: every name a text block (``report/tekst/<set>/*.md``) can use, with value, unit and meaning.

One registry, one place. A name is declared with :func:`_veld` inside :func:`_definities`; its value is
a function of :class:`Bron`, which computes the run's results once (the same figures ``results.json``
holds) only when a value is asked for. Names alone come from params and data, so checking every text
block before a render costs no computation.

Naming: Dutch words, the year in the name where a figure is per year, the unit last
(``tekort_2026_fte``, ``tekort_2026_euro``); shortage figures are positive when there is a shortage.
Every kengetal of ``kengetallen.yaml`` is a veld under its own key (per year: ``<key>_<jaar>``).

To add a name: one ``_veld(...)`` line in the section it belongs to; ``vt-analysis velden`` lists it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd

from . import formatting as fmt
from .kerncijfers import verzuim_reeks
from .run import Run
from .scenarios import HEFBOMEN
from .wachttijden import BAND, verzuim_scenario_pct

WERKDAGEN_PER_WEEK = 5  # the onderzoek term is kept in working days; the text names it in weeks

EENHEDEN = ("fte", "euro", "meldingen", "adviezen", "aantal", "%", "datum", "tekst", "ja/nee", "jaar", "cijfer", "uur")


@dataclass(frozen=True)
class Veld:
    """One name of the text set: its value (unrounded), unit and a short Dutch description."""

    waarde: Any
    eenheid: str
    omschrijving: str


@dataclass(frozen=True)
class _Definitie:
    naam: str
    eenheid: str
    omschrijving: str
    waarde: Callable[[Bron], Any]


class Bron:
    """The run plus its results, computed once on first use (``resultaten.bereken_resultaten``)."""

    def __init__(self, run: Run, resultaten: dict | None = None):
        self.run = run
        self._resultaten = resultaten

    @property
    def params(self):
        return self.run.params

    @cached_property
    def resultaten(self) -> dict:
        if self._resultaten is None:
            from .resultaten import resultaten_met_cache

            self._resultaten = resultaten_met_cache(self.run)[0].naar_dict()
        return self._resultaten

    # --- accessors: the one place that knows the shape of the results ---------------------------

    def kalibratie(self) -> dict:
        return self.resultaten["kalibratie"]

    def periode(self, periode: str) -> dict:
        return next(r for r in self.resultaten["perioden"] if r["periode"] == periode)

    def scenario_b(self, jaar: int) -> dict:
        return next(r for r in self.resultaten["scenario_b"] if r["jaar"] == jaar)

    def kengetal(self, naam: str, jaar: int | None = None) -> float:
        waarde = getattr(self.run.data.kengetallen, naam)
        return (waarde[jaar] if jaar is not None else waarde).waarde

    def fte_beschikbaar(self, jaar: int) -> float:
        return self.kengetal("fte_beschikbaar", jaar)

    def tekort(self, variant: str, jaar: int) -> dict:
        """The key-figure record of one prognosis variant and year (results ``tekorten``)."""
        return next(r for r in self.resultaten["tekorten"] if r["variant"] == variant and r["jaar"] == jaar)

    def fte_benodigd(self, variant: str, jaar: int) -> float:
        return self.tekort(variant, jaar)["fte_benodigd"]

    def tekort_fte(self, variant: str, jaar: int) -> float:
        """Shortage (positive) or room (negative) in fte: required minus available."""
        return self.tekort(variant, jaar)["tekort_fte"]

    def kerncijfer(self, naam: str) -> float:
        """A scalar key figure of the results (section ``kerncijfers``)."""
        return self.resultaten["kerncijfers"][naam]

    def realisatie(self, jaar: int) -> dict:
        return next(r for r in self.resultaten["perioden"] if r["jaar"] == jaar and r["status"] == "realisatie")

    def verzuim(self, positie: str) -> dict:
        """The first, previous-to-last or last year of the verzuim series."""
        reeks = verzuim_reeks(self.run.data.kengetallen)
        rij = reeks.iloc[{"eerste": 0, "vorige": max(len(reeks) - 2, 0), "laatste": -1}[positie]]
        return {"jaar": int(rij["jaar"]), "verzuim_pct": float(rij["verzuim_pct"])}


def prognose_jaren(run: Run) -> list[int]:
    """The prognosis years of the run (params, else the years of fte_beschikbaar)."""
    jaren = run.params.prognose.jaren
    return list(jaren) if jaren else sorted(run.data.kengetallen.fte_beschikbaar)


def leidende_prognose(run: Run) -> str:
    """The prognosis variant the run names as leading (default the winstwaarschuwing)."""
    return getattr(run.params, "leidende_prognose", None) or "winstwaarschuwing"


def prognose_naam(run: Run, variant: str) -> str:
    """The prognosis as Dutch prose: 'de begroting 2025 besluit AB', 'de winstwaarschuwing', 'de trend'."""
    if variant == "begroting":
        periode = run.params.prognose.begroting_periode or run.params.besluit_periode
        return "de " + periode[:1].lower() + periode[1:]
    if variant == "peilmoment":
        return f"de stand bij {run.params.peilmoment}, zonder groei"
    return {"winstwaarschuwing": "de winstwaarschuwing", "trend": "de trend"}[variant]


def _definities(run: Run) -> list[_Definitie]:
    """The registry: every name, its unit, its meaning and how its value follows from the results."""
    defs: list[_Definitie] = []

    def _veld(naam: str, eenheid: str, omschrijving: str, waarde: Callable[[Bron], Any]) -> None:
        defs.append(_Definitie(naam, eenheid, omschrijving, waarde))

    p = run.params
    leidend = leidende_prognose(run)

    # --- the run -------------------------------------------------------------------------------
    _veld("titel", "tekst", "titel van het document", lambda b: b.params.titel)
    _veld("regio", "tekst", "regio", lambda b: b.params.regio)
    _veld("peilmoment", "tekst", "periode met de laatste stand van de meldingen", lambda b: b.params.peilmoment)
    _veld("besluit_periode", "tekst", "periode met het formatiebesluit", lambda b: b.params.besluit_periode)
    _veld("documentdatum", "datum", "datum van het document", lambda b: b.params.documentdatum)
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

    # --- scenario A (middelen, for the bridging years) and B (meldingen terugdringen) -----------------
    overbrugging = list(p.scenario_a.overbrugging_jaren)
    _veld(
        "a_overbrugging_jaren",
        "tekst",
        "A: de jaren van de tussenperiode, als tekst",
        lambda b: _opsomming([str(j) for j in overbrugging]),
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

    # --- the chapters of the text set: request and decision, legal terms, winstwaarschuwingen, verzuim, -------------
    # --- police meldingen, programmes, the bridging costs of A (impactanalyse 2024) ------------------------------
    besluit = p.besluit_periode
    _veld(
        "besluit_fte_structureel",
        "fte",
        f"structurele formatie bij het AB-besluit ({besluit})",
        lambda b: b.periode(besluit)["fte_structureel"],
    )
    _veld(
        "besluit_fte_incidenteel",
        "fte",
        f"tijdelijke formatie bij het AB-besluit ({besluit})",
        lambda b: b.periode(besluit)["fte_incidenteel"],
    )
    if p.aanvraag_periode:
        aanvraag = p.aanvraag_periode
        _veld(
            "aanvraag_meldingen",
            "meldingen",
            f"meldingen bij de aanvraag ({aanvraag})",
            lambda b: b.periode(aanvraag)["meldingen"],
        )
        _veld(
            "aanvraag_adviezen",
            "adviezen",
            f"adviezen bij de aanvraag ({aanvraag})",
            lambda b: b.periode(aanvraag)["adviezen"],
        )
        _veld(
            "aanvraag_fte",
            "fte",
            f"gevraagde formatie, structureel en tijdelijk ({aanvraag})",
            lambda b: b.periode(aanvraag)["fte_beschikbaar"],
        )
        _veld(
            "aanvraag_fte_benodigd",
            "fte",
            f"benodigde formatie volgens de toegepaste normset bij de aanvraag ({aanvraag})",
            lambda b: b.periode(aanvraag)[f"fte_{p.normset}"],
        )
        if p.normset_vergelijking:
            _veld(
                "aanvraag_fte_benodigd_vergelijking",
                "fte",
                f"benodigde formatie volgens de vergelijkingsnormset bij de aanvraag ({aanvraag})",
                lambda b: b.periode(aanvraag)[f"fte_{p.normset_vergelijking}"],
            )
        _veld(
            "besluit_onder_aanvraag_fte",
            "fte",
            "hoeveel formatie het AB-besluit onder de aanvraag ligt",
            lambda b: b.kerncijfer("besluit_onder_aanvraag_fte"),
        )
        _veld(
            "besluit_onder_aanvraag_euro",
            "euro",
            "hoeveel het AB-besluit onder de aanvraag ligt, in euro per jaar",
            lambda b: b.kerncijfer("besluit_onder_aanvraag_euro"),
        )
        eerste = jaren[0]
        _veld(
            "winstwaarschuwing_groei_meldingen_pct",
            "%",
            f"meldingen {eerste} volgens de winstwaarschuwing, groei ten opzichte van de aanvraag",
            lambda b: b.kerncijfer("winstwaarschuwing_groei_meldingen_pct"),
        )
        _veld(
            "winstwaarschuwing_groei_adviezen_pct",
            "%",
            f"adviezen {eerste} volgens de winstwaarschuwing, groei ten opzichte van de aanvraag",
            lambda b: b.kerncijfer("winstwaarschuwing_groei_adviezen_pct"),
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
    _wachtrij_velden(_veld, run)
    _verzoening_velden(_veld, run)
    _veld(
        "indexatie_tekort_euro",
        "euro",
        "gevraagde min toegekende indexatie van de subsidie, per jaar",
        lambda b: b.kerncijfer("indexatie_tekort_euro"),
    )
    _veld(
        "indexatie_tekort_fte",
        "fte",
        "het indexatietekort uitgedrukt in fte",
        lambda b: b.kerncijfer("indexatie_tekort_fte"),
    )
    _veld(
        "programmas_kosten_euro",
        "euro",
        "kosten per jaar van VOiT en Veiligheid Voorop samen",
        lambda b: b.kerncijfer("programmas_kosten_euro"),
    )
    _veld(
        "programmas_fte",
        "fte",
        "kosten van VOiT en Veiligheid Voorop samen, uitgedrukt in fte",
        lambda b: b.kerncijfer("programmas_fte"),
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
    for post in ("formatie", "indexatie"):
        _veld(
            f"a_kosten_overbrugging_{post}_euro",
            "euro",
            f"A: kosten over de tussenperiode, post {post}",
            lambda b, q=post: b.kerncijfer(f"a_kosten_overbrugging_{q}_euro"),
        )
    _veld(
        "a_kosten_overbrugging_programmas_euro",
        "euro",
        "A: kosten over de tussenperiode, voortzetting VOiT en Veiligheid Voorop",
        lambda b: b.kerncijfer("a_kosten_overbrugging_programmas_euro"),
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
    return defs


def _verzoening_velden(_veld, run: Run) -> None:
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


def _wachtrij_velden(_veld, run: Run) -> None:
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
        lambda b: _opsomming(
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


def _opsomming(delen: list[str]) -> str:
    """'2025', '2025 en 2026', '2025, 2026 en 2027'."""
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1] if delen else ""


def namen(run: Run) -> dict[str, tuple[str, str]]:
    """Every name a text block can use, with (unit, description), without computing anything."""
    uit: dict[str, tuple[str, str]] = {}
    for d in _definities(run):
        if d.naam in uit:
            raise ValueError(f"veld {d.naam!r} is twee keer gedefinieerd")
        uit[d.naam] = (d.eenheid, d.omschrijving)
    return uit


@dataclass(frozen=True)
class _DataUitResultaten:
    """What the registry reads of a dataset, taken from a run's results (a chapter has no dataset)."""

    kengetallen: Any
    normen: Any
    volumes: pd.DataFrame


def bron_van(bron: Run | Bron, params=None) -> Bron:
    """One Bron per run or results object, so a notebook computes nothing twice however many blocks it shows.

    ``bron`` is a :class:`Run` (computes its results), a :class:`Bron`, or a chapter's ``Resultaten`` with
    its params (the two values ``hoofdstukken.laad`` returns): then nothing is computed at all.
    """
    if isinstance(bron, Bron):
        return bron
    bestaand = bron.__dict__.get("_velden_bron")
    if bestaand is None:
        if isinstance(bron, Run):
            bestaand = Bron(bron)
        else:
            if params is None:
                raise TypeError("bij Resultaten horen de params van de run: tekst.toon(naam, r, p)")
            data = _DataUitResultaten(bron.kengetallen, bron.normen, bron.perioden)
            bestaand = Bron(Run(params=params, data=data), resultaten=bron.naar_dict())
        object.__setattr__(bron, "_velden_bron", bestaand)  # the object is frozen; this is a memo, not state
    return bestaand


def velden(bron: Run | Bron, alleen: Iterable[str] | None = None) -> dict[str, Veld]:
    """Every name with its value (computes the run's results once per run object); ``alleen``: just these
    names (a previous run computed without the queue model has no values for the queue's names)."""
    bron = bron_van(bron)
    gevraagd = None if alleen is None else set(alleen)
    return {
        d.naam: Veld(d.waarde(bron), d.eenheid, d.omschrijving)
        for d in _definities(bron.run)
        if gevraagd is None or d.naam in gevraagd
    }


def json_waarde(waarde: Any) -> Any:
    """A value as JSON (dates as ISO text)."""
    return waarde.isoformat() if isinstance(waarde, date) else waarde
