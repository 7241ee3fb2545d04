"""Chapter 90, Methode en bronnen: the rule of the rekentool, the norms and where every figure comes from."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.namen import TELLING_NAMEN, kengetal_naam
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.data import kengetallen_frame
from vt_analysis.invoer.params import RunParams
from vt_analysis.model.rekentool import fte_uit_normuren, uren_per_product
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.tekst.velden import bron_naam


def normen_tabel(r: Resultaten) -> Tabel:
    """The norms of every normset side by side, with the count each norm multiplies (Bijlage 1)."""
    ns = r.normsets
    sets = r.normen.normsets
    producten = list(sets[ns[0]].producten)
    rows = []
    for product in producten:
        norm = sets[ns[0]].producten[product]
        rij = {"product": product.replace("_", " ").capitalize(), "telling": TELLING_NAMEN[norm.telling]}
        for n in ns:
            rij[n] = sets[n].producten[product].uren if product in sets[n].producten else float("nan")
        rows.append(rij)
    rows.append({"product": "Productieve uren per fte", "telling": "", **{n: sets[n].uren_per_fte for n in ns}})
    df = pd.DataFrame(rows)
    return tabel(
        df,
        "Normuren per product en de telling waarop de norm wordt toegepast",
        dict.fromkeys(ns, kf.AANTAL),
        {"product": "Product", "telling": "Toegepast op", **{n: f"Uren ({n})" for n in ns}},
    )


def afleiding_tabel(r: Resultaten) -> Tabel:
    """The derivation of one period's fte, product by product (the besluit period of the run)."""
    p = r
    normset = r.normen.normsets[p.normset]
    vol = r.perioden.set_index("periode").loc[[p.besluit_periode]]
    uren = uren_per_product(vol, normset).iloc[0]
    rows = [
        {
            "product": prod.replace("_", " ").capitalize(),
            "aantal": vol.iloc[0][norm.telling],
            "telling": TELLING_NAMEN[norm.telling],
            "norm": norm.uren,
            "uren": uren[prod],
        }
        for prod, norm in normset.producten.items()
    ]
    totaal = uren.sum()
    rows.append(
        {"product": "Totaal normuren", "aantal": float("nan"), "telling": "", "norm": float("nan"), "uren": totaal}
    )
    rows.append(
        {
            "product": f"Benodigde fte (÷ {fmt.aantal(normset.uren_per_fte)} uur per fte)",
            "aantal": float("nan"),
            "telling": "",
            "norm": float("nan"),
            "uren": kf.Cel(fte_uit_normuren(totaal, normset.uren_per_fte), kf.FTE),
        }
    )
    df = pd.DataFrame(rows)
    return tabel(
        df[["product", "telling", "aantal", "norm", "uren"]],
        f"Afleiding van de benodigde formatie voor {p.besluit_periode} ({p.normset})",
        dict.fromkeys(["aantal", "norm", "uren"], kf.AANTAL),
        {
            "product": "Product",
            "telling": "Telling",
            "aantal": "Aantal",
            "norm": "Uur per eenheid",
            "uren": "Uren / fte",
        },
    )


def methode_tekst(r: Resultaten, p: RunParams) -> Markdown:
    """The rule of the rekentool and the two facts that make Bijlage 2 reproduce."""
    sets = r.normen.normsets
    ns = sets[r.normset]
    triage = ns.producten.get("triage")
    bron = bron_naam(p)
    tekst = (
        "De benodigde formatie van een periode is de som over de producten van *normuren × aantal*, gedeeld door "
        f"het aantal productieve normuren per fte ({fmt.aantal(ns.uren_per_fte)} uur). De beschikbare formatie is de "
        "structurele plus de incidentele formatie. Het tekort is benodigd min beschikbaar: een positief getal is een "
        "tekort, een negatief getal ruimte. Dat geldt voor elke tabel, grafiek en zin van dit document.\n\n"
        f"Twee gegevens staan niet in de tekst van {bron}, maar volgen uit de tabel met de meerjarige ontwikkeling. "
        f"Ten eerste noemt het document geen aantal uren per fte: met {fmt.aantal(ns.uren_per_fte)} uur komen alle "
        "cijfers van die tabel op de honderdste uit."
    )
    if triage is not None and triage.telling != "meldingen":
        tekst += (
            f" Ten tweede zegt het document dat de triagenorm ({fmt.aantal(triage.uren)} uur) per melding geldt, "
            "maar de tabel "
            f"klopt alleen als die norm wordt vermenigvuldigd met de telling *{TELLING_NAMEN[triage.telling].lower()}*."
        )
    return Markdown(tekst + " In de normen staat daarom bij elke norm op welke telling hij wordt toegepast.")


GEGEVENS_NAMEN = {
    "volumes.csv": "Volumes per periode",
    "normen.yaml": "Normen",
    "kengetallen.yaml": "Kengetallen",
    "claims.csv": "Uitspraken over volume en formatie",
    "wachttijden.yaml": "Aannames wachtrijmodel",
    "wachttijden_historie.csv": "Gemeten maand- of kwartaalcijfers van de wachtrijen",
    "risicos.yaml": "Risico's",
    "verdeelsleutel.yaml": "Verdeelsleutel",
}
BESTANDEN = {
    "volumes.csv": "Meldingen, adviezen, overdrachten, onderzoeken, monitoring en fte per periode (Bijlage 2 van het "
    "brondocument)",
    "normen.yaml": "Normuren per product, per normset, en productieve uren per fte (Bijlage 1 van het brondocument)",
    "kengetallen.yaml": "Overige cijfers: kosten per fte, indexatie, programma's, prestatie-indicatoren, verzuim",
    "claims.csv": "Uitspraken over volume en formatie in het brondocument, die de rekentool narekent",
    "wachttijden.yaml": "Aannames van het wachtrijmodel: termijnen, acute meldingen, spreiding en uren per zaak, "
    "vakantieweken, verdeling over de maanden",
    "wachttijden_historie.csv": "Per maand of kwartaal en per wachtrij: instroom, aandeel binnen de termijn en "
    "wachtenden "
    "aan het eind; de kalibratie past het model hierop aan",
    "risicos.yaml": "Risico's van de opties met eigenaar, moment, beheersmaatregel en bron",
    "verdeelsleutel.yaml": "Verdeling van de kosten over de financiers of gemeenten",
}


def bronnen_tabel(r: Resultaten) -> Tabel:
    """Every dataset file of the run with what it holds."""
    rows = [
        {"gegevens": GEGEVENS_NAMEN.get(naam, naam), "inhoud": BESTANDEN.get(naam, "(geen beschrijving)")}
        for naam in r.bestanden
    ]
    return tabel(pd.DataFrame(rows), "Gegevens van deze analyse", koppen={"gegevens": "Gegevens", "inhoud": "Inhoud"})


def volumes_bronnen_tabel(r: Resultaten) -> Tabel:
    df = r.perioden[["periode", "status", "bron"]].assign(bron=lambda d: d["bron"].map(fmt.plak_eenheden))
    return tabel(
        df, "Herkomst van de cijfers per periode", koppen={"periode": "Periode", "status": "Status", "bron": "Bron"}
    )


KENGETALLEN_DELEN = 3  # a table cannot break across pages in the PDF (PDF/UA): the kengetallen in three parts


def _decimalen(waarde: float) -> int:
    """The decimals a figure has as written in the data (8,8 stays 8,8; 7,5 stays 7,5), at most two."""
    tekst = repr(float(waarde))
    return 0 if float(waarde).is_integer() else min(2, len(tekst.split(".")[1]))


def kengetallen_tabel(r: Resultaten, deel: int = 1) -> Tabel:
    """Part ``deel`` (1 to KENGETALLEN_DELEN) of the kengetallen with their source, each with its own decimals;
    a formation in fte to the hundredth, as every other fte of the report (63,40, never 63,4 beside it)."""
    df = kengetallen_frame(r.kengetallen)
    df["waarde"] = [
        kf.Cel(w, kf.FTE if e == "fte" else kf.getal(_decimalen(w)))
        for w, e in zip(df["waarde"], df["eenheid"], strict=True)
    ]
    df["naam"] = df["naam"].map(kengetal_naam)
    df["eenheid"] = df["eenheid"].replace({"%": "procent"})
    per_deel = -(-len(df) // KENGETALLEN_DELEN)
    stuk = df.iloc[(deel - 1) * per_deel : deel * per_deel]
    return tabel(
        stuk[["naam", "waarde", "eenheid", "bron"]].assign(bron=lambda d: d["bron"].map(fmt.plak_eenheden)),
        f"Kengetallen met hun bron ({deel} van {KENGETALLEN_DELEN})",
        {"waarde": kf.GETALLEN},
        {"naam": "Kengetal", "waarde": "Waarde", "eenheid": "Eenheid", "bron": "Bron"},
    )
