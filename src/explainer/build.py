"""The strict book build: ``python -m explainer.build [SOURCE]``.

Warnings, broken references and failing cells all fail the build: a book that "builds" with a
missing figure is worse than one that does not build. So does a generated notebook edited by hand
(``explainer.chapters.stamp``): the message names its template and ``make chapters``. Deciding
*whether* to build is make's job (see the Makefile: the book's prerequisites, and the execution cache
cleared when the package or the environment moves); this module only runs Jupyter Book with the
project's flags. Jupyter Book and Sphinx then rebuild incrementally: Sphinx re-reads the pages whose
sources changed, and jupyter-cache (``execute_notebooks: cache``) re-runs a notebook only when its
code changed.

MyST-NB runs the notebooks one after another, each in its own kernel. Before it starts, the notebooks
the cache has no outputs for are run in parallel into the same cache, so MyST-NB finds them done. A notebook
that fails there is not cached: MyST-NB runs it again itself and the failing cell fails the build, as before.
``EXPLAINER_PARALLEL=0`` turns it off. The pre-execution is jupyter-cache's parallel executor with three
changes, each measured (README, "Benchmarks"): each kernel is a fork of ``explainer.kernel``'s zygote, which has
imported ipykernel and the chapters' common modules once (a kernel's imports were most of its cost); a worker
more than there are cores (a kernel spends part of its life starting and stopping, waiting on sockets, and
the spare worker's kernel fills those gaps); and each kernel is stopped at once when its last cell has run
(its outputs are in; a graceful stop only waits).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jupyter_cache import get_cache
from jupyter_cache.executors.base import ExecutorRunResult
from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, JupyterExecutorLocalMproc, ProcessData
from jupyter_cache.executors.utils import ExecutionResult, single_nb_execution
from jupyter_client import AsyncKernelManager

from .chapters.stamp import hand_edits

FLAGS = ("--builder", "html", "--warningiserror", "--nitpick", "--keep-going", "--quiet")
TOC_STAMP = ".toc-sha256"  # in _build/html: the hash of the _toc.yml the pages there were built from


def _toc_hash(source: Path) -> str:
    toc = source / "_toc.yml"
    return hashlib.sha256(toc.read_bytes()).hexdigest() if toc.exists() else ""


def clear_stale_output(source: Path | str = ".") -> bool:
    """Remove ``_build/html`` when ``_toc.yml`` changed since it was built, and say whether it did.

    Sphinx never deletes the page of a document that left the table of contents, so a renamed or dropped
    chapter would otherwise ship with the book. Only the HTML goes: Sphinx writes every page again (a missing
    page is out of date) from its saved environment, and the execution cache spares the notebooks."""
    html = Path(source) / "_build" / "html"
    stamp = html / TOC_STAMP
    if html.exists() and (not stamp.exists() or stamp.read_text(encoding="utf-8") != _toc_hash(Path(source))):
        shutil.rmtree(html)
        return True
    return False


def _toc_files(entry: Any) -> list[str]:
    """Every ``file`` (and the ``root``) named anywhere in a table of contents."""
    if isinstance(entry, dict):
        found = [entry[k] for k in ("root", "file") if isinstance(entry.get(k), str)]
        return found + [f for v in entry.values() for f in _toc_files(v)]
    if isinstance(entry, list):
        return [f for v in entry for f in _toc_files(v)]
    return []


def toc_notebooks(source: Path | str = ".") -> list[Path]:
    """The notebooks the book is built from: those the table of contents names."""
    source = Path(source).resolve()
    toc = source / "_toc.yml"
    names = _toc_files(yaml.safe_load(toc.read_text(encoding="utf-8"))) if toc.exists() else []
    return [p for p in (source / f"{name}.ipynb" for name in names) if p.exists()]


class BuildKernelManager(AsyncKernelManager):
    """Starts the notebook's kernel (python3: ipykernel) as ``explainer.kernel``: forked from the zygote when one
    runs (``zygote``, its socket), else a process of its own; ipykernel without its debugger either way."""

    zygote: str | None = None

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        if "ipykernel_launcher" not in cmd:
            return cmd  # another kernel: started as it asks
        at = cmd.index("ipykernel_launcher")
        return [*cmd[:at], "explainer.kernel", *(["--via", self.zygote] if self.zygote else []), *cmd[at + 1:]]


@contextlib.contextmanager
def zygote() -> Iterator[str]:
    """A running ``explainer.kernel`` zygote, and its socket; stopped on leaving."""
    with tempfile.TemporaryDirectory(prefix="explainer-kernels-") as tmp:
        path = str(Path(tmp) / "zygote")
        process = subprocess.Popen([sys.executable, "-m", "explainer.kernel", "--zygote", path])
        try:
            while not Path(path).exists():  # it listens before it imports: a kernel asked early waits in line
                if process.poll() is not None:
                    raise RuntimeError(f"the kernel zygote stopped (status {process.returncode})")
                time.sleep(0.01)
            yield path
        finally:
            process.terminate()
            process.wait()


class _Worker(ExecutionWorkerLocalMProc):
    @staticmethod
    def execute(project_nb: Any, data: ProcessData) -> ExecutionResult:
        return single_nb_execution(project_nb.nb, cwd=str(Path(project_nb.uri).parent), timeout=data.timeout,
                                   allow_errors=data.allow_errors, kernel_manager_class=BuildKernelManager,
                                   shutdown_kernel="immediate")


class _Executor(JupyterExecutorLocalMproc):
    def run_and_cache(self, *, filter_uris: list[str] | None = None, filter_pks: list[int] | None = None,
                      timeout: int = 30, allow_errors: bool = False, force: bool = False) -> ExecutorRunResult:
        jobs = [ProcessData(r.pk, r.uri, self.cache, timeout, allow_errors)
                for r in self.get_records(filter_uris, filter_pks, clear_tracebacks=True)]
        multiprocessing.log_to_stderr(self.logger.level)  # as jupyter-cache's: a worker's errors reach stderr
        workers = min((os.cpu_count() or 1) + 1, len(jobs))
        with multiprocessing.Pool(workers) as pool:  # one notebook at a time: the pool balances
            results = list(pool.imap_unordered(_Worker(), jobs, chunksize=1))
        return ExecutorRunResult(succeeded=[u for code, u in results if code == 0],
                                 excepted=[u for code, u in results if code == 1],
                                 errored=[u for code, u in results if code == 2])


def pre_execute(source: Path | str = ".") -> dict[str, int]:
    """Run the notebooks the execution cache lacks, in parallel, into the cache MyST-NB reads; say how many
    ran, and how many failed (those MyST-NB runs again, and reports)."""
    source = Path(source).resolve()
    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8")) or {}
    execute = config.get("execute") or {}
    cache = get_cache(str(source / "_build" / ".jupyter_cache"))
    uris = []
    for path in toc_notebooks(source):
        cache.add_nb_to_project(str(path))
        uris.append(str(path))
    if len(cache.list_unexecuted(filter_uris=uris)) < 2:
        return {"ran": 0, "failed": 0}  # nothing to share out: MyST-NB runs a lone notebook itself
    logger = logging.getLogger("explainer.build")
    logger.setLevel(logging.WARNING)  # the build's own output says what failed
    with zygote() as path:
        BuildKernelManager.zygote = path  # read by the pool's workers, forked after this
        try:
            result = _Executor(cache=cache, logger=logger).run_and_cache(
                filter_uris=uris, timeout=execute.get("timeout", 30), allow_errors=False)
        finally:
            BuildKernelManager.zygote = None
    return {"ran": len(result.succeeded) + len(result.excepted) + len(result.errored),
            "failed": len(result.excepted) + len(result.errored)}


def build_book(source: Path | str = ".", *, capture: bool = False,
               parallel: bool | None = None) -> subprocess.CompletedProcess:
    """Build the static book in ``<source>/_build/html`` with the project's strict flags, pre-executing the
    notebooks in parallel first unless ``parallel`` is false (default: ``EXPLAINER_PARALLEL`` is not "0").
    A generated notebook edited by hand stops it before anything runs."""
    edited = hand_edits(Path(source))
    if edited:
        message = "\n".join(edited)
        print(message, file=sys.stderr)
        return subprocess.CompletedProcess([], 1, "" if capture else None, message if capture else None)
    clear_stale_output(source)
    if parallel is None:
        parallel = os.environ.get("EXPLAINER_PARALLEL", "1") != "0"
    if parallel:
        pre_execute(source)
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source), *FLAGS]
    result = subprocess.run(cmd, capture_output=capture, text=True, check=False)
    if result.returncode != 0:
        # Sphinx keeps what it read even when the build fails, so a warning raised while writing (a
        # broken cross-reference) would not come back on the next build, which would pass. Without the
        # doctrees every page is read again; the execution cache still spares the notebooks that ran.
        shutil.rmtree(Path(source) / "_build" / ".doctrees", ignore_errors=True)
    else:
        (Path(source) / "_build" / "html" / TOC_STAMP).write_text(_toc_hash(Path(source)), encoding="utf-8")
    return result


if __name__ == "__main__":
    sys.exit(build_book(sys.argv[1] if len(sys.argv) > 1 else ".").returncode)
