"""The one-page summary for the board (``samenvatting.pdf``): the AB agenda asks for one page with the key
figures and the besluitpunten, not thirty.

Built from the same results and text blocks as the report: the blocks ``samenvatting`` and
``besluitpunten`` of the run's text set, the shortage and formation per prognosis (``tekorten`` of
results.json) and the scenarios with their cost and legal-term indicators (the summary chapter's table).
Markdown → pandoc → Typst → PDF/UA-1, like the report; a test holds it to one A4 page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pypandoc

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.basis import paths
from vt_analysis.bouw import typst_pdf
from vt_analysis.hoofdstukken.samenvatting import scenario_tabel
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.tekst.blokken import render_blok
from vt_analysis.tekst.velden import leidende_prognose

SAMENVATTING_NAAM = "samenvatting.pdf"
VARIANT_NAAM = {"begroting": "Begroting (AB-besluit)", "winstwaarschuwing": "Winstwaarschuwing", "trend": "Trend"}


def tekort_tabel(r: Resultaten, leidend: str) -> Tabel:
    """Shortage and formation per prognosis and year, the leading prognosis first (results.json ``tekorten``)."""
    t = r.tekorten.copy()
    t["volgorde"] = (t["variant"] != leidend).astype(int)
    t = t.sort_values(["volgorde", "variant", "jaar"], kind="stable")
    df = pd.DataFrame(
        {
            "prognose": [VARIANT_NAAM.get(v, fmt.zin(v)) for v in t["variant"]],
            "jaar": t["jaar"].astype(int).astype(str),
            "meldingen": t["meldingen"],
            "fte_benodigd": t["fte_benodigd"],
            "fte_beschikbaar": t["fte_beschikbaar"],
            "tekort_fte": t["tekort_fte"],
            "tekort_euro": t["tekort_euro"],
        }
    )
    return tabel(
        df,
        "Tekort en formatie per prognose en jaar (tekort = benodigd min beschikbaar)",
        {
            "meldingen": kf.AANTAL,
            "fte_benodigd": kf.FTE,
            "fte_beschikbaar": kf.FTE,
            "tekort_fte": kf.FTE,
            "tekort_euro": kf.EURO,
        },
        {
            "prognose": "Prognose",
            "jaar": "Jaar",
            "meldingen": "Meldingen",
            "fte_benodigd": "Benodigd (fte)",
            "fte_beschikbaar": "Beschikbaar (fte)",
            "tekort_fte": "Tekort (fte)",
            "tekort_euro": "Tekort (euro)",
        },
    )


def samenvatting_markdown(r: Resultaten, p: RunParams, run) -> str:
    """The page's Markdown: the summary block, the shortage table, the scenarios, the besluitpunten."""
    return "\n\n".join(
        [
            render_blok("samenvatting", r, p),
            tekort_tabel(r, leidende_prognose(run)).markdown(),
            scenario_tabel(r, p).markdown(),
            "# Advies en besluitpunten",
            render_blok("besluitpunten", r, p),
        ]
    )


def schrijf_samenvatting(markdown: str, variabelen: list[str], doel: Path, werkmap: Path, datum) -> list[str]:
    """Markdown → Typst (pandoc, the one-page template) → PDF/UA-1; returns Typst's warnings."""
    werkmap.mkdir(parents=True, exist_ok=True)
    bron = werkmap / "samenvatting.typ"
    bron.write_text(
        pypandoc.convert_text(
            markdown,
            to="typst",
            format="markdown",
            extra_args=[
                "--standalone",
                "--columns=1000",
                "--lua-filter",
                str(paths.TEMPLATE_DIR / "alleen-eigen-opmaak.lua"),
                "--lua-filter",
                str(paths.TEMPLATE_DIR / "kolombreedtes.lua"),
                "--template",
                str(paths.TEMPLATE_DIR / "samenvatting.typ"),
                *variabelen,
            ],
            sandbox=False,
        ),
        encoding="utf-8",
    )
    moment = datetime.combine(datum, datetime.min.time(), tzinfo=UTC)
    return typst_pdf.compileer(bron, doel, werkmap, moment)
