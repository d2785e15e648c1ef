"""The build's pre-execution (explainer.build, explainer.kernel): every notebook in a fresh kernel forked from the
zygote, in its own folder, without the debugger; a failing cell still fails the build; no kernel outlives its
launcher."""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib.util
import os
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache
from nbclient import NotebookClient

from explainer.build import BuildKernelManager, build_book, pre_execute, zygote
from tests.test_publish import make_book

pytestmark = pytest.mark.slow


def two_notebooks(tmp_path: Path, first: str, second: str) -> Path:
    """A book of two notebooks (so the pre-execution runs, in parallel): ``chapter`` and ``second``."""
    book = make_book(tmp_path, [nbformat.v4.new_code_cell(first)])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Second"), nbformat.v4.new_code_cell(second)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (book / "part").mkdir()
    nbformat.write(nb, book / "part" / "second.ipynb")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapter\n"
                                   "  - file: part/second\n")
    return book


def cached_output(book: Path, name: str) -> str:
    cache = get_cache(str(book / "_build" / ".jupyter_cache"))
    record = next(r for r in cache.list_cache_records() if r.uri.endswith(name))
    cell = cache.get_cache_bundle(record.pk).nb.cells[-1]
    return "".join(o.get("text", "") for o in cell.outputs)


# What a notebook could tell of its kernel: the debugger, plotly's renderer (plotly.io picks it on import, by the
# kernel it finds), ipywidgets (it registers its comm target on import, in a kernel), its folder, state left over.
PROBE = ("import os, sys\n"
         "import plotly.io as pio\n"
         "print(sys.modules.get('debugpy') is not None, pio.renderers.default, 'ipywidgets' in sys.modules,\n"
         "      os.getcwd(), 'leftover' in globals())\n"
         "leftover = 1")


def test_each_notebook_runs_in_a_fresh_kernel_in_its_folder_without_the_debugger(tmp_path: Path) -> None:
    book = two_notebooks(tmp_path, PROBE, PROBE + "  # another notebook, another cache record")
    assert pre_execute(book) == {"ran": 2, "failed": 0}
    # The same probe in a kernel of ipykernel's own launcher, started as MyST-NB and JupyterLab start it.
    plain = nbformat.read(book / "chapter.ipynb", as_version=4)
    NotebookClient(plain, resources={"metadata": {"path": str(book)}}).execute()
    debugger, *rest = "".join(o.get("text", "") for o in plain.cells[-1].outputs).split()
    assert debugger == str(importlib.util.find_spec("debugpy") is not None)
    assert cached_output(book, "chapter.ipynb").split() == ["False", *rest]
    assert rest[-2:] == [str(book.resolve()), "False"]
    assert cached_output(book, "second.ipynb").split() == ["False", *rest[:-2], str(book.resolve() / "part"), "False"]


def test_a_failing_cell_in_the_parallel_run_fails_the_build(tmp_path: Path) -> None:
    book = two_notebooks(tmp_path, "1 / 0", "1 + 1")
    assert pre_execute(book) == {"ran": 2, "failed": 1}  # not cached: MyST-NB runs it again, and reports it
    result = build_book(book, capture=True)
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr


async def _kernel_pid_then_kill(path: str) -> int:
    BuildKernelManager.zygote = path
    try:
        km = BuildKernelManager(kernel_name="python3")
        await km.start_kernel()
    finally:
        BuildKernelManager.zygote = None
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        out: list[str] = []
        await kc.execute_interactive("import os; print(os.getpid(), os.getppid())",
                                     output_hook=lambda m: out.append(m["content"].get("text", "")), timeout=60)
    finally:
        kc.stop_channels()
    await km.shutdown_kernel(now=True)  # what the pre-execution does: kill the launcher
    pid, parent = (int(x) for x in "".join(out).split())
    assert parent != os.getpid() and pid != km.provisioner.pid  # a fork of the zygote, not the launched process
    return pid


def test_a_forked_kernel_ends_with_its_launcher() -> None:
    with zygote() as path:
        # In its own thread: in the full suite the browser tests' Playwright keeps an event loop running here.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pid = pool.submit(asyncio.run, _kernel_pid_then_kill(path)).result()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"the kernel {pid} outlived its launcher")
