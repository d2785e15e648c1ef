"""The strict book build: ``python -m explainer.build [SOURCE]``.

Warnings, broken references and failing cells all fail the build: a book that "builds" with a
missing figure is worse than one that does not build. Deciding *whether* to build is make's job
(see the Makefile: the book's prerequisites, and the execution cache cleared when the package or
the environment moves); this module only runs Jupyter Book with the project's flags. Jupyter Book
and Sphinx then rebuild incrementally: Sphinx re-reads the pages whose sources changed, and
jupyter-cache (``execute_notebooks: cache``) re-runs a notebook only when its code changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

FLAGS = ("--builder", "html", "--warningiserror", "--nitpick", "--keep-going", "--quiet")


def build_book(source: Path | str = ".", *, capture: bool = False) -> subprocess.CompletedProcess:
    """Build the static book in ``<source>/_build/html`` with the project's strict flags."""
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source), *FLAGS]
    result = subprocess.run(cmd, capture_output=capture, text=True, check=False)
    if result.returncode != 0:
        # Sphinx keeps what it read even when the build fails, so a warning raised while writing (a
        # broken cross-reference) would not come back on the next build, which would pass. Without the
        # doctrees every page is read again; the execution cache still spares the notebooks that ran.
        shutil.rmtree(Path(source) / "_build" / ".doctrees", ignore_errors=True)
    return result


if __name__ == "__main__":
    sys.exit(build_book(sys.argv[1] if len(sys.argv) > 1 else ".").returncode)
