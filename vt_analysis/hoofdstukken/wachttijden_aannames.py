"""Chapter 08, Wettelijke termijnen: the start state the projection used and the sensitivity to the assumptions.

Which start (data/wachttijden.yaml, per peilmoment) and what the other start gives; a tornado per annual
indicator of the decision scenario against every assumption, the model refitted for each (results.json,
``kalibratie``: ``beginstand`` and ``gevoeligheid``).
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.hoofdstukken.charts import Figuur, figuur, tornado_chart
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.model.wachttijden.gevoeligheid import AANNAMEN, bars_met_ruis, tornado
from vt_analysis.tekst.markup import markdown_tekst

__all__ = ["beginstand_tekst", "gevoeligheid_figuur", "gevoeligheid_tekst", "variant_waarde"]


def _naam(naam: str) -> str:
    return f"*{markdown_tekst(naam)}*"


def beginstand_tekst(r: Resultaten) -> Markdown:
    """Which start the projection used (data/wachttijden.yaml, per peilmoment) and what the other start gives:
    per compared scenario the annual indicators of the last year under both."""
    kal = r.kalibratie
    b = kal.get("beginstand")
    if not b:
        return Markdown("")
    if b["methode"] == "wachtlijst":
        gebruikt = (
            f"De projectie begint bij de wachtlijsten op {r.peilmoment}: {fmt.aantal(b['meldingen_wachtend'])} "
            f"meldingen die op triage wachten en {fmt.aantal(b['onderzoeken_open'])} lopende onderzoeken "
            f"(bron: {markdown_tekst(b['bron'])})."
        )
        ander = f"Liet het model de wachtrij in plaats daarvan inlopen vanaf {kal['inloop_jaren'][0]}"
    else:
        gebruikt = (
            f"De data geven geen wachtlijsten op {r.peilmoment}. De projectie begint daarom bij de wachtrij die het "
            f"model overhoudt na het inlopen vanaf een lege wachtrij in {kal['inloop_jaren'][0]}; dat is een "
            "gekozen uitgangspunt, vastgelegd bij de aannames van het wachtrijmodel (zie Methode en bronnen)."
        )
        ander = (
            f"Begint het model in plaats daarvan op 1 januari {kal['basisjaar']} met een lege wachtrij, dan past "
            f"het dezelfde gemeten termijnen bij een tempo van {fmt.getal(b['andere_factor_triage'], 2)} voor "
            f"triage en {fmt.getal(b['andere_factor_onderzoek'], 2)} voor onderzoek"
        )
    andere = pd.DataFrame(b["andere_jaren"])
    if andere.empty:
        return Markdown(gebruikt)
    jaar = int(andere["jaar"].max())
    nu = r.wachttijden_jaren.set_index(["scenario", "jaar"])
    delen = []
    for x in andere[andere["jaar"] == jaar].itertuples():
        hier = nu.loc[(x.scenario, jaar)]
        delen.append(
            f"{_naam(x.scenario)} triage {fmt.procent(x.triage_pct)} (nu {fmt.procent(hier['triage_pct'])}), "
            f"onderzoek {fmt.procent(x.onderzoek_pct)} (nu {fmt.procent(hier['onderzoek_pct'])})"
        )
    return Markdown(
        f"{gebruikt} {ander}; de jaarindicatoren van {jaar} worden dan: "
        + "; ".join(delen)
        + ". Het beginpunt weegt dus zwaar; de gemeten wachtlijsten op het peilmoment (aantal meldingen dat op "
        "triage wacht en aantal lopende onderzoeken) in de datamap maken deze keuze overbodig."
    )


def _label(aanname: str) -> str:
    return AANNAMEN.get(aanname, aanname)


def variant_waarde(waarde: float | None, eenheid: str, decimalen: int, basisjaar: int) -> str:
    """A variant's value (results.json ``gevoeligheid``: ``waarde``, ``eenheid``, ``decimalen``) in Dutch, with
    the decimals its own value has: '5%', '0,25', '12', '× 0,5' (the holiday dip times), '−5 pp' (the
    calibration target moved), or the other start state, which has no number."""
    if eenheid == "beginstand":
        return f"leeg op 1 januari {basisjaar}"
    if eenheid == "pct":
        return fmt.procent(waarde, decimalen)
    if eenheid == "factor_dip":
        return f"× {fmt.getal(waarde, decimalen)}"
    if eenheid == "pp":
        return f"{fmt.getal(waarde, decimalen, teken=True)} pp"
    return fmt.getal(waarde, decimalen)  # a ratio (verhouding) or hours per working day (uren)


def _tornado(r: Resultaten, wachtrij: str) -> pd.DataFrame:
    """Per assumption that touches the queue: the change of the annual indicator when it is set lower and higher
    and the bar's own noise (:func:`.gevoeligheid.bars_met_ruis`), largest change first, labelled in Dutch with
    its values."""
    t = bars_met_ruis(pd.DataFrame(r.kalibratie["gevoeligheid"]), wachtrij)
    jaar = r.kalibratie["basisjaar"]
    t["invoer"] = [
        f"{_label(x.aanname)} ({' / '.join(variant_waarde(w, x.eenheid, x.decimalen, jaar) for w in x.waarden)})"
        for x in t.itertuples()
    ]
    return t


def gevoeligheid_figuur(r: Resultaten, wachtrij: str) -> Figuur:
    """Tornado of one annual indicator of the decision scenario's last year against each assumption that touches
    this queue (one of the other queue only has no bar, and an empty row reads as a finding: the text above says
    why the two differ); the grey band around zero is each bar's noise (a bar within it is not told from chance)."""
    kal = r.kalibratie
    wat = {"triage": "triage binnen de termijn", "onderzoek": "onderzoek binnen de termijn"}[wachtrij]
    return figuur(
        tornado_chart(
            _tornado(r, wachtrij),
            titel_x=f"Verandering jaarindicator {wachtrij} (procentpunt)",
            label=lambda e: f"{fmt.getal(e, 1, teken=True)} pp",
            ruis="Ruis",
        ),
        f"Gevoeligheid van de jaarindicator {wat} ({kal['gevoeligheid_scenario']}, {kal['gevoeligheid_jaar']}): "
        "één aanname lager of hoger, telkens opnieuw gekalibreerd "
        f"({fmt.aantal(kal['gevoeligheid_replicaties'])} herhalingen); grijs: ruis per balk",
    )


def gevoeligheid_tekst(r: Resultaten) -> Markdown:
    """Which assumptions matter: the three largest spans per term that stand out of their noise, and the effect on
    the balance formation."""
    kal = r.kalibratie
    if not kal.get("gevoeligheid"):
        return Markdown("")
    zinnen = []
    for q in ("triage", "onderzoek"):
        t = _tornado(r, q)
        t = t[~t["binnen_ruis"]]
        groot = [
            f"{_label(a).lower()} ({fmt.getal(b, 0)} procentpunt)"
            for a, b in zip(t["aanname"], t["bereik"], strict=True)
        ][:3]
        zinnen.append(
            f"Voor {q} tellen het zwaarst: {fmt.opsomming(groot)}."
            if groot
            else f"Voor {q} steekt geen aanname boven de ruis van het model uit."
        )
    t = tornado(pd.DataFrame(kal["gevoeligheid"]), "fte_evenwicht_onderzoek")
    zinnen.append(
        f"Het evenwicht van de onderzoekswachtrij in {kal['gevoeligheid_volumes_jaar']} verschuift het meest door "
        f"{_label(t['aanname'].iloc[0]).lower()} "
        f"({fmt.fte(t['bereik'].iloc[0], eenheid=True)}). Een aanname van één wachtrij verandert niets aan de andere: "
        "elke wachtrij heeft zijn eigen toeval en zijn eigen tempo. De figuren hieronder tonen per wachtrij daarom "
        "alleen de aannames die op die wachtrij werken."
    )
    return Markdown(" ".join(zinnen))
