// The dose locator: a daily total placed on a log strip of the dose bands, with a sentence saying
// which band it falls in. Descriptive only: it never suggests an amount.
//
// Runs as an anywidget module in JupyterLab and, through static/widget-host.js, in the static book.
// The bands, the facts a total can meet and every sentence's template all come from the model
// (dose_locator.py builds them from the content file); this file reads the box with the calculator's
// number reader, draws, and looks the number up.

import { h, setText } from "../frontend/dom.js";
import { fill, formatNumber } from "../frontend/format.js";
import { errorFor, parseNumber } from "../reconstitution.js";

const UNITS = { mcg: 1, mg: 1000 };
// The strip is drawn in CSS pixels at the width it is given, so its text stays at its real size.
const PAD = 24, LANE_H = 12, LANE_GAP = 7, LINE = 14, SWATCH = 10, GAP = 12, DEFAULT_WIDTH = 640;
// An open end (no figure in the sources) fades out over this many steps; its length means nothing.
const FADE_STEPS = 4;
let instances = 0;

// Amounts and multiples by the one number rule, with the digits Python chose (charts/formatting.py
// sends them in the state as `number_rule`), so the page's sentence is Python's digit for digit.
function amount(model, mcg) {
  const rule = model.get("number_rule");
  return mcg >= rule.mg_from_mcg
    ? `${formatNumber(mcg / 1000, rule.amount_decimals.mg)} mg`
    : `${formatNumber(mcg, rule.amount_decimals.mcg)} mcg`;
}

function multiple(model, m) {
  const [, decimals] = model.get("number_rule").multiple_decimals.find(([from]) => m >= from);
  return formatNumber(m, decimals);
}

const quantityOf = (model) => model.get("quantity") ?? "daily total";

// The box's text → { mcg } or { message }: read as the calculator reads a number (parseNumber), with
// the calculator spec's messages, the quantity ("Daily total") as the field's label.
function parse(model, raw, unit) {
  const quantity = quantityOf(model);
  const label = quantity[0].toUpperCase() + quantity.slice(1);
  const { value, code } = parseNumber(raw);
  if (code === "empty") return { empty: true, message: fill(model.get("words").empty, { quantity }) };
  if (code !== undefined) return { message: errorFor(code, label) };
  if (!Number.isFinite(value)) return { message: errorFor("not_finite", label) };
  if (value < 0) return { message: errorFor("negative", label) };
  if (value === 0) return { message: errorFor("zero", label) };
  return { mcg: value * UNITS[unit] };
}

// The same test as holds() in dose_locator.py, with the same slack (rel_tol in the model).
function holds(fact, mcg, relTol) {
  const high = fact.high === null ? Infinity : fact.high;
  return fact.closed
    ? mcg >= fact.low * (1 - relTol) && mcg <= high * (1 + relTol)
    : mcg > fact.low * (1 + relTol) && mcg < high * (1 - relTol);
}

// The same sentence, and the same lit bands, as DoseLocator.placed() in Python.
function describe(model, mcg) {
  const relTol = model.get("rel_tol");
  const words = model.get("words");
  const std = model.get("standard_mcg") ?? null;
  const phrase = model.get("standard_phrase");
  const per = model.get("per") ?? "a day";
  const atStandard = std !== null && holds({ low: std, high: std, closed: true }, mcg, relTol);
  const total = `${amount(model, mcg)} ${per}`;
  // Without a standard to compare with, the facts alone say where it falls.
  const lead = std === null ? fill(words.plain, { total })
    : atStandard ? fill(words.at, { total, phrase })
      : mcg / std > 0 ? fill(words.multiple, { total, multiple: multiple(model, mcg / std), phrase })
        : fill(words.fraction, { total, phrase });
  const held = model.get("facts").filter((f) => holds(f, mcg, relTol));
  const parts = [lead, ...held.map((f) => fill(words.fact, { text: f.text }))];
  if (held.length === 0 && std === null) parts.push(words.nowhere);
  const [, top] = model.get("scale");
  if (mcg > top) parts.push(fill(words.beyond, { top: `${amount(model, top)} ${per}` }));
  const hits = [...(atStandard ? ["standard"] : []), ...held.filter((f) => f.band).map((f) => f.band)];
  return { text: parts.join(" "), hits };
}

// ---- the strip

// Width of a text element once drawn; a fair guess while the strip is not on the page yet.
function textWidth(node, size = 12) {
  let measured;
  try {
    measured = node.getComputedTextLength();
  } catch {
    measured = 0; // not laid out yet
  }
  return measured > 0 ? measured : node.textContent.length * size * 0.58;
}

// Band labels go in rows above the strip, each centred over its band where the width allows. A label
// takes the lowest row with room for it, moved right past its neighbour if need be (its swatch still
// names its band); a label wider than the whole strip has been wrapped at a space before this.
function placeLabels(items, width) {
  const rows = []; // right edge of the last label in each row
  for (const item of [...items].sort((a, b) => a.centre - b.centre)) {
    const w = item.width + SWATCH + 4;
    const ideal = Math.min(Math.max(2, item.centre - w / 2), Math.max(2, width - 2 - w));
    item.row = rows.findIndex((right) => Math.max(ideal, right + GAP) + w <= width - 2);
    if (item.row === -1) {
      item.row = rows.length;
      rows.push(-Infinity);
    }
    item.left = Math.max(ideal, rows[item.row] + GAP);
    rows[item.row] = item.left + w;
  }
  return rows.length;
}

function wrapLabel(text, maxChars) {
  if (text.length <= maxChars || !text.includes(" ")) return [text];
  const words = text.split(" ");
  const lines = [""];
  for (const word of words) {
    const line = lines[lines.length - 1];
    if (line && line.length + 1 + word.length > maxChars) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  return lines;
}

// `count` rects from x1 to x2 whose opacity runs from `from` to `to`: an end the sources give no figure
// for. Never outlined when its band is lit, so the fade keeps no edge.
function fade(parent, { x1, x2, y, fill, from, to, count = FADE_STEPS }) {
  const step = (x2 - x1) / count;
  for (let k = 0; k < count; k += 1) {
    const opacity = from + ((to - from) * k) / count;
    parent.append(h("svg:rect", {
      x: x1 + k * step, y, width: step, height: LANE_H, fill, "fill-opacity": opacity, class: "locator-open",
    }));
  }
}

function createStrip(model, titleId) {
  const holder = h("div", { className: "locator-strip" });
  let svgRoot = null, title = null, marker = null, offscale = null, xOf = null, clampX = null;
  let shapes = new Map();
  let current = { mcg: null, hits: [] };
  let drawnWidth = 0;
  let geometry = { stripY: 0, stripH: 0 };

  function draw(width) {
    drawnWidth = width;
    const W = Math.max(200, width);
    const [lo, hi] = model.get("scale");
    const span = Math.log10(hi) - Math.log10(lo);
    xOf = (mcg) => PAD + ((Math.log10(mcg) - Math.log10(lo)) / span) * (W - 2 * PAD);
    clampX = (mcg) => Math.min(W - PAD, Math.max(PAD, xOf(mcg)));
    title = h("svg:title", { id: titleId });
    const defs = h("svg:defs");
    const root = h("svg:svg", { class: "locator-svg", role: "img", "aria-labelledby": titleId }, title, defs);
    if (svgRoot) svgRoot.replaceWith(root); else holder.append(root);
    svgRoot = root;

    // Labels first: their rows decide how far down the strip starts.
    const bands = model.get("bands");
    const items = bands.map((b, i) => {
      const x1 = clampX(b.low_mcg), x2 = clampX(b.drawn_to_mcg);
      const text = h("svg:text", { class: "locator-band-label" }, b.label);
      const label = h("svg:g", { class: "locator-label-group" }, text);
      const g = h("svg:g", { class: `locator-band band-${b.key}`, "data-band": b.key }, label);
      root.append(g);
      let lines = [b.label];
      let width = textWidth(text);
      if (width + SWATCH + 4 > W - 4) {
        // Too wide for the strip even alone: wrap it to the width the strip has.
        lines = wrapLabel(b.label, Math.max(6, Math.floor((b.label.length * (W - SWATCH - 10)) / width)));
        text.textContent = "";
        width = 0;
        for (const line of lines) {
          const tspan = h("svg:tspan", {}, line);
          text.append(tspan);
          width = Math.max(width, textWidth(tspan));
        }
      }
      // Bold (the band a total falls in) is a little wider: leave room for it.
      return { b, i, g, label, text, lines, x1, x2, width: width * 1.08, centre: b.key === "standard" ? x1 : (x1 + x2) / 2 };
    });
    const rowCount = placeLabels(items, W);
    const rowHeight = Math.max(...items.map((it) => it.lines.length)) * LINE + 4;
    const stripY = 4 + rowCount * rowHeight + 18;
    // One lane per band, so bands that overlap on the axis never hide one another; the standard is a
    // point on the first lane with a guide line through all of them.
    const laneBands = bands.filter((b) => b.key !== "standard");
    const laneOf = new Map(laneBands.map((b, i) => [b.key, i]));
    laneOf.set("standard", 0);
    const STRIP_H = laneBands.length * LANE_H + (laneBands.length - 1) * LANE_GAP;
    const laneY = (key) => stripY + laneOf.get(key) * (LANE_H + LANE_GAP);
    const height = stripY + STRIP_H + 46;
    root.setAttribute("viewBox", `0 0 ${W} ${height}`);

    for (const b of laneBands) {
      root.append(h("svg:rect", { x: PAD, y: laneY(b.key), width: W - 2 * PAD, height: LANE_H, class: "locator-track" }));
    }
    shapes = new Map();
    // The single-point standard is drawn last, on top of the range beside it.
    const order = [...items].sort((a, c) => (a.b.key === "standard") - (c.b.key === "standard"));
    for (const it of order) {
      const { b, i, g, x1, x2 } = it;
      const colour = b.grade.colour;
      const shape = h("svg:g", { class: "locator-band-shape" });
      g.insertBefore(shape, it.label);
      root.append(g); // paint order follows `order`
      let swatch;
      const top = 4 + (rowCount - 1 - it.row) * rowHeight + (rowHeight - 4 - SWATCH) / 2 + 2;
      const y = laneY(b.key);
      if (b.key === "standard") {
        const r = LANE_H / 2 + 5, half = SWATCH / 2;
        shape.append(
          h("svg:line", { x1, x2: x1, y1: stripY, y2: stripY + STRIP_H, class: "locator-guide" }),
          h("svg:path", { d: `M${x1},${y + LANE_H / 2 - r} l${r},${r} l${-r},${r} l${-r},${-r} z`, fill: colour, class: "locator-shape" }),
        );
        swatch = h("svg:path", { d: `M${it.left + half},${top} l${half},${half} l${-half},${half} l${-half},${-half} z`, fill: colour });
      } else if (b.high_mcg === null) {
        // Open-ended: a short hatched arrow that fades out, as the chart draws it, with its note.
        const id = `${titleId}-hatch-${i}`;
        defs.append(h("svg:pattern", { id, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
          h("svg:line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: colour, "stroke-width": 3 })));
        fade(shape, { x1, x2, y, fill: `url(#${id})`, from: 1, to: 1 / FADE_STEPS });
        shape.append(
          h("svg:path", { d: `M${x2},${y - 2} l7,${LANE_H / 2 + 2} l-7,${LANE_H / 2 + 2} z`, fill: colour, "fill-opacity": 0.35 }),
          h("svg:text", { x: x2 + 12, y: y + LANE_H - 2, class: "locator-open-note" }, model.get("open_note")),
        );
        swatch = h("svg:rect", { x: it.left, y: top, width: SWATCH, height: SWATCH, fill: `url(#${id})`, stroke: colour });
      } else {
        // No lower figure in the sources: the band fades in towards where its words begin.
        if (b.fade_from_mcg !== null && b.fade_from_mcg !== undefined) {
          fade(shape, { x1: clampX(b.fade_from_mcg), x2: x1, y, fill: colour, from: 0.1, to: 0.85 });
        }
        const soft = b.soft_from_mcg === null ? x2 : clampX(b.soft_from_mcg);
        shape.append(h("svg:rect", { x: x1, y, width: soft - x1, height: LANE_H, fill: colour, class: "locator-shape" }));
        if (soft < x2) {
          shape.append(h("svg:rect", { x: soft, y, width: x2 - soft, height: LANE_H, fill: colour, "fill-opacity": 0.4, class: "locator-shape" }));
        }
        swatch = h("svg:rect", { x: it.left, y: top, width: SWATCH, height: SWATCH, fill: colour });
      }
      // The swatch repeats the band's look, so a label that could not sit right over its band
      // still says which band it names.
      swatch.setAttribute("class", "locator-swatch");
      it.label.insertBefore(swatch, it.text);
      const baseline = 4 + (rowCount - 1 - it.row) * rowHeight + LINE - 3;
      const x = it.left + SWATCH + 4;
      it.text.setAttribute("x", x);
      it.text.setAttribute("y", baseline);
      it.text.querySelectorAll("tspan").forEach((tspan, j) => {
        tspan.setAttribute("x", x);
        tspan.setAttribute("y", baseline + j * LINE);
      });
      shapes.set(b.key, g);
    }

    // Ticks: a label that would touch the one before it is left out (its gridline stays).
    let lastRight = -Infinity;
    for (const t of model.get("ticks")) {
      const x = xOf(t.value);
      const label = h("svg:text", { x, y: stripY + STRIP_H + 18, "text-anchor": "middle", class: "locator-tick-label" }, t.label);
      root.append(h("svg:line", { x1: x, x2: x, y1: stripY + STRIP_H, y2: stripY + STRIP_H + 5, class: "locator-tick" }), label);
      const halfWidth = textWidth(label, 11) / 2;
      if (x - halfWidth < lastRight + 6) label.remove();
      else lastRight = x + halfWidth;
    }
    offscale = h("svg:path", { d: "", class: "locator-offscale" });
    marker = h("svg:g", { class: "locator-marker", visibility: "hidden" },
      h("svg:line", { x1: 0, x2: 0, y1: stripY - 8, y2: stripY + STRIP_H + 4 }),
      h("svg:path", { d: `M-7,${stripY - 15} h14 l-7,9 z` }),
      offscale);
    root.append(
      h("svg:text", { x: W / 2, y: stripY + STRIP_H + 38, "text-anchor": "middle", class: "locator-axis-label" },
        fill(model.get("words").axis, { quantity: quantityOf(model) })),
      marker,
    );
    geometry = { stripY, stripH: STRIP_H };
    place(current.mcg, current.hits);
  }

  // Marks a daily total (null: none) and lights up the band it falls in.
  function place(mcg, hits = []) {
    current = { mcg, hits };
    const words = model.get("words");
    setText(title, mcg ? fill(words.strip_marked, { total: `${amount(model, mcg)} ${model.get("per") ?? "a day"}` })
      : words.strip);
    for (const [key, g] of shapes) g.classList.toggle("is-hit", Boolean(mcg) && hits.includes(key));
    if (!mcg) {
      marker.setAttribute("visibility", "hidden");
      return;
    }
    marker.setAttribute("transform", `translate(${clampX(mcg)},0)`);
    marker.setAttribute("visibility", "visible");
    // An arrow on the edge when the number is off the drawn scale.
    const { stripY, stripH } = geometry;
    const [lo, hi] = model.get("scale");
    const off = mcg > hi ? 1 : mcg < lo ? -1 : 0;
    offscale.setAttribute("d", off ? `M${off * 4},${stripY + stripH / 2 - 6} l${off * 8},6 l${-off * 8},6 z` : "");
  }

  draw(DEFAULT_WIDTH);
  // Redrawn at the width it is given, whenever that changes (and once it is on the page).
  let observer = null;
  if (typeof ResizeObserver !== "undefined") {
    observer = new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1].contentRect.width);
      if (width > 0 && width !== drawnWidth) draw(width);
    });
    observer.observe(holder);
  }
  return { holder, place, disconnect: () => observer?.disconnect() };
}

function render({ model, el: host }) {
  instances += 1;
  const uid = `explainer-locator-${instances}`;
  const quantity = quantityOf(model);
  const words = model.get("words");
  const radios = {};
  const unitLabels = Object.keys(UNITS).map((u) => {
    radios[u] = h("input", { type: "radio", name: `${uid}-unit`, value: u });
    return h("label", { className: "locator-unit" }, radios[u], ` ${u}`);
  });
  const input = h("input", {
    id: `${uid}-input`, type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
    className: "locator-input", "aria-describedby": `${uid}-sentence`,
  });
  const box = h("div", { className: "explainer-locator explainer-panel explainer-ui", role: "group", "aria-labelledby": `${uid}-heading` },
    h("p", { className: "locator-heading", id: `${uid}-heading` }, fill(words.heading, { quantity, name: model.get("name") })),
    h("div", { className: "locator-form" },
      h("label", { for: `${uid}-input`, className: "locator-label" }, quantity[0].toUpperCase() + quantity.slice(1)),
      input,
      h("fieldset", { className: "locator-units" }, h("legend", { className: "explainer-sr" }, words.unit_legend), unitLabels)));
  // On the page before the strip is drawn, so its labels are measured where they can be.
  host.append(box);
  const strip = createStrip(model, `${uid}-strip`);
  const sentence = h("p", { className: "locator-sentence", id: `${uid}-sentence`, "aria-live": "polite" });
  box.append(strip.holder, sentence, h("p", { className: "locator-note" }, words.note));

  function show(result) {
    sentence.classList.toggle("is-error", Boolean(result.message) && !result.empty);
    if (result.message) {
      setText(sentence, result.message);
      strip.place(null);
      box.dataset.bands = "";
      return;
    }
    const { text, hits } = describe(model, result.mcg);
    setText(sentence, text);
    strip.place(result.mcg, hits);
    box.dataset.bands = hits.join(" ");
  }

  // Our own model.set calls notify our own listeners; `own` keeps them from rewriting the box.
  let own = false;
  function commit(key, value) {
    own = true;
    try {
      model.set(key, value);
    } finally {
      own = false;
    }
    model.save_changes();
  }

  // Typing → the model (null while the box holds no usable number), so Python sees the same value.
  function fromBox() {
    const result = parse(model, input.value, model.get("unit"));
    show(result);
    const mcg = result.mcg ?? null;
    if (!Object.is(model.get("daily_mcg"), mcg)) commit("daily_mcg", mcg);
  }

  // The model → the box, when Python (or the page's first draw) sets a value.
  function fromModel() {
    if (own) return;
    const mcg = model.get("daily_mcg");
    const unit = model.get("unit");
    radios[unit].checked = true;
    const shown = parse(model, input.value, unit);
    if (mcg === null || mcg === undefined) {
      if (!shown.mcg) return show(shown);
      input.value = "";
      return show(parse(model, "", unit));
    }
    if (shown.mcg && Math.abs(shown.mcg - mcg) <= Math.abs(mcg) * model.get("rel_tol")) return show(shown);
    // Plain digits (never an exponent), as a reader would type them.
    input.value = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 12, useGrouping: false }).format(mcg / UNITS[unit]);
    // A value too long for the box (set from Python) is still placed.
    const typed = parse(model, input.value, unit);
    show(typed.mcg ? typed : { mcg });
  }

  input.addEventListener("input", fromBox);
  for (const [u, radio] of Object.entries(radios)) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      commit("unit", u);
      fromBox(); // the number in the box now means this unit
    });
  }
  model.on("change:daily_mcg", fromModel);
  model.on("change:unit", fromModel);
  fromModel();
  return () => {
    strip.disconnect();
    model.off("change:daily_mcg", fromModel);
    model.off("change:unit", fromModel);
  };
}

export default { render };
// For tests: the sentence and the box's reader, runnable in node without a page.
export { describe, parse };
