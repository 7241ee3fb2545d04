"""The rekentool row-wise: one row per (variant, year) or per perturbed input, so a scenario table or a tornado is one
matrix evaluation (``Σ telling × uren / uren_per_fte``), and the levers of C applied to the counts of every row."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vt_analysis.invoer.data import Kengetallen, Normset
from vt_analysis.invoer.params_secties import ScenarioCParams
from vt_analysis.model.hefbomen import HEFBOMEN, STROOMAFWAARTS
from vt_analysis.model.rekentool import norm_vector

# --- the rekentool, row-wise -------------------------------------------------------------------------


def norm_matrix(normset: Normset, index: pd.Index) -> pd.DataFrame:
    """The normset's hours per count (rekentool.norm_vector) repeated for every row."""
    v = norm_vector(normset)
    return pd.DataFrame(np.tile(v.to_numpy(), (len(index), 1)), columns=v.index, index=index)


def verwijder_meldingen(tellingen: pd.DataFrame, aandeel: pd.Series) -> pd.DataFrame:
    """Remove a share of the meldingen together with that share of every downstream count."""
    out = tellingen.astype(float).copy()
    out[list(STROOMAFWAARTS)] = out[list(STROOMAFWAARTS)].mul(1 - aandeel.clip(0, 1), axis=0)
    return out


def hefboom_frame(c: ScenarioCParams | None, index: pd.Index) -> pd.DataFrame:
    """The lever values for every row (zeros where C does not apply)."""
    waarden = [getattr(c, k) if c is not None else 0.0 for k in HEFBOMEN]
    return pd.DataFrame([waarden] * len(index), columns=list(HEFBOMEN), index=index, dtype=float)


def pas_hefbomen_toe(
    tellingen: pd.DataFrame, uren: pd.DataFrame, h: pd.DataFrame, kg: Kengetallen
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the levers of C (row-wise values in ``h``) to counts and norm hours. Seed: Oplossingen C.

    (i) direct overdragen: that share of overdracht_ondersteuning loses its 16 uur ondersteuning; the case
        stays in overdragen (it is still triaged and overgedragen), so overdragen does not change.
    (ii) strakkere monitoring: the monitoring norm hours per case go down by the reduction %.
    (iii) echtscheiding: that share of meldingen goes to RvdK / lokaal veld, with its downstream counts.
    (iv) politie: of the police share of meldingen (politie_aandeel_meldingen_pct), the JPT share
         (politie_naar_jpt_pct) and the teruggelegd share (politie_teruggelegd_pct), the realised
         part leaves VT with its downstream counts. The seed notes that the 161 teruggelegde meldingen
         of 2023 were not counted among the 4.599: realise that part only if the counts include them.
    (v) stap 2: extra adviezen (2 uur each via the advies norm); each prevents a melding with the given
        probability, which leaves with its downstream counts.
    """
    t = tellingen.astype(float).copy()
    u = uren.astype(float).copy()
    t["overdracht_ondersteuning"] *= 1 - h["direct_overdragen_pct"] / 100
    u["monitoring"] *= 1 - h["monitoring_reductie_pct"] / 100
    t = verwijder_meldingen(t, h["echtscheiding_pct"] / 100)
    politie = (
        kg.politie_aandeel_meldingen_pct.waarde
        / 100
        * (
            kg.politie_naar_jpt_pct.waarde / 100 * h["politie_naar_jpt_realisatie_pct"] / 100
            + kg.politie_teruggelegd_pct.waarde / 100 * h["politie_teruggelegd_realisatie_pct"] / 100
        )
    )
    t = verwijder_meldingen(t, politie)
    voorkomen = h["stap2_extra_adviezen"] * h["stap2_voorkomen_pct"] / 100
    t = verwijder_meldingen(t, (voorkomen / t["meldingen"].where(t["meldingen"] > 0)).fillna(0))
    t["adviezen"] += h["stap2_extra_adviezen"]
    return t, u
