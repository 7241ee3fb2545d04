"""What changed since the previous BURAP: the inputs and the key figures of two runs side by side.

A run names its predecessor with the params key ``vorige_run``: the params file of that run (a path
relative to the run's own params file or to ``report/params/``, e.g. ``burap1-2024.yaml``). The
previous run is recomputed from its params with the same data folder. That is enough because
``volumes.csv`` keeps every BURAP as its own period, so the previous peilmoment's counts are still in
the data; a kengetal that was overwritten in ``kengetallen.yaml`` since then shows only if the
previous run is given its own data folder (:func:`load_vorige_run` takes one). Choosing params plus
data over an archived ``results.json`` keeps the comparison true when the rekentool itself is
corrected: both sides are computed by the same code.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .data import TELLINGEN, kengetallen_frame
from .errors import InvoerFout
from .hoofdstukken.namen import TELLING_NAMEN
from .run import Run, load_run
from .velden import Bron, bron_van, namen, velden

# Dutch labels for the params a new BURAP typically changes; other keys fall back to their description.
PARAMS_LABELS = {
    "peilmoment": "Peilmoment (laatste stand van de meldingen)",
    "besluit_periode": "Periode met het formatiebesluit",
    "leidende_prognose": "Leidende prognose",
    "normset": "Toegepaste normset",
    "normset_vergelijking": "Normset ter vergelijking",
    "prognose.jaren": "Prognosejaren",
    "prognose.begroting_periode": "Begroting in de prognose",
    "prognose.basis_periode": "Basisperiode van de prognose (verhoudingen)",
    "prognose.begroting_groei_pct_per_jaar": "Groei na het begrotingsjaar (begroting, % per jaar)",
    "prognose.winstwaarschuwing_groei_pct_per_jaar": "Groei na het begrotingsjaar (winstwaarschuwing, % per jaar)",
    "scenario_a.prognose_variant": "A: prognose waarop het tekort wordt aangevuld",
    "scenario_a.overbrugging_jaren": "A: jaren van de tussenperiode",
    "scenario_b.prognose_variant": "B: prognose waartegen de daling wordt gemeten",
    "scenario_b.vanaf_jaar": "B: eerste jaar waarin de daling werkt",
    "scenario_c.vanaf_jaar": "C: eerste jaar waarin de procesoptimalisatie werkt",
    "vergelijking.prognose_variant": "Standaardprognose van de scenario's",
}
# Administrative keys: they always differ between runs and say nothing about the figures.
NIET_VERGELEKEN = {"run_naam", "documentdatum", "vorige_run", "versie", "status", "tekstset", "titel"}

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


def load_vorige_run(run: Run, data_dir: Path | str | None = None) -> Run | None:
    """The previous run, validated like any run (same data folder unless another is given)."""
    pad = vorige_params_pad(run)
    if pad is None:
        return None
    return load_run(pad, data_dir if data_dir is not None else run.data.directory)


def _plat(d: dict, prefix: str = "") -> dict[str, object]:
    uit: dict[str, object] = {}
    for k, v in d.items():
        sleutel = f"{prefix}{k}"
        if isinstance(v, dict):
            uit |= _plat(v, sleutel + ".")
        else:
            uit[sleutel] = v
    return uit


def _label(sleutel: str) -> str:
    if sleutel in PARAMS_LABELS:
        return PARAMS_LABELS[sleutel]
    sectie, _, veld = sleutel.rpartition(".")
    return (f"{sectie.replace('_', ' ')}: " if sectie else "") + veld.replace("_", " ")


def _tekst(waarde: object) -> str:
    if isinstance(waarde, list):
        return ", ".join(_tekst(w) for w in waarde) or "–"
    if waarde is None:
        return "–"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)


def gewijzigde_params(vorig: Run, huidig: Run) -> pd.DataFrame:
    """Params that differ (besides the administrative ones): label, vorige, huidige (as text)."""
    a = _plat(vorig.params.model_dump(mode="json"))
    b = _plat(huidig.params.model_dump(mode="json"))
    rijen = []
    for sleutel in dict.fromkeys([*a, *b]):
        if sleutel.split(".")[0] in NIET_VERGELEKEN or sleutel.startswith("vergelijking.scenarios"):
            continue
        if a.get(sleutel) != b.get(sleutel):
            rijen.append(
                {"invoer": _label(sleutel), "vorige": _tekst(a.get(sleutel)), "huidige": _tekst(b.get(sleutel))}
            )
    return pd.DataFrame(rijen, columns=["invoer", "vorige", "huidige"])


def gewijzigde_volumes(vorig: Run, huidig: Run) -> pd.DataFrame:
    """The counts of the previous peilmoment against the current one: vorige, huidige, verschil."""
    va = vorig.data.volumes.set_index("periode").loc[vorig.params.peilmoment]
    vb = huidig.data.volumes.set_index("periode").loc[huidig.params.peilmoment]
    rijen = []
    for k in (*TELLINGEN, "fte_beschikbaar"):
        if k == "fte_beschikbaar":
            x, y = va["fte_structureel"] + va["fte_incidenteel"], vb["fte_structureel"] + vb["fte_incidenteel"]
        else:
            x, y = va[k], vb[k]
        rijen.append({"invoer": TELLING_LABELS[k], "vorige": float(x), "huidige": float(y), "verschil": float(y - x)})
    return pd.DataFrame(rijen)


def gewijzigde_kengetallen(vorig: Run, huidig: Run) -> pd.DataFrame:
    """Kengetallen whose value differs (or that exist on one side only): naam, vorige, huidige, eenheid."""
    a = kengetallen_frame(vorig.data.kengetallen).set_index("naam")
    b = kengetallen_frame(huidig.data.kengetallen).set_index("naam")
    rijen = []
    for naam in dict.fromkeys([*a.index, *b.index]):
        x = a["waarde"].get(naam)
        y = b["waarde"].get(naam)
        if x != y:
            bron = b if naam in b.index else a
            rijen.append(
                {
                    "kengetal": naam,
                    "vorige": x,
                    "huidige": y,
                    "eenheid": bron.loc[naam, "eenheid"],
                    "bron": bron.loc[naam, "bron"],
                }
            )
    return pd.DataFrame(rijen, columns=["kengetal", "vorige", "huidige", "eenheid", "bron"])


def kerncijfers(vorig: Run | Bron, huidig: Run | Bron) -> pd.DataFrame:
    """The key figures before and after, with the difference: naam, omschrijving, eenheid, vorige, huidige, verschil."""
    bv, bh = bron_van(vorig), bron_van(huidig)
    nv, nh = namen(bv.run), namen(bh.run)
    jaren = sorted({int(n.split("_")[1]) for n in nh if n.startswith("tekort_") and n.endswith("_fte")})
    gevraagd = dict(KERNCIJFERS)
    for j in jaren:
        gevraagd |= {n.format(jaar=j): label.format(jaar=j) for n, label in KERNCIJFERS_PER_JAAR.items()}
    gekozen = [n for n in gevraagd if n in nv and n in nh]
    vv, vh = velden(bv, gekozen), velden(bh, gekozen)
    rijen = [
        {
            "naam": n,
            "omschrijving": gevraagd[n],
            "eenheid": vh[n].eenheid,
            "vorige": vv[n].waarde,
            "huidige": vh[n].waarde,
            "verschil": vh[n].waarde - vv[n].waarde,
        }
        for n in gekozen
    ]
    return pd.DataFrame(rijen, columns=["naam", "omschrijving", "eenheid", "vorige", "huidige", "verschil"])
