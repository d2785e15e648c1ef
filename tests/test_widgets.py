"""Tests for the mechanism stepper and the dose locator (src/explainer/widgets/).

Their state must come from the content file, their traits must refuse values the page could not
show, and their mime bundle must carry the static-book rendering (text/html) beside the widget view.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
import traitlets
import yaml

from explainer.charts import GRADE_COLOURS, dose_bands, dose_scale, fmt_amount
from explainer.charts.formatting import fmt_multiple
from explainer.content import GRADE_INFO, Compound, load_compound
from explainer.reconstitution import THRESHOLDS
from explainer.widgets import all_widgets
from explainer.widgets.dose_locator import DoseLocator, holds, locator_facts
from explainer.widgets.stepper import MechanismStepper, node_labels
from tests.helpers import copy, widget_state

STEPPER_JS = Path(__file__).resolve().parents[1] / "src" / "explainer" / "widgets" / "stepper.js"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LOCATOR_JS = Path(__file__).resolve().parents[1] / "src" / "explainer" / "widgets" / "dose_locator.js"
NODE = shutil.which("node")
# Semax's diagram stops, in path order, as its content file draws them.
SEMAX_NODES = ("nose", "nasal_pathway", "brain", "bdnf", "neurons", "neurotransmitters", "effect")


def placeholder_state(widget) -> dict:
    """The JSON the static book's widget host reads from the text/html rendering."""
    bundle, _ = widget._repr_mimebundle_()
    return widget_state(bundle["text/html"])


def test_both_widgets_are_published(semax: Compound) -> None:
    names = {cls.asset_name: cls for cls in all_widgets()}
    assert names["stepper"] is MechanismStepper and names["dose_locator"] is DoseLocator
    for cls in (MechanismStepper, DoseLocator):
        assert re.search(r"\bas default\b", cls.esm_text())  # esbuild writes export { x as default }
        assert "@media print" in cls.css_text()


# --------------------------------------------------------------------------- stepper


def test_stepper_state_comes_from_the_content(semax: Compound) -> None:
    w = MechanismStepper(semax)
    assert w.step == 1 and len(w.steps) == 7
    for state, step in zip(w.steps, semax.mechanism.steps, strict=True):
        assert (state["number"], state["kicker"], state["title"], state["node"]) == (
            step.number, step.kicker, step.title, step.diagram_node)
        # both halves of the badge: the kind, then what was checked when a source stands behind it
        assert state["grade"]["label"] == step.badge_words
        assert state["grade"]["label"].startswith(GRADE_INFO[step.grade].label)
        assert state["grade"]["colour"] == GRADE_COLOURS[step.grade]
        # Whole, never cut to a first sentence: a later sentence may carry the qualification.
        assert state["body"] == " ".join(step.body.split())
    assert [n["key"] for n in w.nodes] == list(SEMAX_NODES)
    # Semax's diagram is data: its nodes, their words and lanes come from the content file.
    assert node_labels(semax) == {n.key: n.label for n in semax.mechanism.diagram.nodes}
    assert [n["lane"] for n in w.diagram["nodes"]] == [n.lane for n in semax.mechanism.diagram.nodes]
    assert w.diagram["barrier"] == {"at": "nasal_pathway", "label": "blood–brain barrier"}


def test_stepper_follows_a_changed_step(semax: Compound) -> None:
    steps = list(semax.mechanism.steps)
    steps[3] = copy(steps[3], title="A different title", diagram_node="neurons")
    changed = copy(semax, mechanism=copy(semax.mechanism, steps=tuple(steps)))
    w = MechanismStepper(changed, step=4)
    assert w.current["title"] == "A different title" and w.current["node"] == "neurons"


def test_stepper_follows_the_path_order_mapping(semax: Compound) -> None:
    # Step n on the n-th node of the drawn path: nothing in the stepper may depend on which node a
    # step used to point at.
    steps = tuple(copy(s, diagram_node=SEMAX_NODES[i]) for i, s in enumerate(semax.mechanism.steps))
    w = MechanismStepper(copy(semax, mechanism=copy(semax.mechanism, steps=steps)))
    assert [s["node"] for s in w.steps] == list(SEMAX_NODES)
    for n, node in enumerate(SEMAX_NODES, start=1):
        w.step = n
        assert w.current["node"] == node


def test_stepper_range_is_the_number_of_steps(semax: Compound) -> None:
    three = copy(semax, mechanism=copy(semax.mechanism, steps=semax.mechanism.steps[:3]))
    assert MechanismStepper(three, step=3).step == 3
    with pytest.raises(traitlets.TraitError, match="from 1 to 3"):
        MechanismStepper(three, step=4)


def test_stepper_accepts_a_name(semax: Compound) -> None:
    assert MechanismStepper("semax", step=3).state() == MechanismStepper(semax, step=3).state()


@pytest.mark.parametrize("step", [1, 4, 7])
def test_stepper_starts_at_the_requested_step(semax: Compound, step: int) -> None:
    w = MechanismStepper(semax, step=step)
    assert w.step == step and placeholder_state(w)["step"] == step


@pytest.mark.parametrize("bad", [0, 8, -1, True])
def test_stepper_refuses_steps_outside_1_to_7(semax: Compound, bad) -> None:
    with pytest.raises(traitlets.TraitError):
        MechanismStepper(semax, step=bad)
    w = MechanismStepper(semax)
    with pytest.raises(traitlets.TraitError):
        w.step = bad
    assert w.step == 1


def test_python_can_drive_the_stepper(semax: Compound) -> None:
    w = MechanismStepper(semax)
    seen = []
    w.observe(lambda change: seen.append(change["new"]), "step")
    w.step = 5
    assert seen == [5] and w.current["number"] == 5


def test_stepper_fallback_shows_the_current_step(semax: Compound) -> None:
    w = MechanismStepper(semax, step=2)
    out = w.fallback_html()
    step = semax.mechanism.steps[1]
    assert "Step 2 of 7" in out and html.escape(step.title) in out and html.escape(step.kicker) in out
    assert GRADE_INFO[step.grade].label in out


def test_stepper_fallback_escapes_content(semax: Compound) -> None:
    steps = list(semax.mechanism.steps)
    steps[0] = copy(steps[0], title="<script>x</script>")
    w = MechanismStepper(copy(semax, mechanism=copy(semax.mechanism, steps=tuple(steps))))
    assert "<script>x" not in w.fallback_html()
    # The state JSON keeps the text but cannot close its own <script> element early.
    assert w.to_html().count("</script>") == 1


def test_stepper_mimebundle_has_html_and_the_widget_view(semax: Compound) -> None:
    bundle, _ = MechanismStepper(semax, step=6)._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert 'data-widget="stepper"' in bundle["text/html"]
    state = placeholder_state(MechanismStepper(semax, step=6))
    assert state["step"] == 6 and len(state["steps"]) == 7 and state["name"] == "Semax"


def test_the_diagram_shows_the_blood_route_with_the_labels_claim(semax: Compound) -> None:
    # The sources dispute the route: the label says the peptide crosses the blood-brain barrier, so
    # the diagram must not cross the blood route out.
    w = MechanismStepper(semax)
    claim = next(k for k in semax.label.claims if k.key == "blood_brain_barrier")
    assert w.blood_route["claim"] == claim.text
    assert w.blood_route["citation"] == semax.source("russian-label").inline_citation
    assert "label says it crosses" in w.blood_route["caption"]
    # The page draws it (tests/browser/test_charts_browser.py) and never crosses it out (eslint.config.js).
    no_claim = copy(semax, label=copy(semax.label, claims=tuple(k for k in semax.label.claims if k.key != claim.key)))
    assert MechanismStepper(no_claim).blood_route is None


def test_the_direct_route_is_captioned_as_the_original_pages_description(semax: Compound) -> None:
    # Nose → nasal pathway → brain is the original page's unsourced description: it carries a caption
    # saying so, runs along the drawn arrows, and is styled as the blood route is, never bolder.
    route = MechanismStepper(semax).diagram["main_route"]
    assert route["caption"] == semax.mechanism.diagram.main_route.caption
    assert "original page" in route["caption"]
    assert route["edges"] == [["nose", "nasal_pathway"], ["nasal_pathway", "brain"]]
    css = (STEPPER_JS.parent / "stepper.css").read_text()
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", css))
    route_rule = next(body for sel, body in rules.items() if ".stepper-edge.stepper-route.is-current" in sel)
    assert "stroke-width: 1.5" in route_rule and "stroke-dasharray" in route_rule
    assert MechanismStepper(load_compound("selank")).diagram["main_route"] is None


ACTH_4_10 = re.compile(r"ACTH\s*\(?\s*4\s*(?:–|-|to)\s*10", re.I)


def test_every_stepper_text_naming_the_origin_says_both(semax: Compound) -> None:
    # The original page calls Semax an ACTH 4-10 fragment; its sequence is ACTH 4-7 then Pro-Gly-Pro.
    for s in MechanismStepper(semax).steps:
        words = f"{s['title']} {s['body']}".replace("numbered 4 to 10", "ACTH 4 to 10")
        if ACTH_4_10.search(words):
            assert re.search(r"4\s*(?:–|-|to)\s*7", words) and "Pro-Gly-Pro" in words, s["number"]


# --------------------------------------------------------------------------- dose locator


def test_locator_bands_are_the_chart_bands(semax: Compound) -> None:
    w = DoseLocator(semax)
    assert [b["key"] for b in w.bands] == [b.key for b in dose_bands(semax)]
    assert w.bands == [b.as_state() for b in dose_bands(semax)]
    assert w.scale == list(dose_scale(semax))
    assert w.standard_mcg == semax.dosing.standard_mcg_per_day
    assert w.daily_mcg is None and w.unit == "mcg"


ADVICE = ("below", "too ", "should", "recommend", "safe", "try ", "consider", "enough", "increase", "reduce",
          "lower", "ideal", "optimal", "target", "aim ", "you ")


@pytest.mark.parametrize(("mcg", "words"), [
    (250, "about 0.83× the community standard of about 300 mcg a day (proposed — pending dosing review)"),
    (350, "Some people report going above the standard amount (the “Pushing higher” row); the sources give no "
          "figure for how far, so a total cannot be placed among those reports"),
    (300, "at the community standard of about 300 mcg a day (proposed — pending dosing review)"),
    (300.0000000001, "at the community standard"),  # 0.3 mg × 1000 in floating point
    (450, "inside the range people commonly report (up to about 500–600 mcg a day)"),
    (450, "within the 400–900 mcg a day worked out from the label's 0.1% schedule"),
    (600, "at the approximate top of the range people commonly report (about 500–600 mcg a day)"),
    (700, "about 2.3× the community standard of about 300 mcg a day (proposed — pending dosing review)"),
    (700, "It is above the range people commonly report, which goes up to about 500–600 mcg a day"),
    (12000, "within the 12–18 mg a day worked out from the label's 1% schedule (hospital), shown for scale, "
            "not as a protocol"),
])
def test_locator_sentences(semax: Compound, mcg: float, words: str) -> None:
    text = DoseLocator(semax).describe(mcg)
    assert words in text
    assert semax.dosing.row("standard").status in text
    for advice in ADVICE:
        assert advice not in text.lower(), advice


@pytest.mark.parametrize("mcg", [1e-6, 1, 100, 250, 299, 300, 301, 450, 599, 600, 601, 700, 2000, 12000, 30000, 1e9])
def test_the_locator_never_places_a_total_in_pushing_higher(semax: Compound, mcg: float) -> None:
    # The zone has no upper figure, so no total is "in" it, and it lights up nothing on the strip.
    w = DoseLocator(semax)
    text, hits = w.placed(mcg)
    assert "pushing_higher" not in hits
    assert not re.search(r"\bin (the )?(“|\")?pushing higher", text, re.I)
    for advice in ADVICE:
        assert advice not in text.lower(), (mcg, advice)
    # Inside and above the reported range never both hold.
    assert not ("inside the range" in text and "above the range" in text)


@pytest.mark.parametrize("mcg", [1e-6, 1, 50, 100, 250, 299])
def test_below_the_standard_the_locator_says_only_the_multiple(semax: Compound, mcg: float) -> None:
    # The sources give the range an upper end only ("up to about 500–600"): nothing places a total below
    # the standard outside it, or anywhere else.
    w = DoseLocator(semax)
    text, hits = w.placed(mcg)
    assert text == f"{fmt_amount(mcg)} a day is about {fmt_multiple(mcg / w.standard_mcg)}× {w.standard_phrase}."
    assert hits == []


@pytest.mark.parametrize("mcg", [400, 450, 700, 900, 2000, 5000, 12000, 15000, 500_000])
def test_clinical_size_totals_are_not_filed_under_pushing_higher(semax: Compound, mcg: float) -> None:
    # "Some people report going above the standard" is said only below the label's amounts: a hospital
    # total is not a community report going further.
    text = DoseLocator(semax).describe(mcg)
    assert "going above" not in text and "Pushing higher" not in text, text
    assert "going above the standard" in DoseLocator(semax).describe(350)


def test_locator_facts_are_written_from_the_bands(semax: Compound) -> None:
    facts = {f["key"]: f for f in locator_facts(dose_bands(semax))}
    bands = {b.key: b for b in dose_bands(semax)}
    assert facts["pushing_higher"]["low"] == bands["standard"].low_mcg
    # It stops where the first label amount above the standard begins, and lights up no band.
    assert facts["pushing_higher"]["high"] == bands["label_general"].low_mcg and facts["pushing_higher"]["band"] is None
    assert "outside_range_low" not in facts and min(f["low"] for f in facts.values()) >= bands["standard"].low_mcg
    no_label = {f["key"]: f for f in locator_facts(dose_bands(copy(semax, label=None)))}
    assert no_label["pushing_higher"]["high"] == math.inf
    for key in ("label_general", "label_stroke"):
        assert (facts[key]["low"], facts[key]["high"]) == (bands[key].low_mcg, bands[key].high_mcg)
    assert holds(facts["label_general"], 400) and not holds(facts["label_general"], 399)


def test_locator_says_how_many_times_the_standard(semax: Compound) -> None:
    w = DoseLocator(semax)
    assert "about 1.5× the community standard" in w.describe(450)
    assert "about 50× the community standard" in w.describe(15000)
    assert "×" not in w.describe(300)
    assert "a vanishingly small fraction" in w.describe(5e-324)


def test_locator_marks_totals_beyond_its_scale(semax: Compound) -> None:
    w = DoseLocator(semax)
    assert "beyond the right end of this scale (100 mg a day)" in w.describe(500_000)
    assert "beyond" not in w.describe(50_000)


def test_locator_follows_the_content(semax: Compound) -> None:
    moved = copy(semax, dosing=copy(semax.dosing, standard_mcg_per_day=400.0))
    w = DoseLocator(moved)
    assert w.standard_mcg == 400 and "at the community standard of about 400 mcg a day" in w.describe(400)
    assert "about 0.75× the community standard" in w.describe(300)
    no_label = DoseLocator(copy(semax, label=None))
    assert not [f for f in no_label.facts if f["key"].startswith("label_")]
    assert "hospital" not in no_label.describe(15000) and "label" not in no_label.describe(600)


@pytest.mark.parametrize("bad", [0, -5, math.nan, math.inf, -math.inf])
def test_locator_refuses_totals_it_cannot_place(semax: Compound, bad: float) -> None:
    w = DoseLocator(semax)
    with pytest.raises(traitlets.TraitError):
        w.daily_mcg = bad
    assert w.daily_mcg is None
    with pytest.raises(traitlets.TraitError):
        DoseLocator(semax, daily_mcg=bad)


def test_locator_unit_is_mcg_or_mg(semax: Compound) -> None:
    w = DoseLocator(semax)
    w.unit = "mg"
    with pytest.raises(traitlets.TraitError):
        w.unit = "g"


def test_locator_state_is_json_without_infinity(semax: Compound) -> None:
    state = placeholder_state(DoseLocator(semax, daily_mcg=450))
    assert state["daily_mcg"] == 450 and any(f["high"] is None for f in state["facts"])
    assert "Infinity" not in DoseLocator(semax).to_html() and "NaN" not in DoseLocator(semax).to_html()


def test_locator_fallback_lists_the_bands(semax: Compound) -> None:
    w = DoseLocator(semax, daily_mcg=450)
    out = w.fallback_html()
    for band in dose_bands(semax):
        assert html.escape(band.label) in out
    assert html.escape(w.describe()) in out
    assert "Product label" in out and "Community reports" in out


def test_locator_mimebundle_has_html_and_the_widget_view(semax: Compound) -> None:
    bundle, _ = DoseLocator(semax)._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and 'data-widget="dose_locator"' in bundle["text/html"]


def test_locator_slack_is_the_calculators(semax: Compound) -> None:
    # One relative tolerance for the project, shipped to the page with the state.
    w = DoseLocator(semax)
    assert w.rel_tol == THRESHOLDS["rel_tol"] and placeholder_state(w)["rel_tol"] == THRESHOLDS["rel_tol"]
    assert all("multiple" not in b for b in w.bands)


@pytest.mark.parametrize(("mcg", "start"), [
    (1e-7, "0.0000001 mcg a day is about 0.00000000033×"),  # tiny: two significant digits, never 0
    (5e-324, "0.0000000000"),
    (1e21, "1,000,000,000,000,000,000 mg a day is about 3,333,333,333,333,333,500×"),  # no exponent, ever
    (2**-10, "0.00098 mcg"),  # below a tenth: two significant digits
    (0.25, "0.3 mcg"),  # halves away from zero, as the calculator rounds
    (1_234_565_000, "1,234,565 mg"),
    (1_234_565.5, "1,234.566 mg"),  # the calculator's three decimals for mg
    (123_456_000, "123,456 mg"),
])
def test_locator_numbers_tiny_and_huge(semax: Compound, mcg: float, start: str) -> None:
    text = DoseLocator(semax).describe(mcg)
    assert text.startswith(start)
    assert " 0 mcg" not in text and "about 0×" not in text


def locator_cases() -> list[float]:
    """Ordinary, tiny, huge and exactly-halfway totals (where rounding half up and half to even differ)."""
    rng = random.Random(20240611)
    cases = [1e-300, 5e-324, 1e-320, 1e300, 1.7976931348623157e308, 2**-10, 675, 3750, 1_234_565_000, 0.3,
             300.0000000001, 450, 999.9995, 999_999.5, 1e-5, 1e-4, 123_456.5, 1e21, 2985, 12_000, 18_000]
    cases += [10 ** rng.uniform(-320, 308) for _ in range(1500)]
    cases += [rng.randint(1, 10**7) * 0.5 for _ in range(1000)]  # halves: ties at whole numbers
    cases += [rng.randint(1, 2**20) / 2 ** rng.randint(0, 30) for _ in range(1000)]  # short binary fractions
    cases += [struct.unpack("<d", struct.pack("<Q", rng.randint(1, 0x7FEFFFFFFFFFFFFF)))[0] for _ in range(1000)]
    return [x for x in cases if x > 0 and math.isfinite(x)]


JS_DESCRIBE = """
import { describe } from %s;
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { state, values } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const model = { get: (key) => state[key] };
process.stdout.write(JSON.stringify(values.map((mcg) => describe(model, mcg).text)));
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_page_sentence_is_pythons_for_any_number(semax: Compound) -> None:
    w = DoseLocator(semax)
    values = locator_cases()
    out = subprocess.run(
        [NODE, "--input-type=module", "-e", JS_DESCRIBE % json.dumps(LOCATOR_JS.as_uri())],
        input=json.dumps({"state": w.state(), "values": values}), capture_output=True, text=True, check=True,
        timeout=60,
    )
    page = json.loads(out.stdout)
    wrong = [(mcg, js, w.describe(mcg)) for mcg, js in zip(values, page, strict=True) if js != w.describe(mcg)]
    assert wrong == [], wrong[:5]


# --------------------------------------------------------------------------- other compounds: Selank and the fixture

FIXTURE = Path(__file__).parent / "fixtures" / "examplin.yaml"


def test_selank_stepper_has_its_own_steps_and_diagram(selank: Compound) -> None:
    w = MechanismStepper(selank, step=1)
    assert len(w.steps) == 4 and w.name == "Selank"
    assert [s["node"] for s in w.steps] == ["peptide", "enkephalins", "gaba_genes", "immune"]
    assert [n["key"] for n in w.nodes] == ["peptide", "enkephalins", "gaba_genes", "immune"]
    assert w.diagram["edges"] == [["peptide", "enkephalins"], ["peptide", "gaba_genes"], ["peptide", "immune"]]
    assert [lane["key"] for lane in w.diagram["lanes"]] == ["molecule", "findings"]
    assert w.diagram["barrier"] is None and w.blood_route is None  # no Semax route drawn for Selank
    w.step = 4
    assert w.current["node"] == "immune" and w.current["grade"]["grade"] == "human_study"
    with pytest.raises(traitlets.TraitError, match="from 1 to 4"):
        w.step = 5
    state = placeholder_state(MechanismStepper(selank, step=2))
    assert state["step"] == 2 and state["diagram"]["nodes"][1]["label"] == "Enkephalin enzymes"
    assert "Step 2 of 4" in MechanismStepper(selank, step=2).fallback_html()


def test_a_diagram_without_data_is_one_lane_of_the_steps_nodes(tmp_path) -> None:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data["mechanism"]["steps"] = data["mechanism"]["steps"][:3]
    path = tmp_path / "examplin.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    w = MechanismStepper(load_compound(path), step=3)
    assert len(w.steps) == 3 and [n["key"] for n in w.nodes] == ["nose", "nasal_pathway", "brain"]
    assert [n["label"] for n in w.nodes] == ["One", "Two", "Three"]  # named by their steps' titles
    assert w.diagram["edges"] == [["nose", "nasal_pathway"], ["nasal_pathway", "brain"]]
    assert {n["lane"] for n in w.diagram["nodes"]} == {"main"}


def test_selank_locator_places_a_single_dose_without_a_standard(selank: Compound) -> None:
    w = DoseLocator(selank)
    assert w.standard_mcg is None and w.standard_phrase == ""
    assert w.per == "per dose" and w.quantity == "single dose"
    assert w.describe() == "Type a single dose to see where it falls."
    text = w.describe(330)
    assert text.startswith("330 mcg per dose.") and "×" not in text and "standard" not in text
    assert "One forum report" in text and selank.dosing.figure("guides").label in text
    assert "stated in the label's single dose" in text and "worked out" not in text
    _, hits = w.placed(330)
    assert set(hits) == {"figure_guides", "figure_forum_report", "label_single", "label_optimal_single"}
    assert w.describe(100).endswith("It falls outside every band shown here.")
    for advice in ("you ", "should", "recommend", "too high", "too low"):
        assert advice not in w.describe(2000).lower()


def test_fixture_locator_keeps_the_per_day_standard() -> None:
    w = DoseLocator(load_compound(FIXTURE))
    assert w.standard_mcg == 10 and w.per == "a day"
    assert w.describe(10).startswith("10 mcg a day is at the community standard of about 10 mcg a day (fictional).")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("name", ["selank", "examplin"])
def test_the_page_sentence_is_pythons_for_other_compounds(name: str) -> None:
    w = DoseLocator(load_compound(FIXTURE if name == "examplin" else name))
    rng = random.Random(7)
    values = [100, 200, 300, 330, 400, 450, 900, 2000, 0.001, 1e9] + [10 ** rng.uniform(-2, 5) for _ in range(300)]
    out = subprocess.run(
        [NODE, "--input-type=module", "-e", JS_DESCRIBE % json.dumps(LOCATOR_JS.as_uri())],
        input=json.dumps({"state": w.state(), "values": values}), capture_output=True, text=True, check=True,
        timeout=60,
    )
    page = json.loads(out.stdout)
    assert [(v, js) for v, js in zip(values, page, strict=True) if js != w.describe(v)] == []


# --------------------------------------------------------------------------- one front end

FRONTEND = Path(__file__).resolve().parents[1] / "src" / "explainer" / "frontend"
WIDGETS = STEPPER_JS.parent


def test_one_theme_block_one_hidden_class() -> None:
    # The stylesheets have no linter here (the scripts' one DOM helper and one number rule are eslint rules:
    # eslint.config.js). One theme-variable block and one visually-hidden class, both in theme.css.
    files = [*FRONTEND.glob("*.css"), *WIDGETS.glob("*.css"), *(WIDGETS.parent / "static").glob("*.css")]
    css = {f.name: f.read_text() for f in files}
    themed = {name for name, text in css.items() if re.search(r"--[\w-]+\s*:\s*var\(--color-", text)}
    assert themed == {"theme.css"}, themed
    hidden = {name for name, text in css.items() if re.search(r"clip(-path)?\s*:", text)}
    assert hidden == {"theme.css"}, hidden
    assert not [n for n, t in css.items() if re.search(r"sr-only|visually-hidden", t)]
    for name in ("calculator", "dose_locator", "stepper"):
        assert '@import "../frontend/theme.css"' in css[f"{name}.css"], name


@pytest.mark.parametrize("name", ["dose_locator", "stepper", "calculator"])
def test_each_built_module_carries_the_shared_modules_once(name: str) -> None:
    from explainer.widgets.base import built

    module, css = built(f"{name}.js"), built(f"{name}.css")
    assert module.count("function h(") == 1 and "import " not in module.split("\n", 1)[0]
    assert css.count(".explainer-ui {") == 1 and css.count(".explainer-sr {") == 1


def test_the_locator_page_writes_numbers_with_the_shared_rule(semax: Compound) -> None:
    # The page's sentence is Python's digit for digit (test_the_page_sentence_is_pythons_for_any_number).
    rule = DoseLocator(semax).number_rule
    assert rule["amount_decimals"] == {"mcg": 1, "mg": 3} and rule["mg_from_mcg"] == 1000
