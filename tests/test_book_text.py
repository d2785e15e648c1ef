"""The rendered content is real document text in the built book: every word a chapter shows is found by
the book's search on that page, glossary words link to the glossary, badges keep their classes and the
callouts are the theme's admonitions. (These read ``_build/html`` as the reader's browser does.)"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from explainer import render
from explainer.content import GRADE_INFO, load_compound
from explainer.myst import CSS_FILE
from tests.helpers import toc_files

pytestmark = pytest.mark.book

SEMAX = load_compound("semax")
# Pages whose content comes from notebooks: the chapters and the notebook pages of the book's front and back.
PAGES = [f for f in toc_files() if f.startswith("notebooks/")] + ["book/intro", "book/reading-the-evidence",
                                                                  "book/references"]
# Words that are not document text by design: a widget's static placeholder and a chart's fallback are HTML
# outputs (the widget host and figures.js replace them), so Sphinx's indexer never sees them; a table's
# number ("Table 7") is written by the HTML writer after indexing, like a heading's link mark.
NOT_DOCUMENT_TEXT = ("explainer-widget", "explainer-plotly", "caption-number")


class _Text(HTMLParser):
    """The visible text of the page's article, with element boundaries kept as spaces, minus HTML outputs."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" or self.depth:
            self.depth += 1
            if self.skip or tag in ("script", "style", "template") or any(c in classes for c in NOT_DOCUMENT_TEXT):
                self.skip += 1
        self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.skip:
                self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


def search_index(html_dir: Path) -> dict:
    raw = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(raw[raw.index("(") + 1: raw.rindex(")")])  # Search.setIndex({...})


def index_misses(html_dir: Path, docname: str, text: str) -> list[str]:
    """Words of ``text`` that Sphinx's search would not find on ``docname`` (its own split, stem, filter)."""
    from sphinx.search.en import SearchEnglish

    index = search_index(html_dir)
    doc = index["docnames"].index(docname)
    lang = SearchEnglish({})
    misses = []
    for word in lang.split(text):
        stemmed = lang.stem(word).lower()
        if not lang.word_filter(stemmed) and lang.word_filter(word):
            stemmed = word  # Sphinx indexes the word itself when its stem is filtered out
        if not lang.word_filter(stemmed):
            continue  # stopwords, one-letter and purely numeric tokens are not indexed
        pages = [index["terms"].get(stemmed, []), index["titleterms"].get(stemmed, [])]
        pages = [p if isinstance(p, list) else [p] for p in pages]
        if doc not in pages[0] + pages[1]:
            misses.append(word)
    return misses


def page_of(built_book: Path, name: str) -> str:
    return (built_book / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAGES)
def test_every_word_a_page_shows_is_found_by_search_on_that_page(built_book: Path, name: str) -> None:
    shown = article_text(page_of(built_book, name))
    assert len(shown.split()) > 50, name
    assert index_misses(built_book, name, shown) == []


def test_the_index_check_can_fail(built_book: Path) -> None:
    # Words run together, as HTML strings used to index them, are not on the page.
    assert index_misses(built_book, "notebooks/semax/05-side-effects", "reportsheadach zzyzxword") == [
        "reportsheadach", "zzyzxword"]


def test_glossary_words_link_to_the_glossary(built_book: Path) -> None:
    glossary = page_of(built_book, "book/glossary")
    linked = set()
    for name in PAGES:
        for href, word in re.findall(r'<a class="reference internal" href="([^"]+)"><span class="xref std std-term">'
                                     r"([^<]+)</span></a>", page_of(built_book, name)):
            target = href.split("#", 1)[1]
            assert re.match(r"^(\.\./)*(book/)?glossary\.html#", href), href
            assert f'id="{target}"' in glossary, (name, word, target)
            linked.add(word.lower())
    assert {"bdnf", "acth", "fmri"} <= linked
    assert linked <= {t.lower() for t in render.glossary_terms()}


def test_badges_keep_their_classes_and_their_stylesheet_is_served(built_book: Path) -> None:
    page = page_of(built_book, "notebooks/semax/06-evidence")
    for point in SEMAX.evidence.points:  # the badge reads both halves: the kind, then what was checked
        label = re.escape(point.badge_words).replace("'", "[’']")  # Sphinx's smart quotes
        assert GRADE_INFO[point.grade].label in point.badge_words
        assert re.search(rf'<span class="grade-badge grade-{point.grade.value}" title="[^"]+">{label}</span>', page)
    assert 'class="grade-badge flag-unverified"' in page
    assert f'href="../../_static/{CSS_FILE}' in page
    assert ".grade-badge {" in (built_book / "_static" / CSS_FILE).read_text(encoding="utf-8")


def test_callouts_are_admonitions_and_the_plumbing_cell_is_not_in_the_book(built_book: Path) -> None:
    page = page_of(built_book, "notebooks/semax/06-evidence")
    assert re.search(r'<div class="note explainer-callout admonition">\s*<p class="admonition-title">Verdict</p>', page)
    assert re.search(r'<div class="important explainer-callout explainer-disclaimer admonition">\s*'
                     r'<p class="admonition-title">Not medical advice</p>', page)
    for name in PAGES:
        html = page_of(built_book, name)
        assert "lab_styles" not in html and "chapter(" not in html and 'data-explainer="myst"' not in html, name
