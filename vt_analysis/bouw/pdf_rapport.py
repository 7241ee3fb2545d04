"""The report's PDF: Markdown → Typst (pandoc) → PDF (typst), with a private cache of compiled PDFs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from vt_analysis.basis import paths
from vt_analysis.bouw import typst_pdf
from vt_analysis.bouw.hoofdstukcache import invoer_sha256, omgeving_sha256
from vt_analysis.bouw.pandoc_omzetten import pandoc
from vt_analysis.bouw.titelpagina import variabelen
from vt_analysis.invoer.run import Run
from vt_analysis.opslag import privecache


def render_pdf(
    markdown: str,
    run: Run,
    doel_bestand: Path,
    typst_map: Path,
    cache_map: Path | None = None,
    omgeving: str | None = None,
) -> list[str]:
    """Markdown → Typst (pandoc) → PDF (typst); returns Typst's warnings (e.g. a missing glyph).

    With a ``cache_map``, a PDF of the same Typst source and figures (and environment and date) is
    taken from the cache: typst is deterministic, and a re-render with nothing changed spends most of its
    time here otherwise.
    """
    typst_map.mkdir(parents=True, exist_ok=True)  # also when no chapter has a chart
    bron = typst_map / "impactanalyse.typ"
    bron.write_text(
        pandoc(
            markdown,
            "typst",
            [
                "--lua-filter",
                str(paths.TEMPLATE_DIR / "kolombreedtes.lua"),
                "--template",
                str(paths.TEMPLATE_DIR / "impactanalyse.typ"),
                *variabelen(run, "typst"),
            ],
        ),
        encoding="utf-8",
    )
    moment = datetime.combine(run.params.documentdatum, datetime.min.time(), tzinfo=UTC)
    bewaard = None
    if cache_map is not None:
        omgeving = omgeving or omgeving_sha256()
        sleutel = invoer_sha256(omgeving, str(moment.timestamp()), mappen=[typst_map], basis=typst_map)
        bewaard = cache_map / "pdf" / sleutel
        pdf, meldingen = privecache.lees(bewaard.with_suffix(".pdf")), privecache.lees(bewaard.with_suffix(".json"))
        if pdf is not None and meldingen is not None:
            doel_bestand.write_bytes(pdf)
            return json.loads(meldingen)
    meldingen = typst_pdf.compileer(bron, doel_bestand, typst_map, moment)  # a Typst error: RenderFout naming its place
    if bewaard is not None:
        bewaard.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        privecache.schrijf(bewaard.with_suffix(".pdf"), doel_bestand.read_bytes())
        privecache.schrijf(bewaard.with_suffix(".json"), json.dumps(meldingen).encode("utf-8"))
    return meldingen
