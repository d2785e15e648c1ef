"""The book as one SCORM 1.2 package: the zip a teacher imports into a learning platform.

``python -m explainer.publish.scorm`` (``make scorm``) reads the built book (``_build/html``) and writes
``_build/scorm/<title>-scorm12.zip``:

- ``imsmanifest.xml``: one organization with one item, titled with the collection's title, for one SCO whose
  resource lists every file of the package;
- ``launch.html``, the SCO: it finds the platform's API, opens one session, shows the book in an inner frame
  (following the book's links never ends the session) and reports the self-check progress
  (``scorm-launch.js`` and ``scorm-progress.js`` beside this module, copied to ``_scorm/``);
- the book, each page with ``_scorm/bridge.js`` put right after its content-security policy: inside the launch
  page it passes the self-check's events on (``widgets/quiz.js``); opened any other way it does nothing.

The questions come from the build: every self-check widget's state in the built pages (written by the quiz
generator), keyed by page and question id. Each gets a short token hashing what makes its answer right (its
page, id, prompt, choices and answer), and the set a version, so the answers kept in ``cmi.suspend_data``
survive a rebuild and lose only those whose question changed.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from ..collection import read_config
from ..csp import META_NAME, apply_policy

HERE = Path(__file__).parent
LAUNCH = "launch.html"
ASSET_DIR = "_scorm"
# What the launch page and the pages load, from the files beside this module.
ASSETS = {"progress.js": "scorm-progress.js", "launch.js": "scorm-launch.js", "bridge.js": "scorm-bridge.js",
          "launch.css": "scorm-launch.css"}
START = "index.html"  # the book's root page, where a first visit begins
MANIFEST = "imsmanifest.xml"
NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
TOKEN_LENGTH = 4  # base-36 characters: 1.7 million values, lengthened by the build on a clash
SUSPEND_LIMIT = 4096  # SCORM 1.2's cmi.suspend_data (a CMIString4096)
HEADER = len("1") + 1 + 6 + 1  # format, token length, version, ":" (scorm-progress.js writes it)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry the same date, so the same book makes the same zip
NOT_SAVED = "Your progress could not be saved to the course. You can keep reading and answering as usual."
QUIZ_WIDGET = "quiz"


@dataclass(frozen=True)
class Question:
    page: str  # relative to the book's root, e.g. notebooks/semax/01-what-it-is.html
    id: str
    prompt: str
    choices: tuple[tuple[str, str], ...]  # (key, label)
    answer: str

    @property
    def key(self) -> str:
        return f"{self.page}#{self.id}"

    def digest(self) -> int:
        what = json.dumps([self.page, self.id, self.prompt, self.choices, self.answer], ensure_ascii=False)
        return int.from_bytes(hashlib.sha256(what.encode()).digest(), "big")


def base36(n: int, width: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while len(out) < width:
        n, d = divmod(n, 36)
        out = digits[d] + out
    return out


# --------------------------------------------------------------------------- reading the built pages


class _PageReader(HTMLParser):
    """Where a page's policy <meta> ends, and the state of each self-check widget on it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]  # getpos() counts lines by "\n" alone
        for line in text.split("\n"):
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self.policy_end: int | None = None
        self.quizzes: list[dict] = []
        self._in_quiz = False
        self._state: list[str] | None = None

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == META_NAME.lower() and self.policy_end is None:
            line, column = self.getpos()
            self.policy_end = self._line_starts[line - 1] + column + len(self.get_starttag_text() or "")
        elif tag == "div" and attrs.get("data-widget") == QUIZ_WIDGET:
            self._in_quiz = True
        elif tag == "script" and self._in_quiz and attrs.get("type") == "application/json":
            self._state = []

    def handle_data(self, data: str) -> None:
        if self._state is not None:
            self._state.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._state is not None:
            self.quizzes.append(json.loads("".join(self._state)))
            self._state, self._in_quiz = None, False


def read_page(text: str) -> _PageReader:
    reader = _PageReader(text)
    reader.feed(text)
    reader.close()
    return reader


def book_files(html_dir: Path) -> list[str]:
    """Every file of the built book, relative and sorted; build records (dot files) stay out."""
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(html_dir).parts))


def questions_in(html_dir: Path) -> list[Question]:
    """Every self-check question of the built book, page by page in file order."""
    found = []
    for page in book_files(html_dir):
        if page.endswith(".html"):
            for state in read_page((html_dir / page).read_text(encoding="utf-8")).quizzes:
                found += [Question(page, q["id"], q["prompt"], tuple((o["key"], o["label"]) for o in q["options"]),
                                   q["answer"]) for q in state["questions"]]
    keys = [q.key for q in found]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise ValueError(f"two self-check questions share a page and an id: {', '.join(twice)}")
    return found


def tokens(questions: list[Question]) -> tuple[list[str], int]:
    """A distinct token per question (TOKEN_LENGTH characters, more only if two would clash)."""
    for width in range(TOKEN_LENGTH, 12):
        made = [base36(q.digest(), 64)[-width:] for q in questions]
        if len(set(made)) == len(made):
            return made, width
    raise ValueError("the question tokens clash at every length")  # pragma: no cover: 12 base-36 digits


def progress_data(html_dir: Path) -> dict:
    """What the launch page needs: the questions (token, key, answer, choices), the version and the pages."""
    questions = questions_in(html_dir)
    made, width = tokens(questions)
    version = base36(int.from_bytes(hashlib.sha256("".join(made).encode()).digest(), "big"), 64)[-6:]
    if HEADER + len(questions) * (width + 1) > SUSPEND_LIMIT:
        raise ValueError(f"{len(questions)} questions' answers would not fit in cmi.suspend_data ({SUSPEND_LIMIT})")
    return {
        "version": version,
        "tokenLength": width,
        "questions": [{"key": q.key, "token": t, "answer": q.answer, "choices": "".join(k for k, _ in q.choices)}
                      for q, t in zip(questions, made, strict=True)],
        "pages": [p for p in book_files(html_dir) if p.endswith(".html")],
        "start": START,
        "limit": SUSPEND_LIMIT,
    }


# --------------------------------------------------------------------------- writing the package


def with_bridge(text: str, page: str) -> str:
    """The page with the bridge script right after its policy (so the policy covers it: the bridge is a file
    of the book's own origin, which every page's script-src already admits)."""
    at = read_page(text).policy_end
    if at is None:
        raise ValueError(f"{page} has no content-security policy to put the bridge after")
    up = "../" * page.count("/")
    return text[:at] + f'<script src="{up}{ASSET_DIR}/bridge.js"></script>' + text[at:]


def launch_html(title: str, data: dict) -> str:
    """The SCO: a notice line (empty unless saving fails) above the book's frame, under the book's policy. The
    heading is for screen readers (the book's own title shows in the frame)."""
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    t = html.escape(title)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}</title>
<link rel="stylesheet" href="{ASSET_DIR}/launch.css">
<script type="application/json" id="explainer-scorm-data">{payload}</script>
<script src="{ASSET_DIR}/progress.js" defer></script>
<script src="{ASSET_DIR}/launch.js" defer></script>
</head>
<body>
<main>
<h1 class="scorm-hidden">{t}</h1>
<p class="scorm-notice" id="explainer-scorm-notice" role="status" data-message="{html.escape(NOT_SAVED)}"></p>
<iframe id="explainer-book" title="{t}" allow="fullscreen"></iframe>
</main>
<noscript><p><a href="{START}">Open the book</a></p></noscript>
</body>
</html>
"""
    return apply_policy(page)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "book"


def identifier(title: str, kind: str) -> str:
    """An XML ID (letters, digits, '-') for the manifest, stable for a title: a re-import updates, not adds."""
    return f"{kind}-{slug(title)}"


def manifest_xml(title: str, files: list[str]) -> str:
    """imsmanifest.xml: SCORM 1.2 content packaging, one organization, one item, one SCO listing ``files``."""
    ET.register_namespace("", NS_CP)
    ET.register_namespace("adlcp", NS_ADLCP)
    cp = lambda tag: f"{{{NS_CP}}}{tag}"  # noqa: E731
    org_id, res_id = identifier(title, "org"), identifier(title, "sco")
    root = ET.Element(cp("manifest"), {"identifier": identifier(title, "manifest"), "version": "1.0"})
    meta = ET.SubElement(root, cp("metadata"))
    ET.SubElement(meta, cp("schema")).text = "ADL SCORM"
    ET.SubElement(meta, cp("schemaversion")).text = "1.2"
    orgs = ET.SubElement(root, cp("organizations"), {"default": org_id})
    org = ET.SubElement(orgs, cp("organization"), {"identifier": org_id})
    ET.SubElement(org, cp("title")).text = title
    item = ET.SubElement(org, cp("item"), {"identifier": identifier(title, "item"), "identifierref": res_id,
                                          "isvisible": "true"})
    ET.SubElement(item, cp("title")).text = title
    resources = ET.SubElement(root, cp("resources"))
    sco = ET.SubElement(resources, cp("resource"), {"identifier": res_id, "type": "webcontent",
                                                    f"{{{NS_ADLCP}}}scormtype": "sco", "href": LAUNCH})
    for name in files:
        ET.SubElement(sco, cp("file"), {"href": quote(name)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def package_files(html_dir: Path, title: str) -> dict[str, bytes]:
    """Every file of the package but the manifest, by its path in the zip."""
    out: dict[str, bytes] = {}
    for name in book_files(html_dir):
        data = (html_dir / name).read_bytes()
        if name.endswith(".html"):
            data = with_bridge(data.decode("utf-8"), name).encode("utf-8")
        out[name] = data
    for name, source in ASSETS.items():
        out[f"{ASSET_DIR}/{name}"] = (HERE / source).read_bytes()
    if LAUNCH in out:
        raise ValueError(f"the book has a page called {LAUNCH}, the package's launch page")
    out[LAUNCH] = launch_html(title, progress_data(html_dir)).encode("utf-8")
    return out


def package_name(title: str) -> str:
    return f"{slug(title)}-scorm12.zip"


def build(html_dir: Path, out_dir: Path, title: str | None = None) -> Path:
    """Write the package of the book built in ``html_dir`` into ``out_dir``; returns the zip's path."""
    if not (html_dir / START).exists():
        raise FileNotFoundError(f"no built book in {html_dir} (no {START}): run `make html` first")
    if title is None:
        title = read_config().title
    files = package_files(html_dir, title)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / package_name(title)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [(MANIFEST, manifest_xml(title, sorted(files)).encode("utf-8")), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer.publish.scorm", description=__doc__.splitlines()[0])
    parser.add_argument("html", nargs="?", default="_build/html", type=Path, help="the built book (_build/html)")
    parser.add_argument("out", nargs="?", default="_build/scorm", type=Path, help="where the zip goes (_build/scorm)")
    args = parser.parse_args(argv)
    try:
        target = build(args.html, args.out)
    except (FileNotFoundError, ValueError) as err:
        print(f"scorm: {err}", file=sys.stderr)
        return 1
    print(f"SCORM 1.2 package: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
