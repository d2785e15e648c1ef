"""The self-check widget in a static page, as the book runs it (widget-host.js, no kernel), under the
book's content-security policy: answered from the keyboard, with feedback read out in a live region."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from explainer.classroom.quiz import questions_for
from explainer.csp import apply_policy
from explainer.widgets.quiz import SelfCheck
from tests.browser.offline import serve_directory
from tests.browser.test_crawl import AXE_RUN, WATCH_CSP
from tests.helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.book]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def quiz_url(built_book: Path, tmp_path_factory) -> str:
    """A throwaway page holding the evidence chapter's self-check, beside the built book's _static."""
    folder = tmp_path_factory.mktemp("quiz-page")
    (folder / "_static").symlink_to(built_book / "_static")
    widget = SelfCheck(questions=questions_for("semax", "evidence")).to_html()
    page = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Self-check</title>'
            '<link rel="stylesheet" href="_static/explainer/widgets/quiz.css">'
            '<script defer src="_static/explainer/widget-host.js"></script></head>'
            f'<body><main><h1>Self-check</h1><h2 id="the-sources">The sources</h2>{widget}</main></body></html>')
    (folder / "quiz.html").write_text(apply_policy(page), encoding="utf-8")
    with serve_directory(folder) as url:
        yield url + "quiz.html"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_questions_answered_from_the_keyboard(page: Page, page_log, quiz_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.add_init_script(WATCH_CSP)
    page.goto(quiz_url)
    qs = questions_for("semax", "evidence")
    quiz = page.locator(".explainer-widget.is-live .quiz")
    expect(quiz).to_be_visible()
    for q in qs:
        group = page.get_by_role("group", name=re.compile(re.escape(q["prompt"])))
        expect(group.get_by_role("radio")).to_have_count(len(q["options"]))
        right = next(o for o in q["options"] if o["key"] == q["answer"])
        wrong = next(o for o in q["options"] if o["key"] != q["answer"])
        # Tab into the group, then arrow keys move the choice (and choose it), as in any radio group.
        group.get_by_role("radio", name=q["options"][0]["label"], exact=True).focus()
        page.keyboard.press("Space")
        steps = [o["key"] for o in q["options"]]
        for target in (wrong, right):
            while steps[[i.is_checked() for i in group.get_by_role("radio").all()].index(True)] != target["key"]:
                page.keyboard.press("ArrowDown")
            feedback = group.get_by_role("status")
            if target is right:
                expect(feedback).to_contain_text("Right.")
            else:
                expect(feedback).to_contain_text(f"Not quite: the answer is {right['label']}")
            expect(feedback).to_contain_text(q["explanation"][:40])
            link = feedback.get_by_role("link", name=re.compile(q["section"]["label"]))
            expect(link).to_have_attribute("href", q["section"]["href"])
    expect(quiz.locator(".quiz-score")).to_have_text(f"{len(qs)} of {len(qs)} right so far.")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    assert page.evaluate(AXE_RUN) == []
    assert page.evaluate("window.__cspViolations") == []
    assert page_log.console_errors == [] and page_log.blocked == []
