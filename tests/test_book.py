"""The built book: every page exists, each chapter holds its figures, tables and interactives,
and no page refers to another host for anything it loads."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from explainer.content import load_compound
from tests.helpers import toc_files

pytestmark = pytest.mark.book

# What each page shows: (figures, tables, interactives), from each compound's data. A mechanism chapter has one
# stepper per step and a chart when a step's study reported measurements; a dosing chapter one table for the
# figures and one for each of the label's strengths and schedules; the evidence chapter a timeline when a study
# has a year. The counts are stated here per page, never read from the registry that built the pages.
COMPOUNDS = {c.id: c for c in (load_compound("semax"), load_compound("selank"))}
QUIZ = 1  # every compound chapter ends with its self-check questions


def _measured(c) -> bool:
    return any({s.id for s in c.sources if s.measurements} & set(st.source_ids) for st in c.mechanism.steps)


SHOWS = {
    "01-what-it-is": lambda c: (0, int(bool(c.identity.approval)), QUIZ),
    "02-mechanism": lambda c: (int(_measured(c)), 0, len(c.mechanism.steps) + QUIZ),
    "03-dosing": lambda c: (1, 1 + bool(c.label and c.label.strengths) + bool(c.label and c.label.schedules),
                            1 + QUIZ),
    "04-reconstitution": lambda c: (0, 1, 1 + QUIZ),
    "05-side-effects": lambda c: (0, 0, QUIZ),
    "06-evidence": lambda c: (int(any(s.year is not None for s in c.studies)), int(bool(c.studies)), QUIZ),
}


def expected(name: str) -> tuple[int, int, int]:
    if name == "notebooks/stacking":  # a day picture per compound whose sources give a schedule; the blend calculator
        return (sum(1 for c in COMPOUNDS.values() if c.stacking and c.stacking.schedule), 0, 1)
    if name == "index":  # the compounds side by side
        return (0, 1, 0)
    _, compound, slug = name.split("/")
    return SHOWS[slug](COMPOUNDS[compound])


EXPECTED = [f for f in toc_files() if f.startswith("notebooks/")] + ["index"]
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
    (tmp_path / "_toc.yml").write_text("root: index\n")
    assert clear_stale_output(tmp_path) and not html.exists()  # no stamp: built from an unknown TOC
    (html / "notebooks").mkdir(parents=True)
    old.write_text("page")
    import hashlib
    (html / TOC_STAMP).write_text(hashlib.sha256((tmp_path / "_toc.yml").read_bytes()).hexdigest())
    assert not clear_stale_output(tmp_path) and old.exists()  # same TOC: the incremental build keeps its pages
    (tmp_path / "_toc.yml").write_text("root: index\nparts: []\n")
    assert clear_stale_output(tmp_path) and not old.exists()  # the TOC changed: nothing old can ship


def test_every_compound_has_its_chapters_in_the_table_of_contents() -> None:
    for c in COMPOUNDS:
        assert [f for f in toc_files() if f.startswith(f"notebooks/{c}/")] == [f"notebooks/{c}/{s}" for s in SHOWS]
    assert "notebooks/stacking" in toc_files()


@pytest.mark.parametrize("name", EXPECTED)
def test_each_chapter_holds_its_figures_tables_and_interactives(built_book: Path, name: str) -> None:
    html = page(built_book, name)
    shown = (html.count('class="explainer-plotly"'), html.count('<table class="docutils'),
             html.count('class="explainer-widget"'))
    assert shown == expected(name)
    # A figure or widget that lost its kernel-free rendering would leave the bare plotly or widget mime.
    assert "application/vnd.plotly.v1+json" not in html
    assert "Traceback" not in html


@pytest.mark.parametrize("compound", list(COMPOUNDS.values()), ids=list(COMPOUNDS))
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

    html = page(built_book, "index")
    table = html[html.index("<table"):html.index("</table>")]
    for c in COMPOUNDS.values():
        assert c.identity.name in table
        for s in c.label.strengths:
            assert f"{s.mg_per_ml:g} mg/mL" in table
        # studies counted by type, claims by what they rest on, each under its own heading
        # only studies the book read are counted by type; the listed-but-unread ones are shown apart
        assert f"{len(c.read_studies)} studies read" in table
        assert f"{len(c.unread_studies)} more listed but not read" in table
        counts = render.evidence_mix(c)
        assert f"{sum(counts.values())} graded claims; resting on" in table
        # where no user's own report was read, the count says what the reports are known from
        community = counts["community reports"]
        assert re.search(rf"community reports( \(known only from the original page\))?: {community}\b", table)
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


def test_plotly_is_vendored_and_never_loaded_with_the_page(built_book: Path) -> None:
    # figures.js loads plotly.js when a chart comes near; until then each chart is its still picture.
    vendored = {p.name for p in (built_book / "_static" / "vendor").glob("plotly-basic*.js")}
    assert len(vendored) == 1, vendored
    figure_pages = 0
    for path in built_book.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "vendor/plotly-basic" not in html, path  # no <script src>: not run at load
        figures = html.count('class="explainer-plotly"')
        if figures:
            figure_pages += 1
            assert set(re.findall(r'data-plotly="([^"]+)"', html)) == vendored, path
            assert html.count("explainer/figures.js") == 1, path
            pictures = re.findall(r'<picture class="explainer-figure-picture">.*?</picture>', html)
            assert len(pictures) == figures, path
            for svg in re.findall(r'(?:src|srcset)="([^"]+\.svg)"', "".join(pictures)):
                assert (path.parent / svg).resolve().is_file(), (path, svg)
        else:
            assert "explainer/figures.js" not in html, path
        assert "cdn.plot.ly" not in html and "require.js" not in html
    assert figure_pages >= 5  # the chart chapters and the dosing decks


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


@pytest.mark.parametrize("name", [f for f in toc_files() if f.startswith("notebooks/") and f.count("/") == 2])
def test_every_self_check_link_lands_on_a_heading(built_book: Path, name: str) -> None:
    """Each question's "read more" link goes to an element of the page it names (the old defaults, such as
    #the-steps, matched no heading)."""
    html = page(built_book, name)
    state = re.search(r'class="explainer-widget"[^>]*data-widget="quiz"[^>]*>.*?<script type="application/json"[^>]*>'
                      r"(.*?)</script>", html, re.S)
    hrefs = set(re.findall(r'"href": ?"([^"]+)"', state.group(1) if state else html))
    assert hrefs, name
    for href in hrefs:
        target, _, anchor = href.partition("#")
        where = page(built_book, posixpath.join(posixpath.dirname(name), target[:-len(".html")])) if target else html
        assert f'id="{anchor}"' in where, (name, href)


def test_every_page_has_its_own_description(built_book: Path) -> None:
    # A search result's snippet, from the page itself: a chapter's overview, a hand-written page's first
    # paragraph, a deck's or handout's chapter, the root page's own.
    seen: dict[str, str] = {}
    for path in sorted(built_book.rglob("*.html")):
        rel = str(path.relative_to(built_book))
        html = path.read_text(encoding="utf-8")
        found = re.findall(r'<meta name="description" content="([^"]*)">', html)
        assert len(found) == 1 and 40 <= len(found[0]) <= 160, (rel, found)
        assert html.index('name="description"') > html.index("charset"), rel
        assert found[0] not in seen, (rel, seen.get(found[0]))
        seen[found[0]] = rel
    overview = re.compile(r"<strong>In this chapter:</strong>\s*([^<]{20})")
    chapters = [p for p in (built_book / "notebooks").rglob("*.html")]
    assert chapters
    for path in chapters:
        html = path.read_text(encoding="utf-8")
        opening = overview.search(html)
        assert opening, path
        words = " ".join(opening.group(1).split()).lower()
        assert words in re.search(r'name="description" content="([^"]*)"', html)[1].lower(), path
