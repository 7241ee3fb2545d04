"""Report pieces for the chapter notebooks: generated Dutch text, tables and figures.

Each function takes a :class:`Run` (or computed frames) and returns one thing to display, so a
notebook cell is one call. Sentences are generated from the results, so they stay true when the
data or params change.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from . import formatting as fmt
from .charts import Figuur, figuur, formatie_chart, meldingen_adviezen_chart
from .data import TELLINGEN, kengetallen_frame
from .rekentool import bereken_formatie, uren_per_product
from .run import Run
from .tables import Tabel, tabel

TELLING_NAMEN = {
    "meldingen": "Meldingen",
    "overdragen": "Overdragen",
    "overdracht_ondersteuning": "Overdracht met ondersteuning",
    "onderzoek": "Onderzoek",
    "adviezen": "Adviezen",
    "monitoring": "Monitoring",
}


def normsets(run: Run) -> list[str]:
    """The applied normset first, then the one shown beside it."""
    p = run.params
    return [p.normset] + ([p.normset_vergelijking] if p.normset_vergelijking else [])


def formatie(run: Run) -> pd.DataFrame:
    return bereken_formatie(run.data.volumes, run.data.normen)


def _rij(run: Run, periode: str) -> pd.Series:
    return formatie(run).set_index("periode").loc[periode]


def _normset_naam(run: Run, naam: str) -> str:
    return run.data.normen.normsets[naam].naam


def _tekort_of_ruimte(gap: float) -> str:
    return (
        f"een tekort van {fmt.fte(-gap, eenheid=True)}" if gap < 0 else f"een ruimte van {fmt.fte(gap, eenheid=True)}"
    )


def kernzinnen(run: Run) -> list[str]:
    """The key figures of the run as Dutch sentences (Samenvatting)."""
    p, kg = run.params, run.data.kengetallen
    ns = normsets(run)
    besluit, peil = _rij(run, p.besluit_periode), _rij(run, p.peilmoment)
    kosten = kg.kosten_per_fte_euro.waarde

    zinnen = [
        f"In de periode ‘{p.besluit_periode}’ is {fmt.fte(besluit['fte_beschikbaar'], eenheid=True)} beschikbaar "
        f"({fmt.fte(besluit['fte_structureel'])} structureel en {fmt.fte(besluit['fte_incidenteel'])} incidenteel).",
    ]
    benodigd = " en ".join(
        f"{fmt.fte(besluit[f'fte_{n}'], eenheid=True)} volgens de {_normset_naam(run, n)}" for n in ns
    )
    zinnen.append(
        f"Voor de volumes waarop die formatie rust, {fmt.aantal(besluit['meldingen'], 'meldingen')} en "
        f"{fmt.aantal(besluit['adviezen'], 'adviezen')}, is {benodigd} nodig."
    )
    gap = besluit[f"gap_{p.normset}"]
    zin = f"Met de toegepaste normset ({p.normset}) is dat {_tekort_of_ruimte(gap)}"
    if gap < 0:
        zin += f", tegen {fmt.euro(kosten)} per fte gelijk aan {fmt.euro(-gap * kosten)} per jaar"
    if p.normset_vergelijking:
        zin += f"; met de {p.normset_vergelijking}e normen is het {_tekort_of_ruimte(besluit[f'gap_{p.normset_vergelijking}'])}"
    zinnen.append(zin + ".")
    zinnen.append(
        f"Bij het peilmoment ({p.peilmoment}) is de verwachting {fmt.aantal(peil['meldingen'], 'meldingen')} en "
        f"{fmt.aantal(peil['adviezen'], 'adviezen')}. Daarvoor is {fmt.fte(peil[f'fte_{p.normset}'], eenheid=True)} nodig "
        f"({p.normset}), bij {fmt.fte(peil['fte_beschikbaar'], eenheid=True)} beschikbaar: {_tekort_of_ruimte(peil[f'gap_{p.normset}'])}."
    )
    zinnen.append(
        f"De wettelijke termijnen worden nu al niet gehaald: {fmt.procent(kg.triage_binnen_5_werkdagen_realisatie_pct.waarde)} "
        f"van de meldingen is binnen 5 werkdagen getrieerd (norm {fmt.procent(kg.triage_binnen_5_werkdagen_norm_pct.waarde)}) en "
        f"{fmt.procent(kg.onderzoek_binnen_10_weken_realisatie_pct.waarde)} van de onderzoeken is binnen 10 weken afgerond "
        f"(norm {fmt.procent(kg.onderzoek_binnen_10_weken_norm_pct.waarde)})."
    )
    return zinnen


def samenvatting(run: Run) -> Markdown:
    return Markdown("\n\n".join(kernzinnen(run)))


# --- Meerjarige ontwikkeling ---------------------------------------------------------------------


def volumes_tabel(run: Run) -> Tabel:
    """The counts of Bijlage 2 per period: meldingen and what followed from them."""
    df = formatie(run)
    return tabel(
        df[["periode", *TELLINGEN]],
        "Meldingen, adviezen en vervolgstappen per periode",
        {k: fmt.aantal for k in TELLINGEN},
        {"periode": "Periode", **TELLING_NAMEN, "overdracht_ondersteuning": "Overdracht + ondersteuning"},
    )


def bijlage2_tabel(run: Run) -> Tabel:
    """Bijlage 2 of the seed, recomputed: required fte per normset, available fte and the gap."""
    ns = normsets(run)
    df = formatie(run)
    kolommen = ["periode", *[f"fte_{n}" for n in ns], "fte_structureel", "fte_beschikbaar", *[f"gap_{n}" for n in ns]]
    formats = {f"fte_{n}": fmt.fte for n in ns} | {"fte_structureel": fmt.fte, "fte_beschikbaar": fmt.fte}
    formats |= {f"gap_{n}": (lambda x: fmt.fte(x, teken=True)) for n in ns}
    koppen = {
        "periode": "Periode",
        "fte_structureel": "Beschikbaar structureel",
        "fte_beschikbaar": "Beschikbaar incl. incidenteel",
    }
    koppen |= {f"fte_{n}": f"Benodigd {n}" for n in ns} | {f"gap_{n}": f"Gap {n}" for n in ns}
    return tabel(
        df[kolommen],
        "Benodigde en beschikbare formatie per periode in fte (gap = beschikbaar − benodigd)",
        formats,
        koppen,
    )


def meldingen_figuur(run: Run) -> Figuur:
    return figuur(meldingen_adviezen_chart(formatie(run)), "Meldingen en adviezen per periode")


def formatie_figuur(run: Run) -> Figuur:
    ns = normsets(run)
    return figuur(
        formatie_chart(formatie(run), ns),
        f"Benodigde formatie per normset tegen de beschikbare formatie; de gekleurde balk is de gap ({ns[0]})",
    )


def ontwikkeling_tekst(run: Run) -> Markdown:
    """What the multi-year table shows, from the first realisatie to the peilmoment."""
    df = formatie(run).set_index("periode")
    p = run.params
    realisaties = df[df["status"] == "realisatie"]
    eerste = realisaties.index[0]
    groei = df.loc[p.peilmoment, "meldingen"] / df.loc[eerste, "meldingen"] - 1
    tekort_perioden = [per for per in df.index if df.loc[per, f"gap_{p.normset}"] < 0]
    return Markdown(
        f"Van {eerste} tot het peilmoment ({p.peilmoment}) stijgt het aantal meldingen van "
        f"{fmt.aantal(df.loc[eerste, 'meldingen'])} naar {fmt.aantal(df.loc[p.peilmoment, 'meldingen'])}, "
        f"{fmt.procent(groei * 100)} meer. De benodigde formatie ({p.normset}) gaat mee van "
        f"{fmt.fte(df.loc[eerste, f'fte_{p.normset}'], eenheid=True)} naar {fmt.fte(df.loc[p.peilmoment, f'fte_{p.normset}'], eenheid=True)}. "
        f"In {len(tekort_perioden)} van de {len(df)} perioden is de beschikbare formatie kleiner dan de benodigde."
    )


# --- Methode en bronnen ----------------------------------------------------------------------------


def normen_tabel(run: Run) -> Tabel:
    """The norms of every normset side by side, with the count each norm multiplies (Bijlage 1)."""
    ns = normsets(run)
    sets = run.data.normen.normsets
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
        {n: fmt.aantal for n in ns},
        {"product": "Product", "telling": "Toegepast op", **{n: f"Uren ({n})" for n in ns}},
    )


def afleiding_tabel(run: Run) -> Tabel:
    """The derivation of one period's fte, product by product (the besluit period of the run)."""
    p = run.params
    normset = run.data.normen.normsets[p.normset]
    vol = run.data.volumes.set_index("periode").loc[[p.besluit_periode]]
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
            "uren": totaal / normset.uren_per_fte,
        }
    )
    df = pd.DataFrame(rows)
    laatste = len(df) - 1
    uren_fmt = {i: (fmt.fte if i == laatste else fmt.aantal) for i in range(len(df))}
    df["uren"] = [uren_fmt[i](v) for i, v in enumerate(df["uren"])]
    return tabel(
        df[["product", "telling", "aantal", "norm", "uren"]],
        f"Afleiding van de benodigde formatie voor {p.besluit_periode} ({p.normset})",
        {"aantal": fmt.aantal, "norm": fmt.aantal, "uren": str},
        {
            "product": "Product",
            "telling": "Telling",
            "aantal": "Aantal",
            "norm": "Uur per eenheid",
            "uren": "Uren / fte",
        },
    )


def methode_tekst(run: Run) -> Markdown:
    """The rule of the rekentool and the two facts that make Bijlage 2 reproduce."""
    sets = run.data.normen.normsets
    ns = sets[run.params.normset]
    triage = ns.producten.get("triage")
    tekst = (
        "De benodigde formatie van een periode is de som over de producten van *normuren × aantal*, gedeeld door "
        f"het aantal productieve normuren per fte ({fmt.aantal(ns.uren_per_fte)} uur). De beschikbare formatie is de "
        "structurele plus de incidentele formatie; de gap is beschikbaar min benodigd, zodat een negatief getal een tekort is.\n\n"
        f"Twee gegevens staan niet in de tekst van de impactanalyse, maar volgen uit haar tabel. Ten eerste noemt de "
        f"bron geen aantal uren per fte: met {fmt.aantal(ns.uren_per_fte)} uur reproduceren alle cijfers van de meerjarentabel "
        "op de honderdste."
    )
    if triage is not None and triage.telling != "meldingen":
        tekst += (
            f" Ten tweede zegt de bron dat de triagenorm ({fmt.aantal(triage.uren)} uur) per melding geldt, maar de tabel "
            f"klopt alleen als die norm wordt vermenigvuldigd met de telling *{TELLING_NAMEN[triage.telling].lower()}*."
        )
    return Markdown(tekst + " In `data/normen.yaml` staat daarom bij elke norm op welke telling hij wordt toegepast.")


BESTANDEN = {
    "volumes.csv": "Meldingen, adviezen, overdrachten, onderzoeken, monitoring en fte per periode (Bijlage 2)",
    "normen.yaml": "Normuren per product, per normset, en productieve uren per fte (Bijlage 1)",
    "kengetallen.yaml": "Overige cijfers: kosten per fte, indexatie, programma's, prestatie-indicatoren, verzuim",
    "claims.csv": "Uitspraken van de bron over volume en formatie, die de rekentool narekent",
}


def bronnen_tabel(run: Run) -> Tabel:
    """Every dataset file of the run with what it holds."""
    rows = [
        {"bestand": f"`{p.name}`", "inhoud": BESTANDEN.get(p.name, "(geen beschrijving)")} for p in run.data.bestanden()
    ]
    return tabel(pd.DataFrame(rows), "Datasets van de run", koppen={"bestand": "Bestand", "inhoud": "Inhoud"})


def volumes_bronnen_tabel(run: Run) -> Tabel:
    df = run.data.volumes[["periode", "status", "bron"]]
    return tabel(
        df, "Herkomst van de cijfers per periode", koppen={"periode": "Periode", "status": "Status", "bron": "Bron"}
    )


def kengetallen_tabel(run: Run) -> Tabel:
    df = kengetallen_frame(run.data.kengetallen)
    df["waarde"] = [fmt.getal(w, 0 if float(w).is_integer() else 2) for w in df["waarde"]]
    df["naam"] = df["naam"].str.replace("_", " ")
    return tabel(
        df[["naam", "waarde", "eenheid", "bron"]],
        "Kengetallen met hun bron",
        {"waarde": str},
        {"naam": "Kengetal", "waarde": "Waarde", "eenheid": "Eenheid", "bron": "Bron"},
    )
