"""The report's tables as an Excel workbook (``impactanalyse.xlsx``) for those who check the figures.

One sheet per table, in report order, named after its number and the caption's first words (the
whole caption in A1); each table an Excel table with filter buttons, printed A4 landscape one page
wide with the header row on every page. Numbers are numbers, stored unrounded (up to 10 decimals)
and shown as in the report (fte to the hundredth, euro, percentages; Excel shows them with the
reader's own separators); an interval is two columns; an empty cell is empty; every text is a
string, never a formula. The first sheet, *Over dit bestand*, says which run, data and
tool version made it. Same inputs give the same bytes: the document properties carry the
document date and XlsxWriter writes fixed zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import xlsxwriter

from vt_analysis.basis.kolomformaat import LEEG, Formaat, is_getal

XLSX_NAAM = "impactanalyse.xlsx"
OVER_BLAD = "Over dit bestand"
MAX_BLADNAAM = 31  # Excel's limit
_VERBODEN = re.compile(r"[\[\]:*?/\\]")
MIN_BREEDTE, MAX_BREEDTE = 8, 60


def _kort(tekst: str, lengte: int) -> str:
    """At most ``lengte`` characters, cut after a whole word where there is one (never mid-word)."""
    if len(tekst) <= lengte:
        return tekst
    deel = tekst[: lengte + 1]
    spatie = deel.rfind(" ")
    kort = deel[:spatie] if spatie > lengte // 3 else tekst[:lengte]
    return kort.rstrip(" ,;.-–(").rstrip()


def bladnamen(bijschriften: Iterable[str]) -> list[str]:
    """Sheet names ``'3. Benodigde en beschikbare'``: number and caption cut at a word, ≤ 31 characters
    (Excel's limit), unique; the whole caption stands in A1 of the sheet."""
    namen: list[str] = []
    gebruikt = {OVER_BLAD.lower()}
    for nummer, bijschrift in enumerate(bijschriften, start=1):
        basis = f"{nummer}. {_VERBODEN.sub(' ', bijschrift)}"
        basis = re.sub(r"\s+", " ", basis).strip().strip("'")
        naam = _kort(basis, MAX_BLADNAAM)
        volgnummer = 2
        while naam.lower() in gebruikt:
            achtervoegsel = f" ({volgnummer})"
            naam = _kort(basis, MAX_BLADNAAM - len(achtervoegsel)) + achtervoegsel
            volgnummer += 1
        gebruikt.add(naam.lower())
        namen.append(naam)
    return namen


def _cel(waarde: object, formaat: Formaat) -> tuple[object, Formaat]:
    """A cell's value and format: a cell with a format of its own brings it, the others take their column's."""
    if isinstance(waarde, dict):
        return waarde["waarde"], Formaat.van_dict(waarde["formaat"])
    return waarde, formaat


def _getoond(waarde: object, formaat: Formaat) -> str:
    """What a cell shows, to size its column."""
    return "" if waarde is None else formaat.tekst(waarde)


def _breedte(teksten: Iterable[str]) -> float:
    return float(min(MAX_BREEDTE, max(MIN_BREEDTE, *(len(t) + 2 for t in teksten))))


def _unieke_koppen(koppen: list[str]) -> list[str]:
    """Column headers of an Excel table must differ (and not be empty)."""
    uit: list[str] = []
    for kop in koppen:
        kop = kop.strip() or "Kolom"
        naam, n = kop, 2
        while naam.lower() in (u.lower() for u in uit):
            naam, n = f"{kop} ({n})", n + 1
        uit.append(naam)
    return uit


def _afdrukken(ws, kopregel: int | None) -> None:
    """A4 landscape, one page wide (as many pages long as needed), the header row on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if kopregel is not None:
        ws.repeat_rows(kopregel)


def _stijl(wb, stijlen: dict, getalnotatie: str):
    """One cell format per Excel number format, made once per workbook."""
    if getalnotatie not in stijlen:
        stijlen[getalnotatie] = wb.add_format({"num_format": getalnotatie})
    return stijlen[getalnotatie]


def _schrijf_tabel(wb, ws, nummer: int, tabel: dict, stijlen: dict) -> None:
    """The caption in A1, the table as an Excel table (filter buttons, banded rows) from row 3.

    Every text goes in with ``write_string``: a cell that starts with ``=``, ``+``, ``-`` or ``@`` stays
    text, never a formula (the table's data come from data files and params).
    """
    ws.write_string(0, 0, f"Tabel {nummer}: {tabel['bijschrift']}", stijlen["titel"])
    kopregel = 2
    koppen = _unieke_koppen([k["kop"] for k in tabel["kolommen"]])
    kolommen = []
    for k, kolom in enumerate(tabel["kolommen"]):
        formaat = Formaat.van_dict(kolom["formaat"])
        kolommen.append({"header": koppen[k], "header_format": stijlen["kop_rechts" if formaat.is_getal else "kop"]})
        getoond = [koppen[k]]
        for r, rij in enumerate(tabel["rijen"], start=kopregel + 1):
            waarde, cel_formaat = _cel(rij[k], formaat)
            if waarde in (None, "", LEEG):
                continue  # empty: no value, no empty string
            getoond.append(_getoond(waarde, cel_formaat))
            if isinstance(waarde, bool):
                ws.write_boolean(r, k, waarde)
            elif is_getal(waarde):
                notatie = cel_formaat.excel(waarde)
                stijl = _stijl(wb, stijlen, notatie) if notatie else None
                ws.write_number(r, k, cel_formaat.excel_waarde(waarde), stijl)
            else:
                ws.write_string(r, k, str(waarde))  # literally: what the report escapes is text here
        ws.set_column(k, k, _breedte(getoond))
    if kolommen:
        laatste = kopregel + max(len(tabel["rijen"]), 1)
        ws.add_table(
            kopregel,
            0,
            laatste,
            len(kolommen) - 1,
            {"name": f"Tabel{nummer}", "columns": kolommen, "style": "Table Style Light 1", "autofilter": True},
        )
    ws.freeze_panes(kopregel + 1, 0)
    _afdrukken(ws, kopregel)


def _schrijf_over(ws, stijlen: dict, over: dict, tabellen: list[dict], namen: list[str]) -> None:
    rij = 0
    ws.write_string(rij, 0, over["titel"], stijlen["titel"])
    rij += 2
    if over.get("wat_als"):  # a what-if says so before anything else
        ws.write_string(rij, 0, "Wat-als", stijlen["titel"])
        ws.write_string(rij, 1, "; ".join(over["wat_als"]))
        rij += 2
    for label, waarde in (
        ("Run", over["run"]),
        ("Peilmoment", over["peilmoment"]),
        ("Documentdatum", over["documentdatum"]),
        ("Status", over.get("status")),
        ("Versie", over.get("documentversie")),
        ("Gemaakt met", f"vt-analysis {over['versie']}"),
        ("Git-commit", over.get("git_commit", "")),
    ):
        if waarde is None:
            continue
        ws.write_string(rij, 0, label, stijlen["kop"])
        if isinstance(waarde, dt.date):
            ws.write_datetime(rij, 1, dt.datetime.combine(waarde, dt.time()), stijlen["datum"])
        else:
            ws.write_string(rij, 1, str(waarde))
        rij += 1
    rij += 1
    ws.write_string(
        rij,
        0,
        "Getallen staan onafgerond in de cellen en worden getoond zoals in het rapport "
        "(fte op twee decimalen, bedragen in euro, percentages).",
    )
    rij += 2
    ws.write_string(rij, 0, "Blad", stijlen["kop"])
    ws.write_string(rij, 1, "Tabel", stijlen["kop"])
    rij += 1
    for naam, tabel in zip(namen, tabellen, strict=True):
        ws.write_url(rij, 0, f"internal:'{naam.replace(chr(39), chr(39) * 2)}'!A1", string=naam)
        ws.write_string(rij, 1, tabel["bijschrift"])
        rij += 1
    rij += 1
    ws.write_string(rij, 0, "Invoerbestand", stijlen["kop"])
    ws.write_string(rij, 1, "SHA-256", stijlen["kop"])
    rij += 1
    for pad, sha in over["invoer_sha256"].items():
        ws.write_string(rij, 0, pad)
        ws.write_string(rij, 1, sha)
        rij += 1
    ws.set_column(0, 0, 40)
    ws.set_column(1, 1, 70)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def schrijf_werkboek(doel: Path, tabellen: list[dict], over: dict) -> Path:
    """Write the workbook; ``over`` holds titel, run, peilmoment, documentdatum, versie (of the tool),
    invoer_sha256 and optionally git_commit, status and documentversie (of the document)."""
    datum = over["documentdatum"]
    if isinstance(datum, str):
        datum = dt.date.fromisoformat(datum)
    over = {**over, "documentdatum": datum}
    moment = dt.datetime.combine(datum, dt.time())
    wb = xlsxwriter.Workbook(str(doel), {"strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties(
        {
            "title": f"{over['titel']}: tabellen",
            "subject": f"Run {over['run']}, peilmoment {over['peilmoment']}",
            "author": "vt-analysis",
            "company": f"Veilig Thuis {over.get('regio', '')}".strip(),  # the run's region, none in code
            "comments": f"Gemaakt met vt-analysis {over['versie']}",
            "created": moment,  # fixed: no clock time in the file
        }
    )
    wb.set_custom_property("run", over["run"])
    kop = {"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom"}
    stijlen = {
        "titel": wb.add_format({"bold": True, "font_size": 12}),
        "kop": wb.add_format(kop),
        "kop_rechts": wb.add_format({**kop, "align": "right"}),
        "datum": wb.add_format({"num_format": "d mmmm yyyy", "align": "left"}),
    }
    namen = bladnamen(t["bijschrift"] for t in tabellen)
    over_blad = wb.add_worksheet(OVER_BLAD)
    _schrijf_over(over_blad, stijlen, over, tabellen, namen)
    for nummer, (naam, tabel) in enumerate(zip(namen, tabellen, strict=True), start=1):
        _schrijf_tabel(wb, wb.add_worksheet(naam), nummer, tabel, stijlen)
    wb.close()
    return doel
