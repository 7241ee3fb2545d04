"""What the CLI prints in the terminal besides one-line messages: the formation table of ``compute`` and the
names of ``velden`` (rich tables; width fixed when the output is not a terminal, so a pipe gets whole lines)."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from vt_analysis.basis import formatting as fmt
from vt_analysis.model.resultaten import Resultaten


def formatie_tabel(r: Resultaten) -> None:
    """``compute`` without ``--json``: Bijlage 2 per period as a table in the terminal."""
    normsets = list(r.normen.normsets)
    table = Table(title=f"Benodigde formatie (run {r.run})")
    table.add_column("Periode")
    for kolom in ("meldingen", "overdragen", "adviezen"):
        table.add_column(kolom.capitalize(), justify="right")
    for n in normsets:
        table.add_column(f"Fte {n}", justify="right")
    table.add_column("Fte beschikbaar", justify="right")
    for n in normsets:
        table.add_column(f"Gap {n}", justify="right")
    for _, rij in r.perioden.iterrows():
        table.add_row(
            rij["periode"],
            *(fmt.aantal(rij[k]) for k in ("meldingen", "overdragen", "adviezen")),
            *(fmt.fte(rij[f"fte_{n}"]) for n in normsets),
            fmt.fte(rij["fte_beschikbaar"]),
            *(fmt.fte(rij[f"gap_{n}"], teken=True) for n in normsets),
        )
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def velden_tabel(run_naam: str, alle: dict) -> None:
    """``velden`` without ``--json``: every name a text block can use, with its value, unit and meaning."""
    table = Table(title=f"Namen voor de tekstblokken ({run_naam})")
    table.add_column("Naam")
    table.add_column("Waarde", justify="right")
    table.add_column("Eenheid")
    table.add_column("Omschrijving")
    for naam, v in alle.items():
        table.add_row(naam, toon_waarde(v.waarde, v.eenheid), v.eenheid, v.omschrijving)
    Console(width=None if sys.stdout.isatty() else 200).print(table)


def toon_waarde(waarde, eenheid: str) -> str:
    if isinstance(waarde, bool) or waarde is None:
        return {True: "ja", False: "nee", None: "–"}[waarde]
    if isinstance(waarde, (int, float)):
        if eenheid == "euro":
            return fmt.euro(waarde)
        if eenheid == "jaar":
            return str(int(waarde))
        return fmt.getal(waarde, 0 if float(waarde).is_integer() and eenheid != "fte" else 2)
    if eenheid == "datum":
        return fmt.datum(waarde)
    return str(waarde)
