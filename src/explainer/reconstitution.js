// The reconstitution calculator's math: pure functions, no DOM, no I/O.
//
// Mirrors reconstitution.py operation for operation, so both give the same numbers, warnings and
// messages for the same inputs (tests/vectors/reconstitution.json and a property test hold them to
// that). Change one, change the other.
//
// Widgets concatenate this text in front of their UI code, so it has no imports and everything but
// the exported names lives inside one closure, where it cannot clash with the UI's names.

export const RECONSTITUTION = (() => {
  const freeze = (value) => {
    Object.values(value).forEach((inner) => inner && typeof inner === "object" && freeze(inner));
    return Object.freeze(value);
  };

  const MCG_PER_MG = 1000;
  const SYRINGE_ML_PER_UNIT = freeze({ "U-100": 0.01, "U-50": 0.02, "U-40": 0.025 });
  const CAPACITIES_ML = freeze([0.3, 0.5, 1.0]);
  const VIAL_UNITS = freeze(["mg", "mcg"]);
  const DOSE_UNITS = freeze(["mcg", "mg"]);
  const ROUTES = freeze(["injection", "intranasal"]);
  const SYRINGES = freeze(Object.keys(SYRINGE_ML_PER_UNIT));

  const DEFAULTS = freeze({
    vial_unit: "mg",
    dose_unit: "mcg",
    syringe: "U-100",
    capacity_ml: 1.0,
    per_day: 1,
    route: "injection",
    spray_ml: 0.1,
  });

  // Lower bounds exist so no quotient can overflow to Infinity or underflow to zero.
  const LIMITS = freeze({
    vial_mcg: { min: 0.001 * MCG_PER_MG, max: 1000 * MCG_PER_MG },
    water_ml: { min: 0.01, max: 100 },
    dose_mcg: { min: 0.01, max: 1000 * MCG_PER_MG },
    per_day: { min: 1, max: 24 },
    spray_ml: { min: 0.01, max: 1 },
    target_units: { min: 1 }, // the maximum is the chosen syringe's capacity
    input_chars: 64,
  });

  const THRESHOLDS = freeze({
    min_measurable_units: 1,
    hard_to_measure_units: 5,
    spray_rounding_fraction: 0.1,
    // Relative slack for comparisons and floors, so 3000 / 300 counts as 10 doses, not 9.
    rel_tol: 1e-9,
  });

  const WARNING_CODES = freeze([
    "dose_exceeds_vial",
    "exceeds_syringe",
    "below_one_unit",
    "hard_to_measure",
    "target_water_outside_limits",
    "spray_rounding",
  ]);
  const ERROR_CODES = freeze([
    "not_an_object",
    "empty",
    "not_a_number",
    "not_finite",
    "too_long",
    "zero",
    "negative",
    "too_small",
    "too_large",
    "not_whole",
    "unknown_choice",
  ]);

  // Plain words and no numbers from the inputs: the UI shows those, so formatting stays out of the math.
  const WARNING_MESSAGES = freeze({
    dose_exceeds_vial:
      "This dose is more than the whole vial holds. " +
      "Check mg against mcg: a 1000-fold mix-up is the most common mistake.",
    // Less water, not more: a stronger solution puts the same dose in a smaller volume.
    exceeds_syringe:
      "This dose is more than the syringe holds. " +
      "Use a larger syringe, or less water so each dose takes up less volume.",
    below_one_unit:
      "This dose is under 1 unit on this syringe, too small to measure. " +
      "More water makes each dose a larger volume.",
    hard_to_measure:
      "This dose is under 5 units, which is hard to measure accurately. " +
      "More water makes each dose a larger volume.",
    target_water_outside_limits:
      "Making each dose fill the target units would take {side} {limit} mL of " +
      "water, outside what the calculator accepts. Choose {change} units, or check the vial and the dose " +
      "for an mg and mcg mix-up.",
    spray_rounding:
      "Whole sprays deliver more than 10% more or less than the dose entered. " +
      "Changing the water or the spray volume brings them closer.",
  });

  const REL_TOL = THRESHOLDS.rel_tol;
  // ASCII-only on purpose: Python's \d and \s accept more than JavaScript's, and the two must agree.
  const NUMBER_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  const SPACE_RE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;

  const LABELS = freeze({
    vial_amount: "Vial size",
    water_ml: "Water added",
    dose_amount: "Dose",
    capacity_ml: "Syringe size",
    per_day: "Doses per day",
    spray_ml: "Spray volume",
    target_units: "Target units",
  });
  const ENTER = freeze({
    vial_amount: "Enter the amount of peptide in the vial.",
    water_ml: "Enter the water added in mL.",
    dose_amount: "Enter the dose.",
    capacity_ml: "Enter the syringe size in mL.",
    per_day: "Enter the number of doses per day.",
    spray_ml: "Enter the spray or drop volume in mL.",
    target_units: "Enter the target units.",
  });

  class InputError extends Error {
    constructor(code, field, message) {
      super(message);
      this.code = code;
      this.field = field;
    }
  }

  const fail = (code, field, message) => {
    throw new InputError(code, field, message);
  };

  // String(x) matches Python's _fmt for the tidy limits that appear in messages.
  const fmt = (x) => String(x);

  const strip = (text) => text.replace(SPACE_RE, "");

  const isBlank = (raw) => raw === undefined || raw === null || (typeof raw === "string" && strip(raw) === "");

  // A missing key and an explicit null both read as "not given", as Python's dict.get does.
  const get = (inputs, key) => (Object.prototype.hasOwnProperty.call(inputs, key) ? inputs[key] : undefined);

  // Read one raw value as a number: { value } or { code }. A numeric string too big for a double
  // becomes ±Infinity, as in Python; the range checks then report it as too large (or negative).
  function parseNumber(raw) {
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

  function number(field, raw) {
    const { value, code } = parseNumber(raw);
    if (code === undefined) return value;
    const label = LABELS[field];
    const messages = {
      empty: ENTER[field],
      not_a_number: `${label} must be a number such as 2 or 0.5, with a dot for decimals.`,
      not_finite: `${label} must be an ordinary finite number.`,
      too_long: `${label} has too many characters to be a number.`,
    };
    return fail(code, field, messages[code]);
  }

  function positive(field, value) {
    if (value === 0) fail("zero", field, `${LABELS[field]} must be more than zero.`);
    if (value < 0) fail("negative", field, `${LABELS[field]} cannot be negative.`);
    return value;
  }

  function within(field, value, low, high, lowText, highText) {
    if (value < low) fail("too_small", field, `${LABELS[field]} must be at least ${lowText}.`);
    if (value > high) fail("too_large", field, `${LABELS[field]} must be at most ${highText}.`);
    return value;
  }

  function choice(inputs, field, options, message) {
    const raw = get(inputs, field);
    if (isBlank(raw)) return DEFAULTS[field];
    if (typeof raw === "string" && options.includes(strip(raw))) return strip(raw);
    return fail("unknown_choice", field, message);
  }

  // A required amount in mg or mcg, checked against limits held in mcg.
  function amountMcg(inputs, field, unit, limits) {
    const amount = positive(field, number(field, get(inputs, field)));
    const mcg = amount * (unit === "mg" ? MCG_PER_MG : 1);
    const lowText = fmt(limits.min) + " mcg";
    const highText = fmt(limits.max / MCG_PER_MG) + " mg";
    return within(field, mcg, limits.min, limits.max, lowText, highText);
  }

  function volumeMl(inputs, field) {
    const limits = LIMITS[field];
    const value = positive(field, number(field, get(inputs, field)));
    const [lowText, highText] = [fmt(limits.min) + " mL", fmt(limits.max) + " mL"];
    return within(field, value, limits.min, limits.max, lowText, highText);
  }

  // Validate every input in a fixed order; the first problem wins.
  function parse(inputs) {
    const vialUnit = choice(inputs, "vial_unit", VIAL_UNITS, "Choose mg or mcg for the vial amount.");
    const vialMcg = amountMcg(inputs, "vial_amount", vialUnit, LIMITS.vial_mcg);

    const waterMl = volumeMl(inputs, "water_ml");

    const doseUnit = choice(inputs, "dose_unit", DOSE_UNITS, "Choose mcg or mg for the dose.");
    const doseMcg = amountMcg(inputs, "dose_amount", doseUnit, LIMITS.dose_mcg);

    const syringe = choice(inputs, "syringe", SYRINGES, "Choose a syringe scale: U-100, U-50 or U-40.");

    let capacityMl = DEFAULTS.capacity_ml;
    if (!isBlank(get(inputs, "capacity_ml"))) {
      capacityMl = number("capacity_ml", get(inputs, "capacity_ml"));
      if (!CAPACITIES_ML.includes(capacityMl)) {
        fail("unknown_choice", "capacity_ml", "Choose a syringe size: 0.3, 0.5 or 1 mL.");
      }
    }

    let perDay = DEFAULTS.per_day;
    if (!isBlank(get(inputs, "per_day"))) {
      const count = positive("per_day", number("per_day", get(inputs, "per_day")));
      if (count > LIMITS.per_day.max) {
        // before the whole-number test, as in Python, which cannot floor infinity
        fail("too_large", "per_day", `Doses per day must be at most ${fmt(LIMITS.per_day.max)}.`);
      }
      if (Math.floor(count) !== count) fail("not_whole", "per_day", "Doses per day must be a whole number.");
      perDay = count;
    }

    const route = choice(inputs, "route", ROUTES, "Choose injection or intranasal.");

    // A hidden field keeps whatever was typed in it, so check only what the route uses.
    let sprayMl = null;
    if (route === "intranasal") {
      sprayMl = DEFAULTS.spray_ml;
      if (!isBlank(get(inputs, "spray_ml"))) sprayMl = volumeMl(inputs, "spray_ml");
    }

    const mlPerUnit = SYRINGE_ML_PER_UNIT[syringe];
    // Rounded because 0.3 / 0.025 is 11.999999999999998; every listed size holds whole units.
    const capacityUnits = Math.floor(capacityMl / mlPerUnit + 0.5);

    let targetUnits = null;
    if (route === "injection" && !isBlank(get(inputs, "target_units"))) {
      targetUnits = positive("target_units", number("target_units", get(inputs, "target_units")));
      const low = LIMITS.target_units.min;
      within(
        "target_units",
        targetUnits,
        low,
        capacityUnits,
        `${fmt(low)} unit`,
        `${capacityUnits} units, the capacity of a ${fmt(capacityMl)} mL ${syringe} syringe`,
      );
    }

    return {
      vialMcg,
      waterMl,
      doseMcg,
      mlPerUnit,
      capacityUnits,
      perDay,
      route,
      sprayMl,
      targetUnits,
    };
  }

  // Whole count of x, forgiving float noise just below an integer.
  const floorWhole = (x) => Math.floor(x * (1 + REL_TOL));
  const over = (a, b) => a > b * (1 + REL_TOL);
  const under = (a, b) => a < b * (1 - REL_TOL);

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
      // floor(x + 0.5), not Math.round: Python rounds halves to even, so both use this instead.
      const sprays = Math.max(1, Math.floor(exact + 0.5));
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

  const warning = (code, fill = {}) => ({
    code,
    message: WARNING_MESSAGES[code].replace(/\{(\w+)\}/g, (_, key) => fill[key]),
  });

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
          found.push(warning("target_water_outside_limits", { side: "more than", limit: fmt(limits.max), change: "fewer" }));
        } else if (under(water, limits.min)) {
          found.push(warning("target_water_outside_limits", { side: "less than", limit: fmt(limits.min), change: "more" }));
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
  function calculate(inputs) {
    if (inputs === null || typeof inputs !== "object" || Array.isArray(inputs)) {
      const message = "Inputs must be a set of named values.";
      return { ok: false, error: { code: "not_an_object", field: "inputs", message } };
    }
    let parsed;
    try {
      parsed = parse(inputs);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { ok: false, error: { code: err.code, field: err.field, message: err.message } };
    }
    const result = compute(parsed);
    return { ok: true, result, warnings: warnings(parsed, result) };
  }

  return freeze({
    calculate,
    parseNumber,
    MCG_PER_MG,
    SYRINGE_ML_PER_UNIT,
    CAPACITIES_ML,
    VIAL_UNITS,
    DOSE_UNITS,
    ROUTES,
    SYRINGES,
    DEFAULTS,
    LIMITS,
    THRESHOLDS,
    WARNING_CODES,
    ERROR_CODES,
  });
})();

export const calculate = RECONSTITUTION.calculate;
export const SYRINGE_ML_PER_UNIT = RECONSTITUTION.SYRINGE_ML_PER_UNIT;
export const CAPACITIES_ML = RECONSTITUTION.CAPACITIES_ML;
export const LIMITS = RECONSTITUTION.LIMITS;
