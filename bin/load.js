'use strict';
// Loads the command line (dist/cli.cjs) compiled with V8's code cache
// (dist/cli.cjs.cache, made by scripts/build.mjs): parsing and compiling the
// bundle was about a tenth of a run on a small file. A cache V8 does not take
// (another bundle, another Node version, a damaged file) or none at all only
// costs that time back: the bundle is then compiled as usual.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'cli.cjs');

/** `cache`: `accepted`, `rejected` or `none` (no cache file). */
function loadCli(file = BUNDLE) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache: compiled as usual.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { cli: module.exports, script, cache };
}

module.exports = { loadCli, BUNDLE };
