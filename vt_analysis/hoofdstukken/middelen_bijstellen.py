"""Chapter 04, Oplossingsrichting A: extra fte and their cost over a bridging period, on a named basis.

The advised basis (``scenario_a.prognose_variant``) and the bases shown beside it (``andere_basis``) each
get a total; the extra staff are paid from the month they are at work (``maanden_in_dienst``).
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.namen import VARIANT_NAMEN
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.model.resultaten import Resultaten

POSTEN = {
    "formatie": "Tekort aanvullen",
    "indexatie": "Indexatietekort",
    "voit": "VOiT voortzetten",
    "veiligheid_voorop": "Veiligheid Voorop voortzetten",
}


def basis_naam(r: Resultaten, variant: str) -> str:
    """A's basis as Dutch words: 'de stand bij BURAP 2 2024 zonder groei', 'de winstwaarschuwing'."""
    if variant == "peilmoment":
        return f"de stand bij {r.peilmoment} zonder groei"
    if variant == "begroting":
        return "de begroting"
    return {"winstwaarschuwing": "de winstwaarschuwing", "trend": "de trend"}.get(variant, variant)


def _posten(a: pd.DataFrame) -> list[str]:
    """The posts that cost something in at least one row (formatie always)."""
    return ["formatie"] + [p for p in POSTEN if p != "formatie" and a[f"kosten_{p}_euro"].abs().sum() > 0]


def programmas_zin(r: Resultaten) -> str:
    """Whether VOiT and Veiligheid Voorop are in the norm hours: one stated assumption, with its source."""
    kg = r.kengetallen
    if kg.programmas_in_normuren.waarde == 1:
        return (
            "VOiT en Veiligheid Voorop staan niet als aparte post in A: de normuren van de rekentool bevatten de "
            "bijdrage aan beide programma's al (de herkomst staat bij de kengetallen in het hoofdstuk Methode en "
            "bronnen). Wie het tekort aanvult, betaalt ze dus mee; apart tellen zou ze twee keer tellen."
        )
    return (
        "De normuren van de rekentool bevatten VOiT en Veiligheid Voorop niet (volgens de gegevens van deze analyse); "
        "hun kosten staan daarom als aparte posten in A."
    )


def scenario_a_tekst(r: Resultaten, p: RunParams) -> Markdown:
    a = r.scenario_a
    if a.empty:
        return Markdown("In deze analyse is geen overbruggingsperiode gekozen; richting A is daarom niet doorgerekend.")
    advies = p.scenario_a.prognose_variant
    jaren = sorted(a["jaar"].unique())
    eerste = a[(a["variant"] == advies) & (a["jaar"] == jaren[0])].iloc[0]
    werving = int(r.kalibratie.get("wervingsduur_maanden", p.wachttijden.wervingsduur_maanden))
    zinnen = [
        f"Richting A vult het tekort aan met extra formatie voor de tussenperiode "
        f"{fmt.opsomming(jaren)}, tot B en C effect hebben, tegen "
        f"{fmt.euro(r.kengetallen.kosten_per_fte_euro.waarde)} per fte per jaar. Het advies rekent op "
        f"{basis_naam(r, advies)}"
        + (
            "; ter vergelijking staat ernaast wat A kost op "
            + fmt.opsomming(basis_naam(r, v) for v in dict.fromkeys(a["variant"]) if v != advies)
            if a["variant"].nunique() > 1
            else ""
        )
        + ".",
        f"Nieuwe medewerkers zijn er pas na {fmt.aantal(werving)} maanden werving en inwerken. In {jaren[0]} "
        f"betaalt A daarom {fmt.aantal(eerste['maanden_in_dienst'])} maanden extra formatie; tot dan blijft het "
        "tekort bestaan (zie het hoofdstuk Wettelijke termijnen).",
    ]
    for variant, groep in a.groupby("variant", sort=False):
        delen = [f"{fmt.fte(g['extra_fte_formatie'], eenheid=True)} in {int(g['jaar'])}" for _, g in groep.iterrows()]
        zinnen.append(
            f"Op {basis_naam(r, variant)} is het tekort {fmt.opsomming(delen)}; A kost dan over de hele periode "
            f"{fmt.euro(groep['kosten_totaal_euro'].sum())}."
        )
    zinnen.append(programmas_zin(r))
    return Markdown("\n\n".join(zinnen))


def scenario_a_tabel(r: Resultaten, p: RunParams) -> Tabel:
    """Per basis and year: the months of extra formation, each post and the total, then the basis together.
    Shown parts add up to the shown total, because every post is in whole euros (scenarios.hele_euro)."""
    a = r.scenario_a
    posten = _posten(a)
    rijen = []
    for variant, groep in a.groupby("variant", sort=False):
        naam = VARIANT_NAMEN.get(variant, variant)
        for _, g in groep.iterrows():
            maanden = g["maanden_in_dienst"]
            rij = {"basis": naam, "jaar": str(int(g["jaar"])), "maanden": "" if maanden != maanden else maanden}
            rijen.append(
                rij | {post: g[f"kosten_{post}_euro"] for post in posten} | {"totaal": g["kosten_totaal_euro"]}
            )
        samen = {post: groep[f"kosten_{post}_euro"].sum() for post in posten}
        rijen.append(
            {"basis": naam, "jaar": "samen", "maanden": ""} | samen | {"totaal": groep["kosten_totaal_euro"].sum()}
        )
    df = pd.DataFrame(rijen)
    return tabel(
        df,
        "Richting A: kosten per basis, jaar en post (euro); de extra formatie wordt betaald vanaf de maand dat zij "
        "aan het werk is",
        {"maanden": kf.AANTAL} | dict.fromkeys([*posten, "totaal"], kf.EURO),
        {"basis": "Basis", "jaar": "Jaar", "maanden": "Maanden extra formatie"}
        | {post: POSTEN[post] for post in posten}
        | {"totaal": "Totaal"},
    )
