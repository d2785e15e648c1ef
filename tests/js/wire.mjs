// What the JavaScript tests share: reading the wire format (numbers JSON cannot hold travel as
// {"$special": "NaN" | "Infinity" | "-Infinity" | "-0"}, written by tests/helpers.py's to_wire), the shared
// vector files, stdin for the batch runners, and one "close enough" between two languages' doubles.
import { readFileSync } from "node:fs";

const SPECIALS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

export const revive = (_key, value) =>
  value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "$special" in value
    ? SPECIALS[value.$special]
    : value;

/** The cases of tests/vectors/<name>.json. */
export const vectorCases = (name) =>
  JSON.parse(readFileSync(new URL(`../vectors/${name}.json`, import.meta.url), "utf8"), revive).cases;

/** Everything on stdin, parsed from the wire format. */
export async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"), revive);
}

/** Numbers within 1e-9 relative (or 1e-12 absolute); objects key by key; anything else equal. */
export function close(actual, expected) {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    return actual !== null && typeof actual === "object" &&
      Object.keys(actual).sort().join("\n") === Object.keys(expected).sort().join("\n") &&
      Object.entries(expected).every(([k, v]) => close(actual[k], v));
  }
  if (typeof expected === "number") {
    return typeof actual === "number" && (actual === expected ||
      Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected)) ||
      Math.abs(actual - expected) <= 1e-12);
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}
