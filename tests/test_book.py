"""The built book: every page exists, each chapter holds its figures, tables and interactives,
and no page refers to another host for anything it loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.content import load_compound
from tests.helpers import toc_files

pytestmark = pytest.mark.book

# What each chapter shows: (figures, tables, interactives), exactly. The mechanism chapter has one
# stepper per mechanism step in the content file.
STEPS = len(load_compound("semax").mechanism.steps)
EXPECTED = {
    "notebooks/01-what-it-is": (0, 1, 0),
    "notebooks/02-mechanism": (1, 0, STEPS),
    "notebooks/03-dosing": (1, 3, 1),
    "notebooks/04-reconstitution": (0, 1, 1),
    "notebooks/05-side-effects": (0, 0, 0),
    "notebooks/06-stacking": (1, 0, 0),
    "notebooks/07-evidence": (1, 1, 0),
}
LOADS = re.compile(r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)=["']([^"']+)""", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""", re.I)


def page(built_book: Path, name: str) -> str:
    return (built_book / f"{name}.html").read_text(encoding="utf-8")


def test_every_toc_page_is_built(built_book: Path) -> None:
    for name in toc_files():
        assert (built_book / f"{name}.html").exists(), name
    assert (built_book / "index.html").exists()


def test_every_chapter_is_in_the_table_of_contents() -> None:
    assert set(EXPECTED) <= set(toc_files())


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_chapter_holds_its_figures_tables_and_interactives(built_book: Path, name: str) -> None:
    html = page(built_book, name)
    shown = (html.count('class="explainer-plotly"'), html.count('<table class="docutils'),
             html.count('class="explainer-widget"'))
    assert shown == EXPECTED[name]
    # A figure or widget that lost its kernel-free rendering would leave the bare plotly or widget mime.
    assert "application/vnd.plotly.v1+json" not in html
    assert "Traceback" not in html


def test_pages_show_facts_from_the_content_file(built_book: Path) -> None:
    semax = load_compound("semax")
    evidence = page(built_book, "notebooks/07-evidence")
    refs = page(built_book, "book/references")
    for source in semax.studies:
        assert f"PMID {source.pmid}" in refs
        assert source.pmid in evidence
    intro = page(built_book, "notebooks/01-what-it-is")
    assert semax.identity.sequence.text in intro


def test_nothing_is_loaded_from_another_host(built_book: Path) -> None:
    offenders = []
    for path in built_book.rglob("*.html"):
        for url in LOADS.findall(path.read_text(encoding="utf-8")):
            if re.match(r"(?i)^(https?:)?//", url):
                offenders.append(f"{path.relative_to(built_book)}: {url}")
    for path in built_book.rglob("*.css"):
        for url in CSS_URL.findall(path.read_text(encoding="utf-8")):
            if re.match(r"(?i)^(https?:)?//", url):
                offenders.append(f"{path.relative_to(built_book)}: {url}")
    assert not offenders, offenders


def test_plotly_is_vendored_once_and_only_where_needed(built_book: Path) -> None:
    for path in built_book.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        loads = html.count("vendor/plotly-basic")
        assert loads == (1 if 'class="explainer-plotly"' in html else 0), path
        assert "cdn.plot.ly" not in html and "require.js" not in html


ADVICE = ("you should take", "we recommend", "recommended dose", "start with", "you should inject", "take this")
JARGON = ("seed page", "content file", "nbval", "anywidget")


def test_no_page_gives_advice_or_shows_jargon_or_broken_numbers(built_book: Path) -> None:
    problems = []
    for path in built_book.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        # What a reader reads: the visible text, not scripts, styles or the JSON state of the interactives.
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
        text = re.sub(r"<[^>]+>", " ", text).lower()
        problems += [f"{path.name}: {p!r}" for p in ADVICE + JARGON if p in text]
        problems += [f"{path.name}: {w}" for w in re.findall(r"\b(nan|infinity|undefined)\b", text)]
    assert not problems, problems
