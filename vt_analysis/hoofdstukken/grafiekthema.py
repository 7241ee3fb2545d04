"""The one chart theme: font, sizes, colours (one per meaning) and the contrast they must keep.

Every chart of the report takes its look from here, so the HTML, the PDF and Word show the same figure.
"""

from __future__ import annotations

import json
from itertools import combinations

VEGALITE_MIMETYPE = "application/vnd.vegalite.v6+json"
FORMAT_LOCALE = "nl-NL"
LETTERTYPE = "Lato"
BREEDTE_PX = 560
HOOGTE_PX = 260

# An axis label of a category axis wraps at whole words within this many characters: at 11 px a line of 12 is
# about 70 px, so the labels of seven periods on 560 px keep a gap (14 let two labels of 2025 touch).
LABEL_TEKENS = 12


def _regels(label: str, tekens: int) -> list[str]:
    """The label in as few lines as fit ``tekens`` characters, whole words, the longest line as short as can be:
    'Begroting 2025 besluit AB' as 'Begroting', '2025', 'besluit AB' (a greedy wrap leaves 'AB' alone)."""
    woorden = label.split()
    for n in range(1, len(woorden) + 1):
        kandidaten = [
            [" ".join(woorden[a:b]) for a, b in zip((0, *knip), (*knip, len(woorden)), strict=True)]
            for knip in combinations(range(1, len(woorden)), n - 1)
        ]
        passend = [k for k in kandidaten if max(map(len, k)) <= tekens]
        if passend:
            return min(passend, key=lambda k: max(map(len, k)))
    return woorden or [label]


def labels_in_regels(labels: list[str], tekens: int = LABEL_TEKENS) -> str:
    """A Vega ``labelExpr`` that puts each category label on lines of at most ``tekens`` characters, whole words:
    'BURAP 1 2024' stays one line, where splitting at every space stacked 'BURAP', '1' and '2024'."""
    regels = {label: _regels(label, tekens) for label in labels}
    return f"({json.dumps(regels, ensure_ascii=False)})[datum.label] || datum.label"


# Colours: one per meaning, used in every chart (colour-blind safe, Okabe-Ito), each at least 3:1 against
# the white background (WCAG 1.4.11, non-text contrast; tested).
KLEUREN = {
    "meldingen": "#0072B2",
    "adviezen": "#B07800",  # Okabe-Ito's orange darkened to 3,8:1 on white (WCAG 1.4.11 asks 3:1)
    "regionaal": "#0072B2",
    "landelijk": "#D55E00",
    "beschikbaar": "#009E73",
    "gap": "#CC79A7",
    "neutraal": "#666666",
}


def thema() -> dict:
    """Vega-Lite config shared by every chart: font, sizes, quiet axes."""
    return {
        "font": LETTERTYPE,
        "view": {"stroke": None, "continuousWidth": BREEDTE_PX, "continuousHeight": HOOGTE_PX},
        "axis": {
            "labelFont": LETTERTYPE,
            "titleFont": LETTERTYPE,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "gridColor": "#e6e6e6",
            "domainColor": "#888888",
            "tickColor": "#888888",
        },
        "legend": {
            "labelFont": LETTERTYPE,
            "titleFont": LETTERTYPE,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "orient": "bottom",
            "titleFontWeight": "normal",
        },
        "title": {"font": LETTERTYPE, "fontSize": 13, "fontWeight": "normal", "anchor": "start"},
        "text": {"font": LETTERTYPE},
        "background": "white",
    }


VARIANT_KLEUREN = {
    "Realisatie / BURAP": "#444444",
    "Begroting": "#0072B2",
    "Winstwaarschuwing": "#D55E00",
    "Trend": "#CC79A7",
    "Beschikbaar": KLEUREN["beschikbaar"],
}


def contrastverhouding(kleur: str, achtergrond: str = "#ffffff") -> float:
    """WCAG 2.1's contrast ratio of two sRGB colours (#rrggbb, or white/black as the theme names them):
    1 (none) to 21 (black on white)."""

    def luminantie(hex_: str) -> float:
        hex_ = {"white": "#ffffff", "black": "#000000"}.get(hex_, hex_)
        kanalen = [int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    licht, donker = sorted((luminantie(kleur), luminantie(achtergrond)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)
