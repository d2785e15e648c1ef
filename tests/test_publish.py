"""The build fails loudly: a failing cell, a broken reference or an unknown output type is an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from explainer.publish import build_book
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def make_book(tmp_path: Path, cells: list, page: str = "# Start\n\nSee {doc}`chapter`.\n") -> Path:
    """A one-chapter book that uses the project's real _config.yml and static folder."""
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "_static").symlink_to(ROOT / "book" / "_static")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapter\n")
    (tmp_path / "intro.md").write_text(page)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Chapter"), *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "chapter.ipynb")
    return tmp_path


def test_a_healthy_book_builds(tmp_path: Path) -> None:
    book = make_book(tmp_path, [nbformat.v4.new_code_cell("1 + 1")])
    result = build_book(book, capture=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (book / "_build" / "html" / "chapter.html").exists()


def test_a_failing_cell_fails_the_build(tmp_path: Path) -> None:
    book = make_book(tmp_path, [nbformat.v4.new_code_cell("1 / 0")])
    result = build_book(book, capture=True)
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr


def test_a_broken_cross_reference_fails_the_build(tmp_path: Path) -> None:
    book = make_book(tmp_path, [], page="# Start\n\nSee {doc}`no-such-page`.\n")
    result = build_book(book, capture=True)
    assert result.returncode != 0
    assert "no-such-page" in result.stdout + result.stderr


def test_an_unknown_output_type_fails_the_build(tmp_path: Path) -> None:
    code = "from IPython.display import display\ndisplay({'application/x-nobody-renders-this+json': {'a': 1}}, raw=True)"
    book = make_book(tmp_path, [nbformat.v4.new_code_cell(code)])
    result = build_book(book, capture=True)
    assert result.returncode != 0
    assert "unknown output mime type" in result.stdout + result.stderr
