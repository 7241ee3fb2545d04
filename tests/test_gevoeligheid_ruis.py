"""The tornado's own noise (model/wachttijden/gevoeligheid.py): each bar is the difference of two Monte Carlo
runs on the same random numbers, each refitted to within the calibration's margin; the chapter says how large a
bar can be by chance and which bars stay within it (a bar within its noise is no effect)."""

from __future__ import annotations

import math
import re
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from vt_analysis.basis import formatting as fmt
from vt_analysis.hoofdstukken.wachttijden import gevoeligheid_figuur, gevoeligheid_tekst
from vt_analysis.model.wachttijden import gevoeligheid as g
from vt_analysis.model.wachttijden.kalibratie import KALIBRATIE_MARGE_PP
from vt_analysis.tekst import blokken as tekst

Z95 = NormalDist().inv_cdf(0.975)


def test_ruis_van_een_balk_met_bekende_invoer():
    """Monte Carlo alone: z standard errors; the margin alone: two independent uniform stops on ± margin
    (sd margin·√(2/3) together) times the slope; both: the root of the summed squares."""
    assert g.ruis_pp(1.0, 0.0) == pytest.approx(Z95)
    assert g.ruis_pp(0.0, 2.0, marge_pp=0.6) == pytest.approx(Z95 * 2.0 * 0.6 * math.sqrt(2 / 3))
    helling = 4.0 / (KALIBRATIE_MARGE_PP * math.sqrt(2 / 3))  # a calibration part of 4, beside a Monte Carlo 3
    assert g.ruis_pp(3.0, helling) == pytest.approx(Z95 * 5.0)
    assert g.ruis_pp(3.0, -helling) == g.ruis_pp(3.0, helling)  # a falling indicator is as uncertain
    assert g.ruis_pp(1.0, 0.0, zekerheid_pct=80) == pytest.approx(NormalDist().inv_cdf(0.9))


def test_gemeenschappelijke_toevalsgetallen_vallen_weg():
    """A variant that moves every replication alike has no Monte Carlo error in its bar, however much the
    replications differ; a replication without cases is left out, not counted as 0."""
    rng = np.random.default_rng(1)
    basis = rng.uniform(0, 100, 400)  # replications far apart: their own standard error is about 1,4 pp
    assert g.verschil_se(basis + 3.0, basis) == pytest.approx(0.0, abs=1e-12)
    ruis = rng.normal(0, 2.0, 400)
    assert g.verschil_se(basis + ruis, basis) == pytest.approx(ruis.std(ddof=1) / math.sqrt(400))
    met_gat = basis.copy()
    met_gat[0] = np.nan
    assert g.verschil_se(met_gat + ruis, basis) == pytest.approx(ruis[1:].std(ddof=1) / math.sqrt(399))


def _tabel(r) -> pd.DataFrame:
    return pd.DataFrame(r.kalibratie["gevoeligheid"])


def test_ruis_per_rij_van_de_geleverde_run(standaard_run, standaard_resultaten):
    """The shipped run's noise per row follows from its own columns: the standard error of the bar and the slope
    of the indicator against the calibration target (the Kalibratiedoel bar over the targets' distance)."""
    t = _tabel(standaard_resultaten)
    helling = g.doel_helling(t, g.doel_verschil_pp(standaard_run.data))
    doel = t[t["aanname"] == "gemeten_termijnen"].set_index("richting")
    for q, h in zip(("triage", "onderzoek"), helling, strict=True):
        assert h == pytest.approx((doel.loc["hoog", f"{q}_pct"] - doel.loc["laag", f"{q}_pct"]) / (2 * g.DOEL_PP))
        for rij in t.itertuples():
            se, ruis = getattr(rij, f"{q}_verschil_se"), getattr(rij, f"{q}_ruis_pp")
            geraakt = rij.aanname != "basis" and g.wachtrijen_van(rij.aanname)[q == "onderzoek"]
            if geraakt:
                assert ruis == pytest.approx(g.ruis_pp(se, h))
                assert ruis > Z95 * abs(h) * KALIBRATIE_MARGE_PP * math.sqrt(2 / 3)  # the margin alone is a floor
            else:  # the basis itself, or an assumption of the other queue only: no bar, no noise
                assert se == 0 and ruis == 0


def test_balken_binnen_de_ruis(standaard_resultaten):
    """A bar is within the noise when its larger side is smaller than the larger noise of its two variants; an
    assumption of the other queue only has no row at all (its bar is 0 by construction)."""
    t = _tabel(standaard_resultaten)
    for q in ("triage", "onderzoek"):
        bars = g.bars_met_ruis(t, q)
        for b in bars.itertuples():
            rijen = t[t["aanname"] == b.aanname]
            verwacht = (rijen[f"{q}_pct"] - t.loc[0, f"{q}_pct"]).abs().max() < rijen[f"{q}_ruis_pp"].max()
            assert b.binnen_ruis == verwacht


def _blok(run) -> str:
    return str(tekst.toon("wachttijden-gevoeligheid", run).data)


def test_blok_noemt_de_ruis_en_de_balken_erbinnen(standaard_run, standaard_resultaten):
    """The text block under the tornado states the computed noise per indicator and names every bar within it;
    the ranking above it names no bar within its noise."""
    blok = " ".join(_blok(standaard_run).split())
    t = _tabel(standaard_resultaten)
    assert "Een balk die binnen zijn ruis blijft, is geen aangetoond effect." in blok
    assert f"{fmt.aantal(g.REPLICATIES)} herhalingen" in blok
    assert f"binnen {fmt.getal(KALIBRATIE_MARGE_PP, 1)} procentpunt" in blok
    for q in ("triage", "onderzoek"):
        bars = g.bars_met_ruis(t, q)
        ruis = bars["ruis_pp"]
        assert f"{fmt.getal(ruis.min(), 1)} tot {fmt.getal(ruis.max(), 1)} procentpunt bij {q}" in blok
        binnen = [g.AANNAMEN[a].lower() for a in bars.loc[bars["binnen_ruis"], "aanname"]]
        assert binnen, "the shipped run has bars within the noise for both terms"
        zin = re.search(rf"Bij {q} blijven binnen de ruis: ([^.]*)\.", blok).group(1)
        assert sorted(re.split(r", | en ", zin)) == sorted(binnen)
        rangorde = str(gevoeligheid_tekst(standaard_resultaten).data)
        eigen = re.search(rf"Voor {q} tellen het zwaarst: ([^.]*)\.", rangorde).group(1)
        assert not any(naam in eigen for naam in binnen)


def test_blok_zonder_gevoeligheid_is_leeg(standaard_run, standaard_resultaten):
    """A run without a tornado (no compared scenarios) says nothing about its noise."""
    from vt_analysis.tekst.velden import Bron

    zonder = standaard_resultaten.naar_dict()
    zonder["kalibratie"] = {k: v for k, v in zonder["kalibratie"].items() if not k.startswith("gevoeligheid")}
    assert str(tekst.toon("wachttijden-gevoeligheid", Bron(standaard_run, zonder)).data).strip() == ""


def test_figuur_toont_de_ruisband(standaard_resultaten):
    """Each tornado has a grey band from minus to plus each bar's noise behind the bars, and says so."""
    for q in ("triage", "onderzoek"):
        f = gevoeligheid_figuur(standaard_resultaten, q)
        lagen = f.spec["layer"]
        band = next(laag for laag in lagen if laag["encoding"].get("x2"))
        waarden = f.spec["datasets"][band["data"]["name"]]
        bars = g.bars_met_ruis(_tabel(standaard_resultaten), q)
        verwacht = sorted(bars.loc[bars["ruis_pp"] > 0, "ruis_pp"])
        assert sorted(w["ruis_pp"] for w in waarden) == pytest.approx(verwacht)
        assert all(w["min"] == -w["ruis_pp"] for w in waarden)
        assert f.bijschrift.endswith("; grijs: ruis per balk")
        grootste = bars.iloc[0]  # the text alternative reads the bars, each with its noise
        assert f"ruis ± {fmt.getal(grootste['ruis_pp'], 1)} pp" in f.spec["usermeta"]["alt"]
