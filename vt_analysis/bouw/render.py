"""The one renderer: a run's chapters → ``impactanalyse.html`` and ``impactanalyse.pdf``.

Steps: validate params and data (exit 2 on bad input) → execute the chapters with papermill →
Markdown via nbconvert → pandoc to HTML (charts interactive, Vega inlined once, no external URL)
and to Typst → PDF with the ``typst`` package (the route Quarto takes; Quarto CLI cannot be
installed here). Everything is written to a temporary folder and replaces
``report/output/<run>/`` only when all succeeded. Same inputs give byte-identical HTML and PDF.

A re-render with nothing changed takes the whole report from the report cache (rapportcache: keyed by every
source, where they are and the git commit) and loads none of the rendering stack (render_stappen). The
pieces: the page head and CSP (html_pagina), the lists of tables and figures (html_lijsten), the title
page and pandoc variables (titelpagina), the pandoc call (pandoc_omzetten), the PDF and its cache
(pdf_rapport), the manifest (manifest), the workbook's first sheet (werkboek_over).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from vt_analysis.basis import formatting as fmt
from vt_analysis.basis import paths
from vt_analysis.bouw import rapportcache
from vt_analysis.bouw.manifest import PLEK_NAMEN, VANAF_RUN, bron_paden, git_commit
from vt_analysis.bouw.publish import Publicatie, controleer_schrijfbaar
from vt_analysis.bouw.verify import DOCX_NAAM, HTML_NAAM, PDF_NAAM, XLSX_NAAM, data_bestanden, tekstset_map
from vt_analysis.invoer.hoofdstuklijst import check_parameters_cell, load_chapters
from vt_analysis.invoer.mappen import map_in_uitgave
from vt_analysis.invoer.run import Run, load_run
from vt_analysis.invoer.watals import WAT_ALS_MAP, is_wat_als
from vt_analysis.model.wijzigingen import load_vorige_uitgave, uitgave_bestanden, vorige_params_pad
from vt_analysis.opslag.sleutels import Bronnen, standaard_map


@dataclass
class RenderUitkomst:
    directory: Path
    html: Path
    pdf: Path
    tijden_s: dict[str, float] = field(default_factory=dict)
    xlsx: Path | None = None
    uit_cache: list[str] = field(default_factory=list)  # the chapters taken from the chapter cache
    docx: Path | None = None


class _Voortgang:
    """Progress per step with elapsed time, on stderr (stdout keeps the paths)."""

    def __init__(self, stil: bool = False):
        self.console = Console(stderr=True, quiet=stil, highlight=False)
        self.start = time.perf_counter()
        self.vorige = self.start
        self.tijden: dict[str, float] = {}

    def stap(self, naam: str, tekst: str) -> None:
        nu = time.perf_counter()
        self.tijden[naam] = self.tijden.get(naam, 0.0) + nu - self.vorige
        self.vorige = nu
        self.console.print(f"[dim]{fmt.getal(nu - self.start, 1):>6} s[/dim]  {tekst}")


def rapport_sleutel(run: Run, bronnen: Bronnen, hoofdstukken: Path, wat_als: bool, run_map: Path | None = None) -> str:
    """The report cache's key of a run: its sources, and their places as the report names them (the manifest's,
    which a run folder ``run_map`` holds relative to itself, and a what-if's data folder as its pages show it)."""
    wat_als_map = map_in_uitgave(run.data.directory, run.params) if wat_als else None
    plekken = bron_paden(run, hoofdstukken, run_map) | {"wat_als": wat_als_map}
    return rapportcache.sleutel(bronnen, plekken, uitgave_bestanden(run), git_commit())


def _zonder_plek(run: Run, hoofdstukken: Path, run_map: Path, voortgang: _Voortgang) -> None:
    """Say at render time which sources the manifest can name no place for (outside the repository and away
    from the output: a path would spell out the machine's folders), and which option verify will then need."""
    buiten = [s for s, plek in bron_paden(run, hoofdstukken, run_map).get(VANAF_RUN, {}).items() if not plek]
    if buiten:
        liggen = "liggen" if len(buiten) > 1 else "ligt"
        opties = fmt.opsomming(sorted({"--data" if s == "data" else "--params" for s in buiten}))
        voortgang.console.print(
            f"[yellow]let op: {fmt.opsomming(PLEK_NAMEN[s] for s in buiten)} {liggen} buiten de repository en niet "
            f"naast de outputmap; verify vraagt dan om {opties} (zet --output naast de regio)[/yellow]",
            soft_wrap=True,  # one line, as a terminal of any width shows it
        )


def render_report(
    params_bestand: Path | str,
    data_dir: Path | str | None = None,
    output_root: Path | str | None = None,
    stil: bool = False,
    workers: int = 2,
    hoofdstukken: Path | None = None,
    cache_map: Path | None = None,
    run: Run | None = None,
) -> RenderUitkomst:
    """Render one run; raises InvoerFout (bad input), HoofdstukFout (a failing cell) or RenderFout.

    ``cache_map`` holds the results, chapter, PDF and report caches (default: the per-user cache folder).
    A failing chapter leaves the executed chapters in ``<output>/<run>.mislukt/``. ``run``: the run of these
    params and data when the caller has loaded it already (the CLI, for its warnings), so it is read once.
    """
    voortgang = _Voortgang(stil)
    run = run if run is not None else load_run(params_bestand, data_dir)
    notebooks = load_chapters(hoofdstukken)
    wat_als = is_wat_als(run.params, run.data.directory)
    # A what-if goes to a folder of its own (report/output/wat-als/<run>), never over the real edition.
    output_root = Path(output_root) if output_root else paths.OUTPUT_DIR / (WAT_ALS_MAP if wat_als else "")
    controleer_schrijfbaar(output_root)  # before seconds of computing, named as the user gave it
    cache_map = Path(cache_map) if cache_map is not None else standaard_map()
    hoofdstukken = Path(hoofdstukken or paths.CHAPTERS_FILE)
    # Every source hashed once: the manifest records it, the caches key on its environment, verify compares.
    bronnen = Bronnen.van(
        data_bestanden(run.data.directory),
        run.params_bestand,
        vorige_params_pad(run),
        hoofdstukken,
        notebooks,
        tekstset_map(run.params),
        {f"vorige_uitgave/{p.name}": p for p in uitgave_bestanden(run) if p.is_file()},
    )
    run_map = output_root / run.params.run_naam
    sleutel = rapport_sleutel(run, bronnen, hoofdstukken, wat_als, run_map)
    _zonder_plek(run, hoofdstukken, run_map, voortgang)
    # A what-if never replaces the real edition in report/output/ (another --output is the user's choice).
    echt = wat_als and output_root.resolve() == paths.OUTPUT_DIR.resolve()
    mislukt = output_root / f"{run.params.run_naam}.mislukt"
    if rapportcache.aanwezig(cache_map, sleutel):
        # Nothing changed since a render that succeeded: every check below passed for these very sources.
        with Publicatie(output_root, run.params.run_naam, wat_als=echt) as publicatie:
            if rapportcache.haal(cache_map, sleutel, publicatie.werkmap):
                voortgang.stap("valideren", f"niets gewijzigd sinds de vorige render ({len(notebooks)} hoofdstukken)")
                doel = publicatie.publiceer()
                for naam in publicatie.behouden:
                    voortgang.stap("afronden", f"eigen bestand behouden: {naam}")
                shutil.rmtree(mislukt, ignore_errors=True)
                voortgang.stap("afronden", f"rapport uit cache: {paths.display_path(doel)}")
                return _uitkomst(doel, voortgang, [nb.name for nb in notebooks])
    load_vorige_uitgave(run)  # the previous edition as published (changes chapter) is there and readable
    from vt_analysis.tekst.blokken import controleer_tekstset

    controleer_tekstset(run, notebooks)  # every block parses, names known velden and exists; before anything runs
    for nb in notebooks:
        check_parameters_cell(nb)
    voortgang.stap("valideren", f"parameters en data gevalideerd ({len(notebooks)} hoofdstukken)")
    from vt_analysis.bouw.render_stappen import maak_rapport  # the rendering stack, loaded only when the report is made

    doel, uit_cache = maak_rapport(
        run, notebooks, bronnen, hoofdstukken, output_root, echt, cache_map, sleutel, workers, voortgang
    )
    return _uitkomst(doel, voortgang, uit_cache)


def _uitkomst(doel: Path, voortgang: _Voortgang, uit_cache: list[str]) -> RenderUitkomst:
    return RenderUitkomst(
        doel, doel / HTML_NAAM, doel / PDF_NAAM, voortgang.tijden, doel / XLSX_NAAM, uit_cache, doel / DOCX_NAAM
    )


_LUI = {
    "HoofdstukFout": "execute",
    "RenderFout": "pandoc_omzetten",
    "render_pdf": "pdf_rapport",
    "titelvelden": "titelpagina",
}


def __getattr__(naam: str):
    """The names other modules import from here, loaded when asked (importing render stays light)."""
    if naam in _LUI:
        import importlib

        return getattr(importlib.import_module(f".{_LUI[naam]}", __package__), naam)
    raise AttributeError(naam)


__all__ = ["render_report", "RenderUitkomst", "PDF_NAAM"]  # and, loaded when asked: the names in _LUI
