"""The still pictures of the figures (src/explainer/picture.py): drawn from plotly's own figure dict, so
every title, note, tick label, bar and marker of the chart is in the picture, and nothing the book's
policy refuses (style attributes, scripts) is."""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explainer import charts
from explainer.picture import NARROW, WIDE, figure_svg, prune_pictures, with_pictures

BUILDERS = [charts.dose_range, charts.evidence_timeline, charts.stacking_day, charts.bdnf_changes]
NS = "{http://www.w3.org/2000/svg}"


def lines(text: str) -> list[str]:
    return [t for t in re.split(r"<br>", text) if t.strip()]


def drawn_text(svg: str) -> str:
    return html.unescape(" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)))


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize("width", [NARROW, WIDE])
def test_a_picture_is_plain_svg_as_tall_as_the_chart(build, width: int) -> None:
    spec = build("semax").spec()
    svg = figure_svg(spec, width)
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("width") == str(width) and root.get("height") == str(spec["layout"]["height"])
    for el in root.iter():
        assert el.tag not in (f"{NS}script", f"{NS}style", f"{NS}foreignObject"), el.tag
        assert "style" not in el.attrib and not any(a.startswith("on") for a in el.attrib), el.attrib


@pytest.mark.parametrize("build", BUILDERS)
def test_a_picture_carries_every_word_of_the_chart(build) -> None:
    spec = build("semax").spec()
    text = drawn_text(figure_svg(spec))
    layout = spec["layout"]
    words = lines(layout["title"]["text"])
    words += [line for a in layout.get("annotations", []) for line in lines(a["text"])]
    for axis in (layout["xaxis"], layout["yaxis"]):
        if axis.get("ticktext") and axis.get("showticklabels", True):
            words += [line for t in axis["ticktext"] for line in lines(t)]
        words += lines((axis.get("title") or {}).get("text", ""))
    words += [line for t in spec["data"] if "text" in t.get("mode", "text")
              for label in (t.get("text") or []) for line in lines(label)]
    words += [b["label"] for m in layout.get("updatemenus", []) for b in m["buttons"]]
    missing = [w for w in words if html.unescape(w).strip() not in text]
    assert not missing, missing


@pytest.mark.parametrize("build", BUILDERS)
def test_a_picture_draws_every_bar_and_marker(build) -> None:
    spec = build("semax").spec()
    root = ET.fromstring(figure_svg(spec))
    shapes = len(root.findall(f"{NS}circle")) + len(root.findall(f"{NS}polygon"))
    # Each bar is a rect (and a second one for its hatching); the menu's buttons are rects too.
    bars = sum(len(t["x"]) * (2 if (t.get("marker") or {}).get("pattern", {}).get("shape") else 1)
               for t in spec["data"] if t["type"] == "bar")
    buttons = sum(len(m["buttons"]) for m in spec["layout"].get("updatemenus", []))
    markers = sum(len(t["x"]) for t in spec["data"] if t["type"] == "scatter" and "markers" in t.get("mode", ""))
    assert shapes == markers
    assert len(root.findall(f"{NS}rect")) == bars + buttons


def test_a_picture_follows_the_figure() -> None:
    spec = charts.bdnf_changes("semax").spec()
    moved = copy.deepcopy(spec)
    moved["data"][0]["x"][0] *= 2
    moved["layout"]["annotations"][0]["text"] = "Another note"
    assert figure_svg(moved) != figure_svg(spec)
    assert "Another note" in drawn_text(figure_svg(moved))
    hidden = copy.deepcopy(spec)
    hidden["data"][0]["visible"] = False  # a filter button's restyle: the picture shows what the chart shows
    assert len(ET.fromstring(figure_svg(hidden)).findall(f"{NS}rect")) == 0


def test_pictures_are_written_once_and_linked_from_the_page(tmp_path: Path) -> None:
    page = "<p>before</p>" + charts.dose_range("semax").to_html() + "<p>after</p>"
    out = with_pictures(page, tmp_path, "../_static/")
    files = sorted((tmp_path / "_static" / "explainer" / "figures").glob("*.svg"))
    assert len(files) == 2
    for f in files:
        assert f"../_static/explainer/figures/{f.name}" in out
    assert out.count("<picture") == 1 and out.startswith("<p>before</p>") and out.endswith("<p>after</p>")
    stamps = [f.stat().st_mtime_ns for f in files]
    assert with_pictures(page, tmp_path, "../_static/") == out
    assert [f.stat().st_mtime_ns for f in files] == stamps


def test_pictures_no_page_links_are_removed(tmp_path: Path) -> None:
    page = with_pictures(charts.bdnf_changes("semax").to_html(), tmp_path, "_static/")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    folder = tmp_path / "_static" / "explainer" / "figures"
    stale = folder / "0123abcd.svg"
    stale.write_text("<svg/>", encoding="utf-8")
    assert prune_pictures(tmp_path) == [stale]
    assert len(list(folder.glob("*.svg"))) == 2
