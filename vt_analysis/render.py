"""The one renderer: a run's chapters → ``impactanalyse.html`` and ``impactanalyse.pdf``.

Steps: validate params and data (exit 2 on bad input) → execute the chapters with papermill →
Markdown via nbconvert → pandoc to HTML (charts interactive, Vega inlined once, no external URL)
and to Typst → PDF with the ``typst`` package (the route Quarto takes; Quarto CLI cannot be
installed here). Everything is written to a temporary folder and replaces
``report/output/<run>/`` only when all succeeded. Same inputs give byte-identical HTML and PDF.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pypandoc
import typst
import vl_convert as vlc
from rich.console import Console

from . import formatting as fmt
from . import paths, privecache, typst_pdf
from .bestuursvoorstel import SAMENVATTING_NAAM, samenvatting_markdown, schrijf_samenvatting
from .chapters import check_parameters_cell, load_chapters
from .charts import font_dir
from .convert import VL_VERSION, combine_notebooks, to_markdown
from .execute import HoofdstukFout, KernelPool, execute_chapters
from .hoofdstukcache import HoofdstukCache, invoer_sha256, omgeving_sha256, parameters_sha256, standaard_map
from .html_figuren import embed_script
from .publish import Publicatie, controleer_schrijfbaar
from .resultaten import Resultaten, resultaten_met_cache, resultaten_uit_cache
from .run import Run, load_run
from .tabeldata import tabellen_uit_notebooks
from .tekst import controleer_tekstset, vul_tekstset_in
from .verify import bronnen, rapport_sha256, tekstset_map
from .voortgang import luister
from .wachttijden import kalibratie_in_cache
from .watals import WAT_ALS_MAP, is_wat_als, merktekst, verschillen
from .wijzigingen import load_vorige_uitgave, uitgave_bestanden, velden_json, vorige_params_pad
from .woord import DOCX_NAAM, schrijf_docx
from .xlsx import XLSX_NAAM, schrijf_werkboek

HTML_NAAM = "impactanalyse.html"
PDF_NAAM = "impactanalyse.pdf"
PAKKETTEN = (
    "vt-analysis",
    "pandas",
    "altair",
    "vl-convert-python",
    "papermill",
    "nbconvert",
    "pydantic",
    "pypandoc-binary",
    "typst",
    "babel",
    "font-lato",
    "numpy",
)


class RenderFout(Exception):
    """Pandoc or Typst failed on the generated document (a bug in a chapter or template)."""


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


# --- pieces of the page ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (no CDN); ~2 s to build, so kept in the private cache."""
    naam = f"vega-{vlc.__version__}-{VL_VERSION}.js"
    return privecache.haal(naam, lambda: vlc.javascript_bundle(vl_version=VL_VERSION).encode("utf-8")).decode("utf-8")


def _font_face() -> str:
    regels = []
    for gewicht, bestand in (("normal", "Lato-Regular.ttf"), ("bold", "Lato-Bold.ttf")):
        data = base64.b64encode((font_dir() / bestand).read_bytes()).decode("ascii")
        regels.append(
            f"@font-face {{ font-family: Lato; font-weight: {gewicht}; "
            f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
        )
    return "\n".join(regels)


def _script_inhoud(script: str) -> str:
    """The text between ``<script>`` and ``</script>`` of one inline script (what a CSP hash covers)."""
    return script[script.index(">") + 1 : script.rindex("</script>")]


def csp_meta(*scripts: str) -> str:
    """A Content-Security-Policy that lets only these inline scripts run and loads nothing from outside.

    Scripts by SHA-256 (an injected ``<script>`` or ``onerror=`` does not run), styles inline, images
    and fonts only as ``data:``, no connections, frames, forms or base URL: even a tag that slipped
    through the escaping cannot reach the network.
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(_script_inhoud(s).encode('utf-8')).digest()).decode('ascii')}'"
        for s in scripts
    )
    beleid = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{beleid}">\n'


def _vega_tekst() -> str:
    return vega_bundle().replace("</script", "<\\/script")


def _html_head() -> str:
    """CSP and style. The CSP allows the page's embedding script and the Vega bundle, by their hashes."""
    css = (paths.TEMPLATE_DIR / "stijl.css").read_text(encoding="utf-8")
    als_script = f"<script>\n{_vega_tekst()}\n</script>\n"
    return f"{csp_meta(als_script, embed_script())}<style>\n{_font_face()}\n{css}</style>\n"


def _html_after_body() -> str:
    """At the end of the page, so the text paints before 0,9 MB are read: the Vega bundle as inert text (run
    only when a reader opens an interactive chart: html_figuren puts it in a script element then) and the
    one script that makes charts interactive."""
    return f'<script type="text/plain" id="vega-bundel">\n{_vega_tekst()}\n</script>\n{embed_script()}'


def _typst_escape(tekst: str) -> str:
    for teken in '\\#[]*_$@<>~`"/':  # '/' too: Typst makes a link of https:// (never in the footer)
        tekst = tekst.replace(teken, "\\" + teken)
    return tekst


ILLUSTRATIEF_TEKST = (
    "de waarden van de hefbomen van procesoptimalisatie (richting C) in dit document zijn voorbeelden, "
    "geen afspraken of metingen"
)


def _titel_zonder_breuk(titel: str, doel: str) -> str:
    """The title with every hyphenated word kept on one line ("Zuid-Holland-Zuid" never breaks)."""
    esc = _typst_escape if doel == "typst" else html.escape
    woorden = []
    for woord in titel.split(" "):
        if "-" in woord:
            woord = f"#box[{esc(woord)}]" if doel == "typst" else f'<span class="geen-breuk">{esc(woord)}</span>'
        else:
            woord = esc(woord)
        woorden.append(woord)
    return " ".join(woorden)


ONDERTITEL = "Wat de beschikbare formatie betekent voor de wettelijke taken"


def titelvelden(run: Run) -> dict[str, str]:
    """The title page's fields as plain text, the same in HTML, PDF and Word."""
    p = run.params
    return {
        "title": p.titel,
        "regio": p.regio,
        "peilmoment": p.peilmoment,
        "date": fmt.datum(p.documentdatum),
        "normset": f"{run.data.normen.normsets[p.normset].naam}",
        "subtitle": ONDERTITEL,
        "auteur": p.auteur,
        "adressaat": p.adressaat,
        "status": p.status,
        "status-tekst": "Concept" if p.status == "concept" else "Definitief",
        "versie": p.versie,
        "bronregel": (
            "Alle cijfers in dit document zijn berekend uit de gegevens van Veilig Thuis en de uitgangspunten van "
            "deze analyse; het hoofdstuk Methode en bronnen geeft de herkomst van elk cijfer."
        ),
    } | ({"watals": merktekst(p, run.data.directory)} if is_wat_als(p, run.data.directory) else {})


def _variabelen(run: Run, doel: str) -> list[str]:
    p = run.params
    esc = _typst_escape if doel == "typst" else html.escape
    waarden = titelvelden(run)
    if p.status == "concept":
        waarden["concept"] = "ja"
    if p.illustratief:
        waarden["illustratief"] = ILLUSTRATIEF_TEKST
    args = []
    for naam, waarde in waarden.items():
        args += ["-V", f"{naam}={esc(waarde)}"]
    args += ["-V", f"title-{doel}={_titel_zonder_breuk(p.titel, doel)}"]
    return args + ["-V", "lang=nl", "-V", "region=NL"]


def _pandoc(markdown: str, doel: str, extra: list[str]) -> str:
    args = [
        "--standalone",
        "--columns=1000",
        "--toc",
        "--toc-depth=2",
        "--lua-filter",
        str(paths.TEMPLATE_DIR / "alleen-eigen-opmaak.lua"),
        *extra,
    ]
    try:
        return pypandoc.convert_text(markdown, to=doel, format="markdown", extra_args=args, sandbox=False)
    except RuntimeError as exc:
        raise RenderFout(f"pandoc ({doel}): {str(exc).strip().splitlines()[-1]}") from None


LIJSTEN_PLEK = "<!-- lijst van tabellen en figuren -->"
_TABEL_BIJSCHRIFT = re.compile(
    r"<table(?P<attr>[^>]*)>\s*<caption>(?P<bijschrift>.*?)</caption>(?P<rest>.*?</table>)", re.S
)
_FIGUUR_BIJSCHRIFT = re.compile(
    r'<figure class="figuur" id="(?P<id>figuur-\d+)">.*?<figcaption>(?P<bijschrift>.*?)</figcaption>', re.S
)


def lijsten_html(tekst: str) -> str:
    """The HTML with an id on every table and a list of tables and figures (linked) after the contents."""
    tabellen: list[tuple[str, str]] = []

    def _tabel(m: re.Match) -> str:
        ident = f"tabel-{len(tabellen) + 1}"
        tabellen.append((ident, re.sub(r"</?p>", "", m["bijschrift"]).strip()))
        # A wide table scrolls in its own box on a phone (WCAG 1.4.10), reachable by keyboard (a named region).
        return (
            f'<div class="tabel-rol" role="region" tabindex="0" aria-labelledby="{ident}-titel">'
            f'<table id="{ident}"{m["attr"]}>\n<caption id="{ident}-titel">{m["bijschrift"]}</caption>'
            f"{m['rest']}</div>"
        )

    tekst = _TABEL_BIJSCHRIFT.sub(_tabel, tekst)
    figuren = [(m["id"], m["bijschrift"].strip()) for m in _FIGUUR_BIJSCHRIFT.finditer(tekst)]
    delen = []
    for titel, items in (("Tabellen", tabellen), ("Figuren", figuren)):
        if items:
            regels = "".join(f'<li><a href="#{i}">{b}</a></li>' for i, b in items)
            delen.append(f"<h2>{titel}</h2>\n<ol>{regels}</ol>")
    return tekst.replace(LIJSTEN_PLEK, "\n".join(delen))


def render_html(markdown: str, run: Run, doel_bestand: Path, werkmap: Path) -> None:
    head = werkmap / "head.html"
    after = werkmap / "after.html"
    na_body = _html_after_body()
    head.write_text(_html_head(), encoding="utf-8")
    after.write_text(na_body, encoding="utf-8")
    tekst = _pandoc(
        markdown,
        "html5",
        [
            "--template",
            str(paths.TEMPLATE_DIR / "impactanalyse.html"),
            "--number-sections",
            "--section-divs",
            "--include-in-header",
            str(head),
            "--include-after-body",
            str(after),
            *_variabelen(run, "html"),
            "-V",
            f"lijsten={LIJSTEN_PLEK}",
        ],
    )
    doel_bestand.write_text(lijsten_html(tekst), encoding="utf-8")


def render_pdf(
    markdown: str, run: Run, doel_bestand: Path, typst_map: Path, cache_map: Path | None = None
) -> list[str]:
    """Markdown → Typst (pandoc) → PDF (typst); returns Typst's warnings (e.g. a missing glyph).

    With a ``cache_map``, a PDF of the same Typst source and figures (and package, lock file and date) is
    taken from the cache: typst is deterministic, and a re-render with nothing changed spends most of its
    time here otherwise.
    """
    typst_map.mkdir(parents=True, exist_ok=True)  # also when no chapter has a chart
    bron = typst_map / "impactanalyse.typ"
    bron.write_text(
        _pandoc(
            markdown,
            "typst",
            [
                "--template",
                str(paths.TEMPLATE_DIR / "impactanalyse.typ"),
                *_variabelen(run, "typst"),
            ],
        ),
        encoding="utf-8",
    )
    moment = datetime.combine(run.params.documentdatum, datetime.min.time(), tzinfo=UTC)
    bewaard = None
    if cache_map is not None:
        sleutel = invoer_sha256(omgeving_sha256(), str(moment.timestamp()), mappen=[typst_map], basis=typst_map)
        bewaard = cache_map / "pdf" / sleutel
        pdf, meldingen = privecache.lees(bewaard.with_suffix(".pdf")), privecache.lees(bewaard.with_suffix(".json"))
        if pdf is not None and meldingen is not None:
            doel_bestand.write_bytes(pdf)
            return json.loads(meldingen)
    try:
        meldingen = typst_pdf.compileer(bron, doel_bestand, typst_map, moment)
    except typst.TypstError as exc:
        raise RenderFout(f"typst: {exc.message}") from None
    if bewaard is not None:
        bewaard.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        privecache.schrijf(bewaard.with_suffix(".pdf"), doel_bestand.read_bytes())
        privecache.schrijf(bewaard.with_suffix(".json"), json.dumps(meldingen).encode("utf-8"))
    return meldingen


# --- manifest and results ----------------------------------------------------------------------------


def _sha256(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _git_commit() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        vuil = subprocess.run(
            ["git", "status", "--porcelain"], cwd=paths.ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        return commit + ("+wijzigingen" if vuil else "")
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"


def manifest(run: Run, notebooks: list[Path], hoofdstukken: Path) -> dict:
    """What produced this report: input hashes, package versions, git commit, document date."""
    invoer = {paths.display_path(p): _sha256(p) for p in run.data.bestanden()}
    invoer[paths.display_path(run.params_bestand)] = _sha256(run.params_bestand)
    for pad in [*notebooks, hoofdstukken, *sorted(paths.TEMPLATE_DIR.iterdir())]:
        invoer[paths.display_path(pad)] = _sha256(pad)
    versies = {}
    for naam in PAKKETTEN:
        try:
            versies[naam] = metadata.version(naam)
        except metadata.PackageNotFoundError:
            versies[naam] = "niet geïnstalleerd"
    tekst = tekstset_map(run.params)
    return {
        "run": run.params.run_naam,
        "documentdatum": run.params.documentdatum.isoformat(),
        "params": run.params.model_dump(mode="json"),  # what the next edition compares with (wijzigingen)
        # a what-if: what differs from data/ and the params (None for a real edition, which a what-if never replaces)
        "wat_als": verschillen(run.params, run.data.directory) if is_wat_als(run.params, run.data.directory) else None,
        "git_commit": _git_commit(),
        "pandoc": pypandoc.get_pandoc_version(),
        "pakketten": versies,
        "invoer_sha256": invoer,
        # for verify: the same sources per category, keyed independently of the cwd, and where they were
        "bronnen": bronnen(run.data.directory, run.params_bestand, hoofdstukken, notebooks, tekst),
        "bron_paden": {
            "data": str(run.data.directory.resolve()),
            "params": str(run.params_bestand.resolve()),
            "hoofdstukken": str(hoofdstukken.resolve()),
            "tekst": str(tekst.resolve()) if tekst else None,
        },
    }


def werkboek_over(run: Run, manifest_: dict) -> dict:
    """What the workbook's first sheet says: run, peilmoment, date, tool version and the sources' hashes."""
    invoer = {f"{soort}/{naam}": sha for soort, items in manifest_["bronnen"].items() for naam, sha in items.items()}
    return {
        "titel": run.params.titel,
        "run": run.params.run_naam,
        "peilmoment": run.params.peilmoment,
        "documentdatum": run.params.documentdatum,
        "status": getattr(run.params, "status", None),
        "documentversie": getattr(run.params, "versie", None),
        "versie": manifest_["pakketten"].get("vt-analysis", "onbekend"),
        "git_commit": manifest_["git_commit"],
        "invoer_sha256": invoer,
        "wat_als": manifest_.get("wat_als"),
    }


def _schrijf_json(pad: Path, inhoud: dict) -> None:
    pad.write_text(json.dumps(inhoud, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8")


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
    omgeving = omgeving_sha256()
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
            render_html(markdown_html, run, werk / HTML_NAAM, werk)
            voortgang.stap("html", f"{HTML_NAAM} geschreven")

            typst_map = werk / "typst"
            markdown_typst, _ = to_markdown(samen, "typst", typst_map / "figuren")
            waarschuwingen = render_pdf(markdown_typst, run, werk / PDF_NAAM, typst_map, cache_map)
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
                _variabelen(run, "typst"),
                werk / SAMENVATTING_NAAM,
                werk / "samenvatting",
                run.params.documentdatum,
            ):
                voortgang.console.print(f"[yellow]typst (samenvatting): {w}[/yellow]")
            shutil.rmtree(werk / "samenvatting")
            voortgang.stap("samenvatting", f"{SAMENVATTING_NAAM} geschreven")

            beschrijving = manifest(run, notebooks, Path(hoofdstukken or paths.CHAPTERS_FILE))
            tabellen = tabellen_uit_notebooks([u.uitvoer for u in uitgevoerd])
            schrijf_werkboek(werk / XLSX_NAAM, tabellen, werkboek_over(run, beschrijving))
            voortgang.stap("xlsx", f"{XLSX_NAAM} geschreven ({len(tabellen)} tabellen)")

            beschrijving["rapport_sha256"] = rapport_sha256(werk)
            # every name of the text blocks with its value: what the next edition's changes chapter compares with
            _schrijf_json(werk / "velden.json", velden_json(run, resultaten.naar_dict()))
            _schrijf_json(werk / "manifest.json", beschrijving)
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


__all__ = ["render_report", "RenderUitkomst", "RenderFout", "HoofdstukFout"]
