"""Fuzz: hypothesis perturbs the shipped data files and params (bytes, CSV cells, YAML keys and numbers,
lines) and runs ``compute --json`` in process. Every outcome is exit 0 with strict JSON, or exit 2 with
one Dutch line; never a traceback, another exit code or a hang.

To keep it quick the params copy simulates the minimum 100 queue-model replications and compares two
scenarios; everything else is the shipped run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from vt_analysis.basis import paths
from vt_analysis.cli import main

# 200 fixed examples in every test run (about a fifth validate and are computed in full); set
# VT_FUZZ_VOORBEELDEN for more and VT_FUZZ_WILLEKEURIG=1 for fresh random ones.
AANTAL = int(os.environ.get("VT_FUZZ_VOORBEELDEN", "200"))
WILLEKEURIG = os.environ.get("VT_FUZZ_WILLEKEURIG") == "1"


def _basis() -> dict[str, bytes]:
    params = yaml.safe_load(paths.DEFAULT_PARAMS.read_text(encoding="utf-8"))
    params["wachttijden"] = {**params.get("wachttijden", {}), "replicaties": 100}
    scenarios = params["vergelijking"]["scenarios"]
    params["vergelijking"]["scenarios"] = [scenarios[1], scenarios[-1]]
    params["vergelijking"]["gevoeligheid"]["scenario"] = scenarios[-1]["naam"]
    bestanden = {
        f"data/{p.name}": p.read_bytes() for p in sorted(paths.DATA_DIR.iterdir()) if p.suffix in (".csv", ".yaml")
    }
    bestanden["params.yaml"] = yaml.safe_dump(params, allow_unicode=True, sort_keys=False).encode("utf-8")
    return bestanden


BASIS = _basis()
NAMEN = sorted(BASIS)
CSV_NAMEN = [n for n in NAMEN if n.endswith(".csv")]
YAML_NAMEN = [n for n in NAMEN if n.endswith(".yaml")]

WAARDEN = st.sampled_from(
    [
        "",
        "0",
        "-0",
        "-1",
        "1",
        "0.0",
        "1e308",
        "1.0e+308",
        "-1.0e+308",
        "nan",
        ".nan",
        "inf",
        ".inf",
        "-.inf",
        "4_400",
        "010",
        "0x1F",
        "1:30",
        str(10**23),
        "99999999999999999999",
        "2024-02-30",
        "1e-300",
        "1.0e-300",
        "<img src=http://127.0.0.1:9/x>",
        "![x](http://127.0.0.1:9/y.png)",
        '"',
        "'",
        ";",
        ",",
        "\t",
        "null",
        "~",
        "[]",
        "{}",
        "- a",
        "&a x",
        "*a",
        "true",
        "ja",
        "Triage",
        "realisatie",
        "begroting",
        "x" * 300,
        "é",
        "\u202e",
    ]
)
TEKST = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
CEL = st.one_of(WAARDEN, TEKST, st.integers(-(10**6), 10**25).map(str), st.floats(allow_nan=True).map(repr))


@st.composite
def verstoring(draw) -> dict[str, bytes]:
    bestanden = dict(BASIS)
    soort = draw(st.sampled_from(["bytes", "cel", "getal", "sleutel", "regel"]))
    if soort == "bytes":
        naam = draw(st.sampled_from(NAMEN))
        b = bytearray(bestanden[naam])
        i = draw(st.integers(0, len(b)))
        actie = draw(st.sampled_from(["weg", "erin", "vervang"]))
        n = draw(st.integers(1, 8))
        nieuw = draw(st.binary(min_size=1, max_size=n))
        if actie == "weg":
            del b[i : i + n]
        elif actie == "erin":
            b[i:i] = nieuw
        else:
            b[i : i + len(nieuw)] = nieuw
        bestanden[naam] = bytes(b)
    elif soort == "cel":
        naam = draw(st.sampled_from(CSV_NAMEN))
        regels = bestanden[naam].decode("utf-8").splitlines()
        r = draw(st.integers(0, len(regels) - 1))
        cellen = re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", regels[r])
        k = draw(st.integers(0, len(cellen) - 1))
        cellen[k] = draw(CEL)
        regels[r] = ",".join(cellen)
        bestanden[naam] = ("\n".join(regels) + "\n").encode("utf-8")
    elif soort == "getal":
        naam = draw(st.sampled_from(YAML_NAMEN))
        tekst = bestanden[naam].decode("utf-8")
        getallen = list(re.finditer(r"(?<=[\s:\[,{])-?\d+(\.\d+)?(?=[\s,\]}]|$)", tekst))
        m = draw(st.sampled_from(getallen))
        bestanden[naam] = (tekst[: m.start()] + draw(CEL) + tekst[m.end() :]).encode("utf-8")
    elif soort == "sleutel":
        naam = draw(st.sampled_from(YAML_NAMEN))
        tekst = bestanden[naam].decode("utf-8")
        sleutels = list(re.finditer(r"(?m)(?<=[\s{,])([A-Za-z_][A-Za-z0-9_]*)(?=:)", tekst))
        m = draw(st.sampled_from(sleutels))
        nieuw = draw(st.one_of(st.sampled_from([m.group(1) + "x", m.group(1).upper(), "", "2025", "Triage"]), TEKST))
        bestanden[naam] = (tekst[: m.start()] + nieuw + tekst[m.end() :]).encode("utf-8")
    else:
        naam = draw(st.sampled_from(NAMEN))
        regels = bestanden[naam].decode("utf-8").splitlines()
        i = draw(st.integers(0, len(regels) - 1))
        actie = draw(st.sampled_from(["weg", "dubbel", "wissel"]))
        if actie == "weg":
            del regels[i]
        elif actie == "dubbel":
            regels.insert(i, regels[i])
        else:
            j = draw(st.integers(0, len(regels) - 1))
            regels[i], regels[j] = regels[j], regels[i]
        bestanden[naam] = ("\n".join(regels) + "\n").encode("utf-8")
    return bestanden


def _weiger(token):
    raise ValueError(f"geen strikte JSON: {token}")


@pytest.fixture(scope="module", autouse=True)
def zelfde_invoer_een_keer_berekend():
    """Many perturbations that validate leave the validated run as it was (a changed comment, bron or line
    order): such a run is computed once. The key is everything ``bereken_resultaten`` reads, pickled, so only
    an equal validated run is reused; every example still loads, validates and writes its JSON."""
    from vt_analysis.model import resultaten

    bereken = resultaten.bereken_resultaten
    berekend: dict[bytes, object] = {}

    def een_keer(run):
        d = run.data
        sleutel = pickle.dumps(
            (run.params, d.volumes, d.normen, d.kengetallen, d.claims, [p.name for p in d.bestanden()])
        )
        if sleutel not in berekend:
            berekend[sleutel] = bereken(run)
        return berekend[sleutel]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(resultaten, "bereken_resultaten", een_keer)
        yield


@settings(
    max_examples=AANTAL,
    deadline=None,
    derandomize=not WILLEKEURIG,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(verstoring())
@pytest.mark.langzaam
def test_elke_verstoring_is_exit_0_met_strikte_json_of_exit_2_met_een_regel(bestanden):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data").mkdir()
        for naam, inhoud in bestanden.items():
            (root / naam).write_bytes(inhoud)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["compute", "--params", str(root / "params.yaml"), "--data", str(root / "data"), "--json"])
    fout = err.getvalue()
    event(f"exit {code}")
    assert "Traceback" not in fout, fout
    if code == 0:
        assert fout == "", fout
        json.loads(out.getvalue(), parse_constant=_weiger)
    else:
        assert code == 2, fout
        assert out.getvalue() == ""
        regels = fout.strip().splitlines()
        assert len(regels) == 1 and regels[0].startswith("fout: "), fout
