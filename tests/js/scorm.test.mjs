// The SCORM adapter's bookkeeping (src/explainer/publish/scorm-progress.js, a classic script the launch page
// loads): first answers, the gradebook's figures and the suspend_data encoding, on a made-up question list
// shaped as publish/scorm.py writes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../src/explainer/publish/scorm-progress.js", import.meta.url), "utf8");

// As the page runs it: a classic script that leaves its functions on the global object.
vm.runInThisContext(SOURCE, { filename: "scorm-progress.js" });
const P = globalThis.explainerProgress;

// n questions over pages of three, right answer "b", tokens "q000", "q001", ... (4 characters).
function book(n, { version = "v00001", answer = () => "b" } = {}) {
  const questions = Array.from({ length: n }, (_, i) => ({
    key: `c${Math.floor(i / 3)}.html#q${i % 3}`,
    token: `q${i.toString(36).padStart(3, "0")}`,
    answer: answer(i),
    choices: "abcd",
  }));
  return { version, tokenLength: 4, questions, limit: 4096 };
}

test("only a question's first answer counts, and only a known choice of a known question", () => {
  const b = book(3);
  const answers = {};
  assert.equal(P.record(answers, b, "c0.html#q0", "a"), true);
  assert.equal(P.record(answers, b, "c0.html#q0", "b"), false);
  assert.equal(P.record(answers, b, "c0.html#q1", "z"), false);
  assert.equal(P.record(answers, b, "c0.html#q1", "ab"), false);
  assert.equal(P.record(answers, b, "nowhere.html#q1", "a"), false);
  assert.deepEqual(answers, { "c0.html#q0": "a" });
});

test("the score is the share of all the questions answered right, completed once all are answered", () => {
  const b = book(3);
  const answers = {};
  assert.deepEqual(P.summary(answers, b), { total: 3, answered: 0, right: 0, score: 0, status: "incomplete" });
  P.record(answers, b, "c0.html#q0", "b");
  assert.equal(P.summary(answers, b).score, 33.33);
  P.record(answers, b, "c0.html#q1", "c");
  assert.deepEqual(P.summary(answers, b), { total: 3, answered: 2, right: 1, score: 33.33, status: "incomplete" });
  P.record(answers, b, "c0.html#q2", "b");
  assert.deepEqual(P.summary(answers, b), { total: 3, answered: 3, right: 2, score: 66.67, status: "completed" });
});

test("answers survive the round trip, five characters each after the version header", () => {
  const b = book(40);
  const answers = {};
  for (const [i, q] of b.questions.entries()) if (i % 2) P.record(answers, b, q.key, "abcd"[i % 4]);
  const text = P.encode(answers, b);
  assert.match(text, /^14v00001:/);
  assert.equal(text.length, "14v00001:".length + 20 * 5);
  const back = P.decode(text, b);
  assert.deepEqual(back.answers, answers);
  assert.equal(back.dropped, 0);
  assert.equal(back.current, true);
});

test("a changed question loses its answer, the others keep theirs, and the new version is told apart", () => {
  const before = book(6);
  const answers = {};
  for (const q of before.questions) P.record(answers, before, q.key, "b");
  const saved = P.encode(answers, before);
  // Question 2's text changed (so its token did); question 5 is gone; one question is new.
  const after = book(7, { version: "v00002" });
  after.questions[2] = { ...after.questions[2], token: "zzzz" };
  after.questions.splice(5, 1);
  const back = P.decode(saved, after);
  assert.equal(back.current, false);
  assert.equal(back.dropped, 2);
  assert.deepEqual(Object.keys(back.answers).sort(), [0, 1, 3, 4].map((i) => before.questions[i].key).sort());
  assert.equal(P.summary(back.answers, after).status, "incomplete");
});

test("anything unreadable is no answers, never an error", () => {
  const b = book(6);
  for (const junk of ["", null, undefined, "hello", "2" + "4v00001:q000b", "14v00001:q000", "14v00001:q000x",
    "14v00001:q000bq000c", "14v00001:Q000b", "{\"a\":1}", "x".repeat(5000)]) {
    const back = P.decode(junk, b);
    assert.equal(typeof back.answers, "object");
    assert.ok(Object.keys(back.answers).length <= 1, junk);
  }
  assert.deepEqual(P.decode("14v00001:q000bq000c", b).answers, { "c0.html#q0": "b" });
});

test("the encoding leaves room for many compounds, and says so when even that is not enough", () => {
  const big = book(817);
  const answers = {};
  for (const q of big.questions) P.record(answers, big, q.key, "a");
  const text = P.encode(answers, big);
  assert.ok(text.length <= 4096 && text.length > 4000, text.length);
  assert.deepEqual(P.decode(text, big).answers, answers);
  const tooBig = book(818);
  for (const q of tooBig.questions) P.record(answers, tooBig, q.key, "a");
  assert.equal(P.encode(answers, tooBig), null);
});

test("session time is SCORM 1.2's HH:MM:SS.SS", () => {
  assert.equal(P.timespan(0), "00:00:00.00");
  assert.equal(P.timespan(3723450), "01:02:03.45");
  assert.equal(P.timespan(100 * 3600 * 1000), "100:00:00.00");
  assert.match(P.timespan(1e13), /^\d{2,4}:\d{2}:\d{2}\.\d{2}$/);
});
