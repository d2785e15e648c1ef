// The mechanism stepper: the compound's mechanism diagram, one step at a time.
//
// Runs as an anywidget module in JupyterLab and, through static/widget-host.js, in the static book.
// Everything it shows comes from the model (stepper.py builds it from the content file): the lanes,
// the nodes in column order, the arrows, an optional barrier and an optional side route carrying a
// label claim. This file only decides where things sit: columns evenly across the drawing, one row
// per lane, so any diagram of one or more nodes draws the same way.

const SVG_NS = "http://www.w3.org/2000/svg";
let instances = 0; // ids for aria references, unique across the several steppers on one page

const WIDTH = 720;
const NODE_H = 44;
const LEFT = 42, RIGHT = 670; // centres of the first and last column
const LANE_TOP = 38, LANE_PITCH = 92; // the first lane's centre and the distance between lanes

// Where each node sits: its column (its place in the list) and its lane's row. A node's width is the
// data's, or fits its label.
function layout(diagram) {
  const laneY = new Map(diagram.lanes.map((l, i) => [l.key, LANE_TOP + i * LANE_PITCH]));
  const count = diagram.nodes.length;
  const at = {};
  diagram.nodes.forEach((n, i) => {
    const x = count === 1 ? WIDTH / 2 : LEFT + (i * (RIGHT - LEFT)) / (count - 1);
    const longest = Math.max(...labelLines(n.label).map((line) => line.length));
    const w = n.width ?? Math.min(132, Math.max(72, longest * 7.5 + 20));
    at[n.key] = { x, y: laneY.get(n.lane), w };
  });
  const bottom = LANE_TOP + (diagram.lanes.length - 1) * LANE_PITCH;
  return { at, laneY, bottom };
}
function svg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

function html(tag, attrs = {}, text = null, parent = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

// Node labels wrap at their last space when long, so "Dopamine & serotonin" takes two lines.
function labelLines(label) {
  if (label.length <= 12 || !label.includes(" ")) return [label];
  const cut = label.lastIndexOf(" ", Math.ceil(label.length / 2) + 2);
  return [label.slice(0, cut), label.slice(cut + 1)];
}

function edge(a, b) {
  // Along the row: side to side. Over the barrier: up from a's top, then down onto b's top.
  const half = NODE_H / 2;
  if (a.y === b.y) return `M${a.x + a.w / 2},${a.y} L${b.x - b.w / 2 - 2},${b.y}`;
  if (b.y < a.y) return `M${a.x},${a.y - half} Q${a.x},${b.y} ${b.x - b.w / 2 - 2},${b.y}`;
  return `M${a.x + a.w / 2},${a.y} Q${b.x},${a.y} ${b.x},${b.y - half - 2}`;
}

function drawDiagram(nodes, diagram, titleId, side) {
  const { at, laneY, bottom } = layout(diagram);
  const height = bottom + (side ? 94 : diagram.barrier ? 82 : 40);
  const root = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`, class: "stepper-svg", role: "img", "aria-labelledby": titleId,
  });
  const labelOf = (key) => nodes.find((n) => n.key === key).label;
  const chain = diagram.edges.length === nodes.length - 1
    && diagram.edges.every(([a, b], i) => a === nodes[i].key && b === nodes[i + 1].key);
  // A path reads as one sentence; any other set of arrows is listed arrow by arrow.
  const words = chain ? `Path diagram: ${nodes.map((n) => n.label).join(", then ")}.`
    : `Diagram: ${nodes.map((n) => n.label).join(", ")}. Arrows: ${diagram.edges.map(([a, b]) => `${labelOf(a)} to ${labelOf(b)}`).join("; ")}.`;
  svg("title", { id: titleId }, root).textContent =
    words + (side ? ` A second route, ${side.caption}, is drawn below it. ${side.claim}` : "");
  const defs = svg("defs", {}, root);
  const arrow = svg("marker", {
    id: `${titleId}-arrow`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: "auto-start-reverse",
  }, defs);
  svg("path", { d: "M0,0 L10,5 L0,10 z", class: "stepper-arrowhead" }, arrow);

  for (const lane of diagram.lanes) {
    if (lane.label) {
      svg("text", { x: 4, y: laneY.get(lane.key) - NODE_H / 2 - 6, class: "stepper-small" }, root).textContent = lane.label;
    }
  }

  // A barrier, drawn as a bricked wall under its node (Semax: the blood–brain barrier).
  if (diagram.barrier) {
    const x = at[diagram.barrier.at].x;
    const bricks = svg("pattern", {
      id: `${titleId}-bricks`, width: 10, height: 8, patternUnits: "userSpaceOnUse",
    }, defs);
    svg("path", { d: "M0,0.5 H10 M5,0.5 V4 M0,4.5 H10 M0,4.5 V8", class: "stepper-brick" }, bricks);
    svg("rect", {
      x: x - 5, y: bottom - 50, width: 10, height: 110, fill: `url(#${titleId}-bricks)`, class: "stepper-barrier",
    }, root);
    svg("text", { x: x + 8, y: bottom + 70, class: "stepper-small" }, root).textContent = diagram.barrier.label;
  }
  // The side route below the lanes, with the claim it carries (Semax: the blood route through the barrier).
  if (side) {
    const a = at[side.start], b = at[side.end];
    const route = svg("path", {
      d: `M${a.x},${a.y + NODE_H / 2} V${bottom + 46} H${b.x} V${b.y + NODE_H / 2 + 2}`,
      class: "stepper-route-blood", "marker-end": `url(#${titleId}-arrow)`,
    }, root);
    svg("title", {}, route).textContent = `${side.claim} (${side.citation})`;
    svg("text", { x: a.x, y: bottom + 86, class: "stepper-small stepper-route-caption" }, root).textContent = side.caption;
  }

  for (const [from, to] of diagram.edges) {
    svg("path", {
      d: edge(at[from], at[to]), class: "stepper-edge",
      "marker-end": `url(#${titleId}-arrow)`, "data-to": to, "data-from": from,
    }, root);
  }

  const groups = new Map();
  for (const n of nodes) {
    const p = at[n.key];
    const g = svg("g", { class: "stepper-node", "data-node": n.key }, root);
    svg("rect", {
      x: p.x - p.w / 2, y: p.y - NODE_H / 2, width: p.w, height: NODE_H, rx: 12, class: "stepper-shape",
    }, g);
    const lines = labelLines(n.label);
    lines.forEach((line, j) => {
      svg("text", {
        x: p.x, y: p.y + (j - (lines.length - 1) / 2) * 15 + 4.5, "text-anchor": "middle", class: "stepper-label",
      }, g).textContent = line;
    });
    // The tick a visited node shows.
    const tick = svg("g", { class: "stepper-tick", transform: `translate(${p.x + p.w / 2 - 4},${p.y - NODE_H / 2 + 2})` }, g);
    svg("circle", { r: 8, cx: 0, cy: 0 }, tick);
    svg("path", { d: "M-4,0 l3,3 l5,-6" }, tick);
    groups.set(n.key, g);
  }
  return { root, groups };
}

function render({ model, el }) {
  instances += 1;
  const uid = `explainer-stepper-${instances}`;
  const steps = model.get("steps");
  const nodes = model.get("nodes");
  const name = model.get("name");
  const total = steps.length;

  const box = html("div", {
    class: "explainer-stepper", role: "group", tabindex: 0,
    "aria-label": `How ${name} is thought to work, in ${total} steps. Use the arrow keys or the buttons to move.`,
  }, null, el);
  const figure = html("div", { class: "stepper-diagram" }, null, box);
  const { root, groups } = drawDiagram(nodes, model.get("diagram"), `${uid}-title`, model.get("blood_route"));
  figure.appendChild(root);

  const panel = html("div", { class: "stepper-panel" }, null, box);
  // "Step n of N" is what shows; the live region also reads out the new step's title.
  const count = html("p", { class: "stepper-count", "aria-live": "polite", id: `${uid}-count` }, null, panel);
  const countText = html("span", {}, "", count);
  const countTitle = html("span", { class: "stepper-visually-hidden" }, "", count);
  const kicker = html("p", { class: "stepper-kicker" }, "", panel);
  const title = html("p", { class: "stepper-title" }, "", panel);
  const badge = html("span", { class: "stepper-badge" }, "", title);
  const titleText = document.createTextNode("");
  title.insertBefore(titleText, badge);
  const body = html("p", { class: "stepper-body" }, "", panel);

  const nav = html("div", { class: "stepper-nav" }, null, box);
  const prev = html("button", { type: "button", class: "stepper-prev", "aria-label": "Previous step" }, "← Previous", nav);
  const dots = html("span", { class: "stepper-dots", "aria-hidden": "true" }, null, nav);
  const dotEls = steps.map((s) => html("span", { class: "stepper-dot", title: `Step ${s.number}` }, null, dots));
  const next = html("button", { type: "button", class: "stepper-next", "aria-label": "Next step" }, "Next →", nav);

  function show() {
    const n = model.get("step");
    const s = steps[n - 1];
    if (!s) return;
    const visited = new Set(steps.slice(0, n - 1).map((t) => t.node));
    visited.delete(s.node);
    for (const [key, g] of groups) {
      g.classList.toggle("is-current", key === s.node);
      g.classList.toggle("is-visited", visited.has(key));
      if (key === s.node) {
        g.style.setProperty("--node-fill", s.grade.colour);
        g.style.setProperty("--node-ink", s.grade.text_colour);
      }
    }
    for (const path of root.querySelectorAll(".stepper-edge")) {
      path.classList.toggle("is-current", path.dataset.to === s.node);
    }
    box.dataset.step = String(n);
    box.dataset.node = s.node;
    countText.textContent = `Step ${n} of ${total}`;
    countTitle.textContent = `: ${s.title}`;
    kicker.textContent = s.kicker;
    titleText.textContent = `${s.title} `;
    badge.textContent = s.grade.label;
    badge.title = s.grade.meaning;
    badge.style.background = s.grade.colour;
    badge.style.color = s.grade.text_colour;
    body.textContent = s.body;
    dotEls.forEach((d, i) => {
      d.classList.toggle("is-current", i === n - 1);
      d.classList.toggle("is-visited", i < n - 1);
    });
    // On a narrow page the drawing scrolls sideways: bring the current node into view.
    const node = groups.get(s.node);
    if (node && figure.scrollWidth > figure.clientWidth) {
      const r = node.getBoundingClientRect();
      const f = figure.getBoundingClientRect();
      figure.scrollLeft += r.left + r.width / 2 - (f.left + f.width / 2);
    }
    const focused = document.activeElement;
    prev.disabled = n <= 1;
    next.disabled = n >= total;
    // A button that just became disabled drops focus; keep the reader inside the widget.
    if ((focused === prev && prev.disabled) || (focused === next && next.disabled)) box.focus();
  }

  function go(delta) {
    const n = Math.min(total, Math.max(1, model.get("step") + delta));
    if (n === model.get("step")) return;
    model.set("step", n);
    model.save_changes();
  }

  prev.addEventListener("click", () => go(-1));
  next.addEventListener("click", () => go(1));
  box.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowRight") go(1);
    else if (event.key === "ArrowLeft") go(-1);
    else return;
    event.preventDefault();
  });
  model.on("change:step", show);
  show();
  return () => model.off("change:step", show);
}

export default { render };
