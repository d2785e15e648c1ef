"""Shared fixtures and helpers: the repository root, the built book (built once if it is missing), and
MyST parsed the way the book parses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"


def toc_files() -> list[str]:
    """Every page the table of contents lists, root first, without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


MYST_EXTENSIONS = ["colon_fence", "deflist", "dollarmath"]  # as in _config.yml


def _term_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Sphinx's {term} role as a plain inline showing the shown words (the book test checks the real link)."""
    from docutils import nodes

    return [nodes.inline(rawtext, re.sub(r"\s*<[^<>]*>$", "", text), classes=["term"])], []


def parse_myst(markdown: str):
    """A docutils document from MyST, with the book's extensions; any warning raises."""
    from docutils.core import publish_doctree
    from docutils.parsers.rst import roles
    from myst_parser.parsers.docutils_ import Parser

    roles.register_local_role("term", _term_role)
    return publish_doctree(markdown, parser=Parser(), settings_overrides={
        "myst_enable_extensions": MYST_EXTENSIONS, "report_level": 2, "halt_level": 2, "warning_stream": False})


def shown_text(obj) -> str:
    """What a reader sees of a render function's output (``Myst`` or a Markdown string), spaces collapsed."""
    markdown = getattr(obj, "markdown", obj)
    return " ".join(parse_myst(markdown).astext().split())


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The static book. `make test` builds it first; a bare `pytest` builds it here."""
    if not (HTML / "index.html").exists():
        from explainer.publish import build_book

        result = build_book(ROOT, capture=True)
        assert result.returncode == 0, result.stdout + result.stderr
    return HTML


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Record the suite's wall time for `make bench` (a benchmark figure, never an assertion)."""
    import json
    import time

    started = getattr(session.config, "_explainer_started", None)
    if started is None or any(not a.startswith("-") for a in session.config.invocation_params.args):
        return  # a run of chosen files is not the suite
    out = ROOT / "_build" / "test-time.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"seconds": round(time.time() - started, 1), "tests": session.testscollected,
                               "exit_status": int(exitstatus)}))


def pytest_sessionstart(session: pytest.Session) -> None:
    import time

    session.config._explainer_started = time.time()
