// Reads a JSON array of calculator inputs on stdin and prints the JSON array of calculate() outputs.
// The Python property tests run thousands of inputs through this in one node process.
//   node run_batch.mjs            the reconstitution calculator (reconstitution.js)
//   node run_batch.mjs blend      the blend calculator (blend.js)
// Inputs may hold {"$special": "NaN" | "Infinity" | "-Infinity"} for the numbers JSON cannot hold.
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

const SPECIALS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

const revive = (_key, value) =>
  value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "$special" in value
    ? SPECIALS[value.$special]
    : value;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8"), revive);
process.stdout.write(JSON.stringify(inputs.map((one) => calculate(one))));
