"""The built book, decks and handouts never claim more than the book read (issue 15).

Read as a reader gets them: every page, deck (speaker notes included) and handout in ``_build/html``, with the
widgets' and charts' JSON. Each test is the class of a slip a line-by-line read found: a study-kind badge on a
source nothing was read of, a doubted attribution cited without its flag, a status without its doubt, a detail
no record holds, counts that disagree between pages, and self-check questions that give their answer away,
have two true options or point at a section the page does not have."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.content import CHECKED_INFO, GRADE_INFO, READ_LEVELS, STUDY_GRADES, load_compound

pytestmark = pytest.mark.book

COMPOUNDS = [load_compound(c) for c in ("semax", "selank")]
READ_WORDS = tuple(CHECKED_INFO[level].label for level in READ_LEVELS)
STUDY_LABELS = tuple(GRADE_INFO[g].label for g in STUDY_GRADES)
# Where notes, explanations and chart hover name a badge in words.
NAMED_BADGE = re.compile(r"(?:Evidence grade: |grades it “|Badge: )((?:" + "|".join(STUDY_LABELS) + r")[^.”<]*)")


def outputs(root: Path) -> dict[str, str]:
    """Every reader-facing HTML file: chapters and book pages, decks and handouts."""
    files = [root / "index.html", *root.glob("notebooks/**/*.html"), *root.glob("book/*.html"),
             *root.glob("slides/**/*.html"), *root.glob("handouts/**/*.html")]
    assert len(files) > 30, files
    return {str(f.relative_to(root)): f.read_text(encoding="utf-8") for f in files}


def text_of(page: str) -> str:
    """Everything a reader can reach on a page, as one string: visible text, speaker notes, widget and chart
    JSON (hover text, options, explanations), unescaped, whitespace folded."""
    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["style"]):
        tag.decompose()
    raw = " ".join(soup.stripped_strings)
    raw = raw.replace("\\u00b7", "·").replace("<br>", " ")
    return " ".join(html.unescape(raw).replace("’", "'").split())  # Sphinx curls apostrophes


@pytest.fixture(scope="module")
def pages(built_book: Path) -> dict[str, str]:
    return outputs(built_book)


@pytest.fixture(scope="module")
def texts(pages: dict[str, str]) -> dict[str, str]:
    return {name: text_of(page) for name, page in pages.items()}


# --------------------------------------------------------------------------- badges


def test_no_study_kind_badge_stands_on_a_source_nothing_was_read_of(pages, texts) -> None:
    bad = []
    for name, page in pages.items():
        soup = BeautifulSoup(page, "html.parser")
        for span in soup.select("span.grade-badge"):
            # the study kind's own half (a badge may go on to name the original page's word: review 2-A N2)
            words = " ".join(span.get_text(" ").split()).split(";")[0].strip()
            if words.startswith(STUDY_LABELS) and "evidence" not in name.split("/")[-1]:
                if not words.endswith(READ_WORDS):
                    bad.append((name, words))
            elif words.startswith(STUDY_LABELS) and not words.endswith(READ_WORDS):
                # the evidence guide defines the kinds in a table of bare badges; nowhere else may one stand bare
                if name != "book/reading-the-evidence.html":
                    bad.append((name, words))
        # speaker notes, self-check explanations and chart hover name the badge in words
        for m in re.finditer(NAMED_BADGE, texts[name]):
            if not m.group(1).split(";")[0].strip().endswith(READ_WORDS):
                bad.append((name, m.group(1)))
    assert not bad, bad[:10]


def test_a_source_nothing_was_read_of_is_badged_as_such_wherever_it_is_listed(texts) -> None:
    unread = [s for c in COMPOUNDS for s in c.unread_studies]
    assert unread  # Tsai 2018, Kaplan 1996, Gusev 2005, Medvedev 2014 and 2015
    for s in unread:
        page = texts[f"notebooks/{next(c.id for c in COMPOUNDS if s in c.sources)}/06-evidence.html"]
        assert s.badge_words in page, s.id
        assert not any(f"{s.inline_citation} {label}" in page for label in STUDY_LABELS), s.id


def test_a_claim_on_listings_only_says_so_on_its_page_deck_and_handout(texts) -> None:
    for c in COMPOUNDS:
        claims = [k for _, k in c.iter_claims() if k.listings_only]
        if not claims:
            continue
        note = claims[0].listing_note
        for where in (f"notebooks/{c.id}/06-evidence.html", f"slides/{c.id}/evidence.html"):
            assert note in texts[where], where


# --------------------------------------------------------------------------- doubted attributions


def _doubted(c):
    return [s for s in c.studies if s.is_unverified or s.likely_identity is not None
            or "authors" in s.unverified_identifiers]


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_a_doubted_attribution_carries_its_flag_wherever_it_is_cited(compound, texts) -> None:
    doubted = _doubted(compound)
    assert doubted
    bad = []
    for s in doubted:
        li = s.likely_identity
        flag = (s.identifier_words if "authors" in s.unverified_identifiers else
                "attribution unverified" if s.is_unverified else
                f"likely {li.authors if 'authors' in li.corrects else li.year}").lower()
        names = [s.short_cite] + ([f"{s.full_authors.strip()} ({s.year})"] if s.full_authors else [])
        for page, text in texts.items():
            for name in names:
                for m in re.finditer(re.escape(name), text):
                    window = text[m.end(): m.end() + 900].lower()
                    if flag not in window:
                        bad.append((page, name, text[m.start(): m.end() + 80]))
    assert not bad, bad[:8]


# --------------------------------------------------------------------------- status statements

STATUS = re.compile(r"(registered in Russia|clinical medicine in Russia|used there as a clinical medicine|"
                    r"sold in Russia|approved in Russia)", re.I)
DOUBT = re.compile(r"(may have been withdrawn|not confirmed|unconfirmed)", re.I)


def test_every_statement_of_a_compounds_status_carries_its_doubt(texts) -> None:
    bad = []
    for page, text in texts.items():
        for m in STATUS.finditer(text):
            # the doubt sits in the same item: just before (the status words) or just after (its note)
            if not DOUBT.search(text[max(0, m.start() - 200): m.end() + 500]):
                bad.append((page, text[max(0, m.start() - 60): m.end() + 120]))
    assert not bad, bad[:8]
    assert not any("sold in Russia" in t for t in texts.values())  # no note says it is sold


# --------------------------------------------------------------------------- details the records hold


def _json_scripts(page: str) -> list:
    """The JSON a page carries for its widgets and charts."""
    out = []
    for script in BeautifulSoup(page, "html.parser").find_all("script", type="application/json"):
        try:
            out.append(json.loads(script.string or ""))
        except json.JSONDecodeError:
            continue
    return out


def _plotly_traces(page: str) -> list[dict]:
    traces = []
    for data in _json_scripts(page):
        spec = data.get("figure", data) if isinstance(data, dict) else {}
        if isinstance(spec, dict) and isinstance(spec.get("data"), list):
            traces += [t for t in spec["data"] if isinstance(t, dict)]
    return traces


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_no_citation_shows_a_detail_its_record_lacks(compound, pages) -> None:
    traces = [t for t in _plotly_traces(pages[f"notebooks/{compound.id}/06-evidence.html"]) if t.get("customdata")]
    assert traces, "the timeline's data was not found on the evidence page"
    seen = set()
    for t in traces:
        hovers = t.get("hovertemplate") or []
        for sid, hover in zip(t["customdata"], hovers, strict=False):
            s = compound.source(sid)
            seen.add(sid)
            hover = html.unescape(hover).replace("<br>", " ")
            # a population, size or PMID is shown only when the record holds it, and then as it holds it
            assert ("Population:" in hover) == (s.population is not None), sid
            if s.population:
                assert " ".join(s.population.split())[:30] in " ".join(hover.split()), sid
            assert ("n = " in hover) == (s.n is not None), sid
            if s.n is not None:
                assert f"n = {s.n}" in hover.replace(",", ""), sid
            assert (f"PMID {s.pmid}" in hover) if s.pmid else ("No PMID" in hover), sid
    assert seen == {s.id for s in compound.studies if s.year is not None}


def test_every_detail_of_a_source_has_a_provenance() -> None:
    from explainer.content.sources import DETAIL_FIELDS

    for c in COMPOUNDS:
        for s in c.sources:
            for name in DETAIL_FIELDS:
                if getattr(s, name) not in (None, (), {}):
                    assert s.provenance_of(name) is not None, (c.id, s.id, name)


# --------------------------------------------------------------------------- counts


def _numbers(pattern: str, text: str) -> list[int]:
    return [int(x) for x in re.findall(pattern, text)]


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_counts_agree_on_the_landing_page_evidence_chapter_timeline_and_references(compound, texts) -> None:
    read, unread, studies = len(compound.read_studies), len(compound.unread_studies), len(compound.studies)
    landing = texts["index.html"]
    assert f"{read} studies read" in landing and f"{unread} more listed but not read" in landing
    evidence = texts[f"notebooks/{compound.id}/06-evidence.html"]
    cited = _numbers(r"of the (\d+) studies cited", evidence) + _numbers(r"Timeline of the (\d+) studies", evidence)
    assert cited and set(cited) == {studies}, cited
    refs = texts["book/references.html"]
    for s in compound.studies:  # every study the chapter counts is in the references, under its own name
        who = (s.full_authors or s.authors or s.short_title).strip()
        assert " ".join(who.split()) in refs, s.id


def test_the_stacking_page_and_semaxs_part_agree_on_the_studies_that_gave_both(texts) -> None:
    semax, selank = COMPOUNDS
    shared = [s for s in semax.studies if s.id in selank.sources_by_id]
    assert shared  # Panikratova 2020 and Kost 2001
    for s in shared:
        assert s.inline_citation in texts["notebooks/stacking.html"], s.id
        assert s.inline_citation in texts["notebooks/semax/06-evidence.html"], s.id
        assert selank.source(s.id).short_cite == s.short_cite


# --------------------------------------------------------------------------- self-check lint

_LONG = re.compile(r"[a-z]{5,}")


def _long_words(text: str, name: str) -> set[str]:
    words = set(_LONG.findall(text.lower())) - {name.lower()}
    return {w[:-1] if w.endswith("s") and len(w) > 5 else w for w in words}


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _quizzes(page: str) -> list[dict]:
    found = []
    for data in _json_scripts(page):
        if isinstance(data, dict):
            state = data.get("state", data)
            if isinstance(state, dict) and isinstance(state.get("questions"), list):
                found += state["questions"]
    return found


def test_self_check_questions_pass_the_lint(pages) -> None:
    asked, bad = 0, []
    for name, page in pages.items():
        if not name.startswith("notebooks/"):
            continue
        compound = next((c for c in COMPOUNDS if f"/{c.id}/" in name), None)
        cname = compound.identity.name if compound else ""
        ids = {el["id"] for el in BeautifulSoup(page, "html.parser").find_all(id=True)}
        for q in _quizzes(page):
            asked += 1
            labels = {o["key"]: o["label"] for o in q["options"]}
            answer = labels[q["answer"]]
            common = _long_words(q["prompt"], cname) & _long_words(answer, cname)
            if common:
                bad.append((name, q["id"], "stem gives away", sorted(common)))
            folded = [_fold(v) for v in labels.values()]
            if len(set(folded)) != len(folded):
                bad.append((name, q["id"], "options equal after folding"))
            href = q["section"]["href"]
            if not href.startswith("#") or href[1:] not in ids:
                bad.append((name, q["id"], "section link does not resolve on this page", href))
    assert asked > 20
    assert not bad, bad
