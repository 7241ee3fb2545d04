"""Police meldingen and what they leave for scenario B (impactanalyse 2024: 'De oplossingsruimte is beperkt',
C. Procesoptimalisatie (iv) and B. Terugdringen van het aantal meldingen).

About three quarters of the meldingen come from the police, who must report under a national protocol;
gemeenten hardly influence them. A cut in meldingen that B needs therefore has to come mostly from the
other meldingen. These functions say how large that cut is as a share of those other meldingen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def naar_herkomst(meldingen: pd.Series, politie_aandeel_pct: float) -> pd.DataFrame:
    """Split meldingen into police meldingen and the other meldingen (same index)."""
    politie = meldingen.astype(float) * politie_aandeel_pct / 100
    return pd.DataFrame({"meldingen": meldingen.astype(float), "politie": politie, "overige": meldingen - politie})


def reductie_uit_overige(scenario_b: pd.DataFrame, politie_aandeel_pct: float) -> pd.DataFrame:
    """Per year of scenario B: the cut in meldingen as a share of the meldingen not from the police.

    ``scenario_b`` needs ``jaar``, ``meldingen_prognose`` and ``reductie_meldingen`` (scenarios.scenario_b).
    ``reductie_overige_pct`` above 100 means the cut is larger than all other meldingen together:
    ``haalbaar_uit_overige`` is then False. A negative reductie (room to spare) counts as no cut.
    """
    herkomst = naar_herkomst(scenario_b["meldingen_prognose"], politie_aandeel_pct)
    reductie = scenario_b["reductie_meldingen"].astype(float).clip(lower=0)
    out = pd.DataFrame(
        {
            "jaar": scenario_b["jaar"],
            "meldingen_prognose": herkomst["meldingen"],
            "politiemeldingen": herkomst["politie"],
            "overige_meldingen": herkomst["overige"],
            "reductie_meldingen": reductie,
        }
    )
    out["reductie_pct"] = reductie / herkomst["meldingen"].replace(0, np.nan) * 100
    out["reductie_overige_pct"] = reductie / herkomst["overige"].replace(0, np.nan) * 100
    out["haalbaar_uit_overige"] = reductie <= herkomst["overige"]
    return out


def verschuifbare_meldingen(
    meldingen: pd.Series, politie_aandeel_pct: float, politie_naar_jpt_pct: float, lokaal_team_aandeel_pct: float
) -> pd.DataFrame:
    """Meldingen that could go elsewhere: police meldingen fit for the Jeugd Preventie Team (a share of the
    police meldingen) and meldingen from the lokale teams (a share of all meldingen)."""
    herkomst = naar_herkomst(meldingen, politie_aandeel_pct)
    return pd.DataFrame(
        {
            "politie_naar_jpt": herkomst["politie"] * politie_naar_jpt_pct / 100,
            "lokaal_team": herkomst["meldingen"] * lokaal_team_aandeel_pct / 100,
        }
    )
