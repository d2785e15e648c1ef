"""explainer.chapters: the one home of the chapter notebooks. The committed notebooks and _toc.yml are exactly
what it writes; a third compound needs only a data file and a line of configuration; a chapter or section a
compound has no data for is left out; every chapter keeps the skeleton and the slide metadata."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from explainer import chapters
from explainer.content import load_compound
from tests.helpers import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "examplin.yaml"
CONFIG = chapters.read_config()


def generated_text() -> dict[str, str]:
    all_pages, toc = chapters.pages(CONFIG)
    return {p.path: chapters.render_text(chapters.notebook(p, CONFIG)) for p in all_pages}


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
            if cell.cell_type == "markdown" and any(n in cell.source for n in names):
                assert cell.source not in seen, (path, seen.get(cell.source), cell.source[:80])
                seen[cell.source] = path
    template = Path(chapters.__file__).read_text(encoding="utf-8")
    assert not [n for n in names if re.search(rf"\b{n}\b", template, re.I)]
    # …while the templates are shared: the same chapter of two compounds differs only where the data differ.
    a = nbformat.reads(generated_text()["notebooks/semax/04-reconstitution.ipynb"], as_version=4)
    b = nbformat.reads(generated_text()["notebooks/selank/04-reconstitution.ipynb"], as_version=4)
    # The one data-driven difference: the locator's section is named for daily totals or single doses.
    def same(text: str, name: str) -> str:
        heading = chapters.locator_heading(load_compound(name))
        return (text.replace(chapters._anchor(heading), "LOCATOR")
                .replace(heading[0].lower() + heading[1:], "LOCATOR"))

    prose = [[same(c.source, name) for c in nb.cells if c.cell_type == "markdown"]
             for nb, name in ((a, "semax"), (b, "selank"))]
    assert prose[0] == prose[1]


SKELETON_TAGS = ("remove-cell",)


@pytest.mark.parametrize("path", sorted(p for p in generated_text() if p.startswith("notebooks/")))
def test_every_chapter_keeps_the_skeleton_and_the_slide_metadata(path: str) -> None:
    nb = nbformat.reads(generated_text()[path], as_version=4)
    cells = nb.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert "**In this chapter:**" in cells[0].source  # the overview
    assert "remove-cell" in cells[1].metadata.tags and cells[1].metadata.jupyter.source_hidden  # plumbing, collapsed
    disclaimer = cells[2]
    assert "nbval-check-output" in disclaimer.metadata.tags
    stored = disclaimer.outputs[0]["data"]["text/markdown"]
    assert "{admonition} Not medical advice" in stored and "not medical advice" in stored
    assert cells[-1].source.startswith("## Summary and what's next") and "**Next:**" in cells[-1].source
    for c in cells:
        slide = c.metadata.slideshow.slide_type
        if c.cell_type == "markdown":
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
    after = {p.path: chapters.render_text(chapters.notebook(p, config)) for p in all_pages}

    def code(text: str) -> list[str]:
        return [c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code"]

    changed = {p for p in after if code(after[p]) != code(before[p])}
    assert changed == {p for p in after if p.startswith("notebooks/selank/")} | {
        "notebooks/stacking.ipynb", "book/intro.ipynb", "book/references.ipynb"}


@pytest.mark.slow
def test_a_third_compound_needs_only_a_data_file_and_a_line_of_configuration(tmp_path: Path) -> None:
    from nbclient import NotebookClient

    config = dataclasses.replace(CONFIG, compounds=(*CONFIG.compounds, str(FIXTURE)))
    written = chapters.generate(tmp_path, config)
    toc = yaml.safe_load((tmp_path / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "Examplin")
    files = [c["file"] for c in part["chapters"]]
    assert files == [f"notebooks/examplin/{ch.slug}" for ch in chapters.CHAPTERS]
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
        shown = json.dumps([o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])])
        assert re.sub(r"\s+", " ", ex.metadata.disclaimer) in shown, f


def test_selank_leaves_out_what_it_has_no_data_for() -> None:
    text = generated_text()
    assert "stacking_day(selank)" not in text["notebooks/stacking.ipynb"]
    assert "stacking_day(semax)" in text["notebooks/stacking.ipynb"]
    assert "bdnf_changes" not in text["notebooks/selank/02-mechanism.ipynb"]
    assert "bdnf_changes" in text["notebooks/semax/02-mechanism.ipynb"]
