"""nieuwe-burap --regio: a region from an empty template that lists every file and key to fill, and that validate
refuses (one Dutch line naming the first of them) until they are filled."""

from __future__ import annotations

import shutil

import pytest
from ruamel.yaml import YAML

from vt_analysis.basis import paths
from vt_analysis.invoer.params import RunParams
from vt_analysis.invoer.schema_kengetallen import KengetallenBestand
from vt_analysis.invoer.schema_wachttijden import Wachtrijaannames

REGIO = "Noordkust (fictief)"


@pytest.fixture
def sjabloon(cli, tmp_path):
    map_ = tmp_path / "noordkust"
    code, out, err = cli("nieuwe-burap", "--regio", REGIO, "--naam", "burap1-2025", "--map", map_)
    assert code == 0, err
    regels = out.splitlines()
    te_vullen = regels[2 : regels.index(next(r for r in regels if r.startswith("daarna:")))]
    assert regels[1] == f"in te vullen ({len(te_vullen)}):"
    return map_, [r.strip() for r in te_vullen]


def _sleutels(te_vullen: list[str], bestand: str) -> list[str]:
    return [r.split(": ", 1)[1] for r in te_vullen if r.split(": ", 1)[0].endswith(bestand)]


def test_het_sjabloon_vraagt_alles_wat_validate_eist(sjabloon):
    """Complete against validate: every required params key the command does not know, every kengetal and queue
    assumption of the schemas, and exactly the text blocks a valid set has (validate refuses a missing or an extra
    block); every file of the list exists."""
    map_, te_vullen = sjabloon
    bekend = {"run_naam", "titel", "regio"}  # given: --naam and --regio
    verplicht = [n for n, v in RunParams.model_fields.items() if v.is_required() and n not in bekend]
    assert _sleutels(te_vullen, "burap1-2025.yaml") == [*verplicht, "vergelijking.scenarios"]
    assert _sleutels(te_vullen, paths.KENGETALLEN_FILE) == list(KengetallenBestand.model_fields)
    wachttijden = [n for n, v in Wachtrijaannames.model_fields.items() if v.is_required()]
    gevraagd = list(dict.fromkeys(s.split(".")[0] for s in _sleutels(te_vullen, paths.WACHTTIJDEN_FILE)))
    assert gevraagd == [*wachttijden, "beginstand (voor het peilmoment)"]
    geldige_set = sorted(p.name for p in (paths.REPORT_DIR / "tekst" / "burap2-2024").glob("*.md"))
    assert sorted(p.name for p in (map_ / "tekst").iterdir()) == geldige_set
    assert sorted(r.split(": ")[0].rsplit("/", 1)[1] for r in te_vullen if "/tekst/" in r) == geldige_set
    for regel in te_vullen:
        assert (map_ / regel.split(": ")[0].removeprefix(f"{map_}/")).is_file(), regel
    # every data file validate reads is there (the optional ones of data/ apart: risicos, verdeelsleutel, historie)
    verplicht_data = {paths.VOLUMES_FILE, paths.NORMEN_FILE, paths.KENGETALLEN_FILE, paths.CLAIMS_FILE}
    assert verplicht_data | {paths.WACHTTIJDEN_FILE} == {p.name for p in (map_ / "data").iterdir()}


def test_validate_weigert_het_lege_sjabloon_en_noemt_het_eerste(cli, sjabloon):
    map_, te_vullen = sjabloon
    params = map_ / "burap1-2025.yaml"
    code, _, err = cli("validate", "--params", params)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"{params}, sleutel peilmoment: is leeg, verwacht tekst" in err
    assert te_vullen[0] == f"{params}: peilmoment"

    # The params filled in (as the shipped run has them): validate then names the first data key of the list.
    y = YAML()
    inhoud = y.load(params.read_text(encoding="utf-8"))
    echt = y.load(paths.DEFAULT_PARAMS.read_text(encoding="utf-8"))
    for sleutel in _sleutels(te_vullen, "burap1-2025.yaml"):
        if "." not in sleutel:
            inhoud[sleutel] = echt[sleutel]
    inhoud["vergelijking"]["scenarios"] = echt["vergelijking"]["scenarios"]
    with params.open("w", encoding="utf-8") as f:
        y.dump(inhoud, f)
    code, _, err = cli("validate", "--params", params)
    eerste_data = next(r for r in te_vullen if "/data/" in r)
    bestand, sleutel = eerste_data.split(": ", 1)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith(f"fout: {bestand}, sleutel {sleutel}"), (err, eerste_data)


def test_schrijft_nooit_over_bestaande_bestanden(cli, sjabloon):
    map_, _ = sjabloon
    tekst = map_ / "tekst" / "aanleiding.md"
    tekst.write_text("eigen tekst\n", encoding="utf-8")
    (map_ / "burap1-2025.yaml").unlink()  # one file gone, the others there: still nothing written
    voor = sorted(p for p in map_.rglob("*"))
    code, out, err = cli("nieuwe-burap", "--regio", REGIO, "--naam", "burap1-2025", "--map", map_)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "bestaat al, verwacht een nieuwe regio (er is niets geschreven of overschreven)" in err
    assert sorted(p for p in map_.rglob("*")) == voor and tekst.read_text(encoding="utf-8") == "eigen tekst\n"
    shutil.rmtree(map_)


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        (("--regio", REGIO, "--naam", "Burap 1"), "'Burap 1' is geen runnaam"),
        (("--regio", " ", "--naam", "x"), "is geen naam van een regio"),
        (("--regio", REGIO, "--naam", "x", "--peilmoment", "P"), "hoort bij --van"),
        (("--van", "a.yaml", "--regio", REGIO, "--naam", "x"), "argument --regio kan niet samen met --van"),
        (("--naam", "x"), "verplicht, maar niet gegeven: een van --van --regio"),
    ],
)
def test_foute_argumenten_een_regel(cli, tmp_path, args, verwacht):
    code, _, err = cli("nieuwe-burap", *args, "--map", tmp_path / "r")
    assert code == 2 and len(err.strip().splitlines()) == 1 and verwacht in err, err
    assert not (tmp_path / "r").exists()
