"""The tornado's variant values (model/wachttijden/gevoeligheid.py, chapter Wettelijke termijnen): each a number with
its kind and its own decimals in results.json, written by the one formatter; and a queue's tornado shows only the
assumptions that can move that queue."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from vt_analysis.basis import formatting as fmt
from vt_analysis.hoofdstukken.grafiekteksten import gegevens_tabel
from vt_analysis.hoofdstukken.wachttijden import gevoeligheid_figuur, gevoeligheid_tekst
from vt_analysis.hoofdstukken.wachttijden_aannames import variant_waarde
from vt_analysis.model.wachttijden import gevoeligheid as g

# The data's own unit of each assumption (data/wachttijden.yaml) and the kind the tornado gives its variants.
_SOORT = {"%": "pct", "verhouding": "verhouding", "uur per werkdag": "uren"}


def _exact(tekst: str) -> Decimal:
    """A number as the formatter wrote it, read back exactly ('−0,25' -> -0.25)."""
    return Decimal(tekst.replace(".", "").replace(",", ".").replace(fmt.MINUS, "-"))


@given(
    st.integers(-(10**6), 10**6),
    st.integers(0, 4),
    st.sampled_from([1 - g.FACTOR, 1 + g.FACTOR]),
)
def test_decimalen_geven_de_exacte_variant(mantisse, data_decimalen, factor):
    """A data value with some decimals, times the tornado's factor: written with :func:`decimalen` decimals it is
    exactly the decimal product (never a binary rest, never a trailing zero it does not have), and it needs at most
    one decimal more than the data value."""
    basis = mantisse / 10**data_decimalen
    n = g.decimalen(basis, factor)
    exact = Decimal(repr(basis)) * Decimal(repr(factor))
    assert n <= data_decimalen + 1
    assert _exact(fmt.getal(basis * factor, n)) == exact
    assert n == 0 or _exact(fmt.getal(basis * factor, n - 1)) != exact


def test_varianten_zijn_getallen_met_hun_soort(standaard_run):
    """Each variant of the shipped data: the stated value times the factor as a number (not text), the kind of
    its unit in the data, and the decimals the product has; the holiday dip and the calibration target as their
    factor and points; the other start state has no number."""
    a = standaard_run.data.wachttijden
    per = {(v.aanname, v.richting): v for v in g.varianten(standaard_run.data)}
    assert {v.eenheid for v in per.values()} == set(g.EENHEDEN.values())
    for (aanname, richting), v in per.items():
        factor = {"laag": 1 - g.FACTOR, "hoog": 1 + g.FACTOR}[richting]
        if aanname in ("vakantiedip", "gemeten_termijnen", "beginstand"):
            continue
        stated = getattr(a, aanname)
        assert v.waarde == stated.waarde * factor
        assert v.eenheid == _SOORT[stated.eenheid]
        assert v.decimalen == g.decimalen(stated.waarde, factor)
    assert [per["vakantiedip", r].waarde for r in ("laag", "hoog")] == [1 - g.FACTOR, 1 + g.FACTOR]
    assert [per["gemeten_termijnen", r].waarde for r in ("laag", "hoog")] == [-g.DOEL_PP, g.DOEL_PP]
    assert per["beginstand", "laag"].waarde is None


def test_results_json_geeft_waarde_eenheid_en_decimalen(standaard_resultaten):
    """results.json ``kalibratie.gevoeligheid``: the columns of :data:`GEVOELIGHEID_KOLOMMEN`; a value is a
    number or null (the stated assumptions' row and the other start state), never text."""
    rijen = standaard_resultaten.naar_dict()["kalibratie"]["gevoeligheid"]
    for rij in rijen:
        assert list(rij) == list(g.GEVOELIGHEID_KOLOMMEN)
        assert isinstance(rij["decimalen"], int)
        if rij["aanname"] in ("basis", "beginstand"):
            assert rij["waarde"] is None
        else:
            assert isinstance(rij["waarde"], float)
        assert rij["eenheid"] == g.EENHEDEN.get(rij["aanname"])


def test_elke_soort_in_het_nederlands(standaard_run, standaard_resultaten):
    """Each kind written by the one formatter with its own decimals: the acute share as a percentage without
    decimals (the data state it whole), the spread with two, the hours whole, the dip as a factor, the target's
    points signed with a real minus sign, the start state by its date."""
    jaar = standaard_resultaten.kalibratie["basisjaar"]
    a = standaard_run.data.wachttijden
    tekst = {
        (v.aanname, v.richting): variant_waarde(v.waarde, v.eenheid, v.decimalen, jaar)
        for v in g.varianten(standaard_run.data)
    }
    laag, hoog = 1 - g.FACTOR, 1 + g.FACTOR
    assert tekst["acuut_triage_pct", "laag"] == f"{fmt.getal(a.acuut_triage_pct.waarde * laag)}%"
    for naam in ("variatiecoefficient_werk_triage", "variatiecoefficient_werk_onderzoek"):
        assert _exact(tekst[naam, "laag"]) == Decimal(repr(getattr(a, naam).waarde)) * Decimal(repr(laag))
        assert "," in tekst[naam, "hoog"]
    assert tekst["uren_per_werkdag_triage", "hoog"] == fmt.aantal(a.uren_per_werkdag_triage.waarde * hoog)
    assert tekst["vakantiedip", "laag"] == f"× {fmt.getal(laag, 1)}"
    assert tekst["gemeten_termijnen", "laag"] == f"{fmt.MINUS}{fmt.aantal(g.DOEL_PP)} pp"
    assert tekst["gemeten_termijnen", "hoog"] == f"+{fmt.aantal(g.DOEL_PP)} pp"
    assert tekst["beginstand", "laag"] == f"leeg op 1 januari {jaar}"
    for t in tekst.values():  # Dutch: no decimal point, no ASCII minus, no exponent
        assert not re.search(r"\d\.\d|-|\de", t), t


def _tabel(r) -> pd.DataFrame:
    return pd.DataFrame(r.kalibratie["gevoeligheid"])


def test_tornado_per_wachtrij_zonder_aannames_van_de_andere(standaard_resultaten):
    """A queue's tornado lists only the assumptions that can move it: one whose every variant leaves this queue's
    indicator at the stated assumptions' figure with no noise (the other queue's own assumption, as the
    results show) has no row, in the chart nor in its text alternative."""
    t = _tabel(standaard_resultaten)
    basis = t[t["aanname"] == "basis"].iloc[0]
    for q in ("triage", "onderzoek"):
        varianten = t[t["aanname"] != "basis"]
        stil = {
            a
            for a, rijen in varianten.groupby("aanname")
            if (rijen[f"{q}_pct"] == basis[f"{q}_pct"]).all() and (rijen[f"{q}_ruis_pp"] == 0).all()
        }
        assert stil, f"the shipped run has assumptions of the other queue only beside {q}"
        f = gevoeligheid_figuur(standaard_resultaten, q)
        staven = next(laag for laag in f.spec["layer"] if "tooltip" in laag["encoding"])
        labels = {w["invoer"] for w in f.spec["datasets"][staven["data"]["name"]]}
        assert len(labels) == varianten["aanname"].nunique() - len(stil)
        assert not any(label.startswith(g.AANNAMEN[a] + " (") for label in labels for a in stil)
        koppen, rijen = gegevens_tabel(f.spec)
        # one row per variant that touches the queue: the start state has one (no invented 'higher' of 0)
        assert len(rijen) == (~varianten["aanname"].isin(stil)).sum()
        assert not any(g.AANNAMEN[a] in f.spec["usermeta"]["alt_gegevens"] for a in stil)
    # the text above the two charts says why their rows differ
    assert "alleen de aannames die op die wachtrij werken" in str(gevoeligheid_tekst(standaard_resultaten).data)
    triage = set(g.bars_met_ruis(t, "triage")["aanname"])
    onderzoek = set(g.bars_met_ruis(t, "onderzoek")["aanname"])
    assert "acuut_triage_pct" in triage - onderzoek
    assert "uren_per_werkdag_onderzoek" in onderzoek - triage


def test_cache_van_de_tornado_leest_geen_oudere_indeling(standaard_run, monkeypatch):
    """The tornado's cache entry is named by its columns too: an entry of the layout before ``eenheid`` and
    ``decimalen`` (the value as text) is another name, so it is computed again, never read as this layout."""
    namen = []

    def haal(naam, bouw):
        namen.append(naam)
        return json.dumps({k: [] for k in g.GEVOELIGHEID_KOLOMMEN}).encode("utf-8")

    monkeypatch.setattr(g.privecache, "haal", haal)
    p = standaard_run.params
    invoer = ("scenario", pd.DataFrame()), pd.DataFrame()  # the same scenario and volumes both times
    g.gevoeligheid_met_cache(standaard_run.data, p.wachttijden, p.peilmoment, p.normset, *invoer)
    oud = tuple(k for k in g.GEVOELIGHEID_KOLOMMEN if k not in ("eenheid", "decimalen"))
    monkeypatch.setattr(g, "GEVOELIGHEID_KOLOMMEN", oud)
    g.gevoeligheid_met_cache(standaard_run.data, p.wachttijden, p.peilmoment, p.normset, *invoer)
    assert len(namen) == 2 and namen[0] != namen[1]
