"""The command as a process of its own: settings a library must leave to its caller, but a process that
computes for seconds and then ends may make for itself (called first by :func:`vt_analysis.cli.als_proces`).

* Freed memory stays with the process (glibc's allocator, ``mallopt``): the queue model allocates and frees
  arrays of megabytes by the hundred. Returned to the operating system each time, every new one is fresh pages
  the kernel must map and zero: in a cold ``compute`` about 200.000 page faults and 0,8-1,0 s of system time;
  kept, about 70.000 and 0,5 s, at the same peak memory (measured on the shipped run, one thread).
* At exit the objects are frozen: the interpreter looks for reference cycles among every object it still holds,
  several times over while it clears the modules, some 0,3 s with pandas, scipy and numba loaded, for memory the
  operating system frees at once anyway. Frozen objects are skipped.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import sys

# mallopt's parameters (glibc's malloc.h) and the values set: blocks up to the largest threshold glibc accepts on
# 64 bit come from the heap (not a mapping of their own), and the heap keeps up to 1 GiB free at its top.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
MMAP_DREMPEL_BYTES = 32 * 1024 * 1024
TRIM_DREMPEL_BYTES = 1024 * 1024 * 1024


def als_eigen_proces() -> None:
    """Both settings above, for the rest of this process."""
    houd_vrijgegeven_geheugen()
    atexit.register(gc.freeze)


def houd_vrijgegeven_geheugen() -> bool:
    """Ask the C allocator to keep freed memory; False where it is not glibc's (nothing changes there)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return mallopt(_M_MMAP_THRESHOLD, MMAP_DREMPEL_BYTES) == 1 and mallopt(_M_TRIM_THRESHOLD, TRIM_DREMPEL_BYTES) == 1
