"""The one way a Typst source becomes a PDF here: the project's fonts only, a fixed timestamp, PDF/UA-1."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import typst

from vt_analysis.basis.paths import font_dir
from vt_analysis.bouw.pandoc_omzetten import RenderFout

# Every character that starts Typst markup or code, and the backslash itself. '/' too: Typst makes a link of
# a bare https:// and '//' starts a comment.
_TYPST_MARKUP = '\\#[]*_$@<>~`"/'


def typst_inhoud(tekst: str) -> str:
    """Plain text as Typst content: every markup character escaped, so a name from data prints as typed."""
    for teken in _TYPST_MARKUP:
        tekst = tekst.replace(teken, "\\" + teken)
    return tekst


def typst_tekenreeks(tekst: str) -> str:
    """Plain text inside a Typst string literal (``author: "…"``): only ``\\`` and ``"`` are escaped there, the
    string's own escapes. :func:`typst_inhoud`'s markup escapes would stay in the string as backslashes (the
    PDF's author would read ``Team \\#1``); a line break becomes a space, as in a one-line metadata field."""
    tekst = tekst.replace("\\", "\\\\").replace('"', '\\"')
    return " ".join(tekst.splitlines())


def compileer(bron: Path, doel: Path, root: Path, moment: datetime) -> list[str]:
    """Write ``doel`` from ``bron`` and return Typst's warnings. The fonts are the project's own and the
    timestamp is the document date, so the same source gives the same bytes on every machine; PDF/UA-1 makes
    the PDF accessible (tagged, alt texts, language), as Dutch public bodies are required to publish."""
    try:
        _, waarschuwingen = typst.compile_with_warnings(
            str(bron),
            output=str(doel),
            root=str(root),
            font_paths=[str(font_dir())],
            ignore_system_fonts=True,
            timestamp=int(moment.timestamp()),
            pdf_standards="ua-1",
        )
    except typst.TypstError as exc:
        raise RenderFout(f"de PDF-stap ({doel.name}) faalt bij {_plek(exc.diagnostic, bron)}: {exc.message}") from None
    return [w.message for w in waarschuwingen]


_SPAN = re.compile(r"┌─ (?P<bestand>[^\n]+?):(?P<regel>\d+):(?P<kolom>\d+)")


def _plek(diagnostic: str, bron: Path) -> str:
    """The input a Typst error comes from, as a person finds it: the chapter (the last heading before the
    error's line in the generated source), the title page (before the first heading: params fields), or the
    figure file; the whole document when Typst names no place (a PDF/UA check of the document)."""
    span = _SPAN.search(diagnostic or "")
    if span is None:
        return f"het document als geheel ({bron.name})"
    regel = int(span["regel"])
    if Path(span["bestand"]).name != bron.name:
        return f"het bestand {Path(span['bestand']).name} (regel {regel})"
    try:
        voor = bron.read_text(encoding="utf-8").splitlines()[:regel]
    except OSError:
        return f"regel {regel} van {bron.name}"
    kop = next((r for r in reversed(voor) if r.startswith("= ")), None)
    if kop is None:
        return f"de titelpagina (regel {regel} van {bron.name}; titel, auteur en andere velden uit de params)"
    titel = re.sub(r"\\(.)", r"\1", re.sub(r"\s*<[^<>]*>\s*$", "", kop[2:])).strip()  # unescaped, no label
    return f"hoofdstuk {titel!r} (regel {regel} van {bron.name})"
