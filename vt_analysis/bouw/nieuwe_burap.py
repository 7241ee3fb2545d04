"""A new BURAP in one command: the params file of the next run, its text set, and what data/ still lacks.

``vt-analysis nieuwe-burap --van PARAMS --naam RUN [--peilmoment PERIODE]`` copies the params file of the
previous run, edited round trip with ruamel.yaml (its comments, order and quotes stay), sets ``run_naam``,
``peilmoment`` (also where the old peilmoment was the base period) and ``documentdatum`` (today), points
``vorige_run`` at the previous params file and copies the previous run's text set to ``report/tekst/<RUN>/``
(another region's beside its own, ``tekstset_map``) for the programmateam to edit. It then lists every period
and kengetal of a year the new run needs that ``data/`` does not have yet (every figure that ages is keyed by
year), and the figures that age it takes over unchanged from the previous run (to confirm); the command
exits 2 until the first list is empty and the new run validates. Running it again keeps the params file
already written and checks again.
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.bouw.verify import tekstset_map
from vt_analysis.invoer.beginstand import ontbrekende_beginstand
from vt_analysis.invoer.data import Dataset, load_dataset
from vt_analysis.invoer.kengetaljaren import jaren_voor_run, ontbrekende_kengetallen
from vt_analysis.invoer.mappen import data_map_van
from vt_analysis.invoer.params import (
    RunParams,
    load_params,
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


# --- the params file, edited round trip so the comments stay ---------------------------------------


def rondgang() -> YAML:
    """ruamel.yaml's round trip: comments, key order, quotes and flow style stay as the user wrote them."""
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never fold a long line the user wrote on one
    y.indent(mapping=2, sequence=4, offset=2)  # the layout of the shipped params files
    return y


def _vervang_perioden(knoop: object, oud: str, nieuw: str) -> None:
    """Every ``*periode`` key (at any depth) that names ``oud`` gets ``nieuw``: the old peilmoment as base period."""
    if isinstance(knoop, dict):
        for sleutel, waarde in knoop.items():
            if str(sleutel).endswith("periode") and waarde == oud:
                knoop[sleutel] = nieuw
            else:
                _vervang_perioden(waarde, oud, nieuw)
    elif isinstance(knoop, list):
        for item in knoop:
            _vervang_perioden(item, oud, nieuw)


def zet_sleutels(tekst: str, nieuw: dict[str, object], vervang_periode: tuple[str, str] | None) -> str:
    """Set top-level keys (a missing one after the last key set, else first) and replace a period in every
    ``*periode`` key; the rest of the file, comments included, stays as it was."""
    y = rondgang()
    inhoud = y.load(tekst)
    gezet = [sleutel for sleutel in nieuw if sleutel in inhoud]
    for sleutel in gezet:
        inhoud[sleutel] = nieuw[sleutel]
    plek = max((list(inhoud).index(s) + 1 for s in gezet), default=0)
    for sleutel in (s for s in nieuw if s not in gezet):
        inhoud.insert(plek, sleutel, nieuw[sleutel])
        plek += 1
    if vervang_periode:
        _vervang_perioden(inhoud, *vervang_periode)
    uit = io.StringIO()
    y.dump(inhoud, uit)
    return uit.getvalue()


# --- what the data must still get ----------------------------------------------------------------------


def ontbrekende_data(params: RunParams, dataset: Dataset) -> list[str]:
    """Every period and kengetal of a year the run needs that the data lack, one Dutch line each.

    Periods: every period key of :func:`params.perioden_van_run`. Kengetallen: every (kengetal, jaar) of
    :func:`kengetaljaren.benodigde_kengetallen` (the prognosis years' formation, verzuim, the winstwaarschuwing,
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
    oud = load_params(van)
    data_map = Path(data_map) if data_map is not None else data_map_van(oud)
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
    if oud.tekstset_map is not None:  # another region's set: the copy beside it, named relative to the params
        tekst_doel = tekst_bron.parent / naam
        nieuw["tekstset_map"] = os.path.relpath(tekst_doel, doel.parent.resolve())

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
