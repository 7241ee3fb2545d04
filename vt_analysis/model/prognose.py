"""Prognose of the volumes for the coming years, and the fte they need under every normset.

Four variants:

* ``peilmoment``: the counts of the peilmoment (BURAP 2 2024) for every year, without growth: the basis of
  Oplossingen A ("op basis van realisatie 2024 ... geen groei / geen bezuiniging").
* ``begroting``: the counts of the budget period (Bijlage 2, 'Begroting 2025 besluit AB' or
  'voorstel DB', a param), later years grown by a param %.
* ``winstwaarschuwing``: 5.220 meldingen and 3.900 adviezen for the budget year (Winstwaarschuwing 2,
  from kengetallen.yaml), later years grown by a param %.
* ``trend``: a straight line (least squares) through the meldingen of the realisaties and BURAP
  prognoses, one point per year; where a year has more rows (2024: BURAP 1 and BURAP 2) the last
  row of volumes.csv, i.e. the latest BURAP, is that year's point. With a prediction interval from
  the residuals (Student-t, n − 2 degrees of freedom): with four points it is honestly wide.

Counts a variant does not give follow the mix (ratio to meldingen) of a base period (default the
peilmoment, BURAP 2 2024). The fte come from the rekentool (rekentool.benodigde_fte).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from vt_analysis.invoer.data import TELLINGEN, Dataset, Normen
from vt_analysis.invoer.params_secties import PrognoseParams, prognose_jaren
from vt_analysis.invoer.periode import periode_rij
from vt_analysis.model.rekentool import benodigde_fte

# --- Student-t quantile ----------------------------------------------------------------------------


def t_quantiel(p: float, df: int) -> float:
    """The p-quantile of Student's t with ``df`` degrees of freedom: scipy's inverse of the t distribution
    function, the routine ``scipy.stats.t.ppf`` calls (the same value; scipy.special, imported on first use,
    loads in a fifth of the time scipy.stats takes)."""
    if not 0 < p < 1:
        raise ValueError("p moet tussen 0 en 1 liggen")
    if df < 1:
        raise ValueError("df moet ≥ 1 zijn")
    from scipy.special import stdtrit

    return float(stdtrit(df, p))


# --- mix and variants ----------------------------------------------------------------------------


def mix(volumes: pd.DataFrame, periode: str) -> pd.Series:
    """Each count per melding in the base period (index TELLINGEN; meldingen = 1)."""
    rij = periode_rij(volumes, periode)
    return rij[list(TELLINGEN)].astype(float) / float(rij["meldingen"])


def volgens_mix(meldingen: pd.Series, basis_mix: pd.Series, gegeven: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts per row: ``meldingen × mix``, except the counts in ``gegeven`` (same index), which are kept."""
    out = pd.DataFrame(
        np.outer(meldingen.to_numpy(float), basis_mix.to_numpy()), columns=list(TELLINGEN), index=meldingen.index
    )
    if gegeven is not None:
        for kolom in gegeven.columns:
            out[kolom] = gegeven[kolom].astype(float)
    return out


def _groei(jaren: list[int], basisjaar: int, pct: float) -> pd.Series:
    """Compound growth factor per year relative to the budget year."""
    return pd.Series([(1 + pct / 100) ** (j - basisjaar) for j in jaren], index=jaren, dtype=float)


def variant_begroting(volumes: pd.DataFrame, periode: str, jaren: list[int], groei_pct: float) -> pd.DataFrame:
    """(a) The budget period's counts (all six given), grown by ``groei_pct`` per year after its year."""
    rij = periode_rij(volumes, periode)
    factor = _groei(jaren, int(rij["jaar"]), groei_pct)
    out = pd.DataFrame(np.outer(factor, rij[list(TELLINGEN)].astype(float)), columns=list(TELLINGEN), index=jaren)
    return out.rename_axis("jaar").reset_index()


def variant_winstwaarschuwing(
    meldingen: float, adviezen: float, basisjaar: int, jaren: list[int], groei_pct: float, basis_mix: pd.Series
) -> pd.DataFrame:
    """(b) Winstwaarschuwing 2: meldingen and adviezen given for the budget year, the rest by mix."""
    factor = _groei(jaren, basisjaar, groei_pct)
    gegeven = pd.DataFrame({"adviezen": adviezen * factor})
    out = volgens_mix(meldingen * factor, basis_mix, gegeven)
    return out.rename_axis("jaar").reset_index()


def trendpunten(volumes: pd.DataFrame, statussen: list[str]) -> pd.DataFrame:
    """One (jaar, meldingen) point per year; a year with several rows takes the last (latest BURAP)."""
    rijen = volumes[volumes["status"].isin(statussen)]
    return rijen.drop_duplicates("jaar", keep="last")[["jaar", "periode", "meldingen"]].reset_index(drop=True)


def lineaire_trend(x: pd.Series, y: pd.Series, nieuw: list[int], betrouwbaarheid_pct: float) -> pd.DataFrame:
    """Least-squares line with a prediction interval for a new observation at each ``nieuw`` x.

    ŷ ± t(1−α/2; n−2) · s · √(1 + 1/n + (x₀ − x̄)² / Σ(x − x̄)²), s² = Σ residu² / (n − 2).
    """
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    n = len(x)
    if n < 3:
        raise ValueError("een trend met voorspelinterval vraagt minstens 3 jaren")
    xm = x.mean()
    sxx = ((x - xm) ** 2).sum()
    helling = ((x - xm) * (y - y.mean())).sum() / sxx
    snijpunt = y.mean() - helling * xm
    residuen = y - (snijpunt + helling * x)
    s = math.sqrt((residuen**2).sum() / (n - 2))
    t = t_quantiel(0.5 + betrouwbaarheid_pct / 200, n - 2)
    x0 = np.asarray(nieuw, float)
    schatting = snijpunt + helling * x0
    marge = t * s * np.sqrt(1 + 1 / n + (x0 - xm) ** 2 / sxx)
    return pd.DataFrame(
        {
            "jaar": nieuw,
            "schatting": schatting,
            "ondergrens": schatting - marge,
            "bovengrens": schatting + marge,
            "helling": helling,
            "t": t,
            "s": s,
            "df": n - 2,
        }
    )


def variant_trend(
    volumes: pd.DataFrame, statussen: list[str], jaren: list[int], betrouwbaarheid_pct: float, basis_mix: pd.Series
) -> pd.DataFrame:
    """(c) Trend of meldingen; all other counts (adviezen too) follow the base mix, the band as well."""
    punten = trendpunten(volumes, statussen)
    lijn = lineaire_trend(punten["jaar"], punten["meldingen"], jaren, betrouwbaarheid_pct).set_index("jaar")
    out = volgens_mix(lijn["schatting"], basis_mix)
    for grens in ("ondergrens", "bovengrens"):
        out[f"meldingen_{grens}"] = lijn[grens]
    return out.rename_axis("jaar").reset_index()


def _met_fte(df: pd.DataFrame, normen: Normen, basis_mix: pd.Series) -> pd.DataFrame:
    """Add ``fte_<normset>`` (and its band where a meldingen band exists) via the rekentool."""
    out = df.copy()
    for naam, normset in normen.normsets.items():
        out[f"fte_{naam}"] = benodigde_fte(out, normset)
        for grens in ("ondergrens", "bovengrens"):
            band = out[f"meldingen_{grens}"]
            volumes = volgens_mix(band.fillna(0), basis_mix)
            out[f"fte_{naam}_{grens}"] = benodigde_fte(volumes, normset).where(band.notna())
    return out


def bereken_prognose(p: PrognoseParams, data: Dataset, besluit_periode: str, peilmoment: str) -> pd.DataFrame:
    """All variants in one long frame: variant, jaar, the six counts, fte_<normset>, band columns.

    ``meldingen_ondergrens``/``bovengrens`` and ``fte_<normset>_ondergrens``/``bovengrens`` are filled
    for the trend only (NaN elsewhere). Counts are unrounded floats.
    """
    volumes = data.volumes
    jaren = prognose_jaren(p, data)
    begroting_periode = p.begroting_periode or besluit_periode
    basis_mix = mix(volumes, p.basis_periode or peilmoment)
    basisjaar = int(periode_rij(volumes, begroting_periode)["jaar"])
    kg = data.kengetallen
    delen = {
        "peilmoment": variant_begroting(volumes, peilmoment, jaren, 0.0).assign(
            jaar=jaren  # the peilmoment's counts as they are, in every prognosis year
        ),
        "begroting": variant_begroting(volumes, begroting_periode, jaren, p.begroting_groei_pct_per_jaar),
        "winstwaarschuwing": variant_winstwaarschuwing(
            kg.winstwaarschuwing_meldingen[basisjaar].waarde,
            kg.winstwaarschuwing_adviezen[basisjaar].waarde,
            basisjaar,
            jaren,
            p.winstwaarschuwing_groei_pct_per_jaar,
            basis_mix,
        ),
        "trend": variant_trend(volumes, p.trend_statussen, jaren, p.betrouwbaarheid_pct, basis_mix),
    }
    df = pd.concat([d.assign(variant=v) for v, d in delen.items()], ignore_index=True)
    for grens in ("ondergrens", "bovengrens"):
        if f"meldingen_{grens}" not in df:
            df[f"meldingen_{grens}"] = np.nan
    df = _met_fte(df, data.normen, basis_mix)
    eerst = ["variant", "jaar", *TELLINGEN]
    return df[eerst + [k for k in df.columns if k not in eerst]]
