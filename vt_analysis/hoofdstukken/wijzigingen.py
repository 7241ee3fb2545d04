"""Chapter 09, Wijzigingen ten opzichte van de vorige BURAP: changed inputs and key figures before and after.

The previous edition is read as it was published (its results.json, velden.json and manifest.json); nothing
is computed here. See :mod:`vt_analysis.model.wijzigingen`.
"""

from __future__ import annotations

from dataclasses import replace

from IPython.display import Markdown

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import kolomformaat as kf
from vt_analysis.hoofdstukken.namen import kengetal_naam
from vt_analysis.hoofdstukken.tables import Tabel, tabel
from vt_analysis.invoer.params import RunParams
from vt_analysis.invoer.run import load_run
from vt_analysis.model import wijzigingen as w
from vt_analysis.model.resultaten import Resultaten
from vt_analysis.tekst.markup import markdown_tekst
from vt_analysis.tekst.velden import bron_van, velden


def vorige(p: RunParams, data_dir: str | None = None) -> w.VorigeUitgave | None:
    """The previous edition as published, or None when the params name no previous run."""
    if not p.vorige_run:
        return None
    return w.load_vorige_uitgave(load_run(p.model_dump(mode="json"), data_dir))


def kop(vorig: w.VorigeUitgave | None) -> Markdown | None:
    if vorig is None:
        return None
    return Markdown(
        f"# Wijzigingen ten opzichte van {vorig.peilmoment}\n\n"
        f"Dit hoofdstuk zet de invoer en de kerncijfers naast die van de vorige analyse ({vorig.peilmoment}, "
        f"{fmt.datum(vorig.documentdatum)}), zoals die is uitgebracht. Wat sindsdien in de gegevens is "
        "gecorrigeerd, staat hier dus ook als wijziging."
    )


def _formaat(eenheid: str, teken: bool = False) -> kf.Formaat:
    """How a key figure or kengetal of this unit looks; ``teken`` for a difference (+1,69)."""
    if eenheid == "euro":
        return kf.Formaat("euro", teken=teken)
    if eenheid == "fte":
        return kf.Formaat("fte", 2, teken=teken)
    if eenheid == "%":
        return kf.procent(1, teken=teken, heel_zonder=True)
    return kf.getal(2, teken=teken, heel_zonder=True)


def _cellen(eenheden, waarden, teken: bool = False) -> list[kf.Cel]:
    return [kf.Cel(w, _formaat(e, teken)) for e, w in zip(eenheden, waarden, strict=True)]


def _verschil_getoond(f: kf.Formaat, vorige: float, huidige: float) -> float:
    """The difference of the two values as printed (each rounded first): a reader who subtracts the printed
    figures finds the printed difference (€ 1.463.732 − € 1.033.067 = € 430.665, not the € 430.666 of the
    exact values)."""
    d = max(f.voor(vorige).decimalen, f.voor(huidige).decimalen)
    return float(fmt.afronden(huidige, d) - fmt.afronden(vorige, d))


def _of_streep(eenheid: str, waarde) -> str:
    return _formaat(eenheid).tekst(waarde)


def _van_naar(wat: str, rij) -> str:
    """One list line of a change: what changed, from the previous edition's value to this one's."""
    return f"- {wat}: van {_of_streep(rij.eenheid, rij.vorige)} naar {_of_streep(rij.eenheid, rij.huidige)}"


def _instelling(waarde) -> str:
    """A params value in a 'van ... naar ...' line. A list of names (the model joins them with '; ', as a name may
    hold a comma) reads as an enumeration of italic names, as the report writes scenario names elsewhere: 'van
    Voorstel DB, niets doen; A; B naar ...' left the reader to guess where one list ends and 'naar' begins."""
    tekst = str(waarde)
    if "; " not in tekst:
        return tekst
    return fmt.opsomming([f"*{markdown_tekst(naam)}*" for naam in tekst.split("; ")])


def kerncijfers_tabel(r: Resultaten, p: RunParams, vorig: w.VorigeUitgave | None) -> Tabel | None:
    if vorig is None:
        return None
    df = w.kerncijfers(vorig.velden, velden(bron_van(r, p), list(w.KERNCIJFERS) + _per_jaar(r)))
    df["vorige_t"] = _cellen(df["eenheid"], df["vorige"])
    df["huidige_t"] = _cellen(df["eenheid"], df["huidige"])
    df["verschil_t"] = [
        kf.Cel(_verschil_getoond(_formaat(e), x, y), _formaat(e, teken=True))
        for e, x, y in zip(df["eenheid"], df["vorige"], df["huidige"], strict=True)
    ]
    return tabel(
        df[["omschrijving", "vorige_t", "huidige_t", "verschil_t"]],
        f"Kerncijfers: {vorig.peilmoment} (zoals uitgebracht) en {p.peilmoment} (tekort: benodigd min beschikbaar)",
        dict.fromkeys(["vorige_t", "huidige_t", "verschil_t"], kf.GETALLEN),
        {
            "omschrijving": "Kerncijfer",
            "vorige_t": vorig.peilmoment,
            "huidige_t": p.peilmoment,
            "verschil_t": "Verschil",
        },
    )


def _per_jaar(r: Resultaten) -> list[str]:
    jaren = sorted({int(j) for j in r.prognose["jaar"]})
    return [n.format(jaar=j) for j in jaren for n in w.KERNCIJFERS_PER_JAAR]


def volumes_tabel(r: Resultaten, p: RunParams, vorig: w.VorigeUitgave | None) -> Tabel | None:
    if vorig is None:
        return None
    df = w.gewijzigde_volumes(vorig, r.perioden, p.peilmoment)
    formaten = [kf.Formaat("fte", 2) if f else kf.Formaat("getal") for f in df["invoer"].str.contains("fte")]
    df["verschil"] = [_verschil_getoond(f, x, y) for f, x, y in zip(formaten, df["vorige"], df["huidige"], strict=True)]
    for k in ("vorige", "huidige", "verschil"):
        df[k] = [kf.Cel(v, replace(f, teken=k == "verschil")) for v, f in zip(df[k], formaten, strict=True)]
    return tabel(
        df,
        f"Gegevens bij het peilmoment: {vorig.peilmoment} en {p.peilmoment}",
        dict.fromkeys(["vorige", "huidige", "verschil"], kf.GETALLEN),
        {"invoer": "Gegeven", "vorige": vorig.peilmoment, "huidige": p.peilmoment, "verschil": "Verschil"},
    )


def uitgangspunten_tekst(r: Resultaten, p: RunParams, vorig: w.VorigeUitgave | None) -> Markdown | None:
    """Changed assumptions (params), kengetallen and corrected data, as lists; "niet gewijzigd" only for
    what did not change at all."""
    if vorig is None:
        return None
    params = w.gewijzigde_params(vorig.params, p.model_dump(mode="json"))
    kg = w.gewijzigde_kengetallen(vorig.kengetallen, r.kengetallen.model_dump(mode="json"))
    correcties = w.gecorrigeerde_perioden(vorig, r.perioden)
    delen = []
    if not params.empty:
        regels = [
            f"- {rij.invoer}: van {_instelling(rij.vorige)} naar {_instelling(rij.huidige)}"
            for rij in params.itertuples()
        ]
        delen.append("Gewijzigde uitgangspunten:\n\n" + "\n".join(regels))
    if not kg.empty:
        regels = [_van_naar(kengetal_naam(rij.kengetal), rij) for rij in kg.itertuples()]
        delen.append("Gewijzigde kengetallen (– : niet in die uitgave):\n\n" + "\n".join(regels))
    if not correcties.empty:
        regels = [_van_naar(f"{rij.periode}, {rij.gegeven.lower()}", rij) for rij in correcties.itertuples()]
        delen.append("Sinds de vorige uitgave gecorrigeerde gegevens:\n\n" + "\n".join(regels))
    ongewijzigd = [
        naam
        for naam, leeg in (
            ("de uitgangspunten", params.empty),
            ("de kengetallen", kg.empty),
            ("de gegevens van eerdere perioden", correcties.empty),
        )
        if leeg
    ]
    if ongewijzigd:
        opsomming = ", ".join(ongewijzigd[:-1]) + (" en " if len(ongewijzigd) > 1 else "") + ongewijzigd[-1]
        delen.append(f"{fmt.zin(opsomming)} zijn niet gewijzigd.")
    return Markdown("\n\n".join(delen))
