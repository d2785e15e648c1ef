"""Each page's meta description: what a search result or a shared link shows of a page.

One rule for every page the book writes: Sphinx's pages (through ``explainer.extension``), decks and
and handouts (``explainer.classroom``).
"""

from __future__ import annotations

import html
import re

DESCRIPTION_CHARS = 160  # about what a search result shows
CHAPTER_LEAD = "In this chapter:"
# Pages with no paragraph of their own (Sphinx's search and index pages); "{book}" is the book's title.
OWN_DESCRIPTIONS = {
    "search": "Search the whole of {book}: every chapter, the glossary and the references.",
    "genindex": "The index of {book}: the terms the glossary defines and where the book uses them.",
}


def page_description(body: str, title: str, book: str, pagename: str = "", subject: str = "") -> str:
    """A page's meta description: its first paragraph after its heading, which on a chapter page is the
    chapter's overview ("In this chapter: ..."), led by the chapter's ``subject`` (its compound) when the
    overview does not name it; cut at a word near 160 characters."""
    if pagename in OWN_DESCRIPTIONS:
        return OWN_DESCRIPTIONS[pagename].format(book=book)
    heading = body.find("</h1>")
    found = re.search(r"<p>(.*?)</p>", body[heading:] if heading >= 0 else body, re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()) if found else ""
    if text.startswith(CHAPTER_LEAD):
        text = text[len(CHAPTER_LEAD):].strip()
        text = f"{subject}: {text}" if subject and subject not in text else text[:1].upper() + text[1:]
    return clip_description(text or f"{title}, part of {book}.")


def clip_description(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_CHARS:
        text = text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return text


def meta_tag(text: str) -> str:
    return f'<meta name="description" content="{html.escape(clip_description(text))}">'
