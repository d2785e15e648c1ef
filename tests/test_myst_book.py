"""The MyST mechanism in a real book build: the demo chapter (tests/myst_demo.py) built with the
book's own _config.yml, strict flags and glossary, in a temporary copy.

Checks what HTML strings could not give: every word of the rendered block is in the search index
as a word of that page, a glossary word links to the glossary, and the badge keeps its classes.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from explainer.content import GRADE_INFO, load_compound
from explainer.myst import CSS_FILE
from explainer.build import build_book

from .conftest import ROOT
from .myst_demo import demo_notebook

pytestmark = [pytest.mark.book, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("myst-book")
    shutil.copy(ROOT / "_config.yml", src / "_config.yml")
    shutil.copytree(ROOT / "book" / "_static", src / "book" / "_static")
    shutil.copytree(ROOT / "book" / "_templates", src / "book" / "_templates")
    shutil.copy(ROOT / "book" / "glossary.md", src / "book" / "glossary.md")
    demo_notebook(src / "demo.ipynb", ROOT)
    toc = {"format": "jb-book", "root": "demo", "chapters": [{"file": "book/glossary"}]}
    (src / "_toc.yml").write_text(yaml.safe_dump(toc))
    result = build_book(src, capture=True)
    assert result.returncode == 0, result.stdout + result.stderr  # strict: any MyST warning fails
    return src / "_build" / "html"


class _Text(HTMLParser):
    """The visible text of the page's article, with element boundaries kept as spaces."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def article_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


def index_misses(html_dir: Path, docname: str, text: str) -> list[str]:
    """Words of ``text`` that Sphinx's search would not find on ``docname`` (its own split, stem, filter)."""
    from sphinx.search.en import SearchEnglish

    raw = (html_dir / "searchindex.js").read_text()
    index = json.loads(raw[raw.index("(") + 1: raw.rindex(")")])
    doc = index["docnames"].index(docname)
    lang = SearchEnglish({})
    misses = []
    for word in lang.split(text):
        stemmed = lang.stem(word).lower()
        if not lang.word_filter(stemmed) and lang.word_filter(word):
            stemmed = word
        if not lang.word_filter(stemmed):
            continue
        pages = [index["terms"].get(stemmed, []), index["titleterms"].get(stemmed, [])]
        pages = [p if isinstance(p, list) else [p] for p in pages]
        if doc not in pages[0] + pages[1]:
            misses.append(word)
    return misses


def test_every_word_of_the_rendered_block_is_indexed_on_its_page(demo_book: Path) -> None:
    page = (demo_book / "demo.html").read_text()
    semax = load_compound("semax")
    shown = article_text(page)
    words = [p.text for p in semax.evidence.points] + [semax.evidence.verdict.text]
    for sentence in words:
        assert " ".join(sentence.split()) in " ".join(shown.split())  # the block is on the page
    assert index_misses(demo_book, "demo", shown) == []
    # The words that HTML strings glued together ("...trials.Clinical") are separate entries.
    assert index_misses(demo_book, "demo", "trials Clinical rats Animal") == []


def test_glossary_word_links_to_the_glossary(demo_book: Path) -> None:
    page = (demo_book / "demo.html").read_text()
    links = re.findall(r'<a class="reference internal" href="([^"]+)"><span class="xref std std-term">BDNF</span></a>',
                       page)
    assert links == ["book/glossary.html#term-BDNF"]
    assert 'id="term-BDNF"' in (demo_book / "book" / "glossary.html").read_text()


def test_badges_keep_their_classes_and_the_stylesheet_is_served(demo_book: Path) -> None:
    page = (demo_book / "demo.html").read_text()
    semax = load_compound("semax")
    for grade in {p.grade for p in semax.evidence.points}:
        label = re.escape(GRADE_INFO[grade].label).replace("'", "[’']")  # Sphinx's smart quotes
        assert re.search(rf'<span class="grade-badge grade-{grade.value}" title="[^"]+">{label}</span>', page)
    assert f'href="_static/{CSS_FILE}' in page
    assert ".grade-badge {" in (demo_book / "_static" / CSS_FILE).read_text()
    # The callout is the theme's admonition, and the plumbing cell is not in the book.
    assert re.search(r'<div class="important explainer-callout admonition">\s*<p class="admonition-title">Verdict</p>', page)
    assert "lab_styles" not in page and "explainer badge styles" not in page and "data-explainer=\"myst\"" not in page
