// The blend calculator's math: one vial holding two or more peptides. Pure functions, no DOM, no I/O.
//
// Mirrors blend.py operation for operation (tests/vectors/blend.json and a property test hold them to
// that). Change one, change the other. Its own limits and words live in blend-spec.json (bundled into
// the page's module by esbuild); what it shares with the single calculator (syringe scales, the vial,
// water, dose and spray limits, the thresholds, the generic error sentences, the decimals) comes from
// reconstitution.js, which holds calculator-spec.json, and numbers are read by its parseNumber.
//
// It converts units only: nothing is compared with any dose anyone reports.

import BLEND_SPEC from "./blend-spec.json" with { type: "json" };
// The checks, the envelope and the rounding rules are the calculator's, so both calculators word a
// problem the same way; the blend passes its peptides' labels to the checks itself.
import {
  LIMITS as CALC_LIMITS, MCG_PER_MG, ROUTES, SYRINGE_ML_PER_UNIT, SYRINGES, THRESHOLD_TEXT, THRESHOLDS,
  amountMcgAs, answer, capacityMlOf, capacityUnitsOf, choice, fail, freeze, get, isBlank, isObject, limitText,
  numberAs, orList, over, pick, positiveAs, shown, sprayMlOf, strip, under, volumeMl, wholeSprays, withinAs,
} from "./reconstitution.js";
import { fill } from "./frontend/format.js";

export const SPEC = freeze(BLEND_SPEC);
export const MODES = SPEC.modes;
export const AMOUNT_UNITS = SPEC.amount_units;
export const TARGET_UNITS = SPEC.target_units;
export const DRAW_UNITS = SPEC.draw_units;
export const DEFAULTS = SPEC.defaults;
export const LIMITS = SPEC.limits;
export const WARNING_CODES = SPEC.warning_codes;
export const ERROR_CODES = SPEC.error_codes;
export const EXAMPLE = SPEC.example;

const NAME_RE = new RegExp(`^(?:${SPEC.name_pattern})$`);

function nameOf(raw, index) {
  const [field, n] = [`peptides.${index}.name`, String(index + 1)];
  if (isBlank(raw)) fail("empty", field, fill(SPEC.errors.empty_name, { n }));
  // The pattern first, so only ASCII is counted: JS counts UTF-16 units, Python code points.
  if (typeof raw !== "string" || !NAME_RE.test(strip(raw)) || strip(raw).length > LIMITS.name_chars) {
    fail("bad_name", field, fill(SPEC.errors.bad_name, { n, max: String(LIMITS.name_chars) }));
  }
  return strip(raw);
}

function peptidesOf(raw) {
  if (!Array.isArray(raw) || raw.length === 0) fail("no_peptides", "peptides", SPEC.errors.no_peptides);
  const count = LIMITS.peptides;
  if (raw.length < count.min) {
    fail("too_few_peptides", "peptides", fill(SPEC.errors.too_few_peptides, { min: String(count.min) }));
  }
  if (raw.length > count.max) {
    fail("too_many_peptides", "peptides", fill(SPEC.errors.too_many_peptides, { max: String(count.max) }));
  }
  const found = [];
  const seen = [];
  raw.forEach((entry, index) => {
    if (!isObject(entry)) {
      const message = fill(SPEC.errors.peptide_not_an_object, { n: String(index + 1) });
      fail("peptide_not_an_object", `peptides.${index}`, message);
    }
    const name = nameOf(get(entry, "name"), index);
    // Names are ASCII (the pattern), so toLowerCase() is Python's lower().
    if (seen.includes(name.toLowerCase())) {
      fail("duplicate_name", `peptides.${index}.name`, fill(SPEC.errors.duplicate_name, { name }));
    }
    seen.push(name.toLowerCase());
    const unit = pick(
      get(entry, "unit"), `peptides.${index}.unit`, AMOUNT_UNITS, DEFAULTS.amount_unit,
      fill(SPEC.choice_errors.amount_unit, { name }),
    );
    const words = SPEC.fields.amount;
    const mcg = amountMcgAs(
      `peptides.${index}.amount`, fill(words.label, { name }), fill(words.enter, { name }),
      get(entry, "amount"), unit, CALC_LIMITS.vial_mcg,
    );
    found.push({ name, mcg });
  });
  return found;
}

// Validate every input in a fixed order; the first problem wins.
function parse(inputs) {
  const peptides = peptidesOf(get(inputs, "peptides"));
  const names = peptides.map((p) => p.name);
  const waterMl = volumeMl(inputs, "water_ml");

  const route = choice(inputs, "route", ROUTES);
  const syringe = choice(inputs, "syringe", SYRINGES);
  const capacityMl = capacityMlOf(inputs);
  const sprayMl = sprayMlOf(inputs, route);

  const mlPerUnit = SYRINGE_ML_PER_UNIT[syringe];
  const capacityUnits = capacityUnitsOf(capacityMl, mlPerUnit);

  const mode = pick(get(inputs, "mode"), "mode", MODES, DEFAULTS.mode, SPEC.choice_errors.mode);
  let targetIndex = null;
  let amount; // set on both branches below
  let drawUnit = null;
  if (mode === "target") {
    const raw = get(inputs, "target_name");
    if (isBlank(raw)) fail("empty", "target_name", SPEC.errors.empty_target_name);
    const lowered = names.map((name) => name.toLowerCase());
    if (typeof raw !== "string" || !lowered.includes(strip(raw).toLowerCase())) {
      fail("unknown_peptide", "target_name", fill(SPEC.errors.unknown_peptide, { choices: orList(names) }));
    }
    targetIndex = lowered.indexOf(strip(raw).toLowerCase());
    const name = names[targetIndex];
    const unit = pick(
      get(inputs, "target_unit"), "target_unit", TARGET_UNITS, DEFAULTS.target_unit, SPEC.choice_errors.target_unit,
    );
    const words = SPEC.fields.target_amount;
    amount = amountMcgAs(
      "target_amount", fill(words.label, { name }), fill(words.enter, { name }),
      get(inputs, "target_amount"), unit, CALC_LIMITS.dose_mcg,
    );
  } else {
    drawUnit = pick(get(inputs, "draw_unit"), "draw_unit", DRAW_UNITS, DEFAULTS.draw_unit, SPEC.choice_errors.draw_unit);
    const words = SPEC.fields.draw_amount;
    const value = positiveAs("draw_amount", words.label, numberAs("draw_amount", words.label, words.enter,
      get(inputs, "draw_amount")));
    const limits = LIMITS.draw_amount[drawUnit];
    const suffix = " " + drawUnit;
    const [lowText, highText] = [limitText(limits.min) + suffix, limitText(limits.max) + suffix];
    amount = withinAs("draw_amount", words.label, value, limits.min, limits.max, lowText, highText);
  }

  return { peptides, waterMl, route, mlPerUnit, capacityUnits, sprayMl, mode, targetIndex, amount, drawUnit };
}

const byName = (names, values) => Object.fromEntries(names.map((n, i) => [n, values[i]]));

function compute(p) {
  const { peptides, waterMl, mlPerUnit } = p;
  const names = peptides.map((q) => q.name);
  const concentrations = peptides.map((q) => q.mcg / waterMl);

  let volumeMl;
  let units;
  if (p.mode === "target") {
    volumeMl = p.amount / concentrations[p.targetIndex];
    units = volumeMl / mlPerUnit;
  } else if (p.drawUnit === "units") {
    units = p.amount;
    volumeMl = units * mlPerUnit;
  } else {
    volumeMl = p.amount;
    units = volumeMl / mlPerUnit;
  }

  const result = {
    names,
    water_ml: waterMl,
    volume_ml: volumeMl,
    units,
    ml_per_unit: mlPerUnit,
    syringe_capacity_units: p.capacityUnits,
    fill_fraction: Math.min(1.0, units / p.capacityUnits),
    vial_mcg: byName(names, peptides.map((q) => q.mcg)),
    concentration_mcg_per_ml: byName(names, concentrations),
    concentration_mg_per_ml: byName(names, concentrations.map((c) => c / MCG_PER_MG)),
    per_peptide_mcg: byName(names, concentrations.map((c) => c * volumeMl)),
  };
  if (p.mode === "target") {
    result.target_name = names[p.targetIndex];
    result.target_mcg = p.amount;
  }

  if (p.route === "intranasal") {
    const sprayMl = p.sprayMl;
    const exact = volumeMl / sprayMl;
    const sprays = wholeSprays(exact);
    Object.assign(result, {
      spray_ml: sprayMl,
      sprays_exact: exact,
      sprays,
      sprayed_ml: sprays * sprayMl,
      per_peptide_mcg_per_spray: byName(names, concentrations.map((c) => c * sprayMl)),
      per_peptide_delivered_mcg: byName(names, concentrations.map((c) => sprays * (c * sprayMl))),
    });
  }
  return result;
}

const warning = (code, fields = {}) => ({ code, message: fill(SPEC.warnings[code], { ...THRESHOLD_TEXT, ...fields }) });

function warnings(p, r) {
  const found = [];
  if (p.mode === "target") {
    const name = r.target_name;
    if (over(r.target_mcg, r.vial_mcg[name])) {
      found.push(warning("target_exceeds_vial", { name, vial: shown("vial_mcg", r.vial_mcg[name]) }));
    }
  } else if (over(r.volume_ml, r.water_ml)) {
    found.push(warning("draw_exceeds_vial", { water: shown("water_ml", r.water_ml) }));
  }
  if (p.route === "injection") {
    if (over(r.units, r.syringe_capacity_units)) {
      found.push(warning("exceeds_syringe", { capacity: shown("syringe_capacity_units", r.syringe_capacity_units) }));
    }
    if (under(r.units, THRESHOLDS.min_measurable_units)) found.push(warning("below_one_unit"));
    else if (under(r.units, THRESHOLDS.hard_to_measure_units)) found.push(warning("hard_to_measure"));
  } else {
    const allowed = THRESHOLDS.spray_rounding_fraction * r.volume_ml;
    if (over(Math.abs(r.sprayed_ml - r.volume_ml), allowed)) found.push(warning("spray_rounding"));
  }
  return found;
}

// Validate raw inputs and compute the blend:
// { ok: true, result: {...}, warnings: [{ code, message }] } or { ok: false, error: { code, field, message } }.
// Per-peptide figures are objects keyed by name (result.names keeps the vial's order). Nothing is
// rounded; every number is finite.
export function calculate(inputs) {
  return answer(inputs, parse, compute, warnings);
}
