"""What every chapter's renderers share: the glossary links, badges, citations, the review date, the disclaimer.

Each renderer returns an ``explainer.myst.Myst`` object (a ``text/markdown`` output), which the book parses as
MyST into real document text and JupyterLab renders with jupyterlab-myst. Every string from the content file
goes through ``myst.text`` exactly once.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from .. import myst
from ..collection import NOT_ADVICE, disclaimer_text
from ..content import FLAG_INFO, GRADE_INFO, Claim, Compound, Flag, Grade, Source
from ..myst import Myst
from ..numbers import long_date

# The book's glossary is the one home of the words that link to it.
GLOSSARY = Path(__file__).resolve().parents[3] / "book" / "glossary.md"


@cache
def glossary_terms() -> tuple[str, ...]:
    """The terms of the glossary page's ``{glossary}`` block: lines that start at the margin inside it."""
    if not GLOSSARY.exists():  # an installed copy without the book: words stay plain text
        return ()
    block = re.search(r"^(:{3,})\{glossary\}\n(.*?)^\1\s*$", GLOSSARY.read_text(encoding="utf-8"), re.S | re.M)
    if block is None:
        raise ValueError(f"{GLOSSARY}: no {{glossary}} block")
    return tuple(line.strip() for line in block.group(2).splitlines() if line.strip() and not line[0].isspace())


class Prose:
    """``myst.text`` for the content's prose, linking each glossary term on its first use in one output."""

    def __init__(self) -> None:
        self.left = list(glossary_terms())

    def __call__(self, value: object) -> str:
        out = myst.text(value, self.left)
        linked = {m.group(2) or m.group(1) for m in re.finditer(r"\{term\}`([^`<]*?)(?: <([^`]*)>)?`", out)}
        self.left = [t for t in self.left if t not in linked]
        return out


def badge(what: Grade | Claim | Source) -> str:
    """A badge with both halves for a claim or a source (its kind, and what the book checked); the kind alone
    for a bare grade (the evidence guide's table)."""
    grade = what if isinstance(what, Grade) else what.grade
    info = GRADE_INFO[grade]
    label = info.label if isinstance(what, Grade) else what.badge_words
    return myst.badge(label, ["grade-badge", f"grade-{grade.value}"], badge_meaning(what))


def badge_meaning(what: Grade | Claim | Source) -> str:
    """A badge's tooltip: a claim's names every kind on its badge; a source or bare grade, its kind's meaning."""
    if isinstance(what, Claim):
        return what.badge_meaning
    return GRADE_INFO[what if isinstance(what, Grade) else what.grade].meaning


def flag_badge(flag: Flag) -> str:
    css = "flag-unverified" if flag is Flag.attribution_unverified else f"flag-{flag.value}"
    return myst.badge(FLAG_INFO[flag], ["grade-badge", css])


def source_flag_badges(source: Source) -> list[str]:
    """A source's flags as badges, plus one when a detail of the citation has only an unverified likely
    correction, so a listing never looks cleaner than the inline citation."""
    badges = [flag_badge(f) for f in source.flags]
    if source.identifier_words:  # an identifier seen only in third-party lists travels with every listing too
        words = source.identifier_words
        badges.append(myst.badge(f"{words[0].upper()}{words[1:]}", ["grade-badge", "flag-unverified"]))
    li = source.likely_identity
    if li is not None:
        likely = {"year": f"year likely {li.year}", "authors": f"authors likely {li.authors}"}
        words = "; ".join(likely[c] for c in li.corrects)
        badges.append(myst.badge(f"{words[0].upper()}{words[1:]} (unverified)", ["grade-badge", "flag-unverified"]))
    return badges


def citation(source: Source) -> str:
    """The one inline citation style: the source's short cite with every flag, from ``Source.inline_citation``."""
    return myst.text(source.inline_citation)


def cited(compound: Compound, item: Claim) -> str:
    """The badge, the citations (flags included) and the caveat that every claim carries, as inline MyST."""
    cites = compound.citations(item)
    return myst.paragraph(
        badge(item),
        f"({myst.text(cites)})" if cites else "",
        f"{myst.emphasis('Caveat:')} {myst.text(item.full_caveat)}" if item.full_caveat else "",
    )


def lead(label: str) -> str:
    """A bold run-in label such as **Sequence:**."""
    return myst.strong(myst.text(label))


def reviewed(compound: Compound) -> str:
    return long_date(compound.metadata.last_reviewed)


def disclaimer_callout(text: str, reviewed_on: date) -> Myst:
    """The not-medical-advice callout: its one title, the line, the date the content was last reviewed."""
    body = myst.paragraph(myst.text(text), myst.emphasis(myst.text(
        f"Content last reviewed against its sources on {long_date(reviewed_on)}.")))
    return Myst(myst.callout(body, title=NOT_ADVICE, kind="important", classes=["explainer-disclaimer"]))


def disclaimer(compound: Compound) -> Myst:
    return disclaimer_callout(disclaimer_text(compound), compound.metadata.last_reviewed)


def sequence_origin(compound: Compound, prose: Prose | None = None) -> str:
    """The one sentence on where the peptide comes from, with its evidence; '' when none is recorded."""
    seq = compound.identity.sequence
    if seq is None:
        return ""
    return myst.paragraph(lead("Where it comes from:"), (prose or Prose())(seq.origin), cited(compound, seq))


def status_note(status: str | None, sentence: bool = True) -> str:
    """A figure's review status, shown with the figure wherever it appears: as its own sentence, or in brackets."""
    if not status:
        return ""
    return myst.emphasis(myst.text(status_words(status, sentence)))


def status_words(status: str, sentence: bool = True) -> str:
    """The status in plain words (a deck or handout escapes them itself): 'Status on the original page: …'."""
    return f"Status on the original page: {status}." if sentence else f"(status on the original page: {status})"


def ranked_by_frequency(compound: Compound) -> bool:
    """True when the side-effect list is in order of how often each is reported; a ``ranking_note`` says it is
    not (the sources list the effects together, with nothing on how often each occurs)."""
    return not compound.side_effects.ranking_note


