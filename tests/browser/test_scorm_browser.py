"""The SCORM package in a platform: scorm-again's Scorm12API (the run-time platforms embed) on a parent page
served over http, the package's launch page in a frame below it, the book in the launch page's frame.

Chromium follows the book's own links to chapters of two compounds and answers their self-checks; after each
answer the platform holds the score, status, location and the answers (suspend_data). Then the learner
leaves, comes back to a fresh API seeded with what was saved, and finds the answers again. A failing API and
a missing one leave the book working. Nothing is requested outside the package, nothing is logged."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from explainer.publish.scorm import NOT_SAVED
from tests.browser.offline import serve_directory
from tests.browser.test_crawl import WATCH_CSP
from tests.helpers import ROOT, built_scorm, wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.book]
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The launch page alone (the book's pages have their own checks in test_crawl.py).
AXE_LAUNCH = """async () => (await axe.run(document, {resultTypes: ['violations'], iframes: false})).violations
  .map((v) => `${v.id}: ` + v.nodes.map((n) => n.target.join(' ')).join(', '))"""
SEMAX = "notebooks/semax/01-what-it-is.html"
SELANK = "notebooks/selank/06-evidence.html"
PLATFORM = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A course platform</title>
<script src="scorm-again.js"></script></head><body><h1>A course</h1></body></html>"""

# What the platform does: put an API on its window (or none), seeded with what it saved; count the calls the
# package makes; open the launch page in a frame; close it.
START = """([mode, seed]) => {
  delete window.API;
  window.calls = {};
  if (mode !== "none") {
    const api = new Scorm12API({});
    if (seed) api.loadFromJSON(seed);
    for (const name of ["LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue", "LMSGetValue"]) {
      const real = api[name].bind(api);
      api[name] = (...args) => { window.calls[name] = (window.calls[name] || 0) + 1; return real(...args); };
    }
    const real = { set: api.LMSSetValue, get: api.LMSGetValue, error: api.LMSGetLastError.bind(api) };
    let code = "";
    if (mode === "false") { api.LMSSetValue = () => "false"; api.LMSCommit = () => "false"; code = "101"; }
    if (mode === "initialize") api.LMSInitialize = () => "false";
    if (mode === "throws") api.LMSSetValue = () => { throw new Error("the platform broke"); };
    // A platform that refuses one element: a full suspend_data (405), no lesson_location at all (401).
    const refuse = (element, error) => {
      api.LMSSetValue = (k, v) => { code = k === element ? error : ""; return code ? "false" : real.set(k, v); };
      if (error !== "401") return;
      api.LMSGetValue = (k) => { code = k === element ? error : ""; return code ? "" : real.get(k); };
    };
    if (mode === "full") refuse("cmi.suspend_data", "405");
    if (mode === "missing") refuse("cmi.core.lesson_location", "401");
    api.LMSGetLastError = () => code || real.error();
    window.API = api;
  }
  const frame = document.createElement("iframe");
  frame.id = "sco";
  frame.title = "Course content";
  frame.style.cssText = "width: 1280px; height: 900px";
  frame.src = "pkg/launch.html";
  document.body.append(frame);
}"""
CMI = """() => {
  const cmi = JSON.parse(JSON.stringify(window.API.cmi));
  return { raw: cmi.core.score.raw, min: cmi.core.score.min, max: cmi.core.score.max, status: cmi.core.lesson_status,
           location: cmi.core.lesson_location, exit: cmi.core.exit, session: cmi.core.session_time,
           suspend: cmi.suspend_data, initialized: window.API.isInitialized(), terminated: window.API.isTerminated(),
           calls: window.calls };
}"""


@pytest.fixture(scope="module")
def package(built_book: Path) -> Path:
    return built_scorm()


@pytest.fixture(scope="module")
def platform_url(package: Path, tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("platform")
    with zipfile.ZipFile(package) as zf:
        zf.extractall(folder / "pkg")
    shutil.copy(SCORM_AGAIN, folder / "scorm-again.js")
    (folder / "course.html").write_text(PLATFORM, encoding="utf-8")
    with serve_directory(folder) as url:
        yield url


@pytest.fixture(scope="module")
def data(package: Path) -> dict:
    with zipfile.ZipFile(package) as zf:
        launch = zf.read("launch.html").decode("utf-8")
    return json.loads(re.search(r'id="explainer-scorm-data">(.*?)</script>', launch, re.S).group(1))


def header(data: dict, version: str | None = None) -> str:
    return f"1{'0123456789abcdefghijklmnopqrstuvwxyz'[data['tokenLength']]}{version or data['version']}:"


def decode(text: str, data: dict) -> dict[str, str]:
    """suspend_data read back here, independently of the page: header, then fixed-width token+choice pairs."""
    width = data["tokenLength"] + 1
    assert text.startswith(header(data)), text
    by_token = {q["token"]: q["key"] for q in data["questions"]}
    body = text[len(header(data)):]
    assert len(body) % width == 0
    return {by_token[body[i:i + width - 1]]: body[i + width - 1] for i in range(0, len(body), width)}


def encode(answers: dict[str, str], data: dict, version: str | None = None) -> str:
    return header(data, version) + "".join(q["token"] + answers[q["key"]] for q in data["questions"]
                                           if q["key"] in answers)


def score(answers: dict[str, str], data: dict) -> float:
    right = sum(answers.get(q["key"]) == q["answer"] for q in data["questions"])
    return round(100 * right / len(data["questions"]), 2)


def open_course(page: Page, url: str, mode: str = "api", seed: dict | None = None) -> FrameLocator:
    page.add_init_script(WATCH_CSP)
    page.set_viewport_size({"width": 1300, "height": 1000})
    page.goto(url + "course.html")
    page.evaluate(START, [mode, seed])
    return settled(page)


def settled(page: Page) -> FrameLocator:
    """The book's frame, once its page has loaded (a click before that would abort the page's requests)."""
    book = page.frame_locator("#sco").frame_locator("#explainer-book")
    expect(book.locator("h1").first).to_be_visible()
    book_frame(page).wait_for_load_state("load")
    wait_until_drawn(book_frame(page))
    return book


def book_frame(page: Page):
    return next(f for f in page.frames if f.parent_frame and f.parent_frame.url.endswith("/pkg/launch.html"))


def follow(page: Page, book: FrameLocator, target: str) -> None:
    """Click the book's own link to ``target`` (the first one shown) and wait for its self-check."""
    book.locator(f'a[href$="{"/".join(target.split("/")[-2:])}"]:visible').first.click()
    book_frame(page).wait_for_url("**/pkg/" + target)  # waits for "load": leaving later aborts no request
    expect(book.locator(".explainer-widget.is-live .quiz")).to_be_visible()


def pick(book: FrameLocator, qid: str, label: str) -> None:
    book.locator(f'fieldset[data-question="{qid}"]').get_by_role("radio", name=label, exact=True).check()


def page_quiz(page: Page, data: dict, name: str) -> list[dict]:
    """The questions of the page the book shows, read from the launch data (keys) and the page (labels)."""
    keys = [q["key"].split("#", 1)[1] for q in data["questions"] if q["key"].startswith(name + "#")]
    labels = book_frame(page).evaluate("""() => [...document.querySelectorAll('fieldset[data-question]')].map((f) => ({
        id: f.dataset.question, options: [...f.querySelectorAll('label')].map((l) => l.textContent) }))""")
    assert [q["id"] for q in labels] == keys
    answers = {q["key"].split("#", 1)[1]: q["answer"] for q in data["questions"] if q["key"].startswith(name + "#")}
    return [{"id": q["id"], "labels": q["options"], "answer": answers[q["id"]]} for q in labels]


def label_of(q: dict, key: str) -> str:
    return q["labels"]["abcdefgh".index(key)]


def check_platform(page: Page, data: dict, expected: dict[str, str], location: str) -> dict:
    cmi = page.evaluate(CMI)
    assert decode(cmi["suspend"], data) == expected
    assert float(cmi["raw"]) == score(expected, data)
    assert (cmi["min"], cmi["max"]) == ("0", "100")
    assert cmi["status"] == ("completed" if len(expected) == len(data["questions"]) else "incomplete")
    assert cmi["location"] == location
    assert cmi["calls"]["LMSInitialize"] == 1 and "LMSFinish" not in cmi["calls"]
    return cmi


def only_the_package(page_log, url: str) -> None:
    platform = {url + "course.html", url + "scorm-again.js"}
    outside = [r for r in page_log.requests if r not in platform and not r.startswith(url + "pkg/")]
    assert outside == [] and page_log.blocked == []
    assert all(urlsplit(r).scheme == "http" for r in page_log.requests)


def answer_chapter(page: Page, book: FrameLocator, data: dict, name: str, expected: dict[str, str],
                   first_wrong: bool) -> None:
    """Answer every question of the chapter shown; the first one wrong and then right when ``first_wrong``.
    After each pick the platform must hold the first answers only."""
    for i, q in enumerate(page_quiz(page, data, name)):
        wrong = next(k for k in "abcd" if k != q["answer"])
        picks = [wrong, q["answer"]] if first_wrong and i == 0 else [q["answer"]]
        for k in picks:
            pick(book, q["id"], label_of(q, k))
            expected.setdefault(f"{name}#{q['id']}", k)
            check_platform(page, data, expected, name)


def test_progress_reaches_the_platform_and_comes_back(page: Page, page_log, platform_url: str, data: dict) -> None:
    book = open_course(page, platform_url)
    answers: dict[str, str] = {}
    check_platform(page, data, answers, "index.html")
    follow(page, book, SEMAX)
    check_platform(page, data, answers, SEMAX)
    answer_chapter(page, book, data, SEMAX, answers, first_wrong=True)
    # The feedback shows the last pick (right), the platform keeps the first (wrong).
    first = page_quiz(page, data, SEMAX)[0]
    expect(book.locator(f'fieldset[data-question="{first["id"]}"]')).to_have_attribute("data-state", "right")
    follow(page, book, SELANK)
    answer_chapter(page, book, data, SELANK, answers, first_wrong=False)
    assert len(answers) < len(data["questions"])

    # The learner leaves: one LMSFinish, exit "suspend" as the work is not finished, the time of the session.
    page.evaluate("() => document.getElementById('sco').remove()")
    saved = page.evaluate(CMI)
    assert saved["terminated"] and saved["calls"]["LMSFinish"] == 1 and saved["calls"]["LMSInitialize"] == 1
    assert saved["calls"]["LMSCommit"] >= len(answers)
    assert saved["exit"] == "suspend" and re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", saved["session"])
    assert page.locator("#sco").count() == 0

    # The learner comes back: a fresh API seeded with what the platform kept.
    seed = {"core": {"lesson_location": saved["location"], "lesson_status": saved["status"], "entry": "resume",
                     "score": {"raw": saved["raw"], "min": "0", "max": "100"}},
            "suspend_data": saved["suspend"]}
    page.evaluate(START, ["api", seed])
    book = settled(page)
    expect(book.locator(".explainer-widget.is-live .quiz")).to_be_visible()
    assert book_frame(page).url.endswith("/pkg/" + SELANK)  # where the learner last read
    for key, choice in answers.items():
        if key.startswith(SELANK):
            q = next(q for q in page_quiz(page, data, SELANK) if q["id"] == key.split("#")[1])
            expect(book.locator(f'fieldset[data-question="{q["id"]}"]').get_by_role(
                "radio", name=label_of(q, choice), exact=True)).to_be_checked()
    check_platform(page, data, answers, SELANK)
    follow(page, book, SEMAX)
    first = page_quiz(page, data, SEMAX)[0]
    # The first answer, the one scored, is what comes back (the retry was never saved).
    expect(book.locator(f'fieldset[data-question="{first["id"]}"]')).to_have_attribute("data-state", "wrong")
    expect(book.locator(f'fieldset[data-question="{first["id"]}"] [role="status"]')).to_contain_text("Not quite")
    check_platform(page, data, answers, SEMAX)
    expect(page.frame_locator("#sco").locator("#explainer-scorm-notice")).to_be_empty()
    launch = next(f for f in page.frames if f.url.endswith("/pkg/launch.html"))
    launch.evaluate(AXE.read_text(encoding="utf-8"))
    assert launch.evaluate(AXE_LAUNCH) == []
    assert [v for f in page.frames for v in f.evaluate("() => window.__cspViolations || []")] == []
    assert page_log.console_errors == [] and page_log.failed == []
    only_the_package(page_log, platform_url)
    assert page.evaluate("() => document.cookie") == ""
    assert page.context.cookies() == []
    # Nothing kept in the browser either: the platform keeps the progress (one origin here, so one storage).
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]


@pytest.mark.parametrize("mode", ["false", "initialize", "throws", "full", "missing", "none"])
def test_a_failing_or_missing_api_never_breaks_the_book(page: Page, page_log, platform_url: str, data: dict,
                                                        mode: str) -> None:
    book = open_course(page, platform_url, mode)
    launch = page.frame_locator("#sco")
    follow(page, book, SEMAX)
    for q in page_quiz(page, data, SEMAX):
        pick(book, q["id"], label_of(q, q["answer"]))
        expect(book.locator(f'fieldset[data-question="{q["id"]}"] [role="status"]')).to_contain_text("Right.")
    follow(page, book, SELANK)
    q = page_quiz(page, data, SELANK)[0]
    pick(book, q["id"], label_of(q, q["answer"]))
    expect(book.locator(f'fieldset[data-question="{q["id"]}"] [role="status"]')).to_contain_text("Right.")
    notice = launch.locator("#explainer-scorm-notice")
    if mode == "none":  # outside a platform: nothing changes, nothing is said
        expect(notice).to_be_empty()
        assert page.frame_locator("#sco").locator("body").evaluate("() => window.explainerScorm") is None
    else:  # said once, quietly: one status line, not an alert
        expect(notice).to_have_text(NOT_SAVED)
        expect(launch.locator('[role="status"], [role="alert"]')).to_have_count(1)
    if mode in ("full", "missing"):  # what the platform could take, it got
        cmi = page.evaluate(CMI)
        assert cmi["status"] == "incomplete" and float(cmi["raw"]) > 0
        assert cmi["location"] == ("" if mode == "missing" else SELANK)
    page.evaluate("() => document.getElementById('sco').remove()")
    if mode not in ("none", "initialize"):
        assert page.evaluate("() => window.calls.LMSFinish") == 1
    elif mode == "initialize":
        assert page.evaluate("() => window.calls.LMSFinish") is None  # a session never opened is not closed
    assert page_log.console_errors == [] and page_log.failed == []
    only_the_package(page_log, platform_url)


def test_the_last_answer_completes_the_attempt_and_stale_answers_drop_out(page: Page, page_log, platform_url: str,
                                                                          data: dict) -> None:
    """A learner back with every answer but one, saved by an older build: one of those answers belongs to a
    question that has since changed (a token this build does not have). It is dropped, the rest come back,
    and the last answer completes the attempt."""
    last = next(q for q in data["questions"] if q["key"].startswith(SEMAX + "#"))
    others = {q["key"]: q["answer"] for q in data["questions"] if q is not last}
    stale = "z" * data["tokenLength"] + "a"
    seed = {"core": {"lesson_location": SEMAX, "lesson_status": "incomplete", "entry": "resume"},
            "suspend_data": encode(others, data, version="000000") + stale}
    book = open_course(page, platform_url, "api", seed)
    assert book_frame(page).url.endswith("/pkg/" + SEMAX)
    check_platform(page, data, others, SEMAX)  # rewritten for this build's version, without the stale answer
    q = next(q for q in page_quiz(page, data, SEMAX) if last["key"].endswith("#" + q["id"]))
    expect(book.locator(f'fieldset[data-question="{q["id"]}"]')).to_have_attribute("data-state", "")
    pick(book, q["id"], label_of(q, q["answer"]))
    done = check_platform(page, data, {**others, last["key"]: last["answer"]}, SEMAX)
    assert (done["status"], float(done["raw"])) == ("completed", 100.0)
    page.evaluate("() => document.getElementById('sco').remove()")
    left = page.evaluate(CMI)
    assert left["terminated"] and left["exit"] == "" and left["status"] == "completed"
    assert page_log.console_errors == [] and page_log.failed == []
    only_the_package(page_log, platform_url)
