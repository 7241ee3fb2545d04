"""Execute chapter notebooks with papermill, two at a time, robust against the kernel port race.

Kernels started at the same moment can pick the same TCP port (papermill issue #511: a 60 s hang,
then "Kernel didn't respond"). Each kernel here talks ZMQ over unix sockets in its own temporary
directory (RENDERING-NOTES), so parallel kernels cannot collide.
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError

MAX_WORKERS = 2


class HoofdstukFout(Exception):
    """A chapter failed: names the notebook and cell and gives the error message, not a traceback."""

    def __init__(self, notebook: str, cel: int | None, melding: str):
        self.notebook, self.cel, self.melding = notebook, cel, melding
        plek = f", cel {cel}" if cel is not None else ""
        super().__init__(f"hoofdstuk {notebook}{plek}: {melding}")


class IpcKernelManager(AsyncKernelManager):
    """A kernel manager using unix sockets under a directory of its own (set per run)."""

    socket_dir: str = ""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self.ip = str(Path(tempfile.mkdtemp(prefix="kernel-", dir=self.socket_dir)) / "zmq")

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts a kernel before every shutdown; the idle kernel then logs a
        # spurious "KeyboardInterrupt caught in kernel" on the terminal. A finished chapter needs no interrupt.
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


@dataclass(frozen=True)
class Uitvoering:
    """One executed chapter."""

    bron: Path
    uitvoer: Path


def _bron_cel(uitvoer: Path, cel_index: int) -> int:
    """The failing cell's number (from 1) in the chapter as written, without papermill's injected cell."""
    try:
        cellen = nbformat.read(uitvoer, as_version=4).cells
        geinjecteerd = next(i for i, c in enumerate(cellen) if "injected-parameters" in c.metadata.get("tags", []))
    except (OSError, StopIteration, ValueError):
        return cel_index + 1
    return cel_index + (0 if cel_index > geinjecteerd else 1)


def _execute_one(notebook: Path, uitvoer: Path, parameters: dict, manager: type) -> Uitvoering:
    try:
        papermill.execute_notebook(
            str(notebook),
            str(uitvoer),
            parameters=parameters,
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            kernel_manager_class=manager,
        )
    except PapermillExecutionError as exc:
        raise HoofdstukFout(notebook.name, _bron_cel(uitvoer, exc.cell_index), f"{exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # kernel died, timeout, unreadable notebook: still one line, still a failure
        raise HoofdstukFout(notebook.name, None, f"{type(exc).__name__}: {exc}") from None
    return Uitvoering(notebook, uitvoer)


def execute_chapters(
    notebooks: list[Path], uitvoer_map: Path, parameters: dict, workers: int = MAX_WORKERS, bij_klaar=None
) -> list[Uitvoering]:
    """Run every chapter with the same injected parameters; results in chapter order.

    ``bij_klaar(uitvoering)`` is called as each chapter finishes (progress reporting).
    """
    uitvoer_map.mkdir(parents=True, exist_ok=True)
    socket_dir = tempfile.mkdtemp(prefix="vt-kernels-")
    manager = type("RunIpcKernelManager", (IpcKernelManager,), {"socket_dir": socket_dir})
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(notebooks)))) as pool:
            futures = [pool.submit(_execute_one, nb, uitvoer_map / nb.name, parameters, manager) for nb in notebooks]
            resultaten = []
            for future in futures:
                uitvoering = future.result()
                if bij_klaar:
                    bij_klaar(uitvoering)
                resultaten.append(uitvoering)
            return resultaten
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)
