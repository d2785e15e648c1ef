// The reconstitution calculator's math: pure functions, no DOM, no I/O.
//
// Mirrors reconstitution.py operation for operation, so both give the same numbers, warnings and
// messages for the same inputs (tests/vectors/reconstitution.json and a property test hold them to
// that). Change one, change the other. Constants, limits and words are not mirrored: both read
// calculator-spec.json (bundled into the page's module by esbuild), and both format numbers by the
// one rule (frontend/format.js here, numbers.py there).
//
// The calculator does arithmetic only: no warning compares a dose or a daily total with what anyone
// reports taking. Keys it does not know are ignored.

import SPEC_DATA from "./calculator-spec.json" with { type: "json" };
import { fill, formatNumber } from "./frontend/format.js";

export const freeze = (value) => {
  Object.values(value).forEach((inner) => inner && typeof inner === "object" && freeze(inner));
  return Object.freeze(value);
};

// Frozen, so no widget can change a limit another one relies on.
export const SPEC = freeze(SPEC_DATA);
export const MCG_PER_MG = SPEC.mcg_per_mg;
export const SYRINGE_ML_PER_UNIT = SPEC.syringe_ml_per_unit;
export const CAPACITIES_ML = SPEC.capacities_ml;
export const VIAL_UNITS = SPEC.vial_units;
export const DOSE_UNITS = SPEC.dose_units;
export const ROUTES = SPEC.routes;
export const SYRINGES = freeze(Object.keys(SYRINGE_ML_PER_UNIT));
export const DEFAULTS = SPEC.defaults;
export const LIMITS = SPEC.limits;
export const THRESHOLDS = SPEC.thresholds;
export const WARNING_CODES = SPEC.warning_codes;
export const ERROR_CODES = SPEC.error_codes;
export const DECIMALS = SPEC.decimals;

const REL_TOL = THRESHOLDS.rel_tol;
// ASCII-only on purpose: Python's \d and \s accept more than JavaScript's, and the two must agree.
const NUMBER_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPACE_RE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;

// A figure as every home of the calculator shows it: the spec's decimals for `key`, by the one rule.
export const shown = (key, value) => formatNumber(value, DECIMALS[key]);

export const limitText = (x) => formatNumber(x, DECIMALS.limits);
export const orList = (items) => (items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`);
const label = (field) => SPEC.fields[field].label;
// The checks below take the label itself, so the blend, whose fields are named after its peptides,
// words its errors with the same sentences; the calculator passes each field's label from the spec.
export const errorFor = (code, label, fields = {}) => fill(SPEC.errors[code], { label, ...fields });
const errorText = (code, field, fields = {}) => errorFor(code, label(field), fields);

class InputError extends Error {
  constructor(code, field, message) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

export const fail = (code, field, message) => {
  throw new InputError(code, field, message);
};

export const strip = (text) => text.replace(SPACE_RE, "");

export const isBlank = (raw) => raw === undefined || raw === null || (typeof raw === "string" && strip(raw) === "");

// A missing key and an explicit null both read as "not given", as Python's dict.get does.
export const get = (inputs, key) => (Object.prototype.hasOwnProperty.call(inputs, key) ? inputs[key] : undefined);

// Read one raw value as a number: { value } or { code }. A numeric string too big for a double
// becomes ±Infinity, as in Python; the range checks then report it as too large (or negative).
export function parseNumber(raw) {
  if (raw === undefined || raw === null) return { code: "empty" };
  if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : { code: "not_finite" };
  if (typeof raw === "string") {
    const text = strip(raw);
    if (text === "") return { code: "empty" };
    if (!NUMBER_RE.test(text)) return { code: "not_a_number" };
    // Checked after the regex so only ASCII is counted: JS counts UTF-16 units, Python code points.
    if (text.length > LIMITS.input_chars) return { code: "too_long" };
    return { value: Number(text) };
  }
  return { code: "not_a_number" };
}

export function numberAs(field, label, enter, raw) {
  const { value, code } = parseNumber(raw);
  if (code === undefined) return value;
  return fail(code, field, code === "empty" ? enter : errorFor(code, label));
}

export function positiveAs(field, label, value) {
  if (value === 0) fail("zero", field, errorFor("zero", label));
  if (value < 0) fail("negative", field, errorFor("negative", label));
  return value;
}

export function withinAs(field, label, value, low, high, lowText, highText) {
  if (value < low) fail("too_small", field, errorFor("too_small", label, { limit: lowText }));
  if (value > high) fail("too_large", field, errorFor("too_large", label, { limit: highText }));
  return value;
}

// A required amount in mg or mcg, checked against limits held in mcg.
export function amountMcgAs(field, label, enter, raw, unit, limits) {
  const amount = positiveAs(field, label, numberAs(field, label, enter, raw));
  const mcg = amount * (unit === "mg" ? MCG_PER_MG : 1);
  const lowText = limitText(limits.min) + " mcg";
  const highText = limitText(limits.max / MCG_PER_MG) + " mg";
  return withinAs(field, label, mcg, limits.min, limits.max, lowText, highText);
}

export function pick(raw, field, options, fallback, message) {
  if (isBlank(raw)) return fallback;
  if (typeof raw === "string" && options.includes(strip(raw))) return strip(raw);
  return fail("unknown_choice", field, message);
}

// The calculator's own fields, worded from the spec.
const number = (field, raw) => numberAs(field, label(field), SPEC.fields[field].enter, raw);
const positive = (field, value) => positiveAs(field, label(field), value);
const within = (field, value, low, high, lowText, highText) =>
  withinAs(field, label(field), value, low, high, lowText, highText);

const choiceError = (field, choices) =>
  fail("unknown_choice", field, fill(SPEC.choice_errors[field], { choices: orList(choices) }));

export function choice(inputs, field, options) {
  const raw = get(inputs, field);
  if (isBlank(raw)) return DEFAULTS[field];
  if (typeof raw === "string" && options.includes(strip(raw))) return strip(raw);
  return choiceError(field, [...options]);
}

const amountMcg = (inputs, field, unit, limits) =>
  amountMcgAs(field, label(field), SPEC.fields[field].enter, get(inputs, field), unit, limits);

// Water or spray volume (the blend's too), with the calculator's label, message and limits.
export function volumeMl(inputs, field) {
  const limits = LIMITS[field];
  const value = positive(field, number(field, get(inputs, field)));
  const [lowText, highText] = [limitText(limits.min) + " mL", limitText(limits.max) + " mL"];
  return within(field, value, limits.min, limits.max, lowText, highText);
}

export function capacityMlOf(inputs) {
  let capacityMl = DEFAULTS.capacity_ml;
  if (!isBlank(get(inputs, "capacity_ml"))) {
    capacityMl = number("capacity_ml", get(inputs, "capacity_ml"));
    if (!CAPACITIES_ML.includes(capacityMl)) choiceError("capacity_ml", CAPACITIES_ML.map((c) => shown("capacity_ml", c)));
  }
  return capacityMl;
}

export function sprayMlOf(inputs, route) {
  // A hidden field keeps whatever was typed in it, so check only what the route uses.
  if (route !== "intranasal") return null;
  if (isBlank(get(inputs, "spray_ml"))) return DEFAULTS.spray_ml;
  return volumeMl(inputs, "spray_ml");
}

// Rounded because 0.3 / 0.025 is 11.999999999999998; every listed size holds whole units.
export const capacityUnitsOf = (capacityMl, mlPerUnit) => Math.floor(capacityMl / mlPerUnit + 0.5);

// Validate every input in a fixed order; the first problem wins.
function parse(inputs) {
  const vialUnit = choice(inputs, "vial_unit", VIAL_UNITS);
  const vialMcg = amountMcg(inputs, "vial_amount", vialUnit, LIMITS.vial_mcg);

  const waterMl = volumeMl(inputs, "water_ml");

  const doseUnit = choice(inputs, "dose_unit", DOSE_UNITS);
  const doseMcg = amountMcg(inputs, "dose_amount", doseUnit, LIMITS.dose_mcg);

  const syringe = choice(inputs, "syringe", SYRINGES);

  const capacityMl = capacityMlOf(inputs);

  let perDay = DEFAULTS.per_day;
  if (!isBlank(get(inputs, "per_day"))) {
    const count = positive("per_day", number("per_day", get(inputs, "per_day")));
    if (count > LIMITS.per_day.max) {
      // before the whole-number test, as in Python, which cannot floor infinity
      fail("too_large", "per_day", errorText("too_large", "per_day", { limit: limitText(LIMITS.per_day.max) }));
    }
    if (Math.floor(count) !== count) fail("not_whole", "per_day", errorText("not_whole", "per_day"));
    perDay = count;
  }

  const route = choice(inputs, "route", ROUTES);
  const sprayMl = sprayMlOf(inputs, route);

  const mlPerUnit = SYRINGE_ML_PER_UNIT[syringe];
  const capacityUnits = capacityUnitsOf(capacityMl, mlPerUnit);

  let targetUnits = null;
  if (route === "injection" && !isBlank(get(inputs, "target_units"))) {
    targetUnits = positive("target_units", number("target_units", get(inputs, "target_units")));
    const low = LIMITS.target_units.min;
    within(
      "target_units",
      targetUnits,
      low,
      capacityUnits,
      limitText(low) + " unit",
      fill(SPEC.errors.target_capacity, {
        capacity: limitText(capacityUnits), capacity_ml: shown("capacity_ml", capacityMl), syringe,
      }),
    );
  }

  return { vialMcg, waterMl, doseMcg, mlPerUnit, capacityUnits, perDay, route, sprayMl, targetUnits };
}

// Whole count of x, forgiving float noise just below an integer.
const floorWhole = (x) => Math.floor(x * (1 + REL_TOL));
export const over = (a, b) => a > b * (1 + REL_TOL);
export const under = (a, b) => a < b * (1 - REL_TOL);
// floor(x + 0.5), not Math.round: Python rounds halves to even, so both use this instead.
export const wholeSprays = (exact) => Math.max(1, Math.floor(exact + 0.5));

function compute(p) {
  const { vialMcg, waterMl, doseMcg, perDay, mlPerUnit, capacityUnits } = p;

  const concentration = vialMcg / waterMl;
  const volumeMl = doseMcg / concentration;
  const units = volumeMl / mlPerUnit;
  const result = {
    concentration_mcg_per_ml: concentration,
    concentration_mg_per_ml: concentration / MCG_PER_MG,
    dose_mcg: doseMcg,
    vial_mcg: vialMcg,
    volume_ml: volumeMl,
    units,
    ml_per_unit: mlPerUnit,
    syringe_capacity_units: capacityUnits,
    fill_fraction: Math.min(1.0, units / capacityUnits),
    daily_mcg: doseMcg * perDay,
  };

  // The counts follow what is actually given: whole doses of the dose entered from a syringe, but
  // whole sprays from a bottle, which can deliver more or less than the dose entered.
  if (p.route === "injection") {
    const doses = floorWhole(vialMcg / doseMcg);
    Object.assign(result, {
      doses_per_vial: doses,
      // The tolerant floor can overshoot by a hair; never report a negative remainder.
      leftover_mcg: Math.max(0.0, vialMcg - doses * doseMcg),
      days_per_vial: Math.floor(doses / perDay),
    });
  } else {
    const mcgPerSpray = concentration * p.sprayMl;
    const exact = doseMcg / mcgPerSpray;
    const sprays = wholeSprays(exact);
    const spraysPerBottle = floorWhole(waterMl / p.sprayMl);
    const dosesPerBottle = Math.floor(spraysPerBottle / sprays); // whole counts: no float noise to forgive
    Object.assign(result, {
      mcg_per_spray: mcgPerSpray,
      sprays_per_dose_exact: exact,
      sprays_per_dose: sprays,
      delivered_mcg: sprays * mcgPerSpray,
      sprays_per_bottle: spraysPerBottle,
      doses_per_bottle: dosesPerBottle,
      days_per_bottle: Math.floor(dosesPerBottle / perDay),
    });
  }

  if (p.targetUnits !== null) {
    result.water_for_target_ml = (vialMcg * p.targetUnits * mlPerUnit) / doseMcg;
  }

  return result;
}

// The thresholds as the warnings (the blend's too) name them, so a changed threshold changes its sentence.
export const THRESHOLD_TEXT = freeze({
  min_measurable_units: limitText(THRESHOLDS.min_measurable_units),
  hard_to_measure_units: limitText(THRESHOLDS.hard_to_measure_units),
  spray_rounding_percent: limitText(THRESHOLDS.spray_rounding_fraction * 100),
});

const warning = (code, fields = {}) => ({ code, message: fill(SPEC.warnings[code], { ...THRESHOLD_TEXT, ...fields }) });

function warnings(p, r) {
  const found = [];
  if (over(r.dose_mcg, r.vial_mcg)) found.push(warning("dose_exceeds_vial"));
  if (p.route === "injection") {
    if (over(r.units, r.syringe_capacity_units)) found.push(warning("exceeds_syringe"));
    if (under(r.units, THRESHOLDS.min_measurable_units)) found.push(warning("below_one_unit"));
    else if (under(r.units, THRESHOLDS.hard_to_measure_units)) found.push(warning("hard_to_measure"));
    if ("water_for_target_ml" in r) {
      const water = r.water_for_target_ml;
      const limits = LIMITS.water_ml;
      if (over(water, limits.max)) {
        found.push(warning("target_water_outside_limits", { limit: limitText(limits.max), ...SPEC.target_water_sides.above }));
      } else if (under(water, limits.min)) {
        found.push(warning("target_water_outside_limits", { limit: limitText(limits.min), ...SPEC.target_water_sides.below }));
      }
    }
  } else {
    const allowed = THRESHOLDS.spray_rounding_fraction * r.dose_mcg;
    if (over(Math.abs(r.delivered_mcg - r.dose_mcg), allowed)) found.push(warning("spray_rounding"));
  }
  return found;
}

// Validate raw inputs and compute the reconstitution result:
// { ok: true, result: {...}, warnings: [{ code, message }] } or { ok: false, error: { code, field, message } }.
// Nothing is rounded (formatting is the caller's job); every number is finite.
export function calculate(inputs) {
  return answer(inputs, parse, compute, warnings);
}

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// The envelope both calculators answer in: the first input problem, or the result and its warnings.
export function answer(inputs, parseInputs, computeResult, warningsFor) {
  if (!isObject(inputs)) {
    return { ok: false, error: { code: "not_an_object", field: "inputs", message: SPEC.errors.not_an_object } };
  }
  let parsed;
  try {
    parsed = parseInputs(inputs);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { ok: false, error: { code: err.code, field: err.field, message: err.message } };
  }
  const result = computeResult(parsed);
  return { ok: true, result, warnings: warningsFor(parsed, result) };
}
