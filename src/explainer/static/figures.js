// Draws the page's figures with plotly.js from the JSON that display.Figure wrote. Until then each figure
// shows its still picture (picture.py). plotly.js (1.2 MB, one long task to run) is fetched only when a
// chart comes near the viewport or the reader reaches for one (pointer, touch, keyboard focus), so a page
// that is only read never runs it. It is injected as a classic script, which also loads from disk
// (file://), from the book's own _static folder: its file name is on each figure (data-plotly).
// A deck's charts are drawn when their slide shows (deck.js calls explainerFigures.draw).
(function () {
  "use strict";
  var SELECTOR = ".explainer-plotly:not(.is-drawn):not(.is-loading):not(.has-failed)";
  var here = document.currentScript.src;
  var loading = null;

  function loadPlotly(name) {
    if (window.Plotly) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("../vendor/" + name, here).href;
        s.addEventListener("load", resolve);
        s.addEventListener("error", function () { reject(new Error("could not load " + s.src)); });
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function failed(el, err) {
    // The picture and the text alternative stay, and the other figures still draw.
    el.classList.remove("is-loading", "is-drawing");
    el.classList.add("has-failed");
    console.error("explainer: could not draw a figure", err);
  }

  function drawOne(el) {
    if (!el.matches(SELECTOR)) return Promise.resolve();
    el.classList.add("is-loading");
    return loadPlotly(el.dataset.plotly).then(function () {
      var spec = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
      // A div of unknown height would collapse the plot: charts set a height, this is the fallback.
      spec.layout.height = spec.layout.height || 420;
      // The picture goes in the same task as plotly's drawing takes its place: no frame shows neither.
      el.classList.add("is-drawing");
      return window.Plotly.newPlot(el, spec.data, spec.layout, spec.config);
    }).then(function () {
      el.classList.remove("is-loading", "is-drawing");
      el.classList.add("is-drawn");
    }, function (err) { failed(el, err); });
  }

  // Every figure under root (a deck's slide, or the whole page) that is not drawn yet.
  function draw(root) {
    return Promise.all(Array.prototype.map.call((root || document).querySelectorAll(SELECTOR), drawOne));
  }
  window.explainerFigures = { draw: draw };

  function start() {
    var figures = Array.prototype.filter.call(document.querySelectorAll(SELECTOR), function (el) {
      return !el.closest(".reveal");
    });
    if (!figures.length) return;
    var near = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          near.unobserve(entry.target);
          drawOne(entry.target);
        }
      });
    }, { rootMargin: "300px 0px" });
    figures.forEach(function (el) {
      near.observe(el);
      ["pointerenter", "touchstart", "focusin"].forEach(function (type) {
        el.addEventListener(type, function () { drawOne(el); }, { once: true, passive: true });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
