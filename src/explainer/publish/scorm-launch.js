// The SCORM 1.2 launch page's adapter: it finds the platform's API, opens one session for the whole
// visit, shows the book in the inner frame and reports the self-check progress (scorm-progress.js).
//
// It talks to nothing but the platform's API object: no requests, no cookies, no storage. Outside a
// platform (no API) it only shows the book. Every call to the API is guarded: a "false", an error code,
// a missing element or an exception leaves the book working and shows one quiet line, once.
(function () {
  "use strict";
  var P = window.explainerProgress;
  var book = JSON.parse(document.getElementById("explainer-scorm-data").textContent);
  var frame = document.getElementById("explainer-book");
  var notice = document.getElementById("explainer-scorm-notice");
  var base = new URL(".", window.location.href);
  var pages = new Set(book.pages);

  var api = null;
  var live = false;
  var finished = false;
  var warned = false;
  var started = Date.now();
  var answers = {};
  var lastPage = "";
  var status = "";

  // ADL's search: up the parents (at most a few levels), then from the opener of the top window.
  function search(win) {
    for (var tries = 0; win && tries < 10; tries += 1) {
      try {
        if (win.API) return win.API;
      } catch (err) {
        return null; // a window from another origin: the search stops there
      }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    var found = search(window);
    if (!found) {
      try {
        found = window.top.opener ? search(window.top.opener) : null;
      } catch (err) {
        found = null;
      }
    }
    return found;
  }

  function warn() {
    if (warned) return;
    warned = true;
    notice.textContent = notice.dataset.message;
  }

  // One guarded call: true when the platform said "true" (and raised no error), else false (and the note).
  function call(name, a, b) {
    try {
      var result = b === undefined ? api[name](a) : api[name](a, b);
      if (String(result) === "true") return true;
    } catch (err) {
      // an API that throws is an API that failed: noted below
    }
    warn();
    return false;
  }

  function get(element) {
    try {
      var value = api.LMSGetValue(element);
      var code = String(api.LMSGetLastError());
      if (code === "0" || code === "") return value === null || value === undefined ? "" : String(value);
    } catch (err) {
      // noted below
    }
    warn();
    return "";
  }

  function set(element, value) {
    return live && call("LMSSetValue", element, String(value));
  }

  function commit() {
    if (live) call("LMSCommit", "");
  }

  // The page a book window shows, relative to the package root ("notebooks/semax/01-what-it-is.html").
  function pageOf(win) {
    var url = new URL(win.location.href);
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return "";
    var page = decodeURIComponent(url.pathname.slice(base.pathname.length)) || "index.html";
    if (page.endsWith("/")) page += "index.html";
    return pages.has(page) ? page : "";
  }

  function report() {
    var now = P.summary(answers, book);
    set("cmi.core.score.raw", now.score);
    if (now.status !== status && set("cmi.core.lesson_status", now.status)) status = now.status;
    var saved = P.encode(answers, book);
    if (saved === null) warn(); // more than SCORM 1.2 can hold: the score and status above still count
    else set("cmi.suspend_data", saved);
  }

  function start() {
    api = findAPI();
    if (!api) return; // not in a platform: the book as it is
    if (!call("LMSInitialize", "")) return;
    live = true;
    var saved = P.decode(get("cmi.suspend_data"), book);
    answers = saved.answers;
    var at = get("cmi.core.lesson_location");
    lastPage = pages.has(at) ? at : "";
    status = get("cmi.core.lesson_status");
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    report();
    commit();
    window.explainerScorm = { protocol: 1, visit: visit, quiz: quiz, answer: answer };
  }

  function visit(win) {
    var page = pageOf(win);
    if (!page || page === lastPage) return;
    lastPage = page;
    if (set("cmi.core.lesson_location", page)) commit();
  }

  // A self-check came up on a page: give it back the answers this learner gave before.
  function quiz(win, detail) {
    var page = pageOf(win);
    if (!page || !detail || !Array.isArray(detail.questions) || typeof detail.restore !== "function") return;
    var mine = {};
    detail.questions.forEach(function (id) {
      var key = page + "#" + id;
      if (key in answers) mine[id] = answers[key];
    });
    if (Object.keys(mine).length) detail.restore(mine);
  }

  function answer(win, detail) {
    var page = pageOf(win);
    if (!page || !detail || !P.record(answers, book, page + "#" + detail.question, detail.answer)) return;
    report();
    commit();
  }

  function finish() {
    if (!live || finished) return;
    finished = true;
    // Leaving before the end: the platform keeps this attempt open for the learner's return.
    set("cmi.core.exit", P.summary(answers, book).status === "completed" ? "" : "suspend");
    set("cmi.core.session_time", P.timespan(Date.now() - started));
    commit();
    call("LMSFinish", "");
  }

  start();
  window.addEventListener("pagehide", finish);
  // Back from the browser's page cache: the session was closed on leaving and cannot open again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && finished) warn();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && !finished) commit();
  });
  // The book opens where the learner last read, once the session is open (so its first page is counted).
  frame.src = lastPage || book.start;
})();
