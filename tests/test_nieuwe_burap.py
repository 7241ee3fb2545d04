"""nieuwe-burap: the next run's params from the previous one, and the data it still needs."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml
from helpers import POLITIE_2024, voeg_periode_burap1_2025_toe, voeg_politie_2024_toe, voeg_verzuim_2025_toe

from vt_analysis.basis import paths
from vt_analysis.invoer.data import PER_BEGROTINGSJAAR, PER_PEILJAAR, PER_VORIG_JAAR, VEROUDEREND
from vt_analysis.invoer.params import load_params
from vt_analysis.invoer.run import load_run


@pytest.fixture
def vorige(tmp_path):
    """The BURAP 2 2024 params in a folder of their own (the new file is written beside them)."""
    map_ = tmp_path / "params"
    map_.mkdir()
    return shutil.copy(paths.DEFAULT_PARAMS, map_ / "burap2-2024.yaml")


def _voeg_burap1_2025_toe(data):
    """The data edits the command asks for: the new period and the verzuim of its year (the same edits as
    the README test in test_robuust, which computes the new run in full)."""
    voeg_periode_burap1_2025_toe(data)
    voeg_verzuim_2025_toe(data)
    voeg_politie_2024_toe(data)


def test_lists_what_the_data_lack_then_validates_once_added(cli, vorige, data_copy, tekst_copy, uitgave_burap2):
    args = ("nieuwe-burap", "--van", vorige, "--naam", "burap1-2025", "--peilmoment", "BURAP 1 2025")
    code, out, err = cli(*args, "--data", data_copy)
    nieuw = vorige.parent / "burap1-2025.yaml"
    assert code == 2 and nieuw.is_file()
    assert f"parameters: {nieuw}" in out
    teksten = sorted(p.name for p in (tekst_copy / "burap2-2024").iterdir())
    assert teksten and sorted(p.name for p in (tekst_copy / "burap1-2025").iterdir()) == teksten  # the set to edit
    ontbreekt = err.strip().splitlines()[1:-1]
    assert len(ontbreekt) == 2 + len(POLITIE_2024) + len(PER_PEILJAAR) + 1, err
    assert "wachttijden.yaml: beginstand voor peilmoment 'BURAP 1 2025' ontbreekt" in ontbreekt[-1]
    assert "volumes.csv: periode 'BURAP 1 2025' (peilmoment, prognose.basis_periode) ontbreekt" in ontbreekt[0]
    assert "kengetallen.yaml: kengetal verzuim_pct heeft geen 2025" in ontbreekt[1]
    for naam, regel in zip(PER_PEILJAAR, ontbreekt[-3:-1], strict=True):  # the measured legal-term shares
        assert f"kengetallen.yaml: kengetal {naam} heeft geen 2025 (gemeten op peilmoment" in regel
    for naam, regel in zip(POLITIE_2024, ontbreekt[2:-3], strict=True):  # every police figure, of its year
        assert f"kengetallen.yaml: kengetal {naam} heeft geen 2024 (laatste afgesloten jaar vóór peilmoment" in regel
    # The begroting's agreements stay those of 2025: listed to confirm, each with its value.
    overgenomen = out[out.index("ongewijzigd overgenomen") :].splitlines()[1:]
    assert [r.split(": ")[1].split(" ")[0] for r in overgenomen if "kengetallen.yaml" in r] == list(PER_BEGROTINGSJAAR)
    assert "kengetallen.yaml: klanttevredenheid_cijfer 2025: 7,50 cijfer" in out

    params = load_params(nieuw)
    assert (params.run_naam, params.peilmoment, params.documentdatum) == ("burap1-2025", "BURAP 1 2025", date.today())
    assert params.prognose.basis_periode == "BURAP 1 2025"  # it followed the old peilmoment
    assert params.besluit_periode == load_params(vorige).besluit_periode
    assert params.vorige_run == "burap2-2024.yaml"
    assert "# de laatste stand van de meldingen" in nieuw.read_text(encoding="utf-8")  # comments kept
    code, _, err = cli("validate", "--params", nieuw, "--data", data_copy)
    assert code == 2 and "BURAP 1 2025" in err

    _voeg_burap1_2025_toe(data_copy)
    voor = nieuw.read_bytes()
    code, out, err = cli(*args, "--data", data_copy)
    assert code == 0, err
    assert "(bestond al, niet overschreven)" in out and nieuw.read_bytes() == voor
    assert cli("validate", "--params", nieuw, "--data", data_copy)[0] == 0  # the README test computes it in full


def test_without_peilmoment_only_name_and_date_change(cli, vorige, data_copy, tekst_copy, uitgave_burap2):
    code, _, err = cli("nieuwe-burap", "--van", vorige, "--naam", "burap2-2024-herzien", "--data", data_copy)
    assert code == 0, err
    oud = yaml.safe_load(vorige.read_text(encoding="utf-8"))
    nieuw = yaml.safe_load((vorige.parent / "burap2-2024-herzien.yaml").read_text(encoding="utf-8"))
    verschil = {k for k in oud.keys() | nieuw.keys() if oud.get(k) != nieuw.get(k)}
    assert verschil <= {"run_naam", "documentdatum", "vorige_run", "vorige_uitgave"}
    assert nieuw["vorige_uitgave"] is None  # the previous run's own output folder, not the one before it
    assert nieuw["run_naam"] == "burap2-2024-herzien" and nieuw["documentdatum"] == date.today()


@pytest.mark.parametrize(
    ("args", "verwacht"),
    [
        (("--naam", "Burap 1"), "sleutel run_naam"),
        (("--naam", "burap2-2024"), "is de naam van de vorige run"),
        (("--peilmoment", "x"), "verplicht, maar niet gegeven: --naam"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_write_nothing(cli, vorige, tekst_copy, args, verwacht):
    voor = sorted(vorige.parent.iterdir()), sorted(tekst_copy.iterdir())
    code, _, err = cli("nieuwe-burap", "--van", vorige, *args)
    assert code == 2 and len(err.strip().splitlines()) == 1 and verwacht in err, err
    assert (sorted(vorige.parent.iterdir()), sorted(tekst_copy.iterdir())) == voor


def test_new_edition_shows_no_figure_of_the_old_peilmoment(cli, vorige, data_copy, tekst_copy):
    """BURAP 1 2025 from the shipped BURAP 2 2024: every figure that ages comes from the year the new run
    asks for; none of the 2023 police figures the old edition showed appears under the new label."""
    args = ("nieuwe-burap", "--van", vorige, "--naam", "burap1-2025", "--peilmoment", "BURAP 1 2025")
    cli(*args, "--data", data_copy)
    voeg_periode_burap1_2025_toe(data_copy)
    voeg_verzuim_2025_toe(data_copy)
    code, _, err = cli("validate", "--params", vorige.parent / "burap1-2025.yaml", "--data", data_copy)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "kengetallen.yaml, sleutel politie_aandeel_meldingen_pct: geen waarde voor 2024 (laatste afgesloten" in err
    voeg_politie_2024_toe(data_copy)
    oud = load_run(vorige, data_copy).data.kengetallen
    nieuw = load_run(vorige.parent / "burap1-2025.yaml", data_copy).data.kengetallen
    bestand = load_run(vorige, data_copy).data.kengetallen_bestand
    for naam in VEROUDEREND:
        jaar = 2024 if naam in PER_VORIG_JAAR else 2025
        assert getattr(nieuw, naam) == getattr(bestand, naam)[jaar], naam
    for naam in PER_VORIG_JAAR:
        assert getattr(nieuw, naam).waarde == POLITIE_2024[naam][0] != getattr(oud, naam).waarde, naam
        assert getattr(oud, naam) == getattr(bestand, naam)[2023]


def test_params_edited_round_trip_keep_every_comment_and_the_order(cli, vorige, data_copy, tekst_copy, uitgave_burap2):
    """ruamel.yaml edits the keys in place: every comment of the previous params survives, also one the
    programmateam added, and the keys keep their order; only the values nieuwe-burap sets change."""
    oud = vorige.read_text(encoding="utf-8").replace(
        "normset: regionaal ", "# eigen aantekening van het programmateam\nnormset: regionaal "
    )
    vorige.write_text(oud, encoding="utf-8")
    cli("nieuwe-burap", "--van", vorige, "--naam", "burap1-2025", "--peilmoment", "BURAP 1 2025", "--data", data_copy)
    nieuw = (vorige.parent / "burap1-2025.yaml").read_text(encoding="utf-8")
    commentaar = [r[r.index("#") :] for r in oud.splitlines() if "#" in r]
    assert [c for c in commentaar if c not in nieuw] == []
    assert "# eigen aantekening van het programmateam\nnormset: regionaal" in nieuw
    sleutels = [r.split(":")[0] for r in oud.splitlines() if r and r[0].isalpha()]
    assert [r.split(":")[0] for r in nieuw.splitlines() if r and r[0].isalpha()] == sleutels
    veranderd = [r for r in nieuw.splitlines() if r not in oud.splitlines()]
    assert sorted(r.split(":")[0].strip() for r in veranderd) == [
        "basis_periode",
        "documentdatum",
        "peilmoment",
        "run_naam",
        "vorige_run",
        "vorige_uitgave",
    ], veranderd
