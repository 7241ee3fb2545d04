"""Text blocks cannot exhaust the machine or escape: every hostile block of the catalogue is one Dutch line
naming the block's file and line, exit code 2, found by ``validate`` (which renders every block once with the
run's figures) before ``render`` computes or executes anything; a fuzz of expressions holds the sandbox to it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.tekst import blokken as tekst
from vt_analysis.tekst import tekstgrens
from vt_analysis.tekst.velden import Bron

PARAMS = paths.DEFAULT_PARAMS
BLOK = "aanleiding"  # a block a chapter shows: the hostile text replaces it


@pytest.fixture
def tekstset(tmp_path: Path, monkeypatch) -> Path:
    kopie = tmp_path / "tekst"
    shutil.copytree(tekst.TEKST_DIR, kopie)
    monkeypatch.setattr(tekst, "TEKST_DIR", kopie)
    return kopie / "burap2-2024"


def _validate_fout(cli) -> str:
    code, out, err = cli("validate", "--params", PARAMS)
    assert code == 2, (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("fout: ")
    return err.strip()


# (block text, the line it fails on, what the message says); the catalogue's cases and their relatives
CATALOGUS = [
    ("Tekst.\n{{ 9 ** (9 ** 9) }}\n", 2, "een getal wordt te groot"),
    ("{{ 10 ** 5000 }}\n", 1, "een getal wordt te groot"),
    ("{{ 2 ** 100 * 2 ** 100 * 2 ** 100 }}\n", 1, "een getal wordt te groot"),
    ('{{ "%0999999999d" % 1 }}\n', 1, "'%' op tekst"),
    ('{{ "%s" % regio }}\n', 1, "'%' op tekst"),
    ("{% set x = [1] %}\n{{ x * 100000000 }}\n", 2, "een lijst wordt te lang"),
    ('{{ "a" * 300000000 }}\n', 1, "een tekst wordt te lang"),
    ('{{ 300000000 * "a" }}\n', 1, "een tekst wordt te lang"),
    ("{% set a = 'x' * 90000 %}\n{{ a ~ a }}\n", 2, "een tekst wordt te lang"),
    ("{% set a = 'x' * 90000 %}\n{{ a + a }}\n", 2, "een tekst wordt te lang"),
    (
        "{% set x = [1] * 10000 %}\n{% for a in x %}{% for b in x %}{% endfor %}{% endfor %}\n",
        2,
        "te veel stappen",
    ),
    (
        "{% set x = 'abcdefghij' * 10000 %}{% for a in x %}{% for b in x %}{{ b }}{% endfor %}{% endfor %}\n",
        1,
        "te veel stappen",
    ),
    ("{{ 1 | round(-999999999) }}\n", 1, "decimalen, verwacht een geheel getal van -10 tot en met 10"),
    ("{{ tekort_2026_fte | fte(999999999) }}\n", 1, "decimalen"),
    ("{{ tekort_2026_fte | pct(-5000) }}\n", 1, "decimalen"),
    ("{{ 1e308 * 10 }}\n", 1, "geen eindig getal"),
    ("{{ (-8) ** 0.5 }}\n", 1, "geen reëel getal"),
    ("{{ 1 / 0 }}\n", 1, "kan niet worden uitgerekend"),
    ("{{ [1, 2] }}\n", 1, "toont een lijst"),
    ("{{ tekort_2026_fte > 0 }}\n", 1, "toont een ja/nee-waarde"),
]


@pytest.mark.parametrize(("inhoud", "regel", "verwacht"), CATALOGUS, ids=lambda x: x if isinstance(x, str) else "")
def test_grens_is_een_regel_met_bestand_en_regel(standaard_resultaten, tekstset, inhoud, regel, verwacht):
    """Rendered against the run's figures (what validate and render do): one InvoerFout, file and line named."""
    (tekstset / f"{BLOK}.md").write_text(inhoud, encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        tekst.vul_tekstset_in(_run(), standaard_resultaten)
    assert f"{BLOK}.md, regel {regel}: " in str(fout.value) and verwacht in str(fout.value), str(fout.value)


def _run():
    from vt_analysis.invoer.run import load_run

    return load_run(PARAMS)


# Found before anything renders: the parser's limits and the statements a block may not use.
VOORAF = [
    ('{% include "/etc/passwd" %}\n', 1, "{% include %} is niet toegestaan"),
    ('{% extends "/etc/passwd" %}\n', 1, "{% extends %} is niet toegestaan"),
    ('{% from "x" import y %}\n', 1, "{% from %} is niet toegestaan"),
    ("a\n{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}\n", 2, "{% macro %} is niet toegestaan"),
    ("{% macro f(n) %}{{ f(n) ~ f(n) }}{% endmacro %}\n", 1, "{% macro %} is niet toegestaan"),
    ("{{ self }}\n", 1, "'self' is een interne naam van Jinja"),
    ("{% for x in regio %}\n{{ loop }}{% endfor %}\n", 2, "'loop' is een interne naam van Jinja"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}\n", 1, "te diep genest"),
    ("{{ " + "[" * 3000 + "]" * 3000 + " }}\n", 1, "te diep genest"),
    ("{% if 1 %}" * 40 + "{% endif %}" * 40 + "\n", 1, "te diep genest"),
    ("{{ " + "1 + " * 3000 + "1 }}\n", 1, "een placeholder is te lang"),
    ("{{ " + "-" * 3000 + "1 }}\n", 1, "een placeholder is te lang"),
    ("{{ " + "9" * 5000 + " }}\n", 1, "een getal van meer dan 40 cijfers"),
    ("a\n\x00\n", 2, "bevat een NUL-teken"),
]


@pytest.mark.parametrize(("inhoud", "regel", "verwacht"), VOORAF, ids=range(len(VOORAF)))
def test_validate_weigert_voor_het_invullen(cli, tekstset, inhoud, regel, verwacht):
    (tekstset / f"{BLOK}.md").write_text(inhoud, encoding="utf-8")
    err = _validate_fout(cli)
    assert f"{BLOK}.md, regel {regel}: " in err and verwacht in err, err


@pytest.mark.parametrize(
    ("inhoud", "regel", "verwacht"),
    [
        ("{% if tekort_2026_fte > 0 %}a{% endfi %}\n", 1, "onbekende opdracht {% endfi %} (bedoelde je {% endif %}?)"),
        ("{% if tekort_2026_fte > 0 %}\na\n", 2, "het blok wordt niet gesloten voor het eind van het bestand"),
        ("{% for x in regio %}{% endif %}\n", 1, "{% endif %} staat op de verkeerde plek, verwacht eerst"),
        ("{{ regio \n", 1, "de placeholder sluit niet, verwacht '}}'"),
        ("{{ regio peilmoment }}\n", 1, "verwacht '}}', maar hier staat 'peilmoment'"),
        ("{{ regio ) }}\n", 1, "verwacht een naam, getal of tekst, maar hier staat ')'"),
        ("{{ (regio ] }}\n", 1, "onverwachte ']', verwacht eerst ')'"),
        ("{{ $x^2$ }}\n", 1, "het teken '$' kan niet in een placeholder staan"),
        ("{{ }}\n", 1, "verwacht een naam, getal of tekst, maar hier staat '}}'"),
        ("{% %}\n", 1, "na '{%' hoort een opdracht"),
        ("{% set 1 = 2 %}\n", 1, "na {% set %} hoort een naam"),
        ("{# commentaar\n", 1, "een commentaar '{#' wordt niet gesloten"),
        ('{{ "abc }}\n', 1, "het teken '\"' kan niet in een placeholder staan"),
    ],
)
def test_syntaxfout_in_het_nederlands(cli, tekstset, inhoud, regel, verwacht):
    """Jinja's syntax errors in Dutch, at their line: no English word of Jinja's reaches the user."""
    (tekstset / f"{BLOK}.md").write_text(inhoud, encoding="utf-8")
    err = _validate_fout(cli)
    assert f"{BLOK}.md, regel {regel}: {verwacht}" in err, err
    assert not re.search(r"\b(Encountered|expected|unexpected|Jinja was|token|template|got)\b", err), err


def test_ontbrekend_blok_met_suggestie(cli, tekstset):
    (tekstset / "samenvatting.md").rename(tekstset / "samenvating.md")
    err = _validate_fout(cli)
    assert "samenvatting.md: tekstblok 'samenvatting' ontbreekt (bedoelde je 'samenvating.md'?)" in err


def test_extra_blok_met_suggestie(cli, tekstset):
    (tekstset / "conclusies.md").write_text("Een blok dat niemand toont.\n", encoding="utf-8")
    err = _validate_fout(cli)
    assert "conclusies.md: tekstblok 'conclusies' wordt door geen hoofdstuk getoond (bedoelde je 'conclusie'?)" in err


def test_blok_moet_een_gewoon_bestand_in_de_set_zijn(cli, tekstset, tmp_path):
    buiten = tmp_path / "buiten.md"
    buiten.write_text("geheim\n", encoding="utf-8")
    (tekstset / f"{BLOK}.md").unlink()
    (tekstset / f"{BLOK}.md").symlink_to(buiten)
    assert f"{BLOK}.md: is een symbolische link" in _validate_fout(cli)
    (tekstset / f"{BLOK}.md").unlink()
    os.mkfifo(tekstset / f"{BLOK}.md")
    assert f"{BLOK}.md: is geen gewoon bestand" in _validate_fout(cli)
    (tekstset / f"{BLOK}.md").unlink()
    (tekstset / f"{BLOK}.md").write_bytes(b"a" * (tekstgrens.MAX_BLOK_BYTES + 1))
    assert f"{BLOK}.md: is {tekstgrens.MAX_BLOK_BYTES + 1} bytes groot" in _validate_fout(cli)


def test_tekstset_als_symlink_naar_buiten(cli, tekstset, tmp_path):
    buiten = tmp_path / "buiten"
    shutil.move(tekstset, buiten)
    tekstset.symlink_to(buiten)
    assert "sleutel tekstset: 'burap2-2024' is geen tekstset" in _validate_fout(cli)


def test_render_weigert_wat_validate_weigert_voor_er_iets_draait(cli, tekstset, tmp_path, standaard_resultaten):
    """A block that only fails with the run's figures: render says the same line as validate (exit 2) before a
    chapter executes, and writes nothing."""
    (tekstset / f"{BLOK}.md").write_text(
        "{% if tekort_2026_fte > 0 %}\n{{ 'a' * 300000000 }}\n{% endif %}\n", encoding="utf-8"
    )
    regel = _validate_fout(cli)
    assert f"{BLOK}.md, regel 2: placeholder geweigerd: een tekst wordt te lang" in regel
    code, out, err = cli("render", "--params", PARAMS, "--output", tmp_path / "uit")
    assert code == 2 and err.strip().splitlines()[-1] == regel  # after the progress lines
    assert not (tmp_path / "uit" / "burap2-2024").exists()


# --- fuzz: any expression the grammar makes is text or one InvoerFout ---------------------------------------

_GETALLEN = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["9", "99", "0", "1.5", "1e308", "-1", "tekort_2026_fte", "kosten_per_fte_euro"]),
)
_TEKSTEN = st.sampled_from(['"a"', "'%s'", '"%0999d"', "regio", "peilmoment", '"x" * 1000', "[1, 2, 3]"])


def _expressie(diepte: int = 3):
    blad = st.one_of(_GETALLEN, _TEKSTEN)
    if diepte == 0:
        return blad
    kind = st.deferred(lambda: _expressie(diepte - 1))
    return st.one_of(
        blad,
        st.tuples(kind, st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "~", ">", "=="]), kind).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(kind, st.sampled_from(["fte", "pct(2)", "getal(3)", "round(-3)", "abs", "upper", "euro"])).map(
            lambda t: f"({t[0]} | {t[1]})"
        ),
    )


_BLOKVORM = st.one_of(
    _expressie().map(lambda e: f"{{{{ {e} }}}}\n"),
    st.tuples(_expressie(2), _expressie(2)).map(lambda t: f"{{% for x in {t[0]} %}}{{{{ {t[1]} }}}}{{% endfor %}}\n"),
    st.tuples(_expressie(2), _expressie(2)).map(
        lambda t: f"{{% set y = {t[0]} %}}{{% if y %}}{{{{ {t[1]} }}}}{{% endif %}}\n"
    ),
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(_BLOKVORM)
def test_elke_expressie_is_tekst_of_een_regel(standaard_run, standaard_resultaten, tmp_path_factory, inhoud):
    map_ = tmp_path_factory.mktemp("fuzz")
    pad = map_ / "blok.md"
    pad.write_text(inhoud, encoding="utf-8")
    bron = Bron(standaard_run, standaard_resultaten.naar_dict())
    try:
        tekst.controleer_blok(pad, inhoud, tekst.namen(standaard_run))
        uitvoer = tekstgrens.vul_in(tekst.omgeving(), inhoud, tekst._context(tekst.velden(bron)))
    except InvoerFout as fout:
        assert "blok.md" in str(fout) and "\n" not in str(fout)
    except tekstgrens.GrensFout:
        pass  # render_blok names file and line (tested above)
    except (TypeError, ValueError, ArithmeticError):
        pass  # render_blok: "kan niet worden uitgerekend" (tested above)
    else:
        assert len(uitvoer) <= tekstgrens.MAX_UITVOER
        assert not re.search(r"<(LoopContext|TemplateReference|function|built-in|jinja2)", uitvoer), uitvoer
