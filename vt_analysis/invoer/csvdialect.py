"""CSV as Dutch Excel and people write it: ``,`` or ``;`` with decimal commas, exact columns, strict numbers.

Cells are read as text and validated per row with a pydantic model; the first bad cell is one line
naming the file, the row (by its key) and the column.
"""

from __future__ import annotations

import csv
import io
import re
import typing
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from vt_analysis.basis.errors import InvoerFout, beschrijf_pydantic_fout, kort
from vt_analysis.invoer.bestandslezer import lees_tekst


def _sniff_dialect(path: Path, text: str) -> tuple[str, str]:
    """Delimiter and decimal sign. Dutch Excel saves ``;`` with decimal commas: read that too."""
    kopregel = text.splitlines()[0]
    if ";" in kopregel and "," not in kopregel:
        return ";", ","
    if "," in kopregel:
        return ",", "."
    raise InvoerFout(
        path, "kopregel", f"{kort(kopregel)} is geen CSV-kopregel, verwacht kolommen gescheiden door ',' of ';'"
    )


def read_csv_strict(path: Path, kolommen: tuple[str, ...], decimale_kolommen: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a CSV as text cells, with exactly the expected columns (none missing, none unknown).

    In a ``;``-separated file the ``decimale_kolommen`` may use a decimal comma.
    """
    text = lees_tekst(path)
    if not text.strip():
        raise InvoerFout(path, "", "het bestand is leeg, verwacht een kopregel en minstens één rij")
    delimiter, decimal = _sniff_dialect(path, text)
    try:
        kop = [c.strip() for c in next(csv.reader(io.StringIO(text), delimiter=delimiter))]
    except (csv.Error, StopIteration) as exc:
        raise InvoerFout(path, "kopregel", f"onleesbare CSV ({exc})") from None
    # Check the header as written: pandas would rename a second 'meldingen' to 'meldingen.1'.
    for i, kolom in enumerate(kop):
        if kolom in kop[:i]:
            raise InvoerFout(path, "kopregel", f"kolom {kort(kolom)} staat er twee keer, verwacht elke kolom één keer")
    ontbrekend = [k for k in kolommen if k not in kop]
    if ontbrekend:
        raise InvoerFout(
            path, "kopregel", f"kolom {ontbrekend[0]!r} ontbreekt, verwacht de kolommen {', '.join(kolommen)}"
        )
    onbekend = [k for k in kop if k not in kolommen]
    if onbekend:
        raise InvoerFout(
            path, "kopregel", f"kolom {kort(onbekend[0])} is onbekend, verwacht de kolommen {', '.join(kolommen)}"
        )
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        regel = re.search(r"line (\d+)", str(exc))
        plaats = f"regel {regel.group(1)}" if regel else ""
        raise InvoerFout(
            path, plaats, "onleesbare CSV: een rij heeft meer cellen dan de kopregel, of een aanhalingsteken sluit niet"
        ) from None
    df.columns = [c.strip() for c in df.columns]
    if df.empty:
        raise InvoerFout(path, "", "het bestand heeft geen rijen, verwacht minstens één rij")
    df = df.apply(lambda s: s.str.strip())
    if decimal == ",":
        for kolom in decimale_kolommen:
            df[kolom] = df[kolom].str.replace(",", ".", regex=False)
    return df[list(kolommen)]


# A number in a CSV cell as a person writes it: digits, one decimal point (a comma is turned into one
# for Dutch Excel files), a minus sign. Python's int() and float() (and so pydantic) also take '4_400',
# '5_8.9', '+4400' or ' 1e3': a typo there must not become a figure silently (YAML refuses them too).
_CSV_GETAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_CSV_GEHEEL = re.compile(r"-?[0-9]+")


def _getal_soort(model: type[BaseModel], kolom: str) -> type | None:
    """``int`` or ``float`` when the model's field ``kolom`` is a number (also ``int | None``), else None."""
    veld = model.model_fields.get(kolom)
    soorten = (typing.get_args(veld.annotation) or (veld.annotation,)) if veld else ()
    return next((s for s in (int, float) if s in soorten), None)


def _check_getallen(record: dict, model: type[BaseModel]) -> tuple[str, str] | None:
    """(kolom, message) of the first number cell that is not written as plain digits; None when all are."""
    for kolom, waarde in record.items():
        soort = _getal_soort(model, kolom)
        if soort is None or not isinstance(waarde, str) or waarde == "":
            continue
        patroon = _CSV_GEHEEL if soort is int else _CSV_GETAL
        if not patroon.fullmatch(waarde):
            if soort is int:
                return kolom, f"{kort(waarde)} is geen geheel getal, verwacht alleen cijfers (zonder _, + of e)"
            return (
                kolom,
                f"{kort(waarde)} is geen getal, verwacht cijfers met hoogstens één decimaalteken (zonder _, + of e)",
            )
    return None


def validate_rows(path: Path, df: pd.DataFrame, model: type[BaseModel], sleutel: str) -> list[BaseModel]:
    """Validate each row with a pydantic model; the first error names row (by key) and column."""
    rijen = []
    for i, record in enumerate(df.to_dict(orient="records")):
        label = record.get(sleutel) or f"regel {i + 2}"
        if (fout := _check_getallen(record, model)) is not None:
            raise InvoerFout(path, f"{sleutel} {label!r}, kolom {fout[0]}", fout[1])
        try:
            rijen.append(model.model_validate(record))
        except ValidationError as exc:
            err = exc.errors()[0]
            kolom = ".".join(str(p) for p in err["loc"]) or "rij"
            raise InvoerFout(path, f"{sleutel} {label!r}, kolom {kolom}", beschrijf_pydantic_fout(err)) from None
    return rijen


def check_unique(path: Path, waarden: list[str], sleutel: str) -> None:
    gezien = set()
    for w in waarden:
        if w in gezien:
            raise InvoerFout(path, f"{sleutel} {w!r}", f"komt twee keer voor, verwacht elke {sleutel} één keer")
        gezien.add(w)
