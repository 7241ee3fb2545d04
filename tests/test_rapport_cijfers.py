"""The rendered HTML shows the figures of results.json: the summary and Bijlage 2 (Tabel 2), cell by cell.

The chapters read the run's results.json; these tests read the HTML a reviewer reads and compare it
with that file, so a figure computed anywhere else would show up as a difference.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths

PARAMS = paths.DEFAULT_PARAMS

pytestmark = pytest.mark.render

# A number as the report writes it: optional sign, thousands with '.', decimals with ','.
GETAL = re.compile(r"[−+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?|[−+-]?\d+(?:,\d+)?")


class _Html(HTMLParser):
    """The text of every section by id, and every table as caption plus rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.secties: dict[str, list[str]] = {}
        self.open_secties: list[str] = []
        self.tabellen: list[dict] = []
        self._cel: list[str] | None = None
        self._in_caption = False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.open_secties.append(a.get("id", ""))
            self.secties.setdefault(a.get("id", ""), [])
        elif tag == "table":
            self.tabellen.append({"caption": "", "rijen": []})
        elif tag == "caption" and self.tabellen:
            self._in_caption = True
        elif tag == "tr" and self.tabellen:
            self.tabellen[-1]["rijen"].append([])
        elif tag in ("td", "th"):
            self._cel = []
        elif tag in ("script", "style"):
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "section" and self.open_secties:
            self.open_secties.pop()
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cel is not None:
            self.tabellen[-1]["rijen"][-1].append("".join(self._cel).replace("\xa0", " ").strip())
            self._cel = None
        elif tag in ("script", "style"):
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            return
        if self._cel is not None:
            self._cel.append(data)
        if self._in_caption:
            self.tabellen[-1]["caption"] += data
        for sectie in self.open_secties:
            self.secties[sectie].append(data)


@pytest.fixture(scope="module")
def html(rendered) -> _Html:
    parser = _Html()
    parser.feed((rendered / "impactanalyse.html").read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def results(rendered) -> dict:
    return json.loads((rendered / "results.json").read_text(encoding="utf-8"))


def _getallen(waarde) -> list[float]:
    """Every number in a JSON value (recursively)."""
    if isinstance(waarde, dict):
        return [g for v in waarde.values() for g in _getallen(v)]
    if isinstance(waarde, list):
        return [g for v in waarde for g in _getallen(v)]
    if isinstance(waarde, int | float) and not isinstance(waarde, bool):
        return [float(waarde)]
    return []


def _schrijfwijzen(getallen: list[float]) -> set[str]:
    """Every way the report's formatter writes these numbers (fte, counts, euro, percentages, signs)."""
    uit = set()
    for g in getallen:
        for tekst in (
            fmt.fte(g),
            fmt.fte(abs(g)),
            fmt.fte(g, teken=True),
            fmt.aantal(g),
            fmt.aantal(abs(g)),
            fmt.euro(g),
            fmt.procent(g),
            fmt.procent(-g),  # a fall written as a negative percentage (B: −73% of the other meldingen)
            fmt.procent(g, 1),
            fmt.bedrag(g),  # an amount in prose: 'ruim € 1,9 mln'
        ):
            uit.update(GETAL.findall(tekst))
    return uit


def test_every_figure_of_the_summary_is_in_results_json(html, results, rendered):
    """Every number of the summary is a figure of results.json, or a veld of the text blocks computed from it
    (a difference or a sum of results.json figures); the leading shortage and the AB-besluit are there."""
    from vt_analysis.invoer.params import load_params
    from vt_analysis.model.resultaten import Resultaten
    from vt_analysis.tekst.velden import bron_van, velden

    tekst = " ".join(html.secties["samenvatting"])
    # Names that contain digits are not figures: the periods of volumes.csv, the legal terms, the years.
    for periode in sorted((r["periode"] for r in results["perioden"]), key=len, reverse=True):
        tekst = tekst.replace(periode, " ")
    tekst = re.sub(r"\b(5 werkdagen|10 weken|vijf werkdagen|tien weken)\b", " ", tekst)
    tekst = re.sub(r"\b(19|20)\d\d\b", " ", tekst)  # years
    gevonden = GETAL.findall(tekst)
    r = Resultaten.laad(rendered / "results.json")
    p = load_params(PARAMS)
    afgeleid = [v.waarde for v in velden(bron_van(r, p)).values() if isinstance(v.waarde, int | float)]
    toegestaan = _schrijfwijzen(_getallen(results) + [float(a) for a in afgeleid])
    assert len(gevonden) >= 10, gevonden  # the summary states its figures
    assert [g for g in gevonden if g not in toegestaan] == []
    normset = results["normset"]
    niets_doen = {x["jaar"]: x for x in results["scenarios"] if x["naam"] == "Winstwaarschuwing, niets doen"}
    besluit = {x["jaar"]: x for x in results["scenarios"] if x["naam"] == "AB-besluit, niets doen"}
    kosten = results["kengetallen"]["kosten_per_fte_euro"]["waarde"]
    for jaar in niets_doen:
        assert fmt.fte(-niets_doen[jaar]["gap"]) in tekst, jaar  # 14,07 and 18,57 (leading: winstwaarschuwing)
        assert fmt.bedrag(-niets_doen[jaar]["gap"] * kosten) in tekst, jaar  # in prose: 'ruim € 1,9 mln'
        assert fmt.fte(-besluit[jaar]["gap"]) in tekst, jaar  # the AB-besluit beside it
    assert normset == "regionaal"


def test_bijlage_2_table_equals_results_json_cell_by_cell(html, results):
    perioden = [r["periode"] for r in results["perioden"]]
    kandidaten = [
        t
        for t in html.tabellen
        if t["caption"]
        and [rij[0] for rij in t["rijen"][1:]] == perioden
        and any(k.startswith("Benodigd") for k in t["rijen"][0])
    ]
    assert len(kandidaten) == 1, [t["caption"] for t in kandidaten]
    tabel = kandidaten[0]
    assert re.match(r"Tabel \d+: ", tabel["caption"])
    koppen, *rijen = tabel["rijen"]
    kolom = {"Beschikbaar structureel": "fte_structureel", "Beschikbaar incl. incidenteel": "fte_beschikbaar"}
    normsets = [results["normset"], results["normset_vergelijking"]]
    kolom |= {f"Benodigd {n}": f"fte_{n}" for n in normsets} | {f"Tekort {n}": f"tekort_{n}" for n in normsets}
    assert set(koppen[1:]) == set(kolom), koppen
    for rij, record in zip(rijen, results["perioden"], strict=True):
        for kop, cel in zip(koppen[1:], rij[1:], strict=True):
            sleutel = kolom[kop]
            verwacht = fmt.fte(record[sleutel])
            assert cel == verwacht, (record["periode"], kop)
