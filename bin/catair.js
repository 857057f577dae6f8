#!/usr/bin/env node
'use strict';
const { loadCli, BUNDLE } = require('./load.js');

let loaded;
try {
  loaded = loadCli();
} catch (e) {
  // A clone that was never built (`npm install` builds dist/): a sentence, not a stack trace.
  if (e && e.code === 'ENOENT' && e.path === BUNDLE) {
    process.stderr.write(`catair: the command line is not built (${BUNDLE} is missing): run npm install, or npm run build\n`);
    process.exit(70);
  }
  throw e;
}
if (process.env.CATAIR_DEBUG === 'startup') process.stderr.write(`catair: code cache ${loaded.cache}\n`);
loaded.cli
  .main({
    argv: process.argv.slice(2),
    // A getter: Node opens standard input when process.stdin is first read (about 2 ms),
    // which only commands reading `-` need.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  })
  .then((code) => {
    process.exitCode = code;
  });
