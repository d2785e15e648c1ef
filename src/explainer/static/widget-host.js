// Runs the book's anywidgets in the static page, with no kernel.
// Each placeholder written by widgets/base.py names its widget and carries its initial state;
// a small in-page model stands in for the kernel-backed one, so the same render() runs here and
// in JupyterLab. A classic script, as is each widget here (esbuild builds it from the same source as
// JupyterLab's ES module; it sets window.explainerWidgets.<name>): Chromium refuses ES modules on a
// page opened from disk, and the book must work there.
(function () {
  "use strict";
  const base = new URL("./widgets/", document.currentScript.src);
  const loading = new Map();

  // A widget's classic script, added once per page; resolves to its module's exports.
  function load(name) {
    if (!loading.has(name)) {
      loading.set(name, new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = new URL(`${name}.js`, base).href;
        script.onload = () => {
          const mod = (window.explainerWidgets || {})[name];
          if (mod) resolve(mod);
          else reject(new Error(`${script.src} did not define the ${name} widget`));
        };
        script.onerror = () => reject(new Error(`could not load ${script.src}`));
        document.head.append(script);
      }));
    }
    return loading.get(name);
  }

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
    const mod = await load(name);
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
    el.classList.replace("is-starting", "is-live");
  }

  function mountIn(root) {
    const waiting = ".explainer-widget:not(.is-live):not(.is-starting):not(.has-failed)";
    for (const el of root.querySelectorAll(waiting)) start(el);
  }

  function start(el) {
    el.classList.add("is-starting");
    mount(el).catch((err) => {
      el.classList.replace("is-starting", "has-failed");
      const note = document.createElement("p");
      note.className = "explainer-widget-error";
      note.textContent = "This interactive could not start; the summary above shows its starting values.";
      el.append(note);
      console.error(`explainer: could not start the ${el.dataset.widget} widget`, err);
    });
  }

  // A deck (a .reveal page) starts a slide's widgets when deck.js shows the slide: starting every slide's
  // diagram at load, then laying them all out, was most of a slow phone's blocking time on a mechanism deck.
  window.explainerWidgetHost = { mountIn };
  const mountAll = () => { if (!document.querySelector(".reveal")) mountIn(document); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
