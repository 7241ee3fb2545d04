"""The title page's fields and pandoc's template variables: the same plain text in HTML, PDF and Word,
escaped for the target (HTML entities, or Typst content by :func:`typst_pdf.typst_inhoud`)."""

from __future__ import annotations

import html

from vt_analysis.basis import formatting as fmt
from vt_analysis.bouw.typst_pdf import typst_inhoud, typst_tekenreeks
from vt_analysis.invoer.run import Run
from vt_analysis.invoer.watals import is_wat_als, merktekst

ILLUSTRATIEF_TEKST = (
    "de waarden van de hefbomen van procesoptimalisatie (richting C) in dit document zijn voorbeelden, "
    "geen afspraken of metingen"
)


def _titel_zonder_breuk(titel: str, doel: str) -> str:
    """The title with every hyphenated word kept on one line ("Zuid-Holland-Zuid" never breaks)."""
    esc = typst_inhoud if doel == "typst" else html.escape
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


def variabelen(run: Run, doel: str) -> list[str]:
    p = run.params
    esc = typst_inhoud if doel == "typst" else html.escape
    waarden = titelvelden(run)
    if p.status == "concept":
        waarden["concept"] = "ja"
    if p.illustratief:
        waarden["illustratief"] = ILLUSTRATIEF_TEKST
    args = []
    for naam, waarde in waarden.items():
        args += ["-V", f"{naam}={esc(waarde)}"]
    args += ["-V", f"title-{doel}={_titel_zonder_breuk(p.titel, doel)}"]
    if doel == "typst":  # the PDF's metadata: a Typst string, not content
        args += ["-V", f"auteur-tekenreeks={typst_tekenreeks(p.auteur)}"]
    return args + ["-V", "lang=nl", "-V", "region=NL"]
