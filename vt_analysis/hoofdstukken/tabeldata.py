"""A report table as data: caption, columns, unrounded values and a display format per column.

Every :class:`vt_analysis.hoofdstukken.tables.Tabel` emits this next to its Markdown, under its own mimetype, in
the executed notebooks. The workbook (:mod:`vt_analysis.bouw.xlsx`) collects it from there, so every
table of every chapter lands in the workbook without a list to keep up to date.

The format of a column is read from what the chapter's formatter printed (``73,33``, ``+1,69``,
``€ 238.475``, ``72%``): the report decides how a number looks, the workbook shows it the same way.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import nbformat
import pandas as pd

from vt_analysis.basis.formatting import MINUS
from vt_analysis.basis.strikt_json import schoon

TABEL_MIMETYPE = "application/vnd.vt-analysis.tabel+json"

SOORTEN = ("tekst", "getal", "euro", "procent")

# A Dutch number as the formatter prints it: optional sign, optional €, digits with thousands dots, decimal comma,
# optional % or a unit word after it ("73,33 fte").
_GETAL = re.compile(
    rf"^(?P<teken>[+\-{MINUS}])?\s*(?P<euro>€)?\s*(?P<teken2>[+\-{MINUS}])?\s*"
    r"(?P<geheel>\d{1,3}(?:\.\d{3})*|\d+)(?:,(?P<dec>\d+))?\s*(?P<pct>%)?(?:\s+[^\d\s]+)?$"
)


def lees_getal(tekst: str) -> tuple[float, dict] | None:
    """A formatted Dutch number back to its value and look (``'−7,18'`` → ``-7.18``, 2 decimals)."""
    m = _GETAL.match(str(tekst).strip().replace("\xa0", " "))
    if not m:
        return None
    teken = m["teken"] or m["teken2"] or ""
    waarde = float(m["geheel"].replace(".", "") + ("." + m["dec"] if m["dec"] else ""))
    if teken in ("-", MINUS):
        waarde = -waarde
    soort = "euro" if m["euro"] else "procent" if m["pct"] else "getal"
    look = {"soort": soort, "decimalen": len(m["dec"] or ""), "teken": teken == "+"}
    if len(m["geheel"]) >= 4:  # shows whether thousands are grouped: 4.998 yes, a year 2025 no
        look["groep"] = "." in m["geheel"]
    return waarde, look


def _is_getal(waarde: object) -> bool:
    return isinstance(waarde, numbers.Real) and not isinstance(waarde, bool)


def _json_waarde(waarde: object) -> object:
    """A cell as a JSON value: numpy scalars as numbers, NaN/NA as null, dates as ISO text."""
    waarde = schoon(waarde)
    if waarde is None or _is_getal(waarde) or isinstance(waarde, (str, bool)):
        return waarde
    return str(waarde)


def kolom_data(ruw: Iterable[object], getoond: Iterable[str]) -> tuple[dict, list]:
    """Format and values of one numeric column, from the raw values and the strings the report shows.

    Percentages are kept on the 0–100 scale of the report (``72`` for 72%).
    A value is kept unrounded when the shown number is that value rounded (or, for a percentage,
    that value ×100 rounded); otherwise the shown number is the value (e.g. a pre-formatted text).
    """
    looks, waarden = [], []
    for r, t in zip(ruw, getoond, strict=True):
        r = _json_waarde(r)
        gelezen = lees_getal(t) if isinstance(t, str) else None
        if gelezen is None:
            waarden.append(r if _is_getal(r) else (None if t in ("", "–", None) else t))
            continue
        getal, look = gelezen
        looks.append(look)
        marge = 0.5 * 10 ** -look["decimalen"] + 1e-9
        if _is_getal(r) and abs(r - getal) <= marge:
            waarden.append(r)
        elif _is_getal(r) and look["soort"] == "procent" and abs(r * 100 - getal) <= marge:
            waarden.append(r * 100)
        else:
            waarden.append(getal)
    if not looks:
        return {"soort": "tekst"}, [_json_waarde(w) for w in ruw]
    soorten = {lk["soort"] for lk in looks}
    soort = next(s for s in ("euro", "procent", "getal") if s in soorten)
    formaat = {
        "soort": soort,
        "decimalen": max(lk["decimalen"] for lk in looks),
        "teken": any(lk["teken"] for lk in looks),
        "groep": all(lk.get("groep", True) for lk in looks),
    }
    return formaat, waarden


def tabel_data(
    df: pd.DataFrame,
    bijschrift: str,
    koppen: list[str],
    formats: Mapping[str, Callable[[object], str]],
) -> dict:
    """The JSON form of a report table (what :data:`TABEL_MIMETYPE` holds)."""
    kolommen, waarden_per_kolom = [], []
    for naam, kop in zip(df.columns, koppen, strict=True):
        ruw = list(df[naam])
        if naam in formats:
            formaat, waarden = kolom_data(ruw, [formats[naam](v) for v in ruw])
        else:
            formaat, waarden = {"soort": "tekst"}, [_json_waarde(v) for v in ruw]
        kolommen.append({"naam": str(naam), "kop": str(kop), "formaat": formaat})
        waarden_per_kolom.append(waarden)
    rijen = [list(rij) for rij in zip(*waarden_per_kolom, strict=True)] if waarden_per_kolom else []
    return {"bijschrift": bijschrift, "kolommen": kolommen, "rijen": rijen}


def tabellen_uit_notebooks(notebooks: Iterable[Path]) -> list[dict]:
    """Every report table of the executed chapters, in report order."""
    tabellen = []
    for pad in notebooks:
        for cell in nbformat.read(pad, as_version=4).cells:
            for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
                data = out.get("data", {})
                if TABEL_MIMETYPE in data:
                    tabellen.append(data[TABEL_MIMETYPE])
    return tabellen


# An interval as the report shows it: two formatted numbers with an en dash (``74,10 – 84,53``).
_INTERVAL = re.compile(r"^(?P<laag>.+?)\s+–\s+(?P<hoog>.+)$")


def _interval(waarde: object) -> tuple[tuple[float, dict], tuple[float, dict]] | None:
    m = _INTERVAL.match(waarde) if isinstance(waarde, str) else None
    if not m:
        return None
    laag, hoog = lees_getal(m["laag"]), lees_getal(m["hoog"])
    return (laag, hoog) if laag and hoog else None


def intervallen_gesplitst(tabel: dict) -> dict:
    """The table with every interval column (``74,10 – 84,53``) as two number columns, lower and upper bound:
    a spreadsheet computes with numbers, not with the text of a range."""
    kolommen, per_kolom = [], []
    for k, kolom in enumerate(tabel["kolommen"]):
        waarden = [rij[k] for rij in tabel["rijen"]]
        gevuld = [w for w in waarden if w not in (None, "", "–")]
        delen = [_interval(w) for w in gevuld]
        if kolom["formaat"].get("soort", "tekst") != "tekst" or not gevuld or not all(delen):
            kolommen.append(kolom)
            per_kolom.append(waarden)
            continue
        for i, naam in enumerate(("ondergrens", "bovengrens")):
            looks = [d[i][1] for d in delen]
            formaat = {
                "soort": looks[0]["soort"],
                "decimalen": max(lk["decimalen"] for lk in looks),
                "teken": any(lk["teken"] for lk in looks),
                "groep": all(lk.get("groep", True) for lk in looks),
            }
            kolommen.append({"naam": f"{kolom['naam']}_{naam}", "kop": f"{kolom['kop']} ({naam})", "formaat": formaat})
            paren = iter(delen)
            per_kolom.append([None if w in (None, "", "–") else next(paren)[i][0] for w in waarden])
    rijen = [list(r) for r in zip(*per_kolom, strict=True)] if per_kolom else []
    return {**tabel, "kolommen": kolommen, "rijen": rijen}
