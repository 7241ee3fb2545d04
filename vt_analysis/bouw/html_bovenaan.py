"""The top of the HTML report: the board's key figures first, and a rekentool the reader can move.

A board member opens the page and reads the shortage before anything else, as on the one-page summary
(:mod:`vt_analysis.bouw.bestuursvoorstel`, whose table this is). Under it the rekentool
(:mod:`vt_analysis.hoofdstukken.reken_zelf`): without JavaScript a table with the report's figures; with it, a
button opens a Vega-Lite view whose number fields (Vega-Lite parameters bound to inputs; Vega runs only then, like
the interactive charts) change meldingen, adviezen and available fte, and whose text computes required fte, shortage
and cost with the same norms and mix. Both come from the run's results only.
"""

from __future__ import annotations

import html
import re

import pypandoc

from vt_analysis.basis import formatting as fmt
from vt_analysis.bouw.bestuursvoorstel import tekort_tabel
from vt_analysis.bouw.convert import _json_in_script
from vt_analysis.hoofdstukken.grafiekthema import LETTERTYPE
from vt_analysis.hoofdstukken.reken_zelf import RekenZelf, reken_zelf
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.tekst.velden import leidende_prognose, prognose_naam

ID = "reken-zelf"
KNOP = "Zelf rekenen met andere aantallen"
# The reader's inputs: (parameter, label, default from RekenZelf).
INVOER = (
    ("meldingen", "Meldingen per jaar"),
    ("adviezen", "Adviezen per jaar"),
    ("fte_beschikbaar", "Beschikbare formatie (fte)"),
)
UITKOMSTEN = ("Benodigde formatie", "Tekort (benodigd min beschikbaar)", "Kosten van het tekort per jaar")


def _uitkomst_teksten(rz: RekenZelf) -> dict[str, str]:
    """The report's figures at the defaults, as the page writes them (fmt, like every table)."""
    return {
        UITKOMSTEN[0]: fmt.fte(rz.fte_benodigd, eenheid=True),
        UITKOMSTEN[1]: fmt.fte(rz.tekort_fte, eenheid=True),
        UITKOMSTEN[2]: fmt.euro(rz.tekort_euro),
    }


def reken_zelf_spec(rz: RekenZelf) -> dict:
    """Vega-Lite: three number fields (parameters bound to inputs) and the outcome as text, computed by Vega
    expressions from the coefficients of :class:`RekenZelf` (Bijlage 1 norm hours, the prognosis' mix)."""
    waarden = {"meldingen": rz.meldingen, "adviezen": rz.adviezen, "fte_beschikbaar": rz.fte_beschikbaar}
    formules = [
        {
            "calculate": "(toNumber(meldingen) * datum.uren_per_melding + toNumber(adviezen) * datum.uren_per_advies)"
            " / datum.uren_per_fte",
            "as": "benodigd",
        },
        {"calculate": "datum.benodigd - toNumber(fte_beschikbaar)", "as": "tekort"},
        {"calculate": "datum.tekort * datum.kosten_per_fte_euro", "as": "kosten"},
        {"calculate": "format(datum.benodigd, ',.2f') + '\u00a0fte'", "as": UITKOMSTEN[0]},
        {"calculate": "format(datum.tekort, ',.2f') + '\u00a0fte'", "as": UITKOMSTEN[1]},
        {"calculate": "format(datum.kosten, '$,.0f')", "as": UITKOMSTEN[2]},
        {"fold": list(UITKOMSTEN), "as": ["uitkomst", "waarde"]},
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"Rekentool: benodigde formatie, tekort en kosten bij de ingevulde aantallen ({rz.jaar}).",
        "params": [
            {"name": naam, "value": waarden[naam], "bind": {"input": "number", "name": label + " "}}
            for naam, label in INVOER
        ],
        "data": {
            "values": [
                {
                    "uren_per_melding": rz.uren_per_melding,
                    "uren_per_advies": rz.uren_per_advies,
                    "uren_per_fte": rz.uren_per_fte,
                    "kosten_per_fte_euro": rz.kosten_per_fte_euro,
                }
            ]
        },
        "transform": formules,
        "width": 180,
        "height": {"step": 30},
        "mark": {"type": "text", "align": "left", "fontSize": 15, "fontWeight": "bold"},
        "encoding": {
            "y": {
                "field": "uitkomst",
                "type": "nominal",
                "sort": list(UITKOMSTEN),
                "title": None,
                "axis": {"domain": False, "ticks": False, "labelFontSize": 13, "labelLimit": 260, "labelPadding": 12},
            },
            "x": {"value": 0},
            "text": {"field": "waarde", "type": "nominal"},
        },
        "config": {"font": LETTERTYPE, "view": {"stroke": None}, "background": "white"},
    }


def reken_zelf_html(rz: RekenZelf, prognose_naam: str) -> str:
    """The rekentool section: the report's figures as a table (no script needed), the interactive view on request."""
    invoer = {
        "meldingen": fmt.aantal(rz.meldingen),
        "adviezen": fmt.aantal(rz.adviezen),
        "fte_beschikbaar": fmt.fte(rz.fte_beschikbaar, eenheid=True),
    }
    rijen = [(label, invoer[naam]) for naam, label in INVOER] + list(_uitkomst_teksten(rz).items())
    body = "".join(
        f'<tr><th scope="row">{html.escape(k)}</th><td class="getal">{html.escape(w)}</td></tr>' for k, w in rijen
    )
    return (
        f'<section class="reken-zelf" id="{ID}" aria-labelledby="{ID}-kop">\n'
        f'<h2 id="{ID}-kop">Reken zelf</h2>\n'
        f"<p>De rekentool vertaalt aantallen in formatie: de normuren per product, gedeeld door de productieve uren "
        f"per fte. De tabel geeft de cijfers van {html.escape(prognose_naam)} voor {rz.jaar}. Met de knop eronder "
        f"vult u zelf andere aantallen in; de overige producten bewegen mee met de meldingen, in dezelfde verhouding "
        f"als in de prognose.</p>\n"
        f'<p class="tabeltitel" id="{ID}-titel">Rekentool bij de cijfers van het rapport ({rz.jaar})</p>\n'
        f'<div class="tabel-rol" role="region" tabindex="0" aria-labelledby="{ID}-titel">'
        f'<table class="reken-zelf-tabel" aria-labelledby="{ID}-titel"><tbody>{body}</tbody></table></div>\n'
        f'<figure class="figuur reken-zelf-figuur">'
        # aria-live: a screen reader hears the new outcome after a number is changed (WCAG 4.1.3)
        f'<div class="vega-figuur reken-zelf-view" id="vis-{ID}" data-knop="{KNOP}" data-csv="nee" '
        'aria-live="polite"></div>\n'
        f'<script type="application/json" class="vega-spec" data-doel="vis-{ID}">'
        f"{_json_in_script(reken_zelf_spec(rz))}</script></figure>\n"
        "</section>\n"
    )


def kerncijfers_html(tekorten_markdown: str) -> str:
    """The key figures: the one-page summary's shortage table (pandoc, as every table), with links onward."""
    tabel = pypandoc.convert_text(tekorten_markdown, to="html5", format="markdown", extra_args=["--columns=1000"])
    # Titled by a paragraph, not a <caption>: the report's tables (numbered, listed, one sheet each in the workbook)
    # are the ones with a caption; this one repeats the summary's.
    titel = re.search(r"<caption>(.*?)</caption>", tabel, re.S)
    tabel = tabel.replace(titel[0], "", 1).replace("<table>", '<table aria-labelledby="kerncijfers-titel">', 1)
    return (
        '<section class="kerncijfers" id="kerncijfers" aria-labelledby="kerncijfers-kop">\n'
        '<h2 id="kerncijfers-kop">Kerncijfers voor het bestuur</h2>\n'
        f'<p class="tabeltitel" id="kerncijfers-titel">{titel[1].strip()}</p>\n'
        '<div class="tabel-rol" role="region" tabindex="0" aria-labelledby="kerncijfers-titel">'
        f"{tabel.strip()}</div>\n"
        '<p class="verder">Lees verder: <a href="#samenvatting">samenvatting</a> · '
        '<a href="#conclusie-en-besluitpunten">conclusie en besluitpunten</a> · '
        f'<a href="#{ID}">reken zelf</a></p>\n'
        "</section>\n"
    )


def html_bovenaan(run, r: Resultaten) -> str:
    """Key figures and rekentool of the run's leading prognosis, for the template's place under the title block."""
    leidend = leidende_prognose(run)
    rz = reken_zelf(r, leidend)
    return kerncijfers_html(tekort_tabel(r, leidend).markdown()) + reken_zelf_html(rz, prognose_naam(run, leidend))
