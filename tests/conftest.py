"""Shared fixtures: the repository root and the built book, brought up to date before any test reads it."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from explainer.content import Compound, load_compound
from tests.helpers import HTML, ROOT


@pytest.fixture(scope="session")
def semax() -> Compound:
    return load_compound("semax")


@pytest.fixture(scope="session")
def selank() -> Compound:
    return load_compound("selank")


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The static book, as of every input it depends on.

    `make html` decides (the Makefile lists the book's prerequisites): under `make test` the book was
    just built and this returns at once; a bare `pytest` after an edit rebuilds here, so no test ever
    reads a stale book.
    """
    result = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "html"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"`make html` failed:\n{result.stdout}\n{result.stderr}"
    return HTML


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Record the suite's wall time for `make bench` (a benchmark figure, never an assertion)."""
    started = getattr(session.config, "_explainer_started", None)
    if started is None or any(not a.startswith("-") for a in session.config.invocation_params.args):
        return  # a run of chosen files is not the suite
    out = ROOT / "_build" / "test-time.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"seconds": round(time.time() - started, 1), "tests": session.testscollected,
                               "exit_status": int(exitstatus)}))


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config._explainer_started = time.time()


BROWSER_TESTS = ROOT / "tests" / "browser"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test by what it needs, so `make check` can leave out all that is slow.

    By path, since a ``pytestmark`` in a conftest marks nothing: everything under tests/browser is
    ``browser``; every test that asks for the built book (directly or through another fixture) is
    ``book``; every notebook cell nbval runs is ``notebook``."""
    for item in items:
        path = Path(str(item.path))
        if path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
        if "built_book" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.book)
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
