"""Executing pages in a warm kernel: one Python kernel per process, kept across the pages it runs.

A fresh kernel costs about 0.9 s to start and 1 s to import the package; a page's own work
is about 0.6 s. So each process (each worker of `pipeline.execute_all`) starts one kernel
on first use and, before every page, resets it to what a fresh kernel would be for that
page: the user's namespace and history emptied, the execution counter back to 1
(`InteractiveShell.reset(new_session=True)`) and the working directory the notebook's
folder (nbval's, and papermill's `cwd`). Imported modules stay: that is the saving. So the
package must keep no state between pages beyond what importing it creates (no module-level
caches of data; a page restores any global setting it changes), or a page's output would
depend on the pages before it; tests/test_determinism.py compares a fresh kernel's output.

papermill still parameterises and runs the notebook (it is given the kept kernel manager),
so the executed notebook is the one a kernel of its own would give. A page that raises, or
a kernel that dies, raises PageError naming the page and the cell; a dead kernel is
replaced by the next page's.
"""

from __future__ import annotations

import shutil
import tempfile
from multiprocessing.util import Finalize
from pathlib import Path

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session
from jupyter_core.utils import run_sync
from traitlets.config import Config

KERNEL_NAME = "python3"
START_TIMEOUT = 60  # s, for a kernel to answer after it starts
# What a kernel of its own would be for the page: run silently, outside the history.
RESET = ("get_ipython().reset(new_session=True, aggressive=False)\n"
         "import os as _pcm_os; _pcm_os.chdir({folder!r}); del _pcm_os\n")


class PageError(RuntimeError):
    """A page failed: its path, the cell (number among the page's cells and first line) and why."""


class PageKernelManager(AsyncKernelManager):
    """A kernel manager whose clients each have a session of their own: a client's session is
    its identity on the kernel's sockets, and a kept kernel sees a client per page (papermill's)
    besides the one that resets it; with the manager's one session, a reply could go to another
    page's client. Each client is remembered so that it is closed once its page is done."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.clients = []

    def client(self, **kwargs):
        session = Session(key=self.session.key, signature_scheme=self.session.signature_scheme)
        client = super().client(**{"session": session, **kwargs})
        self.clients.append(client)
        return client

    def close_clients(self) -> None:
        for client in self.clients:
            client.stop_channels()
        self.clients.clear()


class WarmKernel:
    """One kernel, on local (IPC) sockets of its own (over TCP every kernel warns that it runs
    without encryption), its log quiet (it says only that jupyter_client interrupts it before
    shutting it down, 'KeyboardInterrupt caught in kernel')."""

    def __init__(self) -> None:
        self.sockets = tempfile.mkdtemp(prefix="pcm-kernel-")
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(self.sockets) / "kernel")}})
        self.manager = PageKernelManager(kernel_name=KERNEL_NAME, config=config)
        run_sync(self.manager.start_kernel)(extra_arguments=["--IPKernelApp.log_level=CRITICAL"])

    def alive(self) -> bool:
        return run_sync(self.manager.is_alive)()

    def reset(self, folder: Path) -> None:
        """Close the previous page's clients; then, with a client of its own, empty the
        kernel's namespace and history, set its counter to 1 and its directory to `folder`."""
        self.manager.close_clients()
        client = self.manager.client()
        client.start_channels()
        run_sync(client.wait_for_ready)(timeout=START_TIMEOUT)
        reply = run_sync(client.execute_interactive)(RESET.format(folder=str(folder)), silent=True,
                                                      store_history=False, timeout=START_TIMEOUT)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel could not be reset: {reply['content'].get('evalue', '')}")

    def shutdown(self) -> None:
        self.manager.close_clients()
        if self.alive():
            run_sync(self.manager.shutdown_kernel)(now=True)
        shutil.rmtree(self.sockets, ignore_errors=True)


_kernel: WarmKernel | None = None  # this process's kernel, started by the first page it runs


def warm_kernel() -> WarmKernel:
    """This process's kernel (a new one if there is none yet or the last one died),
    shut down when the process exits."""
    global _kernel
    if _kernel is not None and not _kernel.alive():
        _kernel.shutdown()
        _kernel = None
    if _kernel is None:
        _kernel = WarmKernel()
        Finalize(_kernel, _kernel.shutdown, exitpriority=10)
    return _kernel


def cell_words(number: int, cell: nbformat.NotebookNode) -> str:
    """'cell 7 (chapter.show_targets_table())': its number among the page's cells (from 1, the
    cell of parameters papermill injects counted) and its first line."""
    lines = cell.source.strip().splitlines()
    return f"cell {number} ({lines[0] if lines else ''})"


def execute_page(notebook: nbformat.NotebookNode, output: Path, parameters: dict, page: str) -> None:
    """Execute `notebook` with `parameters` injected into `output`, in this process's warm
    kernel reset for the page, run in output's folder. Raises PageError naming `page` (its
    published path) and the cell running when it failed."""
    nbformat.write(notebook, output)
    kernel = warm_kernel()
    running = []  # the cell being executed: (number, cell)

    def started(cell, cell_index):
        running[:] = [(cell_index + 1, cell)]

    try:
        kernel.reset(output.parent.resolve())
        papermill.execute_notebook(str(output), str(output), parameters=parameters, cwd=str(output.parent),
                                   record_timing=False, progress_bar=False, language="python",
                                   kernel_name=KERNEL_NAME, km=kernel.manager, start_timeout=START_TIMEOUT,
                                   on_cell_start=started)
    except Exception as error:  # noqa: BLE001 - any failure of the page is reported as the page's
        where = "".join(f", {cell_words(*cell)}" for cell in running)
        raise PageError(f"{page}{where}: {type(error).__name__}: {error}") from error
