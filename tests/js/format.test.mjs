// The page's number rule on the cases where rules usually differ (tests/test_numbers.py checks the
// same cases, and thousands of random ones, against Python's explainer.numbers).
import { test } from "node:test";
import assert from "node:assert/strict";

import { formatNumber, plural, fill, MISSING } from "../../src/explainer/frontend/format.js";

const CASES = [
  [0.125, 2, "0.13"], [0.25, 1, "0.3"], [2.5, 0, "3"], [1.005, 2, "1.01"], [2.675, 2, "2.68"],
  [1234.5, 1, "1,234.5"], [1000, 0, "1,000"], [999.96, 1, "1,000"], [12000, 3, "12,000"],
  [0.0006, 3, "0.0006"], [0.00099, 3, "0.00099"], [0.001, 3, "0.001"], [1.5e-7, 1, "0.00000015"],
  [1e21, 0, "1,000,000,000,000,000,000,000"], [1e23, 1, "100,000,000,000,000,000,000,000"],
  [6, 1, "6"], [0.06, 3, "0.06"], [10 / 3, 2, "3.33"], [5.999999999999999, 1, "6"], [-1234.56, 1, "-1,234.6"],
];

test("the rule's hard cases", () => {
  for (const [x, decimals, expected] of CASES) assert.equal(formatNumber(x, decimals), expected, `${x} to ${decimals}`);
});

test("nothing that is not a finite number shows as NaN, Infinity or a blank", () => {
  for (const odd of [NaN, Infinity, -Infinity, undefined, null, "3", 3n]) assert.equal(formatNumber(odd, 1), MISSING);
});

test("plural and fill", () => {
  assert.equal(plural(1, "dose"), "1 dose");
  assert.equal(plural(1200, "spray"), "1,200 sprays");
  assert.equal(fill("{a} and {b}", { a: 1 }), "1 and {b}");
});
