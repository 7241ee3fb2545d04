"""Dutch names for the ids the computation returns (counts, forecast variants, waterfall steps)."""

from __future__ import annotations

from vt_analysis.basis import formatting as fmt
from vt_analysis.invoer.data import TELLING_NAMEN

VARIANT_NAMEN = {
    "peilmoment": "Peilmoment, geen groei",
    "begroting": "Begroting",
    "winstwaarschuwing": "Winstwaarschuwing",
    "trend": "Trend",
}

# The steps of scenario C's waterfall (scenarios.STAPPEN), with the baseline and the result.
STAP_NAMEN = {
    "basis": "Basis",
    "direct_overdragen": "Meer direct overdragen",
    "monitoring": "Strakkere monitoring",
    "echtscheiding": "Echtscheiding naar RvdK/lokaal veld",
    "politie": "Politiemeldingen direct naar JPT/politie",
    "stap2": "Advies bij stap 2 meldcode",
    "resultaat": "Resultaat",
}


def tekort_of_ruimte(gap: float) -> str:
    """A gap in fte as Dutch words: negative is a shortage."""
    if gap < 0:
        return f"een tekort van {fmt.fte(-gap, eenheid=True)}"
    return f"een ruimte van {fmt.fte(gap, eenheid=True)}"


# The levers of scenario C (params scenario_c) as a reader knows them.
HEFBOOM_NAMEN = {
    "direct_overdragen_pct": "Meer direct overdragen",
    "monitoring_reductie_pct": "Strakkere monitoring",
    "echtscheiding_pct": "Echtscheidingsstrijd naar RvdK of lokaal veld",
    "politie_naar_jpt_realisatie_pct": "Politiemeldingen direct naar het JPT",
    "politie_teruggelegd_realisatie_pct": "Teruggelegde politiemeldingen",
    "stap2_extra_adviezen": "Extra adviezen bij stap 2 van de meldcode",
    "stap2_voorkomen_pct": "Meldingen voorkomen door die adviezen",
}

# What each lever needs before it can be given a value (impactanalyse 2024, C. Procesoptimalisatie).
HEFBOOM_NODIG = {
    "direct_overdragen_pct": "het deel van de overdrachten met ondersteuning dat zonder ondersteuning kan, "
    "afgesproken met de ketenpartners die de casus overnemen",
    "monitoring_reductie_pct": "een meting in een proefperiode van de uren per monitoringcasus bij hooguit drie "
    "evaluatiemomenten",
    "echtscheiding_pct": "het aandeel meldingen over echtscheidingsstrijd en een afspraak met de Raad voor de "
    "Kinderbescherming en de gemeenten over wie die meldingen oppakt",
    "politie_naar_jpt_realisatie_pct": "een afspraak met politie en JPT over welk deel van de JPT-waardige "
    "politiemeldingen daar direct heen gaat",
    "politie_teruggelegd_realisatie_pct": "een afspraak met de politie over meldingen die niet VT-waardig zijn",
    "stap2_extra_adviezen": "een schatting, bijvoorbeeld uit een pilot, van hoeveel extra adviezen professionals "
    "vragen bij stap 2 van de meldcode",
    "stap2_voorkomen_pct": "uit dezelfde pilot: hoe vaak zo'n advies een melding voorkomt",
}

# Inputs of the sensitivity analysis (tornado) besides the levers: counts, norm hours, hours per fte.
INVOER_NAMEN = {
    "uren_per_fte": "Productieve uren per fte",
    "triage": "Normuren triage",
    "advies": "Normuren advies",
} | {f"telling:{k}": f"Aantal {v.lower()}" for k, v in TELLING_NAMEN.items()}


def klein(tekst: str) -> str:
    """First letter lower case, the rest untouched (keeps 'RvdK', 'JPT')."""
    return tekst[:1].lower() + tekst[1:]


def invoer_naam(soort: str, invoer: str) -> str:
    """A sensitivity input (soort, invoer) as Dutch words."""
    if soort == "hefboom":
        return f"Hefboom: {klein(HEFBOOM_NAMEN.get(invoer, invoer))}"
    if soort == "telling":
        return INVOER_NAMEN.get(f"telling:{invoer}", invoer)
    if soort == "normuren":
        return INVOER_NAMEN.get(invoer) or f"Normuren {TELLING_NAMEN.get(invoer, invoer).lower()}"
    return INVOER_NAMEN.get(invoer, invoer)


# The kengetallen of kengetallen.yaml as a reader knows them (the methods chapter's table).
KENGETAL_NAMEN = {
    "kosten_per_fte_euro": "Kosten per fte",
    "fte_gevraagd_2025": "Gevraagde formatie 2025",
    "indexatie_gevraagd_pct": "Indexatie gevraagd",
    "indexatie_gevraagd_euro": "Indexatie gevraagd (bedrag)",
    "indexatie_toegekend_pct": "Indexatie toegekend",
    "indexatie_toegekend_euro": "Indexatie toegekend (bedrag)",
    "voit_kosten_euro": "VOiT: begroot bedrag",
    "voit_uren_per_week_per_lokaal_team": "VOiT: uren per week per lokaal team",
    "veiligheid_voorop_fte": "Veiligheid Voorop: formatie",
    "veiligheid_voorop_kosten_euro": "Veiligheid Voorop: kosten",
    "programmas_in_normuren": "VOiT en Veiligheid Voorop in de normuren (1 = ja)",
    "b_plausibele_daling_overige_pct": "Aanname: hoogste haalbare daling overige meldingen per jaar",
    "triage_binnen_5_werkdagen_norm_pct": "Norm: triage binnen 5 werkdagen",
    "triage_binnen_5_werkdagen_realisatie_pct": "Realisatie: triage binnen 5 werkdagen",
    "onderzoek_binnen_10_weken_norm_pct": "Norm: onderzoeken binnen 10 weken afgerond",
    "onderzoek_binnen_10_weken_realisatie_pct": "Realisatie: onderzoeken binnen 10 weken afgerond",
    "klanttevredenheid_cijfer": "Klanttevredenheid (cijfer)",
    "verzuim_norm_pct": "Verzuim: norm",
    "verzuim_pct": "Verzuim",
    "politie_aandeel_meldingen_pct": "Aandeel meldingen van de politie",
    "politie_teruggelegd_pct": "Politiemeldingen direct teruggelegd",
    "politie_afgerond_zonder_inzet_pct": "Politiemeldingen afgerond zonder verdere inzet",
    "politie_naar_jpt_pct": "Politiemeldingen die direct naar het JPT kunnen",
    "politie_meldingen_2023": "Politiemeldingen 2023",
    "politie_teruggelegd_2023": "Teruggelegd bij de politie 2023",
    "afgerond_zonder_inzet_2023": "Afgerond zonder verdere inzet 2023",
    "lokaal_team_aandeel_meldingen_pct": "Aandeel meldingen van de lokale teams",
    "winstwaarschuwing_meldingen_2025": "Winstwaarschuwing: meldingen 2025",
    "winstwaarschuwing_adviezen_2025": "Winstwaarschuwing: adviezen 2025",
    "fte_beschikbaar": "Beschikbare formatie",
    "crisisinterventies_min": "Crisisinterventies per jaar (ondergrens)",
    "crisisinterventies_max": "Crisisinterventies per jaar (bovengrens)",
    "huisverbod_buiten_kantooruren": "Bijdragen aan een huisverbod buiten kantooruren",
    "hoorfunctie_wvggz": "Hoorzittingen Wvggz",
    "crisis_overdracht_binnen_48_uur_pct": "Crisisinterventieteam: overdracht binnen 48 uur",
    "crisis_overdracht_termijn_uur": "Crisisinterventieteam: termijn van de overdracht (uren)",
}


def kengetal_naam(sleutel: str) -> str:
    """A kengetal key (per year: 'key jaar') as Dutch words; unknown keys readable without underscores."""
    basis, _, jaar = sleutel.partition(" ")
    naam = KENGETAL_NAMEN.get(basis) or zin_van_sleutel(basis)
    return f"{naam} {jaar}" if jaar else naam


def zin_van_sleutel(sleutel: str) -> str:
    return fmt.zin(sleutel.replace("_pct", "").replace("_euro", "").replace("_", " "))
