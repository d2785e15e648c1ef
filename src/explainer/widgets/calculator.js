// The calculator's page: labelled controls, results, a syringe picture and a shareable link.
//
// Built by esbuild (frontend/build.mjs) into one module with the math, the spec and the shared
// front-end modules. This file reads, formats and draws; it never does the arithmetic itself, and
// every word and limit it shows comes from calculator-spec.json. It has two homes:
// - the static book (inside widget-host.js's `.explainer-widget` placeholder): every input runs the
//   JS math at once, and the inputs live in the page address (#calc=...) so a link restores them;
// - JupyterLab: every input goes to the kernel, and the page draws the `result` Python computed.

import { calculate, parseNumber, shown, CAPACITIES_ML, DEFAULTS, LIMITS, SPEC, SYRINGE_ML_PER_UNIT } from "../reconstitution.js";
import { h, setText } from "../frontend/dom.js";
import { fill, plural } from "../frontend/format.js";
import { errorMarker, hashParts, pageAddress } from "../frontend/page.js";

const CALC_INPUTS = [
  "vial_amount", "vial_unit", "water_ml", "dose_amount", "dose_unit", "syringe", "capacity_ml",
  "per_day", "route", "spray_ml", "target_units",
];

const FIELDS = SPEC.fields;
const UI = SPEC.ui;
const SLIDER_SPANS = SPEC.slider_spans;

const NUMBER_FIELDS = [
  { key: "vial_amount", unit: { key: "vial_unit", options: SPEC.vial_units } },
  { key: "water_ml" },
  { key: "dose_amount", unit: { key: "dose_unit", options: SPEC.dose_units } },
  { key: "per_day" },
  { key: "spray_ml" },
].map((def) => ({ ...def, ...FIELDS[def.key] }));

const SYRINGE_CHOICES = Object.keys(SYRINGE_ML_PER_UNIT);
const ROUTE_CHOICES = SPEC.routes.map((route) => [route, SPEC.route_names[route]]);

// Short names in the page address; amounts carry their unit (vial=10mg).
const HASH_PREFIX = "#calc=";
const HASH_KEYS = [
  ["vial", "vial_amount", "vial_unit"], ["water", "water_ml"], ["dose", "dose_amount", "dose_unit"],
  ["syringe", "syringe"], ["cap", "capacity_ml"], ["per_day", "per_day"], ["route", "route"],
  ["spray", "spray_ml"], ["target", "target_units"],
];

let calcCount = 0; // unique ids when a page holds more than one calculator

// The math's warning that the water reverse mode works out is outside what it accepts.
const REVERSE_WARNING = "target_water_outside_limits";

// ---------------------------------------------------------------------------- small helpers

const isBlank = (raw) => raw === undefined || raw === null || String(raw).trim() === "";
const asText = (raw) => (raw === undefined || raw === null ? "" : String(raw).trim());
// A blank choice means the math's default, so show that one.
const choiceOf = (values, key) => (isBlank(values[key]) ? String(DEFAULTS[key]) : asText(values[key]));

// The math's own reader, so the slider and the math agree on what the box holds.
function numberIn(raw) {
  const { value } = parseNumber(raw);
  return value === undefined || !Number.isFinite(value) ? null : value;
}

// Doses per day as the math read them (a blank box is its default).
const perDayOf = (values) => numberIn(choiceOf(values, "per_day"));

// ---------------------------------------------------------------------------- the page address

// Blank boxes are kept (a link reproduces their message too), except a blank target: reverse mode off.
function encodeHash(values) {
  const parts = [];
  for (const [name, key, unitKey] of HASH_KEYS) {
    if (key === "target_units" && isBlank(values[key])) continue;
    const text = asText(values[key]) + (unitKey ? asText(values[unitKey]) : "");
    parts.push(`${name}=${encodeURIComponent(text)}`);
  }
  return HASH_PREFIX + parts.join("&");
}

// Values exactly as the link spells them: the math validates them like typed text.
function decodeHash(hash) {
  const parts = hashParts(hash, HASH_PREFIX);
  if (!parts) return null;
  const values = {};
  for (const [name, text] of parts) {
    const entry = HASH_KEYS.find(([n]) => n === name);
    if (!entry) continue;
    const [, key, unitKey] = entry;
    if (unitKey) {
      const [, amount, unit] = text.match(/^(.*?)(mcg|mg)?$/s);
      values[key] = amount;
      if (unit) values[unitKey] = unit;
    } else {
      values[key] = text;
    }
  }
  return values;
}

// ---------------------------------------------------------------------------- controls

function errorSlot(id) {
  return h("p", { className: "calc-error", id, hidden: true });
}

// A labelled text box and a slider kept in step, with an optional mg/mcg switch.
function numberField(def, uid, commit) {
  const ids = { box: `${uid}-${def.key}`, hint: `${uid}-${def.key}-hint`, err: `${uid}-${def.key}-err` };
  const box = h("input", {
    type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", id: ids.box,
    className: "calc-box", "aria-describedby": ids.hint,
  });
  const slider = h("input", { type: "range", className: "calc-slider", "aria-label": `${def.label} slider` });
  let radios = [];
  let unitGroup = null;
  if (def.unit) {
    radios = def.unit.options.map((value) =>
      h("input", { type: "radio", name: `${uid}-${def.unit.key}`, value }));
    unitGroup = h("fieldset", { className: "calc-seg" },
      h("legend", { className: "explainer-sr" }, def.legend),
      radios.map((r) => h("label", {}, r, h("span", {}, r.value))));
    radios.forEach((r) => r.addEventListener("change", () => commit(def.unit.key, r.value)));
  }
  const err = errorSlot(ids.err);
  box.addEventListener("input", () => {
    placeSlider(box.value);
    commit(def.key, box.value);
  });
  slider.addEventListener("input", () => {
    box.value = slider.value;
    slider.setAttribute("aria-valuetext", valueText(slider.value));
    commit(def.key, slider.value);
  });

  const unitNow = () => (radios.find((r) => r.checked) || {}).value;
  const valueText = (v) => `${v} ${def.unit ? unitNow() || "" : def.suffix}`.trim();
  function placeSlider(raw) {
    const value = numberIn(raw);
    if (value !== null && Number(slider.value) !== value) slider.value = String(value); // the browser clamps it
    const spoken = valueText(slider.value);
    if (slider.getAttribute("aria-valuetext") !== spoken) slider.setAttribute("aria-valuetext", spoken);
  }

  const root = h("div", { className: "calc-field", "data-field": def.key },
    h("div", { className: "calc-field-head" },
      h("label", { for: ids.box }, def.label),
      h("span", { className: "calc-hint", id: ids.hint }, def.hint)),
    h("div", { className: "calc-field-row" },
      box, unitGroup || h("span", { className: "calc-suffix", "aria-hidden": "true" }, def.suffix)),
    slider, err);

  return {
    def, root, err,
    invalidTargets: def.unit ? [box, ...radios] : [box],
    // Draw the model's values into the controls (not into the box the reader is typing in).
    show(values, span) {
      const raw = values[def.key];
      const text = raw === undefined || raw === null ? "" : String(raw);
      if (box !== document.activeElement && box.value !== text) box.value = text;
      if (def.unit) radios.forEach((r) => { r.checked = r.value === choiceOf(values, def.unit.key); });
      const spans = SLIDER_SPANS[def.key];
      const [min, max, step] = span || (def.unit ? spans[unitNow() || def.unit.options[0]] : spans);
      // Unchanged attributes are not rewritten: each write restyles the slider.
      if (slider.min !== String(min)) slider.min = min;
      if (slider.max !== String(max)) slider.max = max;
      if (slider.step !== String(step)) slider.step = step;
      placeSlider(raw);
    },
  };
}

// A <select> that can still show a value that is not one of its choices (from a link), so the
// reader sees what the message is about.
function choiceSelect(id, choices) {
  const select = h("select", { id },
    choices.map(([value, text]) => h("option", { value }, text)));
  return {
    select,
    show(value) {
      select.querySelectorAll("option[data-stray]").forEach((o) => o.remove());
      const known = [...select.options].find((o) => o.value === value || Number(o.value) === numberIn(value));
      if (known) {
        select.value = known.value;
      } else {
        select.append(h("option", { value, "data-stray": true }, `${value || "(blank)"} (not a choice)`));
        select.value = value;
      }
    },
  };
}

// ---------------------------------------------------------------------------- the syringe picture

const SVG_W = 640;
const BARREL_X = 86; // the needle end; the scale's zero

// The barrel, its scale and its labels are drawn once per syringe; a new result only moves the
// liquid, the plunger and the label (an update then makes no new elements, and leaves no garbage).
function syringeFigure() {
  const svg = h("svg:svg", { viewBox: `0 0 ${SVG_W} 120`, role: "img", className: "calc-syringe" });
  const liquid = h("svg:rect", { x: BARREL_X, y: 40, height: 44, className: "calc-liquid" });
  const stopper = h("svg:rect", { y: 42, width: 8, height: 40, rx: 2, className: "calc-stopper" });
  const rod = h("svg:line", { y1: 62, y2: 62, className: "calc-rod" });
  const overflowBox = h("svg:rect", { y: 40, width: 28, height: 44, rx: 3 });
  const overflowText = h("svg:text", { y: 108 });
  // More than the barrel holds: the missing part is drawn past its end, in red.
  const overflow = h("svg:g", { className: "calc-overflow" }, overflowBox, overflowText);
  const drawLabel = h("svg:text", { y: 108, className: "calc-draw-label" });
  let scaleKey = null;
  let geometry = null;

  function drawScale(cap, capMl, syringe) {
    // Longer barrels for bigger syringes, as on the shelf: 0.3 mL is about a third of 1 mL.
    const len = 150 + 330 * Math.min(1, capMl);
    const minor = cap > 50 ? 2 : 1;
    const major = cap > 50 ? 10 : 5;
    const x = (u) => BARREL_X + (len * u) / cap;
    const ticks = [];
    for (let u = 0; u <= cap; u += minor) {
      const isMajor = u % major === 0 || u === cap;
      ticks.push(h("svg:line", { x1: x(u), x2: x(u), y1: 40, y2: isMajor ? 54 : 47, className: "calc-tick" }));
      if (isMajor) ticks.push(h("svg:text", { x: x(u), y: 33, className: "calc-tick-label" }, String(u)));
    }
    const end = BARREL_X + len;
    rod.setAttribute("x2", end + 40);
    overflowBox.setAttribute("x", end + 8);
    overflowText.setAttribute("x", end + 22);
    svg.replaceChildren(
      h("svg:line", { x1: 14, x2: BARREL_X - 18, y1: 62, y2: 62, className: "calc-needle" }),
      h("svg:rect", { x: BARREL_X - 18, y: 54, width: 18, height: 16, rx: 3, className: "calc-hub" }),
      liquid,
      h("svg:rect", { x: BARREL_X, y: 40, width: len, height: 44, rx: 4, className: "calc-barrel" }),
      ...ticks,
      stopper,
      rod,
      h("svg:rect", { x: end + 40, y: 44, width: 7, height: 36, rx: 2, className: "calc-stopper" }),
      h("svg:rect", { x: end, y: 36, width: 6, height: 52, rx: 2, className: "calc-flange" }),
      overflow,
      drawLabel,
      h("svg:text", { x: BARREL_X, y: 12, className: "calc-scale-label" },
        `${syringe}, ${shown("capacity_ml", capMl)} mL = ${cap} units`),
    );
    return { x, end };
  }

  return {
    svg,
    draw(r, syringe, capMl) {
      const cap = r.syringe_capacity_units;
      const key = `${cap}|${capMl}|${syringe}`;
      if (key !== scaleKey) {
        geometry = drawScale(cap, capMl, syringe);
        scaleKey = key;
      }
      const { x, end } = geometry;
      const fillEnd = x(Math.min(r.units, cap));
      const over = r.units > cap;
      liquid.setAttribute("width", fillEnd - BARREL_X);
      stopper.setAttribute("x", fillEnd);
      rod.setAttribute("x1", fillEnd + 8);
      overflow.toggleAttribute("hidden", !over);
      drawLabel.toggleAttribute("hidden", over);
      if (over) {
        setText(overflowText, `over by ${shown("units", r.units - cap)} units`);
      } else {
        drawLabel.setAttribute("x", Math.min(fillEnd, end - 30));
        setText(drawLabel, `${shown("units", r.units)} units`);
      }
      const drawn = over
        ? `a draw of ${shown("units", r.units)} units, more than the ${cap} it holds`
        : `filled to ${shown("units", r.units)} of ${cap} units (${shown("volume_ml", r.volume_ml)} mL)`;
      svg.setAttribute("aria-label", `Syringe picture: ${syringe} ${shown("capacity_ml", capMl)} mL, ${drawn}.`);
    },
  };
}

// ---------------------------------------------------------------------------- results

// key: the result field shown; route: the route it belongs to; primary: the headline figure for that
// route. A statistic shows only when the result holds its field: a vial's counts (injection) are doses
// of the dose entered, a bottle's (nasal) are doses of whole sprays.
const STATS = [
  { key: "units", route: "injection", primary: true },
  { key: "sprays_per_dose", route: "intranasal", primary: true },
  { key: "concentration_mcg_per_ml" },
  { key: "volume_ml" },
  { key: "mcg_per_spray", route: "intranasal" },
  { key: "delivered_mcg", route: "intranasal" },
  { key: "doses_per_vial", route: "injection" },
  { key: "days_per_vial", route: "injection" },
  { key: "sprays_per_bottle", route: "intranasal" },
  { key: "doses_per_bottle", route: "intranasal" },
  { key: "days_per_bottle", route: "intranasal" },
].map((s) => ({ ...s, label: SPEC.results[s.key] }));

// What each statistic reads, from the result and the inputs it came from: [value, unit, detail].
function statText(key, r, v) {
  switch (key) {
    case "units": return [shown("units", r.units), "units", `on a ${choiceOf(v, "syringe")} syringe`];
    case "sprays_per_dose":
      return [shown("sprays_per_dose", r.sprays_per_dose), r.sprays_per_dose === 1 ? "spray" : "sprays",
        `whole sprays; exactly ${shown("sprays_per_dose_exact", r.sprays_per_dose_exact)}`];
    case "concentration_mcg_per_ml":
      return [shown("concentration_mcg_per_ml", r.concentration_mcg_per_ml), "mcg/mL", `${shown("concentration_mg_per_ml", r.concentration_mg_per_ml)} mg/mL`];
    case "volume_ml": return [shown("volume_ml", r.volume_ml), "mL", `for ${shown("dose_mcg", r.dose_mcg)} mcg${"sprays_per_dose" in r ? " entered" : ""}`];
    case "mcg_per_spray": return [shown("mcg_per_spray", r.mcg_per_spray), "mcg", "in each one"];
    case "delivered_mcg": return [shown("delivered_mcg", r.delivered_mcg), "mcg", `by whole sprays, for ${shown("dose_mcg", r.dose_mcg)} mcg entered`];
    case "doses_per_vial": return [shown("doses_per_vial", r.doses_per_vial), "doses", `${shown("leftover_mcg", r.leftover_mcg)} mcg left over`];
    case "days_per_vial": return [shown("days_per_vial", r.days_per_vial), "days", `at ${shown("daily_mcg", r.daily_mcg)} mcg a day`];
    case "sprays_per_bottle": return [shown("sprays_per_bottle", r.sprays_per_bottle), "sprays", `from ${shown("water_ml", numberIn(v.water_ml))} mL`];
    case "doses_per_bottle":
      return [shown("doses_per_bottle", r.doses_per_bottle), r.doses_per_bottle === 1 ? "dose" : "doses",
        `of ${plural(r.sprays_per_dose, "whole spray")} each`];
    case "days_per_bottle":
      return [shown("days_per_bottle", r.days_per_bottle), r.days_per_bottle === 1 ? "day" : "days", `at ${plural(perDayOf(v), "dose")} a day`];
    default: return ["–", "", ""];
  }
}

function resultsPanel() {
  const cells = new Map();
  // "simple" opts out of furo's API-reference styling of <dl class=...>.
  const grid = h("dl", { className: "calc-stats simple" },
    STATS.map((s) => {
      const value = h("span", { className: "calc-value" });
      const unit = h("span", { className: "calc-unit" });
      const detail = h("span", { className: "calc-detail" });
      const cell = h("div", { className: `calc-stat${s.primary ? " is-primary" : ""}`, "data-route": s.route },
        h("dt", {}, s.label), h("dd", { "data-key": s.key }, value, " ", unit, detail));
      cells.set(s.key, { cell, value, unit, detail });
      return cell;
    }));
  const problem = h("p", { className: "calc-problem", hidden: true });
  const warnings = h("ul", { className: "calc-warnings", "aria-label": UI.warnings });
  let shownWarnings = "";
  const region = h("section", { className: "calc-results", "aria-live": "polite", "aria-label": UI.results },
    h("p", { className: "calc-heading", "aria-hidden": "true" }, UI.results), problem, grid, warnings);
  return {
    region,
    draw(out, values) {
      problem.hidden = out.ok;
      grid.hidden = !out.ok;
      if (!out.ok) {
        problem.textContent = `No results until this is fixed: ${out.error.message}`;
        warnings.replaceChildren();
        shownWarnings = "";
        return;
      }
      // The route the result was worked out for (in JupyterLab it can trail the controls for a moment).
      const route = "sprays_per_dose" in out.result ? "intranasal" : "injection";
      for (const s of STATS) {
        const { cell, value, unit, detail } = cells.get(s.key);
        cell.hidden = !(s.key in out.result) || (s.route !== undefined && s.route !== route);
        if (cell.hidden) continue;
        const [v, u, d] = statText(s.key, out.result, values);
        setText(value, v);
        setText(unit, u);
        setText(detail, d);
      }
      // Reverse mode's own warning is shown beside its control, in place of an amount of water.
      const listed = out.warnings.filter((w) => w.code !== REVERSE_WARNING);
      const key = listed.map((w) => w.message).join("\n");
      if (key !== shownWarnings) {
        warnings.replaceChildren(...listed.map((w) => h("li", { "data-code": w.code }, w.message)));
        shownWarnings = key;
      }
    },
  };
}

// ---------------------------------------------------------------------------- the widget

function render({ model, el }) {
  const uid = `calc${++calcCount}`;
  // Only widget-host.js's placeholder wraps the page in `.explainer-widget` (it renders into a node
  // already inside it); JupyterLab does not.
  const inBook = el.closest(".explainer-widget") !== null;
  let bookStarted = false;
  const values = () => Object.fromEntries(CALC_INPUTS.map((k) => [k, model.get(k)]));

  const recompute = () => model.set("result", calculate(values()));
  const commit = (key, value) => {
    model.set(key, value);
    if (bookStarted) {
      recompute();
      writeHash();
    } else {
      model.save_changes(); // Python recomputes `result` and sends it back
    }
  };

  const fields = NUMBER_FIELDS.map((def) => numberField(def, uid, commit));
  const field = (key) => fields.find((f) => f.def.key === key);

  // Route
  const routeRadios = ROUTE_CHOICES.map(([value]) => h("input", { type: "radio", name: `${uid}-route`, value }));
  routeRadios.forEach((r) => r.addEventListener("change", () => commit("route", r.value)));
  const routeErr = errorSlot(`${uid}-route-err`);
  const routeGroup = h("fieldset", { className: "calc-route" },
    h("legend", {}, UI.route),
    h("div", { className: "calc-seg" },
      routeRadios.map((r, i) => h("label", {}, r, h("span", {}, ROUTE_CHOICES[i][1])))),
    routeErr);

  // Syringe scale and size
  const syrErr = errorSlot(`${uid}-syringe-err`);
  const syringe = choiceSelect(`${uid}-syringe`, SYRINGE_CHOICES.map((s) => [s, s]));
  const capErr = errorSlot(`${uid}-cap-err`);
  const capacity = choiceSelect(`${uid}-cap`, CAPACITIES_ML.map((c) => [String(c), `${shown("capacity_ml", c)} mL`]));
  syringe.select.addEventListener("change", () => commit("syringe", syringe.select.value));
  capacity.select.addEventListener("change", () => commit("capacity_ml", capacity.select.value));
  const scaleHint = h("p", { className: "calc-hint" });
  const routeNote = h("p", { className: "calc-hint" }, model.get("route_note") || "");
  const syringeGroup = h("div", { className: "calc-field calc-syringe-field", "data-field": "syringe" },
    h("div", { className: "calc-selects" },
      h("div", {}, h("label", { for: syringe.select.id }, FIELDS.syringe.label), syringe.select),
      h("div", {}, h("label", { for: capacity.select.id }, FIELDS.capacity_ml.label), capacity.select)),
    scaleHint, routeNote, syrErr, capErr);

  // Spray and drop presets from the compound's example values
  const presets = model.get("spray_presets") || {};
  const presetRow = h("div", { className: "calc-presets" },
    [["spray", UI.spray], ["drop", UI.drop]].filter(([k]) => presets[k] !== undefined).map(([k, text]) =>
      h("button", { type: "button", onclick: () => { commit("spray_ml", String(presets[k])); } },
        `${text}: ${presets[k]} mL`)));
  field("spray_ml").root.append(presetRow);

  // Reverse mode: what water makes one dose fill N units
  const reverseToggle = h("input", { type: "checkbox", id: `${uid}-reverse` });
  const target = numberField({ key: "target_units", ...FIELDS.target_units }, uid, commit);
  const reverseAnswer = h("p", { className: "calc-reverse-answer" });
  const reverseProblem = h("p", { className: "calc-reverse-problem", hidden: true });
  const useWater = h("button", { type: "button", hidden: true });
  let lastTargetWater = null;
  let capacityUnits = SLIDER_SPANS.target_units[1];
  useWater.addEventListener("click", () => {
    // Rounded to what a reader can measure; the units shown then follow from that water.
    if (lastTargetWater !== null) commit("water_ml", String(Number(lastTargetWater.toFixed(2))));
  });
  reverseToggle.addEventListener("change", () => {
    const last = model.get("result");
    // Start from today's draw, so switching the mode on changes nothing until the reader moves it.
    const start = last && last.ok ? Math.min(capacityUnits, Math.max(1, Math.round(last.result.units))) : 10;
    commit("target_units", reverseToggle.checked ? String(start) : "");
  });
  const reverseBox = h("div", { className: "calc-reverse" },
    h("label", { className: "calc-check" }, reverseToggle, ` ${SPEC.reverse.toggle}`),
    h("div", { className: "calc-reverse-body" }, target.root, h("div", { "aria-live": "polite" }, reverseAnswer, reverseProblem, useWater)));

  const picture = syringeFigure();
  const results = resultsPanel();

  // Sharing (static book only: JupyterLab has no page address for this widget)
  const linkField = h("input", { type: "text", readonly: true, id: `${uid}-link`, className: "calc-link" });
  const copyStatus = h("span", { className: "calc-copy-status", role: "status" });
  const copyButton = h("button", { type: "button", onclick: copyLink }, UI.copy);
  const share = h("div", { className: "calc-share" },
    h("label", { for: linkField.id }, UI.link),
    h("div", { className: "calc-field-row" }, linkField, copyButton), copyStatus);

  const root = h("div", { className: "calc explainer-ui explainer-card" },
    h("header", { className: "calc-header" },
      h("p", { className: "calc-title" }, SPEC.title),
      h("p", { className: "calc-note" }, model.get("note") || ""),
      model.get("start_note") ? h("p", { className: "calc-start-note" }, model.get("start_note")) : null),
    routeGroup,
    h("div", { className: "calc-grid" }, fields.map((f) => f.root), syringeGroup),
    reverseBox,
    h("figure", { className: "calc-figure" }, picture.svg),
    results.region,
    h("section", { className: "calc-assumptions", "aria-label": UI.assumptions },
      h("p", { className: "calc-heading", "aria-hidden": "true" }, UI.assumptions),
      h("ul", {}, SPEC.assumptions.map((a) => h("li", {}, a)))),
    share,
    // Empty where the page carries the not-medical-advice line itself: shown once per page.
    model.get("disclaimer") ? h("p", { className: "calc-disclaimer" }, model.get("disclaimer")) : null);
  el.replaceChildren(root);

  // ------------------------------------------------------------------ drawing from the model

  const errorPlaces = new Map(Object.entries({
    route: { slot: routeErr, targets: routeRadios },
    syringe: { slot: syrErr, targets: [syringe.select] },
    capacity_ml: { slot: capErr, targets: [capacity.select] },
    ...Object.fromEntries([...fields, target].flatMap((f) => {
      const place = { slot: f.err, targets: f.invalidTargets };
      return f.def.unit ? [[f.def.key, place], [f.def.unit.key, place]] : [[f.def.key, place]];
    })),
  }));
  const { mark: markError } = errorMarker(errorPlaces);


  function showInputs() {
    const v = values();
    fields.forEach((f) => f.show(v));
    target.show(v, [1, capacityUnits, 1]);
    routeRadios.forEach((r) => { r.checked = r.value === choiceOf(v, "route"); });
    syringe.show(choiceOf(v, "syringe"));
    const perUnit = SYRINGE_ML_PER_UNIT[choiceOf(v, "syringe")];
    scaleHint.textContent = perUnit ? `${choiceOf(v, "syringe")}: 1 unit = ${perUnit} mL.` : "";
    capacity.show(choiceOf(v, "capacity_ml"));
    reverseToggle.checked = !isBlank(v.target_units);
  }

  function draw() {
    const out = model.get("result") || { ok: false, error: { field: "inputs", message: UI.waiting } };
    const v = values();
    const nasal = choiceOf(v, "route") === "intranasal";
    const error = out.ok ? null : out.error;
    // A field with a problem stays visible even when its route hides it, so it can be fixed.
    const shown = (key) => error !== null && error.field === key;
    field("spray_ml").root.hidden = !nasal && !shown("spray_ml");
    syringeGroup.hidden = nasal && !shown("syringe") && !shown("capacity_ml");
    reverseBox.hidden = nasal && !shown("target_units");
    target.root.hidden = !reverseToggle.checked && !shown("target_units");
    markError(error);
    results.draw(out, v);

    picture.svg.parentNode.hidden = !out.ok || nasal;
    if (out.ok && !nasal) picture.draw(out.result, choiceOf(v, "syringe"), numberIn(choiceOf(v, "capacity_ml")));
    if (out.ok && capacityUnits !== out.result.syringe_capacity_units) {
      capacityUnits = out.result.syringe_capacity_units;
      target.show(v, [1, capacityUnits, 1]);
    }

    drawReverse(out, v);
    if (bookStarted) linkField.value = location.href.split("#")[0] + encodeHash(v);
  }

  // Reverse mode offers only water the math accepts: the button's amount, rounded to what a reader can
  // measure, is checked against the water limits; outside them the math's warning says what to change.
  function drawReverse(out, v) {
    const water = out.ok && out.result.water_for_target_ml !== undefined ? out.result.water_for_target_ml : null;
    const limits = LIMITS.water_ml;
    const usable = water !== null && Number(water.toFixed(2)) >= limits.min && Number(water.toFixed(2)) <= limits.max;
    const warned = out.ok ? out.warnings.find((w) => w.code === REVERSE_WARNING) : undefined;
    lastTargetWater = usable && !warned ? water : null;
    useWater.hidden = lastTargetWater === null;
    const waterText = lastTargetWater === null ? "" : shown("water_for_target_ml", lastTargetWater);
    const target = asText(v.target_units);
    setText(reverseAnswer, lastTargetWater === null ? ""
      : fill(SPEC.reverse.answer, { water: waterText, dose: shown("dose_mcg", out.result.dose_mcg), target }));
    setText(useWater, lastTargetWater === null ? "" : fill(SPEC.reverse.use, { water: waterText }));
    const problem = water === null || lastTargetWater !== null ? ""
      : warned ? warned.message
        : fill(SPEC.reverse.none, { min: shown("water_ml", limits.min), max: shown("water_ml", limits.max), target });
    reverseProblem.textContent = problem;
    reverseProblem.hidden = problem === "";
  }

  // ------------------------------------------------------------------ the page address

  const address = pageAddress(model, values, encodeHash, decodeHash);
  function writeHash() {
    address.write();
    setText(copyStatus, "");
  }
  const readHash = () => address.read();
  async function copyLink() {
    linkField.select();
    try {
      await navigator.clipboard.writeText(linkField.value);
      copyStatus.textContent = UI.copied;
    } catch {
      copyStatus.textContent = UI.copy_refused;
    }
  }
  function onHashChange() {
    if (readHash()) recompute();
  }

  // ------------------------------------------------------------------ wiring

  const onResult = () => draw();
  const onInput = () => showInputs();
  model.on("change:result", onResult);
  CALC_INPUTS.forEach((k) => model.on(`change:${k}`, onInput));
  // In the book: the link's inputs, the page's own math and the link to share (JupyterLab has no page
  // address for this widget, and its kernel does the math).
  function startBook() {
    if (bookStarted || !inBook) return;
    bookStarted = true;
    share.hidden = false;
    readHash();
    window.addEventListener("hashchange", onHashChange);
    showInputs();
    recompute();
  }
  share.hidden = true;
  showInputs();
  draw();
  startBook();

  return () => {
    model.off("change:result", onResult);
    CALC_INPUTS.forEach((k) => model.off(`change:${k}`, onInput));
    window.removeEventListener("hashchange", onHashChange);
    address.stop();
  };
}

export default { render };
