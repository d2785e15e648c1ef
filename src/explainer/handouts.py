"""A one-page handout per chapter: its key figures, its table, the disclaimer; built to be printed.

Written next to the decks by the same build step (``slides.write_decks``) to
``_build/html/handouts/<compound>/<chapter>.html``, from the same content and the same table builders
as the slides. ``book/_static/classroom/handout.css`` sets the page for screen and paper (A4 and US
Letter both fit: the rules size the type for the smaller of the two).
"""

from __future__ import annotations

from .content import Compound
from .render import ranked_by_frequency, reported_patterns, studies_caption
from .slides import (
    BOOK_HOME,
    DECK_CSS,
    NOT_ADVICE,
    as_compound,
    badge,
    chapter,
    disclaimer_html,
    dose_table,
    esc,
    page_shell,
    stack_answers,
    stack_cautions,
    starting_values,
    with_policy,
)

HANDOUTS_DIR = "handouts"
HANDOUT_CSS = "classroom/handout.css"


def handout_path(compound: str, key: str) -> str:
    return f"{HANDOUTS_DIR}/{compound}/{key}.html"


def _items(rows) -> str:
    """One line per claim: its lead, its text, its badge and any caveat (a caveat never stays behind)."""
    def head(lead, text):  # a lowercase fragment follows its lead after a colon, never a full stop
        return f"<strong>{esc(lead)}{':' if text[:1].islower() else '.'}</strong> " if lead else ""

    return "<ul>" + "".join(f"<li>{head(lead, text)}{esc(text)} {badge(k)}"
                            + (f" <em>Caveat: {esc(k.full_caveat)}</em>" if k.full_caveat else "") + "</li>"
                            for text, k, lead in rows) + "</ul>"


def _label_cautions(pairs) -> str:
    """Each label's contraindications, named by compound."""
    return "".join(f"<h2>Contraindications on {esc(o.identity.name)}'s label</h2>"
                   + _items((f.text, f, None) for f in facts) for o, facts in pairs)


def _study_list(c: Compound) -> str:
    """The studies in two columns of one line each (cite, n, grade): a source table that fits a sheet."""
    items = "".join(f"<li><strong>{esc(s.short_cite)}</strong>, n: {esc(s.n_text)} {badge(s)}"
                    + "".join(f" <em>({esc(w)})</em>" for w in s.flag_words) + "</li>" for s in c.studies)
    return f'<h2>{esc(studies_caption(c))}</h2><ul class="handout-studies">{items}</ul>'


def _body(c: Compound, key: str) -> str:
    ident = c.identity
    if key == "what-it-is":
        seq = ident.sequence
        return (f"<p>{esc(ident.summary)}</p>"
                f"<h2>What people use it for</h2>{_items((u.text, u, u.label) for u in ident.uses)}"
                f"<h2>How it is taken</h2>{_items((r.text, r, None) for r in ident.route)}"
                + (f"<h2>Sequence</h2><p>{esc(seq.origin)} {badge(seq)}</p>" if seq else ""))
    if key == "mechanism":
        m = c.mechanism
        steps = "".join(f"<li><strong>{esc(s.title)}</strong> ({esc(s.kicker)}) {badge(s)}</li>" for s in m.steps)
        return (f"<p>{esc(m.summary.text)} {badge(m.summary)}</p><h2>The steps</h2><ol>{steps}</ol>"
                f"<h2>{esc(m.result.title)}</h2><p>{esc(m.result.body)} {badge(m.result)}</p>")
    if key == "dosing":
        d = c.dosing
        return dose_table(c) + (f"<p>{esc(d.thinness.text)} {badge(d.thinness)}</p>" if d.thinness else "")
    if key == "reconstitution":
        from .quiz import reconstitution_case

        case = reconstitution_case(c)
        return (f"<p>{esc(c.calculator.note)}</p>" + (f"<p>{esc(starting_values(c))}</p>" if case else "")
                + (f"<h2>A worked conversion</h2><p>{esc(case['question'])} <strong>{esc(case['answer'])}</strong>. "
                   f"{esc(case['explanation'])}</p>" if case else ""))
    if key == "side-effects":
        se = c.side_effects
        ranked = "".join(f"<li><strong>{esc(e.name)}</strong>: {esc(e.text)} {badge(e)}</li>" for e in se.ranked)
        listed = (f"<h2>What people report, most often first</h2><ol>{ranked}</ol>" if ranked_by_frequency(c) else
                  f"<h2>What the sources list</h2><p>{esc(se.ranking_note)}</p><ul>{ranked}</ul>")
        label = (f"<h2>What the product label lists</h2>{_items((f.text, f, None) for f in se.label_listed)}"
                 if se.label_listed else "")
        cautions = _label_cautions([(c, c.label.contraindications)] if c.label and c.label.contraindications else [])
        return listed + f"<p>{esc(se.overall.text)} {badge(se.overall)}</p>" + label + cautions
    if key == "stacking":
        st = c.stacking
        assert st is not None
        answers = stack_answers(c)
        tested = (f"<h2>Has the combination been tested?</h2>{_items((p.text, p, None) for _, p in answers)}"
                  if answers else "")
        reported = reported_patterns(st)
        return (f"{tested}<h2>The pairing</h2>{_items((r.role, r, r.compound) for r in st.roles)}"
                + (f"{_items((p.text, p, None) for p in reported)}" if reported else "")
                + f"<p>{esc(st.schedule_note)}</p>" + _label_cautions(stack_cautions(c)))
    if key == "evidence":
        ev = c.evidence
        return _study_list(c) + f"<h2>Verdict</h2><p>{esc(ev.verdict.text)} {badge(ev.verdict)}</p>"
    raise KeyError(key)


def handout_html(compound: Compound | str, key: str) -> str:
    c = as_compound(compound)
    ch = chapter(c, key)
    title = ch.heading(c)
    body = (f'<main class="handout"><header><p class="handout-kicker">{esc(c.metadata.title)}: a handout</p>'
            f"<h1>{esc(title)}</h1></header>{_body(c, key)}"
            f'<footer class="handout-footer">{disclaimer_html(c)}'
            f"<p>Last reviewed {c.metadata.last_reviewed:%-d %B %Y}. Every item carries its evidence grade; "
            f'the book gives the sources. <a class="handout-screen-only" href="{BOOK_HOME}">Back to the book</a></p>'
            "</footer></main>")
    page = page_shell(f"{title} · {c.identity.name} · handout", body, depth=2,
                      css=["explainer/grades.css", HANDOUT_CSS], body_class="explainer-handout")
    return with_policy(page)


__all__ = ["HANDOUTS_DIR", "handout_html", "handout_path", "NOT_ADVICE", "DECK_CSS"]
