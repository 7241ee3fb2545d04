"""Text alternatives of a chart, computed from its Vega-Lite spec: a short alt text (what it shows and its
main finding) and its data as a table or one text, for readers who cannot see the chart (WCAG 1.1.1).
"""

from __future__ import annotations

import pandas as pd

from vt_analysis.basis import formatting as fmt

MAX_ALT_RIJEN = 30


def _delen(spec: dict):
    """The chart and its layers and sub-charts, depth first."""
    yield spec
    if isinstance(spec.get("spec"), dict):  # facet
        yield from _delen(spec["spec"])
    for deel in (*spec.get("layer", []), *spec.get("hconcat", []), *spec.get("vconcat", []), *spec.get("concat", [])):
        yield from _delen(deel)


def _alt_velden(spec: dict) -> tuple[dict, list[tuple[str, str]]] | None:
    """The part of the chart that says most, and its (field, Dutch title) pairs.

    The tooltip first (its fields carry Dutch titles and formatted labels), else the x, y and colour encoding.
    """
    for deel in _delen(spec):
        tooltip = (deel.get("encoding") or {}).get("tooltip")
        if isinstance(tooltip, list):
            return deel, [(t["field"], t.get("title") or t["field"]) for t in tooltip if "field" in t]
    for deel in _delen(spec):
        enc = deel.get("encoding") or {}
        velden = [
            (enc[k]["field"], enc[k].get("title") or enc[k]["field"])
            for k in ("x", "color", "y")
            if isinstance(enc.get(k), dict) and "field" in enc[k]
        ]
        if len(velden) >= 2:
            return deel, velden
    return None


def _is_jaar(veld: str, titel: str) -> bool:
    return "jaar" in veld.lower() or titel.lower() == "jaar"


def _celtekst(v, jaar: bool = False) -> str:
    """A chart value as the report writes it: a year as a year (2025, never 2.025), a number Dutch, a month."""
    if isinstance(v, bool) or v is None:
        return "–" if v is None else ("ja" if v else "nee")
    if isinstance(v, (int, float)):
        if jaar and float(v).is_integer():
            return str(int(v))
        return fmt.getal(v, fmt.decimalen_voor(v, 2))
    if isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        from babel.dates import format_date

        return format_date(pd.Timestamp(v).date(), format="MMMM y", locale=fmt.LOCALE)  # a month
    return str(v)


def gegevens_tabel(spec: dict) -> tuple[list[str], list[list[str]]]:
    """The chart's data as a small table of text (Dutch column titles from its tooltip): what a reader who
    cannot see the chart reads instead, and what the HTML shows under it."""
    gevonden = _alt_velden(spec)
    if gevonden is None:
        return [], []
    deel, velden = gevonden
    naam = (deel.get("data") or spec.get("data") or {}).get("name")
    rijen = spec.get("datasets", {}).get(naam, [])
    koppen = [titel for _, titel in velden]
    return koppen, [[_celtekst(r.get(veld), _is_jaar(veld, titel)) for veld, titel in velden] for r in rijen]


def _hoofdpunt(spec: dict) -> str:
    """The chart's main finding in one clause: where its quantitative y (or x) is largest in size.

    Size, not sign: in a chart of shortages or of effects (a tornado) the bar that says most may be the most
    negative one, and ``max`` alone would name the smallest change instead. When some values are negative the
    clause says "Grootste waarde (absoluut)", so a reader does not take -3 for the highest."""
    gevonden = _alt_velden(spec)
    if gevonden is None:
        return ""
    deel, velden = gevonden
    enc = deel.get("encoding") or {}
    as_ = next(
        (enc[k] for k in ("y", "x") if isinstance(enc.get(k), dict) and enc[k].get("type") == "quantitative"), None
    )
    naam = (deel.get("data") or spec.get("data") or {}).get("name")
    rijen = [r for r in spec.get("datasets", {}).get(naam, []) if as_ and isinstance(r.get(as_["field"]), (int, float))]
    if not rijen:
        return ""
    # A bar or band from y to y2 (available to required fte, a prediction interval) reaches its top at the larger
    # end: the row named must be the one that is highest in the chart, not the one with the highest lower end.
    tot = enc.get("y2", {}).get("field") if as_ is enc.get("y") and isinstance(enc.get("y2"), dict) else None

    def grootte(r: dict) -> float:
        return max(abs(r[as_["field"]]), abs(r[tot]) if isinstance(r.get(tot), (int, float)) else 0.0)

    hoogste = max(rijen, key=grootte)
    negatief = any(r[as_["field"]] < 0 for r in rijen)
    return ("Grootste waarde (absoluut): " if negatief else "Hoogste waarde: ") + ", ".join(
        f"{titel.lower() if i else titel} {_celtekst(hoogste.get(veld), _is_jaar(veld, titel))}"
        for i, (veld, titel) in enumerate(velden)
    )


def tekstalternatief(spec: dict, bijschrift: str) -> str:
    """A short text alternative (HTML aria-label, Word description, start of the PDF alt): what the chart
    shows and its main finding, computed from its data. The data themselves follow in a table (HTML) or in
    :func:`gegevens_tekst` (PDF, Word)."""
    punt = _hoofdpunt(spec)
    return f"Grafiek: {bijschrift}." + (f" {punt}." if punt else "")


def gegevens_tekst(spec: dict) -> str:
    """The chart's data as one text for where no table can follow it (the PDF's and Word's alt text)."""
    koppen, rijen = gegevens_tabel(spec)
    regels = ["; ".join(f"{k} {w}" for k, w in zip(koppen, rij, strict=True)) for rij in rijen[:MAX_ALT_RIJEN]]
    meer = f" (en {len(rijen) - MAX_ALT_RIJEN} rijen meer)" if len(rijen) > MAX_ALT_RIJEN else ""
    return "Gegevens: " + " | ".join(regels) + meer if regels else ""
