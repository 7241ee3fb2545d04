"""Chapter 02, Meerjarige ontwikkeling: Bijlage 2 recomputed, with the counts and two charts."""

from __future__ import annotations

from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.charts import Figuur, figuur, formatie_chart, meldingen_adviezen_chart
from vt_analysis.hoofdstukken.namen import TELLING_NAMEN
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.data import TELLINGEN
from vt_analysis.model.resultaten import Resultaten


def volumes_tabel(r: Resultaten) -> Tabel:
    """The counts of Bijlage 2 per period: meldingen and what followed from them."""
    df = r.perioden
    return tabel(
        df[["periode", *TELLINGEN]],
        "Meldingen, adviezen en vervolgstappen per periode",
        dict.fromkeys(TELLINGEN, kf.AANTAL),
        {"periode": "Periode", **TELLING_NAMEN},
    )


def bijlage2_tabel(r: Resultaten) -> Tabel:
    """Bijlage 2 of the seed, recomputed: required fte per normset, available fte and the gap."""
    ns = r.normsets
    df = r.perioden
    kolommen = [
        "periode",
        *[f"fte_{n}" for n in ns],
        "fte_structureel",
        "fte_beschikbaar",
        *[f"tekort_{n}" for n in ns],
    ]
    formats = dict.fromkeys(kolommen[1:], kf.FTE)
    koppen = {
        "periode": "Periode",
        "fte_structureel": "Beschikbaar structureel",
        "fte_beschikbaar": "Beschikbaar incl. incidenteel",
    }
    koppen |= {f"fte_{n}": f"Benodigd {n}" for n in ns} | {f"tekort_{n}": f"Tekort {n}" for n in ns}
    return tabel(
        df[kolommen],
        "Benodigde en beschikbare formatie per periode in fte (tekort: benodigd min beschikbaar; negatief is ruimte)",
        formats,
        koppen,
    )


def meldingen_figuur(r: Resultaten) -> Figuur:
    return figuur(meldingen_adviezen_chart(r.perioden), "Meldingen en adviezen per periode")


def formatie_figuur(r: Resultaten) -> Figuur:
    ns = r.normsets
    return figuur(
        formatie_chart(r.perioden, ns),
        f"Benodigde formatie per normset tegen de beschikbare formatie; de gekleurde balk is het tekort ({ns[0]})",
    )


def ontwikkeling_tekst(r: Resultaten) -> Markdown:
    """What the multi-year table shows, from the first realisatie to the peilmoment."""
    df = r.perioden.set_index("periode")
    p = r
    realisaties = df[df["status"] == "realisatie"]
    eerste = realisaties.index[0]
    groei = df.loc[p.peilmoment, "meldingen"] / df.loc[eerste, "meldingen"] - 1
    tekort_perioden = [per for per in df.index if df.loc[per, f"gap_{p.normset}"] < 0]
    return Markdown(
        f"Van {eerste} tot het peilmoment ({p.peilmoment}) stijgt het aantal meldingen van "
        f"{fmt.aantal(df.loc[eerste, 'meldingen'])} naar {fmt.aantal(df.loc[p.peilmoment, 'meldingen'])}, "
        f"{fmt.procent(groei * 100)} meer. De benodigde formatie ({p.normset}) gaat mee van "
        f"{fmt.fte(df.loc[eerste, f'fte_{p.normset}'], eenheid=True)} naar "
        f"{fmt.fte(df.loc[p.peilmoment, f'fte_{p.normset}'], eenheid=True)}. "
        f"In {len(tekort_perioden)} van de {len(df)} perioden is de beschikbare formatie kleiner dan de benodigde."
    )
