"""The collection's one home for chapter notebooks: templates in, committed notebooks and the table of contents out.

``python -m explainer.chapters`` (``make chapters``) reads the list of compounds in ``collection.yml`` and writes

- ``notebooks/<compound>/NN-name.ipynb``: each compound's chapters, from the one set of templates below;
- ``notebooks/stacking.ipynb``: the shared chapter on taking two of them together (when two have a stacking section);
- ``book/intro.ipynb`` (the landing page, every compound side by side) and ``book/references.ipynb``;
- ``_toc.yml``: one part per compound, the shared part, the reference part.

A template's prose names no compound: names, counts and conditions come from the compound's data file, and a
chapter (or section) a compound has no data for is left out rather than rendered empty. Facts are never typed
here; they are rendered at run time by ``explainer.render``, ``explainer.charts`` and the widgets.

Why generated *and committed*: JupyterLab (``make lab``) opens real notebooks from a clean clone, and the
not-medical-advice line sits in each notebook's stored output, so a reader sees it before running anything.
The generator also stores the output of every ``nbval-check-output`` cell (all are pure ``render`` calls, run
here in-process), so nothing else writes a notebook; ``tests/test_book_chapters.py`` fails when a committed
notebook differs from what this module writes.

Why the data hash: jupyter-cache re-runs a notebook only when its code changes, and the Makefile no longer
clears the whole cache when a data file changes. Each notebook's first (plumbing) cell carries the hash of the
data files it reads, so editing one compound's file re-runs that compound's chapters and the shared pages
that read it, and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from . import render
from .content import DATA_DIR, Compound, load_compound

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "collection.yml"
CHECK = "nbval-check-output"
KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
          "language_info": {"name": "python", "pygments_lexer": "ipython3"}}


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class Collection:
    """What ``collection.yml`` says: the book's title, its one disclaimer line for pages about every compound,
    and the compounds, in order (a name in ``src/explainer/data`` or a path to a data file)."""

    title: str
    disclaimer: str
    compounds: tuple[str, ...]

    def loaded(self) -> list[Compound]:
        return [load_compound(ref) for ref in self.compounds]


def read_config(path: Path = CONFIG) -> Collection:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    # The book's title has one home, _config.yml (the theme shows it too).
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    return Collection(title=title, disclaimer=" ".join(raw["disclaimer"].split()),
                      compounds=tuple(str(c) for c in raw["compounds"]))


def data_path(ref: str) -> Path:
    p = Path(ref)
    return p.resolve() if p.suffix in (".yaml", ".yml") else (DATA_DIR / f"{ref}.yaml").resolve()


def data_hash(refs: Iterable[str]) -> str:
    """A short hash of the data files a notebook reads: a changed file changes the notebook's code."""
    h = hashlib.sha256()
    for ref in refs:
        h.update(data_path(ref).read_bytes())
    return h.hexdigest()[:16]


def _ref_in_code(ref: str) -> str:
    """How a notebook names its compound: by name when it is one of the package's data files, else by path."""
    p = Path(ref)
    return str(p.resolve()) if p.suffix in (".yaml", ".yml") else ref


# --------------------------------------------------------------------------- cells


@dataclass
class Cell:
    kind: str  # "markdown" | "code"
    source: str
    role: str = "text"  # text | heading | title | plumbing | output | check
    output: str | None = None  # for check cells: the expression whose Myst the generator stores


def md(text: str) -> Cell:
    text = text.strip("\n")
    role = "title" if text.startswith("# ") else "heading" if text.startswith("## ") else "text"
    return Cell("markdown", text, role)


def show(expr: str, check: bool = False) -> Cell:
    return Cell("code", expr, "check" if check else "output", expr if check else None)


@dataclass
class Chapter:
    """One chapter template: where it goes and how it is built from a compound (None: the compound lacks the data).

    ``deck`` is the chapter's key for its slide deck and self-check questions (explainer.slides, explainer.quiz);
    ``anchors`` points each question's "read more" at the section of this chapter that answers it."""

    slug: str
    title: Callable[[Compound], str]
    body: Callable[[Compound, str], list[Cell] | None]
    imports: tuple[str, ...] = ()
    deck: str | None = None
    anchors: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    """A generated notebook: its path under the book root, its cells and the data files it reads."""

    path: str
    title: str
    cells: list[Cell]
    reads: tuple[str, ...]
    variables: dict[str, str] = field(default_factory=dict)  # variable name -> compound ref
    imports: tuple[str, ...] = ()
    shared: bool = False  # a page about the whole collection: its disclaimer is the collection's


def _var(c: Compound) -> str:
    return c.id.replace("-", "_")


# --------------------------------------------------------------------------- the chapter templates

GUIDE = "../../book/reading-the-evidence.ipynb"
SIDE = "05-side-effects.ipynb#contraindications-on-the-label"


def _anxiety_caution(c: Compound) -> bool:
    """The label lists anxiety among its contraindications, so calm-mood reports need that pointer."""
    return c.label is not None and any("anxiety" in f.text.lower() for f in c.label.contraindications)


def _next(text: str, target: str) -> str:
    return f"**Next:** [{text}]({target})."


def what_it_is(c: Compound, v: str) -> list[Cell]:
    n = c.identity.name
    cells = [
        md(f"""# What {n} is

**In this chapter:** what {n} is, what people take it for, how it is taken, and how its standing as a medicine
differs from its standing as a community peptide. It is written for anyone meeting {n} for the first time; the
later chapters build on it."""),
        md("## In one sentence"), show(f"render.summary({v})", check=True),
    ]
    if c.identity.about:
        cells += [md("## Where it comes from"), show(f"render.about({v})")]
    cells += [md(f"""## What people use it for

Each item carries a badge that says what kind of evidence stands behind it; the
[guide to the evidence grades]({GUIDE}) explains them."""), show(f"render.uses({v})")]
    if _anxiety_caution(c):
        cells.append(md(f"A calmer mood is a community report, not a finding. Anxiety disorders are among "
                        f"[the label's contraindications]({SIDE}), listed in the side-effects chapter."))
    peptide = ("A peptide is a short chain of amino acids, and swallowing one would expose it to digestion. "
               if c.identity.sequence else "")
    peptide += "The routes the sources describe are listed below, each with its evidence."
    cells += [md(f"## How it is taken\n\n{peptide}"), show(f"render.route({v})")]
    if c.identity.approval or c.identity.registration:
        cells += [md(f"""## A medicine in one place, a community tool in another

Where {n} is used as a medicine and where it circulates as a community peptide, and what the sources say about
its registration, including any doubt that has not been confirmed."""), show(f"render.status({v})")]
    if c.identity.variants or c.identity.sequence:
        ident = c.identity
        heading = " and ".join(w for w, on in (("Variants", ident.variants), ("the sequence", ident.sequence)) if on)
        what = " and ".join(w for w, on in (("Modified versions people mention", ident.variants),
                                            ("the amino-acid sequence with where it comes from", ident.sequence))
                            if on)
        cells += [md(f"## {heading[0].upper()}{heading[1:]}\n\n{what[0].upper()}{what[1:]}."),
                  show(f"render.variants_and_sequence({v})")]
    cells += [md(f"""## Summary and what's next

- The sections above say what {n} is, what people take it for and how, each with the badge of its evidence.
- Its standing as a medicine is shown as the sources give it, with any unconfirmed report marked as such.

{_next("how it is thought to work", "02-mechanism.ipynb")}""")]
    return cells


def mechanism(c: Compound, v: str) -> list[Cell]:
    n, steps = c.identity.name, c.mechanism.steps
    cells = [
        md(f"""# How {n} is thought to work

**In this chapter:** the proposed mechanism, step by step. Each step has its own section with a diagram that
highlights where it happens. The **Previous** and **Next** buttons, or the arrow keys once the diagram has focus,
walk through all {len(steps)} steps from any section. Every step carries the badge of the evidence behind it,
and the badges change along the way: this is the chapter where the gaps show."""),
        md("## The short version"), show(f"render.mechanism_summary({v})"),
    ]
    measured = {s.id for s in c.sources if s.measurements}
    for st in steps:
        cells += [md(f"## {st.kicker[0].upper()}{st.kicker[1:]}\n\n{st.title}."),
                  show(f"display(MechanismStepper({v}, step={st.number}), render.step({v}, {st.number}))")]
        if measured & set(st.source_ids):
            cells += [md("The study behind this step reported how much each measure changed at most:"),
                      show(f"charts.bdnf_changes({v})")]
    if _anxiety_caution(c):
        cells.append(md(f"A calmer mood is what users report, not a measured effect. Anxiety disorders are among "
                        f"[the label's contraindications]({SIDE})."))
    cells += [md("## The result"), show(f"render.mechanism_result({v})"),
              md(f"""## Summary and what's next

- The mechanism is shown in {len(steps)} steps, each with the badge of the evidence behind it.
- Where a step rests on animal or lab work, or on no source at all, its badge and caveat say so.

{_next("the dose figures people report", "03-dosing.ipynb")}""")]
    return cells


def locator_heading(c: Compound) -> str:
    """The dosing chapter's section on the locator, named for what the figures are: daily totals or doses."""
    return "Where a daily total sits" if c.dosing.basis == "per_day" else "Where a single dose sits"


def _anchor(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def dosing(c: Compound, v: str) -> list[Cell]:
    n = c.identity.name
    schedules = bool(c.label and c.label.schedules)
    label = " and how they compare with the product label's own schedules" if schedules else ""
    statuses = bool(c.dosing.standard_status) or any(r.status for r in c.dosing.rows)
    status = " A figure with a review status carries it wherever it appears." if statuses else ""
    axis = ("the community figures and the label's schedules" if schedules else "the community figures")
    amount = "a daily total" if c.dosing.basis == "per_day" else "an amount taken at one time"
    gap = (" They are shown for scale beside the community figures, never as something to follow."
           if c.schedule_multiples_of_community else " They are shown for scale, never as something to follow.")
    cells = [
        md(f"""# Doses people report

**In this chapter:** the dose figures that circulate for {n}, each with its evidence tag{label}. This is a
description of what people report, not a recommendation: nothing here tells anyone what to take."""),
        md(f"""## The community figures

Every row below says what stands behind it.{status}"""),
        show(f"render.dose_table({v})"),
        md("## In numbers"), show(f"render.dose_numbers({v})", check=True),
        md(f"""## {locator_heading(c)}

The chart puts {axis} on one logarithmic axis, so that all of them stay readable even when they are far apart.
The box below it takes {amount} and says where it sits among them. The tool describes; it does not advise."""),
        show(f"charts.dose_range({v})"), show(f"DoseLocator({v})"),
    ]
    if c.label is not None:
        cells += [md(f"""## The product label, for scale

The product label is the only document here with official schedules.{gap if schedules else ""}"""),
                  show(f"render.label_summary({v})")]
    cells += [md(f"""## Summary and what's next

- The community figures are what people report, each with its evidence tag and any review status.
- {"The label's schedules are shown for scale only." if c.label else "No product label is recorded for it."}
- No figure in this chapter is a recommendation.

{_next("the reconstitution calculator", "04-reconstitution.ipynb")}""")]
    return cells


def reconstitution(c: Compound, v: str) -> list[Cell]:
    locator = locator_heading(c)
    return [
        md("""# The reconstitution calculator

**In this chapter:** the arithmetic of turning a vial of powder and some water into a measured dose, for an
insulin syringe or a nasal spray. The answer updates as the sliders move or values are typed. The calculator
converts units only: it never suggests a dose and does not compare one with the community figures."""),
        md("""## Why the arithmetic matters

The two classic mistakes are mixing up milligrams and micrograms, which is a thousandfold error, and reading a
syringe of one scale as if it were another. The calculator shows every step so each one can be checked."""),
        md("## The calculator"), show(f"calc = Calculator({v})\ncalc"),
        md(f"""In JupyterLab the calculator is a live widget connected to Python: `calc.water_ml = 3` moves the slider,
and `calc.result` holds what the page shows.

To see where an amount falls among the figures people report, the dosing chapter has a separate box,
[{locator[0].lower()}{locator[1:]}](03-dosing.ipynb#{_anchor(locator)}), which describes and never advises."""),
        md("""## The formulas it uses

These formulas are all the calculator does. The same formulas run in Python (in JupyterLab) and in this page's
JavaScript."""),
        show("render.calculator_formulas()"),
        md("""## A worked example

Here is what the math gives for the calculator's starting values (example values, not a recommendation),
computed in Python:"""),
        show(f"render.worked_example({v})", check=True),
        md(f"""## Summary and what's next

- Concentration is the vial amount divided by the water added.
- The volume per dose, the syringe units and the number of sprays all follow from it.
- The calculator warns when a draw cannot be measured or does not fit the syringe, and never advises.

{_next("side effects and cautions", "05-side-effects.ipynb")}"""),
    ]


def side_effects(c: Compound, v: str) -> list[Cell]:
    # The order claims frequency only when the data ranks by it; otherwise the ranking note says what it is.
    ranked = render.ranked_by_frequency(c)
    what = ("what users report, starting with the most common complaint" if ranked else
            "the side effects the sources name, with a note on what their order does and does not show")
    order = ("The side effects are ranked as the sources rank them, most often first, each with its evidence tag."
             if ranked else "The side effects are listed in the sources' order, each with its evidence tag; the "
                            "note with the list says what that order does and does not show.")
    cells = [
        md(f"""# Side effects and cautions

**In this chapter:** {what}, and what the product label itself lists. {render.side_effects_caution(c)}"""),
        md("## What is reported"), show(f"render.side_effects({v})", check=True),
        md("## Overall tolerability and the label"), show(f"render.tolerability({v})"),
    ]
    if c.label is not None and c.label.contraindications:
        why = (" Anxiety disorders are on the list, which matters because a calmer mood is among the effects users "
               "report, and the original page describes its usual partner as calming." if _anxiety_caution(c)
               else "")
        cells += [md(f"## Contraindications on the label\n\nWho the label says should not use it.{why}"),
                  show(f"render.contraindications({v})")]
    cells += [md(f"""## Summary and what's next

- {order}
- An absence of reports is not proof of safety.

{_next("the evidence", "06-evidence.ipynb")}""")]
    return cells


def evidence(c: Compound, v: str) -> list[Cell]:
    cells = [
        md(f"""# The evidence, source by source

**In this chapter:** how much weight the claims about {c.identity.name} can bear: the limits of the evidence,
every source with what could and could not be checked, and any citation that could not be verified. Read the
[guide to the evidence grades]({GUIDE}) first if the badges are new."""),
        md("## The limits in brief"), show(f"render.evidence_points({v})"),
        md("## The sources"), show(f"render.source_table({v})", check=True),
    ]
    if any(s.year is not None for s in c.studies):
        cells += [md("""## On a timeline

Each study by year, by kind and by size. Hovering over or tapping a point shows its authors, journal and PMID;
the buttons show only human or only animal studies."""), show(f"charts.evidence_timeline({v})")]
    cells += [md("""## What each source actually measured

For each source: what was claimed for it, what could be checked against its published abstract, and what
could not."""), show(f"render.source_details({v})"),
              md("""## Summary and what's next

- Each source is shown with its grade, its flags and what was and was not checked.
- A citation that could not be matched to a published abstract is flagged unverified wherever it appears.

**Next:** the [full reference list](../../book/references.ipynb) and the [glossary](../../book/glossary.md).""")]
    return cells


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("01-what-it-is", lambda c: f"What {c.identity.name} is", what_it_is, deck="what-it-is"),
    Chapter("02-mechanism", lambda c: f"How {c.identity.name} is thought to work", mechanism,
            ("from explainer import charts", "from explainer.widgets.stepper import MechanismStepper"),
            deck="mechanism", anchors={"mechanism": "#the-short-version"}),
    Chapter("03-dosing", lambda c: "Doses people report", dosing,
            ("from explainer import charts", "from explainer.widgets.dose_locator import DoseLocator"),
            deck="dosing", anchors={"dosing": "#the-community-figures",
                                    "calculator": "04-reconstitution.html#a-worked-example"}),
    Chapter("04-reconstitution", lambda c: "The reconstitution calculator", reconstitution,
            ("from explainer.widgets.calculator import Calculator",), deck="reconstitution"),
    Chapter("05-side-effects", lambda c: "Side effects and cautions", side_effects,
            deck="side-effects", anchors={"side-effects": "#what-is-reported"}),
    Chapter("06-evidence", lambda c: "The evidence, source by source", evidence, ("from explainer import charts",),
            deck="evidence", anchors={"evidence": "#the-sources"}),
)

CLASSROOM = ("from explainer import quiz, slides",)


def _classroom(ch: Chapter, cells: list[Cell], v: str) -> list[Cell]:
    """The skeleton's classroom parts: a link to present the chapter as slides after the overview, and the
    self-check questions just before the summary."""
    if ch.deck is None:
        return cells
    link = show(f'slides.present_link({v}, "{ch.deck}")')
    check = [md("""## Check your understanding

A few questions drawn from this chapter's content. Each answer explains itself and points back to the section
that covers it."""), show(f'quiz.for_chapter(\n    {v}, "{ch.deck}",\n    anchors={ch.anchors!r},\n)')]
    return [cells[0], link, *cells[1:-1], *check, cells[-1]]


# --------------------------------------------------------------------------- shared pages


def stacking_page(compounds: list[Compound], refs: list[str]) -> Page | None:
    """The one stacking chapter for the compounds that have a stacking section (needs two of them)."""
    pairs = [(c, r) for c, r in zip(compounds, refs, strict=True) if c.stacking is not None]
    if len(pairs) < 2:
        return None
    names = join_names(c.identity.name for c, _ in pairs)
    vs = ", ".join(_var(c) for c, _ in pairs)
    answered = any(render.testing_answers(c.stacking) for c, _ in pairs)
    answer = (", and a plain answer to whether the combination has been tested" if answered else "")
    cells = [
        md(f"""# Taking {names} together

**In this chapter:** the pairing as people report it, what each peptide is said to contribute, the studies that
gave both{answer}. It describes reports; it does not suggest combining anything."""),
        show("render.collection_disclaimer(collection)", check=True),
    ]
    if answered:  # the plain answer first, before any pattern people describe
        cells.append(show(f"render.stacking_answer([{vs}])", check=True))
    for c, _ in pairs:
        cells += [md(f"## {c.identity.name}'s side of the pairing"),
                  show(f"render.stacking({_var(c)})", check=True)]
    for c, _ in pairs:
        if _anxiety_caution(c):
            cells.append(md(f"The calming role the original page gives {c.stacking.partner} is worth reading "
                            f"beside {c.identity.name}'s label: anxiety disorders are among "
                            f"[its contraindications]({c.id}/{SIDE})."))
    cells += [md("## Studies that gave both"), show(f"render.shared_studies([{vs}])")]
    for c, _ in pairs:
        if c.stacking.schedule:
            cells += [md(f"""## A day, drawn

The chart is an illustration of what people report, not a schedule: it places the two peptides on a day as
the {c.identity.name} sources describe them."""), show(f"charts.stacking_day({_var(c)})")]
    cells += [md("""## A calculator for a two-peptide vial

Some vials hold two peptides. The calculator below takes how much of each is in the vial and the water added,
then either a target amount of one of them or a volume drawn, and shows how much of each peptide that draw, or
a spray of the volume set, holds. Like the single calculator, it only converts units from the numbers entered;
the starting values are examples to convert, not doses."""),
              show("blend = Blend()\nblend"),
              md("""In JupyterLab it is a live widget connected to Python: `blend.water_ml = 3` changes the water, and
`blend.result` holds what the page shows."""),
              md(f"""## Summary and what's next

- Community reports pair {names}, each described with its own role.
- None of the abstracts read of the studies that gave both describes giving them together, and no trial of the
  combination was found.
- All of it is what people report; nothing here is a schedule.

**Next:** the [guide to the evidence grades](../book/reading-the-evidence.ipynb).""")]
    return Page("notebooks/stacking.ipynb", f"Taking {names} together", cells, tuple(r for _, r in pairs),
                {_var(c): r for c, r in pairs},
                ("from explainer import charts", "from explainer.widgets.blend import Blend"), shared=True)


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def landing_page(config: Collection, compounds: list[Compound]) -> Page:
    vs = ", ".join(_var(c) for c in compounds)
    names = join_names(c.identity.name for c in compounds)
    stacked = [c for c in compounds if c.stacking is not None]
    shared = (f"\n\nThe shared chapter {{doc}}`taking {join_names(c.identity.name for c in stacked)} together "
              f"<../notebooks/stacking>` covers the pairing people report and the studies that gave both."
              if len(stacked) >= 2 else "")
    parts = "\n".join(f"- **{c.identity.name}**: {{doc}}`what it is <../notebooks/{c.id}/01-what-it-is>`, "
                      f"{{doc}}`how it is thought to work <../notebooks/{c.id}/02-mechanism>`, "
                      f"{{doc}}`the doses people report <../notebooks/{c.id}/03-dosing>`, "
                      f"{{doc}}`the calculator <../notebooks/{c.id}/04-reconstitution>`, "
                      f"{{doc}}`side effects <../notebooks/{c.id}/05-side-effects>` and "
                      f"{{doc}}`the evidence <../notebooks/{c.id}/06-evidence>`." for c in compounds)
    cells = [
        md(f"""# {config.title}

An explainer collection on {names}. Each compound has its own part, built from the same chapters, and every
claim, dose and number in it carries a badge with two halves: the kind of source behind it (community reports,
product labeling, clinical studies, brain imaging, animal or lab work, seller or explainer pages, press
reports, the book's own search, general background, or the original page's word) and what the book checked of
that source (its abstract, a label copy, the page itself, or only third-party lists). Every number is read
from one checked data file per compound, so a chart, a table and a sentence read the same figure.

Nothing here recommends that anyone take any of these compounds or any dose of them."""),
        show("render.collection_disclaimer(collection)", check=True),
        md("## Side by side"), show(f"render.collection_overview([{vs}])"),
        md(f"""## How the book is organized

{parts}{shared}

The guide {{doc}}`reading-the-evidence` explains the grade badges used on every page. The {{doc}}`glossary`
defines the technical words, and {{doc}}`references` lists every source, compound by compound.

## Who this is for

**Educators** can walk a class through a mechanism one step at a time: the mechanism chapters have a diagram
that highlights each step, with previous and next buttons that also work from the keyboard. Each chapter prints
cleanly as a handout, and in JupyterLab each section is a slide.

**Readers** can check the arithmetic of reconstitution: as the sliders in a calculator chapter move, the
concentration, the volume, the syringe units or the number of sprays change with them. A link to the page keeps
the values set, so it can be shared.

## Working with the notebooks

Every chapter is a Jupyter notebook in the `notebooks/` folder, one folder per compound. `make lab` opens them
in JupyterLab, where the calculators and the diagrams are live widgets whose values can be read and set from
Python. The published book runs the same interactives in the page itself, with no server behind it."""),
    ]
    return Page("book/intro.ipynb", config.title, cells, tuple(config.compounds),
                {_var(c): r for c, r in zip(compounds, config.compounds, strict=True)}, shared=True)


def references_page(config: Collection, compounds: list[Compound]) -> Page:
    cells = [md("""# References

Every source the book cites, compound by compound, with the details that could be checked. PubMed links are
plain links: following one is a reader's choice, and nothing on these pages loads from PubMed.""")]
    for c in compounds:
        cells += [md(f"## {c.identity.name}"), show(f"render.references({_var(c)})")]
    return Page("book/references.ipynb", "References", cells, tuple(config.compounds),
                {_var(c): r for c, r in zip(compounds, config.compounds, strict=True)})


# --------------------------------------------------------------------------- assembling


def compound_pages(c: Compound, ref: str) -> list[Page]:
    v = _var(c)
    out = []
    for ch in CHAPTERS:
        cells = ch.body(c, v)
        if cells:
            out.append(Page(f"notebooks/{c.id}/{ch.slug}.ipynb", ch.title(c), _classroom(ch, cells, v), (ref,),
                            {v: ref}, ch.imports + CLASSROOM))
    return out


def pages(config: Collection) -> tuple[list[Page], dict]:
    """Every generated page, and the table of contents."""
    compounds = config.loaded()
    out: list[Page] = [landing_page(config, compounds)]
    parts = []
    for c, ref in zip(compounds, config.compounds, strict=True):
        mine = compound_pages(c, ref)
        out += mine
        parts.append({"caption": c.identity.name, "chapters": [{"file": p.path[:-len(".ipynb")]} for p in mine]})
    shared = stacking_page(compounds, list(config.compounds))
    if shared is not None:
        out.append(shared)
        parts.append({"caption": "Both compounds", "chapters": [{"file": shared.path[:-len(".ipynb")]}]})
    out.append(references_page(config, compounds))
    parts.append({"caption": "Reference", "chapters": [{"file": "book/reading-the-evidence"},
                                                       {"file": "book/glossary"}, {"file": "book/references"}]})
    return out, {"format": "jb-book", "root": "book/intro", "parts": parts}


def _imports(lines: list[str], used: str) -> list[str]:
    """``from m import a`` lines for the names ``used`` mentions, merged per module and sorted as the
    linter's isort rule wants them (a chapter that leaves out its chart imports no charts)."""
    names: dict[str, set[str]] = {}
    for line in lines:
        module, _, imported = line.removeprefix("from ").partition(" import ")
        wanted = {n.strip() for n in imported.split(",") if re.search(rf"\b{re.escape(n.strip())}\b", used)}
        if wanted:
            names.setdefault(module, set()).update(wanted)
    return [f"from {m} import {', '.join(sorted(names[m]))}" for m in sorted(names)]


def _plumbing(page: Page) -> str:
    imports = ["from explainer import render", "from explainer.chapter import chapter", *page.imports]
    code = []
    if page.shared:
        imports.append("from explainer.chapters import read_config")
        code.append("collection = read_config()")
    digest = data_hash(page.reads)
    code += [f'{v} = chapter("{_ref_in_code(ref)}", data="{digest}")' for v, ref in page.variables.items()]
    used = "\n".join(code + [c.source for c in page.cells if c.kind == "code"])
    return "\n".join(_imports(imports, used) + [""] + code)


def _cell_id(page: Page, i: int) -> str:
    return hashlib.sha1(f"{page.path}:{i}".encode()).hexdigest()[:8]


SLIDES = {"title": "slide", "heading": "slide", "text": "-", "output": "fragment", "check": "fragment",
          "plumbing": "skip"}


def notebook(page: Page, config: Collection | None = None) -> nbformat.NotebookNode:
    """The notebook for a page: title, plumbing (collapsed in Lab, removed from the book), the not-medical-advice
    line (stored), the sections; every cell with its RISE slide type."""
    from . import render

    cells = list(page.cells)
    plumbing = Cell("code", _plumbing(page), "plumbing")
    if page.shared or page.path == "book/references.ipynb":
        cells.insert(1, plumbing)
    else:
        first = next(iter(page.variables), None)
        extra = [show(f"render.disclaimer({first})", check=True)] if first else []
        cells[1:1] = [plumbing, *extra]
    nb = nbformat.v4.new_notebook()
    nb.metadata = json.loads(json.dumps(KERNEL))
    count = 0
    env = {"render": render, **{v: load_compound(data_path(r)) for v, r in page.variables.items()}}
    if page.shared:
        env["collection"] = config
    for i, cell in enumerate(cells):
        slide = {"slideshow": {"slide_type": SLIDES[cell.role]}}
        if cell.kind == "markdown":
            out = nbformat.v4.new_markdown_cell(cell.source, metadata=slide)
        else:
            tags = ["remove-cell"] if cell.role == "plumbing" else ["remove-input"]
            if cell.role == "check":
                tags.append(CHECK)
            out = nbformat.v4.new_code_cell(cell.source, metadata={"jupyter": {"source_hidden": True}, "tags": tags,
                                                                   **slide})
            if cell.role == "plumbing":
                count += 1
            elif cell.role == "check":
                count += 1
                value = eval(cell.output, env)  # noqa: S307 (a template's own render call)
                out.outputs = [nbformat.v4.new_output("execute_result", {"text/markdown": value.markdown,
                                                                          "text/plain": repr(value)},
                                                      execution_count=count)]
                out.execution_count = count
            else:
                count += 1
        out.id = _cell_id(page, i)
        nb.cells.append(out)
    return nb


def render_text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def generate(root: Path = ROOT, config: Collection | None = None, write_toc: bool = True) -> list[Path]:
    """Write every generated page (and the TOC) under ``root``; a file is rewritten only when it changes,
    so Sphinx and jupyter-cache see only what moved. Returns the paths written."""
    config = config or read_config()
    from .content import clear_cache

    clear_cache()
    all_pages, toc = pages(config)
    written = []
    wanted = {root / p.path for p in all_pages}
    for p in all_pages:
        path = root / p.path
        text = render_text(notebook(p, config))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    # A chapter a compound no longer has data for (or a compound taken out) leaves no stale notebook behind.
    for old in (root / "notebooks").rglob("*.ipynb"):
        if old not in wanted and ".ipynb_checkpoints" not in old.parts:
            old.unlink()
            written.append(old)
    if write_toc:
        toc_text = "# Written by `python -m explainer.chapters` from collection.yml: edit that, not this.\n" + \
            yaml.safe_dump(toc, sort_keys=False)
        toc_path = root / "_toc.yml"
        if not toc_path.exists() or toc_path.read_text(encoding="utf-8") != toc_text:
            toc_path.write_text(toc_text, encoding="utf-8")
            written.append(toc_path)
    return written


if __name__ == "__main__":
    for p in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT):
        print(f"wrote {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}")
