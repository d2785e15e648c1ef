"""Minify what the built book ships: every stylesheet and script under ``_static`` (the theme's, MyST-NB's,
Sphinx's, the vendored reveal.js and the book's own), in place, with esbuild (``frontend/minify.mjs``).

At the end of the build, so the sources (and the vendored copies in ``book/_static/vendor/``) stay readable
and nothing minified is committed. Sphinx copies its static files again on each build (a changed
destination is only logged), and this step minifies them again: the output is the same every time.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from . import __version__

SCRIPT = Path(__file__).parent / "frontend" / "minify.mjs"
SUFFIXES = {".css", ".js", ".mjs"}


def shipped_assets(outdir: Path) -> list[Path]:
    """The stylesheets and scripts under ``_static``, leaving out those already minified (``*.min.*``)."""
    return sorted(p for p in (outdir / "_static").rglob("*")
                  if p.suffix in SUFFIXES and ".min." not in p.name and p.is_file())


def minify(outdir: Path) -> tuple[int, int]:
    """Minify the book's assets in place; returns the bytes before and after."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("minifying the book's CSS and JavaScript needs Node.js (and `npm ci` for esbuild)")
    files = [str(p) for p in shipped_assets(outdir)]
    done = subprocess.run([node, str(SCRIPT), *files], capture_output=True, text=True, check=False,
                          cwd=Path(__file__).parents[2])
    if done.returncode != 0:
        raise RuntimeError(f"esbuild could not minify the book's assets:\n{done.stderr}")
    before, after = (int(n) for n in done.stdout.split())
    return before, after


def _on_build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        minify(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", _on_build_finished, priority=800)  # after the decks, before the policy
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
