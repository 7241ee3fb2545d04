"""Is a report still what its sources give? ``vt-analysis verify RUN_FOLDER`` answers from the manifest.

At render time :func:`bronnen` records the SHA-256 of every source of the report (data files, params,
the chapter list and notebooks, the templates, the text blocks and the environment: the package's code,
the lock file, pyproject.toml and the Python version, as the caches count it) and :func:`rapport_sha256`
those of the report files themselves. ``verify`` hashes the same things now and names each file that
differs: a changed input means the report is out of date, a changed PDF, HTML or workbook means the file in
hand is not the one the tool wrote.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout, kort
from vt_analysis.invoer.hoofdstuklijst import load_chapters
from vt_analysis.invoer.mappen import data_map_van, map_van
from vt_analysis.invoer.params import RunParams, load_params
from vt_analysis.opslag.sleutels import PYTHON_NAAM, Bronnen, sha256

HTML_NAAM = "impactanalyse.html"
PDF_NAAM = "impactanalyse.pdf"
XLSX_NAAM = "impactanalyse.xlsx"
DOCX_NAAM = "impactanalyse.docx"
SAMENVATTING_NAAM = "samenvatting.pdf"
VEGA_BESTAND = "vega.js"  # the interactive charts' script beside the HTML, loaded on request
RAPPORT_BESTANDEN = (HTML_NAAM, VEGA_BESTAND, PDF_NAAM, XLSX_NAAM, DOCX_NAAM, SAMENVATTING_NAAM, "results.json")
MANIFEST_NAAM = "manifest.json"
_SHA256 = re.compile(r"[0-9a-f]{64}")

# Categories in report order, with the Dutch word verify prints.
SOORTEN = {
    "data": "invoerbestand",
    "params": "parameterbestand",
    "hoofdstukken": "hoofdstukkenlijst",
    "notebooks": "hoofdstuk",
    "templates": "sjabloon",
    "tekst": "tekstblok",
    "pakket": "programmacode",
    "rapport": "rapportbestand",
}


def data_bestanden(data_map: Path) -> list[Path]:
    """The data files of a run: every CSV and YAML file in the data folder (as the loaders see it)."""
    return sorted(p for p in Path(data_map).iterdir() if p.is_file() and p.suffix in (".csv", ".yaml"))


def tekstset_map(params: RunParams) -> Path:
    """The run's text-set folder (the params' ``tekstset``, else the folder named after the run)."""
    from vt_analysis.tekst import blokken as tekst

    return tekst.tekstset_map(SimpleNamespace(params=params))


def bronnen(
    data_map: Path, params_bestand: Path, hoofdstukken: Path, notebooks: list[Path], tekst_map: Path | None
) -> dict[str, dict[str, str]]:
    """SHA-256 of every source of a report, per category (invoer.Bronnen, the object a render builds once).

    The previous run's params file and the previous edition as published (its results.json, velden.json and
    manifest.json, as the changes chapter reads them) count as sources too: re-rendering or correcting the
    previous edition makes this report's changes chapter out of date.
    """
    vorige = vorige_params(params_bestand)
    uitgave = {naam: pad for naam, pad in vorige_uitgave(params_bestand).items() if pad.is_file()}
    # a missing one is named by verify as 'ontbreekt' against the manifest
    return Bronnen.van(
        data_bestanden(data_map), params_bestand, vorige, hoofdstukken, notebooks, tekst_map, uitgave
    ).per_soort()


def vorige_params(params_bestand: Path) -> Path | None:
    """The params file the run names as ``vorige_run``; None when it names none or the file is gone."""
    from vt_analysis.model.wijzigingen import vorige_params_pad

    try:
        params = load_params(params_bestand)
        return vorige_params_pad(SimpleNamespace(params=params, params_bestand=Path(params_bestand)))
    except InvoerFout:
        return None


def vorige_uitgave(params_bestand: Path) -> dict[str, Path]:
    """The previous edition's files the changes chapter reads, by their name in the manifest
    (``vorige_uitgave/results.json``, ...); none when the run names no previous run."""
    from vt_analysis.model.wijzigingen import uitgave_bestanden

    try:
        params = load_params(params_bestand)
        bestanden = uitgave_bestanden(SimpleNamespace(params=params, params_bestand=Path(params_bestand)))
    except InvoerFout:
        return {}
    return {f"vorige_uitgave/{p.name}": p for p in bestanden}


def rapport_sha256(run_map: Path) -> dict[str, str]:
    """SHA-256 of the report files in a run folder (those present)."""
    return {naam: sha256(run_map / naam) for naam in RAPPORT_BESTANDEN if (run_map / naam).is_file()}


def bron_paden(manifest: dict) -> dict[str, str]:
    """Where the sources were at render time, relative to the repository (None outside it), so verify can
    default to them; one outside it lies in :func:`bron_paden_vanaf_run`."""
    return manifest.get("bron_paden", {})


def bron_paden_vanaf_run(manifest: dict) -> dict[str, str]:
    """Where the sources outside the repository were, relative to the run folder (a region with its output
    beside it: still found after both moved together); None where they lay elsewhere."""
    return manifest.get("bron_paden_vanaf_run", {})


@dataclass(frozen=True)
class Verschil:
    soort: str  # key of SOORTEN
    naam: str  # as a person finds it: a path or a file name
    wat: str  # gewijzigd, ontbreekt, nieuw
    toen: str | None = None  # SHA-256 at render time
    nu: str | None = None  # SHA-256 now

    def __str__(self) -> str:
        hashes = f"; SHA-256 was {self.toen[:12]}…, nu {self.nu[:12]}…" if self.toen and self.nu else ""
        return f"{self.wat}: {self.naam} ({SOORTEN[self.soort]}{hashes})"


def _lees_manifest(run_map: Path) -> dict:
    if not run_map.is_dir():
        raise InvoerFout(run_map, "", "is geen map, verwacht de outputmap van een run (report/output/<run>)")
    pad = run_map / MANIFEST_NAAM
    if not pad.is_file():
        raise InvoerFout(pad, "", "bestand ontbreekt, verwacht de manifest.json van een render")
    try:
        manifest = json.loads(pad.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvoerFout(pad, "", f"geen geldige JSON ({exc})") from None
    for sleutel in ("bronnen", "rapport_sha256"):
        if not isinstance(manifest, dict) or not isinstance(manifest.get(sleutel), dict):
            raise InvoerFout(
                pad, f"sleutel {sleutel}", "ontbreekt, verwacht een manifest van deze versie (render opnieuw)"
            )
    _controleer_vorm(pad, manifest)
    return manifest


def _is_hashes(waarde) -> bool:
    return isinstance(waarde, dict) and all(
        isinstance(k, str) and isinstance(v, str) and _SHA256.fullmatch(v) for k, v in waarde.items()
    )


def _controleer_vorm(pad: Path, manifest: dict) -> None:
    """The manifest's shape (a hand-edited or foreign one is one line, never an internal error)."""
    vorm = "verwacht een manifest van vt-analysis (render opnieuw)"
    for soort, hashes in manifest["bronnen"].items():
        if soort not in SOORTEN or not _is_hashes(hashes):
            raise InvoerFout(pad, f"sleutel bronnen.{soort[:40]}", f"heeft niet de vorm naam: SHA-256, {vorm}")
    if not _is_hashes(manifest["rapport_sha256"]):
        raise InvoerFout(pad, "sleutel rapport_sha256", f"heeft niet de vorm naam: SHA-256, {vorm}")
    for sleutel in ("bron_paden", "bron_paden_vanaf_run"):
        waar = manifest.get(sleutel, {})
        if not isinstance(waar, dict) or not all(v is None or isinstance(v, str) for v in waar.values()):
            raise InvoerFout(pad, f"sleutel {sleutel}", f"heeft niet de vorm soort: pad, {vorm}")
    if not isinstance(manifest.get("run", ""), str):
        raise InvoerFout(pad, "sleutel run", f"{kort(manifest['run'])} is geen runnaam, {vorm}")


@dataclass(frozen=True)
class Plek:
    """A source's place as the manifest names it."""

    bron: Path
    sleutel: str  # the manifest's key, for a message: sleutel bron_paden.params
    waarde: str  # as the manifest writes it
    vanaf_run: bool  # relative to the run folder (beside the params file of the render), not to the repository
    bestand: bool  # a file (params, chapter list), else a folder (data, text set)

    def gevonden(self) -> bool:
        return self.bron.is_file() if self.bestand else self.bron.is_dir()


def _vanaf_run(run_map: Path, waarde: str) -> Path | None:
    """Where a path relative to the run folder points, from the real run folder (symlinks followed, as the render
    wrote it: :func:`paths.naam_vanaf_run`); None when it climbs above the folder that holds the output folder."""
    run = run_map.resolve()
    if Path(waarde).is_absolute() or len(run.parents) <= paths.OMHOOG_VANAF_RUN:
        return None
    bron = Path(os.path.normpath(run / waarde))
    return bron if bron.is_relative_to(run.parents[paths.OMHOOG_VANAF_RUN - 1]) else None


def _bron_pad(run_map: Path, manifest: dict, soort: str, achtervoegsel: str | None) -> Plek | None:
    """A source's place the manifest names: relative to the repository, else to the run folder (climbing at
    most to the folder that holds the output folder); a file ends in ``achtervoegsel``. Another path is one
    line: verify hashes only what a render reads."""
    pad = run_map / MANIFEST_NAAM
    if waarde := bron_paden(manifest).get(soort):
        bron, sleutel, vanaf_run = paths.ROOT / waarde, f"sleutel bron_paden.{soort}", False  # older: absolute
    elif waarde := bron_paden_vanaf_run(manifest).get(soort):
        sleutel, vanaf_run = f"sleutel bron_paden_vanaf_run.{soort}", True
        if (bron := _vanaf_run(run_map, waarde)) is None:
            omhoog = f"vanaf de runmap hoogstens {paths.OMHOOG_VANAF_RUN} mappen omhoog"
            raise InvoerFout(pad, sleutel, f"{kort(waarde)} ligt niet naast de outputmap, verwacht een pad {omhoog}")
    else:
        return None
    if achtervoegsel is not None and bron.suffix != achtervoegsel:
        raise InvoerFout(pad, sleutel, f"{kort(waarde)} is geen {achtervoegsel}-bestand van een run")
    return Plek(bron, sleutel, waarde, vanaf_run, achtervoegsel is not None)


def _tekst_binnen(run_map: Path, plek: Plek, binnen: Path) -> Path:
    """A text set the manifest names, when it lies inside ``binnen`` (the run's own: in report/tekst/ or the
    folder its params name); elsewhere one line (verify once hashed all of /usr)."""
    if not plek.bron.resolve().is_relative_to(binnen.resolve()):
        buiten = f"{kort(plek.waarde)} ligt buiten {paths.display_path(binnen)}"
        raise InvoerFout(run_map / MANIFEST_NAAM, plek.sleutel, buiten)
    return plek.bron


def _params_bestand(run_map: Path, manifest: dict, plek: Plek | None) -> Path:
    """The params file of the render, as the manifest names it; a manifest from before the places were
    recorded: ``report/params/<run>.yaml``. Missing: one line naming where it was looked for, and --params."""
    run = manifest.get("run", "")
    verwacht = f"verwacht het parameterbestand van run {run or '?'}; geef het met --params BESTAND"
    if plek is not None:
        if not plek.gevonden():
            waar = f"manifest.json, {plek.sleutel}: {kort(plek.waarde)}"
            raise InvoerFout(plek.bron, "", f"bestand ontbreekt ({waar}), {verwacht}")
        return plek.bron
    if "params" in bron_paden(manifest):  # recorded as None: outside the repository and away from the output
        waar = "het bestand lag buiten de repository en niet naast de outputmap"
        raise InvoerFout(run_map / MANIFEST_NAAM, "sleutel bron_paden.params", f"geen pad ({waar}), {verwacht}")
    bron = paths.PARAMS_DIR / f"{run}.yaml"
    if not bron.is_file():
        raise InvoerFout(bron, "", f"bestand ontbreekt, {verwacht}")
    return bron


def _vergelijk(soort: str, toen: dict[str, str], nu: dict[str, str], pad_van) -> list[Verschil]:
    verschillen = []
    for naam in sorted(set(toen) | set(nu), key=lambda n: (n not in toen, n)):
        if naam not in nu:
            verschillen.append(Verschil(soort, pad_van(naam), "ontbreekt"))
        elif naam not in toen:
            verschillen.append(Verschil(soort, pad_van(naam), "nieuw"))
        elif toen[naam] != nu[naam]:
            verschillen.append(Verschil(soort, pad_van(naam), "gewijzigd", toen[naam], nu[naam]))
    return verschillen


def verify(run_map: Path, data_map: Path | None = None, params_bestand: Path | None = None) -> list[Verschil]:
    """What differs between a run folder's manifest and the files now; empty means the report is current.

    Defaults: the params file, data folder, chapter list and text set the report was rendered from (recorded
    in the manifest), else the params' own folders and ``report/hoofdstukken.yaml``. With another
    ``params_bestand`` given, the places recorded relative to the run folder (beside the params file of the
    render) are not used: its own folders are.
    """
    from vt_analysis.tekst import blokken as tekst

    run_map = Path(run_map)
    manifest = _lees_manifest(run_map)
    gegeven = {
        soort: _bron_pad(run_map, manifest, soort, achtervoegsel)
        for soort, achtervoegsel in (("params", ".yaml"), ("hoofdstukken", ".yaml"), ("data", None), ("tekst", None))
    }
    if params_bestand is None:
        params_bestand = _params_bestand(run_map, manifest, gegeven["params"])
    params_bestand = Path(params_bestand)
    if not params_bestand.is_file():
        raise InvoerFout(params_bestand, "", "bestand ontbreekt, verwacht het parameterbestand van de run (--params)")
    params = load_params(params_bestand)
    # a place beside the render's params file counts only with that params file; a moved source is looked for
    # where the params name it
    eigen = params_bestand.resolve() == gegeven["params"].bron.resolve() if gegeven["params"] else False
    gevonden = {s: p.bron for s, p in gegeven.items() if p and p.gevonden() and (eigen or not p.vanaf_run)}
    if data_map is None:
        data_map = gevonden.get("data") or data_map_van(params)
    data_map = Path(data_map)
    if not data_map.is_dir():
        raise InvoerFout(data_map, "", "map met datasets ontbreekt, verwacht de gegevens van de run (--data)")
    hoofdstukken = gevonden.get("hoofdstukken", paths.CHAPTERS_FILE)
    # the text set the manifest names: inside report/tekst/, or the folder the params name (another region's)
    eigen_tekst = map_van(params, "tekstset_map") or tekst.TEKST_DIR
    if "tekst" in gevonden:
        tekst_map = _tekst_binnen(run_map, gegeven["tekst"], eigen_tekst)
    else:
        tekst_map = tekstset_map(params)
    nu = bronnen(data_map, params_bestand, hoofdstukken, load_chapters(hoofdstukken), tekst_map)
    plekken = {
        "data": lambda n: paths.display_path(data_map / n),
        "params": lambda n: paths.display_path(
            params_bestand
            if n == "params"
            else vorige_uitgave(params_bestand).get(n) or vorige_params(params_bestand) or n
        ),
        "hoofdstukken": lambda n: paths.display_path(hoofdstukken),
        "notebooks": lambda n: paths.display_path(paths.NOTEBOOKS_DIR / n),
        "templates": lambda n: paths.display_path(paths.TEMPLATE_DIR / n),
        "tekst": lambda n: paths.display_path(tekst_map / n) if tekst_map else n,
        "pakket": lambda n: "Python-versie" if n == PYTHON_NAAM else paths.display_path(paths.ROOT / n),
    }
    verschillen = []
    for soort, pad_van in plekken.items():
        if soort in manifest["bronnen"]:  # a category the manifest's version did not record cannot be compared
            verschillen += _vergelijk(soort, manifest["bronnen"][soort], nu[soort], pad_van)
    verschillen += _vergelijk(
        "rapport", manifest["rapport_sha256"], rapport_sha256(run_map), lambda n: paths.display_path(run_map / n)
    )
    return verschillen
