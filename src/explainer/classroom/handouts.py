"""A one-page handout per chapter: its key figures, its table, the disclaimer; built to be printed.

Written next to the decks by the same build step (``slides.write_decks``) to
``_build/html/handouts/<compound>/<chapter>.html``, from the same content and the same table builders
as the slides. ``book/_static/classroom/handout.css`` sets the page for screen and paper (A4 and US
Letter both fit: the rules size the type for the smaller of the two).
"""

from __future__ import annotations

from collections.abc import Callable

from ..collection import NOT_ADVICE
from ..content import Compound, as_compound
from ..numbers import long_date
from ..render import ranked_by_frequency, reported_patterns, studies_caption, use_lead
from .quiz import reconstitution_case
from .slides import (
    BOOK_HOME,
    DECK_CSS,
    HANDOUTS_DIR,
    badge,
    calculator_lead,
    chapter,
    disclaimer_html,
    dose_table,
    esc,
    handout_path,
    page_shell,
    reported_title,
    stack_answers,
    stack_cautions,
    stack_pair,
    with_policy,
)

HANDOUT_CSS = "classroom/handout.css"


def _items(rows) -> str:
    """One line per claim: its lead, its text, its badge and any caveat (a caveat never stays behind)."""
    def head(lead, text):  # a lowercase fragment follows its lead after a colon, never a full stop
        return f"<strong>{esc(lead)}{':' if text[:1].islower() else '.'}</strong> " if lead else ""

    return "<ul>" + "".join(f"<li>{head(lead, text)}{esc(text)} {badge(k)}{_caveat(k)}</li>"
                            for text, k, lead in rows) + "</ul>"


def _caveat(claim) -> str:
    """A claim's caveat, printed beside it on paper as on the page (a caveat never stays behind)."""
    caveat = getattr(claim, "full_caveat", None)
    return f" <em>Caveat: {esc(caveat)}</em>" if caveat else ""


def _label_cautions(pairs) -> str:
    """Each label's contraindications, named by compound."""
    return "".join(f"<h2>Among the contraindications on {esc(o.identity.name)}'s label</h2>"
                   + _items((f.text, f, None) for f in facts) for o, facts in pairs)


def _study_list(c: Compound) -> str:
    """The studies in two columns of one line each (cite, n, grade): a source table that fits a sheet."""
    items = "".join(f"<li><strong>{esc(s.short_cite)}</strong>, n: {esc(s.n_text)} {badge(s)}"
                    + "".join(f" <em>({esc(w)})</em>" for w in s.flag_words) + "</li>" for s in c.studies)
    return f'<h2>{esc(studies_caption(c))}</h2><ul class="handout-studies">{items}</ul>'


def _said(text: str, claim, heading: str = "") -> str:
    """A graded statement as a paragraph, under its heading when it has one."""
    return (f"<h2>{esc(heading)}</h2>" if heading else "") + f"<p>{esc(text)} {badge(claim)}{_caveat(claim)}</p>"


def _steps(c: Compound) -> str:
    steps = "".join(f"<li><strong>{esc(s.title)}</strong> ({esc(s.kicker)}) {badge(s)}</li>"
                    for s in c.mechanism.steps)
    return f"<h2>The steps</h2><ol>{steps}</ol>"


def _conversion(c: Compound) -> str:
    case = reconstitution_case(c)
    return (f"<h2>A worked conversion</h2><p>{esc(case['question'])} <strong>{esc(case['answer'])}</strong>. "
            f"{esc(case['explanation'])}</p>" if case else "")


def _reported(c: Compound) -> str:
    se = c.side_effects
    ranked = "".join(f"<li><strong>{esc(e.name)}</strong>: {esc(e.text)} {badge(e)}</li>" for e in se.ranked)
    return (f"<h2>What people report, most often first</h2><ol>{ranked}</ol>" if ranked_by_frequency(c) else
            f"<h2>{esc(reported_title(c))}</h2><p>{esc(se.ranking_note)}</p><ul>{ranked}</ul>")


def _pairing(c: Compound) -> str:
    st = c.stacking
    reported = reported_patterns(st)
    return (f"<h2>The pairing</h2>{_items((r.role, r, r.compound) for r in st.roles)}"
            + (f"{_items((p.text, p, None) for p in reported)}" if reported else ""))


def _listed(heading: str, rows) -> str:
    """A heading and its claims, or nothing when there are none."""
    rows = list(rows)
    return f"<h2>{esc(heading)}</h2>{_items(rows)}" if rows else ""


# The blocks of a sheet; the chapter registry (explainer.chapters.registry) names the parts a chapter's handout
# shows, in order. A part the compound has no data for shows nothing.
PARTS: dict[str, Callable[[Compound], str]] = {
    "lead": lambda c: f"<p>{esc(c.identity.summary)}</p>",
    "uses": lambda c: _listed("What people use it for", ((u.text, u, use_lead(c, u)) for u in c.identity.uses)),
    "route": lambda c: _listed("How it is taken", ((r.text, r, None) for r in c.identity.route)),
    "sequence": lambda c: _said(c.identity.sequence.origin, c.identity.sequence, "Sequence") if c.identity.sequence
    else "",
    "mechanism": lambda c: _said(c.mechanism.summary.text, c.mechanism.summary),
    "steps": _steps,
    "result": lambda c: _said(c.mechanism.result.body, c.mechanism.result, c.mechanism.result.title),
    "dose-table": dose_table,
    "thinness": lambda c: _said(c.dosing.thinness.text, c.dosing.thinness) if c.dosing.thinness else "",
    "calculator": lambda c: "".join(f"<p>{esc(t)}</p>" for t in calculator_lead(c)),
    "conversion": _conversion,
    "reported": _reported,
    "overall": lambda c: _said(c.side_effects.overall.text, c.side_effects.overall),
    "label-listed": lambda c: _listed("What the product label lists",
                                      ((f.text, f, None) for f in c.side_effects.label_listed)),
    "contraindications": lambda c: _label_cautions([(c, c.label.contraindications)]
                                                   if c.label and c.label.contraindications else []),
    "tested": lambda c: _listed("Has the combination been tested?", ((p.text, p, None) for _, p in stack_answers(c))),
    "pairing": _pairing,
    "timing": lambda c: _said(c.stacking.schedule_note.text, c.stacking.schedule_note),
    "cautions": lambda c: _label_cautions(stack_cautions(c)),
    "study-list": _study_list,
    "verdict": lambda c: _said(c.evidence.verdict.text, c.evidence.verdict, "Verdict"),
}


def handout_html(compound: Compound | str, key: str) -> str:
    c = as_compound(compound)
    ch = chapter(c, key)
    title = ch.heading(c)
    # the stacking handout cites both compounds' sources, so it points at both sections of the references
    owners = stack_pair(c) if "cautions" in ch.handout and c.stacking is not None else [c]
    under = " and ".join(esc(o.identity.name) for o in owners)
    parts = "".join(PARTS[part](c) for part in ch.handout)
    # a handout with no graded item (unit conversion only) does not claim its items carry grades
    grades = ("Every item carries its evidence grade; the full citations" if "grade-badge" in parts else
              "Unit conversion only; nothing here is graded evidence. Full citations")
    body = (f'<main class="handout"><header><p class="handout-kicker">{esc(c.metadata.title)}: a handout</p>'
            f"<h1>{esc(title)}</h1></header>{parts}"
            f'<footer class="handout-footer">{disclaimer_html(c)}'
            f"<p>Last reviewed {long_date(c.metadata.last_reviewed)}. {grades} "
            f"are on the book's References page, under {under}. "
            f'<a class="handout-screen-only" href="{BOOK_HOME}">Back to the book</a></p>'
            "</footer></main>")
    page = page_shell(f"{title} · {c.identity.name} · handout", body, depth=2,
                      css=["explainer/grades.css", HANDOUT_CSS], body_class="explainer-handout",
                      description=f"A one-page handout to print: {title}. {c.metadata.subtitle}")
    return with_policy(page)


__all__ = ["HANDOUTS_DIR", "handout_html", "handout_path", "NOT_ADVICE", "DECK_CSS"]
