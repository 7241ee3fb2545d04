"""The one way a Typst source becomes a PDF here: the project's fonts only, a fixed timestamp, PDF/UA-1."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typst

from .charts import font_dir

# Every character that starts Typst markup or code, and the backslash itself. '/' too: Typst makes a link of
# a bare https:// and '//' starts a comment.
_TYPST_MARKUP = '\\#[]*_$@<>~`"/'


def typst_inhoud(tekst: str) -> str:
    """Plain text as Typst content: every markup character escaped, so a name from data prints as typed."""
    for teken in _TYPST_MARKUP:
        tekst = tekst.replace(teken, "\\" + teken)
    return tekst


def compileer(bron: Path, doel: Path, root: Path, moment: datetime) -> list[str]:
    """Write ``doel`` from ``bron`` and return Typst's warnings. The fonts are the project's own and the
    timestamp is the document date, so the same source gives the same bytes on every machine; PDF/UA-1 makes
    the PDF accessible (tagged, alt texts, language), as Dutch public bodies are required to publish."""
    _, waarschuwingen = typst.compile_with_warnings(
        str(bron),
        output=str(doel),
        root=str(root),
        font_paths=[str(font_dir())],
        ignore_system_fonts=True,
        timestamp=int(moment.timestamp()),
        pdf_standards="ua-1",
    )
    return [w.message for w in waarschuwingen]
