"""The report's tables as data and as a workbook: one format per column for both, names, deterministic bytes."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import nbformat
import openpyxl
import pandas as pd
import pytest

from vt_analysis.basis import kolomformaat as kf
from vt_analysis.bouw.xlsx import MAX_BLADNAAM, OVER_BLAD, bladnamen, schrijf_werkboek
from vt_analysis.hoofdstukken.tabeldata import TABEL_MIMETYPE, tabellen_uit_notebooks
from vt_analysis.hoofdstukken.tables import tabel


def _tabelblad(tmp_path, data: dict):
    """The workbook of one table, written and read back: the table's sheet."""
    schrijf_werkboek(tmp_path / "a.xlsx", [data], OVER)
    return openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[1]


# One value per kind of format: the report's text, the Excel number format, the value the workbook holds.
SOORTEN = [
    (kf.FTE, 73.333333, "73,33", '#,##0.00;"−"#,##0.00;#,##0.00', 73.333333),
    (kf.FTE_VERSCHIL, 1.691234, "+1,69", '+#,##0.00;"−"#,##0.00;#,##0.00', 1.691234),
    (kf.EURO, -238475.4, "−€\xa0238.475", '"€ "#,##0;"−""€ "#,##0;"€ "#,##0', -238475.4),
    (kf.procent(1), 5.55, "5,6%", '0.0%;"−"0.0%;0.0%', 0.0555),
    (kf.procent(1, heel_zonder=True), 95.0, "95%", '0%;"−"0%;0%', 0.95),
    (kf.AANTAL, 4998.4, "4.998", '#,##0;"−"#,##0;#,##0', 4998.4),
    (kf.getal(2, heel_zonder=True), 8.5, "8,50", '#,##0.00;"−"#,##0.00;#,##0.00', 8.5),
    (kf.JAAR, 2025, "2025", "0", 2025),
]


@pytest.mark.parametrize(("formaat", "waarde", "tekst", "excel", "opgeslagen"), SOORTEN)
def test_one_format_gives_the_text_and_the_excel_format(formaat, waarde, tekst, excel, opgeslagen):
    assert formaat.tekst(waarde) == tekst
    assert formaat.excel(waarde) == excel
    assert formaat.excel_waarde(waarde) == pytest.approx(opgeslagen, abs=1e-12)


def test_the_report_rounds_half_away_from_zero_the_workbook_keeps_the_value():
    assert kf.procent().tekst(8.5) == "9%" and kf.EURO.tekst(0.5) == "€\xa01" and kf.FTE.tekst(2.675) == "2,68"
    assert kf.FTE.tekst(float("nan")) == "–" and kf.FTE.tekst("niet becijferd") == "niet becijferd"


def test_the_workbook_holds_every_kind_unrounded_with_its_number_format(tmp_path):
    df = pd.DataFrame({f"k{i}": [s[1]] for i, s in enumerate(SOORTEN)})
    t = tabel(df, "Soorten", {f"k{i}": s[0] for i, s in enumerate(SOORTEN)})
    assert t.rijen == [[s[2] for s in SOORTEN]]
    ws = _tabelblad(tmp_path, t.data)
    for i, (_, _, _, excel, opgeslagen) in enumerate(SOORTEN):
        cel = ws.cell(4, i + 1)
        assert cel.data_type == "n" and cel.value == pytest.approx(opgeslagen, abs=1e-12), i
        assert cel.number_format == excel, i


def test_markdown_in_a_text_cell_is_escaped_in_the_report_and_literal_in_the_workbook(tmp_path):
    tekst = "*nadruk* **vet** `code` [link](x) | <b>"
    t = tabel(pd.DataFrame({"bron": [tekst], "kosten": ["€ 5 + *niet* becijferd"]}), "x", {"kosten": kf.EURO})
    md = t.markdown()
    assert "\\*nadruk\\*" in md and "\\`code\\`" in md and "\\|" in md and "\\*niet\\*" in md
    ws = _tabelblad(tmp_path, t.data)
    assert ws["A4"].value == tekst and ws["B4"].value == "€ 5 + *niet* becijferd"


def test_a_cell_with_its_own_format_and_a_range_and_an_interval(tmp_path):
    df = pd.DataFrame(
        {
            "waarde": [kf.Cel(95.0, kf.procent()), 4600, "conform norm"],
            "band": [kf.Interval(74.1, 84.534), "", kf.Interval(1, 2)],
            "schatting": [kf.MetInterval(98.2, 97.1, 99.4), kf.MetInterval(float("nan"), 1, 2), "niet gevonden"],
        }
    )
    t = tabel(df, "Gemengd", {"waarde": kf.AANTAL, "band": kf.FTE, "schatting": kf.procent()})
    assert [r[1:] for r in t.rijen] == [["74,10 – 84,53", "98% (97–99%)"], ["", "–"], ["1,00 – 2,00", "niet gevonden"]]
    assert [r[0] for r in t.rijen] == ["95%", "4.600", "conform norm"]
    ws = _tabelblad(tmp_path, t.data)
    assert [c.value for c in ws[3]] == [
        "waarde",
        "band (ondergrens)",
        "band (bovengrens)",
        "schatting",
        "schatting (ondergrens)",
        "schatting (bovengrens)",
    ]
    assert [c.value for c in ws[4]] == [0.95, 74.1, 84.534, pytest.approx(0.982), pytest.approx(0.971), 0.994]
    assert ws["A4"].number_format == '0%;"−"0%;0%' and ws["A5"].number_format.startswith("#,##0;")
    assert [c.value for c in ws[5]] == [4600, None, None, None, 0.01, 0.02]
    assert [c.value for c in ws[6]] == ["conform norm", 1, 2, "niet gevonden", None, None]


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
    formats = {"fte": kf.FTE, "gap": kf.FTE_VERSCHIL, "kosten": kf.EURO, "pct": kf.procent(1)}
    return tabel(df, "Benodigde formatie: per periode [fte] en een heel lange rest van het bijschrift", formats)


def test_tabel_emits_its_data_with_unrounded_values():
    t = _voorbeeld()
    bundel = t._repr_mimebundle_()
    assert bundel["text/markdown"] == t.markdown()
    data = bundel[TABEL_MIMETYPE]
    assert [k["formaat"]["soort"] for k in data["kolommen"]] == ["tekst", "fte", "fte", "euro", "procent"]
    assert data["kolommen"][2]["formaat"]["teken"] is True
    assert data["rijen"][0] == ["BURAP 2 2024", 73.333333, 1.691234, 238475.4, 72.0]
    assert data["rijen"][1][2] is None  # NaN, shown as '–' in the report, is an empty cell


def test_sheet_names_are_short_unique_and_valid():
    namen = bladnamen(["Een: lang bijschrift [met] tekens / en meer woorden dan past"] * 3 + ["Over dit bestand"])
    assert len(set(n.lower() for n in namen)) == len(namen)
    assert all(len(n) <= MAX_BLADNAAM and not set(n) & set("[]:*?/\\") for n in namen)
    assert namen[0].startswith("1. Een lang bijschrift")
    assert OVER_BLAD.lower() not in (n.lower() for n in namen)
    # cut after a whole word of the caption, never inside one
    woorden = "Een lang bijschrift met tekens en meer woorden dan past".split()
    for naam in namen[:3]:
        kern = re.sub(r" \(\d+\)$", "", naam).split(" ", 1)[1]
        assert kern.split() == woorden[: len(kern.split())], naam
    assert bladnamen(["Kort"] * 2) == ["1. Kort", "2. Kort"]


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
        and dt.datetime(2024, 11, 29) in over  # the document date as a date, shown as "29 november 2024"
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
    assert e.value == pytest.approx(0.72) and e.number_format.startswith("0.0%;")
    assert ws["C5"].value is None
    assert ws.column_dimensions["A"].width >= len("BURAP 2 2024")
    datum = next(c for rij in wb[OVER_BLAD].iter_rows() for c in rij if isinstance(c.value, dt.datetime))
    assert datum.is_date and "mmmm" in datum.number_format


def test_every_sheet_is_an_excel_table_that_prints_one_page_wide(tmp_path):
    data = _voorbeeld().data
    schrijf_werkboek(tmp_path / "a.xlsx", [data, data], OVER)
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    for naam in wb.sheetnames[1:]:
        ws = wb[naam]
        (tabel,) = ws.tables.values()
        assert tabel.ref == "A3:E5" and tabel.autoFilter is not None and tabel.autoFilter.ref == "A3:E5"
        assert [k.name for k in tabel.tableColumns] == ["periode", "fte", "gap", "kosten", "pct"]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9")
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, None)
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$3:$3"


def test_numbers_are_numbers_intervals_two_columns_empty_cells_empty_no_float_noise(tmp_path):
    df = pd.DataFrame(
        {
            "jaar": [2025, 2026, 2027],
            "fte": [7.000000000000007, 1 / 3, float("nan")],
            "interval": [kf.Interval(74.1, 84.53), "", kf.Interval(4999, 5702)],
            "opmerking": ["", "–", "tekst"],
        }
    )
    t = tabel(df, "Prognose", {"jaar": kf.JAAR, "fte": kf.FTE, "interval": kf.FTE}, {"interval": "Voorspelinterval"})
    ws = _tabelblad(tmp_path, t.data)
    assert [c.value for c in ws[3]] == [
        "jaar",
        "fte",
        "Voorspelinterval (ondergrens)",
        "Voorspelinterval (bovengrens)",
        "opmerking",
    ]
    assert [c.value for c in ws[4]] == [2025, 7.0, 74.1, 84.53, None]
    assert [c.value for c in ws[5]] == [2026, pytest.approx(1 / 3, abs=1e-10), None, None, None]
    assert [c.value for c in ws[6]] == [2027, None, 4999, 5702, "tekst"]
    assert ws["C4"].number_format.startswith("#,##0.00;") and ws["C6"].data_type == "n"
    for rij in ws.iter_rows(min_row=4):
        for cel in rij:
            assert cel.value != ""  # an empty cell holds nothing, not an empty string
            if isinstance(cel.value, float):
                assert cel.value == round(cel.value, 10)  # no float noise past 10 decimals


FORMULES = ['=HYPERLINK("http://voorbeeld.invalid","klik")', "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "=1+1"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """Issue 23: every text cell is a string, whatever it starts with (OWASP's formula injection list)."""
    data = {
        "bijschrift": "=1+1 bijschrift",
        "kolommen": [
            {"naam": "naam", "kop": "=KOP()", "formaat": {"soort": "tekst"}},
            {"naam": "n", "kop": "+n", "formaat": {"soort": "getal", "decimalen": 0}},
        ],
        "rijen": [[f, i] for i, f in enumerate(FORMULES)],
    }
    over = {**OVER, "run": "=run", "peilmoment": "@peil", "invoer_sha256": {"=pad": "-sha"}}
    schrijf_werkboek(tmp_path / "a.xlsx", [data], over)
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    teksten = 0
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for cel in rij:
                assert cel.data_type != "f", (ws.title, cel.coordinate, cel.value)
                teksten += cel.data_type == "s"
    ws = wb.worksheets[1]
    # a carriage return is stored as the escape Excel reads back as CR (_x000D_; openpyxl leaves it as is)
    assert [ws.cell(r, 1).value for r in range(4, 4 + len(FORMULES))] == [f.replace("\r", "_x000D_") for f in FORMULES]
    assert all(ws.cell(r, 1).data_type == "s" for r in range(4, 4 + len(FORMULES)))
    assert ws["A3"].value == "=KOP()" and ws["A3"].data_type == "s" and ws["A1"].value.startswith("Tabel 1: =1+1")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert not any("<f>" in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert teksten > len(FORMULES)


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
