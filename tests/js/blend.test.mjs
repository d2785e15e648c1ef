// The blend calculator's math in JavaScript: every shared vector, plus what only JavaScript can get wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { close, vectorCases } from "./wire.mjs";

import { calculate, EXAMPLE, LIMITS, SPEC, WARNING_CODES } from "../../src/explainer/blend.js";
import { SYRINGE_ML_PER_UNIT } from "../../src/explainer/reconstitution.js";

const MODULE_URL = new URL("../../src/explainer/blend.js", import.meta.url);
const cases = vectorCases("blend");


const allFinite = (value) =>
  typeof value === "number"
    ? Number.isFinite(value)
    : value && typeof value === "object"
      ? Object.values(value).every(allFinite)
      : true;

test("the vector file is big enough", () => {
  assert.ok(cases.length >= 60 && cases.filter((c) => !c.expect.ok).length >= 30);
});

for (const { name, inputs, expect } of cases) {
  test(`vector: ${name}`, () => {
    const out = calculate(inputs);
    assert.equal(out.ok, expect.ok, JSON.stringify(out));
    assert.ok(allFinite(out));
    if (!expect.ok) {
      assert.deepEqual({ code: out.error.code, field: out.error.field }, expect.error);
      assert.ok(out.error.message.trim().length > 0 && !out.error.message.includes("{"));
      assert.ok(out.error.message.includes(expect.message_contains ?? ""), out.error.message);
      return;
    }
    for (const [key, value] of Object.entries(expect.result)) {
      assert.ok(close(out.result[key], value), `${key}: ${JSON.stringify(out.result[key])} != ${JSON.stringify(value)}`);
    }
    assert.deepEqual(out.warnings.map((w) => w.code), expect.warning_codes);
    for (const key of expect.absent_keys ?? []) assert.ok(!(key in out.result), `${key} should be absent`);
  });
}

test("constants cannot be changed by a widget, and the syringe scales are the calculator's", () => {
  assert.ok(Object.isFrozen(LIMITS) && Object.isFrozen(LIMITS.draw_amount.units) && Object.isFrozen(EXAMPLE) && Object.isFrozen(SPEC.example_peptide));
  assert.ok(!("syringe_ml_per_unit" in SPEC) && Object.isFrozen(SYRINGE_ML_PER_UNIT));
});

test("calculate does not change its inputs", () => {
  const inputs = { peptides: [{ name: "A", amount: "5" }, { name: "B", amount: 5 }], water_ml: 2, mode: "draw", draw_amount: 10 };
  const snapshot = JSON.stringify(inputs);
  calculate(inputs);
  assert.equal(JSON.stringify(inputs), snapshot);
});

test("names that are also Object's own keys stay ordinary names", () => {
  const out = calculate({
    peptides: [{ name: "constructor", amount: 5 }, { name: "toString", amount: 5 }], water_ml: 2,
    target_name: "TOSTRING", target_amount: 300,
  });
  assert.equal(out.ok, true);
  assert.deepEqual(out.result.per_peptide_mcg, { constructor: 300, toString: 300 });
});

test("no warning compares with reported doses", () => {
  for (const code of WARNING_CODES) assert.doesNotMatch(code, /community|range|report|recommend/);
});

test("odd JavaScript values are input errors, not exceptions", () => {
  const base = { peptides: [{ name: "A", amount: 5 }, { name: "B", amount: 5 }], water_ml: 2, mode: "draw", draw_amount: 10 };
  for (const odd of [undefined, 10n, Symbol("x"), () => 10, new Number(10), [], {}]) {
    const out = calculate({ ...base, draw_amount: odd });
    assert.equal(out.ok, false);
    assert.equal(out.error.field, "draw_amount");
  }
  assert.equal(calculate({ ...base, peptides: { 0: base.peptides[0], length: 2 } }).error.code, "no_peptides");
});

test("the math imports only the specs, the calculator's shared pieces and the number rule", () => {
  const source = readFileSync(MODULE_URL, "utf8");
  const imports = [...source.matchAll(/^import[^;]*? from "([^"]*)"/gms)].map((m) => m[1]);
  assert.deepEqual(imports.sort(), ["./blend-spec.json", "./frontend/format.js", "./reconstitution.js"]);
  assert.doesNotMatch(source, /\b(document|window|process|require)\b/);
});
