'use strict';
// Makes dist/cli.cjs.cache (see bin/load.js): loads the bundle, runs it over a
// shipped sample the way most runs go (convert to NDJSON and to JSON, lint),
// with the output thrown away, then saves what V8 compiled.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Writable } = require('node:stream');
const { loadCli, BUNDLE } = require('../bin/load.js');

const root = join(__dirname, '..');
const sample = join(root, 'samples', 'ae-aphis-entry-summary.abi');

async function run() {
  const { cli, script } = loadCli();
  const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  for (const argv of [['convert', sample, '--to', 'ndjson'], ['convert', sample], ['lint', sample], ['lint', sample, '--format', 'json']]) {
    const code = await cli.main({ argv, stdin: process.stdin, stdout: discard(), stderr: discard(), env: { NO_COLOR: '1' }, cwd: root });
    if (code > 1) throw new Error(`catair ${argv.join(' ')} ended with status ${code} while making the code cache`);
  }
  writeFileSync(`${BUNDLE}.cache`, script.createCachedData());
}

run().catch((e) => {
  process.stderr.write(`scripts/code-cache.cjs: ${e.stack ?? e}\n`);
  process.exit(1);
});
