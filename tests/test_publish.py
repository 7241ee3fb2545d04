"""Publishing a run folder: atomic swap, one render per run, leftovers removed, nothing of the user's moved."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

import pytest

from vt_analysis.basis import paths
from vt_analysis.basis.errors import InvoerFout, OmgevingsFout
from vt_analysis.bouw import publish
from vt_analysis.bouw.publish import Publicatie

PARAMS = paths.DEFAULT_PARAMS


def _fout_regel(err: str) -> str:
    """A render's stderr has progress lines; the error is one line starting with 'fout:', no traceback."""
    fouten = [r for r in err.splitlines() if r.startswith("fout:")]
    assert len(fouten) == 1 and "Traceback" not in err, err
    return fouten[0]


def _rapport(map_: Path, inhoud: str) -> None:
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "manifest.json").write_text("{}")
    (map_ / "impactanalyse.html").write_text(inhoud)


def _publiceer(root: Path, inhoud: str) -> Path:
    with Publicatie(root, "run") as pub:
        (pub.werkmap / "manifest.json").write_text("{}")
        (pub.werkmap / "impactanalyse.html").write_text(inhoud)
        return pub.publiceer()


def test_eerste_en_tweede_publicatie(tmp_path):
    doel = _publiceer(tmp_path, "een")
    assert (doel / "impactanalyse.html").read_text() == "een"
    _publiceer(tmp_path, "twee")
    assert (doel / "impactanalyse.html").read_text() == "twee"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.lock", "run"]


def test_verwisselen_is_een_stap(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _rapport(a, "nieuw")
    _rapport(b, "oud")
    publish.verwissel(a, b)
    assert (b / "impactanalyse.html").read_text() == "nieuw" and (a / "impactanalyse.html").read_text() == "oud"


@pytest.mark.parametrize("moment", ["voor", "na"])
def test_onderbreking_rond_het_verwisselen(tmp_path, monkeypatch, moment):
    """Ctrl-C just before or just after the swap: the run folder is complete (old or new), nothing else stays."""
    _rapport(tmp_path / "run", "oud")
    echt = publish.verwissel

    def onderbroken(nieuw, doel):
        if moment == "na":
            echt(nieuw, doel)
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "verwissel", onderbroken)
    with pytest.raises(KeyboardInterrupt):
        _publiceer(tmp_path, "nieuw")
    assert (tmp_path / "run" / "impactanalyse.html").read_text() == ("nieuw" if moment == "na" else "oud")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.lock", "run"]


def test_restanten_van_kill_9_worden_opgeruimd(tmp_path):
    for naam in (".run.tmp-abcd1234", ".run-abcd1234", ".run.oud-4242"):
        (tmp_path / naam / "notebooks").mkdir(parents=True)
    (tmp_path / ".run-b.tmp-abcd1234").mkdir()  # another run's working folder: not ours to remove
    (tmp_path / ".ander-bestand").write_text("van de gebruiker")
    _publiceer(tmp_path, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ander-bestand", ".run-b.tmp-abcd1234", ".run.lock", "run"]


def test_tweede_render_van_dezelfde_run_stopt(tmp_path):
    with Publicatie(tmp_path, "run"):
        with pytest.raises(OmgevingsFout, match="run run wordt al gerenderd"):
            Publicatie(tmp_path, "run").__enter__()
    with Publicatie(tmp_path, "andere-run"):  # other runs are not blocked
        pass


def test_slot_van_een_ander_proces(tmp_path):
    fd = os.open(tmp_path / ".run.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(OmgevingsFout):
            Publicatie(tmp_path, "run").__enter__()
    finally:
        os.close(fd)
    _publiceer(tmp_path, "nu wel")


@pytest.mark.parametrize("soort", ["bestand", "symlink", "vreemde map"])
def test_iets_in_de_weg_wordt_niet_verplaatst(tmp_path, soort):
    doel = tmp_path / "run"
    if soort == "bestand":
        doel.write_text("van de gebruiker")
    elif soort == "symlink":
        (tmp_path / "elders").mkdir()
        doel.symlink_to(tmp_path / "elders")
    else:
        doel.mkdir()
        (doel / "scriptie.docx").write_text("van de gebruiker")
    with pytest.raises(InvoerFout, match="staat in de weg"):
        _publiceer(tmp_path, "nieuw")
    if soort == "bestand":
        assert doel.read_text() == "van de gebruiker"
    elif soort == "symlink":
        assert doel.is_symlink()
    else:
        assert (doel / "scriptie.docx").exists()
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_cli_render_output_is_een_bestand(cli, tmp_path):
    bestand = tmp_path / "output"
    bestand.write_text("geen map")
    code, out, err = cli("render", "--params", PARAMS, "--output", bestand)
    assert code == 2 and "--output moet een map zijn" in _fout_regel(err)
    assert bestand.read_text() == "geen map"


def test_cli_render_bestand_in_de_weg(cli, tmp_path):
    (tmp_path / "burap2-2024").write_text("van de gebruiker")
    code, out, err = cli("render", "--params", PARAMS, "--output", tmp_path)
    assert code == 2 and "burap2-2024: staat in de weg: een bestand" in _fout_regel(err)


@pytest.mark.parametrize(
    ("fout", "tekst"),
    [(errno.ENOSPC, "de schijf is vol"), (errno.EROFS, "alleen-lezen"), (errno.EACCES, "geen toegang")],
)
def test_cli_render_schijf_vol_of_alleen_lezen(cli, tmp_path, monkeypatch, fout, tekst):
    # As root a chmod'ed folder stays writable, so the first write of the render is made to fail.
    def weiger(*args, **kwargs):
        raise OSError(fout, os.strerror(fout), str(tmp_path / "x"))

    monkeypatch.setattr(publish.tempfile, "mkdtemp", weiger)
    code, out, err = cli("render", "--params", PARAMS, "--output", tmp_path)
    assert code == 1 and tekst in _fout_regel(err)


def test_run_naam_blijft_in_de_outputmap(cli, tmp_path, params_copy):
    from helpers import edit_file

    edit_file(params_copy, "run_naam: burap2-2024", "run_naam: ../../etc")
    uit = tmp_path / "output"
    code, out, err = cli("render", "--params", params_copy, "--output", uit)
    assert code == 2 and "sleutel run_naam" in err
    assert not uit.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["params.yaml"]


@pytest.mark.render
@pytest.mark.parametrize(("sig", "code", "woord"), [("SIGTERM", 143, "beëindigd"), ("SIGINT", 130, "onderbroken")])
def test_signaal_tijdens_render_ruimt_op(tmp_path, sig, code, woord):
    """SIGTERM or Ctrl-C while chapters run: one line, exit 143/130, no leftovers, previous report untouched."""
    import signal
    import subprocess
    import time

    root = tmp_path / "output"
    _rapport(root / "burap2-2024", "vorig rapport")
    proces = subprocess.Popen(
        [str(paths.ROOT / ".venv/bin/vt-analysis"), "render", "--params", str(PARAMS), "--output", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell without job control starts background commands with SIGINT ignored, and Python keeps an
        # ignored SIGINT; give the render the default, as a terminal would, whatever started this test.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    grens = time.monotonic() + 120
    while not list(root.glob(".burap2-2024.tmp-*/notebooks")) and time.monotonic() < grens:
        time.sleep(0.1)
    assert proces.poll() is None, proces.communicate()
    time.sleep(1.0)  # kernels are running now
    begin = time.monotonic()
    proces.send_signal(getattr(signal, sig))
    out, err = proces.communicate(timeout=60)
    assert proces.returncode == code, err
    assert time.monotonic() - begin < 30
    assert woord in _fout_regel(err)
    import re

    ruis = [r for r in err.splitlines() if not r.startswith("fout:") and not re.match(r"\s*[\d,]+ s ", r)]
    assert not ruis, ruis  # only progress lines and the one error line
    assert sorted(p.name for p in root.iterdir()) == [".burap2-2024.lock", "burap2-2024"]
    assert (root / "burap2-2024" / "impactanalyse.html").read_text() == "vorig rapport"


def test_eigen_bestand_in_de_runmap_blijft(tmp_path):
    """Notes the user put in the run folder survive the next render (and the one after)."""
    doel = _publiceer(tmp_path, "een")
    (doel / "notities-db.txt").write_text("van de gebruiker")
    (doel / "bijlagen").mkdir()
    (doel / "bijlagen" / "brief.pdf").write_text("ook")
    _publiceer(tmp_path, "twee")
    _publiceer(tmp_path, "drie")
    assert (doel / "impactanalyse.html").read_text() == "drie"
    assert (doel / "notities-db.txt").read_text() == "van de gebruiker"
    assert (doel / "bijlagen" / "brief.pdf").read_text() == "ook"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.lock", "run"]


def test_wat_een_vorige_render_schreef_verdwijnt_wel(tmp_path):
    """A file the previous render wrote and this one does not is the render's: it goes."""
    with Publicatie(tmp_path, "run") as pub:
        (pub.werkmap / "manifest.json").write_text("{}")
        (pub.werkmap / "oud-formaat.docx").write_text("van de render")
        doel = pub.publiceer()
    assert "oud-formaat.docx" in __import__("json").loads((doel / "manifest.json").read_text())["bestanden"]
    _publiceer(tmp_path, "twee")
    assert not (doel / "oud-formaat.docx").exists()


def test_rapport_zonder_bestandenlijst_houdt_alles_wat_de_render_niet_schrijft(tmp_path):
    _rapport(tmp_path / "run", "oud")  # a report of an older version: its manifest lists nothing
    (tmp_path / "run" / "notities.txt").write_text("van de gebruiker")
    doel = _publiceer(tmp_path, "nieuw")
    assert (doel / "notities.txt").read_text() == "van de gebruiker"
    assert (doel / "impactanalyse.html").read_text() == "nieuw"


def test_eigen_bestand_met_de_naam_van_een_renderbestand_wordt_geweigerd(tmp_path):
    doel = _publiceer(tmp_path, "een")
    manifest = doel / "manifest.json"
    manifest.write_text('{"bestanden": ["manifest.json"]}')  # as if impactanalyse.html were the user's
    with pytest.raises(InvoerFout, match="impactanalyse.html: is niet door vt-analysis geschreven"):
        _publiceer(tmp_path, "twee")
    assert (doel / "impactanalyse.html").read_text() == "een"


def test_mislukte_verwisseling_laat_eigen_bestanden_in_het_vorige_rapport(tmp_path, monkeypatch):
    doel = _publiceer(tmp_path, "een")
    (doel / "notities.txt").write_text("van de gebruiker")

    def vol(nieuw, doel_):
        raise OSError(errno.ENOSPC, "vol", str(doel_))

    monkeypatch.setattr(publish, "verwissel", vol)
    with pytest.raises(OmgevingsFout):
        _publiceer(tmp_path, "twee")
    assert (doel / "notities.txt").read_text() == "van de gebruiker"
    assert (doel / "impactanalyse.html").read_text() == "een"


def test_outputmap_wordt_gecontroleerd_voor_er_gerekend_wordt(cli, tmp_path, monkeypatch):
    """An unwritable output folder is one plain line naming it, before any computation starts."""
    from vt_analysis.model import resultaten

    def weiger(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path / "uit" / ".vt-analysis-schrijftest-x"))

    def niet_rekenen(*args, **kwargs):
        raise AssertionError("er wordt gerekend voor de outputmap gecontroleerd is")

    monkeypatch.setattr(publish.tempfile, "TemporaryFile", weiger)
    monkeypatch.setattr(resultaten, "bereken_resultaten", niet_rekenen)
    code, out, err = cli("render", "--params", PARAMS, "--output", tmp_path / "uit")
    regel = _fout_regel(err)
    assert code == 1
    assert "outputmap" in regel and "uit: kan er niet in schrijven (het bestandssysteem is alleen-lezen)" in regel
    assert ".tmp" not in regel and "schrijftest" not in regel


@pytest.mark.parametrize("fout", [errno.ENOSYS, errno.EINVAL])
def test_zonder_renameat2_verwisselen_twee_hernoemingen(tmp_path, monkeypatch, fout):
    """Where renameat2 is missing (ENOSYS) or the file system cannot exchange (EINVAL), publishing still works:
    first and second publication, the previous report gone afterwards, nothing else left."""
    gevraagd = []

    def ontbreekt(bron, doel, vlag):
        gevraagd.append(vlag)
        raise OSError(fout, os.strerror(fout), str(doel))

    monkeypatch.setattr(publish, "_renameat2", ontbreekt)
    doel = _publiceer(tmp_path, "een")
    _publiceer(tmp_path, "twee")
    assert gevraagd == [publish.RENAME_NOREPLACE, publish.RENAME_EXCHANGE]  # the fallback really ran
    assert (doel / "impactanalyse.html").read_text() == "twee"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.lock", "run"]
    a, b = tmp_path / "a", tmp_path / "b"
    _rapport(a, "nieuw")
    _rapport(b, "oud")
    publish.verwissel(a, b)
    assert (b / "impactanalyse.html").read_text() == "nieuw" and (a / "impactanalyse.html").read_text() == "oud"


def test_andere_fout_van_renameat2_gaat_niet_naar_de_terugval(tmp_path, monkeypatch):
    def vol(bron, doel, vlag):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(doel))

    monkeypatch.setattr(publish, "_renameat2", vol)
    monkeypatch.setattr(publish, "_verwissel_zonder", lambda *a: pytest.fail("terugval bij ENOSPC"))
    with pytest.raises(OmgevingsFout):
        _publiceer(tmp_path, "een")


def test_kill_tussen_de_twee_hernoemingen_zet_het_vorige_rapport_terug(tmp_path):
    """A render killed after moving the previous report aside: the next render of the run puts it back first
    (and a leftover aside that is no report is removed as before)."""
    _rapport(tmp_path / f".run.oud-{os.getpid() + 1}", "vorige")
    with Publicatie(tmp_path, "run"):
        assert (tmp_path / "run" / "impactanalyse.html").read_text() == "vorige"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.lock", "run"]
