"""What-ifs: kept apart from the real edition, marked on every page, counts scaled with the mix kept,
plausibility warnings for counts that break a relation or jump."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import edit_file

from vt_analysis.basis import paths
from vt_analysis.invoer.run import load_run
from vt_analysis.invoer.watals import SPRONG_FACTOR, plausibiliteit, verschillen

PARAMS = paths.DEFAULT_PARAMS
PEIL = "BURAP 2 2024,2024,prognose,4998,"


def test_shipped_data_are_plausible(standaard_run):
    assert plausibiliteit(standaard_run.data) == []


def test_an_extra_zero_and_a_broken_relation_are_warnings_not_errors(cli, data_copy):
    edit_file(data_copy / "volumes.csv", "4599,3879,", "45990,3879,")  # an extra 0 in 2023's meldingen
    edit_file(data_copy / "volumes.csv", PEIL + "4170,", PEIL + "5170,")  # overdragen above meldingen
    code, out, err = cli("validate", "--params", PARAMS, "--data", data_copy)
    assert code == 0 and "alles in orde" in out and err == ""
    waarschuwingen = [r for r in out.splitlines() if r.startswith("let op: ")]
    assert any(
        "'Realisatie 2023': meldingen 45.990 tegen 4.171 in 'Realisatie 2022', een sprong" in r for r in waarschuwingen
    )
    assert any("'BURAP 2 2024': overdragen (5.170) is meer dan de meldingen (4.998)" in r for r in waarschuwingen)
    assert f"factor {str(SPRONG_FACTOR).replace('.', ',')}" in out
    assert "Wat-als: gegevens uit " in out


def test_meldingen_plus_ten_percent_keeps_the_mix_and_raises_the_need(params_copy):
    """+10% meldingen with the same mix: every count of the peilmoment 10% up, so the work per melding stays
    and the required formation rises (scaling the meldingen column alone would lower it)."""
    from vt_analysis.model.resultaten import bereken_resultaten

    with params_copy.open("a", encoding="utf-8") as f:
        f.write("wat_als:\n  omschrijving: meldingen tien procent hoger\n  meldingen_pct: 10\n")
    echt, watals = load_run(PARAMS), load_run(params_copy)
    a = echt.data.volumes.set_index("periode").loc["BURAP 2 2024"]
    b = watals.data.volumes.set_index("periode").loc["BURAP 2 2024"]
    assert b["meldingen"] == round(a["meldingen"] * 1.1)
    for telling in ("overdragen", "onderzoek", "adviezen"):
        assert b[telling] / b["meldingen"] == pytest.approx(a[telling] / a["meldingen"], abs=1e-3)
    ra = bereken_resultaten(echt, wachtrijmodel=False).periode("BURAP 2 2024")
    rb = bereken_resultaten(watals, wachtrijmodel=False).periode("BURAP 2 2024")
    assert rb["fte_regionaal"] == pytest.approx(ra["fte_regionaal"] * 1.1, rel=2e-3)
    assert verschillen(watals.params, watals.data.directory) == [
        "meldingen tien procent hoger",
        "alle tellingen van BURAP 2 2024 +10% (de mix per melding gelijk)",
    ]


def test_a_what_if_names_its_data_folder_without_a_path_of_the_machine(tmp_path, monkeypatch):
    """The mark on every page, the manifest and the cache keys name a what-if's data folder as the edition does:
    relative to the repository, else by its name (one named like the run's own is called another folder);
    never the machine's path, and the same words from any working folder."""
    from vt_analysis.bouw.render import rapport_sleutel
    from vt_analysis.bouw.render_stappen import _data_dir_in_uitgave
    from vt_analysis.bouw.verify import data_bestanden
    from vt_analysis.opslag.sleutels import Bronnen

    elders = tmp_path / "ergens" / "wat-als-meldingen"
    shutil.copytree(paths.DATA_DIR, elders)
    gelijknamig = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, gelijknamig)
    teksten, sleutels = {}, {}
    for werkmap in (paths.ROOT, tmp_path / "ergens"):
        monkeypatch.chdir(werkmap)
        for map_ in (elders, gelijknamig):
            run = load_run(PARAMS, map_)
            teksten[werkmap, map_] = (verschillen(run.params, map_)[0], _data_dir_in_uitgave(run))
            bronnen = Bronnen.van(data_bestanden(map_), PARAMS, None, paths.CHAPTERS_FILE, [], None)
            sleutels[werkmap, map_] = rapport_sleutel(run, bronnen, paths.CHAPTERS_FILE, wat_als=True)
    for (werkmap, map_), (merk, in_hoofdstuk) in teksten.items():
        assert str(tmp_path) not in merk and str(tmp_path) not in in_hoofdstuk
        assert teksten[paths.ROOT, map_] == (merk, in_hoofdstuk)
        assert sleutels[paths.ROOT, map_] == sleutels[werkmap, map_]
    assert teksten[paths.ROOT, elders] == ("gegevens uit wat-als-meldingen/ in plaats van data/", "wat-als-meldingen/")
    assert teksten[paths.ROOT, gelijknamig][0] == "gegevens uit een andere map met de naam data/ in plaats van data/"


def test_a_what_if_never_replaces_the_real_edition(tmp_path):
    """Even pointed at the real edition's folder, a what-if stops before it touches it."""
    from vt_analysis.basis.errors import InvoerFout
    from vt_analysis.bouw.publish import Publicatie

    echt = tmp_path / "burap2-2024"
    echt.mkdir()
    (echt / "manifest.json").write_text(json.dumps({"wat_als": None}))
    with pytest.raises(InvoerFout, match="is de echte uitgave van deze run; een wat-als schrijft daar niet overheen"):
        with Publicatie(tmp_path, "burap2-2024", wat_als=True):
            pass
    (echt / "manifest.json").write_text(json.dumps({"wat_als": ["gegevens uit x"]}))
    with Publicatie(tmp_path, "burap2-2024", wat_als=True) as pub:  # an earlier what-if: replaced
        (pub.werkmap / "manifest.json").write_text("{}")
        pub.publiceer()


@pytest.mark.render
def test_data_render_is_a_marked_what_if_in_its_own_folder(tmp_path, data_copy, monkeypatch):
    """render --data: the real edition stays byte-identical; the what-if lands in report/output/wat-als/ and
    says so on the title page, on every PDF page, in the HTML and on the workbook's first sheet."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from vt_analysis.bouw.render import render_report

    root = tmp_path / "output"
    echt = root / "burap2-2024"
    echt.mkdir(parents=True)
    (echt / "manifest.json").write_text(json.dumps({"wat_als": None}))
    (echt / "impactanalyse.html").write_text("de echte uitgave")
    voor = {p.name: p.read_bytes() for p in echt.iterdir()}
    monkeypatch.setattr(paths, "OUTPUT_DIR", root)
    edit_file(data_copy / "volumes.csv", PEIL, "BURAP 2 2024,2024,prognose,5498,")
    lijst = tmp_path / "hoofdstukken.yaml"
    lijst.write_text("hoofdstukken:\n  - 01-samenvatting.ipynb\n  - 90-methode-en-bronnen.ipynb\n", encoding="utf-8")

    uitkomst = render_report(PARAMS, data_copy, stil=True, hoofdstukken=lijst)
    assert uitkomst.directory == root / "wat-als" / "burap2-2024"
    assert {p.name: p.read_bytes() for p in echt.iterdir()} == voor
    merk = "BURAP 2 2024 meldingen 4.998 → 5.498"
    html = uitkomst.html.read_text(encoding="utf-8")
    assert html.count("Wat-als: gegevens uit ") == 2 and merk in html  # the banner and the title block
    paginas = [p.extract_text() for p in PdfReader(uitkomst.pdf).pages]
    assert len(paginas) > 2 and all("Wat-als" in p for p in paginas)
    assert merk in " ".join(paginas[0].split())
    blad = load_workbook(uitkomst.xlsx).worksheets[0]
    assert blad["A3"].value == "Wat-als" and merk in blad["B3"].value
    import zipfile

    with zipfile.ZipFile(uitkomst.directory / "impactanalyse.docx") as docx:
        teksten = [n for n in docx.namelist() if n.startswith("word/") and n.endswith(".xml")]  # not the fonts
        woord = " ".join(docx.read(n).decode("utf-8") for n in teksten)
    assert merk in woord and "Wat-als · " in woord  # the title page and the footer of every page
    assert json.loads((uitkomst.directory / "manifest.json").read_text())["wat_als"][0].startswith("gegevens uit ")
    shutil.rmtree(uitkomst.directory)


def test_what_if_pointed_at_the_real_output_folder_stops(cli, tmp_path, data_copy, monkeypatch, standaard_resultaten):
    """render --data … --output report/output: one line, exit 2, the real edition untouched (the data copy is
    the shipped data, so its results come from the session's cache)."""
    root = tmp_path / "output"
    echt = root / "burap2-2024"
    echt.mkdir(parents=True)
    (echt / "manifest.json").write_text(json.dumps({"wat_als": None}))
    monkeypatch.setattr(paths, "OUTPUT_DIR", root)
    code, _, err = cli("render", "--params", PARAMS, "--data", data_copy, "--output", root)
    fouten = [r for r in err.splitlines() if r.startswith("fout:")]
    assert code == 2 and len(fouten) == 1 and "is de echte uitgave van deze run" in fouten[0]
    assert sorted(p.name for p in echt.iterdir()) == ["manifest.json"]
