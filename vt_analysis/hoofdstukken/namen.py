"""Dutch names for the ids the computation returns (counts, forecast variants, waterfall steps)."""

from __future__ import annotations

from .. import formatting as fmt

TELLING_NAMEN = {
    "meldingen": "Meldingen",
    "overdragen": "Overdragen",
    "overdracht_ondersteuning": "Overdracht met ondersteuning",
    "onderzoek": "Onderzoek",
    "adviezen": "Adviezen",
    "monitoring": "Monitoring",
}

VARIANT_NAMEN = {"begroting": "Begroting", "winstwaarschuwing": "Winstwaarschuwing", "trend": "Trend"}

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
