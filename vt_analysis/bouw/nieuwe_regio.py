"""A region from an empty template: ``vt-analysis nieuwe-burap --regio NAAM --naam RUN [--map MAP]``.

Another region is a data folder, a params file and a text set (README, "Een andere regio"). This writes all
three into MAP (default ``regio/<naam>/``): ``<RUN>.yaml`` with ``data_map: data`` and ``tekstset_map: tekst``,
every data file ``validate`` reads and every text block a chapter shows. Each key to fill is there, empty
(null, an empty text or list, a CSV with its header only) and described in a comment: the files are built from
the schemas ``validate`` checks them with, so the template asks exactly what validate demands, and validate
refuses it with one Dutch line naming the first empty key. The command lists every file and key to fill.
It never overwrites: when any of the files exists, it writes nothing (exit 2, one line).
"""

from __future__ import annotations

import io
import re
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.bouw.nieuwe_burap import rondgang
from vt_analysis.invoer.hoofdstuklijst import load_chapters
from vt_analysis.invoer.params import RunParams
from vt_analysis.invoer.schema_kengetallen import Kengetal, KengetallenBestand
from vt_analysis.invoer.schema_tellingen import ClaimRij, Norm, Normset, VolumeRij
from vt_analysis.invoer.schema_wachttijden import Wachtrijaannames
from vt_analysis.invoer.schemapad import sectiemodel
from vt_analysis.tekst.blokken import EXTENSIE
from vt_analysis.tekst.tekstgebruik import getoond

REGIO_DIR = paths.ROOT / "regio"
DATA_MAP, TEKST_MAP = "data", "tekst"
# A text block of the template: a name no block knows, so validate names the file and the line to write.
BLOK_SJABLOON = "{{ tekst_nog_schrijven }}\n"
NORMSET_SJABLOON = "eigen"  # the template's normset: rename it in normen.yaml and in the params' normset
# The products every normset needs (the queue model divides by their hours) and the others the rekentool counts.
PRODUCTEN = ("advies", "triage", "overdracht_ondersteuning", "onderzoek", "monitoring")


@dataclass
class NieuweRegio:
    map: Path
    params_bestand: Path
    te_vullen: list[str]  # every file and key to fill, one Dutch line each, in the order validate asks for them


def slug(regio: str) -> str:
    """A folder name of the region's name: lower case, letters and digits, words joined by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", regio.lower()).strip("-") or "regio"


# --- a YAML skeleton from a schema ---------------------------------------------------------------------


def _kengetal() -> CommentedMap:
    kg = CommentedMap(waarde=None, eenheid="", bron="")
    kg.fa.set_flow_style()
    return kg


def _leeg(annotation: object) -> object:
    """The empty value of a field: a kengetal as ``{waarde: , eenheid: '', bron: ''}``, a section as its own
    skeleton, a mapping or list empty, anything else null."""
    herkomst = typing.get_origin(annotation)
    if herkomst is dict:
        return CommentedMap()
    if herkomst is list:
        seq = CommentedSeq()
        seq.fa.set_flow_style()
        return seq
    model = sectiemodel(annotation)
    if model is Kengetal:
        return _kengetal()
    if model is not None and herkomst is None:
        return skelet(model)[0]
    return None


def skelet(model: type[BaseModel], plek: str = "") -> tuple[CommentedMap, list[str]]:
    """Every field of a schema, empty, with its description as a comment; and the keys to fill (dotted)."""
    uit, sleutels = CommentedMap(), []
    for naam, veld in model.model_fields.items():
        if not veld.is_required():
            continue
        waarde = _leeg(veld.annotation)
        uit[naam] = waarde
        if veld.description:
            uit.yaml_add_eol_comment(veld.description, naam)
        if isinstance(waarde, CommentedMap) and waarde and not waarde.fa.flow_style():
            sleutels += skelet(sectiemodel(veld.annotation), f"{plek}{naam}.")[1]
        else:
            sleutels.append(f"{plek}{naam}")
    return uit, sleutels


def _yaml(inhoud: CommentedMap, kop: str) -> str:
    uit = io.StringIO()
    uit.write("".join(f"# {r}\n" if r else "#\n" for r in kop.splitlines()))
    rondgang().dump(inhoud, uit)
    return uit.getvalue()


# --- the files of a region -----------------------------------------------------------------------------


def _params(regio: str, naam: str) -> tuple[str, list[str]]:
    """The params file: the region, the run and its folders filled in; every other required key empty."""
    inhoud = CommentedMap(run_naam=naam, titel=f"Impactanalyse Veilig Thuis {regio}", regio=regio)
    inhoud.update(data_map=DATA_MAP, tekstset_map=TEKST_MAP)
    leeg = [n for n, v in RunParams.model_fields.items() if v.is_required() and n not in inhoud]
    for sleutel in leeg:
        inhoud[sleutel] = None
        inhoud.yaml_add_eol_comment(RunParams.model_fields[sleutel].description or "in te vullen", sleutel)
    inhoud["vergelijking"] = CommentedMap(scenarios=_leeg(list[str]))
    inhoud["vergelijking"].yaml_add_eol_comment(
        "minstens één scenario: {naam: ..., middelen: structureel} (zie report/params/)", "scenarios"
    )
    kop = f"Run {naam} van de regio {regio}: vul elke lege sleutel in (vt-analysis validate noemt de eerste)."
    return _yaml(inhoud, kop), [*leeg, "vergelijking.scenarios"]


def _kengetallen() -> tuple[str, list[str]]:
    inhoud, sleutels = skelet(KengetallenBestand)
    for naam, waarde in inhoud.items():
        if isinstance(waarde, CommentedMap) and not waarde:  # a figure per year (every figure that ages)
            inhoud.yaml_add_eol_comment("per jaar: '<jaar>: {waarde: …, eenheid: …, bron: …}'", naam)
    kop = "Kengetallen van de regio: elk met waarde, eenheid en bron; een cijfer dat veroudert onder zijn jaar."
    return _yaml(inhoud, kop), sleutels


def _normen() -> tuple[str, list[str]]:
    normset, sleutels = skelet(Normset, f"normsets.{NORMSET_SJABLOON}.")
    producten = CommentedMap()
    for product in PRODUCTEN:
        producten[product] = skelet(Norm)[0]
        producten[product].fa.set_flow_style()
    normset["producten"] = producten
    sleutels = [s for s in sleutels if not s.endswith(".producten")]
    sleutels += [f"normsets.{NORMSET_SJABLOON}.producten.{p}" for p in PRODUCTEN]
    kop = (
        f"Normsets van de regio: hernoem '{NORMSET_SJABLOON}' (kleine letters en cijfers) en noem die naam als "
        "normset in de parameters.\nuren: normuren per eenheid; telling: de kolom van volumes.csv die de norm "
        "telt (meldingen, overdragen, overdracht_ondersteuning, onderzoek, adviezen of monitoring)."
    )
    return _yaml(CommentedMap(normsets=CommentedMap({NORMSET_SJABLOON: normset})), kop), sleutels


def _wachttijden() -> tuple[str, list[str]]:
    inhoud, sleutels = skelet(Wachtrijaannames)
    inhoud["beginstand"] = CommentedMap()  # optional in the file, demanded for the run's peilmoment
    sleutels.append("beginstand (voor het peilmoment)")
    kop = (
        "Aannames van het wachtrijmodel, elk met waarde, eenheid en bron; beginstand: per peilmoment de wachtrijen\n"
        "(methode: wachtlijst, met meldingen_wachtend en onderzoeken_open) of methode: inloop met de reden."
    )
    return _yaml(inhoud, kop), sleutels


def _csv_kop(model: type[BaseModel]) -> str:
    return ",".join(model.model_fields) + "\n"


def bestanden(regio: str, naam: str, notebooks: list[Path]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Every file of the template (path in the region's folder → content) and what to fill: (file, key)."""
    params, params_sleutels = _params(regio, naam)
    uit = {f"{naam}.yaml": params}
    te_vullen = [(f"{naam}.yaml", s) for s in params_sleutels]
    # in the order validate reads them (load_dataset): kengetallen, volumes, normen, claims, wachttijden
    inhoud, sleutels = _kengetallen()
    uit[f"{DATA_MAP}/{paths.KENGETALLEN_FILE}"] = inhoud
    te_vullen += [(f"{DATA_MAP}/{paths.KENGETALLEN_FILE}", s) for s in sleutels]
    uit[f"{DATA_MAP}/{paths.VOLUMES_FILE}"] = _csv_kop(VolumeRij)
    te_vullen.append(
        (
            f"{DATA_MAP}/{paths.VOLUMES_FILE}",
            f"een rij per periode ({', '.join(VolumeRij.model_fields)}), minstens drie jaar realisatie of prognose",
        )
    )
    inhoud, sleutels = _normen()
    uit[f"{DATA_MAP}/{paths.NORMEN_FILE}"] = inhoud
    te_vullen += [(f"{DATA_MAP}/{paths.NORMEN_FILE}", s) for s in sleutels]
    uit[f"{DATA_MAP}/{paths.CLAIMS_FILE}"] = _csv_kop(ClaimRij)
    te_vullen.append((f"{DATA_MAP}/{paths.CLAIMS_FILE}", "een rij per uitspraak over volume en formatie (mag leeg)"))
    inhoud, sleutels = _wachttijden()
    uit[f"{DATA_MAP}/{paths.WACHTTIJDEN_FILE}"] = inhoud
    te_vullen += [(f"{DATA_MAP}/{paths.WACHTTIJDEN_FILE}", s) for s in sleutels]
    blokken = getoond(notebooks) or set()
    for blok in sorted(blokken):
        uit[f"{TEKST_MAP}/{blok}{EXTENSIE}"] = BLOK_SJABLOON
        te_vullen.append((f"{TEKST_MAP}/{blok}{EXTENSIE}", "de tekst van het blok"))
    return uit, te_vullen


def nieuwe_regio(regio: str, naam: str, map_: Path | None = None, hoofdstukken: Path | None = None) -> NieuweRegio:
    """Write the template of a region; nothing when one of its files exists already (InvoerFout, exit 2)."""
    veld = RunParams.model_fields["run_naam"]
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", naam) or len(naam) > 64:
        raise InvoerFout(
            "--naam", "", f"{naam!r} is geen runnaam, verwacht {veld.description}: kleine letters, cijfers en -"
        )
    if not regio.strip() or len(regio) > 100:
        raise InvoerFout("--regio", "", f"{regio!r} is geen naam van een regio, verwacht 1 tot 100 tekens")
    map_ = Path(map_) if map_ is not None else REGIO_DIR / slug(regio)
    inhoud, te_vullen = bestanden(regio, naam, load_chapters(hoofdstukken))
    bestaand = next((map_ / pad for pad in inhoud if (map_ / pad).exists() or (map_ / pad).is_symlink()), None)
    if bestaand is not None:
        raise InvoerFout(bestaand, "", "bestaat al, verwacht een nieuwe regio (er is niets geschreven of overschreven)")
    for pad, tekst in inhoud.items():
        doel = map_ / pad
        doel.parent.mkdir(parents=True, exist_ok=True)
        with open(doel, "x", encoding="utf-8") as f:  # "x": never over a file that appeared meanwhile
            f.write(tekst)
    regels = [f"{paths.display_path(map_ / pad)}: {wat}" for pad, wat in te_vullen]
    return NieuweRegio(map_, map_ / f"{naam}.yaml", regels)
