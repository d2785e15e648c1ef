// The dose locator: a daily total placed on a log strip of the dose bands, with a sentence saying
// which band it falls in. Descriptive only: it never suggests an amount.
//
// Runs as an anywidget module in JupyterLab and, through static/widget-host.js, in the static book.
// The bands, their words and the facts a total can meet all come from the model (dose_locator.py builds
// them from the content file); this file parses the box, draws, and looks the number up.

const SVG_NS = "http://www.w3.org/2000/svg";
const UNITS = { mcg: 1, mg: 1000 };
const MAX_CHARS = 40;
// The strip is drawn in CSS pixels at the width it is given, so its text stays at its real size.
const PAD = 24, LANE_H = 12, LANE_GAP = 7, LINE = 14, SWATCH = 10, GAP = 12, DEFAULT_WIDTH = 640;
// The open-ended band fades out over this many steps (its length means nothing: no upper figure).
const FADE_STEPS = 4;
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

// ---- numbers, exactly as Python writes them (charts.fmt_num, fmt_amount; dose_locator._multiple)

// The double's exact value is mantissa × 2^exp2 (BigInt mantissa).
function exactParts(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return [mantissa, -1074]; // subnormal
  mantissa |= 1n << 52n;
  return [mantissa, biased - 1075];
}

// Is x (positive, finite) exactly digits × 10^exp10?
function equalsDecimal(x, digits, exp10) {
  const [mantissa, exp2] = exactParts(x);
  let left = mantissa, right = digits;
  if (exp2 >= 0) left <<= BigInt(exp2); else right <<= BigInt(-exp2);
  if (exp10 >= 0) right *= 10n ** BigInt(exp10); else left *= 10n ** BigInt(-exp10);
  return left === right;
}

// x (non-negative, finite) to p significant digits, rounded as Python rounds: to the nearest, ties
// to even, on the exact binary value. toExponential rounds ties up, so exact ties are checked.
function sigDigits(x, p) {
  const [mant, e] = x.toExponential(p - 1).split("e");
  const rounded = { digits: mant.replace(".", ""), exp: Number(e) };
  if (x === 0) return rounded;
  const [fineMant, fineE] = x.toExponential(p).split("e");
  const fine = fineMant.replace(".", "");
  const exp = Number(fineE);
  if (fine.endsWith("5") && Number(fine[p - 1]) % 2 === 0 && equalsDecimal(x, BigInt(fine), exp - p)) {
    return { digits: fine.slice(0, p), exp }; // a true tie, kept at the even digit
  }
  return rounded;
}

// Python's format(x, ".{p}g") (with "," when `group`): fixed notation for exponents from -4 up to
// p - 1, otherwise d.ddde±XX; trailing zeros dropped.
function formatG(x, p, group = false) {
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const { digits, exp } = sigDigits(Math.abs(x), p);
  if (exp < -4 || exp >= p) {
    const rest = digits.slice(1).replace(/0+$/, "");
    return `${sign}${digits[0]}${rest ? `.${rest}` : ""}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  let whole = exp >= 0 ? digits.slice(0, exp + 1) : "0";
  const frac = (exp >= 0 ? digits.slice(exp + 1) : "0".repeat(-exp - 1) + digits).replace(/0+$/, "");
  if (group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

// Python's round(): to the nearest whole number, ties to even.
function roundHalfEven(m) {
  const f = Math.floor(m);
  const d = m - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
}

const fmtNum = (x) => formatG(x, 6, Math.abs(x) >= 1000);
const fmtAmount = (mcg) => (mcg >= 1000 ? `${fmtNum(mcg / 1000)} mg` : `${fmtNum(mcg)} mcg`);
const fmtMultiple = (m) => fmtNum(m >= 10 ? roundHalfEven(m) : Number(formatG(m, 2)));

// The box's text → { mcg } or { message }. Plain digits with an optional point; commas only as
// thousands separators (1,500), since "0,3" could mean either.
function parse(raw, unit, quantity = "daily total") {
  const text = raw.trim();
  if (text === "") return { empty: true, message: `Type a ${quantity} to see where it falls.` };
  if (text.length > MAX_CHARS) return { message: `That entry is too long to be a ${quantity}.` };
  let plain = text.replace(/^\+/, "");
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(plain)) plain = plain.replace(/,/g, "");
  if (/^-\s*(\d|\.\d)/.test(plain)) return { message: `A ${quantity} cannot be negative.` };
  if (plain.includes(",")) return { message: "Use a point for decimals (0.3, not 0,3)." };
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain)) {
    return { message: `“${text}” is not a number. Type digits only, with a point for decimals.` };
  }
  const value = Number(plain);
  const mcg = value * UNITS[unit];
  if (!Number.isFinite(mcg)) return { message: "That number is too large to place." };
  if (mcg === 0) return { message: `A ${quantity} of zero is not on this scale: type an amount above zero.` };
  return { mcg };
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
  const std = model.get("standard_mcg") ?? null;
  const phrase = model.get("standard_phrase");
  const per = model.get("per") ?? "a day";
  const atStandard = std !== null && holds({ low: std, high: std, closed: true }, mcg, relTol);
  const amount = `${fmtAmount(mcg)} ${per}`;
  // Without a standard to compare with, the facts alone say where it falls.
  const lead = std === null ? `${amount}.`
    : atStandard ? `${amount} is at ${phrase}.`
      : mcg / std > 0 ? `${amount} is about ${fmtMultiple(mcg / std)}× ${phrase}.`
        : `${amount} is a vanishingly small fraction of ${phrase}.`;
  const held = model.get("facts").filter((f) => holds(f, mcg, relTol));
  const parts = [lead, ...held.map((f) => `${f.text}.`)];
  if (held.length === 0 && std === null) parts.push(`${model.get("nowhere")}.`);
  const [, top] = model.get("scale");
  if (mcg > top) parts.push(`It is beyond the right end of this scale (${fmtAmount(top)} ${per}).`);
  const hits = [...(atStandard ? ["standard"] : []), ...held.filter((f) => f.band).map((f) => f.band)];
  return { text: parts.join(" "), hits };
}

// ---- the strip

// Width of a text element once drawn; a fair guess while the strip is not on the page yet.
function textWidth(node, size = 12) {
  let measured = 0;
  try {
    measured = node.getComputedTextLength();
  } catch {
    measured = 0;
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

function createStrip(model, titleId) {
  const holder = el(null, "div", { class: "locator-strip" });
  let svgRoot = null, title = null, marker = null, offscale = null, xOf = null, clampX = null;
  let shapes = new Map();
  let current = { mcg: null, hits: [] };
  let drawnWidth = 0;

  function draw(width) {
    drawnWidth = width;
    const W = Math.max(200, width);
    const [lo, hi] = model.get("scale");
    const span = Math.log10(hi) - Math.log10(lo);
    xOf = (mcg) => PAD + ((Math.log10(mcg) - Math.log10(lo)) / span) * (W - 2 * PAD);
    clampX = (mcg) => Math.min(W - PAD, Math.max(PAD, xOf(mcg)));
    const root = el(SVG_NS, "svg", { class: "locator-svg", role: "img", "aria-labelledby": titleId });
    title = el(SVG_NS, "title", { id: titleId }, root);
    const defs = el(SVG_NS, "defs", {}, root);
    if (svgRoot) svgRoot.replaceWith(root); else holder.appendChild(root);
    svgRoot = root;

    // Labels first: their rows decide how far down the strip starts.
    const bands = model.get("bands");
    const items = bands.map((b, i) => {
      const x1 = clampX(b.low_mcg), x2 = clampX(b.drawn_to_mcg);
      const g = el(SVG_NS, "g", { class: `locator-band band-${b.key}`, "data-band": b.key }, root);
      const label = el(SVG_NS, "g", { class: "locator-label-group" }, g);
      const text = el(SVG_NS, "text", { class: "locator-band-label" }, label);
      let lines = [b.label];
      text.textContent = b.label;
      let width = textWidth(text);
      if (width + SWATCH + 4 > W - 4) {
        // Too wide for the strip even alone: wrap it to the width the strip has.
        lines = wrapLabel(b.label, Math.max(6, Math.floor((b.label.length * (W - SWATCH - 10)) / width)));
        text.textContent = "";
        width = 0;
        for (const line of lines) {
          const span = el(SVG_NS, "tspan", {}, text, line);
          width = Math.max(width, textWidth(span));
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
      el(SVG_NS, "rect", { x: PAD, y: laneY(b.key), width: W - 2 * PAD, height: LANE_H, class: "locator-track" }, root);
    }
    shapes = new Map();
    // The single-point standard is drawn last, on top of the range that starts at it.
    const order = [...items].sort((a, c) => (a.b.key === "standard") - (c.b.key === "standard"));
    for (const it of order) {
      const { b, i, g, x1, x2 } = it;
      const shape = el(SVG_NS, "g", { class: "locator-band-shape" });
      g.insertBefore(shape, it.label);
      root.appendChild(g); // paint order follows `order`
      let swatch;
      const top = 4 + (rowCount - 1 - it.row) * rowHeight + (rowHeight - 4 - SWATCH) / 2 + 2;
      if (b.key === "standard") {
        const y = laneY(b.key), r = LANE_H / 2 + 5;
        el(SVG_NS, "line", { x1, x2: x1, y1: stripY, y2: stripY + STRIP_H, class: "locator-guide" }, shape);
        const d = `M${x1},${y + LANE_H / 2 - r} l${r},${r} l${-r},${r} l${-r},${-r} z`;
        el(SVG_NS, "path", { d, fill: b.grade.colour, class: "locator-shape" }, shape);
        const h = SWATCH / 2;
        swatch = el(SVG_NS, "path", { d: `M${it.left + h},${top} l${h},${h} l${-h},${h} l${-h},${-h} z`, fill: b.grade.colour });
      } else if (b.high_mcg === null) {
        // Open-ended: a short hatched arrow that fades out, as the chart draws it, with its note.
        const id = `${titleId}-hatch-${i}`;
        const pat = el(SVG_NS, "pattern", { id, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
        el(SVG_NS, "line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: b.grade.colour, "stroke-width": 3 }, pat);
        const y = laneY(b.key), step = (x2 - x1) / FADE_STEPS;
        for (let k = 0; k < FADE_STEPS; k += 1) {
          el(SVG_NS, "rect", { x: x1 + k * step, y, width: step, height: LANE_H, fill: `url(#${id})`, "fill-opacity": 1 - k / FADE_STEPS, class: "locator-shape locator-open" }, shape);
        }
        el(SVG_NS, "path", { d: `M${x2},${y - 2} l7,${LANE_H / 2 + 2} l-7,${LANE_H / 2 + 2} z`, fill: b.grade.colour, "fill-opacity": 0.35 }, shape);
        el(SVG_NS, "text", { x: x2 + 12, y: y + LANE_H - 2, class: "locator-open-note" }, shape, model.get("open_note"));
        swatch = el(SVG_NS, "rect", { x: it.left, y: top, width: SWATCH, height: SWATCH, fill: `url(#${id})`, stroke: b.grade.colour });
      } else {
        const soft = b.soft_from_mcg === null ? x2 : clampX(b.soft_from_mcg);
        const y = laneY(b.key);
        el(SVG_NS, "rect", { x: x1, y, width: soft - x1, height: LANE_H, fill: b.grade.colour, class: "locator-shape" }, shape);
        if (soft < x2) {
          el(SVG_NS, "rect", { x: soft, y, width: x2 - soft, height: LANE_H, fill: b.grade.colour, "fill-opacity": 0.4, class: "locator-shape" }, shape);
        }
        swatch = el(SVG_NS, "rect", { x: it.left, y: top, width: SWATCH, height: SWATCH, fill: b.grade.colour });
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
      el(SVG_NS, "line", { x1: x, x2: x, y1: stripY + STRIP_H, y2: stripY + STRIP_H + 5, class: "locator-tick" }, root);
      const label = el(SVG_NS, "text", { x, y: stripY + STRIP_H + 18, "text-anchor": "middle", class: "locator-tick-label" }, root, t.label);
      const half = textWidth(label, 11) / 2;
      if (x - half < lastRight + 6) label.remove();
      else lastRight = x + half;
    }
    el(SVG_NS, "text", { x: W / 2, y: stripY + STRIP_H + 38, "text-anchor": "middle", class: "locator-axis-label" }, root,
      `${model.get("quantity") ?? "daily total"}, log scale`);
    marker = el(SVG_NS, "g", { class: "locator-marker", visibility: "hidden" }, root);
    el(SVG_NS, "line", { x1: 0, x2: 0, y1: stripY - 8, y2: stripY + STRIP_H + 4 }, marker);
    el(SVG_NS, "path", { d: `M-7,${stripY - 15} h14 l-7,9 z` }, marker);
    offscale = el(SVG_NS, "path", { d: "", class: "locator-offscale" }, marker);
    offscale.dataset.stripY = String(stripY);
    offscale.dataset.stripH = String(STRIP_H);
    place(current.mcg, current.hits);
  }

  // Marks a daily total (null: none) and lights up the band it falls in.
  function place(mcg, hits = []) {
    current = { mcg, hits };
    title.textContent = "Log-scale strip of the dose bands" + (mcg ? `, with ${fmtAmount(mcg)} ${model.get("per") ?? "a day"} marked.` : ".");
    for (const [key, g] of shapes) g.classList.toggle("is-hit", Boolean(mcg) && hits.includes(key));
    if (!mcg) {
      marker.setAttribute("visibility", "hidden");
      return;
    }
    marker.setAttribute("transform", `translate(${clampX(mcg)},0)`);
    marker.setAttribute("visibility", "visible");
    // An arrow on the edge when the number is off the drawn scale.
    const stripY = Number(offscale.dataset.stripY), STRIP_H = Number(offscale.dataset.stripH);
    const [lo, hi] = model.get("scale");
    const off = mcg > hi ? 1 : mcg < lo ? -1 : 0;
    offscale.setAttribute("d", off ? `M${off * 4},${stripY + STRIP_H / 2 - 6} l${off * 8},6 l${-off * 8},6 z` : "");
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
  const box = el(null, "div", { class: "explainer-locator", role: "group", "aria-labelledby": `${uid}-heading` }, host);
  const quantity = model.get("quantity") ?? "daily total";
  el(null, "p", { class: "locator-heading", id: `${uid}-heading` }, box, `Where does a ${quantity} of ${model.get("name")} fall?`);

  const form = el(null, "div", { class: "locator-form" }, box);
  el(null, "label", { for: `${uid}-input`, class: "locator-label" }, form, quantity[0].toUpperCase() + quantity.slice(1));
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

  const strip = createStrip(model, `${uid}-strip`);
  box.appendChild(strip.holder);
  const sentence = el(null, "p", { class: "locator-sentence", id: `${uid}-sentence`, "aria-live": "polite" }, box);
  el(null, "p", { class: "locator-note" }, box,
    "This places a number among what sources and users report. It is not a recommendation.");

  function show(result) {
    sentence.classList.toggle("is-error", Boolean(result.message) && !result.empty);
    if (result.message) {
      sentence.textContent = result.message;
      strip.place(null);
      box.dataset.bands = "";
      return;
    }
    const { text, hits } = describe(model, result.mcg);
    sentence.textContent = text;
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
    const result = parse(input.value, model.get("unit"), quantity);
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
    const shown = parse(input.value, unit, quantity);
    if (mcg === null || mcg === undefined) {
      if (!shown.mcg) return show(shown);
      input.value = "";
      return show(parse("", unit, quantity));
    }
    if (shown.mcg && Math.abs(shown.mcg - mcg) <= Math.abs(mcg) * model.get("rel_tol")) return show(shown);
    input.value = String(Number((mcg / UNITS[unit]).toPrecision(12)));
    show(parse(input.value, unit, quantity));
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
// For tests: the formatting and the sentence, runnable in node without a page.
export { describe, fmtAmount, fmtMultiple, fmtNum, formatG, parse };
