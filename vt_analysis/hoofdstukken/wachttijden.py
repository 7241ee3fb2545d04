"""Chapter 08, Wettelijke termijnen: the queue model, its calibration and the projection per scenario.

The prose about the model and the calibration is the text block ``wachttijden``; this module gives the
tables, the charts and the sentences that are lists over the scenarios.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.charts import Figuur, figuur, waaier_chart
from vt_analysis.hoofdstukken.tables import Tabel, tabel

# The chapter's start state and sensitivity, one module beside this one; the notebook reads them from here.
from vt_analysis.hoofdstukken.wachttijden_aannames import beginstand_tekst as beginstand_tekst
from vt_analysis.hoofdstukken.wachttijden_aannames import gevoeligheid_figuur as gevoeligheid_figuur
from vt_analysis.hoofdstukken.wachttijden_aannames import gevoeligheid_tekst as gevoeligheid_tekst
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.model.wachttijden import (
    BAND,
    WachttijdenParams,
    normmomenten,
    verzuim_scenario_herkomst,
    verzuim_scenario_pct,
)
from vt_analysis.model.wachttijden.formatie import MAX_EVENWICHT
from vt_analysis.tekst.markup import markdown_tekst
from vt_analysis.tekst.velden import WERKDAGEN_PER_WEEK


def _maand(tekst: str | None) -> str:
    """'2025-04' as 'april 2025'; no month (None or NaN in a frame) means the norm is not reached."""
    if not isinstance(tekst, str) or not tekst:
        return "niet binnen de horizon"
    jaar, maand = tekst.split("-")
    return fmt.datum(pd.Timestamp(int(jaar), int(maand), 1)).split(" ", 1)[1]


def _naam(naam: str) -> str:
    return f"*{markdown_tekst(naam)}*"


def kalibratie_tabel(r: Resultaten) -> Tabel:
    """Per queue: the fitted tempo, what it means in hours, and the base year it reproduces."""
    kal = r.kalibratie
    ns = r.normen.normsets[kal["normset"]]
    rijen = []
    for rij, product, pct, doel in (
        ("Triage", "triage", "pct_triage_binnen_5_werkdagen", "doel_triage_pct"),
        ("Onderzoek", "onderzoek", "pct_onderzoek_binnen_10_weken", "doel_onderzoek_pct"),
    ):
        tempo = kal[f"factor_{product}"]
        rijen.append(
            {
                "rij": rij,
                "norm": ns.producten[product].uren,
                "werkelijk": ns.producten[product].uren / tempo,
                "tempo": tempo,
                "model": kal[pct],
                "gemeten": kal[doel],
                "wachtend": kal[f"backlog_{product}_eind_mediaan"],
            }
        )
    koppen = {
        "rij": "Wachtrij",
        "norm": "Normuren per zaak",
        "werkelijk": f"Uren per zaak in {kal['basisjaar']}",
        "tempo": "Tempo (normuur per uur)",
        "model": "Model binnen termijn",
        "gemeten": "Gemeten binnen termijn",
        "wachtend": f"Wachtend eind {kal['basisjaar']}",
    }
    formats = {
        "norm": kf.AANTAL,
        "werkelijk": kf.getal(1),
        "tempo": kf.getal(2),
        "model": kf.procent(1),
        "gemeten": kf.procent(),
        "wachtend": kf.AANTAL,
    }
    return tabel(
        pd.DataFrame(rijen),
        f"Kalibratie op {kal['basisperiode']}: het tempo waarmee het model de gemeten termijnen nabootst",
        formats,
        koppen,
    )


def _jaren(r: Resultaten) -> list[int]:
    return sorted({int(j) for j in r.wachttijden_jaren["jaar"]})


def jaarindicator_tabel(r: Resultaten) -> Tabel:
    """Per scenario and year: the annual indicator per term (the share of the year's cases on time, as BURAP
    and the Inspectie report it) with its 80% interval of calibration and Monte Carlo uncertainty."""
    t = r.wachttijden_jaren
    jaren = _jaren(r)
    rijen = []
    for naam, groep in t.groupby("scenario", sort=False):
        g = groep.set_index("jaar")
        rij = {"scenario": naam}
        for q in ("triage", "onderzoek"):
            for j in jaren:
                x = g.loc[j]
                rij[f"{q}_{j}"] = kf.MetInterval(x[f"{q}_pct"], x[f"{q}_pct_laag"], x[f"{q}_pct_hoog"])
        rijen.append(rij)
    koppen = {"scenario": "Scenario"}
    koppen |= {f"triage_{j}": f"Triage {j}" for j in jaren} | {f"onderzoek_{j}": f"Onderzoek {j}" for j in jaren}
    return tabel(
        pd.DataFrame(rijen),
        "Jaarindicatoren per scenario: aandeel van de meldingen van het jaar dat binnen de termijn is getrieerd en "
        "van de onderzoeken van het jaar dat binnen de termijn is afgerond (verwacht aandeel, met het 80%-interval "
        "van meetfout en toeval)",
        {k: kf.procent() for k in koppen if k != "scenario"},
        koppen,
    )


def formatie_tabel(r: Resultaten) -> Tabel:
    """Per group of scenarios with the same volumes and year: the balance formation per queue and the formation
    at which each annual indicator reaches its norm, with their 80% intervals (fte, from the month new staff
    can start; before it the scenario's own formation)."""
    t = r.wachttijden_jaren.dropna(subset=["fte_evenwicht_triage"])
    kolommen = [f"fte_{s}_{q}" for s in ("evenwicht", "norm") for q in ("triage", "onderzoek")]
    groepen: dict[tuple, list[str]] = {}
    for naam, groep in t.groupby("scenario", sort=False):
        sleutel = tuple(groep[kolommen].round(6).to_numpy().ravel().tolist())
        groepen.setdefault(sleutel, []).append(naam)
    rijen = []
    for namen in groepen.values():
        g = t[t["scenario"] == namen[0]].set_index("jaar")
        for j in _jaren(r):
            x = g.loc[j]
            rij = {"scenario": "; ".join(namen), "jaar": j}
            for k in kolommen:
                rij[k] = kf.MetInterval(x[k], x[f"{k}_laag"], x[f"{k}_hoog"])
            rijen.append(rij)
    kg = r.kengetallen
    norm_t = fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)
    norm_o = fmt.procent(kg.onderzoek_binnen_10_weken_norm_pct.waarde)
    koppen = {
        "scenario": "Scenario's (zelfde volumes)",
        "jaar": "Jaar",
        "fte_evenwicht_triage": "Evenwicht triage",
        "fte_evenwicht_onderzoek": "Evenwicht onderzoek",
        "fte_norm_triage": f"Triage {norm_t} over het jaar",
        "fte_norm_onderzoek": f"Onderzoek {norm_o} over het jaar",
    }
    werving = int(r.kalibratie["wervingsduur_maanden"])
    start = pd.Period(year=_jaren(r)[0], month=1, freq="M") + werving
    eerder = f"; daarvoor de formatie van het scenario zelf ({fmt.aantal(werving)} maanden werving)" if werving else ""
    # The dash is explained only where the table shows one.
    streepje = (
        f". Een streepje: in dat jaar niet te halen, ook niet met {fmt.getal(MAX_EVENWICHT, 1)} keer de "
        "evenwichtsformatie"
        if t.loc[t["jaar"].isin(_jaren(r)), kolommen].isna().any().any()
        else ""
    )
    return tabel(
        pd.DataFrame(rijen),
        f"Formatie (fte) waarbij elke wachtrij bij het tempo van {r.kalibratie['basisjaar']} in evenwicht is, en "
        f"waarbij de jaarindicator zijn norm haalt als die formatie er vanaf {_maand(str(start))} is{eerder}. "
        f"Tussen haakjes het 80%-interval{streepje}",
        {"jaar": kf.JAAR} | dict.fromkeys(kolommen, kf.FTE),
        koppen,
    )


def bodem_tekst(r: Resultaten) -> Markdown:
    """Where triage collapsed, the share on time is the acute meldingen (always first), not a prediction of
    the queue: the sentence says so and gives the regular meldingen's share beside it."""
    t = r.wachttijden_jaren
    acuut = r.kalibratie["acuut_pct"]
    ingestort = t[t["triage_regulier_pct"] < 5]
    if ingestort.empty:
        return Markdown("")
    delen = [
        f"{_naam(x.scenario)} in {int(x.jaar)}: {fmt.procent(x.triage_pct)} op tijd, van de gewone meldingen "
        f"{fmt.procent(x.triage_regulier_pct)}"
        for x in ingestort.itertuples()
    ]
    return Markdown(
        "Waar de triagewachtrij is vastgelopen, is het aandeel op tijd vooral het aandeel acute meldingen "
        f"({fmt.procent(acuut)}, een aanname): die gaan altijd voor en zijn dus op tijd. Dat is een ondergrens van "
        "het model, geen voorspelling. " + "; ".join(delen) + "."
    )


def evenwicht(r: Resultaten) -> pd.DataFrame:
    """Per compared scenario and year: the formation at which each queue is in balance at its calibrated
    tempo (as the formation table and the summary's (b) give it; one joint figure would hide the queue that
    grows), beside the rekentool's fte benodigd and the fte available."""
    uit = r.vergelijking[["naam", "jaar", "fte_benodigd", "fte_beschikbaar", "tekort_fte"]]
    per_wachtrij = r.wachttijden_jaren[["scenario", "jaar", "fte_evenwicht_triage", "fte_evenwicht_onderzoek"]]
    return uit.merge(per_wachtrij.rename(columns={"scenario": "naam"}), on=["naam", "jaar"], how="left")


def projectie_tekst(r: Resultaten) -> Markdown:
    """Sentences over the scenarios: when the norms are met, why a scenario short by the rekentool
    may still meet them (computed from the calibration), waiting families, and the verzuim variant."""
    kal, t, kg = r.kalibratie, r.wachttijden, r.kengetallen
    norm = normmomenten(t, kg).set_index("scenario")
    laatste = t.groupby("scenario", sort=False).tail(1).set_index("scenario")
    eerste = t.groupby("scenario", sort=False).head(1).set_index("scenario")
    vergeleken = list(dict.fromkeys(r.vergelijking["naam"]))
    norm_t = fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)
    norm_o = fmt.procent(kg.onderzoek_binnen_10_weken_norm_pct.waarde)
    zinnen = []
    gehaald = [n for n in vergeleken if isinstance(norm.loc[n, "triage_vanaf"], str)]
    if gehaald:
        zinnen.append(
            f"De triagenorm van {norm_t} wordt tot het eind van de horizon gehaald in: "
            + "; ".join(f"{_naam(n)} vanaf {_maand(norm.loc[n, 'triage_vanaf'])}" for n in gehaald)
            + "."
        )
    mis = [n for n in vergeleken if n not in gehaald]
    if mis:
        zinnen.append("Niet gehaald wordt hij in " + "; ".join(_niet_gehaald(n, laatste.loc[n]) for n in mis) + ".")
    o = [n for n in vergeleken if isinstance(norm.loc[n, "onderzoek_vanaf"], str)]
    zinnen.append(
        (
            f"De onderzoeksnorm van {norm_o} wordt gehaald in: "
            + "; ".join(f"{_naam(n)} vanaf {_maand(norm.loc[n, 'onderzoek_vanaf'])}" for n in o)
            + "."
        )
        if o
        else f"De onderzoeksnorm van {norm_o} wordt in geen scenario tot het eind van de horizon gehaald."
    )
    jaar = laatste.iloc[0]["maand"][:4] if len(laatste) else ""
    zinnen.append(
        f"Van melding tot triagebesluit, voor de meldingen van december {jaar}, in werkdagen (de helft is binnen "
        "het eerste getal klaar, negen van de tien binnen het tweede): "
        + "; ".join(
            f"{_naam(n)} {fmt.getal(laatste.loc[n, 'wacht_mediaan_werkdagen'], 1)} en "
            f"{fmt.getal(laatste.loc[n, 'wacht_p90_werkdagen'], 1)}"
            for n in vergeleken
        )
        + "."
    )
    ev = evenwicht(r)
    for naam in vergeleken:
        jaren = ev[ev["naam"] == naam]
        if not (jaren["tekort_fte"] > 0).all():
            continue
        haalt = [
            w
            for w, k in (("triagenorm", "triage_vanaf"), ("onderzoeksnorm", "onderzoek_vanaf"))
            if isinstance(norm.loc[naam, k], str)
        ]
        if not haalt:
            continue
        krap = jaren.iloc[-1]
        zinnen.append(
            f"{_naam(naam)} haalt in het model de {' en de '.join(haalt)}, terwijl de rekentool in elk jaar een "
            f"tekort geeft ({fmt.fte(krap['tekort_fte'], eenheid=True)} in {int(krap['jaar'])}). Dat komt door het "
            f"tempo van {kal['basisjaar']}: bij dat tempo zijn de wachtrijen in {int(krap['jaar'])} in evenwicht bij "
            f"{fmt.fte(krap['fte_evenwicht_triage'], eenheid=True)} (triage) en "
            f"{fmt.fte(krap['fte_evenwicht_onderzoek'], eenheid=True)} (onderzoek), en dit scenario heeft "
            f"{fmt.fte(krap['fte_beschikbaar'], eenheid=True)}. Houdt Veilig Thuis dat tempo niet vol, dan geldt het "
            "tekort van de rekentool."
        )
    # The stress variant's verzuim: the data's rule (the highest of the last three years) unless the params set it.
    standaard = WachttijdenParams()
    uit_data = verzuim_scenario_pct(kg, kal["basisjaar"], standaard)
    for v in r.wachttijd_varianten.itertuples():
        n, basis = v.scenario, v.basis_scenario
        herkomst = (
            verzuim_scenario_herkomst(kg, kal["basisjaar"], standaard)
            if v.verzuim_pct == uit_data
            else "zoals gegeven in de parameters"
        )
        zinnen.append(
            f"{verzuim_zinsdeel(v.verzuim_pct, kal['verzuim_pct'], herkomst)}, "
            f"dan is in {_naam(basis)} eind {laatste.loc[n, 'maand'][:4]} "
            f"{fmt.procent(laatste.loc[n, 'pct_triage_binnen_5_werkdagen'])} van de meldingen op tijd getrieerd "
            f"(bij het huidige verzuim {fmt.procent(laatste.loc[basis, 'pct_triage_binnen_5_werkdagen'])}) en wachten "
            f"{fmt.aantal(laatste.loc[n, 'backlog_mediaan'])} meldingen in plaats van "
            f"{fmt.aantal(laatste.loc[basis, 'backlog_mediaan'])}."
        )
    begin = eerste.loc[vergeleken[0]] if vergeleken else None
    if begin is not None and kal.get("beginstand", {}).get("methode", "inloop") == "inloop":
        # A peilmoment inside a prognosis year (BURAP 1 2025): the scenarios start in January of the base year
        # itself, so the queue is not "what is left at the end of that year" but what a year of run-in leaves.
        herkomst = (
            f"die het model eind {kal['basisjaar']} overhoudt"
            if int(str(begin["maand"])[:4]) > kal["basisjaar"]
            else f"die het model overhoudt na een jaar op de aantallen van het peilmoment ({r.peilmoment})"
        )
        zinnen.append(
            f"Alle scenario's beginnen in {_maand(begin['maand'])} met de wachtrij {herkomst}: ongeveer "
            f"{fmt.aantal(kal['backlog_triage_eind_mediaan'])} meldingen en "
            f"{fmt.aantal(kal['backlog_onderzoek_eind_mediaan'])} onderzoeken."
        )
    return Markdown("\n\n".join(zinnen))


def verzuim_zinsdeel(variant_pct: float, huidig_pct: float, herkomst: str) -> str:
    """'Stijgt het verzuim weer naar 15% (…)' or 'Daalt het verzuim naar 6% (…)', as the numbers go."""

    def pct(x: float) -> str:
        return fmt.procent(x, fmt.decimalen_voor(x, 1))

    if variant_pct > huidig_pct:
        werkwoord = "Stijgt het verzuim weer naar" if herkomst.startswith("het hoogste") else "Stijgt het verzuim naar"
    elif variant_pct < huidig_pct:
        werkwoord = "Daalt het verzuim naar"
    else:
        werkwoord = "Blijft het verzuim op"
    return f"{werkwoord} {pct(variant_pct)} ({herkomst}; nu {pct(huidig_pct)})"


def _niet_gehaald(naam: str, eind: pd.Series) -> str:
    return (
        f"{_naam(naam)} (eind {eind['maand'][:4]} {fmt.procent(eind['pct_triage_binnen_5_werkdagen'])} op tijd, "
        f"{fmt.aantal(eind['backlog_mediaan'])} meldingen wachtend)"
    )


def _band() -> str:
    return f"{fmt.procent(100 * (BAND[1] - BAND[0]))}-band"


def _termijn_figuur(r: Resultaten, kolom: str, titel_y: str, norm_pct: float, wat: str) -> Figuur:
    """Fan chart of one legal term: the expected share on time per month and scenario, band, norm."""
    return figuur(
        waaier_chart(
            r.wachttijden,
            kolom,
            titel_y,
            fmt.procent,
            norm=norm_pct,
            band=("p10", "p90"),
            band_label=_band(),
            lijn_label="Verwacht",
        ),
        f"{wat}, per scenario (verwacht aandeel: gemiddelde van de herhalingen, met de {_band()}; stippellijn: norm)",
    )


def triage_figuur(r: Resultaten) -> Figuur:
    kal = r.kalibratie
    return _termijn_figuur(
        r,
        "pct_triage_binnen_5_werkdagen",
        "% op tijd getrieerd",
        r.kengetallen.triage_binnen_5_werkdagen_norm_pct.waarde,
        f"Aandeel meldingen binnen {fmt.aantal(kal['termijn_triage_werkdagen'])} werkdagen getrieerd, per maand van "
        "binnenkomst",
    )


def onderzoek_figuur(r: Resultaten) -> Figuur:
    kal = r.kalibratie
    return _termijn_figuur(
        r,
        "pct_onderzoek_binnen_10_weken",
        "% op tijd afgerond",
        r.kengetallen.onderzoek_binnen_10_weken_norm_pct.waarde,
        f"Aandeel onderzoeken binnen {fmt.aantal(kal['termijn_onderzoek_werkdagen'] // WERKDAGEN_PER_WEEK)} weken "
        "afgerond, per maand van start",
    )


def backlog_figuur(r: Resultaten) -> Figuur:
    # The month table names the median 'backlog_mediaan' and its band 'backlog_p10' / 'backlog_p90'.
    return figuur(
        waaier_chart(
            r.wachttijden.rename(columns={"backlog_mediaan": "backlog"}),
            "backlog",
            "Meldingen wachtend",
            fmt.aantal,
            band=("p10", "p90"),
            band_label=_band(),
        ),
        f"Meldingen die aan het eind van de maand nog op triage wachten, per scenario (mediaan en {_band()})",
    )
