"""The rekentool: norm hours per product → required fte, against available fte → the gap.

Impactanalyse 2024, Bijlage 1 (norms) and Bijlage 2 (the result). Required fte of a period is
``sum(uren[product] × telling[product]) / uren_per_fte``; each norm names the count it multiplies
(triage multiplies *Overdragen*, which is what reproduces Bijlage 2). Pure functions, pandas in and
out; vectorised so that scenarios and sensitivities compute many variants at once.
"""

from __future__ import annotations

import pandas as pd

from .data import TELLINGEN, Normen, Normset


def norm_vector(normset: Normset) -> pd.Series:
    """Hours per unit of each count (index: TELLINGEN); products sharing a count add up."""
    vector = pd.Series(0.0, index=list(TELLINGEN), name="uren")
    for norm in normset.producten.values():
        vector[norm.telling] += norm.uren
    return vector


def benodigde_uren(volumes: pd.DataFrame, normset: Normset) -> pd.Series:
    """Norm hours needed per row of ``volumes`` (any frame with the six count columns)."""
    return volumes[list(TELLINGEN)].astype(float) @ norm_vector(normset)


def benodigde_fte(volumes: pd.DataFrame, normset: Normset) -> pd.Series:
    """Required fte per row: norm hours divided by the productive hours per fte."""
    return benodigde_uren(volumes, normset) / normset.uren_per_fte


def uren_per_product(volumes: pd.DataFrame, normset: Normset) -> pd.DataFrame:
    """Hours per product per row (columns: the products of the normset), for the method chapter."""
    return pd.DataFrame(
        {product: volumes[norm.telling].astype(float) * norm.uren for product, norm in normset.producten.items()},
        index=volumes.index,
    )


def fte_beschikbaar(volumes: pd.DataFrame) -> pd.Series:
    """Available fte: structural plus incidental formation (Bijlage 2, 'FTE beschikbaar incl. incidenteel')."""
    return volumes["fte_structureel"] + volumes["fte_incidenteel"]


def bereken_formatie(volumes: pd.DataFrame, normen: Normen) -> pd.DataFrame:
    """Bijlage 2 for every period: ``fte_<normset>``, ``fte_beschikbaar`` and ``gap_<normset>``.

    The gap is available minus required: negative means too few fte (Bijlage 2, 'Gap Fte'); ``tekort_<normset>``
    is its opposite, the sign the report shows everywhere (positive when Veilig Thuis is short).
    """
    out = volumes.copy()
    out["fte_beschikbaar"] = fte_beschikbaar(volumes)
    for naam, normset in normen.normsets.items():
        out[f"fte_{naam}"] = benodigde_fte(volumes, normset)
    for naam in normen.normsets:
        out[f"gap_{naam}"] = out["fte_beschikbaar"] - out[f"fte_{naam}"]
    for naam in normen.normsets:  # the report's one sign: shortage positive (required minus available)
        out[f"tekort_{naam}"] = -out[f"gap_{naam}"]
    return out
