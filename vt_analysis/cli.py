"""The ``vt-analysis`` command: validate, compute and render one run of the impactanalyse.

Bad input (data or params) prints one line naming the file, the place, the value and what was
expected, and exits with code 2; nothing is written. A problem of the machine (unreadable folder,
full or read-only disk, a render of the same run already busy) is one line and exit code 1; Ctrl-C
and SIGTERM clean up and exit with 130 and 143. Never a traceback (``VT_ANALYSIS_DEBUG=1`` shows it).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path

from vt_analysis.basis import paths
from vt_analysis.basis.argumenten import ArgumentFout, Parser
from vt_analysis.basis.errors import (
    EXIT_INPUT_ERROR,
    EXIT_OMGEVING,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    InvoerFout,
    OmgevingsFout,
    een_regel,
    os_fout_tekst,
)
from vt_analysis.basis.proces import als_eigen_proces

# The commands import what they need when they run: ``vt-analysis --help`` or a bad argument loads no pandas.


def _versie() -> str:
    from importlib import metadata

    try:
        return metadata.version("vt-analysis")
    except metadata.PackageNotFoundError:
        return "onbekend"


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="vt-analysis",
        description=("Impactanalyse Veilig Thuis: datasets valideren, de rekentool doorrekenen en het rapport maken."),
    )
    parser.add_argument(
        "--version", action="version", version=f"vt-analysis {_versie()}", help="toon de versie en stop"
    )
    sub = parser.add_subparsers(dest="opdracht", required=True, metavar="OPDRACHT", title="opdrachten")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--params",
            required=True,
            type=Path,
            metavar="BESTAND",
            help="parameterbestand van de run (report/params/*.yaml)",
        )
        p.add_argument(
            "--data",
            type=Path,
            default=None,
            metavar="MAP",
            help="map met de datasets (standaard: data_map uit de parameters, anders data/)",
        )

    p = sub.add_parser("validate", help="controleer datasets en parameters en zeg wat gecontroleerd is")
    common(p)
    p = sub.add_parser("compute", help="reken de run door en toon de resultaten")
    common(p)
    p.add_argument("--json", action="store_true", help="resultaten als JSON op stdout (onafgeronde getallen)")
    p = sub.add_parser("velden", help="toon elke naam die een tekstblok kan gebruiken, met waarde en eenheid")
    common(p)
    p.add_argument("--json", action="store_true", help="als JSON op stdout (onafgeronde waarden)")
    p = sub.add_parser("render", help="maak het rapport (HTML en PDF) met papermill")
    common(p)
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="MAP",
        help="map waarin de outputmap van de run komt (standaard: report/output/)",
    )
    p = sub.add_parser("verify", help="controleer of een rapport nog klopt met zijn bronnen en bestanden")
    p.add_argument("run_map", type=Path, metavar="RUN_MAP", help="outputmap van de run (report/output/<run>)")
    p.add_argument(
        "--data", type=Path, default=None, metavar="MAP", help="map met de datasets (standaard: die van de render)"
    )
    p.add_argument(
        "--params", type=Path, default=None, metavar="BESTAND", help="parameterbestand (standaard: dat van de render)"
    )
    p = sub.add_parser(
        "nieuwe-burap",
        help="maak het parameterbestand van een nieuwe BURAP en zeg wat data/ nog mist, of begin een nieuwe regio",
    )
    bron = p.add_mutually_exclusive_group(required=True)
    bron.add_argument("--van", type=Path, metavar="BESTAND", help="parameterbestand van de vorige run")
    bron.add_argument(
        "--regio", metavar="NAAM", help="begin een nieuwe regio uit een leeg sjabloon (gegevens, parameters, teksten)"
    )
    p.add_argument(
        "--map", type=Path, default=None, metavar="MAP", help="map van de nieuwe regio (standaard: regio/<naam>/)"
    )
    p.add_argument("--naam", required=True, metavar="RUN", help="run_naam van de nieuwe run (bijv. burap1-2025)")
    p.add_argument("--peilmoment", default=None, metavar="PERIODE", help="periode in volumes.csv met de nieuwe stand")
    p.add_argument(
        "--data", type=Path, default=None, metavar="MAP", help="map met de datasets (standaard: die van de vorige run)"
    )
    return parser


def _verify(args) -> int:
    from vt_analysis.bouw.verify import verify

    verschillen = verify(args.run_map, args.data, args.params)
    if not verschillen:
        print("actueel")
        return 0
    print(
        f"niet actueel: {len(verschillen)} bestand(en) anders dan bij de render van {paths.display_path(args.run_map)}"
    )
    for verschil in verschillen:
        print(f"  {verschil}")
    return 1


def _nieuwe_regio(args) -> int:
    from vt_analysis.bouw.nieuwe_regio import nieuwe_regio

    for optie, waarde in (("--peilmoment", args.peilmoment), ("--data", args.data)):
        if waarde is not None:
            raise InvoerFout(optie, "", f"{waarde} hoort bij --van, verwacht bij --regio alleen --naam en --map")
    uitkomst = nieuwe_regio(args.regio, args.naam, args.map)
    params = paths.display_path(uitkomst.params_bestand)
    print(f"nieuwe regio: {paths.display_path(uitkomst.map)} (parameters: {params})")
    print(f"in te vullen ({len(uitkomst.te_vullen)}):")
    for regel in uitkomst.te_vullen:
        print(f"  {regel}")
    print(f"daarna: vt-analysis validate --params {params} (noemt wat nog ontbreekt)")
    return 0


def _nieuwe_burap(args) -> int:
    from vt_analysis.bouw.nieuwe_burap import nieuwe_burap

    if args.regio is not None:
        return _nieuwe_regio(args)
    if args.map is not None:
        raise InvoerFout("--map", "", f"{args.map} hoort bij --regio, verwacht bij --van geen --map")
    uitkomst = nieuwe_burap(args.van, args.naam, args.peilmoment, args.data)
    pad = paths.display_path(uitkomst.params_bestand)
    print(f"parameters: {pad}" + ("" if uitkomst.geschreven else " (bestond al, niet overschreven)"))
    if uitkomst.tekstset is not None:
        print(f"tekstset:   {paths.display_path(uitkomst.tekstset)} (pas de teksten hier aan)")
    if uitkomst.overgenomen:
        print(f"ongewijzigd overgenomen van de vorige run, controleer of ze nog gelden ({len(uitkomst.overgenomen)}):")
        for regel in uitkomst.overgenomen:
            print(f"  {regel}")
    if uitkomst.ontbreekt:
        print(f"nog toe te voegen aan de data ({len(uitkomst.ontbreekt)}):", file=sys.stderr)
        for regel in uitkomst.ontbreekt:
            print(f"  {regel}", file=sys.stderr)
        print("voer daarna dezelfde opdracht opnieuw uit om te controleren", file=sys.stderr)
        return EXIT_INPUT_ERROR
    print(f"klaar: make report PARAMS={pad}")
    return 0


def _waarschuw(run, uit=None) -> None:
    """Plausibility warnings (not errors) and what makes the run a what-if: part of validate's report
    (stdout), progress lines of a render (stderr). compute prints only its results."""
    from vt_analysis.invoer.watals import is_wat_als, merktekst, plausibiliteit

    uit = uit or sys.stdout  # looked up now: a test may have replaced it
    for regel in plausibiliteit(run.data):
        print(f"let op: {een_regel(regel)}", file=uit)
    if is_wat_als(run.params, run.data.directory):
        print(een_regel(merktekst(run.params, run.data.directory)), file=uit)


def _validate(args) -> int:
    from vt_analysis.invoer.run import load_run
    from vt_analysis.model.resultaten import resultaten_met_cache

    run = load_run(args.params, args.data)
    _waarschuw(run)
    d = run.data
    print(f"gecontroleerd: {paths.display_path(args.params)} (run {run.params.run_naam!r})")
    print(f"gecontroleerd: {paths.display_path(d.directory / paths.VOLUMES_FILE)} ({len(d.volumes)} perioden)")
    normsets = ", ".join(d.normen.normsets)
    print(f"gecontroleerd: {paths.display_path(d.directory / paths.NORMEN_FILE)} (normsets: {normsets})")
    print(
        f"gecontroleerd: {paths.display_path(d.directory / paths.KENGETALLEN_FILE)} "
        f"({len(type(d.kengetallen).model_fields)} kengetallen)"
    )
    print(f"gecontroleerd: {paths.display_path(d.directory / paths.CLAIMS_FILE)} ({len(d.claims)} uitspraken)")
    from vt_analysis.model.wijzigingen import load_vorige_uitgave
    from vt_analysis.tekst.blokken import controleer_tekstset, tekstset_map, vul_tekstset_in

    controleer_tekstset(run)
    aantal = vul_tekstset_in(run, resultaten_met_cache(run)[0])  # what render would meet, found here
    print(
        f"gecontroleerd: {paths.display_path(tekstset_map(run))} "
        f"({aantal} tekstblokken, elk ingevuld met de cijfers van de run)"
    )
    vorige = load_vorige_uitgave(run)
    if vorige is not None:
        print(f"gecontroleerd: vorige uitgave {paths.display_path(vorige.map)} ({vorige.peilmoment})")
    print("alles in orde")
    return 0


def _compute(args) -> int:
    from vt_analysis.invoer.run import load_run
    from vt_analysis.model.resultaten import resultaten_met_cache

    run = load_run(args.params, args.data)
    resultaten, _ = resultaten_met_cache(run)
    if args.json:
        sys.stdout.write(resultaten.naar_json())
    else:
        from vt_analysis.bouw.terminal import formatie_tabel

        formatie_tabel(resultaten)
    return 0


def _velden(args) -> int:
    from vt_analysis.basis import strikt_json
    from vt_analysis.bouw.terminal import velden_tabel
    from vt_analysis.invoer.run import load_run
    from vt_analysis.tekst.blokken import controleer_tekstset
    from vt_analysis.tekst.velden import json_waarde, velden

    run = load_run(args.params, args.data)
    controleer_tekstset(run)
    alle = velden(run)
    if args.json:
        inhoud = {
            n: {"waarde": json_waarde(v.waarde), "eenheid": v.eenheid, "omschrijving": v.omschrijving}
            for n, v in alle.items()
        }
        sys.stdout.write(strikt_json.tekst(inhoud))
        return 0
    velden_tabel(run.params.run_naam, alle)
    return 0


def _render_fouten() -> tuple[type, type]:
    """A failed chapter and a failed pandoc/typst step: both are raised only after their modules loaded."""
    from vt_analysis.bouw.execute import HoofdstukFout
    from vt_analysis.bouw.pandoc_omzetten import RenderFout

    return HoofdstukFout, RenderFout


def _render(args) -> int:
    from vt_analysis.bouw.render import render_report  # the rendering stack loads only when a report is made
    from vt_analysis.invoer.run import load_run

    run = load_run(args.params, args.data)
    _waarschuw(run, sys.stderr)
    try:
        uitkomst = render_report(args.params, args.data, args.output, run=run)
    except Exception as fout:
        hoofdstuk, render = _render_fouten()
        if not isinstance(fout, (hoofdstuk, render)):
            raise
        # A chapter that stopped on bad input (a data or params error raised inside it) is bad input: exit 2.
        invoer = isinstance(fout, hoofdstuk) and fout.melding.startswith("InvoerFout: ")
        _fout(f"{str(fout).replace('InvoerFout: ', '', 1)}; het vorige rapport is niet aangeraakt")
        return EXIT_INPUT_ERROR if invoer else EXIT_OMGEVING
    print(f"HTML: {paths.display_path(uitkomst.html)}")
    print(f"PDF:  {paths.display_path(uitkomst.pdf)}")
    print(f"XLSX: {paths.display_path(uitkomst.xlsx)}")
    print(f"DOCX: {paths.display_path(uitkomst.docx)}")
    print(f"SAMENVATTING: {paths.display_path(uitkomst.directory / 'samenvatting.pdf')}")
    return 0


class Beeindigd(BaseException):
    """SIGTERM as an exception, so every ``finally`` and cleanup runs as for Ctrl-C."""


def _bij_sigterm(signum, frame):
    raise Beeindigd()


def _fout(tekst: str) -> None:
    print(f"fout: {een_regel(tekst)}", file=sys.stderr)


def _na_signaal(args, code: int) -> int:
    """After an interrupted render the work folder is gone and the kernels are killed; chapter threads
    still waiting on those kernels would only log noise, so the process ends here at once."""
    if args.opdracht == "render":
        from vt_analysis.opslag.sleutels import ruim_tijdelijk_op

        ruim_tijdelijk_op()  # os._exit runs no atexit: a temporary cache folder goes now
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except ArgumentFout as fout:
        print(f"fout: {fout}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except SystemExit as stop:  # --help and --version: printed, done
        return stop.code if isinstance(stop.code, int) else 0
    handler = {
        "validate": _validate,
        "compute": _compute,
        "velden": _velden,
        "render": _render,
        "verify": _verify,
        "nieuwe-burap": _nieuwe_burap,
    }[args.opdracht]
    vorige_sigterm = None
    if threading_main():
        vorige_sigterm = signal.signal(signal.SIGTERM, _bij_sigterm)
    try:
        return handler(args)
    except InvoerFout as fout:
        _fout(str(fout))
        return EXIT_INPUT_ERROR
    except OmgevingsFout as fout:
        _fout(str(fout))
        return EXIT_OMGEVING
    except KeyboardInterrupt:
        _fout("onderbroken (Ctrl-C); tijdelijke bestanden zijn opgeruimd, het vorige rapport is niet aangeraakt")
        return _na_signaal(args, EXIT_SIGINT)
    except Beeindigd:
        _fout("beëindigd (SIGTERM); tijdelijke bestanden zijn opgeruimd, het vorige rapport is niet aangeraakt")
        return _na_signaal(args, EXIT_SIGTERM)
    except OSError as exc:
        _fout(os_fout_tekst(exc))
        return EXIT_OMGEVING
    except (MemoryError, RecursionError) as exc:
        _fout(f"te weinig geheugen of te diep genest ({type(exc).__name__}); is een invoerbestand veel te groot?")
        return EXIT_OMGEVING
    except Exception as exc:  # a bug: still one line, with the way to the traceback
        if os.environ.get("VT_ANALYSIS_DEBUG"):
            traceback.print_exc()
        _fout(f"interne fout ({type(exc).__name__}: {exc}); VT_ANALYSIS_DEBUG=1 toont de traceback")
        return EXIT_OMGEVING
    finally:
        if vorige_sigterm is not None:
            signal.signal(signal.SIGTERM, vorige_sigterm)


def als_proces(argv: list[str] | None = None) -> int:
    """:func:`main` as a process of its own (the ``vt-analysis`` command, ``python -m vt_analysis.cli``), with the
    settings of :mod:`vt_analysis.basis.proces`. Not in :func:`main` itself: a test calling it keeps its own."""
    als_eigen_proces()
    return main(argv)


def threading_main() -> bool:
    """Signal handlers can only be set from the main thread (tests may call main from another)."""
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(als_proces())
