"""Post-processing of pandoc's HTML: an id on every table, a scrolling box per table, the lists of tables
and figures after the contents (pandoc makes no such list for HTML)."""

from __future__ import annotations

import re

LIJSTEN_PLEK = "<!-- lijst van tabellen en figuren -->"
_TABEL_BIJSCHRIFT = re.compile(
    r"<table(?P<attr>[^>]*)>\s*<caption>(?P<bijschrift>.*?)</caption>(?P<rest>.*?</table>)", re.S
)
_FIGUUR_BIJSCHRIFT = re.compile(
    r'<figure class="figuur" id="(?P<id>figuur-\d+)">.*?<figcaption>(?P<bijschrift>.*?)</figcaption>', re.S
)


def lijsten_html(tekst: str) -> str:
    """The HTML with an id on every table and a list of tables and figures (linked) after the contents."""
    tabellen: list[tuple[str, str]] = []

    def _tabel(m: re.Match) -> str:
        ident = f"tabel-{len(tabellen) + 1}"
        tabellen.append((ident, re.sub(r"</?p>", "", m["bijschrift"]).strip()))
        # A wide table scrolls in its own box on a phone (WCAG 1.4.10), reachable by keyboard (a named region).
        return (
            f'<div class="tabel-rol" role="region" tabindex="0" aria-labelledby="{ident}-titel">'
            f'<table id="{ident}"{m["attr"]}>\n<caption id="{ident}-titel">{m["bijschrift"]}</caption>'
            f"{m['rest']}</div>"
        )

    tekst = _TABEL_BIJSCHRIFT.sub(_tabel, tekst)
    figuren = [(m["id"], m["bijschrift"].strip()) for m in _FIGUUR_BIJSCHRIFT.finditer(tekst)]
    delen = []
    for titel, items in (("Tabellen", tabellen), ("Figuren", figuren)):
        if items:
            regels = "".join(f'<li><a href="#{i}">{b}</a></li>' for i, b in items)
            delen.append(f"<h2>{titel}</h2>\n<ol>{regels}</ol>")
    return tekst.replace(LIJSTEN_PLEK, "\n".join(delen))
