"""Every built page, deck and handout is valid HTML by the Nu HTML Checker (vnu-jar, pinned in package.json;
the checker the W3C runs), ids included, and names the book's icon, so no browser asks for /favicon.ico."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = [pytest.mark.book, pytest.mark.slow]

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java") or "/usr/bin/java"
ICON = re.compile(r'<link rel="(?:shortcut )?icon" href="([^"]+)"')


def pages(built_book: Path) -> list[Path]:
    found = sorted(built_book.rglob("*.html"))
    folders = {p.relative_to(built_book).parts[0] for p in found}
    assert {"slides", "handouts", "index.html", "search.html"} <= folders, folders
    return found


def test_the_nu_html_checker_finds_no_error(built_book: Path) -> None:
    assert VNU.exists(), "vnu-jar is missing: `make setup` installs it with npm ci"
    assert Path(JAVA).exists(), "the checker needs Java: `make test` installs Debian's when run as root"
    files = pages(built_book)
    # One run over every file: the JVM is slow to start. JSON goes to stderr.
    result = subprocess.run([JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
                             *map(str, files)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    messages = json.loads(result.stderr)["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    assert errors == [], f"{len(errors)} errors on {len(files)} pages:\n" + "\n".join(errors)


def test_every_page_names_the_books_icon(built_book: Path) -> None:
    missing = []
    for path in pages(built_book):
        match = ICON.search(path.read_text(encoding="utf-8"))
        href = match.group(1) if match else None
        if href is None or not (href.startswith("data:image/") or (path.parent / href).resolve().is_file()):
            missing.append(f"{path.relative_to(built_book)}: {href}")
    assert missing == []
