"""The Dutch YAML messages follow the installed LibYAML: each problem the translation table knows is still
one LibYAML (or PyYAML's composer) raises, word for word, so a library update cannot silently turn a
Dutch message back into English."""

import pytest
from helpers import edit_file

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout
from vt_analysis.invoer.yamllaag import _YAML_NL, load_yaml

# One file per problem of the table that makes the installed library raise exactly that problem.
VOORBEELDEN = {
    "mapping values are not allowed in this context": "a: b: c\n",
    "could not find expected ':'": "a: 1\nb\nc: 2\n",
    "found unexpected end of stream": 'a: "abc\n',
    "did not find expected key": "a:\n  b: 1\n c: 2\n",
    "did not find expected '-' indicator": "a:\n  - 1\n  b: 2\n",
    "block sequence entries are not allowed in this context": "a: - 1\n",
    "did not find expected ',' or ']'": "a: [1, 2\nb: 3\n",
    "did not find expected ',' or '}'": "a: {x: 1\nb: 3\n",
    "did not find expected node content": "a: [ , ]\n",
    "did not find expected <document start>": "a: 1\n...\nb\n",
    "found unknown escape character": 'a: "\\q"\n',
    "second occurrence": "a: &x 1\nb: &x 2\n",
    "but found another document": "a: 1\n---\nb: 2\n",
    "found incompatible YAML document": "%YAML 2.0\n---\na: 1\n",
    "found a tab character that violates indentation": "a: x\n\ty\n",
    "found a tab character where an indentation space is expected": "a: |\n  x\n\ty\n",
    "exceeded maximum nesting depth": "a: " + "[" * 2000 + "]" * 2000 + "\n",
    "did not find expected alphabetic or numeric character": "a: & 1\n",
    "did not find expected comment or line break": "a: | x\n",
    "did not find expected whitespace or line break": "a: !<tag>x\n",
    "found unexpected ':'": "a: [x:?]\n",
    "mapping keys are not allowed in this context": "a: ? b\n",
    "could not find expected directive name": "% \na: 1\n",
    "found unknown directive name": "%FOO bar\n---\na: 1\n",
    "did not find expected hexdecimal number": 'a: "\\xZZ"\n',
}


def test_every_translated_problem_has_an_example():
    assert set(VOORBEELDEN) == set(_YAML_NL)


@pytest.mark.parametrize("probleem", sorted(_YAML_NL))
def test_the_library_still_raises_each_translated_problem(tmp_path, probleem):
    bestand = tmp_path / "x.yaml"
    bestand.write_text(VOORBEELDEN[probleem], encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        load_yaml(bestand)
    melding = str(fout.value)
    assert f"geen geldige YAML: {_YAML_NL[probleem]}" in melding, melding
    assert probleem not in melding


def test_a_thousands_dot_in_a_figure_is_refused_with_its_key(cli, data_copy):
    """YAML reads ``104.000`` as 104.0; a Dutch reader means 104000. A float field would take it silently."""
    edit_file(data_copy / "kengetallen.yaml", "{waarde: 104000, eenheid: euro", "{waarde: 104.000, eenheid: euro")
    code, _, err = cli("validate", "--params", paths.DEFAULT_PARAMS, "--data", data_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "kengetallen.yaml, sleutel kosten_per_fte_euro.2025.waarde: 104.000 is dubbelzinnig" in err
    assert "104.000 is dubbelzinnig: schrijf 104000 als duizendtallen bedoeld zijn (zonder punt)" in err
    assert "of 104.0 als een decimaal getal bedoeld is" in err


@pytest.mark.parametrize("tekst", ["0.125", "12.5", "1.50", "1500", "2.0e+3"])
def test_plain_decimals_stay_numbers(tmp_path, tekst):
    bestand = tmp_path / "x.yaml"
    bestand.write_text(f"a: {{b: [{tekst}]}}\n", encoding="utf-8")
    assert load_yaml(bestand) == {"a": {"b": [float(tekst)]}}
