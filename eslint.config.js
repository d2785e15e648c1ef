// ESLint flat config: the recommended rules on every JavaScript file the project writes.
// Run by `make lint` (and so by `make test`); eslint is pinned in package.json.
import js from "@eslint/js";
import globals from "globals";

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
];
