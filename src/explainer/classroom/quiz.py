"""Check your understanding: a few questions per chapter, generated from the content file.

``for_chapter(compound, chapter)`` returns a :class:`~explainer.widgets.quiz.SelfCheck` widget holding
``questions_for(compound, chapter)``. The questions are made from the same file the chapter renders. Most ask
about the content: what the sequence is made of, what a mechanism step's study worked with and how much it
measured, what the label gives (its strengths, the drop size its amounts rest on, its listed side effects), what
a vial and its water make per syringe unit through ``reconstitution.calculate``, which population a study used
and what its design was, and which effect people report most when the sources rank them by how often. A few ask
which evidence grade a claim carries. The choices come in a fixed order: nothing is random, so a notebook's
stored output never changes between runs.

The chapter registry (``explainer.chapters.registry``) says which kinds of question a chapter asks and which
of its sections answers each: the question's "read more" link is that section's heading and anchor (a
mechanism step's question links to that step's own heading, ``registry.step_href``).

Only fair questions are asked (:func:`fair`): none whose stem gives the answer away, none about the book's own
search, none drilling a citation whose attribution is doubted, no population the book did not read, and no
distractor that could also be true.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ..chapters.registry import chapter as registered
from ..chapters.registry import section_href, step_href
from ..charts.formatting import fmt_span
from ..collection import compounds as collection_ids
from ..content import (
    CHECKED_INFO,
    GRADE_INFO,
    READ_LEVELS,
    STUDY_GRADES,
    Checked,
    Claim,
    Compound,
    Grade,
    Source,
    as_compound,
    load_compound,
)
from ..numbers import format_number
from ..reconstitution import calculate
from ..render import ranked_by_frequency
from ..widgets.quiz import SelfCheck

CHOICES = 4
UNIT_ML = 0.01  # one unit of a U-100 insulin syringe


Section = tuple[str, str]  # the heading that answers a question, and its link


def _question(qid: str, prompt: str, options: list[str], answer: str, explanation: str,
              section: Section) -> dict[str, Any]:
    label, href = section
    keys = "abcdefgh"
    return {
        "id": qid,
        "prompt": prompt,
        "options": [{"key": keys[i], "label": o} for i, o in enumerate(options)],
        "answer": keys[options.index(answer)],
        "explanation": explanation,
        "section": {"label": label, "href": href},
    }


_WORD = re.compile(r"[A-Za-z]{5,}")


def _words(text: str, skip: Iterable[str] = ()) -> set[str]:
    """The words of five letters or more, case folded and a plural -s dropped (the self-check lint's words)."""
    out = {w.lower() for w in _WORD.findall(text)} - {w.lower() for w in skip}
    return {w[:-1] if w.endswith("s") and len(w) > 5 else w for w in out}


def gives_away(stem: str, answer: str, name: str) -> bool:
    """True when the stem holds a word of five letters or more from the correct option (the compound's name
    aside), or one that holds such a word inside it ('unblinded' gives away 'not blinded'): such a question
    tests reading, not understanding."""
    stem_words, answer_words = _words(stem, (name,)), _words(answer, (name,))
    return any(a in s for s in stem_words for a in answer_words)


def _same_subject(a: str, b: str, name: str) -> bool:
    """Two texts about the same thing (two or more long words in common): both could be a true answer."""
    return len(_words(a, (name,)) & _words(b, (name,))) >= 2


def _grade_options(c: Compound, claim: Claim, what: str) -> list[str]:
    """The right grade and the next ones in the book's fixed grade order, shown in that order, leaving out
    any grade a source the claim cites has, or another claim on the same subject carries (either would be a
    second true answer)."""
    text = f"{what} {getattr(claim, 'text', '') or ''}"
    also_true = {k.grade for _, k in c.iter_claims()
                 if k is not claim and _same_subject(text, getattr(k, "text", "") or "", c.identity.name)}
    also_true |= {s.grade for s in c.sources_for(claim)}
    order = list(Grade)
    others = [g for g in order if g is not claim.grade and g not in also_true][: CHOICES - 1]
    return [GRADE_INFO[g].label for g in order if g is claim.grade or g in others]


def fair(c: Compound, claim: Claim, what: str) -> bool:
    """A grade question worth asking: its stem does not give the answer away, it does not drill a citation
    whose attribution is doubted, and it is not about the book's own checking."""
    if claim.grade is Grade.search or gives_away(what, GRADE_INFO[claim.grade].label, c.identity.name):
        return False
    return not any(s.is_unverified or "authors" in s.unverified_identifiers for s in c.sources_for(claim))


def grade_question(qid: str, c: Compound, claim: Claim, what: str, section: Section) -> dict[str, Any]:
    info = GRADE_INFO[claim.grade]
    cites = c.citations(claim)
    # the second half's meaning too: a community report known only from the original page says no report was read
    levels = " ".join(CHECKED_INFO[level].meaning for level in claim.checked_levels if not claim.source_ids)
    why = (f"The book grades it “{claim.badge_words}”: {info.meaning}" + (f" {levels}" if levels else "")
           + (f" Source: {cites}." if cites else "")
           + (f" Caveat: {claim.full_caveat}" if claim.full_caveat else ""))  # the page's own qualification travels too
    return _question(qid, f"Which evidence grade does this carry: “{what}”?", _grade_options(c, claim, what),
                     info.label, why, section)


def _distinct_grades(claims: Iterable[Claim], n: int) -> list[Claim]:
    """The first claims with grades not seen before, up to ``n`` (then the next ones in order)."""
    claims = list(claims)
    picked, seen = [], set()
    for k in claims:
        if k.grade not in seen:
            picked.append(k)
            seen.add(k.grade)
    picked += [k for k in claims if k not in picked]
    return picked[:n]


def reconstitution_case(compound: Compound | str) -> dict[str, Any] | None:
    """What the compound's starting vial and water make per U-100 syringe unit, through the calculator's
    own math. A conversion of units, never a dose."""
    c = as_compound(compound)
    inputs = {**c.calculator_inputs(), "syringe": "U-100", "capacity_ml": 1.0, "route": "injection"}
    out = calculate(inputs)
    if not out["ok"]:
        return None
    r = out["result"]
    per_unit = r["concentration_mcg_per_ml"] * r["ml_per_unit"]
    vial = f"{format_number(inputs['vial_amount'], 2)} {inputs['vial_unit']}"
    water = f"{format_number(inputs['water_ml'], 2)} mL"
    shown = lambda x: f"{format_number(x, 2)} mcg"  # noqa: E731
    return {
        "question": f"A {vial} vial mixed with {water} of water: how much peptide is in one unit "
                    f"({format_number(r['ml_per_unit'], 2)} mL) of a U-100 syringe?",
        "answer": shown(per_unit),
        "wrong": [shown(r["concentration_mcg_per_ml"]), shown(per_unit * 10), shown(per_unit / 10)],
        "explanation": f"{vial} is {format_number(r['vial_mcg'], 2)} mcg; spread through {water} that is "
                       f"{format_number(r['concentration_mcg_per_ml'], 2)} mcg per mL, and one unit is "
                       f"{format_number(r['ml_per_unit'], 2)} mL, so {shown(per_unit)}. This converts units; "
                       "it says nothing about how much anyone should take.",
        "per_unit_mcg": per_unit,
    }


def _sorted_numeric(options: list[str]) -> list[str]:
    """Choices that start with a number, smallest first ('5 mcg', '0.15%', '1.4×')."""
    return sorted(options, key=lambda s: float(re.match(r"[0-9.,]+", s).group().replace(",", "")))


# One function per kind of question; the registry names the kinds each chapter asks.

# Uses no source in this book gives either compound: the wrong choices of the uses question.
_NOT_A_USE = ("Weight loss", "Muscle growth", "Pain relief", "Blood-pressure control")


def _uses(c: Compound, at: Section) -> list[dict[str, Any]]:
    """Which of these is among the uses the sources give (a question about the compound, not the book's badges);
    the wrong choices are uses no source gives, and share no subject with any use listed."""
    if not c.identity.uses:
        return []
    use = c.identity.uses[0]
    listed = " ".join(f"{u.label} {u.text}" for u in c.identity.uses)
    others = [o for o in _NOT_A_USE if not _same_subject(o, listed, c.identity.name)
              and not _words(o) & _words(listed)][: CHOICES - 1]
    stem = f"Which of these is among the uses {c.who_gives([use], 'gives')} for {c.identity.name}?"
    if len(others) < 2 or gives_away(stem, use.label, c.identity.name):
        return []
    cites = c.citations(use)
    return [_question("use-1", stem, sorted([use.label, *others]), use.label,
                      f"{' '.join(use.text.split())} ({use.badge_words}"
                      + (f"; {cites}" if cites else "") + ")", at)]


def _route(c: Compound, at: Section) -> list[dict[str, Any]]:
    return [grade_question("route", c, r, r.text, at) for r in c.identity.route if fair(c, r, r.text)][:1]


# Actions no source in this book gives either compound: the wrong choices of the mechanism question.
_NOT_AN_ACTION = ("It kills bacteria directly", "It thins the blood", "It replaces a missing hormone",
                  "It blocks stomach acid", "It lowers cholesterol")


def _steps(c: Compound, at: Section) -> list[dict[str, Any]]:
    """The first step's own self-check when the data gives one (what the step says); else which of these the
    studies cited say the compound does (about the compound, not the order of the book's steps): the answer is
    the first step a study stands behind, the wrong choices are actions no source gives. The question links to
    that step's own section."""
    first = next(iter(c.mechanism.steps), None)
    if first is not None and first.self_check is not None:
        return _own_check(c, first, f"step-{first.number}")
    step = next((s for s in c.mechanism.steps if s.grade in STUDY_GRADES), None)
    # With no study behind any step, the question asks what the sources say, from the first step on.
    stem = (f"What do the studies this book cites report that {c.identity.name} does?" if step else
            f"What do the sources in this book say {c.identity.name} does?")
    step = step or next(iter(c.mechanism.steps), None)
    if step is None:
        return []
    listed = " ".join(f"{s.title} {s.body}" for s in c.mechanism.steps)
    others = [o for o in _NOT_AN_ACTION if not _words(o) & _words(listed)][: CHOICES - 1]
    if len(others) < 2 or gives_away(stem, step.title, c.identity.name):
        return []
    cites = c.citations(step)
    return [_question(f"step-{step.number}", stem, sorted([step.title, *others]), step.title,
                      f"{step.title} ({step.badge_words}" + (f"; {cites}" if cites else "") + "). No source in this "
                      "book reports the other choices.", step_href(step))]


def _own_check(c: Compound, step: Any, qid: str) -> list[dict[str, Any]]:
    """The step's own self-check question, unless its stem gives the answer away."""
    q = step.self_check
    if gives_away(q.stem, q.answer, c.identity.name):
        return []
    return [_question(qid, q.stem, sorted([q.answer, *q.wrong]), q.answer, " ".join(q.why.split()),
                      step_href(step))]


def _askable(s: Source) -> bool:
    """A study a question may name: the book read it and could see who wrote it (never a doubted citation)."""
    return (s.kind == "study" and s.is_read and not s.is_unverified
            and "authors" not in s.unverified_identifiers)


def _step_study(c: Compound, step: Any) -> Source | None:
    """The one study a step cites, when it cites that study alone (no label beside it; the original page's framing
    may stand beside it, as it is no source) and the book read it (with its authors seen)."""
    srcs = c.sources_for(step)
    alone = (len(srcs) == 1 and srcs[0].kind == "study"
             and set(step.rests_on) <= {Checked.original_page})
    return srcs[0] if alone and _askable(srcs[0]) else None


def _step_subjects(c: Compound, at: Section) -> list[dict[str, Any]]:
    """What the study behind a step worked with (rats, patients, cells), against what other studies used."""
    qs = []
    graded = {q["id"] for q in _steps(c, at)}  # the first step's own check is asked there already
    for step in c.mechanism.steps:
        if step.self_check is not None and f"step-{step.number}" not in graded:
            # a step resting on more than one study asks what the step itself says
            qs += _own_check(c, step, f"check-step-{step.number}")
            continue
        study = _step_study(c, step)
        if (study is None or not study.population
                or study.provenance_of("population") not in READ_LEVELS):
            continue
        pop = " ".join(study.population.split())
        # Distractors from studies of another kind of subject, so none could also be true of this one.
        others = list(dict.fromkeys(" ".join(s.population.split()) for s in c.studies
                                    if _askable(s) and s.population and s.subject != study.subject
                                    and s.provenance_of("population") in READ_LEVELS))
        others = [o for o in others if not _same_subject(o, pop, c.identity.name)][: CHOICES - 1]
        heading, href = step_href(step)
        stem = f"The mechanism's step “{heading}” cites one study. What did that study work with?"
        if len(others) < 2 or gives_away(stem, pop, c.identity.name):
            continue
        qs.append(_question(f"subject-step-{step.number}", stem, sorted([pop, *others]), pop,
                            f"{study.inline_citation} worked with {_lower_first(pop)}. Design: {study.design}.",
                            (heading, href)))
        if len(qs) == 2:
            break
    return qs


def _lower_first(text: str) -> str:
    """'Rats' -> 'rats' inside a sentence; 'BALB/c mice' keeps its capitals."""
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def value(m: Any) -> str:
    """A measurement as the chart shows it: '1.4×', '38 %'."""
    return f"{format_number(m.value, 2)}{m.unit}" if m.unit == "×" else f"{format_number(m.value, 2)} {m.unit}"


def _step_measures(c: Compound, at: Section) -> list[dict[str, Any]]:
    """How much the study behind a step measured at most: the choices are that study's other measurements."""
    for step in c.mechanism.steps:
        study = _step_study(c, step)
        if study is None or len(study.measurements) < 3:
            continue
        first = study.measurements[0]
        options = list(dict.fromkeys(value(m) for m in study.measurements))[:CHOICES]
        heading, href = step_href(step)
        stem = (f"In the study behind the mechanism's step “{heading}”, how much did "
                f"{first.label} change at most?")
        rest = "; ".join(f"{m.label} {value(m)}" for m in study.measurements[1:])
        return [_question(f"measure-step-{step.number}", stem, _sorted_numeric(options), value(first),
                          f"{study.inline_citation} reports {first.label} at most {value(first)}"
                          + (f" ({first.note})" if first.note else "") + f"; the other measures: {rest}.",
                          (heading, href))]
    return []


def _dose_stem(r: Any) -> str:
    return f"{r.label}: {r.text}" + (f" (status: {r.status})" if r.status else "")


def _doses(c: Compound, at: Section) -> list[dict[str, Any]]:
    """An amount the dose figures give: the per-day standard where there is one, else the first reported
    figure. The wrong choices are the same amount scaled ten- and a hundredfold, so none is a figure given."""
    d = c.dosing
    mcg = lambda lo, hi: fmt_span(lo, hi, "mcg")  # noqa: E731
    if d.has_standard:
        row = d.row("standard")
        right = f"{mcg(d.standard_mcg_per_day, d.standard_mcg_per_day)} a day"
        wrong = [f"{mcg(d.standard_mcg_per_day * f, d.standard_mcg_per_day * f)} a day" for f in (0.1, 10, 100)]
        stem = f"What daily amount is {c.identity.name}'s standard figure, as {c.who_gives([row], 'gives')} it?"
        # one bracket after the figure: its review status on the original page, then its badge
        why = " ".join(row.text.split()).rstrip(".") + " (" + (
            f"status on the original page: {row.status}; " if row.status else "")
        key, claim = f"dose-{row.key}", row
    elif d.figures:
        f0 = d.figures[0]
        per = "a day" if f0.basis == "per_day" else "per dose"
        right = f"{mcg(f0.mcg.low, f0.mcg.high)} {per}"
        wrong = [f"{mcg(f0.mcg.low * f, f0.mcg.high * f)} {per}" for f in (0.1, 10, 100)]
        # asked of the source itself, not of the book's own row label
        stem = f"What amount {per} does {_lower_first(c.citations(f0))} give?"
        why = " ".join(f0.text.split()).rstrip(".") + " ("
        key, claim = f"dose-{f0.key}", f0
    else:
        return []
    if gives_away(stem, right, c.identity.name):
        return []
    return [_question(key, stem, _sorted_numeric([right, *wrong]), right,
                      f"{why}{claim.badge_words}). A figure shown to describe, never a recommendation.", at)]


def _percent(values: Iterable[float]) -> str:
    return " and ".join(f"{format_number(v, 3)}%" for v in values)


def _label_strength(c: Compound, at: Section) -> list[dict[str, Any]]:
    """Which strength(s) the label gives; the wrong choices are the same strengths scaled, so none is on it."""
    if c.label is None or not c.label.strengths:
        return []
    right = [s.percent for s in c.label.strengths]
    # Scaled so that no wrong choice holds any strength the label does give (0.1% and 1% scaled by 10 would).
    given = {round(v, 6) for v in right}
    factors = [f for f in (2, 5, 0.5, 10, 0.1, 3) if not {round(v * f, 6) for v in right} & given]
    options = list(dict.fromkeys(_percent(v * f for v in right) for f in (1, *factors[: CHOICES - 1])))
    forms = "; ".join(f"{_percent([s.percent])}: {format_number(s.mg_per_ml, 3)} mg/mL, {s.form}"
                      for s in c.label.strengths)
    return [_question("label-strength", "What strength of drops does the product label give?",
                      _sorted_numeric(options), options[0], f"The label gives {forms}.", at)]


def _label_drop(c: Compound, at: Section) -> list[dict[str, Any]]:
    """The drop size the label's amounts rest on (stated by the label, or the book's assumption)."""
    if c.label is None or not c.label.schedules:
        return []
    ml = lambda x: f"{format_number(x, 3)} mL"  # noqa: E731
    options = list(dict.fromkeys(ml(c.label.drop_ml * f) for f in (1, 10, 0.1, 4)))
    stem = ("By the label's own count, how much liquid is one drop?" if c.label.drop_stated is not None
            else "Roughly how much liquid does one drop from a dropper hold?")
    return [_question("label-drop", stem,
                      _sorted_numeric(options), options[0], c.label.drop_ml_note.strip(), at)]


def _per_unit(c: Compound, at: Section) -> list[dict[str, Any]]:
    case = reconstitution_case(c)
    if not case:
        return []
    return [_question("per-unit", case["question"], _sorted_numeric([case["answer"], *case["wrong"]]),
                      case["answer"], case["explanation"], at)]


def _most_reported(c: Compound, at: Section) -> list[dict[str, Any]]:
    ranked = c.side_effects.ranked
    # Only when the order is one of frequency: a ranking note says the sources list the effects together.
    if len(ranked) < 2 or not (ranked_by_frequency(c) or c.side_effects.first_is_most_common):
        return []
    top = ranked[0]
    return [_question("most-reported", _MOST_REPORTED.get(top.grade, "Which effect do people report most often?"),
                      sorted(e.name for e in ranked[:CHOICES]), top.name,
                      " ".join(top.text.split()), at)]


# Who calls an effect the most common, by its grade: Semax's community reports are the original page's account.
_MOST_REPORTED = {Grade.community: "Which effect does the original page call the most common complaint?",
                  Grade.vendor: "Which effect do vendor pages name first among the most common?"}


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=\.)\s", " ".join(text.split()), maxsplit=1)[0]


def _effects(c: Compound, at: Section) -> list[dict[str, Any]]:
    effects = [e for e in c.side_effects.ranked if fair(c, e, e.name)]
    return [grade_question(f"effect-{e.key}", c, e, e.name, at) for e in _distinct_grades(effects, 1)]


def _label_effects(c: Compound, at: Section) -> list[dict[str, Any]]:
    """Which of these the label lists as a side effect; the wrong choices are effects reported elsewhere that
    share no subject with anything the label lists. With no label list to ask about, the grade of an effect."""
    listed = c.side_effects.label_listed
    if not listed:
        return _effects(c, at)
    right = _first_sentence(listed[0].text).rstrip(".")
    kept = [e for e in c.side_effects.ranked
            if not any(_same_subject(e.name, f.text, c.identity.name) or _same_subject(e.name + " " + e.text, f.text,
                                                                                         c.identity.name)
                       for f in listed)][: CHOICES - 1]
    others = [e.name for e in kept]
    stem = "Which of these is on the product label's list of side effects?"
    if not others or gives_away(stem, right, c.identity.name):
        return _effects(c, at)
    # one sentence, its items lower-cased after the colon and joined, never fragments after a capital
    named = "; ".join(_lower_first(_first_sentence(f.text)).rstrip(".") for f in listed)
    return [_question("label-effect", stem, sorted([right, *others]), right,
                      f"The label lists {'one side effect' if len(listed) == 1 else 'these side effects'}: "
                      f"{named}. {_named_by(kept)}", at)]


# Who names a side effect the label does not list, by its grade: a grade is not a person's word ('Community
# reports' for Semax is the original page's account of them; Selank's are vendor pages' statements).
_NAMED_BY = {Grade.community: "the original page's account of community reports", Grade.vendor: "vendor pages",
             Grade.original_page: "the original page"}
_OTHERS = {1: "The other one comes", 2: "The other two come", 3: "The other three come"}


def _named_by(effects: list[Any]) -> str:
    """'The other three come from the original page's account of community reports, not from the label.'"""
    who = list(dict.fromkeys(_NAMED_BY.get(e.grade, GRADE_INFO[e.grade].label.lower()) for e in effects))
    return f"{_OTHERS.get(len(effects), 'The others come')} from {' and '.join(who)}, not from the label."


def _populations(c: Compound, at: Section) -> list[dict[str, Any]]:
    # Only studies the book read and whose authors it could see: a question never drills a doubted citation.
    studies = [s for s in c.studies if s.population and s.provenance_of("population") in READ_LEVELS
               and not s.is_unverified and "authors" not in s.unverified_identifiers]
    populations = list(dict.fromkeys(" ".join(s.population.split()) for s in studies))
    qs = []
    for s in studies:
        pop = " ".join(s.population.split())
        # a distractor that shares the answer's subject could be true of it too
        others = [p for p in populations if p != pop and not _same_subject(p, pop, c.identity.name)][: CHOICES - 1]
        if not others:
            continue
        # The one inline citation, so a question never drops a source's flags.
        qs.append(_question(f"population-{s.id}", f"Who took part in {s.inline_citation}?", sorted([pop, *others]),
                            pop, f"{s.inline_citation} studied {_lower_first(pop)}. Design: {s.design}; n: {s.n_text}.",
                            at))
        if len(qs) == 2:
            break
    return qs


def _designs(c: Compound, at: Section) -> list[dict[str, Any]]:
    """How a study was done, against the designs of studies of another kind of subject (so none is also true)."""
    studies = [s for s in c.studies if _askable(s) and s.provenance_of("design") in READ_LEVELS]
    # the population questions' studies: ask about another one
    asked = {q["id"].removeprefix("population-") for q in _populations(c, at)}
    for s in studies:
        if s.id in asked:
            continue
        design = " ".join(s.design.split()).rstrip(".")
        others = list(dict.fromkeys(" ".join(o.design.split()).rstrip(".") for o in studies
                                    if o.study_type != s.study_type))
        others = [o for o in others if not _same_subject(o, design, c.identity.name)][: CHOICES - 1]
        stem = f"Which describes how {s.inline_citation} was done?"
        if len(others) < 2 or gives_away(stem, design, c.identity.name):
            continue
        who = _lower_first(s.population_text)
        return [_question(f"design-{s.id}", stem, sorted([design, *others]), design,
                          f"{s.inline_citation}: {design}. Who took part: {who}.", at)]
    return [] if asked else _points(c, at)  # with no study to ask about, the grade of a limit


def _sequence(c: Compound, at: Section) -> list[dict[str, Any]]:
    """What the chain of amino acids is made of: the parent's piece and what was added, in that order."""
    q = c.identity.sequence
    if q is None or not q.parent or q.parent_positions is None:
        return []

    def parts(seq: Any) -> tuple[str, str]:
        k = int(seq.parent_positions.high - seq.parent_positions.low + 1)
        low, high = int(seq.parent_positions.low), int(seq.parent_positions.high)
        parent = seq.parent if low == 1 else f"{seq.parent} {low}–{high}"
        return parent, "-".join(seq.residues[k:])

    def made_of(parent: str, added: str) -> str:
        return f"{parent[:1].upper()}{parent[1:]} followed by {added}"

    parent, added = parts(q)
    if not added:
        return []
    right = made_of(parent, added)
    options = [right, made_of(added, parent), f"{parent[:1].upper()}{parent[1:]} alone, with nothing added"]
    for other in collection_ids():  # another compound's chain is a wrong choice that exists
        seq = load_compound(other).identity.sequence
        if other != c.id and seq is not None and seq.parent and seq.parent_positions is not None:
            wrong = made_of(*parts(seq))
            if wrong not in options and len(options) < CHOICES:
                options.append(wrong)
    stem = f"What is {c.identity.name}'s chain of amino acids made of?"
    if gives_away(stem, right, c.identity.name):
        return []
    return [_question("sequence", stem, sorted(options), right, " ".join(q.origin.split()), at)]


def _points(c: Compound, at: Section) -> list[dict[str, Any]]:
    # Not about the book's own checking or its paraphrase of the original page: points with a source kind.
    points = [p for p in c.evidence.points if p.grade is not Grade.original_page and fair(c, p, p.text)]
    return [grade_question(f"point-{p.key}", c, p, p.text, at) for p in _distinct_grades(points, 1)]


KINDS: dict[str, Callable[[Compound, Section], list[dict[str, Any]]]] = {
    "uses": _uses, "route": _route, "sequence": _sequence, "steps": _steps, "step-subjects": _step_subjects,
    "step-measures": _step_measures, "doses": _doses, "label-strength": _label_strength, "label-drop": _label_drop,
    "per-unit": _per_unit, "most-reported": _most_reported, "label-effects": _label_effects,
    "populations": _populations, "designs": _designs, "points": _points,
}


def questions_for(compound: Compound | str, chapter: str) -> list[dict[str, Any]]:
    """The chapter's questions as plain data (what the widget carries), each pointing at the section that
    answers it."""
    c, ch = as_compound(compound), registered(chapter)
    return [q for asked in ch.questions for q in KINDS[asked.kind](c, section_href(c, ch, asked.section))]


def for_chapter(compound: Compound | str, chapter: str) -> SelfCheck:
    """The chapter's self-check widget (live in JupyterLab and, through widget-host.js, in the book)."""
    return SelfCheck(questions=questions_for(compound, chapter))
