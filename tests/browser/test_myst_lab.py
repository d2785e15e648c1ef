"""MyST output in a real JupyterLab (with jupyterlab-myst): a chapter reads like the book.

The evidence chapter is copied to a temporary folder that a throwaway JupyterLab serves; every cell
is run through the Run menu, as a reader would.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from explainer.charts import grade_style
from explainer.content import GRADE_INFO, Grade

from .lab import ROOT, open_notebook, run_all_cells, running_lab
from .offline import guard_loopback

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# jupyterlab-myst resolves {term} only against a glossary in the same notebook; the book's glossary is
# another page, so the link has no target in JupyterLab and says so on the console.
TERM_NOT_FOUND = re.compile(r"^Cross reference target was not found: term-")
CHAPTER = "06-evidence.ipynb"


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def lab_page(browser, tmp_path_factory) -> Iterator[tuple[Page, dict]]:
    folder: Path = tmp_path_factory.mktemp("myst-lab")
    shutil.copy(ROOT / "notebooks" / "semax" / CHAPTER, folder / CHAPTER)
    with running_lab(folder) as lab:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        log = {"blocked": guard_loopback(context), "console_errors": []}
        page = context.new_page()
        page.on("console", lambda m: log["console_errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log["console_errors"].append(str(e)))
        open_notebook(page, lab, CHAPTER)
        run_all_cells(page)
        yield page, log
        context.close()


def test_badges_are_styled_from_the_grade_palette(lab_page) -> None:
    page, _ = lab_page
    output = page.locator(".jp-OutputArea-output.jp-RenderedMySTMarkdown")
    expect(output.first).to_be_visible()
    for grade in (Grade.clinical, Grade.animal):
        badge = output.locator(f".grade-badge.grade-{grade.value}").first
        expect(badge).to_be_visible()
        # both halves: the kind of source, then what the book checked of it
        expect(badge).to_have_text(re.compile(rf"^{re.escape(GRADE_INFO[grade].label)} · \w"))
        style = grade_style(grade)
        expect(badge).to_have_css("background-color", rgb(style["colour"]))
        expect(badge).to_have_css("color", rgb(style["text_colour"]))
        expect(badge).to_have_css("display", "inline-block")
    # The badge sits in the sentence, after the claim's own words, not run into them.
    labels = "|".join(re.escape(GRADE_INFO[g].label).replace("'", "[’']") for g in Grade)
    item = output.locator("li", has_text=re.compile(rf"\w\.\s+({labels})\s")).first
    expect(item).to_be_visible()


def test_callouts_are_admonition_boxes(lab_page) -> None:
    page, _ = lab_page
    # The disclaimer is a Markdown cell, the verdict a cell's MyST output: jupyterlab-myst renders both.
    boxes = page.locator(".jp-Notebook aside.myst-admonition.explainer-callout")
    expect(boxes).to_have_count(2)
    expect(boxes.first.locator(".myst-admonition-header")).to_have_text("Not medical advice")
    verdict = boxes.nth(1)
    expect(verdict.locator(".myst-admonition-header")).to_have_text("Verdict")
    expect(verdict).not_to_have_css("border-left-width", "0px")
    expect(verdict.locator(".grade-badge").first).to_be_visible()


def test_glossary_word_is_marked_as_a_term(lab_page) -> None:
    page, log = lab_page
    expect(page.locator(".jp-RenderedMySTMarkdown li a.hover-link", has_text="BDNF").first).to_be_visible()
    others = [e for e in log["console_errors"] if not TERM_NOT_FOUND.match(e)]
    assert others == []
    assert log["blocked"] == []


def test_plumbing_cells_are_collapsed_and_their_output_is_invisible(lab_page) -> None:
    page, _ = lab_page
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    count = cells.count()
    assert count >= 5
    for i in range(count):  # every code cell of a chapter is plumbing or a call whose output is the point
        cell = cells.nth(i)
        expect(cell.locator(".jp-InputPlaceholder")).to_be_visible()  # "click to expand"
        expect(cell.locator(".jp-InputArea-editor")).to_have_count(0)
    # The plumbing cell's only output is the style element: nothing a reader sees.
    plumbing_output = cells.nth(0).locator(".jp-OutputArea-output")
    expect(plumbing_output.locator("style[data-explainer=myst]")).to_have_count(1)
    assert plumbing_output.inner_text().strip() == ""
