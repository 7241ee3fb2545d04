"""The one renderer: a run's chapters → ``impactanalyse.html`` and ``impactanalyse.pdf``.

Steps: validate params and data (exit 2 on bad input) → execute the chapters with papermill →
Markdown via nbconvert → pandoc to HTML (charts interactive, Vega inlined once, no external URL)
and to Typst → PDF with the ``typst`` package (the route Quarto takes; Quarto CLI cannot be
installed here). Everything is written to a temporary folder and replaces
``report/output/<run>/`` only when all succeeded. Same inputs give byte-identical HTML and PDF.

The pieces: the page head and CSP (html_pagina), the lists of tables and figures (html_lijsten), the title
page and pandoc variables (titelpagina), the pandoc call (pandoc_omzetten), the PDF and its cache
(pdf_rapport), the manifest (manifest), the workbook's first sheet (werkboek_over).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from . import formatting as fmt
from . import paths
from .bestuursvoorstel import SAMENVATTING_NAAM, samenvatting_markdown, schrijf_samenvatting
from .chapters import check_parameters_cell, load_chapters
from .convert import combine_notebooks, to_markdown
from .execute import HoofdstukFout, KernelPool, execute_chapters
from .hoofdstukcache import HoofdstukCache, invoer_sha256, parameters_sha256, standaard_map
from .html_bovenaan import html_bovenaan
from .html_pagina import render_html
from .invoer import Bronnen
from .manifest import manifest
from .pandoc_omzetten import RenderFout
from .pdf_rapport import render_pdf
from .publish import Publicatie, controleer_schrijfbaar
from .resultaten import Resultaten, resultaten_met_cache, resultaten_uit_cache
from .run import Run, load_run
from .strikt_json import schrijf as schrijf_json
from .tabeldata import tabellen_uit_notebooks
from .tekst import controleer_tekstset, vul_tekstset_in
from .titelpagina import ILLUSTRATIEF_TEKST, titelvelden, variabelen
from .velden_json import velden_json
from .verify import HTML_NAAM, PDF_NAAM, data_bestanden, rapport_sha256, tekstset_map
from .voortgang import luister
from .wachttijden import kalibratie_in_cache
from .watals import WAT_ALS_MAP, is_wat_als
from .werkboek_over import werkboek_over
from .wijzigingen import load_vorige_uitgave, uitgave_bestanden, vorige_params_pad
from .woord import DOCX_NAAM, schrijf_docx
from .xlsx import XLSX_NAAM, schrijf_werkboek


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


def _resultaten(run: Run, cache_map: Path, voortgang: _Voortgang, uit_cache: Resultaten | None) -> Resultaten:
    if uit_cache is not None:
        voortgang.stap("rekenen", "resultaten uit cache")
        return uit_cache
    p = run.params
    gekalibreerd = not kalibratie_in_cache(run.data, p.wachttijden, p.peilmoment, p.normset)
    with luister(lambda tekst: voortgang.stap("rekenen", tekst)):  # the queue model's steps, as they happen
        resultaten, _ = resultaten_met_cache(run, cache_map)
    wachtrij = "wachtrijmodel één keer gekalibreerd" if gekalibreerd else "kalibratie wachtrijmodel uit de cache"
    voortgang.stap("rekenen", f"resultaten berekend ({wachtrij})")
    return resultaten


def _bewaar_mislukt(fout: HoofdstukFout, notebooks_map: Path, doel: Path) -> None:
    """Keep the executed chapters of a failed render (the failing one with its error) in ``doel``."""
    if not notebooks_map.is_dir() or fout.uitvoer is None:
        return
    shutil.rmtree(doel, ignore_errors=True)
    shutil.move(str(notebooks_map), str(doel))
    fout.bewaard_in(doel / fout.uitvoer.name)


def render_report(
    params_bestand: Path | str,
    data_dir: Path | str | None = None,
    output_root: Path | str | None = None,
    stil: bool = False,
    workers: int = 2,
    hoofdstukken: Path | None = None,
    cache_map: Path | None = None,
) -> RenderUitkomst:
    """Render one run; raises InvoerFout (bad input), HoofdstukFout (a failing cell) or RenderFout.

    ``cache_map`` holds the results cache and the chapter cache (default: the per-user cache folder).
    A failing chapter leaves the executed chapters in ``<output>/<run>.mislukt/``.
    """
    voortgang = _Voortgang(stil)
    run = load_run(params_bestand, data_dir)
    load_vorige_uitgave(run)  # the previous edition as published (changes chapter) is there and readable
    notebooks = load_chapters(hoofdstukken)
    controleer_tekstset(run, notebooks)  # every block parses, names known velden and exists; before anything runs
    for nb in notebooks:
        check_parameters_cell(nb)
    wat_als = is_wat_als(run.params, run.data.directory)
    # A what-if goes to a folder of its own (report/output/wat-als/<run>), never over the real edition.
    output_root = Path(output_root) if output_root else paths.OUTPUT_DIR / (WAT_ALS_MAP if wat_als else "")
    controleer_schrijfbaar(output_root)  # before seconds of computing, named as the user gave it
    voortgang.stap("valideren", f"parameters en data gevalideerd ({len(notebooks)} hoofdstukken)")
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
    omgeving = bronnen.omgeving
    in_cache = resultaten_uit_cache(run, cache_map)
    # Results to compute take seconds: the kernels start meanwhile (a re-render from the cache needs none ahead).
    with KernelPool(vooraf=min(workers, len(notebooks)) if in_cache is None else 0) as kernels:
        resultaten = _resultaten(run, cache_map, voortgang, in_cache)
        vul_tekstset_in(run, resultaten)  # every block rendered once: a block error is exit 2, not a failed chapter

        # Lock, leftovers of a killed render removed, nothing in the way; left without publishing = cleaned up.
        # A what-if never replaces the real edition in report/output/ (another --output is the user's choice).
        echte_map = output_root.resolve() == paths.OUTPUT_DIR.resolve()
        with Publicatie(output_root, run.params.run_naam, wat_als=wat_als and echte_map) as publicatie:
            werk = publicatie.werkmap
            resultaten_pad = resultaten.schrijf(werk / "results.json")
            parameters = {
                "params": run.params.model_dump(mode="json"),
                "data_dir": str(run.data.directory.resolve()),
                "resultaten": str(resultaten_pad.resolve()),
            }
            # What every chapter reads besides its code: results, params, data, package and lock file; the
            # chapter cache adds the text blocks each chapter shows.
            invoer = invoer_sha256(
                omgeving,
                resultaten_pad.read_bytes(),
                parameters_sha256(parameters),
                # the previous run's params: the changes chapter computes that run too
                bestanden=[*run.data.bestanden(), *filter(None, [vorige_params_pad(run)]), *uitgave_bestanden(run)],
            )
            mislukt = output_root / f"{run.params.run_naam}.mislukt"
            try:
                uitgevoerd = execute_chapters(
                    notebooks,
                    werk / "notebooks",
                    parameters,
                    workers=workers,
                    bij_klaar=lambda u: voortgang.stap(
                        "uitvoeren", f"hoofdstuk {u.bron.stem} {'uit cache' if u.uit_cache else 'uitgevoerd'}"
                    ),
                    cache=HoofdstukCache(cache_map, invoer, parameters, tekstset=tekstset_map(run.params)),
                    kernels=kernels,
                )
            except HoofdstukFout as fout:
                _bewaar_mislukt(fout, werk / "notebooks", mislukt)
                raise
            samen = combine_notebooks([u.uitvoer for u in uitgevoerd])

            markdown_html, meldingen = to_markdown(samen, "html")
            for melding in meldingen:
                voortgang.console.print(f"[yellow]let op: uitvoer buiten het rapport: {melding}[/yellow]")
            render_html(markdown_html, run, werk / HTML_NAAM, werk, html_bovenaan(run, resultaten))
            voortgang.stap("html", f"{HTML_NAAM} geschreven")

            typst_map = werk / "typst"
            markdown_typst, _ = to_markdown(samen, "typst", typst_map / "figuren")
            waarschuwingen = render_pdf(markdown_typst, run, werk / PDF_NAAM, typst_map, cache_map, omgeving)
            for w in waarschuwingen:
                voortgang.console.print(f"[yellow]typst: {w}[/yellow]")
            voortgang.stap("pdf", f"{PDF_NAAM} geschreven")

            docx_map = werk / "docx"
            markdown_docx, _ = to_markdown(samen, "docx", docx_map / "figuren")
            illustratief = ILLUSTRATIEF_TEKST if run.params.illustratief else None
            schrijf_docx(
                markdown_docx, titelvelden(run), illustratief, werk / DOCX_NAAM, docx_map, run.params.documentdatum
            )
            shutil.rmtree(docx_map)  # the figures are inside the document
            voortgang.stap("docx", f"{DOCX_NAAM} geschreven")

            for w in schrijf_samenvatting(
                samenvatting_markdown(resultaten, run.params, run),
                variabelen(run, "typst"),
                werk / SAMENVATTING_NAAM,
                werk / "samenvatting",
                run.params.documentdatum,
            ):
                voortgang.console.print(f"[yellow]typst (samenvatting): {w}[/yellow]")
            shutil.rmtree(werk / "samenvatting")
            voortgang.stap("samenvatting", f"{SAMENVATTING_NAAM} geschreven")

            beschrijving = manifest(run, bronnen, hoofdstukken)
            tabellen = tabellen_uit_notebooks([u.uitvoer for u in uitgevoerd])
            schrijf_werkboek(werk / XLSX_NAAM, tabellen, werkboek_over(run, beschrijving))
            voortgang.stap("xlsx", f"{XLSX_NAAM} geschreven ({len(tabellen)} tabellen)")

            beschrijving["rapport_sha256"] = rapport_sha256(werk)
            # every name of the text blocks with its value: what the next edition's changes chapter compares with
            schrijf_json(werk / "velden.json", velden_json(run, resultaten.naar_dict()))
            schrijf_json(werk / "manifest.json", beschrijving)
            for tijdelijk in ("head.html", "after.html"):
                (werk / tijdelijk).unlink()
            doel = publicatie.publiceer()
            for naam in publicatie.behouden:
                voortgang.stap("afronden", f"eigen bestand behouden: {naam}")
            shutil.rmtree(mislukt, ignore_errors=True)  # the failure of an earlier render no longer applies
            voortgang.stap("afronden", f"klaar: {paths.display_path(doel)}")
    uit_cache = [u.bron.name for u in uitgevoerd if u.uit_cache]
    return RenderUitkomst(
        doel, doel / HTML_NAAM, doel / PDF_NAAM, voortgang.tijden, doel / XLSX_NAAM, uit_cache, doel / DOCX_NAAM
    )


__all__ = ["render_report", "RenderUitkomst", "RenderFout", "HoofdstukFout", "render_pdf", "titelvelden", "PDF_NAAM"]
