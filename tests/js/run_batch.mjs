// Reads a JSON array of calculator inputs on stdin and prints the JSON array of calculate() outputs.
// The Python property test runs thousands of inputs through this in one node process.
// Inputs may hold {"$special": "NaN" | "Infinity" | "-Infinity"} for the numbers JSON cannot hold.
import { calculate } from "../../src/explainer/reconstitution.js";

const SPECIALS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

const revive = (_key, value) =>
  value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "$special" in value
    ? SPECIALS[value.$special]
    : value;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8"), revive);
process.stdout.write(JSON.stringify(inputs.map((one) => calculate(one))));
