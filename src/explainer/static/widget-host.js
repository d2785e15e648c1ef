// Runs the book's anywidget-style ES modules in the static page, with no kernel.
// Each placeholder written by widgets/base.py names its module and carries its initial state;
// a small in-page model stands in for the kernel-backed one, so the same render() runs here and
// in JupyterLab.
const base = new URL("./widgets/", import.meta.url);

function createModel(state) {
  const listeners = new Map();
  return {
    get: (key) => state[key],
    set(key, value) {
      if (Object.is(state[key], value)) return;
      state[key] = value;
      (listeners.get(`change:${key}`) || []).forEach((cb) => cb());
      (listeners.get("change") || []).forEach((cb) => cb());
    },
    save_changes() {},
    send() {},
    on(name, cb) {
      if (!listeners.has(name)) listeners.set(name, []);
      listeners.get(name).push(cb);
    },
    off(name, cb) {
      if (!name) return listeners.clear();
      listeners.set(name, (listeners.get(name) || []).filter((f) => cb && f !== cb));
    },
  };
}

async function mount(el) {
  const name = el.dataset.widget;
  const state = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
  const mod = await import(new URL(`${name}.js`, base).href);
  const widget = typeof mod.default === "function" ? await mod.default() : mod.default;
  const model = createModel(state);
  if (widget.initialize) await widget.initialize({ model });
  // Render into a hidden node inside the placeholder (so the module can tell it is in the book) and
  // reveal it only once it worked, so a failure leaves the no-JavaScript rendering in place.
  const target = document.createElement("div");
  target.hidden = true;
  el.append(target);
  try {
    await widget.render({ model, el: target });
  } catch (err) {
    target.remove();
    throw err;
  }
  el.replaceChildren(target);
  target.hidden = false;
  el.classList.add("is-live");
}

for (const el of document.querySelectorAll(".explainer-widget:not(.is-live)")) {
  mount(el).catch((err) => {
    el.classList.add("has-failed");
    const note = document.createElement("p");
    note.className = "explainer-widget-error";
    note.textContent = "This interactive could not start; the summary above shows its starting values.";
    el.append(note);
    console.error(`explainer: could not start the ${el.dataset.widget} widget`, err);
  });
}
