"""The mechanism stepper: the seven steps of the content file on one path diagram, one step at a time.

``MechanismStepper(compound, step=n)`` carries the steps (number, kicker, title, short body, diagram
node and grade badge) as state. ``stepper.js`` draws the path from the nose, around the blood–brain
barrier, to the felt effect, lights up the current step's node and moves with Previous/Next or the
arrow keys. ``step`` is synced both ways: the page sets it, and Python can drive the page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import traitlets

from ..charts import as_compound, grade_style
from ..content import DIAGRAM_NODES, Compound, MechanismStep
from .base import BookWidget

# The words drawn in each node of the diagram, in path order (the order of DIAGRAM_NODES).
NODE_LABELS: dict[str, str] = {
    "nose": "Nose",
    "nasal_pathway": "Nasal pathway",
    "brain": "Brain",
    "bdnf": "BDNF",
    "neurons": "Neurons branch",
    "neurotransmitters": "Dopamine & serotonin",
    "effect": "Felt effect",
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def short_body(text: str) -> str:
    """The first sentence: the stepper is a companion to the full text on the page, not a copy of it."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def step_state(step: MechanismStep) -> dict[str, Any]:
    return {
        "number": step.number,
        "kicker": step.kicker,
        "title": step.title,
        "body": short_body(step.body),
        "node": step.diagram_node,
        "grade": grade_style(step.grade),
    }


class MechanismStepper(BookWidget):
    """``MechanismStepper(compound="semax", step=1)``; then ``w.step = 4`` moves the page, and a click
    on Next in the page changes ``w.step``."""

    asset_name = "stepper"
    esm_files = ("stepper.js",)
    css_file = "stepper.css"

    name = traitlets.Unicode().tag(sync=True)
    steps = traitlets.List(traitlets.Dict()).tag(sync=True)
    nodes = traitlets.List(traitlets.Dict()).tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", step: int = 1, **kwargs: Any) -> None:
        c = as_compound(compound)
        super().__init__(
            name=c.identity.name,
            steps=[step_state(s) for s in c.mechanism.steps],
            nodes=[{"key": key, "label": NODE_LABELS[key]} for key in DIAGRAM_NODES],
            step=step,
            **kwargs,
        )

    @traitlets.validate("step")
    def _step_in_range(self, proposal: Any) -> int:
        value = proposal["value"]
        # traitlets checks this once every constructor argument is set, so `steps` is filled in here.
        count = len(self.steps)
        if isinstance(value, bool) or not 1 <= value <= count:
            raise traitlets.TraitError(f"step must be a whole number from 1 to {count}, got {value!r}")
        return value

    @property
    def current(self) -> dict[str, Any]:
        return self.steps[self.step - 1]

    def fallback_html(self) -> str:
        s = self.current
        g = s["grade"]
        return (
            '<div class="stepper-fallback">'
            f'<p><strong>Step {s["number"]} of {len(self.steps)}</strong> · {html.escape(s["kicker"])}</p>'
            f'<p><strong>{html.escape(s["title"])}</strong> '
            f'<span class="grade-badge grade-{g["grade"]}">{html.escape(g["label"])}</span></p>'
            f'<p>{html.escape(s["body"])}</p>'
            "</div>"
        )
