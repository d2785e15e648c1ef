// Reads a JSON array of calculator inputs on stdin and prints the JSON array of calculate() outputs.
// The Python property tests run thousands of inputs through this in one node process.
//   node run_batch.mjs            the reconstitution calculator (reconstitution.js)
//   node run_batch.mjs blend      the blend calculator (blend.js)
// Inputs may hold {"$special": "NaN" | "Infinity" | "-Infinity"} for the numbers JSON cannot hold.
import { readStdin } from "./wire.mjs";

const MODULES = {
  reconstitution: "../../src/explainer/reconstitution.js",
  blend: "../../src/explainer/blend.js",
};
const name = process.argv[2] ?? "reconstitution";
if (!(name in MODULES)) {
  console.error(`run_batch.mjs: no calculator named ${name}; choose ${Object.keys(MODULES).join(" or ")}`);
  process.exit(2);
}
const { calculate } = await import(MODULES[name]);

const inputs = await readStdin();
process.stdout.write(JSON.stringify(inputs.map((one) => calculate(one))));
