// ESLint flat config: the recommended rules on every JavaScript file the project writes.
// Run by `make lint` (and so by `make test`); eslint is pinned in package.json.
import js from "@eslint/js";
import globals from "globals";

export default [
  // widgets/dist/ is esbuild's output of the linted sources.
  { ignores: ["node_modules/", "_build/", ".venv/", "book/_static/vendor/", "**/*.min.js", "src/explainer/widgets/dist/"] },
  js.configs.recommended,
  {
    // The page's ES modules (widgets, the shared math, the widget host) run in the browser.
    files: ["src/**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: { ...globals.browser } },  // import attributes (JSON)
  },
  {
    // figures.js is a classic script: it runs after the vendored plotly.js.
    files: ["src/explainer/static/figures.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["tests/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
];
