"""Chapter 05, Oplossingsrichting B: the meldingen the available fte carry, and the source's claims checked."""

from __future__ import annotations

from IPython.display import Markdown

from .. import formatting as fmt
from ..resultaten import Resultaten
from ..scenarios import ScenarioBParams
from ..tables import Tabel, tabel


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
            f"minder ({fmt.procent(r['reductie_pct'], 1)})."
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
        "reductie_pct",
        "adviezen_max",
    ]
    return tabel(
        b[kol],
        "Scenario B: het grootste aantal meldingen dat de beschikbare formatie kan dragen",
        {
            "jaar": str,
            "fte_beschikbaar": fmt.fte,
            "meldingen_prognose": fmt.aantal,
            "meldingen_max": fmt.aantal,
            "reductie_meldingen": fmt.aantal,
            "reductie_pct": lambda x: fmt.procent(x, 1),
            "adviezen_max": fmt.aantal,
        },
        {
            "jaar": "Jaar",
            "fte_beschikbaar": "Fte beschikbaar",
            "meldingen_prognose": "Meldingen (prognose)",
            "meldingen_max": "Meldingen (maximaal)",
            "reductie_meldingen": "Reductie",
            "reductie_pct": "Reductie %",
            "adviezen_max": "Adviezen (maximaal)",
        },
    )


def claims_tekst(r: Resultaten) -> Markdown:
    c = r.claims
    if c.empty:
        return Markdown("Er zijn geen uitspraken over volume en formatie om na te rekenen (`data/claims.csv` is leeg).")
    zinnen = [
        "De impactanalyse noemt zelf volumes die bij een formatie zouden passen. Die uitspraken staan met hun bron in "
        "`data/claims.csv` en zijn met de rekentool nagerekend:"
    ]
    for _, r in c.iterrows():
        richting = "meer" if r["verschil_fte"] > 0 else "minder"
        aangevuld = f" (aangevuld volgens de mix: {r['aangevuld']})" if r.get("aangevuld") else ""
        zinnen.append(
            f"- {int(r['jaar'])}: volgens de bron past {fmt.aantal(r['meldingen'], 'meldingen')} bij "
            f"{fmt.fte(r['fte_volgens_bron'], eenheid=True)}; "
            f"de rekentool komt op {fmt.fte(r['fte_rekentool'], eenheid=True)}, "
            f"{fmt.fte(abs(r['verschil_fte']), eenheid=True)} {richting}{aangevuld}."
        )
    return Markdown("\n".join(zinnen))


def claims_tabel(r: Resultaten) -> Tabel:
    c = r.claims
    return tabel(
        c[["jaar", "meldingen", "adviezen", "monitoring", "fte_volgens_bron", "fte_rekentool", "verschil_fte"]],
        "Uitspraken van de bron nagerekend met de rekentool",
        {
            "jaar": str,
            "meldingen": fmt.aantal,
            "adviezen": fmt.aantal,
            "monitoring": fmt.aantal,
            "fte_volgens_bron": fmt.fte,
            "fte_rekentool": fmt.fte,
            "verschil_fte": lambda x: fmt.fte(x, teken=True),
        },
        {
            "jaar": "Jaar",
            "meldingen": "Meldingen",
            "adviezen": "Adviezen",
            "monitoring": "Monitoring",
            "fte_volgens_bron": "Fte volgens bron",
            "fte_rekentool": "Fte rekentool",
            "verschil_fte": "Verschil",
        },
    )
