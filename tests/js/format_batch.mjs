// Reads a JSON array of [value, decimals] pairs on stdin and prints formatNumber of each, so
// tests/test_numbers.py can hold the page's formatting to Python's digit for digit.
// Values JSON cannot hold arrive as {"$special": "NaN" | "Infinity" | "-Infinity" | "-0"}.
import { formatNumber } from "../../src/explainer/frontend/format.js";

const SPECIALS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };
const revive = (_key, value) =>
  value && typeof value === "object" && !Array.isArray(value) && "$special" in value ? SPECIALS[value.$special] : value;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pairs = JSON.parse(Buffer.concat(chunks).toString("utf8"), revive);
process.stdout.write(JSON.stringify(pairs.map(([x, decimals]) => formatNumber(x, decimals))));
