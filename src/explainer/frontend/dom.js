// The one DOM helper every widget builds its page with.
//   h("p", { className: "note", onclick: fn }, "text", child, [more, children])
// "svg:rect" makes an SVG element. Attributes that are undefined, null or false are left out; true
// writes an empty attribute; on* attributes become event listeners.

const SVG_NS = "http://www.w3.org/2000/svg";

export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith("svg:");
  const el = svg ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else if (name === "className" && !svg) el.className = value;
    else el.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
  }
  // JupyterLab binds bare arrow keys to notebook navigation unless the focused control opts out;
  // without this a slider or select cannot be used from the keyboard inside a notebook.
  if (tag === "input" || tag === "select") el.setAttribute("data-lm-suppress-shortcuts", "true");
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

// Sets text only when it changed: a text node rewritten with the same words still costs a layout.
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
