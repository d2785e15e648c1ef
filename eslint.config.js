// ESLint flat config: the recommended rules on every JavaScript file the project writes.
// Run by `make lint` (and so by `make test`); eslint is pinned in package.json.
import js from "@eslint/js";
import globals from "globals";

// One home for each job of the page's code (no-restricted-syntax; these were tests that grepped the sources).
const ONE_NUMBER_RULE = [
  { selector: "Identifier[name=/^(fmtNum|fmtMultiple|formatG|roundHalfEven)$/]",
    message: "Numbers are written by formatNumber() in frontend/format.js, the one number rule." },
  { selector: "CallExpression[callee.property.name=/^(toExponential|toPrecision)$/]",
    message: "No port of Python's g format: use formatNumber() in frontend/format.js." },
  { selector: "Literal[value=/sr-only|visually-hidden/]",
    message: "The one visually-hidden class is theme.css's explainer-sr." },
];
const ONE_DOM_HELPER = [
  { selector: "FunctionDeclaration[id.name=/^(h|el|svg|html)$/]",
    message: "Elements are made by h() in frontend/dom.js, the one DOM helper." },
  { selector: "CallExpression[callee.property.name='createElementNS']",
    message: "Elements are made by h() in frontend/dom.js, the one DOM helper." },
];
// The widgets compare with the slack the model sends (rel_tol, the calculator's), never a copy of it.
const ONE_TOLERANCE = [
  { selector: "Identifier[name='REL_TOL']", message: "Read the slack from the model's rel_tol." },
];
// The stepper draws any compound's diagram from its data, and never crosses out the blood route (the
// label says the peptide crosses the barrier).
const STEPPER_FROM_DATA = [
  { selector: "Literal[value=/^(nose|nasal_pathway|brain|bdnf|neurons|neurotransmitters|effect)$/]",
    message: "The stepper names no diagram node: the nodes come from the model's diagram." },
  { selector: "Identifier[name=/^(BARRIER_X|LAYOUT)$/]",
    message: "The stepper lays out the model's diagram; it holds no fixed layout." },
  { selector: "Literal[value=/stepper-(cross|blocked)/]",
    message: "The sources dispute the blood route: the diagram shows it, never crosses it out." },
];
const PAGE_CODE = ["src/explainer/frontend/*.js", "src/explainer/widgets/*.js", "src/explainer/static/*.js"];

export default [
  // widgets/dist is esbuild's output, linted through its sources.
  { ignores: ["node_modules/", "_build/", ".venv/", "book/_static/vendor/", "**/*.min.js", "src/explainer/widgets/dist/"] },
  js.configs.recommended,
  {
    // The page's ES modules (widgets, the shared math, the widget host) run in the browser.
    // "latest": the modules import the calculator spec with an import attribute (`with { type: "json" }`).
    files: ["src/**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: { ...globals.browser } },
  },
  {
    // The book's page scripts are classic scripts (Chromium refuses ES modules on a page opened from disk):
    // figures.js runs after the vendored plotly.js, deck.js after the vendored reveal.js. The SCORM launch
    // page's scripts and the bridge are classic too (node tests load them as they are).
    files: ["src/explainer/static/*.js", "src/explainer/publish/*.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    // Node scripts: the tests and the esbuild driver.
    files: ["tests/**/*.mjs", "src/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: { ...globals.node } },
  },
  {
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  // A later block replaces no-restricted-syntax for the files it matches, so each lists every rule it keeps.
  { files: PAGE_CODE, rules: { "no-restricted-syntax": ["error", ...ONE_NUMBER_RULE, ...ONE_DOM_HELPER, ...ONE_TOLERANCE] } },
  { files: ["src/explainer/frontend/dom.js"], rules: { "no-restricted-syntax": ["error", ...ONE_NUMBER_RULE, ...ONE_TOLERANCE] } },
  {
    files: ["src/explainer/widgets/stepper.js"],
    rules: { "no-restricted-syntax": ["error", ...ONE_NUMBER_RULE, ...ONE_DOM_HELPER, ...ONE_TOLERANCE, ...STEPPER_FROM_DATA] },
  },
];
