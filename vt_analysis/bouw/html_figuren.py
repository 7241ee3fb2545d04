"""The one script that makes a chart of the HTML report interactive, with the chart's data to take away.

The page shows every chart as the static SVG of the PDF; a button this script puts under it loads Vega (the file
``vega.js`` beside the page, fetched only then) and embeds the interactive view in its place. Each interactive
chart gets vega-embed's menu with two exports made in the page itself (SVG, PNG: ``data:``
URLs from the Vega view, no network) and a third entry with the chart's data as CSV the way Dutch
Excel reads it: ``;`` between fields, a decimal comma, UTF-8 with a byte-order mark. The CSV comes
from the spec's inline data, so it holds exactly the numbers the chart draws; a text cell that a spreadsheet
would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) gets a leading apostrophe.
"""

from __future__ import annotations

import json

import vl_convert as vlc

from vt_analysis.bouw.verify import VEGA_BESTAND
from vt_analysis.hoofdstukken.charts import FORMAT_LOCALE

# vega-embed's menu in Dutch (its i18n option); only the exports, nothing that opens an external site.
ACTIES_NL = {
    "CLICK_TO_VIEW_ACTIONS": "Figuur of gegevens opslaan",
    "SVG_ACTION": "Figuur opslaan als SVG",
    "PNG_ACTION": "Figuur opslaan als PNG",
    "SOURCE_ACTION": "Specificatie bekijken",
    "COMPILED_ACTION": "Vega-specificatie bekijken",
    "EDITOR_ACTION": "Openen in de Vega-editor",
}
CSV_ACTIE = "Gegevens opslaan als CSV"
KNOP_LABEL = "Interactieve figuur N en gegevens"  # N: the figure's number
# Vega, Vega-Lite and vega-embed as one script beside the page (html_pagina writes it), loaded on request.
GEEN_VEGA = "De interactieve weergave vraagt het bestand N naast deze pagina; wat hierboven staat, is volledig."

_SCRIPT = """<script>
(function () {
  var opties = %(opties)s;
  var csvLabel = %(csv_label)s;
  var knopLabel = %(knop_label)s;
  var vegaBestand = %(vega_bestand)s;
  var geenVega = %(geen_vega)s;
  function cel(v) {
    if (v === null || v === undefined) return '';
    var t = typeof v === 'number' ? String(v).replace('.', ',') : String(v);
    // OWASP: a cell that starts with = + - @ tab or CR would be a formula in a spreadsheet: make it text
    if (typeof v !== 'number' && /^[=+\\-@\\t\\r]/.test(t)) t = "'" + t;
    return /[;"\\n\\r]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }
  function csv(rijen) {
    var kolommen = [];
    rijen.forEach(function (r) {
      Object.keys(r).forEach(function (k) { if (kolommen.indexOf(k) < 0) kolommen.push(k); });
    });
    var regels = [kolommen.map(cel).join(';')];
    rijen.forEach(function (r) { regels.push(kolommen.map(function (k) { return cel(r[k]); }).join(';')); });
    return '\\ufeff' + regels.join('\\r\\n') + '\\r\\n';
  }
  function gegevens(spec) {
    var sets = [];
    if (spec.datasets) Object.keys(spec.datasets).sort().forEach(function (k) { sets.push(spec.datasets[k]); });
    else if (spec.data && Array.isArray(spec.data.values)) sets.push(spec.data.values);
    return sets;
  }
  // Vega (0,9 MB) is a file beside the page, loaded only when a reader asks for an interactive chart: the page
  // itself needs no script and its phone downloads a quarter of the bytes. A page mailed without that file keeps
  // its static charts and says why the interactive view is not there.
  var vegaLaden = null;
  function laadVega() {
    if (window.vegaEmbed) return Promise.resolve();
    if (!vegaLaden) vegaLaden = new Promise(function (klaar, mis) {
      var s = document.createElement('script');
      s.src = vegaBestand;  // allowed by the CSP's 'strict-dynamic': this script, trusted by its hash, adds it
      s.onload = klaar;
      s.onerror = function () { vegaLaden = null; s.remove(); mis(new Error(vegaBestand)); };
      document.head.appendChild(s);
    });
    return vegaLaden;
  }
  function interactief(knop) {
    var doel = knop.dataset.doel, el = document.querySelector('script.vega-spec[data-doel="' + doel + '"]');
    var spec = JSON.parse(el.textContent), naam = 'figuur-' + doel.replace(/^vis-/, '');
    var houder = document.getElementById(doel);
    knop.hidden = true;
    return laadVega()
      .then(function () {
        return vegaEmbed('#' + doel, spec, Object.assign({}, opties, {downloadFileName: naam}));
      })
      .then(function (res) {
        houder.removeAttribute('role');  // the view carries its own description and a menu to reach
        houder.removeAttribute('aria-label');
        var menu = houder.querySelector('.vega-actions');
        var samenvatting = houder.querySelector('summary');
        if (samenvatting) samenvatting.setAttribute('aria-label', opties.i18n.CLICK_TO_VIEW_ACTIONS);
        var sets = houder.dataset.csv === 'nee' ? [] : gegevens(spec);
        sets.forEach(function (rijen, i) {
          var a = document.createElement('a');
          a.className = 'vt-csv';
          a.textContent = csvLabel + (sets.length > 1 ? ' (' + (i + 1) + ')' : '');
          a.download = naam + (sets.length > 1 ? '-' + (i + 1) : '') + '.csv';
          a.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(csv(rijen));
          menu.appendChild(a);
        });
      })
      .catch(function (e) {
        console.error('figuur ' + doel + ': ' + e);
        if (!e || e.message !== vegaBestand) return;
        knop.hidden = false;
        var uitleg = knop.parentNode.querySelector('.vt-geen-vega');
        if (!uitleg) {
          uitleg = document.createElement('p');
          uitleg.className = 'vt-geen-vega';
          uitleg.setAttribute('role', 'status');
          knop.parentNode.appendChild(uitleg);
        }
        uitleg.textContent = geenVega;
      });
  }
  window.vtInteractief = interactief;
  // The buttons exist only where script runs: without it the page shows the static chart and nothing to press.
  document.querySelectorAll('figure.figuur').forEach(function (figuur) {
    var houder = figuur.querySelector('.vega-figuur');
    var knop = document.createElement('button');
    knop.type = 'button';
    knop.className = 'vt-interactief';
    knop.dataset.doel = houder.id;
    knop.textContent = houder.dataset.knop || knopLabel.replace('N', houder.id.replace(/^vis-/, ''));
    knop.addEventListener('click', function () { interactief(knop); });
    figuur.appendChild(knop);
  });
})();
</script>
"""


def embed_script() -> str:
    """The script for the end of the page: SVG renderer, Dutch number format, export menu, CSV."""
    opties = {
        "actions": {"export": True, "source": False, "compiled": False, "editor": False},
        "ast": True,  # Vega's expression interpreter instead of eval: the page's CSP allows no 'unsafe-eval'
        "i18n": ACTIES_NL,
        "renderer": "svg",
        "formatLocale": vlc.get_format_locale(FORMAT_LOCALE),
        "timeFormatLocale": vlc.get_time_format_locale(FORMAT_LOCALE),
    }
    return _SCRIPT % {
        "opties": json.dumps(opties, ensure_ascii=False, sort_keys=True),
        "csv_label": json.dumps(CSV_ACTIE, ensure_ascii=False),
        "knop_label": json.dumps(KNOP_LABEL, ensure_ascii=False),
        "vega_bestand": json.dumps(VEGA_BESTAND),
        "geen_vega": json.dumps(GEEN_VEGA.replace("N", VEGA_BESTAND), ensure_ascii=False),
    }
