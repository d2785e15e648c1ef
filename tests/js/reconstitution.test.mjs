// The calculator's math in JavaScript: every shared vector, plus what only JavaScript can get wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { close, vectorCases } from "./wire.mjs";

import {
  calculate,
  SYRINGE_ML_PER_UNIT,
  LIMITS,
  WARNING_CODES,
} from "../../src/explainer/reconstitution.js";

const MODULE_URL = new URL("../../src/explainer/reconstitution.js", import.meta.url);
const cases = vectorCases("reconstitution");

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
  for (const code of WARNING_CODES) assert.doesNotMatch(code, /community|range|report|recommend/);
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

test("the math imports only its spec and the number rule, and touches no page", () => {
  const source = readFileSync(MODULE_URL, "utf8");
  const imports = [...source.matchAll(/^import .* from "([^"]*)"/gm)].map((m) => m[1]);
  assert.deepEqual(imports.sort(), ["./calculator-spec.json", "./frontend/format.js"]);
  assert.doesNotMatch(source, /\b(document|window|process|require)\b/);
});
