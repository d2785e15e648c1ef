// Check your understanding: each question a labelled radio group; picking a choice explains the answer
// at once in a live region and points to the section of the chapter that covers it.
//
// Runs as an anywidget module in JupyterLab and, through static/widget-host.js, in the static book.
// The questions, their choices, answers and explanations come from the model (quiz.py builds them
// from the content file); the reader's picks go back into the model's `answers`.
//
// Each pick also bubbles up as an "explainer:answer" event, and the quiz announces itself with an
// "explainer:quiz" event whose restore() sets answers given in an earlier visit. Only the SCORM package's
// bridge (publish/scorm-bridge.js) listens; anywhere else the events pass unheard.
import { h, setText } from "../frontend/dom.js";

let instances = 0;

function render({ model, el }) {
  instances += 1;
  const uid = `explainer-quiz-${instances}`;
  const questions = model.get("questions");
  const titleId = `${uid}-title`;
  const score = h("p", { className: "quiz-score", "aria-live": "polite" });
  const groups = questions.map((q, i) => {
    const name = `${uid}-${q.id}`;
    const feedback = h("div", { className: "quiz-feedback", role: "status", "aria-live": "polite", id: `${name}-feedback` });
    const inputs = q.options.map((o) => h("input", {
      type: "radio", name, value: o.key, "aria-describedby": `${name}-feedback`,
      onchange: () => {
        model.set("answers", { ...model.get("answers"), [q.id]: o.key });
        model.save_changes();
        tell("answer", { question: q.id, answer: o.key, correct: o.key === q.answer });
      },
    }));
    const options = q.options.map((o, j) => h("label", { className: "quiz-option" }, inputs[j], h("span", {}, o.label)));
    const fieldset = h("fieldset", { className: "quiz-question", "data-question": q.id },
      h("legend", {}, `${i + 1}. ${q.prompt}`), options, feedback);
    return { q, inputs, feedback, fieldset };
  });

  function show() {
    const answers = model.get("answers") || {};
    let right = 0;
    for (const { q, inputs, feedback, fieldset } of groups) {
      const picked = answers[q.id];
      for (const input of inputs) input.checked = input.value === picked;
      fieldset.dataset.state = picked === undefined ? "" : picked === q.answer ? "right" : "wrong";
      if (picked === undefined) {
        feedback.replaceChildren();
        feedback.className = "quiz-feedback";
        continue;
      }
      const ok = picked === q.answer;
      if (ok) right += 1;
      const answer = q.options.find((o) => o.key === q.answer).label;
      feedback.className = `quiz-feedback ${ok ? "is-right" : "is-wrong"}`;
      feedback.replaceChildren(
        h("strong", {}, ok ? "Right. " : `Not quite: the answer is ${answer}. `),
        q.explanation, " ",
        h("a", { href: q.section.href }, `Read more: ${q.section.label}`),
      );
    }
    const done = Object.keys(answers).length;
    setText(score, done ? `${right} of ${questions.length} right so far.` : "");
  }

  const root = h("div", { className: "quiz explainer-ui", role: "group", "aria-labelledby": titleId },
    h("p", { className: "quiz-title", id: titleId }, model.get("title")),
    groups.map((g) => g.fieldset), score);
  const tell = (type, detail) => root.dispatchEvent(new CustomEvent(`explainer:${type}`, { bubbles: true, detail }));
  el.append(root);
  model.on("change:answers", show);
  show();
  tell("quiz", {
    questions: questions.map((q) => q.id),
    restore(saved) {
      const known = Object.entries(saved).filter(([id, key]) => groups.some((g) => g.q.id === id
        && g.q.options.some((o) => o.key === key)));
      if (!known.length) return;
      model.set("answers", { ...model.get("answers"), ...Object.fromEntries(known) });
      model.save_changes();
    },
  });
  return () => model.off("change:answers", show);
}

export default { render };
