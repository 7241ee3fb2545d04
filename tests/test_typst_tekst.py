"""Text from params reaches a Typst string literal (the PDF's author) as typed: no markup escapes left in it,
and a quote or backslash cannot end the string early."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import typst
from pypdf import PdfReader

from vt_analysis.basis import paths
from vt_analysis.bouw import typst_pdf
from vt_analysis.bouw.pandoc_omzetten import RenderFout
from vt_analysis.bouw.typst_pdf import typst_tekenreeks


@pytest.mark.parametrize(
    "auteur",
    ["Team #1 *x* _y_", 'Het "programmateam"', "a \\ b \\\\ c \\", "https://x.nl/y // z", "$x^2$ @ref <a> [b] ~`c`"],
)
def test_author_in_the_pdf_metadata_is_the_text_as_typed(tmp_path, auteur):
    bron = tmp_path / "t.typ"
    bron.write_text(f'#set document(title: [t], author: "{typst_tekenreeks(auteur)}")\nTekst\n', encoding="utf-8")
    typst.compile(str(bron), output=str(tmp_path / "t.pdf"))
    assert PdfReader(tmp_path / "t.pdf").metadata["/Author"] == auteur


def test_a_line_break_in_a_string_becomes_a_space():
    assert typst_tekenreeks("Team\nVeilig Thuis") == "Team Veilig Thuis"


@pytest.mark.parametrize("sjabloon", ["impactanalyse.typ", "samenvatting.typ"])
def test_templates_put_only_string_escaped_variables_in_strings(sjabloon):
    """Inside "…" only a variable escaped for a string (-tekenreeks) or a fixed keyword (status) may stand."""
    tekst = (paths.TEMPLATE_DIR / sjabloon).read_text(encoding="utf-8")
    in_tekenreeks = re.findall(r'"\$([a-z-]+)\$"', tekst)
    assert in_tekenreeks, "the template names the author in a string"
    assert all(n.endswith("-tekenreeks") or n in ("status", "lang", "region") for n in in_tekenreeks), in_tekenreeks


def _compileer(tmp_path, bron: str):
    (tmp_path / "doc.typ").write_text(bron, encoding="utf-8")
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    with pytest.raises(RenderFout) as fout:
        typst_pdf.compileer(tmp_path / "doc.typ", tmp_path / "impactanalyse.pdf", tmp_path, moment)
    melding = str(fout.value)
    assert "\n" not in melding.strip()
    return melding


def test_a_failing_pdf_step_names_the_chapter(tmp_path):
    melding = _compileer(
        tmp_path, "#set document(title: [t])\n= Inleiding <i>\nTekst\n\n= Wacht\\#tijden <w>\nMeer #foo(\n"
    )
    assert melding.startswith(
        "de PDF-stap (impactanalyse.pdf) faalt bij hoofdstuk 'Wacht#tijden' (regel 6 van doc.typ)"
    )


def test_a_failing_pdf_step_names_the_figure_file(tmp_path):
    (tmp_path / "figuur-3.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect', encoding="utf-8")
    bron = '#set document(title: [t])\n= Inleiding\n#figure(image("figuur-3.svg"), caption: [x])\n'
    assert "faalt bij het bestand figuur-3.svg" in _compileer(tmp_path, bron)


def test_a_failing_pdf_step_before_the_first_chapter_names_the_title_page(tmp_path):
    melding = _compileer(tmp_path, '#set document(title: [t])\n#text(fill: "rood")[x]\n= Inleiding\n')
    assert "faalt bij de titelpagina (regel 2 van doc.typ; titel, auteur en andere velden uit de params)" in melding
