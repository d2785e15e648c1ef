"""What each badge says the book read, source by source, and what each page shows once (issue 15's review).

The content-model tests hold the class (a claim's levels are its sources', a truncated abstract is read only in
its opening, a study with no controlled comparison is not a trial, a study that gave two compounds is listed
under both); the built-book tests read the pages, decks and handouts as a reader and a screen reader get them."""
# ruff: noqa: F811  (the tests take test_book_evidence's module fixtures, imported by name)

from __future__ import annotations

import html
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from explainer import render
from explainer.charts.timeline import UNREAD_LINE
from explainer.collection import data_path, disclaimer_text
from explainer.content import (
    CHECKED_INFO,
    GRADE_INFO,
    STUDY_TYPES,
    UNREAD_WORDS,
    Checked,
    Grade,
    load_compound,
)
from explainer.render.mechanism import origin_in_step

# the built book's pages and their text, read as test_book_evidence reads them (its module fixtures)
from tests.test_book_evidence import _plotly_traces, pages, text_of, texts  # noqa: F401

SEMAX, SELANK = COMPOUNDS = [load_compound(c) for c in ("semax", "selank")]
# Where the notes say only part of an abstract could be read.
TRUNCATED = re.compile(r"cut off|breaks off|opening of (?:the|its) abstract|truncated", re.I)
# Designs the guide's "Human trial" (a clinical trial) does not cover.
NOT_A_TRIAL = re.compile(r"retrospective|uncontrolled|no control group", re.I)


def _shared_ids() -> set[str]:
    """The studies that gave both compounds: those a stacking section cites."""
    return {sid for c in COMPOUNDS if c.stacking for p in c.stacking.patterns for sid in p.source_ids
            if c.source(sid).kind == "study"}


# --------------------------------------------------------------------------- the content model


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_a_badge_names_the_level_of_every_source_it_cites_and_no_other(compound) -> None:
    for path, claim in compound.iter_claims():
        levels = {s.checked_level for s in compound.sources_for(claim)}
        if claim.grade is Grade.original_page:
            levels.add(Checked.original_page)
        if claim.grade is Grade.search:  # the book's own search: the sources it lists
            levels.add(Checked.own_search)
        levels.update(claim.rests_on)  # what a claim rests on besides (or instead of) a cited source
        assert set(claim.checked_levels) == levels, path
        for level in levels:  # each level in words on the badge: never less, never more, than was read
            assert CHECKED_INFO[level].label in claim.badge_words, path
        if len(levels) > 1:  # mixed: each citation says how far its source was read
            for s in compound.sources_for(claim):
                assert s.checked_words_short in compound.citations(claim).split(s.inline_citation, 1)[1][:120] \
                    or s.checked_words_short in s.inline_citation, (path, s.id)


def test_a_label_copy_or_an_abstract_read_beside_the_page_word_is_on_the_badge() -> None:
    neuro = next(u for u in SEMAX.identity.uses if u.key == "neuroprotection")
    # each level after its own kind, so a reader can tell which kind was read how far
    assert neuro.badge_words == "Original page's statement · original page's word only; Product label · label copy read"
    assert SEMAX.mechanism.summary.badge_words == ("Original page's statement · original page's word only; "
                                                   "Animal or lab study · abstract read")
    nose = SEMAX.mechanism.steps[1]
    # the shortcut to the brain is the original page's description: its half follows the sources' (review 2-A N2)
    assert nose.badge_words == ("Product label · label copy read; Brain imaging · abstract read; "
                                "Original page's statement · original page's word only")


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_an_abstract_read_only_in_part_is_badged_so(compound) -> None:
    for s in compound.studies:
        said = " ".join([s.check_note or "", *s.checked, *s.not_checked])
        if s.checked_level in (Checked.abstract, Checked.abstract_opening):
            assert (s.checked_level is Checked.abstract_opening) == bool(TRUNCATED.search(said)), s.id
    assert {s.id for s in SELANK.studies if s.checked_level is Checked.abstract_opening} == {
        "latynova-2019", "sollertinskaya-2014", "filatova-2017"}


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_a_study_without_a_controlled_comparison_is_not_badged_a_trial(compound) -> None:
    for s in compound.studies:
        if NOT_A_TRIAL.search(s.design):
            assert s.grade is not Grade.clinical and s.study_type == "human_uncontrolled", s.id
    assert {s.id for s in SEMAX.studies if s.grade is Grade.human_study} == {"miasoedova-1999", "zayats-2001"}


def test_a_probably_matching_abstract_is_its_own_level() -> None:
    gusev = SEMAX.source("gusev-2001")
    assert gusev.checked_level is Checked.matching_abstract
    assert gusev.badge_words == "Human trial · PMID record not read, a probably matching abstract read"
    # said once in its entry: the heading, then the note, without the same sentence twice
    assert "not read" not in (gusev.check_note or "")


def test_a_study_that_gave_two_compounds_is_listed_under_both_with_one_citation() -> None:
    shared = _shared_ids()
    assert len(shared) == 5  # Panikratova, Kost, the three-peptide mouse study, Latynova, Sollertinskaya
    for c in COMPOUNDS:
        assert shared <= set(c.sources_by_id), (c.id, shared - set(c.sources_by_id))
    for sid in shared:
        a, b = SEMAX.source(sid), SELANK.source(sid)
        assert (a.inline_citation, a.title, a.checked_level, a.badge_words) == (
            b.inline_citation, b.title, b.checked_level, b.badge_words), sid


def test_a_widget_leaves_out_what_its_page_says_around_it() -> None:
    from explainer.widgets.calculator import Calculator
    from explainer.widgets.stepper import MechanismStepper

    line = disclaimer_text(SEMAX)
    assert line in Calculator(SEMAX).fallback_html()  # on its own, the calculator carries the line
    on_page = Calculator(SEMAX, disclaimer_on_page=True)
    assert on_page.disclaimer == "" and "not medical advice" not in on_page.fallback_html()
    step = SEMAX.mechanism.steps[3]
    body = html.escape(" ".join(step.body.split()))
    assert body in MechanismStepper(SEMAX, step=4).fallback_html()
    below = MechanismStepper(SEMAX, step=4, prose_below=True)
    assert below.prose_below and body not in below.fallback_html() and step.title in below.fallback_html()


# --------------------------------------------------------------------------- the built book


def visible(page: str) -> str:
    """What a reader sees and a screen reader reads: no scripts or styles, the names ARIA gives included."""
    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["script", "style", "aside"]):  # decks' speaker notes are the presenter's, not the room's
        tag.decompose()
    names = " ".join(t["aria-label"] for t in soup.find_all(attrs={"aria-label": True}))
    said = " ".join(html.unescape(soup.get_text(" ") + " " + names).replace("’", "'").split())
    return re.sub(r"\s+([,.;:)])", r"\1", said)  # a link's text is its own string: no space before punctuation


def _plotly_layouts(page: str) -> list[dict]:
    from tests.test_book_evidence import _json_scripts

    return [d["layout"] for d in _json_scripts(page) if isinstance(d, dict) and isinstance(d.get("layout"), dict)]


@pytest.mark.book
@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_the_timeline_never_files_an_unread_study_as_human(compound, pages) -> None:
    page = pages[f"notebooks/{compound.id}/06-evidence.html"]
    traces = [t for t in _plotly_traces(page) if t.get("customdata")]
    assert traces
    for t in traces:
        for sid in t["customdata"]:
            s = compound.source(sid)
            if not s.is_read:
                # its own kind, out of the human-only filter
                assert t["meta"]["subject"] == "unread" and t["name"].startswith(UNREAD_WORDS[s.checked_level]), sid
    alt = " ".join(BeautifulSoup(page, "html.parser").select_one("p.explainer-figure-alt").get_text().split())
    for s in compound.unread_studies:
        if s.year is not None:
            assert f"{s.inline_citation}, {UNREAD_WORDS[s.checked_level]}" in html.unescape(alt), s.id
            assert f"{s.inline_citation}, Human" not in html.unescape(alt), s.id
    rows = [t for data in _plotly_layouts(page) for t in data.get("yaxis", {}).get("ticktext", [])]
    unread = [r.replace("<br>", " ") for r in rows if r.startswith("Not read")]
    assert bool(unread) == bool(compound.unread_studies)
    # the line names only the ways of not reading its studies have (Selank's: listed only, never the page's word)
    ways = {s.checked_level for s in compound.unread_studies if s.year is not None}
    for line in set(unread):
        assert ("listed only" in line) == (Checked.third_party in ways), line
        assert ("original page" in line) == (Checked.original_page in ways), line
    if ways == {Checked.third_party, Checked.original_page}:
        assert set(unread) == {UNREAD_LINE}


@pytest.mark.book
def test_the_guide_defines_every_kind_and_level_the_badges_use(texts) -> None:
    guide = texts["book/reading-the-evidence.html"]
    for info in (*GRADE_INFO.values(), *CHECKED_INFO.values()):
        assert info.label in guide and " ".join(info.meaning.split())[:60] in guide, info.label


@pytest.mark.book
def test_every_badge_line_of_a_partly_read_source_says_how_far(texts) -> None:
    for c in COMPOUNDS:
        for s in c.studies:
            if s.checked_level not in (Checked.matching_abstract, Checked.abstract_opening):
                continue
            for where in (f"notebooks/{c.id}/06-evidence.html", "book/references.html"):
                assert s.badge_words in texts[where], (s.id, where)
    assert not any("What we could check (not checked" in t for t in texts.values())


@pytest.mark.book
def test_the_landing_page_labels_study_kinds_as_the_timeline_and_badges_do(texts) -> None:
    landing = texts["index.html"]
    for c in COMPOUNDS:
        for st, kind in STUDY_TYPES.items():
            k = sum(s.study_type == st for s in c.read_studies)
            if k:
                assert f"{kind.words[0].lower()}{kind.words[1:]}: {k}" in landing, (c.id, st)
    assert "human clinical" not in landing


@pytest.mark.book
def test_each_mechanism_step_and_the_sequence_are_said_once(pages) -> None:
    for c in COMPOUNDS:
        shown = visible(pages[f"notebooks/{c.id}/02-mechanism.html"])
        for st in c.mechanism.steps:
            body = " ".join(st.body.split())
            assert shown.count(body[:80]) == 1, (c.id, st.number)
        origin = " ".join(c.identity.sequence.origin.split())
        # said once; a step that writes the chain out itself is not followed by the origin (Selank's step 1)
        written = any(st.shows_sequence and not origin_in_step(c, st) for st in c.mechanism.steps)
        assert shown.count(origin[:60]) == (0 if written else 1), c.id
        deck = visible(pages[f"slides/{c.id}/mechanism.html"])
        for st in c.mechanism.steps:
            assert deck.count(" ".join(st.body.split())[:80]) == 1, (c.id, st.number)


@pytest.mark.book
def test_a_chart_description_is_read_once(pages) -> None:
    for name, page in pages.items():
        for alt in BeautifulSoup(page, "html.parser").select("p.explainer-figure-alt"):
            words = " ".join(alt.get_text().split())
            assert visible(page).count(words[:100]) == 1, name


@pytest.mark.book
def test_every_chapter_says_the_disclaimer_once(pages) -> None:
    for c in COMPOUNDS:
        line = " ".join(disclaimer_text(c).split())[:80]
        for name, page in pages.items():
            if name.startswith(f"notebooks/{c.id}/"):
                assert visible(page).count(line) == 1, name


@pytest.mark.book
def test_speaker_notes_on_a_slide_are_keyed_by_their_item(pages) -> None:
    for name, page in pages.items():
        if not name.startswith("slides/"):
            continue
        for notes in BeautifulSoup(page, "html.parser").select("aside.notes"):
            keys = [" ".join(k.get_text().split()) for k in notes.select("p > strong:first-child")]
            assert len(keys) == len(set(keys)), (name, keys)


@pytest.mark.book
def test_the_studies_that_gave_both_are_counted_alike_everywhere(pages, texts) -> None:
    shared = _shared_ids()
    refs = BeautifulSoup(pages["book/references.html"], "html.parser")
    stacking = texts["notebooks/stacking.html"]
    words = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
    assert f"{words[len(shared)]} studies gave both" in stacking
    landing = texts["index.html"]
    for c in COMPOUNDS:
        evidence = texts[f"notebooks/{c.id}/06-evidence.html"]
        section = text_of(str(refs.find("section", id=c.id)))
        for sid in shared:
            s = c.source(sid)
            assert s.inline_citation in stacking and s.inline_citation in evidence, (c.id, sid)
            who = " ".join((s.full_authors or s.authors or s.short_title).split())
            assert who in section, (c.id, sid)
        # the landing page counts what each compound's file holds, and says where the shared answers are counted
        searched = sum(k.grade is Grade.search for _, k in c.iter_claims())
        assert f"the book's own search: {searched}" in landing, c.id
        if c.stacking and render.testing_answers(c.stacking):
            assert f"from {c.identity.name}'s file, counted under {c.identity.name}" in landing


def test_a_shared_study_is_written_once_and_a_second_copy_is_refused(tmp_path) -> None:
    from explainer.content import ContentError, load_compound
    from explainer.content.loader import SHARED_STUDIES

    studies = yaml.safe_load(SHARED_STUDIES.read_text(encoding="utf-8"))["studies"]
    for text in (data_path("semax").read_text(encoding="utf-8"), data_path("selank").read_text(encoding="utf-8")):
        for s in studies:  # each compound names the study; neither file repeats its title
            assert f"- shared: {s['id']}" in text and str(s.get("title", "\0")).split("…")[0] not in text
    raw = yaml.safe_load(data_path("semax").read_text(encoding="utf-8"))
    entry = next(s for s in raw["sources"] if s.get("shared") == "latynova-2019")
    entry["title"] = "A second title"
    (tmp_path / "twice.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match=r"twice.yaml: sources\.\d+: title already in studies.yaml"):
        load_compound(tmp_path / "twice.yaml")
    entry.pop("title")
    entry["shared"] = "nobody-2099"
    (tmp_path / "unknown.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match=r"unknown.yaml: sources\.\d+\.shared: no study 'nobody-2099'"):
        load_compound(tmp_path / "unknown.yaml")
