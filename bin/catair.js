#!/usr/bin/env node
'use strict';
const { loadCli } = require('./load.js');

const { cli, cache } = loadCli();
if (process.env.CATAIR_DEBUG === 'startup') process.stderr.write(`catair: code cache ${cache}\n`);
cli
  .main({
    argv: process.argv.slice(2),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  })
  .then((code) => {
    process.exitCode = code;
  });
