"""The mechanism stepper: the seven steps of the content file on one path diagram, one step at a time.

``MechanismStepper(compound, step=n)`` carries the steps (number, kicker, title, body, diagram node and
grade badge) as state. ``stepper.js`` draws the path from the nose, over the blood–brain barrier, to the
felt effect, lights up the current step's node and moves with Previous/Next or the arrow keys. Where
the product label claims the peptide crosses the barrier, the blood route is drawn too, through the
barrier, with that claim: the diagram shows what the sources dispute without deciding it. ``step`` is
synced both ways: the page sets it, and Python can drive the page.

A step's body is shown whole: cutting it to a first sentence could drop the qualification that keeps
it true (for instance a second sentence giving Semax's actual sequence).
"""

from __future__ import annotations

import html
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

BLOOD_CAPTION = "via the blood: the label says it crosses the barrier"
BLOOD_CLAIM_KEY = "blood_brain_barrier"  # the label claim the blood route is drawn from


def blood_route(c: Compound) -> dict[str, str] | None:
    """The blood route's caption, the label's claim and its citation; None when the label makes no such claim."""
    claim = next((k for k in (c.label.claims if c.label else ()) if k.key == BLOOD_CLAIM_KEY), None)
    if claim is None:
        return None
    return {"caption": BLOOD_CAPTION, "claim": claim.text,
            "citation": "; ".join(s.inline_citation for s in c.sources_for(claim))}


def step_state(step: MechanismStep) -> dict[str, Any]:
    return {
        "number": step.number,
        "kicker": step.kicker,
        "title": step.title,
        "body": " ".join(step.body.split()),
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
    blood_route = traitlets.Dict(None, allow_none=True).tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", step: int = 1, **kwargs: Any) -> None:
        c = as_compound(compound)
        super().__init__(
            name=c.identity.name,
            steps=[step_state(s) for s in c.mechanism.steps],
            nodes=[{"key": key, "label": NODE_LABELS[key]} for key in DIAGRAM_NODES],
            step=step,
            blood_route=blood_route(c),
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
