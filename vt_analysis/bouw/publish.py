"""Publishing a rendered run folder atomically, one render per run at a time.

A render writes into a hidden working folder next to the run folder (``.<run>.tmp-XXXXXXXX``) and
publishes it with one system call: ``renameat2(RENAME_EXCHANGE)`` swaps the new folder with the
previous report, so at every moment ``<output>/<run>/`` is either the complete previous report or
the complete new one, whatever interrupts the render (Ctrl-C, SIGTERM, ``kill -9``, a full disk).
The previous report, now in the working folder, is removed afterwards. Where ``renameat2`` is missing
(another C library or kernel: ENOSYS) or the file system cannot exchange (EINVAL), two renames do it: the
previous report to ``.<run>.oud-<pid>``, the new one into place; a render killed between the two leaves
the previous report there, and the next render of the run puts it back before anything else.

- A lock file per run (``.<run>.lock``, filelock) lets one render of a run work at a time; a second
  one stops at once with one line. The lock dies with its process, so ``kill -9`` leaves no stale lock.
- At the start, under the lock, leftovers of an interrupted or killed render of this run are removed.
- Something in the way (a file or symlink named like the run, or a folder that is no vt-analysis
  report) is an error, never moved or deleted.
- A file the user put in the run folder (notes for the DB, a signed copy) is not the render's: the
  manifest lists what each render wrote (``bestanden``), and everything else in the previous report
  moves into the new one before the swap. A render deletes only what a render wrote.
- The output folder is checked for writing before anything is computed (:func:`controleer_schrijfbaar`).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

import filelock

from vt_analysis.basis.errors import InvoerFout, OmgevingsFout, os_fout_tekst
from vt_analysis.basis.paths import display_path
from vt_analysis.basis.strikt_json import schrijf as schrijf_strikt

AT_FDCWD = -100
RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2
# What a finished report folder always holds: a folder without it was not written by vt-analysis.
KENMERK = "manifest.json"

_libc = ctypes.CDLL(None, use_errno=True)


def _renameat2(bron: Path, doel: Path, vlag: int) -> None:
    functie = getattr(_libc, "renameat2", None)
    if functie is None:
        raise OSError(errno.ENOSYS, "renameat2 ontbreekt in de C-bibliotheek", str(doel))
    if functie(AT_FDCWD, os.fsencode(bron), AT_FDCWD, os.fsencode(doel), vlag) != 0:
        fout = ctypes.get_errno()
        raise OSError(fout, os.strerror(fout), str(doel))


def verwissel(nieuw: Path, doel: Path) -> None:
    """Put ``nieuw`` at ``doel`` in one atomic step; the previous ``doel`` (if any) ends up at ``nieuw``.

    Without ``renameat2`` (ENOSYS) or on a file system that cannot exchange (EINVAL): :func:`_verwissel_zonder`.
    """
    try:
        if os.path.lexists(doel):
            _renameat2(nieuw, doel, RENAME_EXCHANGE)
        else:
            _renameat2(nieuw, doel, RENAME_NOREPLACE)
    except OSError as exc:
        if exc.errno not in (errno.ENOSYS, errno.EINVAL):
            raise
        _verwissel_zonder(nieuw, doel)


def _oud_pad(doel: Path) -> Path:
    return doel.with_name(f".{doel.name}.oud-{os.getpid()}")


def _verwissel_zonder(nieuw: Path, doel: Path) -> None:
    """The swap in two renames (each atomic): the previous report aside, the new one in its place, the
    previous one to ``nieuw``. Between the two, ``doel`` is missing for a moment; :func:`zet_oud_terug` heals a
    render killed right then."""
    if not os.path.lexists(doel):
        os.rename(nieuw, doel)  # a folder appearing meanwhile is not replaced: rename refuses a non-empty one
        return
    oud = _oud_pad(doel)
    os.rename(doel, oud)
    try:
        os.rename(nieuw, doel)
    except BaseException:
        os.rename(oud, doel)
        raise
    os.rename(oud, nieuw)


def zet_oud_terug(output_root: Path, run_naam: str) -> None:
    """A previous report left aside by a swap in two renames that was killed halfway goes back into place."""
    doel = output_root / run_naam
    if os.path.lexists(doel):
        return
    for oud in sorted(output_root.glob(f".{run_naam}.oud-*")):
        if (oud / KENMERK).is_file():
            os.rename(oud, doel)
            return


def _check_doel(doel: Path, wat_als: bool = False) -> None:
    """The run folder may be missing, or be a report folder; anything else is the user's and stays.

    A what-if never replaces a real edition (a report whose manifest has no ``wat_als``).
    """
    try:
        info = os.lstat(doel)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise InvoerFout(doel, "", "staat in de weg: een symbolische link, geen rapportmap; verwijder of hernoem hem")
    if not stat.S_ISDIR(info.st_mode):
        raise InvoerFout(doel, "", "staat in de weg: een bestand, geen rapportmap; verwijder of hernoem het")
    if any(os.scandir(doel)) and not (doel / KENMERK).is_file():
        raise InvoerFout(
            doel, "", f"staat in de weg: een map zonder {KENMERK}, dus geen rapport van vt-analysis; hernoem haar"
        )
    if wat_als and (doel / KENMERK).is_file() and not _is_wat_als(doel):
        raise InvoerFout(
            doel,
            "",
            "is de echte uitgave van deze run; een wat-als schrijft daar niet overheen: kies een andere map met "
            "--output (standaard gaat een wat-als naar report/output/wat-als/)",
        )


def _is_wat_als(map_: Path) -> bool:
    try:
        return bool(json.loads((map_ / KENMERK).read_text(encoding="utf-8")).get("wat_als"))
    except (OSError, ValueError, AttributeError):
        return False


def controleer_schrijfbaar(output_root: Path) -> None:
    """The output folder can take the report: created if missing, a file can be made in it.

    Called before the computation, so an unwritable folder costs no waiting and is named as the user gave it.
    """
    output_root = Path(output_root)
    if os.path.lexists(output_root) and not output_root.is_dir():
        raise InvoerFout(output_root, "", "is geen map; --output moet een map zijn (of nog niet bestaan)")
    try:
        output_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output_root, prefix=".vt-analysis-schrijftest-"):
            pass
    except FileExistsError:
        raise InvoerFout(output_root, "", "een deel van het pad is een bestand; --output moet een map zijn") from None
    except OSError as exc:
        reden = os_fout_tekst(exc).rsplit(": ", 1)[-1]
        raise OmgevingsFout(
            f"outputmap {display_path(output_root)}: kan er niet in schrijven ({reden}); "
            "kies een andere map met --output of geef schrijfrechten"
        ) from None


def _geschreven(map_: Path) -> set[str] | None:
    """The names a render wrote into a report folder, from its manifest; None for a report older than that list."""
    try:
        lijst = json.loads((map_ / KENMERK).read_text(encoding="utf-8")).get("bestanden")
    except (OSError, ValueError, AttributeError):
        return None
    return set(lijst) if isinstance(lijst, list) else None


def _schrijf_bestandenlijst(werkmap: Path) -> list[str]:
    """Add to the new manifest every name the render wrote (the top level of the working folder)."""
    namen = sorted(p.name for p in werkmap.iterdir())
    pad = werkmap / KENMERK
    inhoud = json.loads(pad.read_text(encoding="utf-8"))
    inhoud["bestanden"] = namen
    schrijf_strikt(pad, inhoud)
    return namen


def neem_eigen_bestanden_mee(vorige: Path, werkmap: Path, verplaatst: list[str]) -> None:
    """Move what the user put in the previous report folder into the new one, appending each name to ``verplaatst``.

    The user's is what the previous render did not write (its manifest's ``bestanden``; for an older
    report without that list: everything the new render does not write). A name the new render writes
    too cannot be kept beside it: that is an error naming the file, and nothing is touched.
    """
    if not vorige.is_dir():
        return
    nieuw = {p.name for p in werkmap.iterdir()}
    vorige_render = _geschreven(vorige)
    eigen = [
        p for p in sorted(vorige.iterdir()) if p.name not in (vorige_render if vorige_render is not None else nieuw)
    ]
    botsing = next((p for p in eigen if p.name in nieuw), None)
    if botsing is not None:
        raise InvoerFout(
            botsing,
            "",
            "is niet door vt-analysis geschreven, maar de render schrijft een bestand met die naam; "
            "verplaats of hernoem het, dan gaat er niets verloren",
        )
    for p in eigen:
        os.rename(p, werkmap / p.name)
        verplaatst.append(p.name)


def _terug(werkmap: Path, vorige: Path, namen: list[str]) -> None:
    """Undo :func:`neem_eigen_bestanden_mee` when the new report is not published after all."""
    for naam in namen:
        if os.path.lexists(werkmap / naam) and not os.path.lexists(vorige / naam):
            os.rename(werkmap / naam, vorige / naam)


def _restanten(output_root: Path, run_naam: str) -> list[Path]:
    """Working folders of earlier renders of this run (run names have no dots, so no other run matches)."""
    patroon = re.compile(
        rf"\.{re.escape(run_naam)}\.tmp-[A-Za-z0-9_]+|\.{re.escape(run_naam)}-[a-z0-9_]{{8}}"
        rf"|\.{re.escape(run_naam)}\.oud-\d+"
    )
    return [p for p in output_root.iterdir() if patroon.fullmatch(p.name)]


class Publicatie:
    """``with Publicatie(root, run) as pub:`` render into ``pub.werkmap``, then ``pub.publiceer()``.

    Leaving the block without publishing (an error, Ctrl-C, SIGTERM) removes the working folder;
    the previous report is untouched.
    """

    def __init__(self, output_root: Path | str, run_naam: str, wat_als: bool = False):
        self.root = Path(output_root)
        self.wat_als = wat_als
        self.run_naam = run_naam
        self.doel = self.root / run_naam
        self.werkmap: Path | None = None
        self.behouden: list[str] = []
        self._slot: filelock.BaseFileLock | None = None

    def __enter__(self) -> Publicatie:
        if os.path.lexists(self.root) and not self.root.is_dir():
            raise InvoerFout(self.root, "", "is geen map; --output moet een map zijn (of nog niet bestaan)")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise InvoerFout(self.root, "", "een deel van het pad is een bestand; --output moet een map zijn") from None
        except OSError as exc:
            raise OmgevingsFout(f"outputmap {display_path(self.root)}: {os_fout_tekst(exc)}") from None
        self._sluit_slot()
        try:
            zet_oud_terug(self.root, self.run_naam)
            for restant in _restanten(self.root, self.run_naam):
                shutil.rmtree(restant, ignore_errors=True)
            _check_doel(self.doel, self.wat_als)
            self.werkmap = Path(tempfile.mkdtemp(prefix=f".{self.run_naam}.tmp-", dir=self.root))
            self.werkmap.chmod(0o755)
        except BaseException:
            self._open_slot()
            raise
        return self

    def _sluit_slot(self) -> None:
        pad = self.root / f".{self.run_naam}.lock"
        slot = filelock.FileLock(pad, timeout=0, mode=0o644, thread_local=False)
        try:
            slot.acquire()
        except filelock.Timeout:
            raise OmgevingsFout(
                f"run {self.run_naam} wordt al gerenderd in {display_path(self.root)}; "
                "wacht tot die render klaar is en probeer het dan opnieuw"
            ) from None
        except OSError as exc:
            raise OmgevingsFout(f"slotbestand {display_path(pad)}: {os_fout_tekst(exc)}") from None
        self._slot = slot

    def _open_slot(self) -> None:
        if self._slot is not None:
            self._slot.release()  # releases the lock; the file itself may stay
            self._slot = None

    def publiceer(self) -> Path:
        """Swap the working folder in; the previous report is removed only after the swap.

        The user's own files in the previous report move along into the new one (``self.behouden``).
        """
        assert self.werkmap is not None
        _check_doel(self.doel, self.wat_als)
        _schrijf_bestandenlijst(self.werkmap)
        try:
            neem_eigen_bestanden_mee(self.doel, self.werkmap, self.behouden)
            verwissel(self.werkmap, self.doel)
        except BaseException as exc:
            _terug(self.werkmap, self.doel, self.behouden)  # the user's files stay in the previous report
            self.behouden = []
            if not isinstance(exc, OSError):
                raise
            raise OmgevingsFout(f"publiceren naar {display_path(self.doel)}: {os_fout_tekst(exc)}") from None
        # self.werkmap now holds the previous report (or nothing); __exit__ removes it.
        return self.doel

    def __exit__(self, *exc) -> None:
        try:
            if self.werkmap is not None and os.path.lexists(self.werkmap):
                shutil.rmtree(self.werkmap, ignore_errors=True)
        finally:
            self._open_slot()
