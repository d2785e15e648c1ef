"""A throwaway JupyterLab for the browser tests and the benchmark, and the steps that drive it.

The server listens on loopback with a random token and keeps no state: its config, data, runtime,
settings, workspaces and checkpoints live in a temporary directory removed afterwards. It reaches no network:
news and update checks are off on the server and in the page, and the extension manager is
read-only (the PyPI one would list from the internet). Autosave is off, so a test that runs
cells never rewrites a notebook.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
CALCULATOR_NOTEBOOK = "notebooks/semax/04-reconstitution.ipynb"

# User settings written before the start (plugin id -> settings).
SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


@dataclass
class Lab:
    url: str  # base URL, ending in /
    token: str
    process: subprocess.Popen
    log: Path

    def page_url(self, path: str) -> str:
        return f"{self.url}lab/tree/{path}?token={self.token}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextmanager
def running_lab(root: Path = ROOT, start_timeout: float = 120) -> Iterator[Lab]:
    """Start `jupyter lab` on 127.0.0.1, wait until it answers, and always stop it (and its kernels)."""
    with tempfile.TemporaryDirectory(prefix="explainer-lab-") as tmp:
        home = Path(tmp)
        settings = home / "settings"
        for plugin, values in SETTINGS.items():
            path = settings / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        # Kernels and lab extensions are still found in the venv's share/jupyter (sys.prefix).
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / "ipython")}
        port, token = _free_port(), secrets.token_hex(24)
        cmd = [
            str(Path(sys.executable).with_name("jupyter-lab")), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            "--allow-root",  # CI and these machines run as root; without it the server refuses to start
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly", f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={home / 'workspaces'}",
            f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",  # absolute: not beside the notebooks
            "--MappingKernelManager.default_kernel_name=python3",
        ]
        log = home / "lab.log"
        with log.open("wb") as out:
            # Its own session, so the server and the kernels it started can be stopped as one group.
            process = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        lab = Lab(f"http://127.0.0.1:{port}/", token, process, log)
        try:
            deadline = time.monotonic() + start_timeout
            while not _answers(f"{lab.url}api/status?token={token}"):
                if process.poll() is not None:
                    raise RuntimeError(f"jupyter lab exited with {process.returncode}:\n{lab.log_text()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab did not answer in {start_timeout:.0f} s:\n{lab.log_text()}")
                time.sleep(0.25)
            yield lab
        finally:
            _stop(lab)


def _stop(lab: Lab) -> None:
    """A clean shutdown first (it stops the kernels), then SIGTERM, then SIGKILL, to the group we started."""
    if lab.process.poll() is None:
        try:
            req = urllib.request.Request(f"{lab.url}api/shutdown", method="POST",
                                         headers={"Authorization": f"token {lab.token}"})
            urllib.request.urlopen(req, timeout=5).close()
            lab.process.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            pass
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(lab.process.pid, sig)  # the group is the server's own session (start_new_session)
        except ProcessLookupError:
            break
        try:
            lab.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


# ---------------------------------------------------------------------------------- the page


def wait_kernel_idle(page: Page, timeout: float = 120_000) -> None:
    """A kernel is connected and idle. The status bar names it ("Python 3 (ipykernel) | Idle"); the
    toolbar's execution indicator alone says idle before any kernel exists, and cells run then are lost."""
    status = page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\(ipykernel\) \| Idle"))
    expect(status).to_have_count(1, timeout=timeout)
    indicator = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator")
    expect(indicator).to_have_attribute("data-status", "idle", timeout=timeout)


def open_notebook(page: Page, lab: Lab, path: str) -> Locator:
    page.goto(lab.page_url(path), timeout=120_000)
    panel = page.locator(".jp-NotebookPanel").filter(has=page.locator(".jp-Notebook"))
    expect(panel).to_have_count(1, timeout=120_000)
    wait_kernel_idle(page)
    return panel


def run_all_cells(page: Page) -> None:
    """Run → Run All Cells, as a reader would, then wait for every code cell to have run."""
    page.locator("#jp-MainMenu").get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
    # "[*]" marks a queued or running cell; none left and the kernel idle means all have run.
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt")
    expect(prompts.filter(has_text="[*]")).to_have_count(0, timeout=120_000)
    expect(prompts.filter(has_text=re.compile(r"\[\s*\]"))).to_have_count(0, timeout=120_000)
    wait_kernel_idle(page)


def open_calculator(page: Page, lab: Lab) -> Locator:
    """The calculator chapter with every cell run; returns the live widget's root (drawn by calculator.js)."""
    open_notebook(page, lab, CALCULATOR_NOTEBOOK)
    run_all_cells(page)
    calc = page.locator(".jp-OutputArea-output .calc")
    expect(calc).to_have_count(1, timeout=60_000)
    expect(calc.locator(".calc-results")).to_be_visible()
    return calc


def run_in_new_cell(page: Page, code: str, timeout: float = 60_000) -> str:
    """Append a code cell (not saved), run it and return its output text."""
    cells = page.locator(".jp-Notebook .jp-Cell")
    count = cells.count()
    cells.last.locator(".jp-InputArea-prompt").click()  # select the last cell (the prompt does not enter edit mode)
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # command mode: insert below
    expect(cells).to_have_count(count + 1)
    cell = cells.nth(count)  # by index: `last` would follow any cell added after it
    cell.locator(".cm-content").click()
    page.keyboard.insert_text(code)  # insert, not type: no bracket auto-closing
    page.keyboard.press("Control+Enter")  # run in place
    expect(cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=timeout)
    output = cell.locator(".jp-OutputArea-output")
    expect(output.first).to_be_visible(timeout=timeout)
    return "\n".join(output.all_inner_texts()).strip()
