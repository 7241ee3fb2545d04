"""The one row-of-a-period lookup: the same answer from volumes.csv as a frame and from results.json's
records, and a missing period named, never a silent first row or None."""

from __future__ import annotations

import pytest

from vt_analysis.invoer.periode import periode_index, periode_rij


def test_a_frame_and_its_records_give_the_same_row(standaard_run):
    volumes = standaard_run.data.volumes
    peil = standaard_run.params.peilmoment
    rij = periode_rij(volumes, peil)
    record = periode_rij(volumes.to_dict("records"), peil)
    assert rij.name == peil and "periode" not in rij.index
    assert {k: record[k] for k in rij.index} == rij.to_dict()
    assert volumes.loc[periode_index(volumes, peil), "meldingen"] == rij["meldingen"]


@pytest.mark.parametrize("als_records", [False, True])
def test_a_missing_period_is_named(standaard_run, als_records):
    volumes = standaard_run.data.volumes
    with pytest.raises(KeyError, match="'BURAP 3 2031' staat niet in de tabel"):
        periode_rij(volumes.to_dict("records") if als_records else volumes, "BURAP 3 2031")


def test_a_what_if_of_an_unknown_period_is_bad_input(params_copy, cli):
    with params_copy.open("a", encoding="utf-8") as f:
        f.write("wat_als:\n  omschrijving: x\n  meldingen_pct: 10\n  perioden: [BURAP 3 2031]\n")
    code, _, err = cli("validate", "--params", params_copy)
    assert code == 2 and "wat_als.perioden: 'BURAP 3 2031' is geen periode in volumes.csv" in err
