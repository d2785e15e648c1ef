"""The strict book build: ``python -m explainer.build [SOURCE]``.

Warnings, broken references and failing cells all fail the build: a book that "builds" with a missing figure
is worse than one that does not build. So does a generated notebook edited by hand
(``explainer.chapters.stamp``): the message names its template and ``make chapters``. Deciding *whether* to
build is make's job (see the Makefile: the book's prerequisites, and the execution cache cleared when the
package or the environment moves); this module only runs Jupyter Book with the project's flags. Jupyter Book
and Sphinx then rebuild incrementally: Sphinx re-reads the pages whose sources changed, and jupyter-cache
(``execute_notebooks: cache``) re-runs a notebook only when its code changed.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

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


def build_book(source: Path | str = ".", *, capture: bool = False) -> subprocess.CompletedProcess:
    """Build the static book in ``<source>/_build/html`` with the project's strict flags; a generated notebook
    edited by hand stops it before anything runs."""
    edited = hand_edits(Path(source))
    if edited:
        message = "\n".join(edited)
        print(message, file=sys.stderr)
        return subprocess.CompletedProcess([], 1, "" if capture else None, message if capture else None)
    clear_stale_output(source)
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
