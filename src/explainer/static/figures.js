// Draws every figure on the page from the JSON that display.Figure wrote; plotly.js is loaded
// once per page, before this file, from the book's own _static folder.
(function () {
  "use strict";
  function draw(el) {
    var spec = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
    el.classList.add("is-drawn");
    // A div of unknown height would collapse the plot: charts set a height, this is the fallback.
    spec.layout.height = spec.layout.height || 420;
    window.Plotly.newPlot(el, spec.data, spec.layout, spec.config);
  }
  function drawAll() {
    document.querySelectorAll(".explainer-plotly:not(.is-drawn)").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
