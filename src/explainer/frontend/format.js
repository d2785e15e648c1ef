// The one rule for showing a number to a reader, in the page (explainer/numbers.py is the same rule
// in Python; tests/test_numbers.py holds the two to the same digits):
// - take the shortest decimal that reads back as the same double (what String(x) prints: 1.005, not
//   the 1.00499… the double holds) and round it to `decimals` fraction digits, halves away from zero
//   (Intl's default "halfExpand": 0.125 to 2 digits is 0.13, 1.005 is 1.01);
// - a nonzero value smaller than 10^-decimals keeps two significant digits instead of showing 0;
// - no trailing zeros, commas between thousands, never an exponent;
// - anything that is not a finite number shows as an en dash, never NaN or Infinity.

export const MISSING = "–";

const formatters = new Map();

function formatter(key, options) {
  if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat("en-US", options));
  return formatters.get(key);
}

export function formatNumber(x, decimals) {
  if (typeof x !== "number" || !Number.isFinite(x)) return MISSING;
  // Number("1e-3"), not 10 ** -3: parsing is correctly rounded, so Python compares with the same double.
  if (x !== 0 && Math.abs(x) < Number(`1e-${decimals}`)) {
    return formatter("sig2", { maximumSignificantDigits: 2 }).format(x);
  }
  return formatter(decimals, { maximumFractionDigits: decimals }).format(x);
}

// "1 dose", "3 doses", "1,200 sprays".
export const plural = (n, word, decimals = 0) => `${formatNumber(n, decimals)} ${word}${n === 1 ? "" : "s"}`;

// Fills {named} fields of a message; a field with no value is left visible rather than shown as "undefined".
export const fill = (template, fields = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (fields[key] === undefined ? whole : String(fields[key])));
