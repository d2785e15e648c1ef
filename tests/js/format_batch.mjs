// Reads a JSON array of [value, decimals] pairs on stdin and prints formatNumber of each, so
// tests/test_numbers.py can hold the page's formatting to Python's digit for digit.
// Values JSON cannot hold arrive as {"$special": "NaN" | "Infinity" | "-Infinity" | "-0"}.
import { formatNumber } from "../../src/explainer/frontend/format.js";
import { readStdin } from "./wire.mjs";

const pairs = await readStdin();
process.stdout.write(JSON.stringify(pairs.map(([x, decimals]) => formatNumber(x, decimals))));
