"""Check your understanding: a chapter's self-check questions as one widget.

``SelfCheck(questions=...)`` carries the questions ``explainer.classroom.quiz`` made from the content file
(``quiz.for_chapter(compound, chapter)`` builds one) and the reader's ``answers`` ({question id: option key}),
synced both ways: a choice in the page sets ``answers``, and ``w.answers = {"route": "a"}`` marks the page.
``quiz.js`` draws each question as a labelled radio group and explains the answer in a live region as soon as
one is picked.
"""

from __future__ import annotations

import html
from typing import Any

import traitlets

from .base import BookWidget


class SelfCheck(BookWidget):
    asset_name = "quiz"

    title = traitlets.Unicode("Check your understanding").tag(sync=True)
    questions = traitlets.List(traitlets.Dict()).tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)

    @traitlets.validate("answers")
    def _known_answers(self, proposal: Any) -> dict[str, str]:
        value = dict(proposal["value"])
        options = {q["id"]: {o["key"] for o in q["options"]} for q in self.questions}
        for qid, key in value.items():
            if qid not in options:
                raise traitlets.TraitError(f"no question {qid!r}; the questions are {', '.join(options)}")
            if key not in options[qid]:
                raise traitlets.TraitError(f"question {qid!r} has no choice {key!r}; its choices are "
                                           f"{', '.join(sorted(options[qid]))}")
        return value

    def correct(self) -> dict[str, bool]:
        """For each answered question, whether the answer is right."""
        right = {q["id"]: q["answer"] for q in self.questions}
        return {qid: right[qid] == key for qid, key in self.answers.items()}

    @property
    def score(self) -> int:
        return sum(self.correct().values())

    def fallback_html(self) -> str:
        """Without JavaScript: the questions, with each answer behind a disclosure."""
        items = []
        for q in self.questions:
            right = next(o["label"] for o in q["options"] if o["key"] == q["answer"])
            choices = "".join(f"<li>{html.escape(o['label'])}</li>" for o in q["options"])
            items.append(
                f"<li><p>{html.escape(q['prompt'])}</p><ul>{choices}</ul>"
                f"<details><summary>Answer</summary><p><strong>{html.escape(right)}</strong>. "
                f"{html.escape(q['explanation'])} "
                f'<a href="{html.escape(q["section"]["href"])}">{html.escape(q["section"]["label"])}</a></p>'
                "</details></li>"
            )
        title = f"<p><strong>{html.escape(self.title)}</strong></p>"
        return f'<div class="quiz-fallback">{title}<ol>{"".join(items)}</ol></div>'

