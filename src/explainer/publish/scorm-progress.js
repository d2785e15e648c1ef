// The SCORM adapter's bookkeeping, with no page and no platform in it (node tests load it as it is):
// which first answers the learner gave, what they score, and how they travel in cmi.suspend_data.
//
// `book` is what publish/scorm.py read from the built book: every self-check question of the collection
// with a short token that hashes its page, id, prompt, choices and answer, a version that hashes all the
// tokens, and SCORM 1.2's limit for suspend_data (4,096 characters). suspend_data is
// "<format><token length><version>:" then one <token><choice> per answered question: five characters
// each, so about 800 questions fit. A question whose text changed has a new token, so its old answer is
// dropped on reading and nothing else is.
(function (root) {
  "use strict";

  var FORMAT = "1";

  function index(book) {
    if (!book._byToken) {
      book._byToken = new Map(book.questions.map(function (q) { return [q.token, q]; }));
      book._byKey = new Map(book.questions.map(function (q) { return [q.key, q]; }));
    }
    return book;
  }

  function question(book, key) {
    return index(book)._byKey.get(key);
  }

  function header(book) {
    return FORMAT + book.tokenLength.toString(36) + book.version + ":";
  }

  // The answers a saved string holds for this book: {answers: {key: choice}, dropped: n, current}. Anything it
  // cannot read (another format, another SCO's data, a cut string) counts as no answers.
  function decode(text, book) {
    var answers = {};
    var dropped = 0;
    var found = /^([0-9])([1-9a-z])([0-9a-z]+):([0-9a-z]*)$/.exec(String(text || ""));
    if (!found || found[1] !== FORMAT) return { answers: answers, dropped: text ? 1 : 0, current: !text };
    var width = parseInt(found[2], 36) + 1;
    var body = found[4];
    if (body.length % width) return { answers: answers, dropped: 1, current: false };
    for (var at = 0; at < body.length; at += width) {
      var q = index(book)._byToken.get(body.slice(at, at + width - 1));
      var choice = body.charAt(at + width - 1);
      if (q && q.choices.indexOf(choice) >= 0 && !(q.key in answers)) answers[q.key] = choice;
      else dropped += 1;
    }
    // current: written for these very questions (a string for an older version is rewritten on launch)
    return { answers: answers, dropped: dropped, current: found[3] === book.version && !dropped };
  }

  // The string for these answers, in the book's question order, or null when it would not fit.
  function encode(answers, book) {
    var text = header(book);
    book.questions.forEach(function (q) {
      if (q.key in answers) text += q.token + answers[q.key];
    });
    return text.length <= book.limit ? text : null;
  }

  // First answers only: a question already answered keeps its answer. Returns whether it was recorded.
  function record(answers, book, key, choice) {
    var q = question(book, key);
    if (!q || key in answers || typeof choice !== "string" || choice.length !== 1 || q.choices.indexOf(choice) < 0) {
      return false;
    }
    answers[key] = choice;
    return true;
  }

  // What the gradebook gets: the share of all the collection's questions answered right (0-100, two
  // decimals at most), and "completed" once every question has an answer.
  function summary(answers, book) {
    var total = book.questions.length;
    var answered = 0;
    var right = 0;
    book.questions.forEach(function (q) {
      if (q.key in answers) {
        answered += 1;
        if (answers[q.key] === q.answer) right += 1;
      }
    });
    return {
      total: total,
      answered: answered,
      right: right,
      score: total ? Math.round((10000 * right) / total) / 100 : 0,
      status: total && answered === total ? "completed" : "incomplete",
    };
  }

  // SCORM 1.2's CMITimespan (HHHH:MM:SS.SS) for a duration in milliseconds.
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var pad = function (n, w) { return String(n).padStart(w, "0"); };
    var hours = Math.min(9999, Math.floor(cs / 360000));
    return pad(hours, 2) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" + pad(Math.floor(cs / 100) % 60, 2) +
      "." + pad(cs % 100, 2);
  }

  root.explainerProgress = {
    decode: decode, encode: encode, record: record, summary: summary, question: question,
    timespan: timespan,
  };
})(globalThis);
