// Draws every figure on the page from the JSON that display.Figure wrote; plotly.js is loaded
// once per page, before this file, from the book's own _static folder.
(function () {
  "use strict";
  function failed(el, err) {
    // The text alternative stays visible, and the other figures still draw.
    el.classList.add("has-failed");
    console.error("explainer: could not draw a figure", err);
  }
  function draw(el) {
    try {
      var spec = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
      // A div of unknown height would collapse the plot: charts set a height, this is the fallback.
      spec.layout.height = spec.layout.height || 420;
      window.Plotly.newPlot(el, spec.data, spec.layout, spec.config).then(
        function () { el.classList.add("is-drawn"); },
        function (err) { failed(el, err); }
      );
    } catch (err) {
      failed(el, err);
    }
  }
  function drawAll() {
    document.querySelectorAll(".explainer-plotly:not(.is-drawn):not(.has-failed)").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
