"""explainer.chapters: the one home of the chapter notebooks. The committed notebooks and _toc.yml are exactly
what the templates and the data make; a third compound needs only a data file and a line of configuration; a new
chapter needs a registry entry and a template; a chapter or section a compound has no data for is left out; every
chapter keeps the skeleton and the slide metadata; a hand edit is refused by the build, a saved run is not."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from explainer.build import build_book
from explainer.chapters import generate as chapters
from explainer.chapters import registry
from explainer.chapters.stamp import hand_edits
from explainer.classroom import handouts, quiz, slides
from explainer.collection import disclaimer_text, read_config
from explainer.content import load_compound
from tests.helpers import FIXTURE, ROOT

CONFIG = read_config()
TEMPLATES = ROOT / "src" / "explainer" / "templates"


def generated_text() -> dict[str, str]:
    all_pages, toc = chapters.pages(CONFIG)
    return {p.path: chapters.render_text(chapters.notebook(p)) for p in all_pages}


def test_the_committed_notebooks_and_toc_are_what_the_generator_writes() -> None:
    for path, text in generated_text().items():
        assert (ROOT / path).read_text(encoding="utf-8") == text, f"{path} is stale: run `make chapters`"
    committed = {str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").rglob("*.ipynb")
                 if ".ipynb_checkpoints" not in p.parts}
    assert committed == {p for p in generated_text() if p.startswith("notebooks/")}
    _, toc = chapters.pages(CONFIG)
    assert yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")) == toc


def test_one_part_per_compound_then_the_shared_part() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = [p["caption"] for p in toc["parts"]]
    assert captions == [load_compound(c).identity.name for c in CONFIG.compounds] + ["Both compounds", "Reference"]


def test_no_two_notebooks_share_a_markdown_cell_that_names_a_compound() -> None:
    """A cell copied into two notebooks with a compound's name in it is a fact with two homes; the templates
    themselves name no compound (names come from the data files)."""
    names = [load_compound(c).identity.name for c in CONFIG.compounds]
    seen: dict[str, str] = {}
    for path, text in generated_text().items():
        for cell in nbformat.reads(text, as_version=4).cells:
            # The not-medical-advice line opens every chapter on purpose: one template in collection.yml.
            skeleton = cell.source.startswith(":::{admonition} Not medical advice")
            if cell.cell_type == "markdown" and any(n in cell.source for n in names) and not skeleton:
                assert cell.source not in seen, (path, seen.get(cell.source), cell.source[:80])
                seen[cell.source] = path
    for template in TEMPLATES.rglob("*.md"):
        text = template.read_text(encoding="utf-8")
        assert not [n for n in names if re.search(rf"\b{n}\b", text, re.I)], template
        # No number typed in prose: digits only inside Jinja, link targets or code examples (`calc.water_ml = 3`).
        prose = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\(\S*\)|`[^`]*`", "", text, flags=re.S)
        assert not re.search(r"\d", prose), template
    # …while the templates are shared: the same chapter of two compounds differs only where the data differ.
    a = nbformat.reads(generated_text()["notebooks/semax/04-reconstitution.ipynb"], as_version=4)
    b = nbformat.reads(generated_text()["notebooks/selank/04-reconstitution.ipynb"], as_version=4)
    # The one data-driven difference in the template's prose: the locator's section is named for daily totals or
    # single doses.
    def same(text: str, name: str) -> str:
        c = load_compound(name)
        heading = registry.locator_heading(c)
        return (text.replace(registry.Section("locator", heading).anchor(c), "LOCATOR")
                .replace(heading[0].lower() + heading[1:], "LOCATOR")
                # the skeleton's line and deck link, each from its one home, name the compound
                .replace(disclaimer_text(c), "DISCLAIMER").replace(f"/{c.id}/", "/COMPOUND/"))

    prose = [[same(c.source, name) for c in nb.cells if c.cell_type == "markdown"]
             for nb, name in ((a, "semax"), (b, "selank"))]
    assert prose[0] == prose[1]


SKELETON_TAGS = ("remove-cell",)


@pytest.mark.parametrize("path", sorted(p for p in generated_text() if p.startswith("notebooks/")))
def test_every_chapter_keeps_the_skeleton_and_the_slide_metadata(path: str) -> None:
    nb = nbformat.reads(generated_text()[path], as_version=4)
    note, *cells = nb.cells
    # It says it is generated, and from which template: in a note JupyterLab shows and the book removes…
    template = nb.metadata.explainer.generated_from
    assert (ROOT / template).is_file() and template in note.source and "make chapters" in note.source
    assert note.cell_type == "markdown" and note.metadata.tags == ["remove-cell"]
    assert nb.metadata.explainer.regenerate == "make chapters"  # …and in its metadata
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert "**In this chapter:**" in cells[0].source  # the overview
    assert "remove-cell" in cells[1].metadata.tags and cells[1].metadata.jupyter.source_hidden  # plumbing, collapsed
    disclaimer = cells[2]  # prose: a Markdown cell a reader sees before anything runs
    assert disclaimer.cell_type == "markdown"
    assert "{admonition} Not medical advice" in disclaimer.source and "not medical advice" in disclaimer.source
    if path != "notebooks/stacking.ipynb":  # the shared chapter has no deck
        assert 'class="explainer-present"' in cells[3].source
    assert cells[-1].source.startswith("## Summary and what's next") and "**Next:**" in cells[-1].source
    for c in cells:
        slide = c.metadata.slideshow.slide_type
        if c.cell_type == "markdown" and "remove-cell" in c.metadata.get("tags", ()):
            # a note for the notebook reader only (driving a widget from Python): not in the book, not a slide
            assert slide == "skip" and "JupyterLab" in c.source, c.source[:40]
        elif c.cell_type == "markdown":
            assert slide == ("slide" if c.source.startswith(("# ", "## ")) else "-"), c.source[:40]
        elif "remove-cell" in c.metadata.tags:
            assert slide == "skip"
        else:
            assert slide == "fragment" and c.metadata.jupyter.source_hidden
    # No section is empty: every heading is followed by something before the next heading.
    heads = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## ")]
    for i in heads:
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        alone = nxt is not None and not nxt.source.startswith("## ")
        assert "\n" in cells[i].source.strip() or alone, cells[i].source


def test_a_data_edit_changes_only_the_code_of_the_notebooks_that_read_it(tmp_path: Path) -> None:
    """jupyter-cache keys on code: the data hash in the plumbing cell is what re-runs a compound's chapters."""
    before = generated_text()
    edited = tmp_path / "selank.yaml"
    edited.write_text((ROOT / "src/explainer/data/selank.yaml").read_text(encoding="utf-8") + "\n# an edit\n")
    config = dataclasses.replace(CONFIG, compounds=("semax", str(edited)))
    all_pages, _ = chapters.pages(config)
    after = {p.path: chapters.render_text(chapters.notebook(p)) for p in all_pages}

    def code(text: str) -> list[str]:
        return [c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code"]

    changed = {p for p in after if code(after[p]) != code(before[p])}
    assert changed == {p for p in after if p.startswith("notebooks/selank/")} | {
        "notebooks/stacking.ipynb", "index.ipynb", "book/references.ipynb"}


@pytest.mark.slow
def test_a_third_compound_needs_only_a_data_file_and_a_line_of_configuration(tmp_path: Path) -> None:
    from nbclient import NotebookClient

    config = dataclasses.replace(CONFIG, compounds=(*CONFIG.compounds, str(FIXTURE)))
    written = chapters.generate(tmp_path, config)
    toc = yaml.safe_load((tmp_path / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "Examplin")
    files = [c["file"] for c in part["chapters"]]
    assert files == [f"notebooks/examplin/{slug}" for slug in ("01-what-it-is", "02-mechanism", "03-dosing",
                                                                 "04-reconstitution", "05-side-effects", "06-evidence")]
    assert tmp_path / "notebooks/examplin/01-what-it-is.ipynb" in written
    # Examplin has no label, no stacking section and no dated study: those sections are left out, not empty.
    dosing = (tmp_path / "notebooks/examplin/03-dosing.ipynb").read_text(encoding="utf-8")
    assert "label_summary" not in dosing and "product label, for scale" not in dosing
    evidence = (tmp_path / "notebooks/examplin/06-evidence.ipynb").read_text(encoding="utf-8")
    assert "evidence_timeline" not in evidence
    assert "examplin" not in (tmp_path / "notebooks/stacking.ipynb").read_text(encoding="utf-8")
    # Every one of its chapters runs, and shows its own not-medical-advice line.
    ex = load_compound(FIXTURE)
    for f in files:
        nb = nbformat.read(tmp_path / f"{f}.ipynb", as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str((tmp_path / f).parent)}}).execute()
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, (f, errors)
        assert any(disclaimer_text(ex) in c.source for c in nb.cells if c.cell_type == "markdown"), f


def test_selank_leaves_out_what_it_has_no_data_for() -> None:
    text = generated_text()
    assert "stacking_day(selank)" not in text["notebooks/stacking.ipynb"]
    assert "stacking_day(semax)" in text["notebooks/stacking.ipynb"]
    assert "bdnf_changes" not in text["notebooks/selank/02-mechanism.ipynb"]
    assert "bdnf_changes" in text["notebooks/semax/02-mechanism.ipynb"]


def test_chapter_prose_is_markdown_cells_and_numbers_come_from_the_data() -> None:
    """The wording is in the notebook before it runs; a count in the prose is the data's."""
    nb = nbformat.reads(generated_text()["notebooks/semax/02-mechanism.ipynb"], as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    steps = load_compound("semax").mechanism.steps
    assert f"walk through all {len(steps)} steps" in prose and f"shown in {len(steps)} steps" in prose
    assert all(s.title in prose for s in steps)


def _notebook_copy(tmp_path: Path) -> Path:
    root = tmp_path / "book-root"
    (root / "notebooks" / "semax").mkdir(parents=True)
    (root / "book").mkdir()
    text = generated_text()["notebooks/semax/03-dosing.ipynb"]
    (root / "notebooks" / "semax" / "03-dosing.ipynb").write_text(text, encoding="utf-8")
    return root / "notebooks" / "semax" / "03-dosing.ipynb"


def test_a_hand_edit_to_a_generated_cell_is_refused_by_the_build(tmp_path: Path) -> None:
    path = _notebook_copy(tmp_path)
    nb = nbformat.read(path, as_version=4)
    heading = next(c for c in nb.cells if c.source.startswith("## The community figures"))
    heading.source += " A sentence typed into the notebook."
    nbformat.write(nb, path)
    result = build_book(path.parents[2], capture=True)
    assert result.returncode != 0
    assert "notebooks/semax/03-dosing.ipynb" in result.stderr and "edited by hand" in result.stderr
    assert "src/explainer/templates/chapters/dosing.md" in result.stderr and "`make chapters`" in result.stderr


def test_a_run_saved_from_jupyterlab_is_not_a_hand_edit(tmp_path: Path) -> None:
    path = _notebook_copy(tmp_path)
    nb = nbformat.read(path, as_version=4)
    for i, c in enumerate(nb.cells):  # what running and saving changes: outputs, counts, metadata
        if c.cell_type == "code":
            c.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
            c.execution_count = i
            c.metadata["execution"] = {"iopub.status.idle": "2026-12-03T06:00:00Z"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata.kernelspec.display_name = "Python 3 (ipykernel)"
    nbformat.write(nb, path)
    assert hand_edits(path.parents[2]) == []


def test_a_new_chapter_is_a_registry_entry_and_a_template(tmp_path: Path, monkeypatch) -> None:
    """The page, its place in the table of contents and on the landing page, its deck, its handout and its
    self-check all follow from one entry and one Markdown file."""
    (tmp_path / "at-a-glance.md").write_text("""# {{ title }}

**In this chapter:** {{ name }} in a few lines.

## {{ s.uses }}
{{ show("render.uses", c) }}

## Summary and what's next

- That was {{ name }} at a glance.

{{ next("what-it-is", "what it is") }}
""", encoding="utf-8")
    new = registry.Chapter("at-a-glance", "{name} at a glance", "07-at-a-glance",
                           sections=(registry.Section("uses", "What people use it for"),),
                           deck=("lead", "uses"), handout=("lead", "uses"),
                           questions=(registry.Question("uses", "uses"),), link="at a glance", templates=tmp_path)
    monkeypatch.setattr(registry, "CHAPTERS", (*registry.CHAPTERS, new))
    all_pages, toc = chapters.pages(CONFIG)
    page = next(p for p in all_pages if p.path == "notebooks/semax/07-at-a-glance.ipynb")
    nb = chapters.notebook(page)
    text = "\n".join(c.source for c in nb.cells)
    assert "# Semax at a glance" in text and "render.uses(semax)" in text
    assert 'quiz.for_chapter(semax, "at-a-glance")' in text
    assert {"file": "notebooks/selank/07-at-a-glance"} in toc["parts"][1]["chapters"]
    landing = next(p for p in all_pages if p.path == "index.ipynb")
    assert "{doc}`at a glance </notebooks/semax/07-at-a-glance>`" in "\n".join(c.source for c in landing.cells)
    c = load_compound("semax")
    assert "<h1>Semax at a glance</h1>" in slides.deck_html(c, "at-a-glance")
    assert "<h1>Semax at a glance</h1>" in handouts.handout_html(c, "at-a-glance")
    assert {q["section"]["href"] for q in quiz.questions_for(c, "at-a-glance")} == {"#what-people-use-it-for"}


def test_no_generated_notebook_imports_its_generator() -> None:
    for path, text in generated_text().items():
        code = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code")
        assert "explainer.chapters" not in code and "explainer.classroom.slides" not in code, path
