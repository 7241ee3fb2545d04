"""Prestatie-indicatoren, verzuim and CIT: every cell and every chart value equals the data."""

from __future__ import annotations

import pandas as pd
import pytest

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.hoofdstukken.charts import VEGALITE_MIMETYPE
from vt_analysis.hoofdstukken.prestaties import cit_tabel, indicatoren_tabel, verzuim_figuur
from vt_analysis.invoer.run import load_run


def _getoond(tabel) -> pd.DataFrame:
    """The table as the report shows it: one text per cell, by indicator."""
    return pd.DataFrame(tabel.rijen, columns=tabel.kolommen).set_index("indicator")


@pytest.fixture(scope="module")
def run():
    return load_run()


@pytest.fixture(scope="module")
def rijen(run):
    v = run.data.volumes.set_index("periode", drop=False)
    return v.loc["Begroting 2025 voorstel DB"], v.loc[run.params.peilmoment]


def test_indicatoren_equal_the_data(run, rijen):
    kg = run.data.kengetallen
    aanvraag, peil = rijen
    df = _getoond(indicatoren_tabel(kg, aanvraag, peil))
    # The begroting column of the seed's table: 4.600, 3.900, 600, 600, 3.300 and 7,5.
    assert df.loc["Meldingen per jaar", "begroting"] == fmt.aantal(aanvraag["meldingen"]) == "4.600"
    assert df.loc["Direct overgedragen meldingen", "begroting"] == "3.900"
    assert df.loc["Overdracht met ondersteuning", "begroting"] == "600"
    assert df.loc["Onderzoeken", "begroting"] == "600"
    assert df.loc["Adviesvragen", "begroting"] == "3.300"
    assert df.loc["Klanttevredenheid (cijfer 1 tot 10)", "begroting"] == "7,5"
    assert df.loc["Meldingen per jaar", "peil"] == fmt.aantal(peil["meldingen"])
    assert df.loc["Adviesvragen", "peil"] == fmt.aantal(peil["adviezen"])
    assert df.loc["Triage binnen de termijn", "peil"] == fmt.procent(kg.triage_binnen_5_werkdagen_realisatie_pct.waarde)
    assert df.loc["Triage binnen de termijn", "norm"] == "ten minste 95%"
    assert df.loc["Onderzoek binnen de termijn afgerond", "peil"] == "71%"
    assert df.loc["Onderzoek binnen de termijn afgerond", "norm"] == "ten minste 85%"
    md = indicatoren_tabel(kg, aanvraag, peil).markdown()
    assert "| Meldingen per jaar |  | 4.600 | 4.998 |" in md
    assert f"| {aanvraag['periode']} | {peil['periode']} |" in md


def test_indicatoren_follow_changed_data(run, rijen):
    kg = run.data.kengetallen.model_copy(deep=True)
    kg.triage_binnen_5_werkdagen_realisatie_pct.waarde = 81.5
    aanvraag, peil = rijen
    df = _getoond(indicatoren_tabel(kg, aanvraag.replace({4600: 4700}), peil))
    assert df.loc["Triage binnen de termijn", "peil"] == "81,5%"
    assert df.loc["Meldingen per jaar", "begroting"] == "4.700"


def test_cit_equal_the_data(run, rijen):
    kg = run.data.kengetallen
    df = _getoond(cit_tabel(kg, rijen[0]))
    assert df.loc["Crisisinterventies, alle leeftijden", "begroting"] == "400 tot 500"
    assert df.loc["Bijdrage aan een huisverbod buiten kantooruren", "begroting"] == "35"
    assert df.loc["Hoorfunctie Wet verplichte ggz", "begroting"] == "400"
    assert df.loc["Zaken binnen 48 uur overgedragen aan het lokale team", "begroting"] == "100%"
    assert "Crisisinterventieteam" in cit_tabel(kg, rijen[0]).markdown()


def test_verzuim_chart_values_equal_the_data(run):
    kg = run.data.kengetallen
    spec = verzuim_figuur(kg)._repr_mimebundle_()[VEGALITE_MIMETYPE]
    datasets = spec["datasets"].values()
    punten = {(int(r["jaar"]), r["verzuim_pct"]) for d in datasets for r in d if "verzuim_pct" in r and "jaar" in r}
    assert punten == {(jaar, v.waarde) for jaar, v in kg.verzuim_pct.items()} == {(2022, 15), (2023, 14), (2024, 7)}
    normen = {r["norm"] for d in spec["datasets"].values() for r in d if "norm" in r}
    assert normen == {kg.verzuim_norm_pct.waarde} == {5.5}
    assert "5,5%" in spec["usermeta"]["bijschrift"]


def test_chapter_pieces_from_the_results(standaard_resultaten, tmp_path):
    """What a text-block chapter shows, from the run's results.json as the renderer passes it."""
    from vt_analysis.hoofdstukken import tekstset
    from vt_analysis.invoer.params import load_params

    pad = standaard_resultaten.schrijf(tmp_path / "results.json")
    b, r, p = tekstset.laad(load_params(paths.DEFAULT_PARAMS).model_dump(mode="json"), None, str(pad))
    from vt_analysis.hoofdstukken.meldingen_terugdringen import herkomst_tabel

    md = herkomst_tabel(r).markdown()
    # B against the winstwaarschuwing: 5.220 meldingen, 75% from the police, 948 and 1.251 fewer needed; the
    # plausible fall is 10% of the 1.305 other meldingen (an assumption); no "haalbaar" verdict.
    assert "| 2025 | 5.220 | 3.915 | 1.305 | 948 | −18% | −73% | 131 |" in md
    assert "| 2026 | 5.220 | 3.915 | 1.305 | 1.251 | −24% | −96% | 131 |" in md
    assert "aalbaar" not in md
    assert "| Meldingen per jaar |  | 4.600 | 4.998 |" in tekstset.indicatoren(r, p).markdown()
    assert "| Hoorfunctie Wet verplichte ggz | 400 |" in tekstset.cit(r, p).markdown()
    assert tekstset.verzuim(r).bijschrift.endswith("5,5%")
    assert b.resultaten["run"] == r.run == "burap2-2024"
