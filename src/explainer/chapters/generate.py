"""The chapter notebooks, generated: Markdown templates and the data in, committed notebooks and the TOC out.

``python -m explainer.chapters`` (``make chapters``) reads the compounds in ``collection.yml`` and writes

- ``notebooks/<compound>/NN-name.ipynb``: each compound's chapters, one per entry of the chapter registry
  (``explainer.chapters.registry``) whose page the compound has data for, from ``templates/chapters/<key>.md``;
- ``notebooks/stacking.ipynb``: the shared chapter on taking two of them together (when two have a stacking section);
- ``index.ipynb`` (the landing page, at the root so the book's ``index.html`` is the page itself, not a
  forwarding page) and ``book/references.ipynb``, from ``templates/pages/``;
- ``_toc.yml``: one part per compound, the shared part, the reference part.

A template is Markdown with Jinja2 (``{{ name }}``, ``{% if %}``): its prose becomes real Markdown cells, so the
chapter reads in JupyterLab, on a code host and in the book's search before anything runs. ``show("render.x", c)``
places a short code cell (its output is stored and checked with ``check=True``); every heading starts a cell.
Names and numbers come from the data; a template types none.

The chapter skeleton is the generator's: the "generated from" note (shown in JupyterLab, removed from the book),
the title and overview, the plumbing cell (removed from the book, collapsed in Lab), the not-medical-advice line
and the link to present the chapter as slides, the template's sections, the self-check, the summary.

Why generated *and committed*: JupyterLab (``make lab``) opens real chapters from a clean clone;
``tests/test_book_chapters.py`` fails when a committed notebook differs from what this module writes, and the
book build (``python -m explainer.build``) refuses a notebook whose cells were edited by hand (a hash of the
generated cells' sources sits in its metadata; outputs and metadata a JupyterLab run saves are not compared).

Why the data hash in the plumbing cell: jupyter-cache re-runs a notebook only when its code changes, so editing
one compound's data file re-runs that compound's chapters and the shared pages that read it, and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import nbformat
import yaml

from .. import render
from ..classroom.slides import present_link
from ..collection import ROOT, Collection, data_hash, data_path, read_config
from ..content import Compound, clear_cache, load_compound
from .registry import CHAPTERS, TEMPLATES, Chapter, chapter, chapters_for, section_href, step_heading
from .stamp import GENERATED, REGENERATE, sources_hash

CHECK = "nbval-check-output"
KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
          "language_info": {"name": "python", "pygments_lexer": "ipython3"}}
GUIDE = "../../book/reading-the-evidence.ipynb"
# The names a generated cell may use, and the module each comes from: a page imports only what its cells use.
IMPORTS = {
    "render": "explainer", "charts": "explainer", "quiz": "explainer.classroom", "chapter": "explainer.chapter",
    "read_config": "explainer.collection", "MechanismStepper": "explainer.widgets.stepper",
    "DoseLocator": "explainer.widgets.dose_locator", "Calculator": "explainer.widgets.calculator",
    "Blend": "explainer.widgets.blend",
}
_MARK = "\x00cell {}\x00"
_MARKED = re.compile(r"^\x00cell (\d+)\x00$")


# --------------------------------------------------------------------------- cells and pages


@dataclass
class Cell:
    kind: str  # "markdown" | "code"
    source: str
    role: str = "text"  # text | heading | title | note | lab | plumbing | output | check
    output: Any = None  # for check cells: the renderer's Myst, stored as the cell's output


def md(text: str, role: str | None = None) -> Cell:
    text = text.strip("\n")
    return Cell("markdown", text, role or ("title" if text.startswith("# ") else
                                           "heading" if text.startswith("## ") else "text"))


@dataclass
class Page:
    """A generated notebook: its path under the book root, its template, its cells and the data files it reads."""

    path: str
    title: str
    template: Path
    cells: list[Cell]
    reads: tuple[str, ...]
    variables: dict[str, str] = field(default_factory=dict)  # variable name -> compound ref


def _var(c: Compound) -> str:
    return c.id.replace("-", "_")


def _anxiety_caution(c: Compound) -> bool:
    """The label lists anxiety among its contraindications, so calm-mood reports need that pointer."""
    return c.label is not None and any("anxiety" in f.text.lower() for f in c.label.contraindications)


def _calm_badge(c: Compound) -> str:
    """The badge of the calmer-mood use, so a sentence about it says whose report it is ('' when none)."""
    calm = next((u for u in c.identity.uses if "calm" in u.label.lower()), None)
    return render.badge(calm) if calm is not None else ""


def _anxiety_badge(c: Compound) -> str:
    """The badge of the label's anxiety contraindication, for the sentence that points to it."""
    assert c.label is not None
    return render.badge(next(f for f in c.label.contraindications if "anxiety" in f.text.lower()))


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- templates


ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES.parent), undefined=jinja2.StrictUndefined,
                         lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)  # noqa: S701 (Markdown)
ENV.filters["lower_first"] = lambda s: s[:1].lower() + s[1:]


def _code_name(value: Any, collection: Collection | None) -> str:
    """How a generated cell names a value the template passes: a compound by its variable, the collection,
    a list of compounds, a number."""
    if isinstance(value, Compound):
        return _var(value)
    if isinstance(value, Collection):
        return "collection"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_code_name(v, collection) for v in value) + "]"
    if isinstance(value, int | float | str):
        return repr(value)
    raise TypeError(f"a template cannot pass {type(value).__name__} to a cell")


def render_template(template: Path, context: dict[str, Any], collection: Collection | None = None) -> list[Cell]:
    """The template's text with the data filled in, cut into cells: a code cell at each ``show``/``cell``, a new
    Markdown cell at each heading."""
    cells: list[Cell] = []
    v = context.get("v", "")

    def place(cell: Cell) -> str:
        cells.append(cell)
        return "\n" + _MARK.format(len(cells) - 1) + "\n"

    def show(fn: str, *args: Any, check: bool = False) -> str:
        source = f"{fn}({', '.join(_code_name(a, collection) for a in args)})"
        if not check:
            return place(Cell("code", source, "output"))
        module, _, name = fn.partition(".")
        if module != "render":
            raise ValueError(f"{template.name}: only render calls have a stored output, not {fn}")
        return place(Cell("code", source, "check", getattr(render, name)(*args)))

    def cell(source: str) -> str:
        return place(Cell("code", source.replace("{v}", v), "output"))

    def block(markdown: str) -> str:
        """Markdown made from the data (the not-medical-advice line) as a cell of its own."""
        return place(md(markdown))

    def lab_only(markdown: str) -> str:
        """Markdown only a notebook reader can act on (driving a widget from Python): removed from the book."""
        return place(md(markdown.strip(), role="lab"))

    helpers = {"show": show, "cell": cell, "block": block, "lab_only": lab_only}
    text = ENV.from_string(template.read_text(encoding="utf-8")).render(**helpers, **context)
    out: list[Cell] = []
    lines: list[str] = []

    def flush() -> None:
        body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines)).strip("\n")
        if body:
            out.append(md(body))
        lines.clear()

    for line in text.split("\n"):
        marked = _MARKED.match(line)
        if marked:
            flush()
            out.append(cells[int(marked.group(1))])
        else:
            if line.startswith(("# ", "## ")):
                flush()
            lines.append(line)
    flush()
    return out


def _chapter_context(ch: Chapter, c: Compound) -> dict[str, Any]:
    def href(ref: str) -> str:
        """A section of this or another chapter, as a link between notebooks (MyST resolves it in the book)."""
        heading, link = section_href(c, ch, ref)
        return link.replace(".html#", ".ipynb#")

    def next_link(key: str, words: str) -> str:
        return f"**Next:** [{words}]({chapter(key).slug}.ipynb)."

    return {"c": c, "name": c.identity.name, "v": _var(c), "ch": ch, "title": ch.heading(c),
            "s": {s.key: s.title(c) for s in ch.sections}, "guide": GUIDE, "anxiety_caution": _anxiety_caution(c),
            "calm_badge": _calm_badge(c),
            "ranked": render.ranked_by_frequency(c), "effects_caution": render.side_effects_caution(c),
            "href": href, "next": next_link, "heading": lambda ref: section_href(c, ch, ref)[0],
            "step_heading": step_heading,
            "measured": lambda st: bool({s.id for s in c.sources if s.measurements} & set(st.source_ids))}


# --------------------------------------------------------------------------- pages


def chapter_page(ch: Chapter, c: Compound, ref: str) -> Page:
    context = _chapter_context(ch, c)
    cells = render_template(ch.template, context)
    title, *body = cells
    v = _var(c)
    path = f"notebooks/{c.id}/{ch.slug}"
    # The skeleton: the line and the link to the deck after the overview, the self-check before the summary.
    opening = [md(render.disclaimer(c).markdown), md(present_link(c, ch.key, from_page=path).html())]
    check = render_template(TEMPLATES / "_check.md", context) if ch.questions else []
    cells = [title, *opening, *body[:-1], *check, body[-1]]
    return Page(f"{path}.ipynb", ch.heading(c), ch.template, cells, (ref,), {v: ref})


def compound_pages(c: Compound, ref: str) -> list[Page]:
    return [chapter_page(ch, c, ref) for ch in chapters_for(c) if ch.slug]


def _shared_context(config: Collection, compounds: list[Compound]) -> dict[str, Any]:
    def chapter_links(c: Compound) -> str:
        links = [f"{{doc}}`{ch.link} </notebooks/{c.id}/{ch.slug}>`" for ch in chapters_for(c)
                 if ch.slug and ch.link]
        return ", ".join(links[:-1]) + " and " + links[-1]

    def href_from_shared(c: Compound, ref: str) -> str:
        other, _, key = ref.partition("/")
        target = chapter(other)
        return f"{target.slug}.ipynb#{target.section(key).anchor(c)}"

    return {"collection": config, "disclaimer": render.collection_disclaimer(config).markdown,
            "compounds": compounds, "names": join_names(c.identity.name for c in compounds),
            "var": _var, "join_names": lambda cs: join_names(c.identity.name for c in cs),
            "anxiety_caution": _anxiety_caution, "anxiety_badge": _anxiety_badge, "chapter_links": chapter_links,
            "href_from_shared": href_from_shared,
            "stacked": [c for c in compounds if c.stacking is not None]}


def _variables(compounds: Iterable[Compound], refs: Iterable[str]) -> dict[str, str]:
    return {_var(c): r for c, r in zip(compounds, refs, strict=True)}


def stacking_page(config: Collection, compounds: list[Compound]) -> Page | None:
    """The one stacking chapter for the compounds that have a stacking section (needs two of them)."""
    pairs = [(c, r) for c, r in zip(compounds, config.compounds, strict=True) if c.stacking is not None]
    if len(pairs) < 2:
        return None
    cs = [c for c, _ in pairs]
    names = join_names(c.identity.name for c in cs)
    title = f"Taking {names} together"
    template = TEMPLATES.parent / "pages" / "stacking.md"
    context = {**_shared_context(config, cs), "pairs": cs, "title": title,
               "answered": any(render.testing_answers(c.stacking) for c in cs)}
    return Page("notebooks/stacking.ipynb", title, template, render_template(template, context, config),
                tuple(r for _, r in pairs), _variables(cs, (r for _, r in pairs)))


def landing_page(config: Collection, compounds: list[Compound]) -> Page:
    template = TEMPLATES.parent / "pages" / "intro.md"
    context = {**_shared_context(config, compounds), "title": config.title}
    return Page("index.ipynb", config.title, template, render_template(template, context, config),
                tuple(config.compounds), _variables(compounds, config.compounds))


def references_page(config: Collection, compounds: list[Compound]) -> Page:
    template = TEMPLATES.parent / "pages" / "references.md"
    return Page("book/references.ipynb", "References", template,
                render_template(template, _shared_context(config, compounds), config),
                tuple(config.compounds), _variables(compounds, config.compounds))


def pages(config: Collection) -> tuple[list[Page], dict]:
    """Every generated page, and the table of contents."""
    compounds = config.loaded()
    out: list[Page] = [landing_page(config, compounds)]
    parts = []
    for c, ref in zip(compounds, config.compounds, strict=True):
        mine = compound_pages(c, ref)
        out += mine
        parts.append({"caption": c.identity.name, "chapters": [{"file": p.path[:-len(".ipynb")]} for p in mine]})
    shared = stacking_page(config, compounds)
    if shared is not None:
        out.append(shared)
        parts.append({"caption": "Both compounds", "chapters": [{"file": shared.path[:-len(".ipynb")]}]})
    out.append(references_page(config, compounds))
    parts.append({"caption": "Reference", "chapters": [{"file": "book/reading-the-evidence"},
                                                       {"file": "book/glossary"}, {"file": "book/references"}]})
    return out, {"format": "jb-book", "root": "index", "parts": parts}


# --------------------------------------------------------------------------- notebooks


def _ref_in_code(ref: str) -> str:
    """How a notebook names its compound: by name when it is one of the package's data files, else by path."""
    p = Path(ref)
    return str(data_path(ref)) if p.suffix in (".yaml", ".yml") else ref


def _plumbing(page: Page) -> str:
    digest = data_hash(page.reads)
    cells = "\n".join(c.source for c in page.cells if c.kind == "code")
    code = ["collection = read_config()"] if re.search(r"\bcollection\b", cells) else []
    code += [f'{v} = chapter("{_ref_in_code(ref)}", data="{digest}")' for v, ref in page.variables.items()]
    used = "\n".join(code + [c.source for c in page.cells if c.kind == "code"])
    names: dict[str, list[str]] = {}
    for name, module in IMPORTS.items():
        if re.search(rf"\b{name}\b", used):
            names.setdefault(module, []).append(name)
    lines = [f"from {m} import {', '.join(sorted(names[m]))}" for m in sorted(names)]  # as isort wants them
    return "\n".join(lines + [""] + code)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


SLIDES = {"title": "slide", "heading": "slide", "text": "-", "output": "fragment", "check": "fragment",
          "plumbing": "skip", "note": "skip", "lab": "skip"}


def notebook(page: Page) -> nbformat.NotebookNode:
    """The notebook for a page: the generated-from note, the title, the plumbing, the rest; every cell with its
    RISE slide type, and the metadata that says where it comes from."""
    note = md(ENV.get_template("chapters/_generated.md").render(template=_rel(page.template)), role="note")
    cells = [note, page.cells[0], Cell("code", _plumbing(page), "plumbing"), *page.cells[1:]]
    nb = nbformat.v4.new_notebook()
    nb.metadata = json.loads(json.dumps(KERNEL))
    count = 0
    for i, cell in enumerate(cells):
        meta: dict[str, Any] = {"slideshow": {"slide_type": SLIDES[cell.role]}}
        if cell.role in ("note", "lab", "plumbing"):
            meta["tags"] = ["remove-cell"]
        if cell.kind == "markdown":
            out = nbformat.v4.new_markdown_cell(cell.source, metadata=meta)
        else:
            meta["jupyter"] = {"source_hidden": True}
            meta.setdefault("tags", ["remove-input"])
            if cell.role == "check":
                meta["tags"].append(CHECK)
            out = nbformat.v4.new_code_cell(cell.source, metadata=dict(sorted(meta.items())))
            count += 1
            if cell.role == "check":
                out.outputs = [nbformat.v4.new_output("execute_result", {"text/markdown": cell.output.markdown,
                                                                          "text/plain": repr(cell.output)},
                                                      execution_count=count)]
                out.execution_count = count
        out.id = hashlib.sha1(f"{page.path}:{i}".encode()).hexdigest()[:8]
        nb.cells.append(out)
    nb.metadata[GENERATED] = {"generated_from": _rel(page.template), "regenerate": REGENERATE,
                              "sources_sha256": sources_hash(nb.cells)}
    return nb


def render_text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def generate(root: Path = ROOT, config: Collection | None = None, write_toc: bool = True) -> list[Path]:
    """Write every generated page (and the TOC) under ``root``; a file is rewritten only when it changes,
    so Sphinx and jupyter-cache see only what moved. Returns the paths written."""
    config = config or read_config()
    clear_cache()
    all_pages, toc = pages(config)
    written = []
    wanted = {root / p.path for p in all_pages}
    for p in all_pages:
        path = root / p.path
        text = render_text(notebook(p))
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


def main(argv: list[str]) -> None:
    for p in generate(Path(argv[0]) if argv else ROOT):
        print(f"wrote {_rel(p)}")


__all__ = ["CHAPTERS", "Page", "generate", "load_compound", "main", "notebook", "pages", "render_text"]

if __name__ == "__main__":
    main(sys.argv[1:])
