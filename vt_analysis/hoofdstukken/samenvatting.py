"""Chapter 01, Samenvatting: the key figures of the run in a few sentences."""

from __future__ import annotations

from IPython.display import Markdown

from .. import formatting as fmt
from ..resultaten import Resultaten
from .namen import tekort_of_ruimte


def kernzinnen(r: Resultaten) -> list[str]:
    """The key figures of the run as Dutch sentences."""
    kg = r.kengetallen
    besluit, peil = r.periode(r.besluit_periode), r.periode(r.peilmoment)
    kosten = kg.kosten_per_fte_euro.waarde

    zinnen = [
        f"In de periode ‘{r.besluit_periode}’ is {fmt.fte(besluit['fte_beschikbaar'], eenheid=True)} beschikbaar "
        f"({fmt.fte(besluit['fte_structureel'])} structureel en {fmt.fte(besluit['fte_incidenteel'])} incidenteel).",
    ]
    benodigd = " en ".join(
        f"{fmt.fte(besluit[f'fte_{n}'], eenheid=True)} volgens de {r.normen.normsets[n].naam}" for n in r.normsets
    )
    zinnen.append(
        f"Voor de volumes waarop die formatie rust, {fmt.aantal(besluit['meldingen'], 'meldingen')} en "
        f"{fmt.aantal(besluit['adviezen'], 'adviezen')}, is {benodigd} nodig."
    )
    gap = besluit[f"gap_{r.normset}"]
    zin = f"Met de toegepaste normset ({r.normset}) is dat {tekort_of_ruimte(gap)}"
    if gap < 0:
        tekort_euro = besluit[f"kosten_tekort_{r.normset}_euro"]
        zin += f", tegen {fmt.euro(kosten)} per fte gelijk aan {fmt.euro(tekort_euro)} per jaar"
    if r.normset_vergelijking:
        anders = tekort_of_ruimte(besluit[f"gap_{r.normset_vergelijking}"])
        zin += f"; met de {r.normset_vergelijking}e normen is het {anders}"
    zinnen.append(zin + ".")
    zinnen.append(
        f"Bij het peilmoment ({r.peilmoment}) is de verwachting {fmt.aantal(peil['meldingen'], 'meldingen')} en "
        f"{fmt.aantal(peil['adviezen'], 'adviezen')}. Daarvoor is {fmt.fte(peil[f'fte_{r.normset}'], eenheid=True)} "
        f"nodig ({r.normset}), bij {fmt.fte(peil['fte_beschikbaar'], eenheid=True)} beschikbaar: "
        f"{tekort_of_ruimte(peil[f'gap_{r.normset}'])}."
    )
    zinnen.append(
        "De wettelijke termijnen worden nu al niet gehaald: "
        f"{fmt.procent(kg.triage_binnen_5_werkdagen_realisatie_pct.waarde)} van de meldingen is binnen 5 werkdagen "
        f"getrieerd (norm {fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)}) en "
        f"{fmt.procent(kg.onderzoek_binnen_10_weken_realisatie_pct.waarde)} van de onderzoeken is binnen 10 weken "
        f"afgerond (norm {fmt.procent(kg.onderzoek_binnen_10_weken_norm_pct.waarde)})."
    )
    return zinnen


def samenvatting(r: Resultaten) -> Markdown:
    return Markdown("\n\n".join(kernzinnen(r)))
