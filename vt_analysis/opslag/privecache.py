"""A private, verified disk cache for things that are slow to build (the Vega bundle: about 2 s).

Never a predictable path in a shared folder: the cache lives in the user's own cache folder as platformdirs
finds it (on Linux ``$XDG_CACHE_HOME/vt-analysis`` or ``~/.cache/vt-analysis``), created with mode 0700 and used only
when it is a real folder owned by this user and closed to others. Entries are written to an
exclusive temporary file in that folder and moved into place; each entry starts with the SHA-256
of its content, checked on every read, so a truncated or altered entry is rebuilt, never used.
Symlinks are not followed. When no safe folder is available the value is built in memory.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs

KOP = b"vt-analysis-cache sha256="
_NAAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")


def cache_map() -> Path | None:
    """The user's private cache folder, created 0700; None when it cannot be made safe.

    platformdirs ignores a relative ``XDG_CACHE_HOME``, as the XDG specification says (it would depend on the
    working directory); without a home folder (``HOME`` unset and no entry in the password database) the path
    it gives is relative, and then there is none.
    """
    basis = platformdirs.user_cache_dir("vt-analysis", appauthor=False)
    if not os.path.isabs(basis):
        return None
    map_ = Path(basis)
    try:
        os.makedirs(map_, mode=0o700, exist_ok=True)
        info = os.lstat(map_)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(map_, 0o700)  # our own folder, too open: close it before trusting it
        return map_
    except OSError:
        return None


def lees(pad: Path) -> bytes | None:
    """An entry's content when the file is a regular file of ours and its hash matches, else None."""
    try:
        fd = os.open(pad, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            ruw = f.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    kop, _, inhoud = ruw.partition(b"\n")
    if not kop.startswith(KOP) or kop[len(KOP) :].decode("ascii", "replace") != hashlib.sha256(inhoud).hexdigest():
        return None
    return inhoud


def schrijf(pad: Path, inhoud: bytes) -> None:
    """Write an entry through an exclusive temporary file in its (private) folder; replace atomically.

    A cache that cannot be written (read-only, full, vanished) is no error: the entry is then simply not kept.
    """
    try:
        pad.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tijdelijk = tempfile.mkstemp(prefix=".tmp-", dir=pad.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(KOP + hashlib.sha256(inhoud).hexdigest().encode("ascii") + b"\n" + inhoud)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tijdelijk, pad)
    except OSError:
        try:
            os.unlink(tijdelijk)
        except OSError:
            pass


def haal(naam: str, bouw: Callable[[], bytes]) -> bytes:
    """The cached bytes for ``naam``, verified; built (and stored when possible) on a miss or a bad entry."""
    if not _NAAM.fullmatch(naam):
        raise ValueError(f"ongeldige cachenaam {naam!r}")
    map_ = cache_map()
    if map_ is not None:
        inhoud = lees(map_ / naam)
        if inhoud is not None:
            return inhoud
    inhoud = bouw()
    if map_ is not None:
        schrijf(map_ / naam, inhoud)
    return inhoud


def numba_cache() -> bool:
    """Point numba's cache at ``numba/`` in the private cache folder and say whether to cache (``cache=`` of
    ``numba.njit``): a package folder that is not writable (a system-wide install, another user's) then works;
    without a private folder the compiled step is not kept. Call it just before ``numba.njit``."""
    map_ = cache_map()
    if map_ is None:
        return False
    try:
        (map_ / "numba").mkdir(exist_ok=True, mode=0o700)
        info = os.lstat(map_ / "numba")
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or not os.access(map_ / "numba", os.W_OK):
        return False
    import numba

    numba.config.CACHE_DIR = str(map_ / "numba")  # read when a function is compiled
    return True
