"""The steps of a render that make the report: results, chapters, HTML, PDF, Word, summary, workbook, manifest.

render.py calls :func:`maak_rapport` when the report is not in the report cache; everything heavy (papermill,
nbconvert, pandoc, typst, Altair) is imported here, so a re-render with nothing changed never loads it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from papermill.translators import translate_parameters

from vt_analysis.basis import paths
from vt_analysis.basis.strikt_json import schrijf as schrijf_json
from vt_analysis.basis.voortgang import luister
from vt_analysis.bouw import rapportcache
from vt_analysis.bouw.bestuursvoorstel import SAMENVATTING_NAAM, samenvatting_markdown, schrijf_samenvatting
from vt_analysis.bouw.convert import combine_notebooks, to_markdown
from vt_analysis.bouw.execute import HoofdstukFout, KernelPool, execute_chapters
from vt_analysis.bouw.hoofdstukcache import HoofdstukCache, invoer_sha256, parameters_sha256
from vt_analysis.bouw.html_bovenaan import html_bovenaan
from vt_analysis.bouw.html_pagina import render_html
from vt_analysis.bouw.manifest import manifest
from vt_analysis.bouw.pdf_rapport import render_pdf
from vt_analysis.bouw.publish import Publicatie
from vt_analysis.bouw.titelpagina import ILLUSTRATIEF_TEKST, titelvelden, variabelen
from vt_analysis.bouw.verify import HTML_NAAM, PDF_NAAM, rapport_sha256, tekstset_map
from vt_analysis.bouw.werkboek_over import werkboek_over
from vt_analysis.bouw.woord import DOCX_NAAM, schrijf_docx
from vt_analysis.bouw.xlsx import XLSX_NAAM, schrijf_werkboek
from vt_analysis.hoofdstukken.tabeldata import tabellen_uit_notebooks
from vt_analysis.invoer.mappen import data_map_van, map_in_uitgave, met_mappen_opgelost
from vt_analysis.invoer.run import Run
from vt_analysis.model.resultaten import Resultaten, resultaten_met_cache, resultaten_uit_cache
from vt_analysis.model.wachttijden import kalibratie_in_cache
from vt_analysis.model.wijzigingen import uitgave_bestanden, vorige_params_pad
from vt_analysis.opslag.sleutels import Bronnen
from vt_analysis.tekst.blokken import vul_tekstset_in
from vt_analysis.tekst.velden_json import velden_json


def parameters_in_uitgave(notebooks: list[Path], parameters: dict) -> None:
    """The executed chapters' parameters cell as the run folder holds them: results.json beside the chapters'
    folder, not in the temporary folder the render wrote it to (gone once published), and likewise in a chapter
    taken from the cache, which held the parameters of the render that stored it. Outputs stay as they are; the
    notebook's own and written paths relative to the repository and the run folder."""
    for pad in notebooks:
        nb = nbformat.read(pad, as_version=4)
        for cel in nb.cells:
            if "injected-parameters" in cel.metadata.get("tags", []):
                cel.source = translate_parameters("python3", "python", parameters, "Parameters")
        papermill = nb.metadata.setdefault("papermill", {})
        papermill["parameters"] = parameters
        # where papermill read and wrote it, as the edition names them: never the machine's absolute paths
        if papermill.get("input_path"):
            bron = Path(papermill["input_path"])
            papermill["input_path"] = paths.naam_in_uitgave(bron) or bron.name
        papermill["output_path"] = f"{pad.parent.name}/{pad.name}"
        nbformat.write(nb, pad)


def _data_dir_in_uitgave(run: Run) -> str | None:
    """The data folder as the run folder's chapters name it: None for the run's own (``data/`` or the params'
    ``data_map``, which the params name as written), else the folder the user gave as the edition names it
    (:func:`.mappen.map_in_uitgave`: no path of the machine in the chapters or the chapter cache's key)."""
    if run.data.directory.resolve() == data_map_van(run.params).resolve():
        return None
    return map_in_uitgave(run.data.directory, run.params)


def _resultaten(run: Run, cache_map: Path, voortgang, uit_cache: Resultaten | None) -> Resultaten:
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


def maak_rapport(
    run: Run,
    notebooks: list[Path],
    bronnen: Bronnen,
    hoofdstukken: Path,
    output_root: Path,
    wat_als: bool,
    cache_map: Path,
    rapport_sleutel: str,
    workers: int,
    voortgang,
) -> tuple[Path, list[str]]:
    """Make and publish the report; returns the run folder and the chapters taken from the chapter cache."""
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
            # The kernels get the folders resolved (they have no params file); the key and the run folder's
            # chapters get the params as written (the same run in another checkout: the same edition).
            parameters = {
                "params": met_mappen_opgelost(run.params),
                "data_dir": str(run.data.directory.resolve()),
                "resultaten": str(resultaten_pad.resolve()),
            }
            zoals_geschreven = {"params": run.params.model_dump(mode="json"), "data_dir": _data_dir_in_uitgave(run)}
            # What every chapter reads besides its code: results, params, data, package and lock file; the
            # chapter cache adds the text blocks each chapter shows.
            invoer = invoer_sha256(
                omgeving,
                resultaten_pad.read_bytes(),
                parameters_sha256(parameters | zoals_geschreven),
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
            uitgave = parameters | zoals_geschreven | {"resultaten": "../results.json"}
            parameters_in_uitgave([u.uitvoer for u in uitgevoerd], uitgave)
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

            beschrijving = manifest(run, bronnen, hoofdstukken, publicatie.doel)
            tabellen = tabellen_uit_notebooks([u.uitvoer for u in uitgevoerd])
            schrijf_werkboek(werk / XLSX_NAAM, tabellen, werkboek_over(run, beschrijving))
            voortgang.stap("xlsx", f"{XLSX_NAAM} geschreven ({len(tabellen)} tabellen)")

            beschrijving["rapport_sha256"] = rapport_sha256(werk)
            # every name of the text blocks with its value: what the next edition's changes chapter compares with
            schrijf_json(werk / "velden.json", velden_json(run, resultaten.naar_dict()))
            schrijf_json(werk / "manifest.json", beschrijving)
            for tijdelijk in ("head.html", "after.html"):
                (werk / tijdelijk).unlink()
            rapportcache.bewaar(cache_map, rapport_sleutel, werk)  # a re-render with nothing changed takes it
            doel = publicatie.publiceer()
            for naam in publicatie.behouden:
                voortgang.stap("afronden", f"eigen bestand behouden: {naam}")
            shutil.rmtree(mislukt, ignore_errors=True)  # the failure of an earlier render no longer applies
            voortgang.stap("afronden", f"klaar: {paths.display_path(doel)}")
    return doel, [u.bron.name for u in uitgevoerd if u.uit_cache]
