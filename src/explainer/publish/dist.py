"""The built book as one zip a teacher can carry: ``python -m explainer.publish.dist`` (``make dist``).

The zip holds one folder, named like the zip after the collection and the newest review date among its
compounds, with the book (``_build/html`` as built, every page working opened from disk) and a short
README.txt for whoever receives it. Entries are sorted and dated with that review date, so the same book
always makes the same bytes.
"""

from __future__ import annotations

import re
import sys
import textwrap
import zipfile
from datetime import date
from pathlib import Path

from ..collection import Collection, read_config
from ..numbers import long_date

ROOT = Path(__file__).resolve().parents[3]
HTML = ROOT / "_build" / "html"
OUT_DIR = ROOT / "_build" / "dist"

README = """{title}
{rule}

This folder is the whole book, for reading without a web server and without a network.

1. Unzip it anywhere: a laptop, a USB stick, a shared drive (or copy the folder to any static web host).
2. Open index.html in a web browser (double-click it).

Nothing needs installing: the pages, charts, calculators, slide decks (slides/) and printable handouts
(handouts/) all run in the browser from these files. Nothing is sent anywhere: the book loads nothing
from any other site, and its pages forbid it.

Last reviewed {reviewed}.

{disclaimer}
"""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def newest_review(collection: Collection) -> date:
    return max(c.metadata.last_reviewed for c in collection.loaded())


def dist_name(collection: Collection) -> str:
    """``<collection>-<newest review date>``: the zip's name, and the folder's inside it."""
    return f"{slug(collection.title)}-{newest_review(collection).isoformat()}"


def readme(collection: Collection) -> str:
    return README.format(title=collection.title, rule="=" * len(collection.title),
                         reviewed=long_date(newest_review(collection)),
                         disclaimer=textwrap.fill(collection.disclaimer, 100))


def book_files(html: Path) -> list[Path]:
    """The built book's files, without the build's own stamps and caches (dot files)."""
    return sorted(p for p in html.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(html).parts))


def write_dist(html: Path = HTML, out_dir: Path = OUT_DIR, collection: Collection | None = None) -> Path:
    """Write ``<out_dir>/<name>.zip`` from the built book in ``html``; returns its path."""
    if not (html / "index.html").exists():
        raise FileNotFoundError(f"no built book in {html}: run `make html` first")
    collection = collection or read_config()
    name = dist_name(collection)
    stamp = newest_review(collection).timetuple()[:6]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.zip"
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(zipfile.ZipInfo(f"{name}/README.txt", stamp), readme(collection))
        for path in book_files(html):
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(html).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    partial.replace(target)  # never a half-written zip under the real name
    return target


def main() -> int:
    try:
        path = write_dist()
    except FileNotFoundError as err:
        print(f"make dist: {err}", file=sys.stderr)
        return 1
    size = path.stat().st_size / 1024 / 1024
    print(f"Wrote {path.relative_to(ROOT)} ({size:.1f} MiB): unzip it and open index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
