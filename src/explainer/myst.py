"""MyST Markdown building blocks: what the render layer emits instead of HTML strings.

A notebook output of type ``text/markdown`` is parsed as MyST by MyST-NB in the book (with
``nb_render_markdown_format: myst``) and by jupyterlab-myst in JupyterLab, so one string becomes real
document text in both: searchable words, glossary links, theme-styled tables and admonitions.

Every syntax here is one that myst-parser (Sphinx) and mystmd (jupyterlab-myst) both render. The one
exception to "no HTML" is the badge: neither tool has an inline class syntax the other understands
(``[text]{.c}`` is myst-parser only, ``{span .c}`` is mystmd only), so a badge is an inline ``<span>``
pair around ordinary Markdown text; both parsers keep the text between the tags as document text.

Functions take plain text and return Markdown; ``text()`` is the only way plain text gets in, so
every string from the content file is escaped exactly once. Block builders return blocks that are
joined by blank lines; ``Myst`` is the display object a render function returns.

This module is also a Sphinx extension (``explainer.myst`` in the book's extensions): it serves the
badge stylesheet through Sphinx's own static-path and asset APIs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import __version__

CSS_DIR = Path(__file__).parent / "css"
CSS_FILE = "explainer-myst.css"

# CommonMark lets a backslash escape any ASCII punctuation. Escaped anywhere: what can open markup
# inside a line in myst-parser or mystmd (emphasis, code, roles, links, HTML, entities, math,
# strike-through, table cells). Escaped only at the start of the text, where it could begin a block
# (heading, list, quote, comment, fence): # - + > % : and "1990." or "2)". The rest stay bare so the
# stored Markdown reads well.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<&$|~])")
_BLOCK_START = re.compile(r"^([#\-+>%:])|^(\d+)([.)])")
_TERM_BAD = re.compile(r"[`<>\n]")


def text(value: object, terms: Iterable[str] = ()) -> str:
    """Plain text as inline Markdown that shows exactly these characters.

    Whitespace (newlines included) collapses to single spaces: inline text has no line structure, and
    a newline could otherwise start a list, heading or fence. The first whole-word occurrence of each
    of ``terms`` becomes a glossary link.
    """
    plain = " ".join(str(value).split())
    escaped = _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3),
                               _SPECIAL.sub(r"\\\1", plain))
    for t in terms:
        # Matched on the escaped text, so a term with punctuation is looked up escaped too; in any case
        # ("peptide" links to the entry "Peptide"), since Sphinx looks glossary terms up that way.
        pattern = re.compile(r"(?<![\w\\{`])" + re.escape(text(t)) + r"(?![\w`])", re.I)
        escaped = pattern.sub(lambda m, t=t: term(m.group(0).replace("\\", ""), t), escaped, count=1)
    return escaped


def term(shown: str, target: str | None = None) -> str:
    """A link to the glossary entry ``target`` (default: the shown word), e.g. ``{term}`BDNF```."""
    for part in (shown, target or ""):
        if _TERM_BAD.search(part):
            raise ValueError(f"a glossary link cannot contain backticks, angle brackets or newlines: {part!r}")
    body = shown if target is None or target == shown else f"{shown} <{target}>"
    return f"{{term}}`{body}`"


def strong(inline: str) -> str:
    """Bold; ``inline`` is already Markdown (from ``text()`` or other builders)."""
    return f"**{_inline_check(inline)}**"


def emphasis(inline: str) -> str:
    return f"*{_inline_check(inline)}*"


def code(value: str) -> str:
    """Inline code: shown verbatim, so it is not escaped but fenced by more backticks than it holds."""
    value = " ".join(str(value).split())
    run = max((len(m) for m in re.findall(r"`+", value)), default=0)
    fence = "`" * (run + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def link(label: str, url: str) -> str:
    """A link the reader chooses to follow; ``label`` is inline Markdown, ``url`` a plain URL."""
    if any(c in url for c in " <>\n"):
        raise ValueError(f"not a URL: {url!r}")
    return f"[{_inline_check(label)}](<{url}>)"


def badge(label: str, classes: Sequence[str], title: str | None = None) -> str:
    """An inline badge: ``label`` in a span with ``classes`` (e.g. grade-badge grade-community).

    The label is escaped Markdown text between the tags, so the book indexes it as a word of its own.
    """
    if not classes or any(not re.fullmatch(r"[A-Za-z][\w-]*", c) for c in classes):
        raise ValueError(f"badge classes must be CSS identifiers: {classes!r}")
    attrs = f'class="{" ".join(classes)}"'
    if title:
        attrs += f' title="{html.escape(" ".join(title.split()), quote=True)}"'
    return f"<span {attrs}>{text(label)}</span>"


def _inline_check(inline: str) -> str:
    if not inline.strip() or inline != inline.strip() or "\n" in inline:
        raise ValueError(f"inline Markdown must be one line without outer spaces: {inline!r}")
    return inline


# --------------------------------------------------------------------------- blocks


def blocks(*parts: str | None) -> str:
    """Blocks (paragraphs, lists, tables, callouts) in order; empty parts are skipped."""
    return "\n\n".join(p.strip("\n") for p in parts if p and p.strip())


def paragraph(*inlines: str) -> str:
    """One paragraph from inline pieces joined by spaces (empty pieces skipped)."""
    return " ".join(i for i in inlines if i)


def _indent(block: str, width: int) -> str:
    """Continuation lines of a list item or table cell, indented under its first line."""
    first, *rest = block.split("\n")
    return "\n".join([first, *(" " * width + line if line else "" for line in rest)])


def bullets(items: Iterable[str], ordered: bool = False) -> str:
    """A list; each item is inline Markdown or a block (several paragraphs, a nested list)."""
    lines = []
    for n, item in enumerate(items, start=1):
        marker = f"{n}. " if ordered else "- "
        lines.append(marker + _indent(item.strip("\n"), len(marker)))
    if not lines:
        raise ValueError("a list needs at least one item")
    # A blank line between items keeps multi-block items apart; both parsers render it as one list.
    return "\n".join(lines) if all("\n" not in line for line in lines) else "\n\n".join(lines)


def _fence(body: str) -> str:
    """A colon fence longer than any fence inside ``body``, so directives nest."""
    inner = max((len(m) for m in re.findall(r"^ *(:{3,})", body, flags=re.M)), default=2)
    return ":" * (inner + 1)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str,
          widths: Sequence[int] | None = None, name: str | None = None) -> str:
    """A table with a caption and one header row (a ``list-table``, so cells may hold blocks).

    ``headers`` and ``caption`` are plain text; cells are Markdown. Every column needs a header in
    words: an empty header cell is an accessibility failure (axe "empty-table-header").
    """
    headers = list(headers)
    if any(not str(h).strip() for h in headers):
        raise ValueError(f"every column needs a header in words: {headers!r}")
    body_rows = [list(r) for r in rows]
    for r in body_rows:
        if len(r) != len(headers):
            raise ValueError(f"row has {len(r)} cells for {len(headers)} headers: {r!r}")
    lines = []
    for row in [[text(h) for h in headers], *body_rows]:
        for i, cell in enumerate(row):
            cell = cell.strip("\n") or "\u2014"  # an empty cell would end the list item
            lines.append(("* - " if i == 0 else "  - ") + _indent(cell, 4))
    options = [":header-rows: 1"]
    if widths:
        options.append(":widths: " + " ".join(str(w) for w in widths))
    if name:
        options.append(f":name: {name}")
    body = "\n".join(lines)
    fence = _fence(body)
    return f"{fence}{{list-table}} {text(caption)}\n" + "\n".join(options) + f"\n\n{body}\n{fence}"


CALLOUT_KINDS = ("note", "important", "warning", "caution", "tip", "seealso")


def callout(body: str, title: str | None = None, kind: str = "note", classes: Sequence[str] = ()) -> str:
    """An admonition (the theme's callout box in the book, jupyterlab-myst's in JupyterLab).

    ``body`` is Markdown blocks; ``title`` plain text (default: the kind's own title, e.g. "Note");
    ``classes`` extra CSS classes that name the box's role (e.g. explainer-disclaimer).
    """
    if kind not in CALLOUT_KINDS:
        raise ValueError(f"callout kind must be one of {CALLOUT_KINDS}: {kind!r}")
    if not body.strip():
        raise ValueError("a callout needs a body")
    if any(not re.fullmatch(r"[A-Za-z][\w-]*", c) for c in classes):
        raise ValueError(f"callout classes must be CSS identifiers: {classes!r}")
    extra = "".join(f" {c}" for c in classes)
    fence = _fence(body)
    if title:
        head = f"{fence}{{admonition}} {text(title)}\n:class: {kind} explainer-callout{extra}"
    else:
        head = f"{fence}{{{kind}}}\n:class: explainer-callout{extra}"
    return f"{head}\n\n{body.strip(chr(10))}\n{fence}"


# --------------------------------------------------------------------------- display


class Myst:
    """A block of MyST Markdown as a notebook output: ``text/markdown``, with the source as ``text/plain``.

    No ``text/html``: the book's priority list would pick it over the Markdown. ``repr`` is the source,
    so the stored ``text/plain`` is deterministic (nbval compares it) and readable in a console.
    """

    def __init__(self, *parts: str | None) -> None:
        self.markdown = blocks(*parts)

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown

    def __add__(self, other: Myst) -> Myst:
        return Myst(self.markdown, other.markdown)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Myst) and other.markdown == self.markdown

    __hash__ = None  # type: ignore[assignment]


def stylesheet_text(grade_rules: str = "") -> str:
    """The badge and callout styles: the shared file plus the grade colours (``charts.palette.grade_css``, passed
    in by the caller, so these primitives know nothing of the palette)."""
    return (CSS_DIR / CSS_FILE).read_text(encoding="utf-8") + grade_rules


class LabStyles:
    """The badge styles for JupyterLab, shown by a notebook's first (plumbing) cell.

    JupyterLab loads no book CSS, so the plumbing cell puts a ``<style>`` in its own output. The book
    removes that cell (tag ``remove-cell``) and loads the same rules as static files instead.
    """

    def __init__(self, grade_rules: str = "") -> None:
        self.grade_rules = grade_rules

    def _repr_html_(self) -> str:
        return f'<style data-explainer="myst">\n{stylesheet_text(self.grade_rules)}</style>'

    def __repr__(self) -> str:
        return "explainer badge styles"


def lab_styles(grade_rules: str = "") -> LabStyles:
    return LabStyles(grade_rules)


# --------------------------------------------------------------------------- Sphinx


def _add_static_path(app: Any, config: Any) -> None:
    path = str(CSS_DIR)
    if path not in config.html_static_path:
        config.html_static_path.append(path)


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension: ship the badge stylesheet with every page (it is small and every chapter has badges)."""
    app.connect("config-inited", _add_static_path)
    app.add_css_file(CSS_FILE)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
