"""The mechanism stepper: the steps of the content file on the compound's diagram, one step at a time.

``MechanismStepper(compound, step=n)`` carries the steps (number, kicker, title, body, diagram node and
grade badge) and the diagram (lanes, nodes, arrows, an optional barrier and side route, all from
``Mechanism.drawing``) as state. ``stepper.js`` draws whatever diagram it is given, lights up the current
step's node and moves with Previous/Next or the arrow keys. A side route carries a label claim with its
citation (Semax: the blood route through the barrier, which the label claims); a captioned main route says
whose claim the direct path is (Semax: nose to brain, the original page's description), and is drawn no
bolder than the side route: the diagram shows what the sources dispute without deciding it. ``step`` is
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
from ..content import Compound, MechanismStep
from .base import BookWidget


def node_labels(c: Compound) -> dict[str, str]:
    """The words drawn in each node of the compound's diagram, in column order."""
    return {n.key: n.label for n in c.mechanism.drawing.nodes}


def side_route(c: Compound) -> dict[str, str] | None:
    """The diagram's side route (start, end, caption) with the label claim it carries and that claim's
    citation; None when the diagram has none or the label does not make the claim."""
    route = c.mechanism.drawing.side_route
    claim = next((k for k in (c.label.claims if c.label else ()) if route and k.key == route.claim_key), None)
    if route is None or claim is None:
        return None
    return {"start": route.start, "end": route.end, "caption": route.caption, "claim": claim.text,
            "citation": c.citations(claim)}


def blood_route(c: Compound) -> dict[str, str] | None:
    """Kept name: Semax's side route is the blood route."""
    return side_route(c)


def _path(edges: list[tuple[str, str]], start: str, end: str) -> list[list[str]]:
    """The arrows leading from ``start`` to ``end`` (the first path found; none when there is none)."""
    routes: dict[str, list[list[str]]] = {start: []}
    queue = [start]
    while queue:
        at = queue.pop(0)
        if at == end:
            return routes[at]
        for a, b in edges:
            if a == at and b not in routes:
                routes[b] = [*routes[at], [a, b]]
                queue.append(b)
    return []


def diagram_state(c: Compound) -> dict[str, Any]:
    """The drawing as JSON: lanes (top to bottom), nodes in column order, arrows, the optional barrier
    and the optional captioned main route (with the arrows it runs along)."""
    d = c.mechanism.drawing
    route = d.main_route
    return {
        "lanes": [{"key": lane.key, "label": lane.label} for lane in d.lanes],
        "nodes": [{"key": n.key, "label": n.label, "lane": n.lane, "width": n.width} for n in d.nodes],
        "edges": [list(e) for e in d.edges],
        "barrier": {"at": d.barrier.at, "label": d.barrier.label} if d.barrier else None,
        "main_route": {"start": route.start, "end": route.end, "caption": route.caption,
                       "edges": _path(d.edges, route.start, route.end)} if route else None,
    }


def step_state(step: MechanismStep) -> dict[str, Any]:
    return {
        "number": step.number,
        "kicker": step.kicker,
        "title": step.title,
        "body": " ".join(step.body.split()),
        "node": step.diagram_node,
        # both halves of the badge, and the meaning of every kind it names
        "grade": {**grade_style(step.grade), "label": step.badge_words, "meaning": step.badge_meaning},
    }


class MechanismStepper(BookWidget):
    """``MechanismStepper(compound="semax", step=1)``; then ``w.step = 4`` moves the page, and a click
    on Next in the page changes ``w.step``."""

    asset_name = "stepper"

    name = traitlets.Unicode().tag(sync=True)
    steps = traitlets.List(traitlets.Dict()).tag(sync=True)
    nodes = traitlets.List(traitlets.Dict()).tag(sync=True)
    diagram = traitlets.Dict().tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)
    blood_route = traitlets.Dict(None, allow_none=True).tag(sync=True)  # the side route (kept name)
    # True where the page prints the starting step's text right below (a chapter section, a deck's step slide):
    # the panel then leaves that step's text out, so a reader or a screen reader meets it once.
    prose_below = traitlets.Bool(False).tag(sync=True)

    def __init__(self, compound: Compound | str | Path = "semax", step: int = 1, prose_below: bool = False,
                 **kwargs: Any) -> None:
        c = as_compound(compound)
        super().__init__(
            name=c.identity.name,
            steps=[step_state(s) for s in c.mechanism.steps],
            nodes=[{"key": k, "label": v} for k, v in node_labels(c).items()],
            diagram=diagram_state(c),
            step=step,
            blood_route=side_route(c),
            prose_below=prose_below,
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
            + ("" if self.prose_below else f'<p>{html.escape(s["body"])}</p>')
            + "</div>"
        )
