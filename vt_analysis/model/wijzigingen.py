"""What changed since the previous BURAP: the figures as published against the figures of this run.

A run names its predecessor with the params key ``vorige_run`` (the params file of that run). The
comparison is with what the board received: the previous edition's own files (``results.json``,
``velden.json`` and ``manifest.json``), from its output folder ``report/output/<run>/`` or from an
archived copy named with ``vorige_uitgave`` (e.g. ``report/uitgaven/burap1-2024``). Nothing of the
previous run is computed again, so a correction to past data since then shows as a change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.invoer import schemapad
from vt_analysis.invoer.data import TELLING_NAMEN, TELLINGEN
from vt_analysis.invoer.params import RunParams, load_params
from vt_analysis.invoer.periode import periode_rij
from vt_analysis.invoer.run import Run
from vt_analysis.invoer.watals import kengetal_waarden

# The files of a published edition the comparison reads.
UITGAVE_BESTANDEN = ("velden.json", "results.json", "manifest.json")

# Administrative keys: they always differ between runs and say nothing about the figures.
NIET_VERGELEKEN = {
    *("run_naam", "documentdatum", "vorige_run", "vorige_uitgave", "versie", "status", "tekstset", "titel"),
    *("tekstset_map", "data_map"),  # where the files are, not what they say
}

# The key figures compared before and after (names of velden.py; a name missing on one side is skipped).
KERNCIJFERS = {
    "peil_meldingen": "Meldingen bij het peilmoment",
    "peil_adviezen": "Adviezen bij het peilmoment",
    "peil_fte_benodigd": "Benodigde formatie bij het peilmoment",
    "peil_tekort_fte": "Tekort bij het peilmoment",
    "besluit_fte_beschikbaar": "Beschikbare formatie volgens het formatiebesluit",
    "besluit_tekort_fte": "Tekort op de volumes van het formatiebesluit",
}
KERNCIJFERS_PER_JAAR = {
    "meldingen_{jaar}": "Meldingen {jaar} (leidende prognose)",
    "fte_benodigd_{jaar}": "Benodigde formatie {jaar} (leidende prognose)",
    "tekort_{jaar}_fte": "Tekort {jaar} (leidende prognose)",
    "tekort_{jaar}_euro": "Tekort {jaar} in euro per jaar",
}

TELLING_LABELS = {**TELLING_NAMEN, "fte_beschikbaar": "Beschikbare formatie (fte)"}


def vorige_params_pad(run: Run) -> Path | None:
    """The params file of the previous run: next to the run's own params file, else in report/params/."""
    vorige = run.params.vorige_run
    if not vorige:
        return None
    kandidaten = [run.params_bestand.parent / vorige] if run.params_bestand else []
    kandidaten.append(paths.PARAMS_DIR / vorige)
    pad = next((k.resolve() for k in kandidaten if k.is_file()), None)
    if pad is None:
        raise InvoerFout(
            run.params_bestand or "params",
            "sleutel vorige_run",
            f"{vorige!r} is geen bestand naast het parameterbestand, verwacht een params-bestand van de vorige BURAP",
        )
    return pad


@dataclass(frozen=True)
class VorigeUitgave:
    """The previous edition as published: its velden, its periods and kengetallen, its params and manifest."""

    map: Path
    velden: dict[str, dict]
    perioden: list[dict]
    kengetallen: dict
    params: dict
    manifest: dict

    @property
    def peilmoment(self) -> str:
        return str(self.params["peilmoment"])

    @property
    def documentdatum(self) -> date:
        return date.fromisoformat(str(self.params["documentdatum"]))


def vorige_uitgave_map(run: Run) -> Path | None:
    """Where the previous edition is: ``vorige_uitgave`` (from the repository's root, or absolute), else the
    output folder of the run ``vorige_run`` names (``report/output/<run_naam>``)."""
    pad = vorige_params_pad(run)
    if pad is None:
        return None
    if run.params.vorige_uitgave:
        gegeven = Path(run.params.vorige_uitgave)
        return gegeven if gegeven.is_absolute() else paths.ROOT / gegeven
    return paths.OUTPUT_DIR / load_params(pad).run_naam


def uitgave_bestanden(run: Run) -> list[Path]:
    """The files of the previous edition the changes chapter reads (for the chapter cache's key)."""
    map_ = vorige_uitgave_map(run)
    return [map_ / naam for naam in UITGAVE_BESTANDEN] if map_ is not None else []


def load_vorige_uitgave(run: Run) -> VorigeUitgave | None:
    """The previous edition's files; bad input (exit 2) when the run names a previous run without them."""
    map_ = vorige_uitgave_map(run)
    if map_ is None:
        return None
    bron = run.params_bestand or "params"
    sleutel = "sleutel vorige_uitgave" if run.params.vorige_uitgave else "sleutel vorige_run"
    inhoud = {}
    for naam in UITGAVE_BESTANDEN:
        try:
            inhoud[naam] = json.loads((map_ / naam).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InvoerFout(
                bron,
                sleutel,
                f"de vorige uitgave {paths.display_path(map_)} heeft geen {naam}: render eerst de vorige run, "
                "of noem met vorige_uitgave de map met een gearchiveerde kopie (results.json, velden.json, "
                "manifest.json)",
            ) from None
        except (OSError, ValueError) as exc:
            raise InvoerFout(map_ / naam, "", f"is niet te lezen als JSON ({type(exc).__name__})") from None
    resultaten, manifest = inhoud["results.json"], inhoud["manifest.json"]
    params = manifest.get("params")
    if not isinstance(params, dict):  # an edition of a version that did not keep its params: take the file's
        params = load_params(vorige_params_pad(run)).model_dump(mode="json")
    return VorigeUitgave(
        map=map_,
        velden=inhoud["velden.json"],
        perioden=list(resultaten.get("perioden", [])),
        kengetallen=dict(resultaten.get("kengetallen", {})),
        params=params,
        manifest=manifest,
    )


def _plat(d: dict, prefix: str = "") -> dict[str, object]:
    """Params as ``section.key`` → value; a list of named items (the scenarios) as its names plus
    ``list[naam].key`` per item, so a changed scenario shows as a change of that scenario."""
    uit: dict[str, object] = {}
    for k, v in d.items():
        sleutel = f"{prefix}{k}"
        if isinstance(v, dict):
            uit |= _plat(v, sleutel + ".")
        elif isinstance(v, list) and v and all(isinstance(x, dict) and "naam" in x for x in v):
            uit[sleutel] = "; ".join(x["naam"] for x in v)  # a name may hold a comma ("AB-besluit, niets doen")
            for x in v:
                uit |= _plat({n: w for n, w in x.items() if n != "naam"}, f"{sleutel}[{x['naam']}].")
        else:
            uit[sleutel] = v
    return uit


def _label(sleutel: str) -> str:
    """The params field's own title; an item of a named list is prefixed with its name."""
    if "[" not in sleutel:
        return schemapad.titel(RunParams, sleutel)
    lijst, _, rest = sleutel.partition("[")
    naam, _, veld = rest.partition("].")
    return f"Scenario {naam}: {schemapad.titel(RunParams, f'{lijst}.{veld}')}"


def _tekst(waarde: object) -> str:
    if isinstance(waarde, list):
        return ", ".join(_tekst(w) for w in waarde) or "–"
    if waarde is None:
        return "–"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)


def gewijzigde_params(vorige: dict, huidige: dict) -> pd.DataFrame:
    """Params that differ (besides the administrative ones): label, vorige, huidige (as text)."""
    a, b = _plat(vorige), _plat(huidige)
    rijen = []
    for sleutel in dict.fromkeys([*a, *b]):
        if sleutel.split(".")[0] in NIET_VERGELEKEN or ("[" in sleutel and (sleutel in a) != (sleutel in b)):
            continue  # a scenario in one edition only: the list of scenarios says so, not each of its settings
        if a.get(sleutel) != b.get(sleutel):
            rijen.append(
                {"invoer": _label(sleutel), "vorige": _tekst(a.get(sleutel)), "huidige": _tekst(b.get(sleutel))}
            )
    return pd.DataFrame(rijen, columns=["invoer", "vorige", "huidige"])


def _telling(rij: dict, k: str) -> float:
    return float(rij["fte_beschikbaar"] if k == "fte_beschikbaar" else rij[k])


def gewijzigde_volumes(vorige: VorigeUitgave, perioden: pd.DataFrame, peilmoment: str) -> pd.DataFrame:
    """The counts of the previous peilmoment as published against the current one: vorige, huidige, verschil."""
    va = periode_rij(vorige.perioden, vorige.peilmoment)
    vb = periode_rij(perioden, peilmoment)
    rijen = []
    for k in (*TELLINGEN, "fte_beschikbaar"):
        x, y = _telling(va, k), _telling(vb, k)
        rijen.append({"invoer": TELLING_LABELS[k], "vorige": x, "huidige": y, "verschil": y - x})
    return pd.DataFrame(rijen)


def gecorrigeerde_perioden(vorige: VorigeUitgave, perioden: pd.DataFrame) -> pd.DataFrame:
    """Counts of a period in both editions that differ: a correction of the data since the previous edition."""
    rijen = []
    for oud in vorige.perioden:
        try:
            rij = periode_rij(perioden, oud["periode"])
        except KeyError:
            continue  # a period the data no longer hold is no correction
        for k in (*TELLINGEN, "fte_beschikbaar"):
            if k in oud and _telling(oud, k) != _telling(rij, k):
                eenheid = "fte" if k == "fte_beschikbaar" else "aantal"
                rijen.append(
                    {"periode": oud["periode"], "gegeven": TELLING_LABELS[k], "eenheid": eenheid}
                    | {"vorige": _telling(oud, k), "huidige": _telling(rij, k)}
                )
    return pd.DataFrame(rijen, columns=["periode", "gegeven", "eenheid", "vorige", "huidige"])


def gewijzigde_kengetallen(vorige: dict, huidige: dict) -> pd.DataFrame:
    """Kengetallen (two results' ``kengetallen``) whose value differs or that exist on one side only."""
    a, b = kengetal_waarden(vorige), kengetal_waarden(huidige)
    rijen = []
    for naam in dict.fromkeys([*a, *b]):
        x, y = a.get(naam), b.get(naam)
        if (x and x[0]) != (y and y[0]) or (x is None) != (y is None):
            eenheid, bron = (y or x)[1:]
            rijen.append(
                {
                    "kengetal": naam,
                    "vorige": x[0] if x else None,
                    "huidige": y[0] if y else None,
                    "eenheid": eenheid,
                    "bron": bron,
                }
            )
    return pd.DataFrame(rijen, columns=["kengetal", "vorige", "huidige", "eenheid", "bron"])


def kerncijfers(vorige: dict[str, dict], huidige: dict) -> pd.DataFrame:
    """The key figures before (published velden) and after (this run's velden), with the difference.

    Columns: naam, omschrijving, eenheid, vorige, huidige, verschil; a name missing on one side is skipped.
    """
    jaren = sorted({int(n.split("_")[1]) for n in huidige if n.startswith("tekort_") and n.endswith("_fte")})
    gevraagd = dict(KERNCIJFERS)
    for j in jaren:
        gevraagd |= {n.format(jaar=j): label.format(jaar=j) for n, label in KERNCIJFERS_PER_JAAR.items()}
    gekozen = [n for n in gevraagd if n in vorige and n in huidige]
    rijen = []
    for n in gekozen:
        x, y = vorige[n]["waarde"], huidige[n].waarde
        rijen.append(
            {
                "naam": n,
                "omschrijving": gevraagd[n],
                "eenheid": huidige[n].eenheid,
                "vorige": x,
                "huidige": y,
                "verschil": y - x,
            }
        )
    return pd.DataFrame(rijen, columns=["naam", "omschrijving", "eenheid", "vorige", "huidige", "verschil"])
