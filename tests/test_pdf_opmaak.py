"""The PDF as a reader sees it: no text below the footer line, no text printed over other text, table columns
wide enough for what cannot break.

Reads the position of every run of text with pypdf (pinned in requirements.lock) and the box of every word with
pdftotext (poppler-utils, installed by ``make test``): a table longer than a page cannot break (PDF/UA), and
Typst then prints its last rows over each other and over the footer; a figure wider than its column runs into
the next one. That is what these tests catch.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import typst
from pypdf import PdfReader

from vt_analysis.basis import paths
from vt_analysis.invoer.params import load_params

VOET_MARGE_PT = 4  # a run this close above the footer's baseline belongs to the footer's line


def _stukken(pagina) -> list[tuple[float, float, str]]:
    """(x, y, text) of every run of text on a page, in PDF user space (y up from the bottom).

    Text inside a form XObject (a chart's SVG) is left out: pypdf gives it in the chart's own coordinates, and a
    chart's labels are placed by Vega, not by the page layout.
    """
    uit: list[tuple[float, float, str]] = []
    diepte = [0]

    def voor(operator, *_):
        if operator == b"Do":
            diepte[0] += 1

    def na(operator, *_):
        if operator == b"Do":
            diepte[0] -= 1

    def bezoek(tekst, cm, tm, _font, _grootte):
        if tekst.strip() and diepte[0] == 0:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            uit.append((x, y, tekst.strip()))

    pagina.extract_text(visitor_text=bezoek, visitor_operand_before=voor, visitor_operand_after=na)
    return uit


def _paginas(pdf: Path) -> list[list[tuple[float, float, str]]]:
    return [_stukken(p) for p in PdfReader(pdf).pages]


def _voet_y(stukken: list[tuple[float, float, str]], voettekst: str) -> float | None:
    ys = [y for _, y, t in stukken if voettekst in t]
    return min(ys) if ys else None


def fouten_onder_voet(paginas, voettekst: str) -> list[str]:
    """Runs of text on or below the footer's line that are not the footer (page numbers from 1)."""
    fouten = []
    for nummer, stukken in enumerate(paginas, start=1):
        voet = _voet_y(stukken, voettekst)
        if voet is None:
            continue  # the title page has no footer
        for _x, y, t in stukken:
            if y < voet + VOET_MARGE_PT and abs(y - voet) > 0.5:
                fouten.append(f"pagina {nummer}: {t[:40]!r} op y={y:.1f}, voet op y={voet:.1f}")
    return fouten


def fouten_over_elkaar(paginas) -> list[str]:
    """Two different runs of text that start on the same spot (within half a point): printed over each other."""
    fouten = []
    for nummer, stukken in enumerate(paginas, start=1):
        gezien: dict[tuple[int, int], str] = {}
        for x, y, t in stukken:
            plek = (round(x * 2), round(y * 2))
            if plek in gezien and gezien[plek] != t:
                fouten.append(f"pagina {nummer}: {gezien[plek][:30]!r} en {t[:30]!r} op ({x:.1f}, {y:.1f})")
            gezien.setdefault(plek, t)
    return fouten


def test_the_checks_find_an_overflowing_table(tmp_path):
    """The checks themselves, on positions as an overflowing table leaves them: rows under the footer, two rows
    on one spot; and nothing on a clean page."""
    voet = "Impactanalyse · BURAP 2 2024"
    schoon = [[(65.0, 700.0, "Kop"), (65.0, 100.0, "laatste regel"), (65.0, 43.5, voet), (520.0, 43.5, "3")]]
    assert fouten_onder_voet(schoon, voet) == [] and fouten_over_elkaar(schoon) == []
    over = [[(65.0, 43.5, voet), (355.0, -11.0, "meldingen"), (65.0, 12.5, "rij 40"), (65.0, 12.5, "rij 41")]]
    assert len(fouten_onder_voet(over, voet)) == 3
    assert fouten_over_elkaar(over) == ["pagina 1: 'rij 40' en 'rij 41' op (65.0, 12.5)"]


WOORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _woorden(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every word's box per page (points from the top left) as pdftotext (poppler-utils) finds them."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WOORD.findall(pagina)]
        for pagina in html.split("<page ")[1:]
    ]


def _figuurvlakken(pdf: Path) -> list[list[tuple[float, float, float, float]]]:
    """Per page the areas (points from the top left) of the form XObjects drawn on it: the charts. Their labels
    are placed by Vega, and rotated axis labels overlap as boxes without touching as letters."""
    uit = []
    for pagina in PdfReader(pdf).pages:
        hoogte = float(pagina.mediabox.height)
        xobjecten = pagina["/Resources"].get("/XObject", {})
        vlakken: list[tuple[float, float, float, float]] = []
        diepte = [0]

        def voor(operator, operanden, cm, _tm, xobjecten=xobjecten, vlakken=vlakken, diepte=diepte, hoogte=hoogte):
            if operator != b"Do":
                return
            if diepte[0] == 0 and operanden[0] in xobjecten:
                x0, y0, x1, y1 = (float(v) for v in xobjecten[operanden[0]].get_object()["/BBox"])
                hoeken = [
                    (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]) for x in (x0, x1) for y in (y0, y1)
                ]
                xs, ys = [h[0] for h in hoeken], [hoogte - h[1] for h in hoeken]
                vlakken.append((min(xs), min(ys), max(xs), max(ys)))
            diepte[0] += 1

        def na(operator, *_, diepte=diepte):
            if operator == b"Do":
                diepte[0] -= 1

        pagina.extract_text(visitor_operand_before=voor, visitor_operand_after=na)
        uit.append(vlakken)
    return uit


def fouten_overlap(woorden, vlakken_per_pagina) -> list[str]:
    """Two words on one line whose boxes overlap by more than half a point: text printed over text (a cell's
    figure wider than its column runs into the next one). Words inside a chart are left out."""
    fouten = []
    for nummer, (ws, vlakken) in enumerate(zip(woorden, vlakken_per_pagina, strict=True), start=1):
        tekst = [
            w
            for w in ws
            if not any(
                a - 2 <= (w[0] + w[2]) / 2 <= c + 2 and b - 2 <= (w[1] + w[3]) / 2 <= d + 2 for a, b, c, d in vlakken
            )
        ]
        for i, a in enumerate(tekst):
            for b in tekst[i + 1 :]:
                zelfde_regel = min(a[3], b[3]) - max(a[1], b[1]) > 0.5 * min(a[3] - a[1], b[3] - b[1])
                if zelfde_regel and min(a[2], b[2]) - max(a[0], b[0]) > 0.5:
                    fouten.append(f"pagina {nummer}: {a[4]!r} en {b[4]!r} over elkaar")
    return fouten


def test_the_word_box_check_finds_a_figure_running_into_the_next_column(tmp_path):
    """On a real PDF: a table whose middle column is too narrow for a word that cannot break."""
    bron = tmp_path / "tabel.typ"
    bron.write_text(
        "#set page(width: 10cm, height: 5cm)\n#table(columns: (2cm, 2cm, 2cm), align: right, "
        "[Triage], [Onderzoekbinnen], [x], [1.652.442], [100%], [y])\n",
        encoding="utf-8",
    )
    typst.compile(str(bron), output=str(tmp_path / "tabel.pdf"))
    pdf = tmp_path / "tabel.pdf"
    assert fouten_overlap(_woorden(pdf), _figuurvlakken(pdf)) == ["pagina 1: 'Triage' en 'Onderzoekbinnen' over elkaar"]


@pytest.mark.render
def test_no_text_below_the_footer_or_over_other_text(rendered):
    p = load_params(paths.DEFAULT_PARAMS)
    paginas = _paginas(rendered / "impactanalyse.pdf")
    voettekst = f"{p.titel} · {p.peilmoment}"
    assert sum(_voet_y(s, voettekst) is not None for s in paginas) == len(paginas) - 1  # every page but the title
    assert fouten_onder_voet(paginas, voettekst) == []
    assert fouten_over_elkaar(paginas) == []
    for naam in ("impactanalyse.pdf", "samenvatting.pdf"):
        assert fouten_overlap(_woorden(rendered / naam), _figuurvlakken(rendered / naam)) == [], naam


@pytest.mark.render
def test_a_period_name_in_a_table_stays_on_one_line(rendered):
    """Tabel 3 and 4 list every period in their first column; a column too narrow breaks "Begroting 2025
    voorstel DB" over three lines (Typst sizes columns without widths to their headers). Read as pdftotext
    lays the page out, each period starts a row of figures twice: once in each table."""
    perioden = [r["periode"] for r in json.loads((rendered / "results.json").read_text(encoding="utf-8"))["perioden"]]
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(rendered / "impactanalyse.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for periode in perioden:
        rijen = re.findall(rf"^\s*{re.escape(periode)}\s+[−\-]?\d", tekst, flags=re.M)
        assert len(rijen) >= 2, periode


@pytest.mark.render
def test_an_interval_in_a_table_is_never_broken_after_its_dash(rendered):
    """'58,46 (58,41–58,52)' in a narrow column breaks at its space: the interval moves to the next line whole,
    never '(58,41–' over '58,52)' (Tabel 15, whose four interval columns share the line with the scenarios). The
    text itself is untouched: no invisible joiner reaches a reader who copies a figure."""
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(rendered / "impactanalyse.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    intervallen = re.findall(r"\(\d[\d.,]*%?–\d[\d.,]*%?\)", tekst)
    assert len(intervallen) >= 20, intervallen  # the tables of the queue chapter and of the summary
    assert not re.search(r"\(\d[\d.,]*%?–\s*$", tekst, flags=re.M), re.findall(r".*\(\d[\d.,]*%?–\s*$", tekst, re.M)
    assert "\u2060–" not in tekst and "–\u2060" not in tekst
