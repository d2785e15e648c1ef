// The blend calculator's page: a vial of two or more peptides, labelled controls, results per peptide
// and a shareable link.
//
// Built by esbuild (frontend/build.mjs) into one module with the math (blend.js, and through it the
// calculator's shared pieces), both specs and the shared front-end modules. This file reads, formats and
// draws; it never does the arithmetic itself, and every word and limit comes from blend-spec.json or
// calculator-spec.json. Two homes:
// - the static book (inside widget-host.js's `.explainer-widget` placeholder): every input runs the JS
//   math at once, and the inputs live in the page address (#blend=...) so a link restores them;
// - JupyterLab: every input goes to the kernel, and the page draws the `result` Python computed.

import { calculate, SPEC, LIMITS, MODES, AMOUNT_UNITS, TARGET_UNITS, DRAW_UNITS, DEFAULTS } from "../blend.js";
import {
  CAPACITIES_ML, DEFAULTS as CALC_DEFAULTS, MCG_PER_MG, ROUTES, SPEC as CALC_SPEC, SYRINGES, shown,
} from "../reconstitution.js";
import { h, setText } from "../frontend/dom.js";
import { fill } from "../frontend/format.js";
import { errorMarker, hashParts, pageAddress } from "../frontend/page.js";

const INPUTS = [
  "peptides", "water_ml", "route", "syringe", "capacity_ml", "spray_ml",
  "mode", "target_name", "target_amount", "target_unit", "draw_amount", "draw_unit",
];
const UI = SPEC.ui;
const CALC_UI = CALC_SPEC.ui; // the waiting line and the link's words, shared with the calculator
const FIELDS = SPEC.fields;
const CALC_FIELDS = CALC_SPEC.fields;

let blendCount = 0; // unique ids when a page holds more than one

const isBlank = (raw) => raw === undefined || raw === null || String(raw).trim() === "";
const asText = (raw) => (raw === undefined || raw === null ? "" : String(raw).trim());
const choiceOf = (values, key, fallback) => (isBlank(values[key]) ? String(fallback) : asText(values[key]));
const peptideName = (p, i) => (p && typeof p === "object" && !isBlank(p.name) ? asText(p.name) : `peptide ${i + 1}`);

// ---------------------------------------------------------------------------- the page address

// #blend=p=Semax:5mg&p=Selank:5mg&water=2&route=injection&syringe=U-100&cap=1&spray=&mode=draw&target=Semax:300mcg&draw=10units
const HASH_PREFIX = "#blend=";
const SIMPLE = [["water", "water_ml"], ["route", "route"], ["syringe", "syringe"], ["cap", "capacity_ml"],
  ["spray", "spray_ml"], ["mode", "mode"]];

function encodeHash(v) {
  const part = (key, text) => `${key}=${encodeURIComponent(text)}`;
  const parts = (Array.isArray(v.peptides) ? v.peptides : []).map((p) =>
    part("p", `${asText(p && p.name)}:${asText(p && p.amount)}${asText(p && p.unit)}`));
  for (const [key, name] of SIMPLE) parts.push(part(key, asText(v[name])));
  parts.push(part("target", `${asText(v.target_name)}:${asText(v.target_amount)}${asText(v.target_unit)}`));
  parts.push(part("draw", `${asText(v.draw_amount)}${asText(v.draw_unit)}`));
  return HASH_PREFIX + parts.join("&");
}

// Values exactly as the link spells them: the math validates them like typed text.
function decodeHash(hash) {
  const parts = hashParts(hash, HASH_PREFIX);
  if (!parts) return null;
  const values = { peptides: [] };
  const split = (text, units) => {
    const match = text.match(new RegExp(`^(.*?)(${units.join("|")})?$`, "s"));
    return [match[1], match[2] || ""];
  };
  for (const [key, text] of parts) {
    const colon = text.indexOf(":");
    if (key === "p") {
      const [amount, unit] = split(text.slice(colon + 1), AMOUNT_UNITS);
      values.peptides.push({ name: colon < 0 ? "" : text.slice(0, colon), amount, unit });
    } else if (key === "target") {
      const [amount, unit] = split(text.slice(colon + 1), TARGET_UNITS);
      Object.assign(values, { target_name: colon < 0 ? "" : text.slice(0, colon), target_amount: amount, target_unit: unit });
    } else if (key === "draw") {
      const [amount, unit] = split(text, DRAW_UNITS);
      Object.assign(values, { draw_amount: amount, draw_unit: unit });
    } else {
      const entry = SIMPLE.find(([k]) => k === key);
      if (entry) values[entry[1]] = text;
    }
  }
  return values;
}

// ---------------------------------------------------------------------------- controls

// Radios drawn as a segmented switch inside a fieldset whose legend names the choice.
function radioGroup(name, legend, options, onPick, labels = {}) {
  const radios = options.map((value) => h("input", { type: "radio", name, value }));
  radios.forEach((r) => r.addEventListener("change", () => onPick(r.value)));
  const legendEl = h("legend", { className: "explainer-sr" }, legend);
  const root = h("fieldset", { className: "blend-seg" }, legendEl,
    radios.map((r) => h("label", {}, r, h("span", {}, labels[r.value] || r.value))));
  return {
    root, radios, legendEl,
    show(value) { radios.forEach((r) => { r.checked = r.value === value; }); },
  };
}

function textBox(id, describedBy) {
  return h("input", {
    type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", id, className: "blend-box",
    "aria-describedby": describedBy,
  });
}

// Writes a model value into a box unless the reader is typing in it.
function showBox(box, raw) {
  const text = raw === undefined || raw === null ? "" : String(raw);
  if (box !== document.activeElement && box.value !== text) box.value = text;
}

// ---------------------------------------------------------------------------- the widget

function render({ model, el }) {
  const uid = `blend${++blendCount}`;
  const inBook = el.closest(".explainer-widget") !== null;
  let bookStarted = false;
  const values = () => Object.fromEntries(INPUTS.map((k) => [k, model.get(k)]));
  const peptides = () => (Array.isArray(model.get("peptides")) ? model.get("peptides") : []);

  const recompute = () => model.set("result", calculate(values()));
  const commit = (key, value) => {
    model.set(key, value);
    if (bookStarted) {
      recompute();
      writeHash();
    } else {
      model.save_changes(); // Python recomputes `result` and sends it back
    }
  };
  // A changed peptide is a new list, so the model sees a change.
  const commitPeptide = (index, key, value) =>
    commit("peptides", peptides().map((p, i) => (i === index ? { ...(p && typeof p === "object" ? p : {}), [key]: value } : p)));

  // Every control that can hold the math's error, by the error's field.
  const errorPlaces = new Map();
  const place = (field, slot, targets) => errorPlaces.set(field, { slot, targets });
  const errors = errorMarker(errorPlaces);
  const errorSlot = (id) => h("p", { className: "blend-error", id, hidden: true });

  // ---- peptides
  const peptideList = h("div", { className: "blend-peptides" });
  const addButton = h("button", { type: "button", className: "blend-add" }, UI.add);
  addButton.addEventListener("click", () => {
    commit("peptides", [...peptides(), { name: "", amount: "", unit: DEFAULTS.amount_unit }]);
    const boxes = peptideList.querySelectorAll(".blend-name");
    if (boxes.length) boxes[boxes.length - 1].focus();
  });
  let rows = [];

  function peptideRow(index) {
    const ids = { name: `${uid}-p${index}-name`, amount: `${uid}-p${index}-amount`,
      nameErr: `${uid}-p${index}-name-err`, amountErr: `${uid}-p${index}-amount-err` };
    const nameBox = h("input", { type: "text", id: ids.name, className: "blend-name", autocomplete: "off", spellcheck: "false" });
    nameBox.addEventListener("input", () => commitPeptide(index, "name", nameBox.value));
    const amountBox = textBox(ids.amount);
    amountBox.addEventListener("input", () => commitPeptide(index, "amount", amountBox.value));
    const nameLabel = h("label", { for: ids.name });
    const amountLabel = h("label", { for: ids.amount });
    const unit = radioGroup(`${uid}-p${index}-unit`, "", AMOUNT_UNITS, (u) => commitPeptide(index, "unit", u));
    const remove = h("button", { type: "button", className: "blend-remove" }, "×");
    remove.addEventListener("click", () => commit("peptides", peptides().filter((_, i) => i !== index)));
    const nameErr = errorSlot(ids.nameErr);
    const amountErr = errorSlot(ids.amountErr);
    const root = h("div", { className: "blend-peptide", "data-index": index },
      h("div", { className: "blend-cell" }, nameLabel, nameBox, nameErr),
      h("div", { className: "blend-cell" }, amountLabel, h("div", { className: "blend-row" }, amountBox, unit.root), amountErr),
      remove);
    place(`peptides.${index}`, nameErr, [nameBox, amountBox]);
    place(`peptides.${index}.name`, nameErr, [nameBox]);
    place(`peptides.${index}.amount`, amountErr, [amountBox]);
    place(`peptides.${index}.unit`, amountErr, unit.radios);
    return {
      root,
      show(p, count) {
        const entry = p && typeof p === "object" ? p : {};
        const name = peptideName(p, index);
        setText(nameLabel, fill(FIELDS.name.label, { n: index + 1 }));
        setText(amountLabel, fill(FIELDS.amount.label, { name }));
        setText(unit.legendEl, fill(FIELDS.amount.legend, { name }));
        remove.setAttribute("aria-label", fill(UI.remove, { name }));
        remove.hidden = count <= LIMITS.peptides.min;
        showBox(nameBox, entry.name);
        showBox(amountBox, entry.amount);
        unit.show(choiceOf(entry, "unit", DEFAULTS.amount_unit));
      },
    };
  }

  // ---- water, route, syringe, spray
  const waterBox = textBox(`${uid}-water`, `${uid}-water-hint`);
  waterBox.addEventListener("input", () => commit("water_ml", waterBox.value));
  const waterErr = errorSlot(`${uid}-water-err`);
  place("water_ml", waterErr, [waterBox]);
  const waterField = h("div", { className: "blend-field" },
    h("label", { for: waterBox.id }, CALC_FIELDS.water_ml.label),
    h("span", { className: "blend-hint", id: `${uid}-water-hint` }, CALC_FIELDS.water_ml.hint),
    h("div", { className: "blend-row" }, waterBox, h("span", { "aria-hidden": "true" }, "mL")), waterErr);

  const route = radioGroup(`${uid}-route`, UI.route, ROUTES, (r) => commit("route", r), CALC_SPEC.route_names);
  route.legendEl.className = "";
  const routeErr = errorSlot(`${uid}-route-err`);
  place("route", routeErr, route.radios);

  const select = (id, choices) => h("select", { id }, choices.map(([value, text]) => h("option", { value }, text)));
  const syringeSelect = select(`${uid}-syringe`, SYRINGES.map((s) => [s, s]));
  const capSelect = select(`${uid}-cap`, CAPACITIES_ML.map((c) => [String(c), `${shown("capacity_ml", c)} mL`]));
  syringeSelect.addEventListener("change", () => commit("syringe", syringeSelect.value));
  capSelect.addEventListener("change", () => commit("capacity_ml", capSelect.value));
  const syringeErr = errorSlot(`${uid}-syringe-err`);
  place("syringe", syringeErr, [syringeSelect]);
  place("capacity_ml", syringeErr, [capSelect]);
  const syringeField = h("div", { className: "blend-field" },
    h("label", { for: syringeSelect.id }, CALC_FIELDS.syringe.label), syringeSelect,
    h("label", { for: capSelect.id }, CALC_FIELDS.capacity_ml.label), capSelect, syringeErr);

  const sprayBox = textBox(`${uid}-spray`);
  sprayBox.addEventListener("input", () => commit("spray_ml", sprayBox.value));
  const sprayErr = errorSlot(`${uid}-spray-err`);
  place("spray_ml", sprayErr, [sprayBox]);
  const sprayField = h("div", { className: "blend-field" },
    h("label", { for: sprayBox.id }, CALC_FIELDS.spray_ml.label),
    h("div", { className: "blend-row" }, sprayBox, h("span", { "aria-hidden": "true" }, "mL")), sprayErr);

  // ---- what to work out from
  const mode = radioGroup(`${uid}-mode`, FIELDS.mode.label, MODES, (m) => switchMode(m), SPEC.mode_names);
  mode.legendEl.className = "";
  const modeErr = errorSlot(`${uid}-mode-err`);
  place("mode", modeErr, mode.radios);

  const targetSelect = h("select", { id: `${uid}-target-name` });
  targetSelect.addEventListener("change", () => commit("target_name", targetSelect.value));
  const targetBox = textBox(`${uid}-target-amount`);
  targetBox.addEventListener("input", () => commit("target_amount", targetBox.value));
  const targetLabel = h("label", { for: targetBox.id });
  const targetUnit = radioGroup(`${uid}-target-unit`, FIELDS.target_amount.legend, TARGET_UNITS, (u) => commit("target_unit", u));
  const targetNameErr = errorSlot(`${uid}-target-name-err`);
  const targetErr = errorSlot(`${uid}-target-err`);
  place("target_name", targetNameErr, [targetSelect]);
  place("target_amount", targetErr, [targetBox]);
  place("target_unit", targetErr, targetUnit.radios);
  const targetField = h("div", { className: "blend-field blend-target" },
    h("label", { for: targetSelect.id }, FIELDS.target_name.label), targetSelect, targetNameErr,
    targetLabel, h("div", { className: "blend-row" }, targetBox, targetUnit.root), targetErr);

  const drawBox = textBox(`${uid}-draw`);
  drawBox.addEventListener("input", () => commit("draw_amount", drawBox.value));
  const drawUnit = radioGroup(`${uid}-draw-unit`, FIELDS.draw_amount.legend, DRAW_UNITS, (u) => commit("draw_unit", u));
  const drawErr = errorSlot(`${uid}-draw-err`);
  place("draw_amount", drawErr, [drawBox]);
  place("draw_unit", drawErr, drawUnit.radios);
  const drawField = h("div", { className: "blend-field blend-draw" },
    h("label", { for: drawBox.id }, FIELDS.draw_amount.label),
    h("div", { className: "blend-row" }, drawBox, drawUnit.root), drawErr);

  // Switching keeps the volume: the new mode starts from what the last result worked out.
  function switchMode(next) {
    const last = model.get("result");
    if (last && last.ok && next === "target" && isBlank(model.get("target_amount"))) {
      const names = last.result.names;
      const name = names.includes(asText(model.get("target_name"))) ? asText(model.get("target_name")) : names[0];
      model.set("target_name", name);
      model.set("target_unit", "mcg");
      model.set("target_amount", shown("dose_mcg", last.result.per_peptide_mcg[name]).replace(/,/g, ""));
    } else if (last && last.ok && next === "draw" && isBlank(model.get("draw_amount"))) {
      model.set("draw_unit", "units");
      model.set("draw_amount", shown("units", last.result.units).replace(/,/g, ""));
    }
    commit("mode", next);
  }

  // ---- results
  const problem = h("p", { className: "blend-problem", hidden: true });
  const figures = h("p", { className: "blend-figures" });
  const tableBody = h("tbody");
  const headRow = h("tr");
  const table = h("table", { className: "blend-table" },
    h("caption", {}, UI.table_caption), h("thead", {}, headRow), tableBody);
  const warningList = h("ul", { className: "blend-warnings", "aria-label": UI.warnings });
  const results = h("section", { className: "blend-results", "aria-live": "polite", "aria-label": UI.results },
    problem, figures, table, warningList);

  // ---- sharing
  const linkField = h("input", { type: "text", readonly: true, id: `${uid}-link`, className: "blend-link" });
  const copyStatus = h("span", { className: "blend-copy-status", role: "status" });
  const copyButton = h("button", { type: "button" }, CALC_UI.copy);
  copyButton.addEventListener("click", async () => {
    linkField.select();
    try {
      await navigator.clipboard.writeText(linkField.value);
      copyStatus.textContent = CALC_UI.copied;
    } catch {
      copyStatus.textContent = CALC_UI.copy_refused;
    }
  });
  const share = h("div", { className: "blend-share", hidden: true },
    h("label", { for: linkField.id }, CALC_UI.link), h("div", { className: "blend-row" }, linkField, copyButton), copyStatus);

  const root = h("div", { className: "blend explainer-ui explainer-card" },
    h("header", {},
      h("p", { className: "blend-title" }, SPEC.title),
      h("p", { className: "blend-note" }, SPEC.intro),
      h("p", { className: "blend-note" }, model.get("note") || "")),
    h("fieldset", { className: "blend-group" }, h("legend", {}, UI.peptides), peptideList, addButton),
    h("div", { className: "blend-grid" }, waterField, h("div", { className: "blend-field" }, route.root, routeErr),
      syringeField, sprayField),
    h("div", { className: "blend-field" }, mode.root, modeErr),
    h("div", { className: "blend-grid" }, targetField, drawField),
    results,
    h("section", { className: "blend-assumptions", "aria-label": CALC_UI.assumptions },
      h("ul", {}, SPEC.assumptions.map((a) => h("li", {}, a)))),
    share,
    h("p", { className: "blend-disclaimer" }, model.get("disclaimer") || ""));
  el.replaceChildren(root);

  // ------------------------------------------------------------------ drawing from the model

  function showInputs() {
    const v = values();
    const list = peptides();
    if (rows.length !== list.length) {
      [...errorPlaces.keys()].filter((k) => k.startsWith("peptides.")).forEach((k) => errorPlaces.delete(k));
      errors.forget();
      rows = list.map((_, i) => peptideRow(i));
      peptideList.replaceChildren(...rows.map((r) => r.root));
    }
    rows.forEach((row, i) => row.show(list[i], list.length));
    addButton.disabled = list.length >= LIMITS.peptides.max;
    showBox(waterBox, v.water_ml);
    showBox(sprayBox, v.spray_ml);
    showBox(targetBox, v.target_amount);
    showBox(drawBox, v.draw_amount);
    route.show(choiceOf(v, "route", CALC_DEFAULTS.route));
    mode.show(choiceOf(v, "mode", DEFAULTS.mode));
    targetUnit.show(choiceOf(v, "target_unit", DEFAULTS.target_unit));
    drawUnit.show(choiceOf(v, "draw_unit", DEFAULTS.draw_unit));
    syringeSelect.value = choiceOf(v, "syringe", CALC_DEFAULTS.syringe);
    const cap = CAPACITIES_ML.find((c) => Number(choiceOf(v, "capacity_ml", CALC_DEFAULTS.capacity_ml)) === c);
    capSelect.value = String(cap === undefined ? CALC_DEFAULTS.capacity_ml : cap);
    // The target choices are the vial's names; a name from a link that is not one stays, so its message shows.
    const names = list.map((p, i) => peptideName(p, i));
    const wanted = asText(v.target_name);
    const options = names.includes(wanted) || wanted === "" ? names : [...names, wanted];
    if ([...targetSelect.options].map((o) => o.value).join("\n") !== options.join("\n")) {
      targetSelect.replaceChildren(...options.map((n) => h("option", { value: n }, n)));
    }
    targetSelect.value = wanted;
    const targetName = names.find((n) => n.toLowerCase() === wanted.toLowerCase()) || wanted || "?";
    setText(targetLabel, fill(FIELDS.target_amount.label, { name: targetName }));
  }

  let shownWarnings = null;
  function draw() {
    const out = model.get("result") || { ok: false, error: { field: "inputs", message: CALC_UI.waiting } };
    const v = values();
    const nasal = choiceOf(v, "route", CALC_DEFAULTS.route) === "intranasal";
    const target = choiceOf(v, "mode", DEFAULTS.mode) === "target";
    const error = out.ok ? null : out.error;
    const about = (field) => error !== null && error.field === field;
    // A field with a problem stays visible even when the route or mode hides it, so it can be fixed.
    sprayField.hidden = !nasal && !about("spray_ml");
    syringeField.hidden = nasal && choiceOf(v, "draw_unit", DEFAULTS.draw_unit) !== "units" && !about("syringe") && !about("capacity_ml");
    targetField.hidden = !target && !["target_name", "target_amount", "target_unit"].some(about);
    drawField.hidden = target && !["draw_amount", "draw_unit"].some(about);
    errors.mark(error);

    problem.hidden = out.ok;
    figures.hidden = !out.ok;
    table.hidden = !out.ok;
    if (!out.ok) {
      setText(problem, fill(UI.no_results, { message: out.error.message }));
      warningList.replaceChildren();
      shownWarnings = null;
    } else {
      const r = out.result;
      const sprayed = "sprays" in r;
      let text = `${UI.volume}: ${shown("volume_ml", r.volume_ml)} mL = ${shown("units", r.units)} units `
        + `(${choiceOf(v, "syringe", CALC_DEFAULTS.syringe)}).`;
      if (sprayed) {
        text += ` ${UI.sprays}: ${shown("sprays_per_dose", r.sprays)} of ${shown("spray_ml", r.spray_ml)} mL `
          + `(exactly ${shown("sprays_per_dose_exact", r.sprays_exact)}).`;
      }
      setText(figures, text);
      const columns = [UI.peptide, UI.in_vial, UI.concentration, UI.in_draw, ...(sprayed ? [UI.per_spray, UI.by_sprays] : [])];
      if (headRow.textContent !== columns.join("")) {
        headRow.replaceChildren(...columns.map((c) => h("th", { scope: "col" }, c)));
      }
      tableBody.replaceChildren(...r.names.map((name) => h("tr", {},
        h("th", { scope: "row" }, name),
        h("td", {}, `${shown("vial_mg", r.vial_mcg[name] / MCG_PER_MG)} mg`),
        h("td", {}, `${shown("concentration_mcg_per_ml", r.concentration_mcg_per_ml[name])} mcg/mL`),
        h("td", {}, `${shown("dose_mcg", r.per_peptide_mcg[name])} mcg`),
        sprayed ? h("td", {}, `${shown("mcg_per_spray", r.per_peptide_mcg_per_spray[name])} mcg`) : null,
        sprayed ? h("td", {}, `${shown("delivered_mcg", r.per_peptide_delivered_mcg[name])} mcg`) : null)));
      const key = out.warnings.map((w) => w.message).join("\n");
      if (key !== shownWarnings) {
        warningList.replaceChildren(...out.warnings.map((w) => h("li", { "data-code": w.code }, w.message)));
        shownWarnings = key;
      }
    }
    if (bookStarted) linkField.value = location.href.split("#")[0] + encodeHash(v);
  }

  // ------------------------------------------------------------------ the page address

  const address = pageAddress(model, values, encodeHash, decodeHash);
  function writeHash() {
    address.write();
    setText(copyStatus, "");
  }
  const readHash = () => address.read();
  function onHashChange() {
    if (readHash()) {
      showInputs();
      recompute();
    }
  }

  // ------------------------------------------------------------------ wiring

  const onResult = () => draw();
  const onInput = () => showInputs();
  model.on("change:result", onResult);
  INPUTS.forEach((k) => model.on(`change:${k}`, onInput));
  showInputs();
  draw();
  if (inBook) {
    bookStarted = true;
    share.hidden = false;
    readHash();
    window.addEventListener("hashchange", onHashChange);
    showInputs();
    recompute();
  }

  return () => {
    model.off("change:result", onResult);
    INPUTS.forEach((k) => model.off(`change:${k}`, onInput));
    window.removeEventListener("hashchange", onHashChange);
    address.stop();
  };
}

export default { render };
