"""Execute chapter notebooks with papermill, two at a time, robust against the kernel port race.

Kernels started at the same moment can pick the same TCP port (a 60 s hang, then "Kernel didn't
respond"). Each kernel here talks ZMQ over unix sockets in its own temporary directory (a unique
socket path per kernel; ``transport = "ipc"`` with a shared path is worse), so parallel kernels
cannot collide.

Starting a kernel and importing pandas, altair and the package costs more than most chapters do, so
each worker starts one kernel and executes its chapters in it one after another. Before every chapter
after the first the kernel is reset (IPython's ``reset``: an empty namespace and execution count 1):
a chapter sees nothing of the one before it, and its executed notebook is the same as in a kernel of
its own. When the run's results must first be computed (seconds), the kernels start meanwhile and import
what the chapters import (:class:`KernelPool`), so the first chapters do not wait for them.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import papermill
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.exceptions import PapermillExecutionError

from vt_analysis.basis.errors import MetVelden
from vt_analysis.basis.paths import display_path

if TYPE_CHECKING:
    from vt_analysis.bouw.hoofdstukcache import HoofdstukCache

MAX_WORKERS = 2
# A chapter takes seconds (the slowest, cold, under 30 s): one still running after this many seconds hangs.
# Its kernel is stopped and the render ends with one line naming the chapter (exit code 1).
HOOFDSTUK_LIMIET_S = 600


class HoofdstukFout(MetVelden, Exception):
    """A chapter failed: names the notebook and cell and gives the error message, not a traceback.

    ``uitvoer`` is the executed notebook with the error in it (papermill writes it on failure);
    :meth:`bewaard_in` names the place where the runner kept it for the user.
    """

    VELDEN = ("notebook", "cel", "melding", "uitvoer")  # bewaard_in's longer message travels in the state

    def __init__(self, notebook: str, cel: int | None, melding: str, uitvoer: Path | None = None):
        self.notebook, self.cel, self.melding, self.uitvoer = notebook, cel, melding, uitvoer
        plek = f", cel {cel}" if cel is not None else ""
        super().__init__(f"hoofdstuk {notebook}{plek}: {melding}")

    def bewaard_in(self, pad: Path) -> None:
        self.uitvoer = pad
        self.args = (f"{self.args[0]} (het uitgevoerde hoofdstuk met de fout: {display_path(pad)})",)


# A unix socket's path has room for 107 bytes; ours add 43 to the temporary folder
# ("/vt-kernels-…/kernel-…/zmq-12"). Under a long $TMPDIR every kernel failed to start ("File name too long").
_MAX_SOCKET_BASIS = 107 - 43


def _socket_basis() -> str | None:
    """Where the kernels' socket folder goes: the temporary folder, or /tmp (or /var/tmp, /dev/shm) when the
    temporary folder's path is too long for a socket; it is removed with the kernels either way."""
    if len(os.fsencode(tempfile.gettempdir())) <= _MAX_SOCKET_BASIS:
        return None
    return next(
        (k for k in ("/tmp", "/var/tmp", "/dev/shm") if os.path.isdir(k) and os.access(k, os.W_OK | os.X_OK)), None
    )


class IpcKernelManager(AsyncKernelManager):
    """A kernel manager using unix sockets under a directory of its own (set per run)."""

    socket_dir: str = ""
    actief: set = set()  # per run (see execute_chapters): the managers, so an interrupt can stop their kernels

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self.ip = str(Path(tempfile.mkdtemp(prefix="kernel-", dir=self.socket_dir)) / "zmq")
        # The connection file beside the sockets, not as tmp*.json in $TMPDIR: a render ended by a signal
        # removes the socket folder, and a file there would be left behind.
        self.connection_file = str(Path(self.ip).parent / "verbinding.json")
        self.clients: list = []
        type(self).actief.add(self)

    def client(self, **kwargs):
        # nbclient leaves the channels of a kernel it did not start open (their heartbeat thread too):
        # kept here so that they are closed after each chapter.
        kc = super().client(**kwargs)
        self.clients.append(kc)
        return kc

    def sluit_clients(self) -> None:
        while self.clients:
            self.clients.pop().stop_channels()

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
    uit_cache: bool = False


def _bron_cel(uitvoer: Path, cel_index: int) -> int:
    """The failing cell's number (from 1) in the chapter as written, without papermill's injected cell."""
    try:
        cellen = nbformat.read(uitvoer, as_version=4).cells
        geinjecteerd = next(i for i, c in enumerate(cellen) if "injected-parameters" in c.metadata.get("tags", []))
    except (OSError, StopIteration, ValueError):
        return cel_index + 1
    return cel_index + (0 if cel_index > geinjecteerd else 1)


_RESET = "get_ipython().reset(new_session=True)"


def _start_kernel(manager: type) -> IpcKernelManager:
    km = manager(kernel_name="python3")
    # The in-memory history is what nbclient gives the kernels it starts itself. The kernel's own stderr
    # stays out of the render's: a kernel stopped while it starts (Ctrl-C, SIGTERM) would otherwise print
    # its traceback under the render's one line; a chapter's errors come back through its cells.
    run_sync(km.start_kernel)(
        extra_arguments=["--HistoryManager.hist_file=:memory:"], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    return km


# What every chapter imports (its first code cell): imported ahead in a kernel started while the results
# are computed. Modules stay imported through a reset, as they do from one chapter to the next.
_VOORAF = (
    "import importlib, pkgutil, vt_analysis.hoofdstukken as _h\n"
    "for _m in pkgutil.iter_modules(_h.__path__, _h.__name__ + '.'):\n"
    "    importlib.import_module(_m.name)"
)


def _stil(km: IpcKernelManager, code: str, wat: str) -> None:
    """Execute ``code`` silently in the kernel (no output, no execution count); ``wat`` names it on failure.

    Over the shell channel only: the reply comes when the code is done, and a silent execution has no
    output to wait for (a client's readiness check would wait for the output channel to go quiet).
    """
    kc = BlockingKernelClient()
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    try:
        msg_id = kc.execute(code, silent=True, store_history=False)
        while True:
            antwoord = kc.get_shell_msg(timeout=60)
            if antwoord["parent_header"].get("msg_id") == msg_id:
                break
    finally:
        kc.stop_channels()
    if antwoord["content"]["status"] != "ok":
        raise RuntimeError(f"de kernel {wat}: {antwoord['content'].get('evalue', '')}")


def _reset_kernel(km: IpcKernelManager) -> None:
    """Empty the kernel's namespace and set its execution count to 1, as in a new kernel."""
    _stil(km, _RESET, "liet zich niet leegmaken")


class KernelPool:
    """The kernels of one run: their socket folder, their manager class, and kernels started ahead.

    ``vooraf`` kernels start at once, each in a thread of its own, and import what the chapters import;
    the workers of :func:`execute_chapters` take those first (reset before their first chapter) and start
    others when they need more. :meth:`stop` kills every kernel of the run, used or not.
    """

    def __init__(self, vooraf: int = 0):
        self.socket_dir = tempfile.mkdtemp(prefix="vt-kernels-", dir=_socket_basis())
        self.manager = type(
            "RunIpcKernelManager", (IpcKernelManager,), {"socket_dir": self.socket_dir, "actief": set()}
        )
        self._gestart: queue.SimpleQueue = queue.SimpleQueue()
        self._over = vooraf
        self._slot = threading.Lock()
        self._draden = [threading.Thread(target=self._start_vooraf, daemon=True) for _ in range(vooraf)]
        for draad in self._draden:
            draad.start()

    def _start_vooraf(self) -> None:
        try:
            km = _start_kernel(self.manager)
            _stil(km, _VOORAF, "kon de hoofdstukmodules niet importeren")
            self._gestart.put(km)
        except Exception as exc:  # handed to the worker that takes this kernel: one line, as a chapter failure
            self._gestart.put(exc)

    def neem(self) -> tuple[IpcKernelManager, bool]:
        """A kernel for a worker; True when it was started ahead (it needs a reset before its first chapter)."""
        with self._slot:
            vooraf = self._over > 0
            self._over -= vooraf
        if not vooraf:
            return _start_kernel(self.manager), False
        km = self._gestart.get()
        if isinstance(km, Exception):
            raise km
        return km, True

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        """Kill every kernel of the run (a kernel still starting ahead is waited for first) and remove the sockets."""
        for draad in self._draden:
            draad.join()
        _stop_kernels(self.manager.actief)
        shutil.rmtree(self.socket_dir, ignore_errors=True)


def _execute_one(notebook: Path, uitvoer: Path, parameters: dict, km: IpcKernelManager) -> Uitvoering:
    limiet = HOOFDSTUK_LIMIET_S
    verlopen = threading.Event()

    def stop() -> None:  # the chapter's time is up: its kernel is killed, papermill then reports a dead kernel
        verlopen.set()
        _stop_kernels({km})

    wachter = threading.Timer(limiet, stop)
    wachter.daemon = True
    wachter.start()
    try:
        papermill.execute_notebook(
            str(notebook),
            str(uitvoer),
            parameters=parameters,
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            km=km,
            # papermill would write the whole notebook at the start and end of every cell; it writes it once,
            # at the end or with the error in it
            request_save_on_cell_execute=False,
        )
    except PapermillExecutionError as exc:
        cel = _bron_cel(uitvoer, exc.cell_index)
        if verlopen.is_set():
            raise HoofdstukFout(notebook.name, cel, _te_lang(limiet), uitvoer) from None
        raise HoofdstukFout(notebook.name, cel, f"{exc.ename}: {exc.evalue}", uitvoer) from None
    except Exception as exc:  # kernel died, timeout, unreadable notebook: still one line, still a failure
        bestaat = uitvoer if uitvoer.is_file() else None
        if verlopen.is_set():
            raise HoofdstukFout(notebook.name, None, _te_lang(limiet), bestaat) from None
        if type(exc).__name__ == "DeadKernelError":
            raise HoofdstukFout(
                notebook.name, None, "de kernel is gestopt (te weinig geheugen? os._exit?)", bestaat
            ) from None
        raise HoofdstukFout(notebook.name, None, f"{type(exc).__name__}: {exc}", bestaat) from None
    finally:
        wachter.cancel()
        km.sluit_clients()
    return Uitvoering(notebook, uitvoer)


def _te_lang(limiet: float) -> str:
    return f"duurde langer dan {limiet:g} s, de grens per hoofdstuk (een cel die niet eindigt?); de kernel is gestopt"


def _werker(taken: queue.SimpleQueue, futures: dict, uitvoer_map: Path, parameters: dict, pool: KernelPool) -> None:
    """One worker: one kernel for all the chapters it takes, reset between them."""
    km = None
    try:
        while True:
            try:
                nb = taken.get_nowait()
            except queue.Empty:
                return
            future: Future = futures[nb]
            if not future.set_running_or_notify_cancel():
                continue  # the run stopped
            try:
                if km is None:
                    km, leeg_maken = pool.neem()
                    if leeg_maken:
                        _reset_kernel(km)
                else:
                    _reset_kernel(km)
                future.set_result(_execute_one(nb, uitvoer_map / nb.name, parameters, km))
            except HoofdstukFout as exc:
                future.set_exception(exc)
            except Exception as exc:  # the kernel did not start or reset: one line, as a chapter failure
                future.set_exception(HoofdstukFout(nb.name, None, f"{type(exc).__name__}: {exc}"))
    finally:
        if km is not None:
            _stop_kernels({km})


def execute_chapters(
    notebooks: list[Path],
    uitvoer_map: Path,
    parameters: dict,
    workers: int = MAX_WORKERS,
    bij_klaar=None,
    cache: HoofdstukCache | None = None,
    kernels: KernelPool | None = None,
) -> list[Uitvoering]:
    """Run every chapter with the same injected parameters; results in chapter order.

    With a ``cache``, a chapter whose code and inputs did not change is taken from it (no kernel);
    the others execute, two at a time, and are stored. ``bij_klaar(uitvoering)`` is called per
    chapter, in chapter order (progress reporting). ``kernels``: the run's pool (kernels started ahead);
    its caller stops it. Without one, a pool of this call starts kernels as needed and stops them.
    """
    uitvoer_map.mkdir(parents=True, exist_ok=True)
    uit_cache = {}
    if cache is not None:
        for nb in notebooks:
            if cache.haal(nb, uitvoer_map / nb.name):
                uit_cache[nb] = Uitvoering(nb, uitvoer_map / nb.name, uit_cache=True)
    te_doen = [nb for nb in notebooks if nb not in uit_cache]
    pool = kernels if kernels is not None else KernelPool()
    futures: dict[Path, Future] = {nb: Future() for nb in te_doen}
    taken: queue.SimpleQueue = queue.SimpleQueue()
    for nb in te_doen:
        taken.put(nb)
    werkers = [
        threading.Thread(target=_werker, args=(taken, futures, uitvoer_map, parameters, pool), daemon=True)
        for _ in range(max(1, min(workers, len(te_doen))) if te_doen else 0)
    ]
    for w in werkers:
        w.start()
    try:
        resultaten = []
        for nb in notebooks:
            if nb in futures:
                uitvoering = futures[nb].result()
                if cache is not None:
                    cache.bewaar(nb, uitvoering.uitvoer)
            else:
                uitvoering = uit_cache[nb]
            if bij_klaar:
                bij_klaar(uitvoering)
            resultaten.append(uitvoering)
        for w in werkers:
            w.join()
        return resultaten
    except BaseException:
        # A failing chapter, Ctrl-C or SIGTERM: start no further chapter and stop the running kernels,
        # instead of waiting for every queued chapter to finish.
        for f in futures.values():
            f.cancel()
        _stop_kernels(pool.manager.actief)
        raise
    finally:
        if kernels is None:
            pool.stop()


def _stop_kernels(managers: set) -> None:
    """Kill the kernel processes of this run (they hold nothing worth saving) and reap them."""
    for m in list(managers):
        provisioner = getattr(m, "provisioner", None)
        pid = getattr(provisioner, "pid", None)
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            proces = getattr(provisioner, "process", None)
            if proces is not None:
                proces.wait()
        type(m).actief.discard(m)  # reaped: its pid may be another process's next, never kill it again
