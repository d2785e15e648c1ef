"""Colours and contrast: one colour per evidence grade, the neutral ink and grid, and badge styles.

Okabe–Ito colours, chosen to stay distinguishable with the common colour-vision deficiencies, also
offered to tables and badges through :func:`badge_style`. Backgrounds are transparent and text and
grid are a mid grey, so a figure reads on the light and the dark page theme alike.
"""

from __future__ import annotations

from ..content import GRADE_INFO, Grade

# Okabe & Ito's palette: each pair stays apart under protan-, deutan- and tritanopia, and every
# colour is mid-toned, so a filled band or marker shows on a white and on a near-black page.
GRADE_COLOURS: dict[Grade, str] = {
    Grade.community: "#E69F00",  # orange
    Grade.label: "#CC79A7",  # reddish purple
    Grade.clinical: "#0072B2",  # blue
    Grade.imaging: "#009E73",  # bluish green
    Grade.animal: "#D55E00",  # vermillion
    Grade.background: "#56B4E9",  # sky blue
    Grade.original_page: "#F0E442",  # yellow
    # The four added with the "what was checked" model, picked to stay apart from the seven above under
    # every colour-vision simulation the tests run.
    Grade.vendor: "#602000",  # dark brown
    Grade.press: "#002080",  # navy
    Grade.search: "#8000E0",  # violet
    Grade.listing: "#000000",  # black: nothing of the source was read
    Grade.human_study: "#A0B060",  # olive: people, but no controlled comparison
}

# A grey that keeps roughly 4:1 contrast on both furo's white and its near-black background.
INK = "#7f7f7f"
GRID = "rgba(127,127,127,0.25)"

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def grade_style(grade: Grade | str) -> dict[str, str]:
    """Everything a badge needs for a grade: its value, badge words, meaning, colour and a readable text colour."""
    g = Grade(grade)
    bg = GRADE_COLOURS[g]
    text = "#000000" if _contrast(bg, "#000000") >= _contrast(bg, "#ffffff") else "#ffffff"
    return {"grade": g.value, "label": GRADE_INFO[g].label, "meaning": GRADE_INFO[g].meaning,
            "colour": bg, "text_colour": text}


def badge_style(grade: Grade | str) -> str:
    """Inline CSS for a badge in this grade's colour, with whichever of black or white text reads better."""
    style = grade_style(grade)
    return f"background:{style['colour']};color:{style['text_colour']}"


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def grade_css() -> str:
    """Badge colours as CSS rules (the book serves them as grades.css; JupyterLab gets them from the plumbing cell)."""
    rules = [f".grade-badge.grade-{g.value} {{ background: {st['colour']}; color: {st['text_colour']}; }}"
             for g in Grade for st in [grade_style(g)]]
    return "/* Generated from explainer.charts.GRADE_COLOURS by the book build. */\n" + "\n".join(rules) + "\n"
