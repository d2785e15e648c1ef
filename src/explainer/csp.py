"""The content-security step: every built page gets a policy that admits only the book's own origin.

Only the book's origin may supply scripts, styles, images, fonts or connections, so a stray CDN
reference is refused by the reader's browser itself. The few inline scripts and styles the theme
writes are allowed one by one by their hash, which is why the policy is computed from the final
markup, after Sphinx has written it.

Pages are read with the standard library's HTML parser (a tokenizer that follows the HTML rules for
raw-text elements, attributes and character references), never with regular expressions. The
policy goes right after ``<meta charset>``, so the charset declaration stays within the first
1,024 bytes, where browsers look for it.

A Sphinx extension of its own (``explainer.csp`` in ``_config.yml``); ``apply_policy`` is the whole
step for one page and is what the tests call.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:  # the policy itself needs no Sphinx: a deck's kernel imports this module, and Sphinx costs it ~0.6 s
    from sphinx.application import Sphinx

POLICY = ("default-src 'self'; script-src 'self'{scripts}; style-src 'self'{styles}; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
META_NAME = "Content-Security-Policy"
CHARSET_WINDOW = 1024  # bytes within which the HTML standard's prescan must find the charset

# Script types a browser runs (HTML standard: "JavaScript MIME type essence match", module, import maps,
# speculation rules). Anything else (application/json, application/ld+json, widget state) is a data block.
JS_MIME_TYPES = frozenset({
    "application/ecmascript", "application/javascript", "application/x-ecmascript", "application/x-javascript",
    "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
})
EXECUTABLE_TYPES = JS_MIME_TYPES | {"module", "importmap", "speculationrules"}


class PolicyError(ValueError):
    """A page the policy cannot protect as written (an inline handler, a late charset)."""


def is_executable(attrs: dict[str, str | None]) -> bool:
    """Whether a <script> with these attributes runs (and so needs the policy's permission)."""
    if "type" not in attrs:
        language = (attrs.get("language") or "").strip()
        return not language or f"text/{language}".lower() in JS_MIME_TYPES
    kind = (attrs["type"] or "").strip().lower()
    # Parameters (";charset=...") do not make a type safe: count it as script, a hash too many is harmless.
    return kind == "" or kind.split(";")[0].strip() in EXECUTABLE_TYPES


@dataclass
class PageScan:
    """What the policy needs from one page, with character offsets into its text."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attrs: set[str] = field(default_factory=set)
    handlers: list[str] = field(default_factory=list)
    doctype_end: int = 0              # just after <!doctype ...>, else 0
    head_end: int | None = None       # just after <head ...>
    charset_end: int | None = None    # just after <meta charset=...>
    has_policy: bool = False


class _Scanner(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._line_starts = [0]  # getpos() counts lines by "\n" alone
        for line in text.split("\n"):
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self._raw: tuple[str, bool] | None = None  # ("script" or "style", whether it counts), while inside one
        self._chunks: list[str] = []

    def _end_of_tag(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column + len(self.get_starttag_text() or "")

    def handle_decl(self, decl: str) -> None:
        line, column = self.getpos()
        self.scan.doctype_end = self.rawdata.index(">", self._line_starts[line - 1] + column) + 1

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "head" and self.scan.head_end is None:
            self.scan.head_end = self._end_of_tag()
        elif tag == "meta":
            if "charset" in attrs and self.scan.charset_end is None:
                self.scan.charset_end = self._end_of_tag()
            if (attrs.get("http-equiv") or "").lower() == META_NAME.lower():
                self.scan.has_policy = True
        elif tag == "script":
            self._raw, self._chunks = ("script", "src" not in attrs and is_executable(attrs)), []
        elif tag == "style":
            self._raw, self._chunks = ("style", True), []
        for name, value in attr_list:
            if name == "style" and value is not None:
                self.scan.style_attrs.add(value)  # already unescaped, as the browser hashes it
            elif name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.scan.handlers.append(f"<{tag} {name}=...>")

    def handle_startendtag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attr_list)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._raw:
            self._chunks.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._raw and tag == self._raw[0]:
            kind, counts = self._raw
            if counts:
                (self.scan.scripts if kind == "script" else self.scan.styles).add("".join(self._chunks))
            self._raw = None


def scan_page(text: str) -> PageScan:
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.scan


def _hashes(texts: set[str]) -> str:
    return "".join(sorted(f" 'sha256-{base64.b64encode(hashlib.sha256(t.encode()).digest()).decode()}'"
                          for t in texts))


def content_security_policy(scan: PageScan, *, empty_style: bool = False) -> str:
    """The policy for a scanned page. ``empty_style``: allow an empty <style> a script adds and then
    fills through the CSSOM (plotly.js does; CSP governs the element's text, not CSSOM rules)."""
    styles = scan.styles | ({""} if empty_style else set())
    style_src = _hashes(styles | scan.style_attrs) + (" 'unsafe-hashes'" if scan.style_attrs else "")
    return POLICY.format(scripts=_hashes(scan.scripts), styles=style_src)


def apply_policy(text: str, *, empty_style: bool = False) -> str:
    """The page with its policy in a <meta> right after <meta charset> (else at the top of <head>, else
    of the document, where the parser opens <head> implicitly: Sphinx's redirect page has no tags for it).

    A page that already carries a policy is returned unchanged. Raises ``PolicyError`` for markup a
    hash-based policy cannot allow (inline event handlers, ``javascript:`` URLs).
    """
    scan = scan_page(text)
    if scan.has_policy:
        return text
    if scan.handlers:
        raise PolicyError(f"inline script the policy would block: {', '.join(scan.handlers)}")
    at = next(a for a in (scan.charset_end, scan.head_end, scan.doctype_end) if a is not None)
    meta = f'<meta http-equiv="{META_NAME}" content="{content_security_policy(scan, empty_style=empty_style)}">'
    if scan.charset_end is None:
        # A page that never says its encoding (Sphinx's redirect page) gets one ahead of the policy: Sphinx
        # writes UTF-8, and the declaration then sits in the first bytes where the browser's prescan looks.
        meta = '<meta charset="utf-8">' + meta
    page = text[:at] + "\n    " + meta + text[at:]
    if scan.charset_end is not None and len(page[:at].encode()) > CHARSET_WINDOW:
        raise PolicyError(f"<meta charset> ends at byte {len(page[:at].encode())}, past the first {CHARSET_WINDOW}")
    return page


def finish_pages(outdir: Path, empty_style_marker: str | None = None) -> list[Path]:
    """Apply the policy to every page Sphinx wrote in this build; returns the pages changed."""
    changed = []
    for path in sorted(outdir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        try:
            page = apply_policy(text, empty_style=bool(empty_style_marker and empty_style_marker in text))
        except PolicyError as err:
            raise PolicyError(f"{path.relative_to(outdir)}: {err}") from None
        if page != text:
            path.write_text(page, encoding="utf-8")
            changed.append(path)
    return changed


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        from .display import FIGURE_CLASS

        finish_pages(Path(app.outdir), empty_style_marker=FIGURE_CLASS)


def setup(app: Sphinx) -> dict[str, Any]:
    # Late, so it sees each page as every other extension left it.
    app.connect("build-finished", _on_build_finished, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
