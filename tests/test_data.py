"""Validation on load: each bad input gives one clear line, exit code 2 and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit_file

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.invoer.data import load_dataset, load_kengetallen, load_volumes

PARAMS = paths.DEFAULT_PARAMS


def _one_line_error(cli, data: Path) -> str:
    code, out, err = cli("compute", "--params", PARAMS, "--data", data, "--json")
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    return err.strip()


def test_typo_in_count_names_file_period_column_and_value(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "3116,459,", "3116,45r9,")
    err = _one_line_error(cli, data_copy)
    assert "volumes.csv, periode 'Realisatie 2021', kolom overdracht_ondersteuning: '45r9' is geen geheel getal" in err


@pytest.mark.parametrize(
    "oud, nieuw, plaats",
    [
        (
            "4599,3879,",
            "4_599,3879,",
            "periode 'Realisatie 2023', kolom meldingen: '4_599' is geen geheel getal, verwacht alleen cijfers",
        ),
        (
            "4599,3879,",
            "+4599,3879,",
            "periode 'Realisatie 2023', kolom meldingen: '+4599' is geen geheel getal, verwacht alleen cijfers",
        ),
        (
            '58.90,3.67,"Bijlage 2, kolom Realisatie 2022',
            '5_8.90,3.67,"Bijlage 2, kolom Realisatie 2022',
            "periode 'Realisatie 2022', kolom fte_structureel: '5_8.90' is geen getal, verwacht cijfers",
        ),
        (
            '58.90,3.67,"Bijlage 2, kolom Realisatie 2022',
            '+58.90,3.67,"Bijlage 2, kolom Realisatie 2022',
            "periode 'Realisatie 2022', kolom fte_structureel: '+58.90' is geen getal, verwacht cijfers",
        ),
        (
            '58.90,3.67,"Bijlage 2, kolom Realisatie 2022',
            '58.90,1e1,"Bijlage 2, kolom Realisatie 2022',
            "periode 'Realisatie 2022', kolom fte_incidenteel: '1e1' is geen getal, verwacht cijfers",
        ),
    ],
)
def test_numbers_in_csv_are_plain_digits(cli, data_copy, oud, nieuw, plaats):
    """int() and float() take '4_599', '5_8.90' and '+4599': in a CSV cell they are typos, as in YAML."""
    edit_file(data_copy / "volumes.csv", oud, nieuw)
    err = _one_line_error(cli, data_copy)
    assert f"volumes.csv, {plaats}" in err and "(zonder _, + of e)" in err


def test_numbers_in_claims_are_plain_digits(cli, data_copy):
    path = data_copy / "claims.csv"
    regels = path.read_text(encoding="utf-8").splitlines()
    kop = regels[0].split(",")
    cellen = regels[1].split(",")
    i = kop.index("meldingen")
    cellen[i] = "4_400"
    path.write_text("\n".join([regels[0], ",".join(cellen), *regels[2:]]) + "\n", encoding="utf-8")
    err = _one_line_error(cli, data_copy)
    assert (
        "claims.csv, claim_id" in err
        and "kolom meldingen: '4_400' is geen geheel getal, verwacht alleen cijfers" in err
    )


def test_missing_column(cli, data_copy):
    path = data_copy / "volumes.csv"
    lines = [line.rsplit(",", 0)[0] for line in path.read_text(encoding="utf-8").splitlines()]
    header = lines[0].split(",")
    i = header.index("monitoring")
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[:i] + r[i + 1 :] for r in rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    err = _one_line_error(cli, data_copy)
    assert "volumes.csv, kopregel: kolom 'monitoring' ontbreekt" in err


def test_unknown_column_is_not_silently_ignored(cli, data_copy):
    path = data_copy / "volumes.csv"
    text = path.read_text(encoding="utf-8").replace(",bron\n", ",bron,opmerking\n", 1)
    path.write_text(text, encoding="utf-8")
    err = _one_line_error(cli, data_copy)
    assert "kolom 'opmerking' is onbekend" in err


def test_negative_count(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "4599,3879,", "4599,-3879,")
    err = _one_line_error(cli, data_copy)
    assert "periode 'Realisatie 2023', kolom overdragen: '-3879' is buiten het bereik, verwacht ≥ 0" in err


def test_duplicate_period(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "Realisatie 2022,2022", "Realisatie 2021,2022")
    err = _one_line_error(cli, data_copy)
    assert "volumes.csv, periode 'Realisatie 2021': komt twee keer voor" in err


def test_empty_file(cli, data_copy):
    (data_copy / "volumes.csv").write_text("", encoding="utf-8")
    err = _one_line_error(cli, data_copy)
    assert "volumes.csv: het bestand is leeg" in err


def test_unknown_status(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "2022,realisatie", "2022,realistie")
    err = _one_line_error(cli, data_copy)
    assert "periode 'Realisatie 2022', kolom status: 'realistie' is geen toegestane waarde" in err


def test_implausible_fte(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "576,58.90,4.50", "576,5890,4.50")
    err = _one_line_error(cli, data_copy)
    assert (
        "periode 'Begroting 2025 besluit AB', kolom fte_structureel: '5890' is buiten het bereik, verwacht ≤ 500" in err
    )


def test_missing_file(cli, data_copy):
    (data_copy / "normen.yaml").unlink()
    err = _one_line_error(cli, data_copy)
    assert "normen.yaml: bestand ontbreekt" in err


def test_kengetal_percentage_out_of_range(data_copy):
    edit_file(data_copy / "kengetallen.yaml", "{waarde: 72,", "{waarde: 720,")
    verwacht = r"triage_binnen_5_werkdagen_realisatie_pct.2024.waarde: 720.0 is geen percentage"
    with pytest.raises(InvoerFout, match=verwacht):
        load_kengetallen(data_copy / "kengetallen.yaml")


def test_normen_unknown_count(cli, data_copy):
    edit_file(data_copy / "normen.yaml", "telling: overdragen", "telling: overdragn")
    err = _one_line_error(cli, data_copy)
    assert (
        "normen.yaml, sleutel normsets.regionaal.producten.triage.telling: 'overdragn' is geen toegestane waarde" in err
    )


def test_dutch_excel_csv_is_read_correctly(data_copy):
    """Semicolons and decimal commas (what Dutch Excel saves) give the same table."""
    import pandas as pd

    origineel = load_volumes(data_copy / "volumes.csv")
    path = data_copy / "volumes.csv"
    origineel.assign(
        fte_structureel=origineel["fte_structureel"].map(lambda x: f"{x:.2f}".replace(".", ",")),
        fte_incidenteel=origineel["fte_incidenteel"].map(lambda x: f"{x:.2f}".replace(".", ",")),
    ).to_csv(path, sep=";", index=False)
    assert ";" in path.read_text(encoding="utf-8").splitlines()[0]
    pd.testing.assert_frame_equal(load_volumes(path), origineel)


def test_other_counts_in_a_copy_compute_new_figures(data_copy):
    """--data works for any directory with the same files: a what-if copy gives its own figures.

    The run is loaded as ``compute --data`` loads it; Bijlage 2 comes from the rekentool alone (the
    queue model adds nothing to it), so the test runs that and not the whole computation.
    """
    from vt_analysis.invoer.run import load_run
    from vt_analysis.model.rekentool import bereken_formatie

    edit_file(data_copy / "volumes.csv", "4400,3744,576,576,3168,576", "4400,4000,576,576,3168,576")
    run = load_run(PARAMS, data_copy)
    assert run.data.directory == data_copy
    besluit = bereken_formatie(run.data.volumes, run.data.normen).set_index("periode").loc["Begroting 2025 besluit AB"]
    # 256 more overdragen at 16 uur / 1.350 uur per fte on top of the seed's 70,40 fte.
    assert besluit["fte_regionaal"] == pytest.approx((16 * 4000 + 16 * 576 + 22 * 576 + 2 * 3168 + 12 * 576) / 1350)
    assert round(besluit["fte_regionaal"], 2) != 70.40


def test_dataset_loads_clean():
    d = load_dataset()
    assert len(d.volumes) == 7
    assert d.volumes.loc[0, "overdracht_ondersteuning"] == 459  # '45r9' in the seed
    assert d.kengetallen.fte_beschikbaar[2025].waarde == 63.40
