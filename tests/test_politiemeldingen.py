"""Police meldingen and the cut scenario B needs from the other meldingen (vt_analysis.model.politiemeldingen)."""

from __future__ import annotations

import pandas as pd
import pytest

from vt_analysis.model.politiemeldingen import naar_herkomst, reductie_uit_overige, verschuifbare_meldingen


def test_reductie_uit_overige_known_answer():
    # 1.000 meldingen, 75% police: 250 other meldingen. A cut of 100 is 40% of them; a cut of 300 cannot
    # come from them alone (120%); a negative cut (room to spare) is no cut.
    b = pd.DataFrame(
        {"jaar": [2025, 2026, 2027], "meldingen_prognose": [1000, 1000, 1000], "reductie_meldingen": [100, 300, -50]}
    )
    out = reductie_uit_overige(b, 75)
    assert list(out["politiemeldingen"]) == [750, 750, 750]
    assert list(out["overige_meldingen"]) == [250, 250, 250]
    assert list(out["reductie_overige_pct"]) == pytest.approx([40, 120, 0])
    assert list(out["reductie_pct"]) == pytest.approx([10, 30, 0])
    assert list(out["haalbaar_uit_overige"]) == [True, False, True]


def test_reductie_uit_overige_all_from_police():
    b = pd.DataFrame({"jaar": [2025], "meldingen_prognose": [400], "reductie_meldingen": [10]})
    out = reductie_uit_overige(b, 100)
    assert out["overige_meldingen"].iloc[0] == 0
    assert pd.isna(out["reductie_overige_pct"].iloc[0])
    assert not out["haalbaar_uit_overige"].iloc[0]


def test_naar_herkomst_adds_up():
    m = pd.Series([5220.0, 4400.0])
    h = naar_herkomst(m, 75)
    assert list(h["politie"] + h["overige"]) == pytest.approx(list(m))


def test_verschuifbare_meldingen_known_answer():
    # 2.000 meldingen, 75% police = 1.500; 6% of those to the JPT = 90; 2,5% of all from lokale teams = 50.
    out = verschuifbare_meldingen(pd.Series([2000.0]), 75, 6, 2.5)
    assert out["politie_naar_jpt"].iloc[0] == pytest.approx(90)
    assert out["lokaal_team"].iloc[0] == pytest.approx(50)
