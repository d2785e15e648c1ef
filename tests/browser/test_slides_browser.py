"""The chapter decks and handouts in a real browser, offline.

Each deck is driven through every slide with the keyboard (arrow keys and a clicker's Page Down, back
with Page Up), with no console error, no request to another host, no policy violation and no axe
finding on any slide; the speaker view opens under the deck's policy and shows the step's caveat and
evidence grade; the type is large and the contrast high in light and dark. Each handout prints on one
sheet (A4 and US Letter) with its table and the disclaimer.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from explainer.classroom import handouts, slides
from explainer.collection import compounds, disclaimer_text
from explainer.content import GRADE_INFO, load_compound
from tests.browser.test_crawl import AXE_RUN, WATCH_CSP
from tests.helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.book]

DECKS = [(c, ch.key) for c in compounds() for ch in slides.chapters_for(c)]  # decks: the collection's compounds
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    """Without whitespace and with ligatures ("ﬁ") spelt out, as a PDF's text may hold them."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def open_deck(page: Page, book_url: str, compound: str, chapter: str) -> int:
    page.add_init_script(WATCH_CSP)
    page.goto(book_url + slides.deck_path(compound, chapter))
    page.wait_for_selector("body.deck-ready")
    return int(page.evaluate("document.body.dataset.slides"))


def current(page: Page) -> int:
    return int(page.evaluate("document.body.dataset.slide"))


def problems_here(page: Page, page_log, where: str) -> list[str]:
    page.evaluate(AXE)
    found = [f"{where}: axe: {v}" for v in page.evaluate(AXE_RUN)]
    found += [f"{where}: CSP: {v}" for v in page.evaluate("window.__cspViolations")]
    return found


# Served and opened from disk (file://: no ES modules there), the latter in one colour scheme.
@pytest.mark.parametrize(("way", "scheme"), [("http", "light"), ("http", "dark"), ("file", "light")])
@pytest.mark.parametrize(("compound", "chapter"), DECKS)
def test_a_deck_goes_through_every_slide_by_keyboard(page: Page, page_log, base_url: str, compound: str,
                                                     chapter: str, way: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    total = open_deck(page, base_url, compound, chapter)
    assert total == len(slides.slides_for(compound, chapter))
    problems = problems_here(page, page_log, "slide 1")
    for n in range(2, total + 1):
        page.keyboard.press("ArrowRight" if n % 2 else "PageDown")  # a clicker sends Page Down
        page.wait_for_function(f"document.body.dataset.slide === '{n}'")
        problems += problems_here(page, page_log, f"slide {n}")
    page.keyboard.press("ArrowRight")  # past the last slide: stays there
    assert current(page) == total
    page.keyboard.press("PageUp")
    page.wait_for_function(f"document.body.dataset.slide === '{total - 1}'")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"document.body.dataset.slide === '{total - 2}'")
    assert not problems, "\n".join(problems)
    assert page_log.console_errors == [], page_log.console_errors
    assert page_log.failed == [], page_log.failed
    assert page_log.blocked == [], page_log.blocked


@pytest.mark.parametrize("width", [390, 412])
@pytest.mark.parametrize(("compound", "chapter"), DECKS)
def test_a_deck_scrolls_through_every_slide_at_phone_width(page: Page, page_log, book_url: str, compound: str,
                                                            chapter: str, width: int) -> None:
    # Below 435 px reveal shows the deck as one scrolling page (its scroll view); each chart is drawn as
    # its slide comes up, and nothing throws on the way.
    page.set_viewport_size({"width": width, "height": 844})
    total = open_deck(page, book_url, compound, chapter)
    assert page.evaluate("window.explainerDeck.isScrollView()")
    page.mouse.move(width / 2, 400)
    for n in range(2, total + 1):
        page.mouse.wheel(0, 844)
        page.wait_for_function(f"() => document.body.dataset.slide === '{n}'")
        slide = page.locator(".reveal .slides section.present").last
        for i in range(slide.locator(".explainer-plotly").count()):
            expect(slide.locator(".explainer-plotly").nth(i)).to_have_class(re.compile(r"\bis-drawn\b"))
            expect(slide.locator(".explainer-plotly .main-svg").first).to_be_visible()
        for i in range(slide.locator(".explainer-widget").count()):  # started as its slide comes up
            expect(slide.locator(".explainer-widget").nth(i)).to_have_class(re.compile(r"\bis-live\b"))
    assert page.evaluate("document.body.scrollTop") > 0
    assert page_log.console_errors == [], page_log.console_errors
    assert page_log.failed == [] and page_log.blocked == [], (page_log.failed, page_log.blocked)
    assert page.evaluate("window.__cspViolations") == []


def test_the_mechanism_deck_shows_each_step_on_the_diagram(page: Page, page_log, book_url: str) -> None:
    c = load_compound("semax")
    open_deck(page, book_url, "semax", "mechanism")
    page.keyboard.press("ArrowRight")  # the summary
    for step in c.mechanism.steps:
        page.keyboard.press("ArrowRight")
        slide = page.locator(".reveal .slides > section.present")
        expect(slide.locator("h2")).to_contain_text(step.title)
        stepper = slide.locator(".explainer-stepper")
        expect(stepper).to_have_attribute("data-step", str(step.number))
        expect(stepper).to_have_attribute("data-node", step.diagram_node)
        expect(stepper.locator(f'.stepper-node.is-current[data-node="{step.diagram_node}"]')).to_be_visible()
    assert page_log.console_errors == []


def test_a_deck_starts_only_the_widgets_of_the_slide_it_shows(page: Page, page_log, book_url: str) -> None:
    # A link straight to a step: that slide's diagram is live at once; the others wait for their slide.
    c = load_compound("semax")
    step = c.mechanism.steps[2]
    page.goto(book_url + slides.deck_path("semax", "mechanism") + f"#/{step.number + 1}")
    page.wait_for_selector("body.deck-ready")
    slide = page.locator(".reveal .slides > section.present")
    expect(slide.locator(".explainer-stepper")).to_have_attribute("data-step", str(step.number))
    assert page.locator(".explainer-widget.is-live").count() == 1
    assert page.locator(".explainer-widget").count() == len(c.mechanism.steps)
    page.keyboard.press("ArrowRight")
    shown = page.locator(".reveal .slides > section.present .explainer-widget")
    expect(shown).to_have_class(re.compile(r"\bis-live\b"))
    assert page_log.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_type_is_large_and_contrast_high(page: Page, book_url: str, scheme: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.emulate_media(color_scheme=scheme)
    open_deck(page, book_url, "semax", "evidence")
    page.keyboard.press("ArrowRight")
    ratio, size = page.evaluate("""() => {
      const p = document.querySelector('.reveal .slides > section.present p');
      const lum = (c) => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map((v) => {
        v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const fg = lum(getComputedStyle(p).color), bg = lum(getComputedStyle(document.body).backgroundColor);
      const scale = p.getBoundingClientRect().height / p.offsetHeight;
      return [(Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), parseFloat(getComputedStyle(p).fontSize) * scale];
    }""")
    assert ratio >= 7, ratio  # WCAG AAA
    assert size >= 24, size  # CSS pixels on a 1280×800 screen


def test_full_screen_on_f(page: Page, book_url: str) -> None:
    open_deck(page, book_url, "semax", "dosing")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")


@pytest.mark.parametrize("way", ["http", "file"])
def test_speaker_view_shows_the_steps_grade_and_caveat(page: Page, page_log, base_url: str, way: str) -> None:
    c = load_compound("semax")
    step = next(s for s in c.mechanism.steps if s.caveat)
    open_deck(page, base_url, "semax", "mechanism")
    for _ in range(step.number + 1):  # past the title and the summary
        page.keyboard.press("ArrowRight")
    notes_errors: list[str] = []
    with page.context.expect_page() as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    popup.on("console", lambda m: notes_errors.append(m.text) if m.type == "error" else None)
    notes = popup.locator(".speaker-controls-notes .value")
    expect(notes).to_contain_text(step.caveat.split(".")[0], timeout=15_000)
    expect(notes).to_contain_text(f"Step {step.number}")
    expect(notes).to_contain_text(GRADE_INFO[step.grade].label)
    assert notes_errors == [] and page_log.console_errors == [], (notes_errors, page_log.console_errors)
    assert page.evaluate("window.__cspViolations") == []


def pdf_pages(page: Page, fmt: str) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(page.pdf(format=fmt, print_background=True)))
    return len(reader.pages), squeeze("".join(p.extract_text() or "" for p in reader.pages))


@pytest.mark.parametrize(("compound", "chapter"), DECKS)
def test_a_handout_prints_on_one_page(page: Page, page_log, book_url: str, compound: str, chapter: str) -> None:
    c = load_compound(compound)
    page.goto(book_url + handouts.handout_path(compound, chapter))
    page.emulate_media(media="print")
    for fmt in ("A4", "Letter"):
        count, text = pdf_pages(page, fmt)
        assert count == 1, (fmt, count)
        assert squeeze(disclaimer_text(c)) in text
        assert squeeze(slides.chapter(c, chapter).heading(c)) in text
        if chapter == "dosing":
            assert all(squeeze(r.label) in text for r in c.dosing.rows)
        if chapter == "evidence":
            assert all(squeeze(s.short_cite) in text for s in c.studies)
    assert page_log.console_errors == [] and page_log.blocked == [] and page_log.failed == []
