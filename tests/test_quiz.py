"""Self-check questions come from the content file, the same on every run, and the widget's answers
are state Python can read and set."""

from __future__ import annotations

import re

import pytest
import traitlets

from explainer.classroom import quiz, slides
from explainer.content import GRADE_INFO, STUDY_GRADES, available_compounds, load_compound
from explainer.reconstitution import calculate
from explainer.widgets.quiz import SelfCheck
from tests.helpers import FIXTURE as EXAMPLIN


@pytest.mark.parametrize("compound", [*available_compounds(), EXAMPLIN])
def test_every_chapter_with_a_page_has_questions_with_one_right_answer(compound) -> None:
    c = load_compound(compound)
    for ch in (ch for ch in slides.chapters_for(c) if ch.slug):  # the self-check lives on a chapter's page
        qs = quiz.questions_for(c, ch.key)
        assert qs, ch.key
        assert len({q["id"] for q in qs}) == len(qs)
        for q in qs:
            labels = [o["label"] for o in q["options"]]
            assert len(set(labels)) == len(labels) >= 2
            assert q["answer"] in {o["key"] for o in q["options"]}
            assert q["explanation"] and q["section"]["href"].startswith(("#", "04-reconstitution.html#"))
        assert quiz.questions_for(c, ch.key) == qs  # deterministic


def test_a_grade_question_answers_with_the_claims_grade() -> None:
    c = load_compound("semax")
    step = c.mechanism.steps[0]
    q = quiz.grade_question("g", c, step, f"Step {step.number}: {step.title}", ("Step", "#step"))
    right = next(o["label"] for o in q["options"] if o["key"] == q["answer"])
    assert right == GRADE_INFO[step.grade].label


@pytest.mark.parametrize("name", available_compounds())
def test_the_step_question_asks_about_the_mechanism_not_the_badges(name) -> None:
    c = load_compound(name)
    first = c.mechanism.steps[0]
    if first.self_check is not None:  # a question on what the step says, with the step's own answer
        q = next(q for q in quiz.questions_for(c, "mechanism") if q["id"] == f"step-{first.number}")
        labels = {o["label"]: o["key"] for o in q["options"]}
        check = first.self_check
        assert q["prompt"] == check.stem and labels[check.answer] == q["answer"]
        assert set(labels) == {check.answer, *check.wrong}
        assert not set(labels) & {s.title for s in c.mechanism.steps}  # not about the book's ordering of steps
    else:
        # Review 2 (N-Q1): it asks what the compound is reported to do, not which step the book puts first.
        step = next((s for s in c.mechanism.steps if s.grade in STUDY_GRADES), first)
        q = next(q for q in quiz.questions_for(c, "mechanism") if q["id"] == f"step-{step.number}")
        labels = {o["label"]: o["key"] for o in q["options"]}
        assert labels[step.title] == q["answer"]
        assert not (set(labels) - {step.title}) & {s.title for s in c.mechanism.steps}
        assert "first" not in q["prompt"]
    grades = {g.label for g in GRADE_INFO.values()}
    for chapter in ("what-it-is", "mechanism", "dosing"):  # the questions the reviews named ask about content
        for asked in quiz.questions_for(c, chapter):
            assert not {o["label"] for o in asked["options"]} & grades, (chapter, asked["id"])


def test_the_per_unit_question_uses_the_calculators_math() -> None:
    c = load_compound("semax")
    case = quiz.reconstitution_case(c)
    r = calculate({**c.calculator_inputs(), "route": "injection", "syringe": "U-100", "capacity_ml": 1.0})["result"]
    assert case["per_unit_mcg"] == pytest.approx(r["concentration_mcg_per_ml"] * r["ml_per_unit"])
    q = quiz.questions_for(c, "reconstitution")[0]
    assert next(o["label"] for o in q["options"] if o["key"] == q["answer"]) == case["answer"]


def test_a_population_question_names_the_studys_population() -> None:
    c = load_compound("semax")
    for q in (q for q in quiz.questions_for(c, "evidence") if q["id"].startswith("population-")):
        source = c.source(q["id"].removeprefix("population-"))
        right = next(o["label"] for o in q["options"] if o["key"] == q["answer"])
        assert right == " ".join(source.population.split())


# Where each chapter's questions send a reader: the heading of the section that answers them, stated here
# outright (these are the chapter pages' own headings; tests/test_book_text.py checks each anchor on the page).
# Mechanism questions link to their own step's heading, which the page makes from the step's kicker.
LINKS = {
    "what-it-is": {("What people use it for", "#what-people-use-it-for"),
                   ("Variants and the sequence", "#variants-and-the-sequence")},
    "mechanism": {("The obstacle", "#the-obstacle"), ("The back door", "#the-back-door"),
                  ("The growth signal", "#the-growth-signal")},
    "dosing": {("The community figures", "#the-community-figures"),  # the per-unit question is chapter 4's
               ("The product label, for scale", "#the-product-label-for-scale")},
    "reconstitution": {("A worked example", "#a-worked-example")},
    "side-effects": {("What is reported", "#what-is-reported"),
                     ("Overall tolerability and the label", "#overall-tolerability-and-the-label")},
    "evidence": {("The sources", "#the-sources")},
}


@pytest.mark.parametrize("chapter", list(LINKS))
def test_each_question_points_at_the_section_that_answers_it(chapter: str) -> None:
    qs = quiz.questions_for("semax", chapter)
    assert {(q["section"]["label"], q["section"]["href"]) for q in qs} == LINKS[chapter]


def test_a_step_question_links_to_that_steps_own_heading() -> None:
    c = load_compound("semax")
    for q in quiz.questions_for(c, "mechanism"):
        step = c.mechanism.steps[int(re.search(r"step-(\d+)", q["id"]).group(1)) - 1]
        assert q["section"]["label"].lower() == step.kicker.lower()


@pytest.mark.parametrize("compound", available_compounds())
def test_most_questions_ask_about_the_content_not_the_books_own_labels(compound) -> None:
    """Issue 15: a self-check asks what a study measured, in whom, what the label lists, what the calculator
    converts; at most a third of the questions ask which evidence grade the book gave a claim."""
    c = load_compound(compound)
    qs = [q for ch in slides.chapters_for(c) if ch.slug for q in quiz.questions_for(c, ch.key)]
    grade = [q for q in qs if q["prompt"].startswith("Which evidence grade")]
    assert len(qs) >= 10 and len(grade) * 3 <= len(qs), [q["id"] for q in grade]


@pytest.mark.parametrize("compound", available_compounds())
def test_no_stem_gives_its_answer_away_and_no_two_choices_are_the_same(compound) -> None:
    c = load_compound(compound)
    fold = lambda t: " ".join(re.sub(r"[^\w\s]", " ", t.lower()).split())  # noqa: E731
    for ch in (ch for ch in slides.chapters_for(c) if ch.slug):
        for q in quiz.questions_for(c, ch.key):
            labels = {o["key"]: o["label"] for o in q["options"]}
            assert not quiz.gives_away(q["prompt"], labels[q["answer"]], c.identity.name), q["id"]
            assert len({fold(v) for v in labels.values()}) == len(labels), q["id"]


def test_the_content_questions_answer_from_the_data() -> None:
    c = load_compound("semax")
    right = {q["id"]: next(o["label"] for o in q["options"] if o["key"] == q["answer"])
             for ch in ("what-it-is", "mechanism", "dosing", "side-effects") for q in quiz.questions_for(c, ch)}
    dolotov = c.source("dolotov-2006")
    assert right["sequence"] == "ACTH 4–7 followed by Pro-Gly-Pro"
    assert right["subject-step-4"] == dolotov.population
    assert right["measure-step-4"] == quiz.value(dolotov.measurements[0])
    assert right["label-strength"] == " and ".join(f"{s.percent:g}%" for s in c.label.strengths)
    strength = next(q for q in quiz.questions_for(c, "dosing") if q["id"] == "label-strength")
    wrong = [o["label"] for o in strength["options"] if o["key"] != strength["answer"]]
    for s in c.label.strengths:  # no wrong choice holds a strength the label gives
        assert not any(f"{s.percent:g}%" in w.split(" and ") for w in wrong), wrong
    assert right["label-drop"] == f"{c.label.drop_ml:g} mL"
    assert c.side_effects.label_listed[0].text.startswith(right["label-effect"])
    assert right["label-effect"] not in {e.name for e in c.side_effects.ranked}


def test_answers_are_state_python_reads_and_sets() -> None:
    w = quiz.for_chapter("semax", "dosing")
    assert isinstance(w, SelfCheck) and w.answers == {} and w.score == 0
    first = w.questions[0]
    wrong = next(o["key"] for o in first["options"] if o["key"] != first["answer"])
    w.answers = {first["id"]: wrong}
    assert w.correct() == {first["id"]: False} and w.score == 0
    w.answers = {first["id"]: first["answer"]}
    assert w.score == 1
    assert w.state()["answers"] == {first["id"]: first["answer"]}
    with pytest.raises(traitlets.TraitError, match="no question"):
        w.answers = {"nope": "a"}
    with pytest.raises(traitlets.TraitError, match="has no choice"):
        w.answers = {first["id"]: "z"}


def test_the_placeholder_carries_the_questions_and_a_fallback() -> None:
    w = SelfCheck(questions=quiz.questions_for("semax", "evidence"))
    page = w.to_html()
    assert 'data-widget="quiz"' in page
    for q in w.questions:
        assert q["id"] in page
    assert "<details><summary>Answer</summary>" in w.fallback_html()
    assert "as default" in w.esm_text() and ".quiz" in w.css_text()


@pytest.mark.parametrize("compound", available_compounds())
def test_no_most_reported_question_when_the_order_is_not_one_of_frequency(compound) -> None:
    c = load_compound(compound)
    ids = {q["id"] for q in quiz.questions_for(c, "side-effects")}
    known = c.side_effects.ranking_note is None or c.side_effects.first_is_most_common
    assert ("most-reported" in ids) == (known and len(c.side_effects.ranked) >= 2)
