// The mechanism stepper: the compound's mechanism diagram, one step at a time.
//
// Runs as an anywidget module in JupyterLab and, through static/widget-host.js, in the static book.
// Everything it shows comes from the model (stepper.py builds it from the content file): the lanes,
// the nodes in column order, the arrows, an optional barrier, an optional captioned main route and an
// optional side route carrying a label claim. This file only decides where things sit: columns evenly
// across the drawing, one row per lane, so any diagram of one or more nodes draws the same way.

import { h, setText } from "../frontend/dom.js";

let instances = 0; // ids for aria references, unique across the several steppers on one page

const WIDTH = 720;
const NODE_H = 44;
const LEFT = 42, RIGHT = 670; // centres of the first and last column
const LANE_TOP = 38, LANE_PITCH = 92; // the first lane's centre and the distance between lanes
const CAPTION_ROOM = 16; // a main route's caption sits above the lanes

// Where each node sits: its column (its place in the list) and its lane's row. A node's width is the
// data's, or fits its label.
function layout(diagram) {
  const top = LANE_TOP + (diagram.main_route ? CAPTION_ROOM : 0);
  const laneY = new Map(diagram.lanes.map((l, i) => [l.key, top + i * LANE_PITCH]));
  const count = diagram.nodes.length;
  const at = {};
  diagram.nodes.forEach((n, i) => {
    const x = count === 1 ? WIDTH / 2 : LEFT + (i * (RIGHT - LEFT)) / (count - 1);
    const longest = Math.max(...labelLines(n.label).map((line) => line.length));
    const w = n.width ?? Math.min(132, Math.max(72, longest * 7.5 + 20));
    at[n.key] = { x, y: laneY.get(n.lane), w };
  });
  const bottom = top + (diagram.lanes.length - 1) * LANE_PITCH;
  return { at, laneY, top, bottom };
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

// What the drawing says, for its accessible name: the path, then each route with its caption.
function describeDiagram(nodes, diagram, side) {
  const labelOf = (key) => nodes.find((n) => n.key === key).label;
  const chain = diagram.edges.length === nodes.length - 1
    && diagram.edges.every(([a, b], i) => a === nodes[i].key && b === nodes[i + 1].key);
  // A path reads as one sentence; any other set of arrows is listed arrow by arrow.
  const words = [chain ? `Path diagram: ${nodes.map((n) => n.label).join(", then ")}.`
    : `Diagram: ${nodes.map((n) => n.label).join(", ")}. Arrows: ${diagram.edges.map(([a, b]) => `${labelOf(a)} to ${labelOf(b)}`).join("; ")}.`];
  const main = diagram.main_route;
  if (main) {
    words.push(`The route from ${labelOf(main.start)} to ${labelOf(main.end)} is dashed and captioned “${main.caption}”.`);
  }
  if (side) words.push(`A second route, dashed below it, is captioned “${side.caption}”. ${side.claim}`);
  return words.join(" ");
}

function drawDiagram(nodes, diagram, titleId, side) {
  const { at, laneY, top, bottom } = layout(diagram);
  const height = bottom + (side ? 94 : diagram.barrier ? 82 : 40);
  const arrowId = `${titleId}-arrow`;
  const defs = h("svg:defs", {},
    h("svg:marker", {
      id: arrowId, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse",
    }, h("svg:path", { d: "M0,0 L10,5 L0,10 z", class: "stepper-arrowhead" })));
  const root = h("svg:svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "stepper-svg", role: "img", "aria-labelledby": titleId },
    h("svg:title", { id: titleId }, describeDiagram(nodes, diagram, side)), defs);

  for (const lane of diagram.lanes) {
    if (lane.label) {
      root.append(h("svg:text", { x: 4, y: laneY.get(lane.key) - NODE_H / 2 - 6, class: "stepper-small" }, lane.label));
    }
  }

  // A barrier, drawn as a bricked wall under its node (Semax: the blood–brain barrier).
  if (diagram.barrier) {
    const x = at[diagram.barrier.at].x;
    defs.append(h("svg:pattern", { id: `${titleId}-bricks`, width: 10, height: 8, patternUnits: "userSpaceOnUse" },
      h("svg:path", { d: "M0,0.5 H10 M5,0.5 V4 M0,4.5 H10 M0,4.5 V8", class: "stepper-brick" })));
    root.append(
      h("svg:rect", { x: x - 5, y: bottom - 50, width: 10, height: 110, fill: `url(#${titleId}-bricks)`, class: "stepper-barrier" }),
      h("svg:text", { x: x + 8, y: bottom + 70, class: "stepper-small" }, diagram.barrier.label),
    );
  }
  // The side route below the lanes, with the claim it carries (Semax: the blood route through the barrier).
  if (side) {
    const a = at[side.start], b = at[side.end];
    root.append(
      h("svg:path", {
        d: `M${a.x},${a.y + NODE_H / 2} V${bottom + 46} H${b.x} V${b.y + NODE_H / 2 + 2}`,
        class: "stepper-route stepper-route-blood", "marker-end": `url(#${arrowId})`,
      }, h("svg:title", {}, `${side.claim} (${side.citation})`)),
      h("svg:text", { x: a.x, y: bottom + 86, class: "stepper-small stepper-route-caption" }, side.caption),
    );
  }
  // The main route's caption above the lanes, from its first node (Semax: nose to brain, as the
  // original page describes it); its arrows are drawn as the side route is, never bolder.
  const main = diagram.main_route;
  const onMain = new Set((main?.edges ?? []).map(([a, b]) => `${a}>${b}`));
  if (main) {
    const a = at[main.start];
    root.append(h("svg:text", { x: Math.max(4, a.x - a.w / 2), y: top - NODE_H / 2 - 8, class: "stepper-small stepper-route-caption stepper-main-caption" },
      main.caption));
  }

  for (const [from, to] of diagram.edges) {
    const route = onMain.has(`${from}>${to}`);
    root.append(h("svg:path", {
      d: edge(at[from], at[to]), class: route ? "stepper-edge stepper-route stepper-route-direct" : "stepper-edge",
      "marker-end": `url(#${arrowId})`, "data-to": to, "data-from": from,
    }));
  }

  const groups = new Map();
  for (const n of nodes) {
    const p = at[n.key];
    const lines = labelLines(n.label);
    const g = h("svg:g", { class: "stepper-node", "data-node": n.key },
      h("svg:rect", { x: p.x - p.w / 2, y: p.y - NODE_H / 2, width: p.w, height: NODE_H, rx: 12, class: "stepper-shape" }),
      lines.map((line, j) => h("svg:text", {
        x: p.x, y: p.y + (j - (lines.length - 1) / 2) * 15 + 4.5, "text-anchor": "middle", class: "stepper-label",
      }, line)),
      // The tick a visited node shows.
      h("svg:g", { class: "stepper-tick", transform: `translate(${p.x + p.w / 2 - 4},${p.y - NODE_H / 2 + 2})` },
        h("svg:circle", { r: 8, cx: 0, cy: 0 }),
        h("svg:path", { d: "M-4,0 l3,3 l5,-6" })));
    root.append(g);
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
  // The step the page's own text sits under: with prose below, that step's text is not repeated in the panel.
  const home = model.get("step");

  const { root, groups } = drawDiagram(nodes, model.get("diagram"), `${uid}-title`, model.get("blood_route"));
  const edges = [...root.querySelectorAll(".stepper-edge")];
  const figure = h("div", { className: "stepper-diagram" }, root);
  // "Step n of N" is what shows; the live region also reads out the new step's title.
  const countText = h("span");
  const countTitle = h("span", { className: "explainer-sr" });
  const kicker = h("p", { className: "stepper-kicker" });
  const titleText = document.createTextNode("");
  const badge = h("span", { className: "stepper-badge" });
  const body = h("p", { className: "stepper-body" });
  const prev = h("button", { type: "button", className: "stepper-prev", "aria-label": "Previous step" }, "← Previous");
  const next = h("button", { type: "button", className: "stepper-next", "aria-label": "Next step" }, "Next →");
  const dotEls = steps.map((s) => h("span", { className: "stepper-dot", title: `Step ${s.number}` }));
  const box = h("div", {
    className: "explainer-stepper explainer-panel explainer-ui", role: "group", tabindex: 0,
    "aria-label": `How ${name} is thought to work, in ${total} steps. Use the arrow keys or the buttons to move.`,
  },
  figure,
  h("div", { className: "stepper-panel" },
    h("p", { className: "stepper-count", "aria-live": "polite", id: `${uid}-count` }, countText, countTitle),
    kicker,
    h("p", { className: "stepper-title" }, titleText, badge),
    body),
  h("div", { className: "stepper-nav" },
    prev, h("span", { className: "stepper-dots", "aria-hidden": "true" }, dotEls), next));
  el.append(box);

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
    for (const path of edges) path.classList.toggle("is-current", path.dataset.to === s.node);
    box.dataset.step = String(n);
    box.dataset.node = s.node;
    setText(countText, `Step ${n} of ${total}`);
    setText(countTitle, `: ${s.title}`);
    setText(kicker, s.kicker);
    titleText.data = `${s.title} `;
    setText(badge, s.grade.label);
    badge.title = s.grade.meaning;
    badge.style.background = s.grade.colour;
    badge.style.color = s.grade.text_colour;
    setText(body, s.body);
    body.hidden = Boolean(model.get("prose_below")) && n === home;
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
