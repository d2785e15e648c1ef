"""The decks and handouts are built from the content file: change the data, the slides change."""

from __future__ import annotations

import re

import pytest

from explainer.classroom import handouts, slides
from explainer.classroom.write import write_decks
from explainer.collection import disclaimer_text
from explainer.content import GRADE_INFO, available_compounds, load_compound
from explainer.csp import META_NAME, _hashes, scan_page
from explainer.render import ranked_by_frequency
from tests.helpers import FIXTURE as EXAMPLIN


@pytest.mark.parametrize("compound", available_compounds())
def test_every_deck_prints_the_disclaimer_once_and_closes_on_a_pointer_to_it(compound: str) -> None:
    c = load_compound(compound)
    line = slides.esc(disclaimer_text(c))  # the collection's one template, with this compound's name
    for ch in slides.chapters_for(c):
        deck = slides.slides_for(c, ch.key)
        assert slides.NOT_ADVICE in deck[0].body and slides.NOT_ADVICE in deck[-1].body
        assert line in deck[0].body and "see the first slide" in deck[-1].body
        # the full text once per deck, as on every page and handout
        assert sum(s.body.count(line) for s in deck) == 1, ch.key
        assert slides.deck_html(c, ch.key).count(line) == 1, ch.key
        assert deck[0].title == ch.heading(c)


def test_the_evidence_deck_and_handout_take_the_chapter_pages_title() -> None:
    title = "The evidence, source by source"
    assert slides.slides_for("semax", "evidence")[0].title == title
    assert f"<h1>{title}</h1>" in handouts.handout_html("semax", "evidence")


def test_the_mechanism_deck_has_one_slide_per_step_with_the_diagram_at_that_step() -> None:
    c = load_compound("semax")
    steps = [s for s in slides.slides_for(c, "mechanism") if s.kind == "step"]
    assert len(steps) == len(c.mechanism.steps)
    for slide, step in zip(steps, c.mechanism.steps, strict=True):
        assert step.title in slide.title
        assert re.search(rf"\"step\":{step.number}\b", slide.body), slide.body[:300]
        assert 'data-widget="stepper"' in slide.body
        note = " ".join(slide.notes)
        assert slides.esc(GRADE_INFO[step.grade].label) in note
        if step.caveat:
            assert slides.esc(step.caveat) in note


def test_a_second_compound_gets_its_own_decks() -> None:
    c = load_compound(EXAMPLIN)
    keys = [ch.key for ch in slides.chapters_for(c)]
    assert "mechanism" in keys and "evidence" in keys
    html = slides.deck_html(c, "what-it-is")
    assert slides.esc(c.identity.summary) in html
    assert "Semax" not in html


def test_dosing_deck_holds_the_dose_table_and_the_chart() -> None:
    c = load_compound("semax")
    deck = slides.slides_for(c, "dosing")
    assert any(all(slides.esc(r.text) in s.body for r in c.dosing.rows) for s in deck)
    assert any(s.kind == "chart" and "explainer-plotly" in s.body for s in deck)


def test_long_source_tables_are_split_across_slides() -> None:
    c = load_compound("selank")
    tables = [s for s in slides.slides_for(c, "evidence") if s.kind == "table"]
    assert len(tables) == -(-len(c.studies) // slides.STUDIES_PER_SLIDE)
    assert all(s.body.count("<tr>") <= slides.STUDIES_PER_SLIDE + 1 for s in tables)
    shown = "".join(s.body for s in tables)
    assert all(slides.esc(st.short_cite) in shown for st in c.studies)


def test_a_deck_carries_a_policy_that_allows_the_speaker_view_and_nothing_else_inline() -> None:
    html = slides.deck_html("semax", "mechanism")
    head = html[:html.index("</head>")]
    assert head.index('<meta charset="utf-8">') < head.index(META_NAME) < head.index("<title>")
    policy = re.search(r'content="([^"]+)"', head[head.index(META_NAME):]).group(1)
    speaker = slides.speaker_view_scan()
    assert speaker.scripts, "the notes plugin's speaker view was not found"
    assert _hashes(speaker.scripts).strip() in policy
    assert "'unsafe-inline'" not in policy and "http" not in policy
    scan = scan_page(html)
    assert scan.scripts == set() and scan.handlers == []  # the deck itself runs no inline script
    # Classic scripts (a deck opened from disk cannot load ES modules), reveal.js before the deck's start-up.
    assert 'type="module"' not in html
    reveal = html.index('<script defer src="../../_static/vendor/reveal/reveal.js">')
    assert reveal < html.index('<script defer src="../../_static/explainer/deck.js">')
    assert '<link rel="icon" href="../../_static/favicon.svg"' in head


def test_deck_url_and_present_link() -> None:
    assert slides.deck_url("semax", "mechanism") == "slides/semax/mechanism.html"
    assert slides.deck_url("semax", "mechanism", "notebooks/02-mechanism") == "../slides/semax/mechanism.html"
    assert slides.deck_url("selank", "dosing", "notebooks/selank/03-dosing") == "../../slides/selank/dosing.html"
    link = slides.present_link("semax", "evidence").html()
    assert 'class="explainer-present"' in link and 'data-deck="slides/semax/evidence.html"' in link
    # beside it, the chapter's one-page handout, from the page's folder too
    assert 'data-deck="handouts/semax/evidence.html"' in link and "handout" in link
    from_page = slides.present_link("selank", "dosing", "notebooks/selank/03-dosing").html()
    assert 'href="../../handouts/selank/dosing.html"' in from_page
    assert "Present this chapter" in slides.present_link("semax", "evidence")._repr_markdown_()
    with pytest.raises(KeyError, match="no chapter 'nope' for semax"):
        slides.deck_url("semax", "nope")


def test_write_decks_writes_a_deck_and_a_handout_per_chapter(tmp_path) -> None:
    written = write_decks(tmp_path, ["semax"])
    chapters = slides.chapters_for("semax")
    assert len(written) == 2 * len(chapters)
    for ch in chapters:
        assert (tmp_path / slides.deck_path("semax", ch.key)).exists()
        handout = (tmp_path / handouts.handout_path("semax", ch.key)).read_text(encoding="utf-8")
        assert META_NAME in handout and slides.NOT_ADVICE in handout


def test_handouts_hold_the_dose_table_and_the_studies() -> None:
    c = load_compound("semax")
    dosing = handouts.handout_html(c, "dosing")
    assert all(slides.esc(r.label) in dosing for r in c.dosing.rows)
    evidence = handouts.handout_html(c, "evidence")
    assert all(slides.esc(s.short_cite) in evidence for s in c.studies)


@pytest.mark.parametrize("compound", available_compounds())
def test_side_effect_decks_and_handouts_claim_an_order_only_when_the_data_ranks_by_frequency(compound) -> None:
    c = load_compound(compound)
    for page in (slides.deck_html(c, "side-effects"), handouts.handout_html(c, "side-effects")):
        assert ("most often first" in page) == (c.side_effects.ranking_note is None)
        if c.side_effects.ranking_note:
            assert slides.esc(c.side_effects.ranking_note) in page


@pytest.mark.parametrize("compound", available_compounds())
def test_the_side_effects_handout_carries_the_labels_effects_and_contraindications(compound) -> None:
    c = load_compound(compound)
    page = handouts.handout_html(c, "side-effects")
    for f in (*c.side_effects.label_listed, *(c.label.contraindications if c.label else ())):
        assert slides.esc(f.text) in page


@pytest.mark.parametrize("compound", [c for c in available_compounds() if load_compound(c).stacking])
def test_stacking_deck_and_handout_give_the_plain_answer_first_and_both_labels_cautions(compound) -> None:
    c = load_compound(compound)
    answers = slides.stack_answers(c)
    assert answers  # the partner's no-trial statement reaches this compound's deck and handout too
    deck, handout = slides.deck_html(c, "stacking"), handouts.handout_html(c, "stacking")
    for page in (deck, handout):
        first = page.index("Has the combination been tested?")
        assert first < page.index("Pairing with" if page is deck else "The pairing")
        for _, p in answers:
            assert slides.esc(p.text) in page
        for owner, facts in slides.stack_cautions(c):
            assert all(slides.esc(f.text) in page for f in facts), owner.id
    # an answer is never listed again under the patterns people describe
    described = deck.split("What the original page describes")[1] if "What the original page describes" in deck else ""
    assert not any(slides.esc(p.text) in described.split("</section>")[0] for _, p in answers)


def test_the_evidence_handout_names_who_listed_the_studies() -> None:
    from explainer import render

    for name in available_compounds():
        c = load_compound(name)
        assert f"<h2>{slides.esc(render.studies_caption(c))}</h2>" in handouts.handout_html(c, "evidence")


def test_speaker_notes_name_each_item_by_its_whole_first_sentence() -> None:
    assert slides.first_sentence("Taken into the nose. This is by far the most common way.") == "Taken into the nose."
    assert slides.first_sentence("Injection is possible but less common") == "Injection is possible but less common"
    # every note of a listed item names it: no placeholder, no sentence cut short
    for name in available_compounds():
        for key in ("what-it-is", "side-effects", "stacking"):
            try:
                deck = slides.deck_html(name, key)
            except KeyError:
                continue
            notes = " ".join(re.findall(r'<aside class="notes">(.*?)</aside>', deck, re.S))
            assert not re.search(r"<strong>Item \d+</strong>|…</strong>", notes), (name, key)


@pytest.mark.parametrize("compound", ["semax", "selank"])
def test_a_deck_or_handout_never_asks_the_reader_to_set_a_calculator_it_does_not_show(compound: str) -> None:
    c = load_compound(compound)
    for page in (slides.deck_html(c, "reconstitution"), handouts.handout_html(c, "reconstitution")):
        assert "your product" not in page and "set them" not in page
        assert slides.esc(slides.ON_PAPER) in page  # it says what the book's calculator page does instead


def test_the_side_effect_list_is_headed_by_who_gives_it() -> None:
    # Semax's side effects are all the original page's word, listed unranked: the heading names the page
    c = load_compound("semax")
    assert not ranked_by_frequency(c)
    for page in (slides.deck_html(c, "side-effects"), handouts.handout_html(c, "side-effects")):
        assert "What the original page lists" in page and "What the sources list" not in page
