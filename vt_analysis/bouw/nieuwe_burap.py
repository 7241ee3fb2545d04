"""A new BURAP in one command: the params file of the next run, its text set, and what data/ still lacks.

``vt-analysis nieuwe-burap --van PARAMS --naam RUN [--peilmoment PERIODE]`` copies the params file of the
previous run line by line (its comments stay), sets ``run_naam``, ``peilmoment`` (also where the old
peilmoment was the base period) and ``documentdatum`` (today), points ``vorige_run`` at the previous
params file and copies the previous run's text set to ``report/tekst/<RUN>/`` for the programmateam to
edit. It then lists every period and kengetal of a year the new run needs that ``data/`` does not have
yet (every figure that ages is keyed by year), and the figures that age it takes over unchanged from the
previous run (to confirm); the command exits 2 until the first list is empty and the new run validates.
Running it again keeps the params file already written and checks again.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.bouw.verify import tekstset_map
from vt_analysis.invoer.beginstand import ontbrekende_beginstand
from vt_analysis.invoer.data import Dataset, load_dataset
from vt_analysis.invoer.params import (
    RunParams,
    jaren_voor_run,
    load_params,
    ontbrekende_kengetallen,
    perioden_van_run,
    validate_params,
)
from vt_analysis.invoer.run import load_run
from vt_analysis.model.wijzigingen import load_vorige_uitgave
from vt_analysis.tekst import blokken as tekst

# The params key that names the previous run's params file (the "what changed since the last BURAP" section).
VORIGE_RUN_SLEUTEL = "vorige_run"


@dataclass
class NieuweBurap:
    params_bestand: Path
    geschreven: bool  # False: the file was already there and is only checked
    tekstset: Path
    ontbreekt: list[str] = field(default_factory=list)
    # figures that age, taken over unchanged from the previous run's year: the user confirms them
    overgenomen: list[str] = field(default_factory=list)


# --- the params file, edited as text so the comments stay -------------------------------------------


def _regel_waarde(regel: str, sleutel: str) -> tuple[str, str, str] | None:
    """(indent + key + ': ', value text, trailing comment) of a ``key: value  # comment`` line."""
    m = re.match(rf"^(\s*{re.escape(sleutel)}:\s*)(.*?)(\s+#.*)?$", regel)
    if not m or not m.group(2):
        return None
    return m.group(1), m.group(2), m.group(3) or ""


def _yaml_scalar(waarde: object) -> str:
    return yaml.safe_dump(waarde, default_flow_style=True, allow_unicode=True).strip().removesuffix("...").strip()


def zet_sleutels(tekst: str, nieuw: dict[str, object], vervang_periode: tuple[str, str] | None) -> str:
    """Set top-level keys (added at the top when missing) and replace a period in every ``*periode`` key."""
    regels = tekst.splitlines()
    gezet = set()
    for i, regel in enumerate(regels):
        for sleutel, waarde in nieuw.items():
            if regel.startswith(f"{sleutel}:"):
                delen = _regel_waarde(regel, sleutel)
                commentaar = delen[2] if delen else ""
                regels[i] = f"{sleutel}: {_yaml_scalar(waarde)}{commentaar}"
                gezet.add(sleutel)
        if vervang_periode:
            m = re.match(r"^\s*(\w*periode):", regel)
            delen = _regel_waarde(regel, m.group(1)) if m else None
            if delen and m.group(1) != "peilmoment":
                try:
                    huidig = yaml.safe_load(delen[1])
                except yaml.YAMLError:
                    huidig = None
                if huidig == vervang_periode[0]:
                    regels[i] = f"{delen[0]}{_yaml_scalar(vervang_periode[1])}{delen[2]}"
    ontbrekend = [f"{k}: {_yaml_scalar(v)}" for k, v in nieuw.items() if k not in gezet]
    if ontbrekend:  # after the last key that was set (e.g. documentdatum), else before the first key
        gezette_regels = [i for i, r in enumerate(regels) if any(r.startswith(f"{k}:") for k in gezet)]
        eerste = next((i for i, r in enumerate(regels) if r and not r.startswith("#")), len(regels))
        plek = gezette_regels[-1] + 1 if gezette_regels else eerste
        regels[plek:plek] = ontbrekend
    return "\n".join(regels) + "\n"


# --- what the data must still get ----------------------------------------------------------------------


def ontbrekende_data(params: RunParams, dataset: Dataset) -> list[str]:
    """Every period and kengetal of a year the run needs that the data lack, one Dutch line each.

    Periods: every period key of :func:`params.perioden_van_run`. Kengetallen: every (kengetal, jaar) of
    :func:`params.benodigde_kengetallen` (the prognosis years' formation, verzuim, the winstwaarschuwing,
    and every figure that ages: the begroting's agreements, the police shares of the last closed year).
    """
    volumes = paths.display_path(dataset.directory / paths.VOLUMES_FILE)
    kengetallen = paths.display_path(dataset.directory / paths.KENGETALLEN_FILE)
    perioden = set(dataset.volumes["periode"])
    ontbrekend: dict[str, list[str]] = {}
    for sleutel, waarde in perioden_van_run(params).items():
        if waarde not in perioden:
            ontbrekend.setdefault(waarde, []).append(sleutel)
    regels = [
        f"{volumes}: periode {waarde!r} ({', '.join(sleutels)}) ontbreekt: voeg een rij toe met jaar, status, "
        "de zes tellingen, de formatie en de bron"
        for waarde, sleutels in ontbrekend.items()
    ]
    regels += [
        f"{kengetallen}: kengetal {naam} heeft geen {jaar} ({reden}): "
        f"voeg '{jaar}: {{waarde: …, eenheid: …, bron: …}}' toe"
        for naam, jaar, reden in ontbrekende_kengetallen(params, dataset)
    ]
    regels += ontbrekende_beginstand(params.peilmoment, dataset)  # the queue model's start state
    return regels


def overgenomen_kengetallen(vorig: RunParams, nieuw: RunParams, dataset: Dataset) -> list[str]:
    """The figures that age which the new run takes from the same year as the previous one: to confirm.

    A begroting's agreements stay those of its year until the run names another begroting; the line
    asks the programmateam to check that they still hold (or to correct them, with a new ``bron``).
    """
    kengetallen = paths.display_path(dataset.directory / paths.KENGETALLEN_FILE)
    oud = jaren_voor_run(vorig, dataset)
    bestand = dataset.kengetallen_bestand or dataset.kengetallen
    regels = []
    for naam, jaar in jaren_voor_run(nieuw, dataset).items():
        per_jaar = getattr(bestand, naam)
        if oud.get(naam) == jaar and jaar in per_jaar:
            kg = per_jaar[jaar]
            regels.append(f"{kengetallen}: {naam} {jaar}: {fmt.getal(kg.waarde, 2).removesuffix(',00')} {kg.eenheid}")
    return regels


# --- the command -------------------------------------------------------------------------------------------


def nieuwe_burap(
    van: Path,
    naam: str,
    peilmoment: str | None = None,
    data_map: Path | None = None,
    vandaag: date | None = None,
) -> NieuweBurap:
    """Write the next run's params file (and text set) and list what the data still lack."""
    van = Path(van)
    data_map = Path(data_map) if data_map is not None else paths.DATA_DIR
    oud = load_params(van)
    doel = van.parent / f"{naam}.yaml"
    if doel.resolve() == van.resolve():
        raise InvoerFout(van, "--naam", f"{naam!r} is de naam van de vorige run, verwacht een nieuwe naam")

    nieuw: dict[str, object] = {"run_naam": naam}
    if peilmoment is not None:
        nieuw["peilmoment"] = peilmoment
    nieuw["documentdatum"] = vandaag or date.today()
    nieuw[VORIGE_RUN_SLEUTEL] = van.name  # resolved beside the new file: both live in the same folder
    if oud.vorige_uitgave is not None:  # the edition before the previous one: the default is the previous run's folder
        nieuw["vorige_uitgave"] = None
    # The text set to edit: a copy of the previous run's set under the new run's name.
    tekst_bron = tekstset_map(oud)
    tekst_doel = tekst.TEKST_DIR / naam
    if oud.tekstset is not None:
        nieuw["tekstset"] = naam

    inhoud = zet_sleutels(
        van.read_text(encoding="utf-8"),
        nieuw,
        (oud.peilmoment, peilmoment) if peilmoment and peilmoment != oud.peilmoment else None,
    )
    params = validate_params(yaml.safe_load(inhoud), doel)  # --naam or --peilmoment of the wrong form: exit 2

    geschreven = not doel.exists()
    if geschreven:
        if not tekst_doel.exists():
            if not tekst_bron.is_dir():
                raise InvoerFout(
                    van, "sleutel tekstset", f"tekstset {paths.display_path(tekst_bron)} bestaat niet, verwacht een map"
                )
            shutil.copytree(tekst_bron, tekst_doel)
        tmp = doel.with_name(f".{doel.name}.tmp")
        tmp.write_text(inhoud, encoding="utf-8")
        tmp.replace(doel)
    else:
        params = load_params(doel)  # keep what is there (perhaps edited by hand) and check that

    dataset = load_dataset(data_map)
    ontbreekt = ontbrekende_data(params, dataset)
    try:
        overgenomen = overgenomen_kengetallen(oud, params, dataset)
    except InvoerFout:
        overgenomen = []  # the previous run no longer validates against this data: nothing to compare
    if not ontbreekt:
        try:
            run = load_run(doel, data_map)  # what `vt-analysis validate` checks
            tekst.controleer_tekstset(run)
            load_vorige_uitgave(run)
        except InvoerFout as fout:
            ontbreekt.append(str(fout))
    return NieuweBurap(doel, geschreven, tekst_doel, ontbreekt, overgenomen)
