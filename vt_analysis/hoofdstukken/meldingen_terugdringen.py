"""Chapter 05, Oplossingsrichting B: the meldingen the available fte carry, and the source's claims checked."""

from __future__ import annotations

from datetime import date

from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.namen import TELLING_NAMEN, klein
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.invoer.params_secties import ScenarioBParams
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.tekst.velden import bron_naam


def scenario_b_tekst(r: Resultaten, b_params: ScenarioBParams) -> Markdown:
    b = r.scenario_b
    zinnen = [
        "Scenario B vraagt de gemeenten het aantal meldingen terug te brengen tot wat de beschikbare formatie volgens "
        "de "
        f"rekentool ({r.normset}) aankan. "
        + (
            "De adviezen dalen daarbij naar verhouding mee."
            if b_params.adviezen_meeschalen
            else "Het aantal adviezen blijft daarbij gelijk."
        )
    ]
    for _, r in b.iterrows():
        zinnen.append(
            f"In {int(r['jaar'])} kan {fmt.fte(r['fte_beschikbaar'], eenheid=True)} ten hoogste "
            f"{fmt.aantal(r['meldingen_max'], 'meldingen')} "
            f"dragen; tegen de prognose van {fmt.aantal(r['meldingen_prognose'])} is dat "
            f"{fmt.aantal(r['reductie_meldingen'], 'meldingen')} "
            f"minder ({fmt.procent(r['reductie_pct'])})."
        )
    return Markdown("\n\n".join(zinnen))


def scenario_b_tabel(r: Resultaten) -> Tabel:
    b = r.scenario_b
    kol = [
        "jaar",
        "fte_beschikbaar",
        "meldingen_prognose",
        "meldingen_max",
        "reductie_meldingen",
        "adviezen_max",
    ]
    return tabel(
        b[kol],
        "Scenario B: het grootste aantal meldingen dat de beschikbare formatie kan dragen",
        {
            "jaar": kf.JAAR,
            "fte_beschikbaar": kf.FTE,
            "meldingen_prognose": kf.AANTAL,
            "meldingen_max": kf.AANTAL,
            "reductie_meldingen": kf.AANTAL,
            "adviezen_max": kf.AANTAL,
        },
        {
            "jaar": "Jaar",
            "fte_beschikbaar": "Fte beschikbaar",
            "meldingen_prognose": "Meldingen (prognose)",
            "meldingen_max": "Meldingen (maximaal)",
            "reductie_meldingen": "Nodige daling",
            "adviezen_max": "Adviezen (maximaal)",
        },
    )


def _aangevuld(ids: str) -> str:
    """Counts the source does not name, filled in by the mix: as Dutch words."""
    return ", ".join(klein(TELLING_NAMEN.get(i.strip(), i.strip())) for i in ids.split(","))


def claims_tekst(r: Resultaten, p: RunParams) -> Markdown:
    c = r.claims
    if c.empty:
        return Markdown(
            "Er zijn geen uitspraken over volume en formatie om na te rekenen (de lijst met uitspraken is leeg)."
        )
    zinnen = [
        f"{fmt.zin(bron_naam(p))} noemt zelf volumes die bij een formatie zouden passen. Die uitspraken staan met "
        "de plaats waar ze staan in een aparte lijst en zijn met de rekentool nagerekend:"
    ]
    for _, r in c.iterrows():
        richting = "meer" if r["verschil_fte"] > 0 else "minder"
        aangevuld = f" (aangevuld naar verhouding: {_aangevuld(r['aangevuld'])})" if r.get("aangevuld") else ""
        zinnen.append(
            f"- {int(r['jaar'])}: {fmt.aantal(r['meldingen'], 'meldingen')} zouden passen bij "
            f"{fmt.fte(r['fte_volgens_bron'], eenheid=True)}; "
            f"de rekentool komt op {fmt.fte(r['fte_rekentool'], eenheid=True)}, "
            f"{fmt.fte(abs(r['verschil_fte']), eenheid=True)} {richting}{aangevuld}."
        )
    return Markdown(zinnen[0] + "\n\n" + "\n".join(zinnen[1:]))  # a blank line, or the list runs on inline


def claims_tabel(r: Resultaten, p: RunParams) -> Tabel:
    c = r.claims
    return tabel(
        c[["jaar", "meldingen", "adviezen", "monitoring", "fte_volgens_bron", "fte_rekentool", "verschil_fte"]],
        f"Uitspraken van {bron_naam(p)} over volume en formatie, nagerekend met de rekentool",
        {
            "jaar": kf.JAAR,
            "meldingen": kf.AANTAL,
            "adviezen": kf.AANTAL,
            "monitoring": kf.AANTAL,
            "fte_volgens_bron": kf.FTE,
            "fte_rekentool": kf.FTE,
            "verschil_fte": kf.FTE_VERSCHIL,
        },
        {
            "jaar": "Jaar",
            "meldingen": "Meldingen",
            "adviezen": "Adviezen",
            "monitoring": "Monitoring",
            "fte_volgens_bron": "Fte volgens de uitspraak",
            "fte_rekentool": "Fte rekentool",
            "verschil_fte": "Rekentool − uitspraak",
        },
    )


# --- what B asks of the gemeenten: the meldingen they can influence, the cost, the time ---------------------


def herkomst_tabel(r: Resultaten) -> Tabel:
    """Per year: the cut B needs, against all meldingen, against those not from the police, and against the
    largest cut of those that is plausible (an assumption in kengetallen.yaml, with its reasoning)."""
    df = r.scenario_b.copy()
    plausibel_pct = r.kengetallen.b_plausibele_daling_overige_pct.waarde
    df["plausibel"] = df["overige_meldingen"] * plausibel_pct / 100
    df["daling_pct"] = -df["reductie_pct"].clip(lower=0)
    df["daling_overige_pct"] = -df["reductie_overige_pct"].clip(lower=0)
    return tabel(
        df[
            [
                "jaar",
                "meldingen_prognose",
                "politiemeldingen",
                "overige_meldingen",
                "reductie_meldingen",
                "daling_pct",
                "daling_overige_pct",
                "plausibel",
            ]
        ],
        "Richting B: de daling die nodig is, naast de meldingen die niet van de politie komen en naast de "
        f"grootste daling die aannemelijk is ({fmt.procent(plausibel_pct)} van die overige meldingen per jaar, "
        "een aanname)",
        {
            "jaar": kf.JAAR,
            "meldingen_prognose": kf.AANTAL,
            "politiemeldingen": kf.AANTAL,
            "overige_meldingen": kf.AANTAL,
            "reductie_meldingen": kf.AANTAL,
            "daling_pct": kf.procent(),
            "daling_overige_pct": kf.procent(),
            "plausibel": kf.AANTAL,
        },
        {
            "jaar": "Jaar",
            "meldingen_prognose": "Meldingen (prognose)",
            "politiemeldingen": "Van de politie",
            "overige_meldingen": "Overige meldingen",
            "reductie_meldingen": "Nodige daling",
            "daling_pct": "Van alle meldingen",
            "daling_overige_pct": "Van de overige meldingen",
            "plausibel": "Aannemelijke daling hoogstens",
        },
    )


def _keer_zoveel(verhouding: float) -> str:
    """'ruim 7 keer zoveel' for a ratio of 7,3 or 7,6: 'ruim' means more than, so the whole number below it;
    rounding 7,6 up would claim a factor the cut does not reach."""
    heel = int(verhouding)
    return f"{fmt.aantal(heel)} keer zoveel" if verhouding == heel else f"ruim {fmt.aantal(heel)} keer zoveel"


def kosten_en_tijd_tekst(r: Resultaten, p: RunParams) -> Markdown:
    """B is not free and not plausible at this size: the cut against the other meldingen and against the
    plausible maximum, its uncosted cost, and the time it needs."""
    kg = r.kengetallen
    pct = kg.politie_aandeel_meldingen_pct.waarde
    plausibel_pct = kg.b_plausibele_daling_overige_pct.waarde
    eerste = r.scenario_b.iloc[0]
    plausibel = eerste["overige_meldingen"] * plausibel_pct / 100
    zinnen = [
        f"Ongeveer {fmt.procent(pct)} van de meldingen komt van de politie, die volgens een landelijk protocol "
        "meldt; daarop hebben gemeenten nauwelijks invloed. De daling moet dus uit de overige meldingen komen: in "
        f"{int(eerste['jaar'])} {fmt.aantal(eerste['reductie_meldingen'])} van de "
        f"{fmt.aantal(eerste['overige_meldingen'])}, een daling van {fmt.procent(eerste['reductie_overige_pct'])}"
        + (" (meer dan er zijn)." if eerste["reductie_overige_pct"] > 100 else "."),
        f"Dit document neemt aan dat hoogstens {fmt.procent(plausibel_pct)} van de overige meldingen per jaar "
        f"kan verdwijnen, in {int(eerste['jaar'])} zo'n {fmt.aantal(plausibel)} meldingen: een aanname, met haar "
        "onderbouwing bij de kengetallen in het hoofdstuk Methode en bronnen. "
        + (
            f"B vraagt er {fmt.aantal(eerste['reductie_meldingen'])}: "
            f"{_keer_zoveel(eerste['reductie_meldingen'] / plausibel)}. B is daarom geen oplossing voor het tekort "
            "van deze jaren."
            if plausibel > 0 and eerste["reductie_meldingen"] > plausibel
            else "De daling die B vraagt, past daarbinnen."
        ),
        "Wat richting B kost, is niet becijferd: niet voor Veilig Thuis, dat elke melding in behandeling moet nemen, "
        "en niet voor de gemeenten, die het aantal meldingen met beleid en inzet in het lokale veld zouden moeten "
        "verlagen. In de vergelijking van scenario's staat B daarom als *niet becijferd*, niet als gratis.",
    ]
    vanaf = p.scenario_b.vanaf_jaar
    if vanaf is not None:
        dagen = (date(vanaf, 1, 1) - p.documentdatum).days
        wanneer = f"{fmt.aantal(dagen)} dagen na de datum van dit document" if dagen > 0 else "al vóór dit document"
        zinnen.append(
            f"De vergelijking neemt aan dat B werkt vanaf 1 januari {vanaf}: {wanneer}. Een daling van het aantal "
            "meldingen door beleid van gemeenten heeft naar verwachting meer tijd nodig; tot die tijd blijft het "
            "tekort bestaan."
        )
    return Markdown("\n\n".join(zinnen))
