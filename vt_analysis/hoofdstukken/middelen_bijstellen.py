"""Chapter 04, Oplossingsrichting A: extra fte and their cost over a bridging period."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import formatting as fmt
from ..resultaten import Resultaten
from ..scenarios import ScenarioAParams, scenario_a_totaal
from ..tables import Tabel, tabel
from .namen import VARIANT_NAMEN


def scenario_a_tekst(r: Resultaten, a_params: ScenarioAParams) -> Markdown:
    a = r.scenario_a
    kg = r.kengetallen
    if a.empty:
        return Markdown("In deze analyse is geen overbruggingsperiode gekozen; scenario A is daarom niet doorgerekend.")
    totaal = scenario_a_totaal(a)
    jaren = ", ".join(str(j) for j in a["jaar"])
    zinnen = [
        f"Scenario A vult het tekort aan met geld, voor de overbruggingsperiode {jaren} (tot B en C effect hebben). "
        f"Gerekend is met de prognose *{VARIANT_NAMEN.get(a_params.prognose_variant, a_params.prognose_variant)}* "
        f"en {fmt.euro(kg.kosten_per_fte_euro.waarde)} per fte."
    ]
    for _, r in a.iterrows():
        zinnen.append(
            f"In {int(r['jaar'])} is {fmt.fte(r['extra_fte_formatie'], eenheid=True)} extra nodig om het tekort aan te "
            "vullen "
            f"({fmt.euro(r['kosten_formatie_euro'])}); met de aanvullende posten wordt dat "
            f"{fmt.fte(r['extra_fte_totaal'], eenheid=True)} "
            f"of {fmt.euro(r['kosten_totaal_euro'])}."
        )
    tekort = kg.indexatie_gevraagd_euro.waarde - kg.indexatie_toegekend_euro.waarde
    zinnen.append(
        f"Het verschil tussen de gevraagde indexatie ({fmt.procent(kg.indexatie_gevraagd_pct.waarde, 1)}, "
        f"{fmt.euro(kg.indexatie_gevraagd_euro.waarde)}) en de toegekende "
        f"({fmt.procent(kg.indexatie_toegekend_pct.waarde, 1)}, "
        f"{fmt.euro(kg.indexatie_toegekend_euro.waarde)}) is {fmt.euro(tekort)}: "
        f"{fmt.fte(tekort / kg.kosten_per_fte_euro.waarde, eenheid=True)} per jaar."
    )
    zinnen.append(
        f"Over de hele periode kost A {fmt.euro(totaal['kosten_totaal_euro'])}, "
        f"{fmt.fte(totaal['extra_fte_totaal'])} fte-jaren."
    )
    return Markdown("\n\n".join(zinnen))


def scenario_a_tabel(r: Resultaten) -> Tabel:
    a = r.scenario_a
    posten = [
        ("formatie", "Tekort aanvullen"),
        ("indexatie", "Indexatietekort"),
        ("voit", "VOiT voortzetten"),
        ("veiligheid_voorop", "Veiligheid Voorop voortzetten"),
        ("totaal", "Totaal"),
    ]
    rijen = []
    for sleutel, naam in posten:
        rij = {"post": naam}
        for _, r in a.iterrows():
            j = int(r["jaar"])
            rij[f"fte_{j}"] = r[f"extra_fte_{sleutel}"]
            rij[f"euro_{j}"] = r[f"kosten_{sleutel}_euro"]
        rijen.append(rij)
    df = pd.DataFrame(rijen)
    formats = {k: (fmt.fte if k.startswith("fte_") else fmt.euro) for k in df.columns if k != "post"}
    koppen = {"post": "Post"} | {
        k: (f"Fte {k[4:]}" if k.startswith("fte_") else f"Kosten {k[5:]}") for k in df.columns if k != "post"
    }
    bijschrift = "Scenario A: extra formatie en kosten per jaar"
    if not tellen_op(df, formats):
        bijschrift += "; de posten tellen door afronding niet precies op tot het totaal (afrondingsverschillen)"
    return tabel(df, bijschrift, formats, koppen)


def tellen_op(df: pd.DataFrame, formats: dict) -> bool:
    """Whether the shown posts add up to the shown total (last row) in every number column, as rounded."""
    for kolom, formatter in formats.items():
        decimalen = 2 if formatter is fmt.fte else 0
        delen = sum(fmt.afronden(v, decimalen) for v in df[kolom].iloc[:-1])
        if delen != fmt.afronden(df[kolom].iloc[-1], decimalen):
            return False
    return True
