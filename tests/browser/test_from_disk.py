"""The book as a teacher carries it: opened from disk (file://) as well as served, from the zip `make dist`
writes, and served under a subpath, as a static host does. Every interactive starts and answers input,
search lists results, a deck runs, and no page logs a console error or asks another host."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from explainer.collection import read_config
from explainer.publish.dist import dist_name, write_dist
from tests.browser.offline import serve_directory
from tests.helpers import CALCULATOR_PAGE, wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.book]

def settle(page: Page, url: str) -> None:
    """The page with every interactive started (or failed) and every chart drawn, scrolled to as a reader would."""
    page.goto(url)
    wait_until_drawn(page)
    assert page.locator(".explainer-widget.has-failed").count() == 0
    assert page.locator(".explainer-widget").count() == page.locator(".explainer-widget.is-live").count()


def changes(shown: Locator, act: Callable[[], None]) -> None:
    before = shown.inner_text()
    act()
    expect(shown).not_to_have_text(before)


def use_calculator(page: Page) -> None:
    calc = page.locator('.explainer-widget[data-widget="calculator"] .calc').first
    changes(calc.locator('[data-key="units"]'), lambda: calc.get_by_label("Water added", exact=True).fill("3"))


def use_blend(page: Page) -> None:
    blend = page.locator('.explainer-widget[data-widget="blend"] .blend').first
    changes(blend.locator("tbody").first, lambda: blend.get_by_label("Water added").fill("3"))


def use_locator(page: Page) -> None:
    w = page.locator(".explainer-locator").first
    changes(w.locator(".locator-sentence"), lambda: w.get_by_label("Daily total").fill("450"))


def use_stepper(page: Page) -> None:
    w = page.locator(".explainer-stepper").first
    changes(w.locator(".stepper-count"), lambda: w.get_by_role("button", name="Next step").click())
    expect(w.locator(".stepper-count")).to_contain_text("Step 2")


def use_self_check(page: Page) -> None:
    question = page.locator(".quiz-question").first
    feedback = question.get_by_role("status")
    question.get_by_role("radio").first.check()
    expect(feedback).to_contain_text(re.compile(r"Right\.|Not quite"))


INTERACTIVES = {
    "calculator": (CALCULATOR_PAGE, use_calculator),
    "blend": ("notebooks/stacking.html", use_blend),
    "dose locator": ("notebooks/semax/03-dosing.html", use_locator),
    "mechanism stepper": ("notebooks/semax/02-mechanism.html", use_stepper),
    "self-check": ("notebooks/selank/01-what-it-is.html", use_self_check),
}


def clean(page_log) -> None:
    assert page_log.console_errors == [], page_log.console_errors
    assert page_log.failed == [], page_log.failed
    assert page_log.blocked == [], page_log.blocked


@pytest.mark.parametrize("way", ["http", "file"])
@pytest.mark.parametrize("name", INTERACTIVES)
def test_each_interactive_starts_and_answers(page: Page, page_log, base_url: str, built_book: Path, name: str,
                                             way: str) -> None:
    path, use = INTERACTIVES[name]
    assert (built_book / path).exists(), path
    settle(page, base_url + path)
    use(page)
    clean(page_log)


@pytest.mark.parametrize("way", ["http", "file"])
def test_search_lists_results_without_fetching_pages(page: Page, page_log, base_url: str, way: str) -> None:
    page.goto(base_url + "search.html?q=reconstitution")
    results = page.locator("#search-results ul.search li")
    expect(results.first).to_be_visible(timeout=15_000)
    expect(page.locator("#search-results")).to_contain_text(re.compile(r"found \d+ page", re.I))
    page.wait_for_load_state("networkidle")
    clean(page_log)


# Asks for a script and an image from another host, as a stray reference in a page would.
STRAY_REQUESTS = """() => new Promise((resolve) => {
  const seen = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    seen.push(e.violatedDirective);
    if (seen.length === 2) resolve(seen.sort());
  });
  const script = document.createElement('script');
  script.src = 'https://cdn.example.com/library.js';
  const img = document.createElement('img');
  img.src = 'https://images.example.com/picture.png';
  document.body.append(script, img);
})"""


@pytest.mark.parametrize("way", ["http", "file"])
def test_the_policy_still_refuses_other_hosts(page: Page, page_log, base_url: str, way: str) -> None:
    settle(page, base_url + CALCULATOR_PAGE)
    assert page.evaluate(STRAY_REQUESTS) == ["img-src", "script-src-elem"]
    assert page_log.blocked == []  # refused by the page itself, before the test's own guard saw a request


def captioned_tables(built_book: Path) -> list[tuple[str, str]]:
    """(page, id) of every table that carries an id, the kind furo wraps."""
    found = []
    for path in sorted(built_book.rglob("*.html")):
        for table_id in re.findall(r'<table [^>]*\bid="([^"]+)"', path.read_text(encoding="utf-8")):
            found.append((path.relative_to(built_book).as_posix(), table_id))
    return found


@pytest.mark.parametrize("way", ["http", "file"])
def test_a_link_to_a_table_lands_on_the_table(page: Page, page_log, base_url: str, built_book: Path,
                                              way: str) -> None:
    tables = captioned_tables(built_book)
    assert tables, "no table with an id in the book: the check below would prove nothing"
    rel, table_id = tables[0]
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(f"{base_url}{rel}#{table_id}")
    target = page.locator(":target")
    expect(target).to_have_count(1)
    assert target.evaluate("e => e.tagName") == "TABLE"
    assert page.locator(f'[id="{table_id}"]').count() == 1  # the wrapper no longer shares it
    expect(target).to_be_in_viewport()
    clean(page_log)


# ------------------------------------------------------------------------------------------- make dist

@pytest.fixture(scope="module")
def unzipped(built_book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make dist`'s zip, written and unzipped into new, empty folders."""
    archive = write_dist(built_book, tmp_path_factory.mktemp("dist"))
    assert archive.name == f"{dist_name(read_config())}.zip"
    where = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(where)
    (folder,) = where.iterdir()  # one folder, named like the zip
    assert folder.name == archive.stem
    return folder


def test_the_zip_holds_the_book_and_a_readme(unzipped: Path, built_book: Path) -> None:
    readme = (unzipped / "README.txt").read_text(encoding="utf-8")
    assert "index.html" in readme and "Nothing needs installing" in readme and "Nothing is sent anywhere" in readme
    book = {p.relative_to(built_book) for p in built_book.rglob("*") if p.is_file() and not
            any(part.startswith(".") for part in p.relative_to(built_book).parts)}
    assert {p.relative_to(unzipped) for p in unzipped.rglob("*") if p.is_file()} == book | {Path("README.txt")}


@pytest.mark.parametrize("path", ["index.html", CALCULATOR_PAGE, "slides/semax/mechanism.html",
                                  "handouts/semax/dosing.html"])
def test_the_unzipped_book_works_from_disk(page: Page, page_log, unzipped: Path, path: str) -> None:
    page.goto((unzipped / path).as_uri())
    if path.startswith("slides/"):
        page.wait_for_selector("body.deck-ready")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("document.body.dataset.slide === '2'")
    else:
        page.wait_for_load_state("networkidle")
        wait_until_drawn(page)
        if path == CALCULATOR_PAGE:
            use_calculator(page)
    assert page.url.startswith(unzipped.as_uri())  # the root page leads into the unzipped book
    clean(page_log)


# --------------------------------------------------------------------------------------------- subpath

@pytest.fixture(scope="module")
def subpath_url(built_book: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The book served at /some/sub/path/, as a project site on GitHub Pages (user.github.io/repo/) is."""
    root = tmp_path_factory.mktemp("host")
    (root / "some" / "sub").mkdir(parents=True)
    (root / "some" / "sub" / "path").symlink_to(built_book.resolve(), target_is_directory=True)
    with serve_directory(root) as url:
        yield url + "some/sub/path/"


@pytest.mark.parametrize("name", INTERACTIVES)
def test_the_book_works_under_a_subpath(page: Page, page_log, subpath_url: str, name: str) -> None:
    path, use = INTERACTIVES[name]
    settle(page, subpath_url + path)
    use(page)
    clean(page_log)


def test_the_root_page_and_a_deck_work_under_a_subpath(page: Page, page_log, subpath_url: str) -> None:
    page.goto(subpath_url)  # the folder itself: the host serves index.html, the landing page itself
    page.wait_for_load_state("networkidle")
    assert page.url == subpath_url  # no forwarding: the first response is the page a reader wants
    expect(page.locator("h1").first).to_have_text(re.compile(read_config().title))
    page.locator("article a[href*='notebooks/semax/']").first.click()  # its links resolve under the subpath
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(subpath_url + "notebooks/semax/")
    page.goto(subpath_url + "slides/selank/dosing.html")
    page.wait_for_selector("body.deck-ready")
    clean(page_log)
