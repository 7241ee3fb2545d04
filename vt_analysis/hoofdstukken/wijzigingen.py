"""Chapter 09, Wijzigingen ten opzichte van de vorige BURAP: changed inputs and key figures before and after.

The previous run (params ``vorige_run``) is loaded and computed here with the same data folder; see
:mod:`vt_analysis.wijzigingen` for why params plus data rather than an archived results file.
"""

from __future__ import annotations

from IPython.display import Markdown

from .. import formatting as fmt
from .. import wijzigingen as w
from ..params import RunParams
from ..resultaten import Resultaten, bereken_resultaten
from ..run import Run, load_run
from ..tables import Tabel, tabel
from ..velden import Bron, bron_van
from .namen import kengetal_naam


def vorige(p: RunParams, data_dir: str | None = None) -> tuple[Run, Bron] | None:
    """The previous run and its figures, or None when the params name none."""
    if not p.vorige_run:
        return None
    huidig = load_run(p.model_dump(mode="json"), data_dir)
    vorig = w.load_vorige_run(huidig)
    # Only the rekentool's key figures of the previous run are compared: its queue model is not computed.
    return vorig, Bron(vorig, bereken_resultaten(vorig, wachtrijmodel=False).naar_dict())


def kop(vorig: tuple[Run, Bron] | None) -> Markdown | None:
    if vorig is None:
        return None
    run, _ = vorig
    return Markdown(
        f"# Wijzigingen ten opzichte van {run.params.peilmoment}\n\n"
        f"Dit hoofdstuk zet de invoer en de kerncijfers naast die van de vorige analyse ({run.params.peilmoment}, "
        f"{fmt.datum(run.params.documentdatum)}). Beide zijn met dezelfde rekenregels uit de gegevens berekend."
    )


def _getal(eenheid: str, waarde: float, teken: bool = False) -> str:
    if eenheid == "euro":
        return ("+" if teken and waarde > 0 else "") + fmt.euro(waarde)
    if eenheid == "fte":
        return fmt.fte(waarde, teken=teken)
    return fmt.getal(waarde, 0, teken=teken)


def _of_streep(eenheid: str, waarde) -> str:
    return "–" if waarde is None or waarde != waarde else _getal(eenheid, waarde)


def kerncijfers_tabel(r: Resultaten, p: RunParams, vorig: tuple[Run, Bron] | None) -> Tabel | None:
    if vorig is None:
        return None
    df = w.kerncijfers(vorig[1], bron_van(r, p))
    df["vorige_t"] = [_getal(e, v) for e, v in zip(df["eenheid"], df["vorige"], strict=True)]
    df["huidige_t"] = [_getal(e, v) for e, v in zip(df["eenheid"], df["huidige"], strict=True)]
    df["verschil_t"] = [_getal(e, v, teken=True) for e, v in zip(df["eenheid"], df["verschil"], strict=True)]
    return tabel(
        df[["omschrijving", "vorige_t", "huidige_t", "verschil_t"]],
        f"Kerncijfers: {vorig[0].params.peilmoment} en {p.peilmoment} (tekort: benodigd min beschikbaar)",
        {"vorige_t": str, "huidige_t": str, "verschil_t": str},
        {
            "omschrijving": "Kerncijfer",
            "vorige_t": vorig[0].params.peilmoment,
            "huidige_t": p.peilmoment,
            "verschil_t": "Verschil",
        },
    )


def volumes_tabel(r: Resultaten, p: RunParams, vorig: tuple[Run, Bron] | None) -> Tabel | None:
    if vorig is None:
        return None
    huidig = bron_van(r, p).run
    df = w.gewijzigde_volumes(vorig[0], huidig)
    fte_rij = df["invoer"].str.contains("fte")
    for k in ("vorige", "huidige", "verschil"):
        df[k] = [
            (fmt.fte(v, teken=k == "verschil") if f else fmt.getal(v, 0, teken=k == "verschil"))
            for v, f in zip(df[k], fte_rij, strict=True)
        ]
    return tabel(
        df,
        f"Gegevens bij het peilmoment: {vorig[0].params.peilmoment} en {p.peilmoment}",
        {"vorige": str, "huidige": str, "verschil": str},
        {"invoer": "Gegeven", "vorige": vorig[0].params.peilmoment, "huidige": p.peilmoment, "verschil": "Verschil"},
    )


def uitgangspunten_tekst(r: Resultaten, p: RunParams, vorig: tuple[Run, Bron] | None) -> Markdown | None:
    """Changed assumptions (params) and kengetallen, as a list; or that none changed."""
    if vorig is None:
        return None
    huidig = bron_van(r, p).run
    params = w.gewijzigde_params(vorig[0], huidig)
    kg = w.gewijzigde_kengetallen(vorig[0], huidig)
    regels = [f"- {rij.invoer}: van {rij.vorige} naar {rij.huidige}" for rij in params.itertuples()]
    regels += [
        f"- {kengetal_naam(rij.kengetal)}: van {_of_streep(rij.eenheid, rij.vorige)} naar "
        f"{_of_streep(rij.eenheid, rij.huidige)}"
        for rij in kg.itertuples()
    ]
    if not regels:
        return Markdown("De uitgangspunten en kengetallen zijn niet gewijzigd.")
    tekst = "Gewijzigde uitgangspunten:\n\n" + "\n".join(regels)
    if kg.empty:
        tekst += "\n\nDe kengetallen zijn niet gewijzigd."
    return Markdown(tekst)
