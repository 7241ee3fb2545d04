"""A figure caption reaches the PDF as typed: ``#``, ``$``, ``@``, ``//`` and friends are escaped for Typst by
the one Typst escaper (typst_pdf.typst_inhoud), which the figure captions and the title page share."""

from __future__ import annotations

from datetime import UTC, datetime

from pypdf import PdfReader

from vt_analysis.bouw.typst_pdf import compileer, typst_inhoud

BIJSCHRIFT = "Kosten #1 in $ en @team: 50% // zie https://example.org [a] *b* _c_ <d> `e` ~f \\g"


def test_caption_with_typst_markup_characters_prints_as_typed(tmp_path):
    bron = tmp_path / "fig.typ"
    bron.write_text(
        '#set document(title: "Bijschrift")\n#set text(lang: "nl")\n'
        f'#figure([Inhoud], alt: "Inhoud", caption: [{typst_inhoud(BIJSCHRIFT)}])\n',
        encoding="utf-8",
    )
    pdf = tmp_path / "fig.pdf"
    waarschuwingen = compileer(bron, pdf, tmp_path, datetime(2024, 11, 29, tzinfo=UTC))
    tekst = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert waarschuwingen == []
    for stuk in ("#1", "$", "@team", "50%", "// zie https://example.org", "[a]", "*b*", "_c_", "<d>", "`e`", "~f"):
        assert stuk in tekst, (stuk, tekst)


def test_every_markup_character_is_escaped():
    for teken in '#$@[]*_<>~`"/\\':
        assert typst_inhoud(teken) == "\\" + teken
