"""The rekentool: norm hours per product → required fte, against available fte → the gap.

Impactanalyse 2024, Bijlage 1 (norms) and Bijlage 2 (the result). Required fte of a period is
``sum(uren[product] × telling[product]) / uren_per_fte``; each norm names the count it multiplies
(triage multiplies *Overdragen*, which is what reproduces Bijlage 2). Pure functions, pandas in and
out; vectorised so that scenarios and sensitivities compute many variants at once.
"""

from __future__ import annotations

import pandas as pd

from vt_analysis.invoer.data import TELLINGEN, Normen, Normset


def norm_vector(normset: Normset) -> pd.Series:
    """Hours per unit of each count (index: TELLINGEN); products sharing a count add up."""
    vector = pd.Series(0.0, index=list(TELLINGEN), name="uren")
    for norm in normset.producten.values():
        vector[norm.telling] += norm.uren
    return vector


def fte_uit_normuren(normuren, uren_per_fte):
    """Norm hours → fte: divided by the productive hours of one fte (Bijlage 1). The only place fte are made
    from hours, so the rekentool, the scenarios and the method chapter's derivation cannot drift apart."""
    return normuren / uren_per_fte


def normuren(tellingen: pd.DataFrame, uren: pd.Series | pd.DataFrame) -> pd.Series:
    """Σ telling × norm hours per row; ``uren`` is one norm vector (index TELLINGEN) or own hours per row."""
    return (tellingen[list(TELLINGEN)].astype(float) * uren[list(TELLINGEN)]).sum(axis=1, skipna=False)


def fte_matrix(tellingen: pd.DataFrame, uren: pd.Series | pd.DataFrame, uren_per_fte: pd.Series | float) -> pd.Series:
    """Required fte per row, each row with its own norm hours (scenarios, sensitivities): the formula."""
    return fte_uit_normuren(normuren(tellingen, uren), uren_per_fte)


def benodigde_uren(volumes: pd.DataFrame, normset: Normset) -> pd.Series:
    """Norm hours needed per row of ``volumes`` (any frame with the six count columns)."""
    return normuren(volumes, norm_vector(normset))


def benodigde_fte(volumes: pd.DataFrame, normset: Normset) -> pd.Series:
    """Required fte per row of ``volumes`` under one normset."""
    return fte_matrix(volumes, norm_vector(normset), normset.uren_per_fte)


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
