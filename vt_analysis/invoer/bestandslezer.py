"""Reading one input file safely: regular files only, bounded in size, UTF-8 text without NUL bytes.

Every loader of ``data/``, the params and the text blocks reads through here, so a FIFO, a device, a
folder, a symlink loop or a huge file is one line, never a hang or a memory error.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from vt_analysis.basis.errors import InvoerFout, OmgevingsFout, os_fout_tekst
from vt_analysis.basis.paths import display_path

# An input file is a few kilobytes; anything past this is a mistake (or /dev/zero), not data.
MAX_BESTAND_BYTES = 5 * 1024 * 1024


def lees_bytes(path: Path, max_bytes: int = MAX_BESTAND_BYTES) -> bytes:
    """The bytes of one input file: regular files only, never more than ``max_bytes``.

    Opened non-blocking and checked with ``fstat`` on the open descriptor, so a FIFO, a device
    (``/dev/zero``), a folder or a symlink loop is a one-line error, never a hang or a memory error.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InvoerFout(path, "", "bestand ontbreekt") from None
    except (NotADirectoryError, IsADirectoryError):
        raise InvoerFout(path, "", "is geen bestand") from None
    except PermissionError:
        raise OmgevingsFout(f"{display_path(path)}: geen leesrechten") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENAMETOOLONG):
            raise InvoerFout(path, "", os_fout_tekst(exc).split(": ", 1)[-1]) from None
        raise OmgevingsFout(os_fout_tekst(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            soort = "een map" if stat.S_ISDIR(info.st_mode) else "geen gewoon bestand (FIFO, apparaat of socket)"
            raise InvoerFout(path, "", f"is {soort}, verwacht een tekstbestand")
        if info.st_size > max_bytes:
            raise InvoerFout(
                path, "", f"is {info.st_size} bytes groot, verwacht hoogstens {max_bytes // (1024 * 1024)} MB"
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            inhoud = f.read(max_bytes + 1)
    except OSError as exc:
        raise OmgevingsFout(f"{display_path(path)}: {os_fout_tekst(exc)}") from None
    finally:
        os.close(fd)
    if len(inhoud) > max_bytes:
        raise InvoerFout(path, "", f"is groter dan {max_bytes // (1024 * 1024)} MB, verwacht een klein tekstbestand")
    return inhoud


def lees_tekst(path: Path) -> str:
    """The text of one input file: UTF-8 (a BOM is dropped), no NUL character."""
    inhoud = lees_bytes(path)
    try:
        text = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvoerFout(path, f"byte {exc.start}", "het bestand is geen UTF-8-tekst (sla op als CSV UTF-8)") from None
    if "\x00" in text:
        regel = text.count("\n", 0, text.index("\x00")) + 1
        raise InvoerFout(path, f"regel {regel}", "bevat een NUL-teken, verwacht gewone tekst")
    return text
