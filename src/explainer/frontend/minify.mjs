// Minifies, in place, the stylesheets and scripts a built book ships (the theme's, MyST-NB's, Sphinx's,
// the vendored reveal.js and ours): node src/explainer/frontend/minify.mjs FILE...
// esbuild's transform only rewrites each file: no bundling, so ES modules keep their imports and classic
// scripts their globals; licence comments (/*! ... */) stay. A file is written only when it gets smaller,
// so running it twice changes nothing. Prints the bytes before and after.
import { transform } from "esbuild";
import { readFile, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import process from "node:process";

let before = 0;
let after = 0;
for (const file of process.argv.slice(2)) {
  const code = await readFile(file, "utf8");
  const loader = extname(file) === ".css" ? "css" : "js";
  const out = await transform(code, { loader, minify: true, charset: "utf8", legalComments: "inline", logLevel: "error" });
  const size = Buffer.byteLength(code);
  const small = Buffer.byteLength(out.code);
  before += size;
  after += Math.min(size, small);
  if (small < size) await writeFile(file, out.code);
}
process.stdout.write(`${before} ${after}\n`);
