"""The charts, the mechanism stepper and the dose locator in the built book, in Chromium.

Pages and what they hold (Semax's part, and the shared stacking page): 02-mechanism (seven steppers, one per step,
and the BDNF chart),
03-dosing (the dose chart and the dose locator), stacking (the day chart), 06-evidence (the
timeline). Expected numbers are read from the content file, as the book's are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.content import load_compound
from explainer.widgets.dose_locator import DoseLocator

pytestmark = [pytest.mark.browser, pytest.mark.book]

CHART_PAGES = {"semax/02-mechanism": 1, "semax/03-dosing": 1, "stacking": 1, "semax/06-evidence": 1}
ALL_PAGES = sorted(CHART_PAGES)
SEMAX = load_compound("semax")
STEPS = SEMAX.mechanism.steps

DRAWN = """() => {
  const figs = [...document.querySelectorAll('.explainer-plotly')];
  const widgets = [...document.querySelectorAll('.explainer-widget')];
  return figs.every((f) => f.querySelector('.main-svg'))
    && widgets.every((w) => w.classList.contains('is-live') || w.classList.contains('has-failed'));
}"""


@pytest.fixture
def open_page(page, book_url: str, built_book: Path):
    def go(name: str):
        path = built_book / "notebooks" / f"{name}.html"
        assert path.exists(), f"{path} is missing: the book build did not produce this chapter"
        page.goto(f"{book_url}notebooks/{name}.html")
        # plotly.js is loaded when a chart comes near the viewport: the reader scrolls to each one.
        for fig in page.locator(".explainer-plotly").all():
            fig.scroll_into_view_if_needed()
        page.wait_for_function(DRAWN, timeout=15_000)
        return page
    return go


def visible_points(page) -> int:
    return page.locator(".explainer-plotly .scatterlayer .trace .point").count()


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_chart_renders(open_page, name: str) -> None:
    pg = open_page(name)
    figs = pg.locator(".explainer-plotly")
    assert figs.count() == CHART_PAGES[name]
    for i in range(figs.count()):
        assert figs.nth(i).locator(".main-svg").count() >= 1
        box = figs.nth(i).bounding_box()
        assert box and box["height"] >= 200


@pytest.mark.parametrize("name", ALL_PAGES)
def test_chart_titles_and_notes_sit_on_the_chart(open_page, name: str) -> None:
    # plotly draws a chart in stacked SVG layers (plot, then titles, notes and hover boxes), placed
    # by its own stylesheet. Without that stylesheet the layers fall below one another and every
    # title and note is drawn outside the chart.
    pg = open_page(name)
    offsets = pg.evaluate("""() => [...document.querySelectorAll('.explainer-plotly')].map((f) => {
        const top = f.getBoundingClientRect().top;
        return [...f.querySelectorAll('.main-svg')].map((s) => Math.round(s.getBoundingClientRect().top - top));
    })""")
    assert offsets and all(set(layers) == {0} for layers in offsets), offsets


@pytest.mark.parametrize("name", ALL_PAGES)
def test_plotly_is_loaded_once_and_nothing_leaves_the_machine(open_page, page_log, name: str) -> None:
    open_page(name)
    assert len([u for u in page_log.requests if "plotly" in u]) == 1, page_log.requests
    assert page_log.blocked == []


@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_console_errors(open_page, page_log, name: str) -> None:
    open_page(name)  # returns once every widget has started and every figure is drawn
    assert page_log.console_errors == []


@pytest.mark.parametrize("name", ALL_PAGES)
def test_a_chart_is_a_picture_until_the_reader_comes_near(page, page_log, book_url: str, name: str) -> None:
    # plotly.js is one long task: a page only read never runs it. The picture stands in, as tall as the chart.
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(f"{book_url}notebooks/{name}.html", wait_until="load")
    fig = page.locator(".explainer-plotly").first
    if page.evaluate("document.querySelector('.explainer-plotly').getBoundingClientRect().top") > 823 + 400:
        page.wait_for_timeout(500)
        assert not [u for u in page_log.requests if "plotly" in u], page_log.requests
        assert "is-drawn" not in (fig.get_attribute("class") or "")
    fig.scroll_into_view_if_needed()
    img = fig.locator(".explainer-figure-picture img")
    before = fig.bounding_box()
    page.wait_for_function("() => document.querySelector('.explainer-plotly').classList.contains('is-drawn')")
    after = fig.bounding_box()
    # The picture scales with the column and plotly's chart has a fixed height: close, never collapsed.
    assert before and after and abs(before["height"] - after["height"]) <= 0.1 * after["height"], (before, after)
    assert not img.is_visible()
    assert len([u for u in page_log.requests if "plotly" in u]) == 1
    assert page_log.console_errors == [] and page_log.blocked == []


@pytest.mark.parametrize("name", ALL_PAGES)
def test_without_javascript_a_chart_is_its_picture(browser, book_url: str, name: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 412, "height": 823})
    pg = context.new_page()
    pg.goto(f"{book_url}notebooks/{name}.html")
    img = pg.locator(".explainer-plotly .explainer-figure-picture img").first
    img.scroll_into_view_if_needed()
    pg.wait_for_function("() => { const i = document.querySelector('.explainer-figure-picture img');"
                         " return i.complete && i.naturalWidth > 0; }")
    box = img.bounding_box()
    ratio = int(img.get_attribute("height") or 0) / int(img.get_attribute("width") or 1)
    assert box and box["width"] > 300 and abs(box["height"] / box["width"] - ratio) < 0.01, box
    context.close()


# --------------------------------------------------------------------------- evidence timeline


def click_filter(pg, label: str) -> None:
    pg.locator(".explainer-plotly .updatemenu-button", has_text=label).first.click()
    # plotly restyles in the click handler; two animation frames later the new traces are painted.
    pg.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_filter_buttons_change_the_visible_studies(open_page, page_log) -> None:
    pg = open_page("semax/06-evidence")
    studies = [s for s in SEMAX.studies if s.year is not None]  # an undated study is named under the chart
    # Only the studies the book read are filtered by kind: one it did not read is never shown as a human study.
    human = sum(s.subject == "human" and s.is_read for s in studies)
    animal = sum(s.subject != "human" and s.is_read for s in studies)  # "Animal or lab": animals and test tubes
    assert human < sum(s.subject == "human" for s in studies)
    assert visible_points(pg) == len(studies)
    click_filter(pg, "Human")
    assert visible_points(pg) == human
    click_filter(pg, "Animal")
    assert visible_points(pg) == animal
    click_filter(pg, "All studies")
    assert visible_points(pg) == len(studies)
    assert page_log.blocked == []


def test_the_unverified_study_is_drawn_hollow(open_page) -> None:
    pg = open_page("semax/06-evidence")
    labels = pg.locator(".explainer-plotly .scatterlayer .textpoint").all_text_contents()
    # Its two lines ("attribution", "unverified") run together in the text content.
    assert any("attributionunverified" in t.replace(" ", "") for t in labels)
    fills = pg.evaluate("""() => [...document.querySelectorAll('.explainer-plotly .scatterlayer .point')]
        .map((p) => getComputedStyle(p).fill === 'none' || p.style.fillOpacity === '0')""")
    assert sum(fills) == sum(s.is_unverified or not s.is_read for s in SEMAX.studies if s.year is not None)


# --------------------------------------------------------------------------- mechanism stepper


def stepper(pg, i: int):
    return pg.locator(".explainer-stepper").nth(i)


def current_node(widget) -> str:
    return widget.locator(".stepper-node.is-current").get_attribute("data-node")


def test_each_section_has_a_stepper_at_its_own_step(open_page) -> None:
    pg = open_page("semax/02-mechanism")
    assert pg.locator(".explainer-stepper").count() == len(STEPS)
    for i, step in enumerate(STEPS):
        w = stepper(pg, i)
        assert w.locator(".stepper-count").inner_text().startswith(f"Step {step.number} of {len(STEPS)}")
        assert current_node(w) == step.diagram_node
        assert w.locator(".stepper-title").inner_text().startswith(step.title)
    assert pg.get_by_role("button", name="Next step").count() == len(STEPS)
    assert pg.get_by_role("button", name="Previous step").count() == len(STEPS)


def test_a_steppers_own_step_text_is_the_pages_and_other_steps_show_theirs(open_page) -> None:
    # The section's prose right below says the stepper's own step: the panel leaves it out (hidden from a screen
    # reader too), and shows each other step's text when the reader moves there.
    pg = open_page("semax/02-mechanism")
    w = stepper(pg, 3)
    body = w.locator(".stepper-body")
    assert body.is_hidden()
    w.get_by_role("button", name="Next step").click()
    assert body.is_visible() and body.inner_text() == " ".join(STEPS[4].body.split())
    w.get_by_role("button", name="Previous step").click()
    assert body.is_hidden()
    shown = " ".join(pg.locator("article").first.inner_text().split())
    assert shown.count(" ".join(STEPS[3].body.split())[:60]) == 1


def test_next_and_the_arrow_keys_move_the_step(open_page) -> None:
    pg = open_page("semax/02-mechanism")
    w = stepper(pg, 0)
    count = w.locator(".stepper-count")
    assert count.get_attribute("aria-live") == "polite"
    assert w.get_by_role("button", name="Previous step").is_disabled()
    w.get_by_role("button", name="Next step").click()
    assert count.inner_text().startswith("Step 2 of 7") and current_node(w) == STEPS[1].diagram_node
    w.focus()
    pg.keyboard.press("ArrowRight")
    assert count.inner_text().startswith("Step 3 of 7") and current_node(w) == STEPS[2].diagram_node
    # Nodes of the steps already seen carry a tick.
    visited = {n.get_attribute("data-node") for n in w.locator(".stepper-node.is-visited").all()}
    assert visited == {STEPS[0].diagram_node, STEPS[1].diagram_node} - {STEPS[2].diagram_node}
    pg.keyboard.press("ArrowLeft")
    assert count.inner_text().startswith("Step 2 of 7")
    # The other steppers on the page did not move.
    assert stepper(pg, 1).locator(".stepper-count").inner_text().startswith("Step 2 of 7")
    assert stepper(pg, 2).locator(".stepper-count").inner_text().startswith("Step 3 of 7")


def test_next_is_disabled_at_the_last_step(open_page) -> None:
    pg = open_page("semax/02-mechanism")
    last = stepper(pg, len(STEPS) - 1)
    assert last.get_by_role("button", name="Next step").is_disabled()
    last.focus()
    pg.keyboard.press("ArrowRight")
    assert last.locator(".stepper-count").inner_text().startswith(f"Step {len(STEPS)} of {len(STEPS)}")


def test_the_diagram_draws_the_blood_route_without_crossing_it_out(open_page) -> None:
    pg = open_page("semax/02-mechanism")
    w = stepper(pg, 0)
    assert w.locator(".stepper-cross, .stepper-blocked").count() == 0
    route = w.locator(".stepper-route-blood")
    assert route.count() == 1 and route.is_visible()
    assert "label says it crosses" in w.locator(".stepper-route-caption:not(.stepper-main-caption)").text_content()


@pytest.mark.parametrize("step", [1, 2, 3])
def test_the_direct_route_is_captioned_and_no_bolder_than_the_blood_route(open_page, step: int) -> None:
    # Nose → nasal pathway → brain is the original page's description, not a finding: captioned so,
    # named so in the drawing's accessible title, and never drawn bolder than the disputed blood route,
    # even on the step that lights it up.
    pg = open_page("semax/02-mechanism")
    w = stepper(pg, step - 1)
    caption = w.locator(".stepper-main-caption")
    assert caption.is_visible() and "original page" in caption.text_content()
    title = w.locator(".stepper-svg > title").text_content()
    assert caption.text_content() in title and "label says it crosses" in title
    width = "(e) => parseFloat(getComputedStyle(e).strokeWidth)"
    blood = w.locator(".stepper-route-blood").evaluate(width)
    direct = [e.evaluate(width) for e in w.locator(".stepper-route-direct").all()]
    assert len(direct) == 2 and max(direct) <= blood


def test_print_keeps_the_current_step_and_drops_the_buttons(open_page) -> None:
    pg = open_page("semax/02-mechanism")
    stepper(pg, 0).get_by_role("button", name="Next step").click()
    pg.emulate_media(media="print")
    w = stepper(pg, 0)
    assert not w.locator(".stepper-nav").is_visible()
    assert w.locator(".stepper-svg").is_visible()
    assert w.locator(".stepper-count").inner_text().startswith("Step 2 of 7")


# --------------------------------------------------------------------------- dose locator


def locator_widget(pg):
    return pg.locator(".explainer-locator").first


@pytest.mark.parametrize("typed", ["450", "300", "15000", "2000", "100"])
def test_the_locator_sentence_matches_python(open_page, typed: str) -> None:
    pg = open_page("semax/03-dosing")
    w = locator_widget(pg)
    w.get_by_label("Daily total").fill(typed)
    assert w.locator(".locator-sentence").inner_text() == DoseLocator(SEMAX).describe(float(typed))


def test_the_locator_sentence_changes_and_the_band_lights_up(open_page) -> None:
    pg = open_page("semax/03-dosing")
    w = locator_widget(pg)
    sentence = w.locator(".locator-sentence")
    first = sentence.inner_text()
    w.get_by_label("Daily total").fill("450")
    assert sentence.inner_text() != first
    lit = lambda: sorted(e.get_attribute("data-band") for e in w.locator(".locator-band.is-hit").all())  # noqa: E731
    assert lit() == ["label_general", "range"]
    w.get_by_label("Daily total").fill("15")
    w.get_by_label("mg").check()
    assert "label's 1% schedule (hospital)" in sentence.inner_text()
    assert lit() == ["label_stroke"]  # never "pushing higher": it has no upper figure to be in


@pytest.mark.parametrize(("typed", "words"), [
    ("", "Type a daily total"),
    ("abc", "Daily total must be a number"),  # the calculator's reader and its spec's words
    ("NaN", "Daily total must be a number"),
    ("0", "Daily total must be more than zero."),
    ("-5", "Daily total cannot be negative."),
    ("0,3", "with a dot for decimals"),
    ("1e400", "Daily total must be an ordinary finite number."),
    ("9" * 65, "too many characters"),
])
def test_bad_input_gets_a_clear_message(open_page, typed: str, words: str) -> None:
    pg = open_page("semax/03-dosing")
    w = locator_widget(pg)
    w.get_by_label("Daily total").fill("450")
    w.get_by_label("Daily total").fill(typed)
    text = w.locator(".locator-sentence").inner_text()
    assert words in text and "NaN" not in text.replace("“NaN”", "")
    assert not w.locator(".locator-marker").is_visible()


@pytest.mark.parametrize("typed", [
    "0.0000001", "0.0009765625", "0.25", "675", "3750", "1234565000", "1234565.5", "123456000", "0.3",
    "9" * 40, "1e3", "4.5E2",
])
def test_tiny_huge_and_halfway_numbers_read_as_python_writes_them(open_page, typed: str) -> None:
    # The page formats numbers with format.js, Python with explainer.numbers: they must agree digit for
    # digit, never showing "0 mcg" for a tiny total, an exponent, or a halfway case rounded the other way.
    pg = open_page("semax/03-dosing")
    w = locator_widget(pg)
    w.get_by_label("Daily total").fill(typed)
    text = w.locator(".locator-sentence").inner_text()
    assert text == DoseLocator(SEMAX).describe(float(typed))
    assert not text.startswith("0 mcg") and "about 0×" not in text and "e+" not in text


# --------------------------------------------------------------------------- narrow and wide screens

# Boxes (page coordinates) of the parts of a drawing whose text must be readable: inside the box
# `frame` and, for `apart`, not overlapping one another.
BOXES = """([frame, inside, apart]) => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const f = document.querySelector(frame);
  const shown = (sel) => [...f.querySelectorAll(sel)].filter((e) => e.getBoundingClientRect().width > 0);
  return { frame: box(f), inside: shown(inside).map((e) => [e.textContent, box(e)]),
           apart: shown(apart).map((e) => [e.textContent, box(e)]) };
}"""


def check_boxes(pg, frame: str, inside: str, apart: str) -> None:
    got = pg.evaluate(BOXES, [frame, inside, apart])
    left, _, right, _ = got["frame"]
    assert got["inside"], inside
    for text, (x0, _, x1, _) in got["inside"]:
        assert x0 >= left - 1 and x1 <= right + 1, \
            f"{text!r} runs off {frame} ({x0:.0f}–{x1:.0f} in {left:.0f}–{right:.0f})"
    boxes = got["apart"]
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1:]:
            overlap = a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
            assert not overlap, f"{ta!r} and {tb!r} run together"


@pytest.mark.parametrize("width", [390, 1200])
def test_dose_chart_text_fits_and_stays_apart(page, open_page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    pg = open_page("semax/03-dosing")
    chart = ".explainer-plotly"
    check_boxes(pg, chart, ".xtick text, .annotation-text-g, .g-xtitle", ".xtick text")
    labels = pg.locator(f"{chart} .xtick text").all_text_contents()
    assert labels == ["100 mcg", "1 mg", "10 mg", "100 mg"]


@pytest.mark.parametrize("width", [390, 1200])
def test_timeline_labels_fit(page, open_page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    pg = open_page("semax/06-evidence")
    check_boxes(pg, ".explainer-plotly", ".textpoint, .annotation-text-g, .xtick text", ".xtick text")
    labels = " ".join(pg.locator(".explainer-plotly .textpoint").all_text_contents())
    assert "attribution" in labels and "unverified" in labels


@pytest.mark.parametrize("width", [390, 1200])
def test_stacking_chart_text_fits(page, open_page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    pg = open_page("stacking")
    check_boxes(pg, ".explainer-plotly", ".textpoint, .annotation-text-g, .xtick text", ".xtick text")


@pytest.mark.parametrize("width", [390, 1200])
def test_locator_strip_labels_fit_and_stay_apart(page, open_page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    pg = open_page("semax/03-dosing")
    w = locator_widget(pg)
    for typed in ("", "450", "15000"):  # the band a total falls in is set in bold, a little wider
        w.get_by_label("Daily total").fill(typed)
        check_boxes(pg, ".locator-svg",
                    ".locator-label-group, .locator-tick-label, .locator-axis-label, .locator-open-note",
                    ".locator-label-group, .locator-tick-label, .locator-open-note")
    # Every band is named (a wrapped label's lines join without their space).
    shown = sorted(t.replace(" ", "") for t in w.locator(".locator-band-label").all_text_contents())
    assert shown == sorted(b["label"].replace(" ", "") for b in DoseLocator(SEMAX).bands)
    # Drawn at the width it has: no sideways scrolling, and its text at its real size.
    strip = w.locator(".locator-strip")
    assert strip.evaluate("(e) => e.scrollWidth <= e.clientWidth + 1")
    size = w.locator(".locator-band-label").first.evaluate(
        "(e) => e.getBoundingClientRect().height / e.getBBox().height")
    assert 0.95 < size < 1.05


def test_the_locator_strip_fades_the_range_in_without_an_edge(open_page) -> None:
    # The sources give the reported range no lower figure: its left end fades in from below the
    # standard, unoutlined even when a total lights the band.
    pg = open_page("semax/03-dosing")
    w = locator_widget(pg)
    w.get_by_label("Daily total").fill("450")
    fades = w.locator(".band-range .locator-open").all()
    assert len(fades) == 4
    opacity = [float(f.get_attribute("fill-opacity")) for f in fades]
    assert opacity == sorted(opacity) and opacity[0] < 0.3
    assert all(f.evaluate("(e) => getComputedStyle(e).stroke") == "none" for f in fades)
    standard = w.locator(".band-standard path.locator-shape").bounding_box()
    assert fades[0].bounding_box()["x"] < standard["x"]
