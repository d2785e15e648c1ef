// Put into every page of the SCORM package (publish/scorm.py), before the page's own scripts: when the
// page is shown by the package's launch page, it tells that page which page is read and passes on the
// self-check's events (widgets/quiz.js). Anywhere else (the page opened alone, or framed by another
// site) it finds no launch page and does nothing.
(function () {
  "use strict";
  var host = null;
  try {
    if (window.parent !== window) host = window.parent.explainerScorm || null;
  } catch (err) {
    host = null; // a parent from another origin is not the launch page
  }
  if (!host || host.protocol !== 1) return;
  host.visit(window);
  window.addEventListener("explainer:quiz", function (event) { host.quiz(window, event.detail); });
  window.addEventListener("explainer:answer", function (event) { host.answer(window, event.detail); });
})();
