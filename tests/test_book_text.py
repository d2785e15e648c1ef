"""The rendered content is real document text in the built book: every word a chapter shows is found by
the book's search on that page, glossary words link to the glossary, badges keep their classes and the
callouts are the theme's admonitions. (These read ``_build/html`` as the reader's browser does.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explainer import render
from explainer.content import GRADE_INFO, load_compound
from explainer.myst import CSS_FILE
from tests.helpers import article, soup, toc_files

pytestmark = pytest.mark.book

SEMAX = load_compound("semax")
# Pages whose content comes from notebooks: the chapters and the notebook pages of the book's front and back.
PAGES = [f for f in toc_files() if f.startswith("notebooks/")] + ["index", "book/reading-the-evidence",
                                                                  "book/references"]
# Words that are not document text by design: a widget's static placeholder and a chart's fallback are HTML
# outputs (the widget host and figures.js replace them), so Sphinx's indexer never sees them; a table's
# number ("Table 7") is written by the HTML writer after indexing, like a heading's link mark.
NOT_DOCUMENT_TEXT = ("explainer-widget", "explainer-plotly", "caption-number")


def article_text(page: str) -> str:
    """The visible text of the page's article, element boundaries kept as spaces, minus HTML outputs."""
    return article(page, drop=NOT_DOCUMENT_TEXT).get_text(" ")


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
        for term in soup(page_of(built_book, name)).select("a.reference.internal > span.xref.std.std-term"):
            href, word = term.parent["href"], term.get_text()
            target = href.split("#", 1)[1]
            assert re.match(r"^(\.\./)*(book/)?glossary\.html#", href), href
            assert f'id="{target}"' in glossary, (name, word, target)
            linked.add(word.lower())
    assert {"bdnf", "acth", "fmri"} <= linked
    assert linked <= {t.lower() for t in render.glossary_terms()}


def test_badges_keep_their_classes_and_their_stylesheet_is_served(built_book: Path) -> None:
    page = page_of(built_book, "notebooks/semax/06-evidence")
    for point in SEMAX.evidence.points:  # the badge reads both halves: the kind, then what was checked
        assert GRADE_INFO[point.grade].label in point.badge_words
        badges = soup(page).select(f"span.grade-badge.grade-{point.grade.value}[title]")
        # Sphinx's smart quotes read as the content file's apostrophe.
        assert point.badge_words in {b.get_text().replace("’", "'") for b in badges}, point.key
    assert soup(page).select("span.grade-badge.flag-unverified")
    assert f'href="../../_static/{CSS_FILE}' in page
    assert re.search(r"\.grade-badge\s*\{", (built_book / "_static" / CSS_FILE).read_text(encoding="utf-8"))


def test_callouts_are_admonitions_and_the_plumbing_cell_is_not_in_the_book(built_book: Path) -> None:
    page = soup(page_of(built_book, "notebooks/semax/06-evidence"))

    def titles(selector: str) -> list[str]:
        return [t.get_text() for t in page.select(f"{selector} > p.admonition-title:first-child")]

    assert "Verdict" in titles("div.note.explainer-callout.admonition")
    assert "Not medical advice" in titles("div.important.explainer-callout.explainer-disclaimer.admonition")
    for name in PAGES:
        html = page_of(built_book, name)
        assert "lab_styles" not in html and "chapter(" not in html and 'data-explainer="myst"' not in html, name
