// The dose locator: a daily total placed on a log strip of the dose bands, with a sentence saying
// which band it falls in. Descriptive only: it never suggests an amount.
//
// Runs as an anywidget module in JupyterLab and, through static/widget-host.js, in the static book.
// The bands, their words and the zones of the axis all come from the model (dose_locator.py builds
// them from the content file); this file parses the box, draws, and looks the number up.

const SVG_NS = "http://www.w3.org/2000/svg";
const UNITS = { mcg: 1, mg: 1000 };
const REL_TOL = 1e-9; // the same slack as find_zone() in dose_locator.py
const MAX_CHARS = 40;
const W = 640, PAD = 24, STRIP_Y = 46, STRIP_H = 22;
let instances = 0;

function el(ns, tag, attrs = {}, parent = null, text = null) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  // JupyterLab otherwise takes the arrow keys from a focused control for notebook navigation.
  if (tag === "input") node.setAttribute("data-lm-suppress-shortcuts", "true");
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

// Mirrors charts.fmt_num / fmt_amount for ordinary numbers.
const fmtNum = (x) => x.toLocaleString("en-US", { maximumSignificantDigits: 6 });
const fmtAmount = (mcg) => (mcg >= 1000 ? `${fmtNum(mcg / 1000)} mg` : `${fmtNum(mcg)} mcg`);
const fmtMultiple = (m) => fmtNum(m >= 10 ? Math.round(m) : Number(m.toPrecision(2)));

// The box's text → { mcg } or { message }. Plain digits with an optional point; commas only as
// thousands separators (1,500), since "0,3" could mean either.
function parse(raw, unit) {
  const text = raw.trim();
  if (text === "") return { empty: true, message: "Type a daily total to see where it falls." };
  if (text.length > MAX_CHARS) return { message: "That entry is too long to be a daily total." };
  let plain = text.replace(/^\+/, "");
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(plain)) plain = plain.replace(/,/g, "");
  if (/^-\s*(\d|\.\d)/.test(plain)) return { message: "A daily total cannot be negative." };
  if (plain.includes(",")) return { message: "Use a point for decimals (0.3, not 0,3)." };
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain)) {
    return { message: `“${text}” is not a number. Type digits only, with a point for decimals.` };
  }
  const value = Number(plain);
  const mcg = value * UNITS[unit];
  if (!Number.isFinite(mcg)) return { message: "That number is too large to place." };
  if (mcg === 0) return { message: "A daily total of zero is not on this scale: type an amount above zero." };
  return { mcg };
}

function findZone(zones, mcg) {
  return zones.find((z) => {
    const high = z.high === null ? Infinity : z.high;
    const loOk = z.closed ? mcg >= z.low * (1 - REL_TOL) : mcg > z.low * (1 + REL_TOL);
    const hiOk = z.closed ? mcg <= high * (1 + REL_TOL) : mcg < high * (1 - REL_TOL);
    return loOk && hiOk;
  });
}

// The same sentence as DoseLocator.describe() in Python.
function describe(model, mcg) {
  const zone = findZone(model.get("zones"), mcg);
  const [, top] = model.get("scale");
  let text = `${fmtAmount(mcg)} a day is ${zone.text}.`;
  if (zone.key !== "standard") {
    text += ` That is about ${fmtMultiple(mcg / model.get("standard_mcg"))}× the community standard.`;
  }
  if (mcg > top) text += ` It is beyond the right end of this scale (${fmtAmount(top)} a day).`;
  return { text, zone };
}

function drawStrip(model, titleId) {
  const [lo, hi] = model.get("scale");
  const span = Math.log10(hi) - Math.log10(lo);
  const xOf = (mcg) => PAD + ((Math.log10(mcg) - Math.log10(lo)) / span) * (W - 2 * PAD);
  const clampX = (mcg) => Math.min(W - PAD, Math.max(PAD, xOf(mcg)));
  const root = el(SVG_NS, "svg", { viewBox: `0 0 ${W} 112`, class: "locator-svg", role: "img", "aria-labelledby": titleId });
  const title = el(SVG_NS, "title", { id: titleId }, root);
  const defs = el(SVG_NS, "defs", {}, root);

  el(SVG_NS, "rect", { x: PAD, y: STRIP_Y, width: W - 2 * PAD, height: STRIP_H, class: "locator-track" }, root);
  const shapes = new Map();
  const bands = model.get("bands");
  // The single-point standard is drawn last, on top of the range that starts at it.
  const order = [...bands.keys()].sort((i, j) => (bands[i].key === "standard") - (bands[j].key === "standard"));
  order.forEach((i) => {
    const b = bands[i];
    const x1 = clampX(b.low_mcg), x2 = clampX(b.drawn_to_mcg);
    const g = el(SVG_NS, "g", { class: `locator-band band-${b.key}`, "data-band": b.key }, root);
    if (b.key === "standard") {
      const d = `M${x1},${STRIP_Y - 4} l9,${STRIP_H / 2 + 4} l-9,${STRIP_H / 2 + 4} l-9,${-(STRIP_H / 2 + 4)} z`;
      el(SVG_NS, "path", { d, fill: b.grade.colour, class: "locator-shape" }, g);
    } else if (b.high_mcg === null) {
      // Open-ended: hatched, no solid fill, the same way the chart draws it.
      const id = `${titleId}-hatch-${i}`;
      const pat = el(SVG_NS, "pattern", { id, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
      el(SVG_NS, "line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: b.grade.colour, "stroke-width": 3 }, pat);
      el(SVG_NS, "rect", { x: x1, y: STRIP_Y, width: x2 - x1, height: STRIP_H, fill: `url(#${id})`, class: "locator-shape" }, g);
    } else {
      const soft = b.soft_from_mcg === null ? x2 : clampX(b.soft_from_mcg);
      el(SVG_NS, "rect", { x: x1, y: STRIP_Y, width: soft - x1, height: STRIP_H, fill: b.grade.colour, class: "locator-shape" }, g);
      if (soft < x2) {
        el(SVG_NS, "rect", { x: soft, y: STRIP_Y, width: x2 - soft, height: STRIP_H, fill: b.grade.colour, "fill-opacity": 0.4, class: "locator-shape" }, g);
      }
    }
    // Labels alternate between two rows above the strip so neighbouring bands never collide.
    const mid = b.key === "standard" ? x1 : (x1 + x2) / 2;
    el(SVG_NS, "text", {
      x: mid, y: i % 2 ? 36 : 20, "text-anchor": b.key === "standard" ? "end" : "middle", class: "locator-band-label",
    }, g, b.label);
    shapes.set(b.key, g);
  });
  for (const t of model.get("ticks")) {
    const x = xOf(t.value);
    el(SVG_NS, "line", { x1: x, x2: x, y1: STRIP_Y + STRIP_H, y2: STRIP_Y + STRIP_H + 5, class: "locator-tick" }, root);
    el(SVG_NS, "text", { x, y: STRIP_Y + STRIP_H + 18, "text-anchor": "middle", class: "locator-tick-label" }, root, t.label);
  }
  el(SVG_NS, "text", { x: W / 2, y: 108, "text-anchor": "middle", class: "locator-axis-label" }, root,
    "daily total, log scale");
  const marker = el(SVG_NS, "g", { class: "locator-marker", visibility: "hidden" }, root);
  el(SVG_NS, "line", { x1: 0, x2: 0, y1: STRIP_Y - 8, y2: STRIP_Y + STRIP_H + 4 }, marker);
  el(SVG_NS, "path", { d: `M-7,${STRIP_Y - 15} h14 l-7,9 z` }, marker);
  const offscale = el(SVG_NS, "path", { d: "", class: "locator-offscale" }, marker);

  function place(mcg) {
    title.textContent = "Log-scale strip of the dose bands" + (mcg ? `, with ${fmtAmount(mcg)} a day marked.` : ".");
    for (const g of shapes.values()) g.classList.remove("is-hit");
    if (!mcg) {
      marker.setAttribute("visibility", "hidden");
      return;
    }
    const x = clampX(mcg);
    marker.setAttribute("transform", `translate(${x},0)`);
    marker.setAttribute("visibility", "visible");
    // An arrow on the edge when the number is off the drawn scale.
    const off = xOf(mcg) > W - PAD ? 1 : xOf(mcg) < PAD ? -1 : 0;
    offscale.setAttribute("d", off ? `M${off * 4},${STRIP_Y + STRIP_H / 2 - 6} l${off * 8},6 l${-off * 8},6 z` : "");
    return shapes;
  }
  return { root, place, shapes };
}

function render({ model, el: host }) {
  instances += 1;
  const uid = `explainer-locator-${instances}`;
  const box = el(null, "div", { class: "explainer-locator", role: "group", "aria-labelledby": `${uid}-heading` }, host);
  el(null, "p", { class: "locator-heading", id: `${uid}-heading` }, box, `Where does a daily total of ${model.get("name")} fall?`);

  const form = el(null, "div", { class: "locator-form" }, box);
  el(null, "label", { for: `${uid}-input`, class: "locator-label" }, form, "Daily total");
  const input = el(null, "input", {
    id: `${uid}-input`, type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
    class: "locator-input", "aria-describedby": `${uid}-sentence`,
  }, form);
  const units = el(null, "fieldset", { class: "locator-units" }, form);
  el(null, "legend", { class: "locator-visually-hidden" }, units, "Unit");
  const radios = {};
  for (const u of Object.keys(UNITS)) {
    const label = el(null, "label", { class: "locator-unit" }, units);
    radios[u] = el(null, "input", { type: "radio", name: `${uid}-unit`, value: u }, label);
    label.append(` ${u}`);
  }

  const strip = drawStrip(model, `${uid}-strip`);
  el(null, "div", { class: "locator-strip" }, box).appendChild(strip.root);
  const sentence = el(null, "p", { class: "locator-sentence", id: `${uid}-sentence`, "aria-live": "polite" }, box);
  el(null, "p", { class: "locator-note" }, box,
    "This places a number among what sources and users report. It is not a recommendation.");

  function show(result) {
    sentence.classList.toggle("is-error", Boolean(result.message) && !result.empty);
    if (result.message) {
      sentence.textContent = result.message;
      strip.place(null);
      box.dataset.zone = "";
      return;
    }
    const { text, zone } = describe(model, result.mcg);
    sentence.textContent = text;
    strip.place(result.mcg);
    if (zone.band) strip.shapes.get(zone.band)?.classList.add("is-hit");
    box.dataset.zone = zone.key;
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
    const result = parse(input.value, model.get("unit"));
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
    const shown = parse(input.value, unit);
    if (mcg === null || mcg === undefined) {
      if (!shown.mcg) return show(shown);
      input.value = "";
      return show(parse("", unit));
    }
    if (shown.mcg && Math.abs(shown.mcg - mcg) <= Math.abs(mcg) * REL_TOL) return show(shown);
    input.value = String(Number((mcg / UNITS[unit]).toPrecision(12)));
    show(parse(input.value, unit));
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
    model.off("change:daily_mcg", fromModel);
    model.off("change:unit", fromModel);
  };
}

export default { render };
