"""The report's tables as data and as a workbook: formats read from the report, names, deterministic bytes."""

from __future__ import annotations

import re
import zipfile

import nbformat
import openpyxl
import pandas as pd
import pytest

from vt_analysis import formatting as fmt
from vt_analysis.tabeldata import TABEL_MIMETYPE, kolom_data, lees_getal, tabellen_uit_notebooks
from vt_analysis.tables import tabel
from vt_analysis.xlsx import MAX_BLADNAAM, OVER_BLAD, bladnamen, excel_formaat, schrijf_werkboek


@pytest.mark.parametrize(
    ("tekst", "waarde", "soort", "decimalen", "teken"),
    [
        ("73,33", 73.33, "getal", 2, False),
        ("−7,18", -7.18, "getal", 2, False),
        ("+1,69", 1.69, "getal", 2, True),
        ("€ 238.475", 238475, "euro", 0, False),
        ("€ −1.234", -1234, "euro", 0, False),
        ("5,5%", 5.5, "procent", 1, False),
        ("73,33 fte", 73.33, "getal", 2, False),
    ],
)
def test_lees_getal_reads_what_the_formatter_prints(tekst, waarde, soort, decimalen, teken):
    gelezen, look = lees_getal(tekst)
    assert gelezen == pytest.approx(waarde)
    assert (look["soort"], look["decimalen"], look["teken"]) == (soort, decimalen, teken)


@pytest.mark.parametrize("tekst", ["–", "", "niet binnen de horizon", "Realisatie 2021", "1,2,3"])
def test_lees_getal_leaves_text_alone(tekst):
    assert lees_getal(tekst) is None


def test_years_are_not_grouped_and_counts_are():
    assert kolom_data([2025, 2026], ["2025", "2026"])[0]["groep"] is False
    assert kolom_data([4998, 12], [fmt.aantal(4998), fmt.aantal(12)])[0]["groep"] is True
    assert excel_formaat({"soort": "getal", "decimalen": 0, "groep": False}).startswith("0;")


def test_percentages_stay_on_the_report_scale():
    formaat, waarden = kolom_data([72.0, 0.055], ["72%", "5,5%"])
    assert formaat == {"soort": "procent", "decimalen": 1, "teken": False, "groep": True}
    assert waarden == [72.0, pytest.approx(5.5)]  # a fraction shown ×100 is brought to the same scale


def _voorbeeld():
    df = pd.DataFrame(
        {
            "periode": ["BURAP 2 2024", "Begroting 2025"],
            "fte": [73.333333, 70.4],
            "gap": [1.691234, float("nan")],
            "kosten": [238475.4, 1_000_000.0],
            "pct": [72.0, 5.5],
        }
    )
    formats = {
        "fte": fmt.fte,
        "gap": lambda x: fmt.fte(x, teken=True),
        "kosten": fmt.euro,
        "pct": lambda x: fmt.procent(x, 1),
    }
    return tabel(df, "Benodigde formatie: per periode [fte] en een heel lange rest van het bijschrift", formats)


def test_tabel_emits_its_data_with_unrounded_values():
    t = _voorbeeld()
    bundel = t._repr_mimebundle_()
    assert bundel["text/markdown"] == t.markdown()
    data = bundel[TABEL_MIMETYPE]
    assert [k["formaat"]["soort"] for k in data["kolommen"]] == ["tekst", "getal", "getal", "euro", "procent"]
    assert data["kolommen"][2]["formaat"]["teken"] is True
    assert data["rijen"][0] == ["BURAP 2 2024", 73.333333, 1.691234, 238475.4, 72.0]
    assert data["rijen"][1][2] is None  # NaN, shown as '–' in the report, is an empty cell


def test_sheet_names_are_short_unique_and_valid():
    namen = bladnamen(["Een: lang bijschrift [met] tekens / en meer woorden dan past"] * 3 + ["Over dit bestand"])
    assert len(set(n.lower() for n in namen)) == len(namen)
    assert all(len(n) <= MAX_BLADNAAM and not set(n) & set("[]:*?/\\") for n in namen)
    assert namen[0].startswith("1. Een lang bijschrift")
    assert OVER_BLAD.lower() not in (n.lower() for n in namen)


OVER = {
    "titel": "Impactanalyse",
    "run": "test-run",
    "peilmoment": "BURAP 2 2024",
    "documentdatum": "2024-11-29",
    "versie": "0.0",
    "git_commit": "abc",
    "status": "concept",
    "documentversie": "1.0",
    "invoer_sha256": {"data/volumes.csv": "0" * 64},
}


def test_workbook_has_numbers_with_formats_frozen_headers_and_a_first_sheet(tmp_path):
    data = _voorbeeld().data
    schrijf_werkboek(tmp_path / "a.xlsx", [data], OVER)
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames[0] == OVER_BLAD
    over = [c.value for rij in wb[OVER_BLAD].iter_rows() for c in rij if c.value is not None]
    assert (
        "test-run" in over
        and "29 november 2024" in over
        and "concept" in over
        and "data/volumes.csv" in over
        and "0" * 64 in over
    )
    ws = wb[wb.sheetnames[1]]
    assert ws["A1"].value.startswith("Tabel 1: Benodigde formatie")
    assert [c.value for c in ws[3]] == ["periode", "fte", "gap", "kosten", "pct"]
    assert ws.freeze_panes == "A4"
    b, c, d, e = ws["B4"], ws["C4"], ws["D4"], ws["E4"]
    assert b.value == 73.333333 and b.number_format.startswith("#,##0.00;")
    assert c.value == 1.691234 and c.number_format.startswith("+#,##0.00;")
    assert d.value == 238475.4 and "€" in d.number_format
    assert e.value == pytest.approx(0.72) and e.number_format == "0.0%"
    assert ws["C5"].value is None
    assert ws.column_dimensions["A"].width >= len("BURAP 2 2024")


def test_same_tables_give_the_same_bytes_and_no_clock(tmp_path):
    data = _voorbeeld().data
    schrijf_werkboek(tmp_path / "a.xlsx", [data, data], OVER)
    schrijf_werkboek(tmp_path / "b.xlsx", [data, data], OVER)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    # No clock in the file: the zip entries carry one fixed stamp, the properties the document date.
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        stempels = {zi.date_time for zi in z.infolist()}
        kern = z.read("docProps/core.xml").decode("utf-8")
    assert len(stempels) == 1 and next(iter(stempels))[0] < 2000
    momenten = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", kern)
    assert momenten == [f"{OVER['documentdatum']}T00:00:00Z"] * 2


def test_tables_are_collected_from_executed_notebooks_in_order(tmp_path):
    paden = []
    for i, bijschrift in enumerate(["Eerste", "Tweede"]):
        nb = nbformat.v4.new_notebook()
        cel = nbformat.v4.new_code_cell("x")
        data = {"bijschrift": bijschrift, "kolommen": [], "rijen": []}
        cel.outputs = [
            nbformat.v4.new_output("display_data", data={"text/markdown": "tekst"}),
            nbformat.v4.new_output("display_data", data={TABEL_MIMETYPE: data, "text/plain": "Tabel"}),
        ]
        nb.cells = [nbformat.v4.new_markdown_cell("kop"), cel]
        paden.append(tmp_path / f"{i}.ipynb")
        nbformat.write(nb, paden[-1])
    assert [t["bijschrift"] for t in tabellen_uit_notebooks(paden)] == ["Eerste", "Tweede"]
