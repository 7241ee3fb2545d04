"""Chapter 06, Oplossingsrichting C: the levers of procesoptimalisatie and their effect, step by step."""

from __future__ import annotations

from IPython.display import Markdown

from .. import formatting as fmt
from ..charts import Figuur, figuur, waterval_chart
from ..resultaten import Resultaten
from ..scenarios import ScenarioCParams
from ..tables import Tabel, tabel
from .namen import STAP_NAMEN, tekort_of_ruimte

HEFBOOM_UITLEG = {
    "direct_overdragen_pct": "deel van de overdrachten met ondersteuning dat direct wordt overgedragen",
    "monitoring_reductie_pct": "minder uren per monitoringcasus (hooguit drie evaluatiemomenten)",
    "echtscheiding_pct": "deel van de meldingen over echtscheiding dat naar RvdK of lokaal veld gaat",
    "politie_naar_jpt_realisatie_pct": "deel van de JPT-waardige politiemeldingen dat direct naar het JPT gaat",
    "politie_teruggelegd_realisatie_pct": "deel van de teruggelegde politiemeldingen dat niet meer binnenkomt",
    "stap2_extra_adviezen": "extra adviezen per jaar bij stap 2 van de meldcode",
    "stap2_voorkomen_pct": "kans dat zo'n advies een melding voorkomt",
}


def scenario_c_tekst(r: Resultaten, c: ScenarioCParams) -> Markdown:
    """The levers set in this run and what they do to the required fte in each year."""
    w = r.waterval
    actief = {k: getattr(c, k) for k in HEFBOOM_UITLEG if getattr(c, k)}
    if not actief:
        intro = (
            "De impactanalyse beschrijft de hefbomen van procesoptimalisatie in woorden, maar noemt er geen getal "
            "bij. In "
            "deze run staan ze daarom alle op nul: C verandert dan niets aan de benodigde formatie. Een run met "
            "ingevulde "
            "hefbomen laat zien wat ze opleveren."
        )
    else:
        delen = [
            f"{HEFBOOM_UITLEG[k]}: {fmt.getal(v, 0 if float(v).is_integer() else 1)}{'%' if k.endswith('_pct') else ''}"
            for k, v in actief.items()
        ]
        intro = "In deze run zijn de volgende hefbomen ingevuld: " + "; ".join(delen) + "."
    zinnen = [intro]
    for jaar, groep in w.groupby("jaar"):
        basis, resultaat = groep.iloc[0], groep.iloc[-1]
        zinnen.append(
            f"In {int(jaar)} gaat de benodigde formatie van {fmt.fte(basis['fte_na'], eenheid=True)} naar "
            f"{fmt.fte(resultaat['fte_na'], eenheid=True)} bij {fmt.fte(resultaat['fte_beschikbaar'], eenheid=True)} "
            f"beschikbaar: {tekort_of_ruimte(resultaat['gap_na'])}."
        )
    if c.vanaf_jaar:
        zinnen.append(f"In de vergelijking van scenario's werkt C vanaf {c.vanaf_jaar}.")
    return Markdown("\n\n".join(zinnen))


def scenario_c_tabel(r: Resultaten) -> Tabel:
    w = r.waterval.copy()
    w["stap"] = w["stap"].map(STAP_NAMEN)
    return tabel(
        w[["jaar", "stap", "delta_fte", "fte_na", "meldingen_na", "gap_na"]],
        "Scenario C: effect van elke hefboom op de benodigde formatie",
        {
            "jaar": str,
            "delta_fte": lambda x: fmt.fte(x, teken=True),
            "fte_na": fmt.fte,
            "meldingen_na": fmt.aantal,
            "gap_na": lambda x: fmt.fte(x, teken=True),
        },
        {
            "jaar": "Jaar",
            "stap": "Stap",
            "delta_fte": "Effect (fte)",
            "fte_na": "Benodigd na stap",
            "meldingen_na": "Meldingen",
            "gap_na": "Gap",
        },
    )


def waterval_figuur(r: Resultaten, jaar: int | None = None) -> Figuur:
    w = r.waterval
    jaar = int(jaar if jaar is not None else w["jaar"].max())
    return figuur(
        waterval_chart(w, jaar, STAP_NAMEN),
        f"Scenario C in {jaar}: van de benodigde formatie zonder hefbomen, via elke hefboom, naar het resultaat; "
        "de stippellijn is de beschikbare formatie",
    )
