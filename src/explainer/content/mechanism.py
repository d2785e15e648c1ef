"""How the compound is thought to work: the numbered steps and the diagram they light up."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, field_validator, model_validator

from .base import SLUG, Claim, ContentModel, Problems, Statement


class DiagramLane(ContentModel):
    """A row of the mechanism diagram, top to bottom; ``label`` (optional) is drawn at its left."""

    key: str = Field(pattern=SLUG)
    label: str | None = None


class DiagramNodeSpec(ContentModel):
    """One box of the diagram: its words, its lane, and optionally its width in drawing units."""

    key: str = Field(pattern=SLUG)
    label: str
    lane: str
    width: float | None = Field(default=None, gt=0)

    _identifier_fields: ClassVar[frozenset[str]] = frozenset({"label"})


class DiagramLink(ContentModel):
    """An arrow from one node to another."""

    start: str
    end: str


class DiagramBarrier(ContentModel):
    """A wall drawn under node ``at`` (for Semax: the blood–brain barrier the nasal pathway climbs over)."""

    at: str
    label: str


class DiagramSideRoute(ContentModel):
    """A second route drawn below the main lane, from ``start`` to ``end``, carrying a label claim
    (``claim_key``) with its citation: what the sources dispute is shown, not decided."""

    start: str
    end: str
    caption: str
    claim_key: str


class DiagramMainRoute(ContentModel):
    """The part of the main path from ``start`` to ``end`` that is a route claim of its own, with the
    caption saying whose claim it is (Semax: nose to brain, the original page's description)."""

    start: str
    end: str
    caption: str


class Diagram(ContentModel):
    """The mechanism diagram as data: lanes, nodes in column order, arrows (``links``; by default each
    node to the next), an optional barrier, an optional captioned main route and an optional side route.
    The stepper draws it generically."""

    lanes: tuple[DiagramLane, ...] = Field(min_length=1)
    nodes: tuple[DiagramNodeSpec, ...] = Field(min_length=1)
    links: tuple[DiagramLink, ...] | None = None
    barrier: DiagramBarrier | None = None
    side_route: DiagramSideRoute | None = None
    main_route: DiagramMainRoute | None = None

    @model_validator(mode="after")
    def _refs(self) -> Diagram:
        problems: list[tuple[str, str]] = []
        lanes = [lane.key for lane in self.lanes]
        problems += [(f"lanes[{i}].key", f"repeated key {k!r}") for i, k in enumerate(lanes) if k in lanes[:i]]
        keys = [n.key for n in self.nodes]
        problems += [(f"nodes[{i}].key", f"repeated key {k!r}") for i, k in enumerate(keys) if k in keys[:i]]
        problems += [(f"nodes[{i}].lane", f"unknown lane {n.lane!r} (lanes: {', '.join(lanes)})")
                     for i, n in enumerate(self.nodes) if n.lane not in lanes]
        refs = [(f"links[{i}].{end}", getattr(link, end))
                for i, link in enumerate(self.links or ()) for end in ("start", "end")]
        if self.barrier:
            refs.append(("barrier.at", self.barrier.at))
        if self.side_route:
            refs += [("side_route.start", self.side_route.start), ("side_route.end", self.side_route.end)]
        if self.main_route:
            refs += [("main_route.start", self.main_route.start), ("main_route.end", self.main_route.end)]
        problems += [(path, f"unknown node {k!r} (nodes: {', '.join(keys)})") for path, k in refs if k not in keys]
        if problems:
            raise Problems(problems)
        return self

    @property
    def edges(self) -> list[tuple[str, str]]:
        """Every arrow as (start, end): the stated links, or each node to the next."""
        if self.links is not None:
            return [(link.start, link.end) for link in self.links]
        return [(a.key, b.key) for a, b in zip(self.nodes, self.nodes[1:], strict=False)]


class StepCheck(ContentModel):
    """A self-check question on what a step says (not on the book's ordering of its steps): the right answer,
    wrong answers that the notes give no reason to think, and a sentence saying why."""

    stem: str
    answer: str
    wrong: tuple[str, ...] = Field(min_length=2)
    why: str

    _wrong_on_purpose: ClassVar[frozenset[str]] = frozenset({"wrong"})


class MechanismStep(Claim):
    """One step of the mechanism story; ``diagram_node`` is the node of the diagram it lights up."""

    number: int = Field(ge=1)
    key: str = Field(pattern=SLUG)
    kicker: str
    title: str
    body: str
    diagram_node: str = Field(pattern=SLUG)
    shows_sequence: bool = False  # the step is about what the molecule is: render the sequence's origin with it
    self_check: StepCheck | None = None


class MechanismResult(Claim):
    """The closing 'so what' after the steps."""

    title: str
    body: str


class Mechanism(ContentModel):
    """How it is thought to work: one or more steps, numbered 1..N in order, each lighting one node of the
    diagram. ``diagram`` describes the drawing; without one, the diagram is one lane of the steps' own nodes."""

    summary: Statement
    steps: tuple[MechanismStep, ...] = Field(min_length=1)
    result: MechanismResult
    diagram: Diagram | None = None

    @field_validator("steps")
    @classmethod
    def _numbered_in_order(cls, steps: tuple[MechanismStep, ...]) -> tuple[MechanismStep, ...]:
        problems = [
            (f"[{i}].number", f"expected {i + 1}, got {s.number} (steps are numbered 1..{len(steps)} in order)")
            for i, s in enumerate(steps)
            if s.number != i + 1
        ]
        keys = [s.key for s in steps]
        problems += [(f"[{i}].key", f"repeated key {k!r}") for i, k in enumerate(keys) if k in keys[:i]]
        if problems:
            raise Problems(problems)
        return steps

    @model_validator(mode="after")
    def _steps_on_the_diagram(self) -> Mechanism:
        if self.diagram is None:
            return self
        known = [n.key for n in self.diagram.nodes]
        problems = [(f"steps[{i}].diagram_node", f"unknown diagram node {s.diagram_node!r} (nodes: {', '.join(known)})")
                    for i, s in enumerate(self.steps) if s.diagram_node not in known]
        if problems:
            raise Problems(problems)
        return self

    @property
    def drawing(self) -> Diagram:
        """The diagram to draw: the stated one, or one lane of the steps' nodes named by their steps' titles."""
        if self.diagram is not None:
            return self.diagram
        nodes: dict[str, DiagramNodeSpec] = {}
        for st in self.steps:
            nodes.setdefault(st.diagram_node, DiagramNodeSpec(key=st.diagram_node, label=st.title, lane="main"))
        return Diagram(lanes=(DiagramLane(key="main"),), nodes=tuple(nodes.values()))

