"""Chapter 06, Oplossingsrichting C: the levers of procesoptimalisatie and their effect, step by step."""

from __future__ import annotations

from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.charts import Figuur, figuur, waterval_chart
from vt_analysis.hoofdstukken.namen import HEFBOOM_NAMEN, HEFBOOM_NODIG, STAP_NAMEN, klein, tekort_of_ruimte
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params_secties import ScenarioCParams
from vt_analysis.model.resultaten import Resultaten

ILLUSTRATIEF = " (illustratieve waarden van de hefbomen, geen afspraken of metingen)"


def _waarde(hefboom: str, waarde: float) -> str:
    getal = fmt.getal(waarde, fmt.decimalen_voor(waarde, 1))
    return f"{getal}%" if hefboom.endswith("_pct") else getal


def _actief(c: ScenarioCParams) -> dict[str, float]:
    return {k: getattr(c, k) for k in HEFBOOM_NAMEN if getattr(c, k)}


def scenario_c_tekst(r: Resultaten, c: ScenarioCParams, illustratief: bool = False) -> Markdown:
    """The levers given a value and what they do to the required fte per year; with none, what each needs."""
    w = r.waterval
    actief = _actief(c)
    if not actief:
        regels = [f"- *{HEFBOOM_NAMEN[k]}*: {HEFBOOM_NODIG[k]}." for k in HEFBOOM_NAMEN]
        return Markdown(
            "Geen van de hefbomen van procesoptimalisatie is becijferd: de beschrijving hierboven noemt er geen getal "
            "bij. Richting C is daarom nog niet te becijferen, en C en de combinaties met C staan niet in "
            "de vergelijking van scenario's. Per hefboom is nodig voordat hij een getal kan krijgen:\n\n"
            + "\n".join(regels)
        )
    delen = [f"{klein(HEFBOOM_NAMEN[k])}: {_waarde(k, v)}" for k, v in actief.items()]
    intro = "De volgende hefbomen hebben een waarde gekregen: " + "; ".join(delen) + "."
    if illustratief:
        intro += " **Dit zijn illustratieve waarden, geen afspraken of metingen.**"
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


def scenario_c_tabel(r: Resultaten, c: ScenarioCParams, illustratief: bool = False) -> Tabel | None:
    """The waterfall as a table; nothing when no lever has a value."""
    if not _actief(c):
        return None
    w = r.waterval.copy()
    w["stap"] = w["stap"].map(STAP_NAMEN)
    w["tekort_na"] = -w["gap_na"]
    return tabel(
        w[["jaar", "stap", "delta_fte", "fte_na", "meldingen_na", "tekort_na"]],
        "Scenario C: effect van elke hefboom op de benodigde formatie" + (ILLUSTRATIEF if illustratief else ""),
        {
            "jaar": kf.JAAR,
            "delta_fte": kf.FTE_VERSCHIL,
            "fte_na": kf.FTE,
            "meldingen_na": kf.AANTAL,
            "tekort_na": kf.FTE,
        },
        {
            "jaar": "Jaar",
            "stap": "Stap",
            "delta_fte": "Effect (fte)",
            "fte_na": "Benodigd na stap",
            "meldingen_na": "Meldingen",
            "tekort_na": "Tekort na stap",
        },
    )


def waterval_figuur(
    r: Resultaten, c: ScenarioCParams, illustratief: bool = False, jaar: int | None = None
) -> Figuur | None:
    """The waterfall of the last year; nothing when no lever has a value (an empty waterfall says nothing)."""
    if not _actief(c):
        return None
    w = r.waterval
    jaar = int(jaar if jaar is not None else w["jaar"].max())
    return figuur(
        waterval_chart(w, jaar, STAP_NAMEN),
        f"Scenario C in {jaar}: van de benodigde formatie zonder hefbomen, via elke hefboom, naar het resultaat; "
        "de stippellijn is de beschikbare formatie" + (ILLUSTRATIEF if illustratief else ""),
    )
