"""The built book: every page exists, each chapter holds its figures, tables and interactives,
and no page refers to another host for anything it loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.content import load_compound
from tests.helpers import toc_files

pytestmark = pytest.mark.book

# What each chapter shows: (figures, tables, interactives), exactly. A mechanism chapter has one stepper per
# mechanism step in the compound's data file; Semax's BDNF step has its chart.
SEMAX, SELANK = load_compound("semax"), load_compound("selank")
QUIZ = 1  # every compound chapter ends with its self-check questions (explainer.quiz)
EXPECTED = {
    "notebooks/semax/01-what-it-is": (0, 1, 0 + QUIZ),
    "notebooks/semax/02-mechanism": (1, 0, len(SEMAX.mechanism.steps) + QUIZ),
    "notebooks/semax/03-dosing": (1, 3, 1 + QUIZ),
    "notebooks/semax/04-reconstitution": (0, 1, 1 + QUIZ),
    "notebooks/semax/05-side-effects": (0, 0, 0 + QUIZ),
    "notebooks/semax/06-evidence": (1, 1, 0 + QUIZ),
    # Selank: no approval table (its status is its registration), no measured step to chart.
    "notebooks/selank/01-what-it-is": (0, 0, 0 + QUIZ),
    "notebooks/selank/02-mechanism": (0, 0, len(SELANK.mechanism.steps) + QUIZ),
    "notebooks/selank/03-dosing": (1, 3, 1 + QUIZ),
    "notebooks/selank/04-reconstitution": (0, 1, 1 + QUIZ),
    "notebooks/selank/05-side-effects": (0, 0, 0 + QUIZ),
    "notebooks/selank/06-evidence": (1, 1, 0 + QUIZ),
    "notebooks/stacking": (1, 0, 1),  # the day picture and the blend calculator
    "book/intro": (0, 1, 0),
}
LOADS = re.compile(r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)="""
                   r"""["']([^"']+)""", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""", re.I)


def page(built_book: Path, name: str) -> str:
    return (built_book / f"{name}.html").read_text(encoding="utf-8")


def test_every_toc_page_is_built(built_book: Path) -> None:
    for name in toc_files():
        assert (built_book / f"{name}.html").exists(), name
    assert (built_book / "index.html").exists()


def test_no_page_is_left_from_an_older_table_of_contents(built_book: Path) -> None:
    # Sphinx never deletes the page of a document that left the TOC; explainer.build clears such output.
    pages = set(toc_files()) | {"index", "genindex", "search"}
    stale = [str(p.relative_to(built_book)) for p in built_book.rglob("*.html")
             if p.relative_to(built_book).parts[0] not in ("_static", "_sources", "slides", "handouts")
             and str(p.relative_to(built_book).with_suffix("")) not in pages]
    assert not stale, stale


def test_the_build_clears_its_output_when_the_table_of_contents_changed(tmp_path: Path) -> None:
    from explainer.build import TOC_STAMP, clear_stale_output

    html = tmp_path / "_build" / "html"
    (html / "notebooks").mkdir(parents=True)
    old = html / "notebooks" / "01-what-it-is.html"
    old.write_text("old page")
    (tmp_path / "_toc.yml").write_text("root: book/intro\n")
    assert clear_stale_output(tmp_path) and not html.exists()  # no stamp: built from an unknown TOC
    (html / "notebooks").mkdir(parents=True)
    old.write_text("page")
    import hashlib
    (html / TOC_STAMP).write_text(hashlib.sha256((tmp_path / "_toc.yml").read_bytes()).hexdigest())
    assert not clear_stale_output(tmp_path) and old.exists()  # same TOC: the incremental build keeps its pages
    (tmp_path / "_toc.yml").write_text("root: book/intro\nparts: []\n")
    assert clear_stale_output(tmp_path) and not old.exists()  # the TOC changed: nothing old can ship


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


@pytest.mark.parametrize("compound", [SEMAX, SELANK], ids=["semax", "selank"])
def test_pages_show_facts_from_the_content_file(built_book: Path, compound) -> None:
    evidence = page(built_book, f"notebooks/{compound.id}/06-evidence")
    refs = page(built_book, "book/references")
    for source in compound.studies:
        if source.pmid:
            assert f"PMID {source.pmid}" in refs
            assert source.pmid in evidence
    intro = page(built_book, f"notebooks/{compound.id}/01-what-it-is")
    assert compound.identity.sequence.text in intro


def test_the_landing_page_sets_the_compounds_side_by_side(built_book: Path) -> None:
    from explainer import render

    html = page(built_book, "book/intro")
    table = html[html.index("<table"):html.index("</table>")]
    for c in (SEMAX, SELANK):
        assert c.identity.name in table
        for s in c.label.strengths:
            assert f"{s.mg_per_ml:g} mg/mL" in table
        # studies counted by type, claims by what they rest on, each under its own heading
        # only studies the book read are counted by type; the listed-but-unread ones are shown apart
        assert f"{len(c.read_studies)} studies read" in table
        assert f"{len(c.unread_studies)} more listed but not read" in table
        counts = render.evidence_mix(c)
        assert f"{sum(counts.values())} graded claims; resting on" in table
        assert f"community reports: {counts['community reports']}" in table
    assert "Studies read, by type" in table and "Claims, by what they rest on" in table


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
