// The calculator's math in JavaScript: every shared vector, plus checks that the module text can be
// concatenated in front of a widget's UI code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  RECONSTITUTION,
  calculate,
  SYRINGE_ML_PER_UNIT,
  CAPACITIES_ML,
  LIMITS,
} from "../../src/explainer/reconstitution.js";

const MODULE_URL = new URL("../../src/explainer/reconstitution.js", import.meta.url);
const VECTORS_URL = new URL("../vectors/reconstitution.json", import.meta.url);
const SPECIALS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };
const revive = (_key, value) =>
  value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "$special" in value
    ? SPECIALS[value.$special]
    : value;
const { cases } = JSON.parse(readFileSync(VECTORS_URL, "utf8"), revive);

const close = (actual, expected) =>
  actual === expected ||
  Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected)) ||
  Math.abs(actual - expected) <= 1e-12;

const allFinite = (value) =>
  typeof value === "number"
    ? Number.isFinite(value)
    : value && typeof value === "object"
      ? Object.values(value).every(allFinite)
      : true;

test("the vector file is big enough", () => {
  const bad = cases.filter((c) => !c.expect.ok);
  assert.ok(cases.length >= 70 && bad.length >= 35);
});

for (const { name, inputs, expect } of cases) {
  test(`vector: ${name}`, () => {
    const out = calculate(inputs);
    assert.equal(out.ok, expect.ok, JSON.stringify(out));
    assert.ok(allFinite(out));
    if (!expect.ok) {
      assert.deepEqual({ code: out.error.code, field: out.error.field }, expect.error);
      assert.ok(out.error.message.trim().length > 0);
      return;
    }
    for (const [key, value] of Object.entries(expect.result)) {
      assert.ok(close(out.result[key], value), `${key}: ${out.result[key]} != ${value}`);
    }
    assert.deepEqual(
      out.warnings.map((w) => w.code),
      expect.warning_codes,
    );
    for (const key of expect.absent_keys ?? []) assert.ok(!(key in out.result), `${key} should be absent`);
  });
}

test("constants", () => {
  assert.deepEqual({ ...SYRINGE_ML_PER_UNIT }, { "U-100": 0.01, "U-50": 0.02, "U-40": 0.025 });
  assert.deepEqual([...CAPACITIES_ML], [0.3, 0.5, 1]);
  assert.equal(LIMITS.vial_mcg.max, 1_000_000);
  assert.equal(RECONSTITUTION.calculate, calculate);
});

test("constants cannot be changed by a widget", () => {
  assert.ok(Object.isFrozen(LIMITS) && Object.isFrozen(LIMITS.water_ml) && Object.isFrozen(SYRINGE_ML_PER_UNIT));
});

test("calculate does not change its inputs", () => {
  const inputs = { vial_amount: "10", water_ml: 2, dose_amount: 300, route: "intranasal", per_day: "2" };
  const snapshot = JSON.stringify(inputs);
  calculate(inputs);
  assert.equal(JSON.stringify(inputs), snapshot);
});

test("no warning compares a dose with reported doses; dose figures passed in are ignored", () => {
  for (const code of RECONSTITUTION.WARNING_CODES) assert.doesNotMatch(code, /community|range|report|recommend/);
  const base = { vial_amount: 10, water_ml: 2, dose_amount: 250 };
  for (const extra of [[300, 600], [0, 0], "abc", null]) {
    assert.deepEqual(calculate({ ...base, community_range_mcg: extra }), calculate(base));
  }
  assert.deepEqual(calculate(base).warnings, []); // 250 mcg once drew "below the community range"
});

test("odd JavaScript values are input errors, not exceptions", () => {
  const base = { vial_amount: 10, water_ml: 2, dose_amount: 300 };
  for (const odd of [undefined, 10n, Symbol("x"), () => 10, new Number(10), [], {}]) {
    const out = calculate({ ...base, water_ml: odd });
    assert.equal(out.ok, false);
    assert.equal(out.error.field, "water_ml");
  }
  assert.equal(calculate("vial=10").error.code, "not_an_object");
});

test("the module text holds only top-level export declarations", () => {
  const source = readFileSync(MODULE_URL, "utf8");
  const topLevel = source
    .split("\n")
    .filter((line) => /^\S/.test(line) && !line.startsWith("//") && !line.startsWith("}"));
  assert.ok(topLevel.length > 0);
  for (const line of topLevel) assert.match(line, /^export (const|function) /);
  assert.doesNotMatch(source, /^\s*import\b/m);
  assert.doesNotMatch(source, /\b(document|window|process|require)\b/);
});

test("concatenated in front of UI code that reuses common names, it still works", async () => {
  const source = readFileSync(MODULE_URL, "utf8");
  const ui = `
    const parse = () => "ui"; const number = 1; const fail = null; const warnings = []; function compute() {}
    const LABELS = {}; let strip = 0; class InputError {}
    export const demo = calculate({ vial_amount: "10", water_ml: "2", dose_amount: "300" });
  `;
  const url = "data:text/javascript;charset=utf-8," + encodeURIComponent(source + "\n" + ui);
  const module = await import(url);
  assert.equal(module.demo.ok, true);
  assert.ok(close(module.demo.result.units, 6));
});
