// Builds each widget's module and stylesheet from the shared front-end modules with esbuild:
//   node src/explainer/frontend/build.mjs          write src/explainer/widgets/dist/
//   node src/explainer/frontend/build.mjs --check  exit 1 if what is there differs from a fresh build
// One source, two formats: dist/<name>.js is the ES module anywidget sends to JupyterLab (_esm), and
// dist/classic/<name>.js the same code as a classic script for the book, which widget-host.js loads
// (extension.py copies it into _static). A classic script, because Chromium refuses ES modules on a page
// opened from disk (file://, origin "null"); it assigns the module's exports to
// window.explainerWidgets.<name>. `make` runs this whenever a source changed.
// dist/manifest.json lists each output's inputs, so Python can refuse a module older than its sources.
import { build } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url))); // src/explainer
const WIDGETS = join(PACKAGE, "widgets");
const DIST = join(WIDGETS, "dist");
// One entry per interactive: its module and its stylesheet, side by side in widgets/.
const ENTRIES = ["blend", "calculator", "dose_locator", "quiz", "stepper"];

const common = {
  bundle: true,
  write: false,
  metafile: true,
  outdir: DIST,
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
  absWorkingDir: PACKAGE,
};

async function outputs() {
  const js = await build({
    ...common,
    entryPoints: ENTRIES.map((name) => join(WIDGETS, `${name}.js`)),
    format: "esm",
    target: "es2020",
  });
  // One build per widget: esbuild's globalName is per build, and each needs its own.
  const classic = await Promise.all(ENTRIES.map((name) => build({
    ...common,
    entryPoints: [join(WIDGETS, `${name}.js`)],
    outdir: join(DIST, "classic"),
    format: "iife",
    globalName: `explainerWidgets.${name}`,
    target: "es2020",
  })));
  const css = await build({
    ...common,
    entryPoints: ENTRIES.map((name) => join(WIDGETS, `${name}.css`)),
    target: "chrome100",
  });
  const files = new Map();
  const manifest = {};
  for (const result of [js, ...classic, css]) {
    for (const file of result.outputFiles) files.set(file.path, file.text);
    for (const [out, info] of Object.entries(result.metafile.outputs)) {
      manifest[relative(DIST, join(PACKAGE, out))] = Object.keys(info.inputs).sort();
    }
  }
  files.set(join(DIST, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
  return files;
}

const files = await outputs();
if (process.argv.includes("--check")) {
  const stale = [];
  for (const [path, text] of files) {
    const onDisk = await readFile(path, "utf8").catch(() => null);
    if (onDisk !== text) stale.push(relative(PACKAGE, path));
  }
  if (stale.length) {
    process.stderr.write(`out of date (run make widgets): ${stale.join(", ")}\n`);
    process.exit(1);
  }
} else {
  // Every file is written, even unchanged: its time then says it is as new as its sources.
  for (const [path, text] of files) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}
