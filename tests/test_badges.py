"""Every badge has two halves and never claims more than was read (reviews A1–A8, B-S1–B-S4, B-D1):
a claim citing no source says what it rests on, each level follows its own kind, a community report known only
from the original page says so, the withdrawal report names the page read and the third-party note apart, and
each deck prints the disclaimer once. Content-model tests first, then the built book (marked ``book``)."""
# ruff: noqa: F811  (the tests take test_book_evidence's module fixtures, imported by name)

from __future__ import annotations

import html
import re

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from explainer.classroom import slides
from explainer.collection import disclaimer_text
from explainer.content import CHECKED_INFO, GRADE_INFO, READ_LEVELS, Checked, Grade, load_compound
from explainer.content.base import Claim
from explainer.render.mechanism import origin_in_step
from tests.test_book_evidence import pages, texts  # noqa: F401

SEMAX, SELANK = COMPOUNDS = [load_compound(c) for c in ("semax", "selank")]
KINDS = {info.label for info in GRADE_INFO.values()}
LEVELS = {info.label for info in CHECKED_INFO.values()}
WITHDRAWN = re.compile(r"withdrawn|cancell?ed|deregist", re.I)


def two_halves(words: str) -> bool:
    """'Kind · level' parts, each later level either after its own kind or after the one before it."""
    parts = words.split("; ")
    first = parts[0].split(" · ", 1)
    if len(first) != 2 or first[0] not in KINDS or first[1] not in LEVELS:
        return False
    for part in parts[1:]:
        kind, _, level = part.partition(" · ")
        if not ((kind in KINDS and level in LEVELS) or part in LEVELS):
            return False
    return True


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_every_badge_of_every_claim_and_source_has_two_halves(compound) -> None:
    for path, claim in compound.iter_claims():
        assert two_halves(claim.badge_words), (path, claim.badge_words)
        assert claim.badge_words.startswith(f"{GRADE_INFO[claim.grade].label} · "), path
    for s in compound.sources:
        assert two_halves(s.badge_words), (s.id, s.badge_words)


def test_a_claim_citing_no_source_must_say_what_it_rests_on() -> None:
    for grade in (Grade.community, Grade.background):
        with pytest.raises(ValidationError, match="rests_on"):
            Claim(grade=grade)
        assert Claim(grade=grade, rests_on=Checked.general_knowledge).rests_on == (Checked.general_knowledge,)
    # the page's own word and the book's own search carry their level by their kind
    Claim(grade=Grade.original_page)
    Claim(grade=Grade.search)


def test_a_badge_naming_two_kinds_gives_each_its_level() -> None:
    for _, claim in (*SEMAX.iter_claims(), *SELANK.iter_claims()):
        kinds = set(claim.badge_kinds)
        if len(kinds) > 1:  # every kind named, each before its own level
            for kind in kinds:
                assert f"{GRADE_INFO[kind].label} · " in claim.badge_words, claim.badge_words


def test_no_community_report_claims_a_read_source_when_none_was_read() -> None:
    semax_reports = [(p, k) for p, k in SEMAX.iter_claims() if k.grade is Grade.community]
    assert len(semax_reports) >= 15
    for path, claim in semax_reports:  # no Semax user report was read: the original page's account only
        assert not claim.source_ids and claim.checked_levels == (Checked.original_page,), path
        assert claim.badge_words == "Community reports · original page's word only", path
        assert not set(claim.checked_levels) & READ_LEVELS, path
    # Selank's one forum post was read at its own page
    forum = next(f for f in SELANK.dosing.figures if f.key == "forum_report")
    assert forum.badge_words == "Community reports · page read"


def test_the_original_pages_account_of_what_people_do_is_its_statement() -> None:
    # no user report of combining the two was read: the stacking patterns are the page's own sentence
    described = [p for p in SEMAX.stacking.patterns if not p.source_ids and p.grade is not Grade.search]
    assert described and all(p.grade is Grade.original_page for p in described)


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_the_withdrawal_report_names_the_page_read_and_the_third_party_note_apart(compound) -> None:
    for path, claim in compound.iter_claims():
        if WITHDRAWN.search(getattr(claim, "text", "") or ""):
            assert claim.grade is Grade.press, path  # never the page's statement or a label's
            assert claim.badge_words == "Press report · page read; Press report · third-party lists only", path
            levels = {s.id: s.checked_level for s in compound.sources_for(claim)}
            assert Checked.page in levels.values() and Checked.third_party in levels.values(), path
    news = compound.source("register-changes-2026")
    assert "names neither Semax nor Selank" in news.citation and news.checked_level is Checked.page


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_where_it_stands_keeps_the_press_item_and_its_sources(compound) -> None:
    slide = next(s for s in slides.slides_for(compound, "what-it-is") if s.title == "Where it stands")
    doubts = [r.doubt for r in compound.identity.registration if r.doubt]
    assert doubts
    for d in doubts:
        assert slides.esc(d.text) in slide.body and slides.esc(d.badge_words) in slide.body
        assert any(slides.esc(compound.citations(d)) in n for n in slide.notes)


def test_a_doubted_status_is_followed_at_once_by_its_doubt_on_the_deck() -> None:
    # the press item comes right after the region it doubts, never after another region
    slide = next(s for s in slides.slides_for(SELANK, "what-it-is") if s.title == "Where it stands")
    items = re.findall(r"<li>(.*?)</li>", slide.body)
    for r in SELANK.identity.registration:
        at = next(i for i, it in enumerate(items) if f"<strong>{slides.esc(SELANK.identity.registration_lead(r))}"
                  in it)
        if r.doubt:
            assert slides.esc(r.doubt.text) in items[at + 1]
    # the status is said once: the lead names the region, the sentence states the status with its doubt
    russia = SELANK.identity.registration[0]
    assert SELANK.identity.registration_lead(russia) == "Russia"
    assert russia.doubt_clause in SELANK.identity.registration_sentence(russia)


# a study named in a claim's words: 'Filatova E et al. (2017)', or a surname and its year ('Lebedeva et al., 2018')
def _named(words: str, study) -> bool:
    if study.short_cite in words:
        return True
    surname = (study.authors or "").split(" ")[0]
    return bool(surname and study.year and re.search(rf"\b{re.escape(surname)}\b[^()]{{0,12}}\b{study.year}\b",
                                                     words))


@pytest.mark.parametrize("compound", [SEMAX, SELANK], ids=lambda c: c.id)
def test_a_claim_that_names_a_study_cites_it_so_its_badge_carries_that_studys_half(compound) -> None:
    missing = []
    for path, claim in compound.iter_claims():
        words = " ".join(" ".join(str(getattr(claim, f, "") or "") for f in ("text", "body", "caveat")).split())
        missing += [(path, s.id) for s in compound.studies if _named(words, s) and s.id not in claim.source_ids]
    assert not missing, missing


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_no_adverse_event_statement_widens_beyond_the_human_studies(compound) -> None:
    # the notes say no human-study abstract reports adverse events; they say nothing of the animal and lab ones
    for path, claim in compound.iter_claims():
        text = " ".join((getattr(claim, "text", "") or "").split())
        for m in re.finditer(r"abstracts?\b[^.]{0,40}\badverse events", text):
            assert "human" in text[max(0, m.start() - 40): m.end()], (path, text)


def test_a_stacking_count_of_studies_is_the_books_own_search_not_one_studys_badge() -> None:
    # "Five studies gave both peptides" is the book's reading of five entries; the imaging study keeps its own item
    for c in COMPOUNDS:
        for p in (c.stacking.patterns if c.stacking else ()):
            if re.search(r"\b(two|three|four|five|six|\d+) studies\b", p.text, re.I):
                assert p.grade is Grade.search and not p.source_ids, p.key
    imaging = [p for p in SELANK.stacking.patterns if p.grade is Grade.imaging]
    assert imaging and all(p.source_ids == ("panikratova-2020",) for p in imaging)
    assert not any(re.search(r"studies gave both", p.text) for p in imaging)


def test_an_approved_use_keeps_its_doubt_on_the_deck_and_the_handout() -> None:
    from explainer.classroom import handouts

    deck = slides.deck_html(SEMAX, "what-it-is")
    sheet = handouts.handout_html(SEMAX, "what-it-is")
    for page in (deck, sheet):
        head = page.split("Neuroprotection", 1)[1][:300]
        assert "may have been withdrawn" in head and "not confirmed" in head


@pytest.mark.parametrize("compound", COMPOUNDS, ids=lambda c: c.id)
def test_every_deck_prints_the_disclaimer_once_and_keys_its_notes_without_a_full_stop(compound) -> None:
    line = slides.esc(disclaimer_text(compound))
    for ch in slides.chapters_for(compound):
        deck = slides.deck_html(compound, ch.key)
        assert deck.count(line) == 1, ch.key
        assert not re.search(r"\.</strong>: Evidence grade", deck), ch.key


def test_the_dose_chart_slide_has_notes_of_its_own() -> None:
    for c in COMPOUNDS:
        deck = slides.slides_for(c, "dosing")
        table = next(s for s in deck if s.kind == "table" or "<table" in s.body)
        chart = next(s for s in deck if s.kind == "chart")
        assert not set(chart.notes) & set(table.notes), c.id
        assert any("Product label · label copy read" in n for n in chart.notes), c.id


def test_a_step_that_writes_the_chain_out_is_not_followed_by_the_same_origin() -> None:
    step1 = SELANK.mechanism.steps[0]
    assert step1.shows_sequence and not origin_in_step(SELANK, step1)
    semax_step = next(s for s in SEMAX.mechanism.steps if s.shows_sequence)
    assert origin_in_step(SEMAX, semax_step)


# --------------------------------------------------------------------------- the built book


@pytest.mark.book
def test_every_badge_in_the_built_book_has_two_halves(pages) -> None:
    bad, seen = [], 0
    guide = "book/reading-the-evidence.html"  # its table defines each kind alone, by design
    for name, page in pages.items():
        if name == guide:
            continue
        for b in BeautifulSoup(page, "html.parser").select(".grade-badge[class*='grade-']"):
            if not any(c.startswith("grade-") and c != "grade-badge" for c in b.get("class", [])):
                continue
            words = " ".join(html.unescape(b.get_text()).replace("\u2019", "'").split())
            seen += 1
            if not two_halves(words):
                bad.append((name, words))
    assert seen > 100
    assert not bad, bad[:8]


@pytest.mark.book
def test_no_page_badges_a_semax_community_report_as_read(pages) -> None:
    seen = 0
    for name, page in pages.items():
        if "/semax/" not in name:
            continue
        for b in BeautifulSoup(page, "html.parser").select(".grade-community"):
            seen += 1
            words = " ".join(html.unescape(b.get_text()).replace("\u2019", "'").split())
            assert words == "Community reports · original page's word only", (name, words)
    assert seen > 10
