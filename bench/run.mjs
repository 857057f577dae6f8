// catair benchmark: `npm run bench` (builds dist/ first).
//
// Generates a deterministic workload (bench/generate.mjs), then measures side
// by side, in one run, every row in its own child process: records/s, MB/s and
// peak RSS, each as a ratio to the baseline (read + split), so the figures
// compare across machines. Rows run round-robin, BENCH_RUNS times (default 3),
// and the best time of each row is kept; peak RSS is the largest seen.
//
// Environment:
//   BENCH_RECORDS=N   workload size (default 1,000,000 ≈ 81 MB)
//   BENCH_RUNS=N      repetitions (default 3)
//   BENCH_ROWS=a,b    only these rows (ids: baseline, convert, back, lint, lint2, lint-batch, diff, library, evologi,
//                     evologi-ndjson, fwp, fwp-ndjson)
//   BENCH_CLEAN=1     delete the generated files afterwards (disk is limited)
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'catair.js');
const RSS_HOOK = join(ROOT, 'bench', 'rss.cjs');
const target = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const only = process.env.BENCH_ROWS ? new Set(process.env.BENCH_ROWS.split(',').map((s) => s.trim())) : undefined;
const log = (s) => process.stderr.write(s + '\n');
// The rows send their output to /dev/null: were it a file, every byte would be written and timed.
if (process.platform !== 'win32' && existsSync('/dev/null') && !statSync('/dev/null').isCharacterDevice()) {
  log('bench: /dev/null is not a device here (a regular file?): the rows that write output would be timed writing it; restore it first (mknod -m 666 /dev/null c 1 3)');
}

const lib = await import(join(ROOT, 'dist', 'index.js'));
const work = await generate(lib, target, { log });
const ndjsonFile = join(dirname(work.file), `workload-${target}.ndjson`);

/** Which catair commands this build has (lint and diff are being written). */
function commands() {
  return new Promise((resolve) => {
    let text = '';
    const p = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'ignore'] });
    p.stdout.on('data', (b) => (text += b));
    p.on('close', () => {
      const section = text.split(/^Commands:$/m)[1] ?? '';
      resolve(new Set([...section.matchAll(/^ {2}(\w+)/gm)].map((m) => m[1])));
    });
  });
}

/**
 * Runs one child; resolves with wall time, peak RSS and what it printed.
 * `report` rows print their own JSON figures (in-process timings); the others
 * are timed from spawn to exit, node start-up included, as a user sees them.
 */
function child(args, { stdout = 'ignore', rss = false, okCodes = [0] } = {}) {
  const rssFile = rss ? join(tmpdir(), `catair-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`) : undefined;
  const outFd = stdout === 'null' ? openSync('/dev/null', 'w') : undefined;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(process.execPath, rss ? ['--require', RSS_HOOK, ...args] : args, {
      cwd: ROOT,
      stdio: ['ignore', outFd ?? 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...(rssFile ? { BENCH_RSS_FILE: rssFile } : {}) },
    });
    let out = '';
    let err = '';
    p.stdout?.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (err = (err + b).slice(-4000)));
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (outFd !== undefined) closeSync(outFd);
      let maxRSS;
      if (rssFile && existsSync(rssFile)) {
        maxRSS = Number(readFileSync(rssFile, 'utf8'));
        rmSync(rssFile, { force: true });
      }
      if (!okCodes.includes(code)) reject(new Error(`${args.join(' ')} exited ${code}:\n${err.trim()}`));
      else resolve({ ms, maxRSS, out, err });
    });
  });
}

const cli = (...args) => [BIN, '--quiet', ...args];
/** Files in the lint batch row. */
const BATCH = 4;
const available = await commands();
const inputMB = work.bytes / 1e6;

/** Row definitions: `measure` returns {records, bytes, ms, maxRSS}. */
const rows = [
  {
    id: 'baseline', label: 'baseline: read + split into records',
    async measure() {
      const r = await child([join(ROOT, 'bench', 'baseline.mjs'), work.file], { stdout: 'pipe' });
      const figures = JSON.parse(r.err.trim().split('\n').pop());
      return { records: figures.records, bytes: work.bytes, ms: r.ms, maxRSS: figures.maxRSS };
    },
  },
  {
    id: 'convert', label: 'catair convert → NDJSON',
    async measure() {
      const r = await child(cli('convert', work.file, '--to', 'ndjson'), { stdout: 'null', rss: true });
      return { records: work.records, bytes: work.bytes, ms: r.ms, maxRSS: r.maxRSS };
    },
  },
  {
    id: 'back', label: 'catair convert NDJSON → fixed',
    note: 'NDJSON → fixed: MB/s over the NDJSON it reads',
    async prepare() {
      if (existsSync(ndjsonFile) && statSync(ndjsonFile).mtimeMs > statSync(work.file).mtimeMs && statSync(ndjsonFile).mtimeMs > statSync(BIN).mtimeMs) return;
      log('writing the NDJSON input for the NDJSON → fixed row ...');
      await child(cli('convert', work.file, '--to', 'ndjson', '-o', ndjsonFile));
    },
    async measure() {
      const r = await child(cli('convert', ndjsonFile, '--to', 'abi'), { stdout: 'null', rss: true });
      return { records: work.records, bytes: statSync(ndjsonFile).size, ms: r.ms, maxRSS: r.maxRSS };
    },
  },
  {
    id: 'lint', label: 'catair lint', command: 'lint',
    async measure() {
      // Not --quiet: it may stop at the first problem; the report goes to /dev/null instead.
      const r = await child([BIN, 'lint', work.file], { stdout: 'null', rss: true, okCodes: [0, 1] });
      return { records: work.records, bytes: work.bytes, ms: r.ms, maxRSS: r.maxRSS };
    },
  },
  {
    id: 'lint2', label: 'catair lint --jobs 2', command: 'lint',
    note: 'lint --jobs 2: the file cut between batches into two parts, linted on two threads (README "lint"); by default one file is linted in one pass',
    async measure() {
      const r = await child([BIN, 'lint', '--jobs', '2', work.file], { stdout: 'null', rss: true, okCodes: [0, 1] });
      return { records: work.records, bytes: work.bytes, ms: r.ms, maxRSS: r.maxRSS };
    },
  },
  {
    id: 'lint-batch', label: `catair lint, the file ${BATCH} times in one run`, command: 'lint',
    note: `lint of ${BATCH} files in one run, the default for several files (one per worker thread, as many threads as cores, here ${Math.min(BATCH, cpus().length)}): start-up and V8's warm-up are paid once per thread, as in a batch job over a day's files; records and MB of all ${BATCH}`,
    async measure() {
      const r = await child([BIN, 'lint', ...Array(BATCH).fill(work.file)], { stdout: 'null', rss: true, okCodes: [0, 1] });
      return { records: BATCH * work.records, bytes: BATCH * work.bytes, ms: r.ms, maxRSS: r.maxRSS };
    },
  },
  {
    id: 'diff', label: 'catair diff (vs perturbed copy)', command: 'diff',
    note: 'diff: records and MB of both files',
    async measure() {
      // Not --quiet: `diff --quiet` stops at the first difference, as `cmp -s` does.
      const r = await child([BIN, 'diff', work.file, work.changed], { stdout: 'null', rss: true, okCodes: [0, 1] });
      return { records: work.records + work.changedRecords, bytes: work.bytes + work.changedBytes, ms: r.ms, maxRSS: r.maxRSS };
    },
  },
  {
    id: 'library', label: 'catair library → NDJSON, in memory',
    note: 'library: createDecodeSession with the data handler, input already in memory, timed in-process',
    async measure() {
      const r = await child([join(ROOT, 'bench', 'library.mjs'), work.file], { stdout: 'pipe' });
      return JSON.parse(r.out);
    },
  },
  ...['evologi', 'fixed-width-parser'].flatMap((peer) => ['', 'ndjson'].map((output) => ({
    id: (peer === 'evologi' ? 'evologi' : 'fwp') + (output ? '-ndjson' : ''),
    label: (peer === 'evologi' ? '@evologi/fixed-width' : 'fixed-width-parser') + (output ? ' + JSON.stringify' : ''),
    note: output
      ? 'the same, and each object written as an NDJSON line (JSON.stringify), the output convert makes'
      : 'peers, best case: the PGA records only (OI, PG..), sorted into one text per record type beforehand (not timed), one parse call per type, timed in-process',
    async measure() {
      const r = await child([join(ROOT, 'bench', 'peers', 'run.mjs'), peer, work.file, ...(output ? [output] : [])], { stdout: 'pipe' });
      return JSON.parse(r.out);
    },
  }))),
].filter((r) => !only || only.has(r.id));

const results = new Map();
for (const row of rows) {
  if (row.command && !available.has(row.command)) {
    results.set(row.id, { unavailable: `not available: this build has no \`catair ${row.command}\` command` });
    continue;
  }
  await row.prepare?.();
}
for (let run = 1; run <= runs; run++) {
  log(`run ${run}/${runs}`);
  for (const row of rows) {
    const prev = results.get(row.id);
    if (prev?.unavailable || prev?.failed) continue;
    try {
      const m = await row.measure();
      if (!prev || m.ms < prev.ms) results.set(row.id, { ...m, maxRSS: Math.max(m.maxRSS ?? 0, prev?.maxRSS ?? 0) });
      else prev.maxRSS = Math.max(prev.maxRSS ?? 0, m.maxRSS ?? 0);
      log(`  ${row.label}: ${(m.ms / 1000).toFixed(2)} s`);
    } catch (e) {
      results.set(row.id, { failed: `failed: ${e.message.split('\n').slice(0, 3).join(' | ')}` });
    }
  }
}

// The table.
const base = results.get('baseline');
const baseRate = base && !base.unavailable && !base.failed ? base.records / (base.ms / 1000) : undefined;
const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const cpu = cpus();
console.log(`\ncatair bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30)} GiB`);
console.log(`workload: ${relative(ROOT, work.file)}, ${fmt(work.records)} records (${fmt(work.pgaRecords)} PGA), ${fmt(inputMB, 1)} MB; best of ${runs} run${runs === 1 ? '' : 's'}\n`);
const header = ['row', 'records/s', 'MB/s', 'peak RSS', '× baseline'];
const table = [header];
const notes = [];
for (const row of rows) {
  const r = results.get(row.id);
  let label = row.label;
  if (row.note) {
    let k = notes.indexOf(row.note);
    if (k === -1) k = notes.push(row.note) - 1;
    label += ` (${k + 1})`;
  }
  if (r.unavailable || r.failed) {
    table.push([label, r.unavailable ?? r.failed]);
    continue;
  }
  const rate = r.records / (r.ms / 1000);
  table.push([
    label,
    fmt(rate),
    fmt(r.bytes / 1e6 / (r.ms / 1000), 1),
    r.maxRSS ? `${fmt(r.maxRSS / 2 ** 20)} MB` : '-',
    baseRate ? fmt(rate / baseRate, 2) : '-',
  ]);
}
const widths = header.map((_, i) => Math.max(...table.filter((r) => r.length > 2).map((r) => String(r[i] ?? '').length)));
for (const r of table) {
  if (r.length === 2) console.log(`${r[0].padEnd(widths[0])}  ${r[1]}`);
  else console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
}

notes.forEach((n, i) => console.log(`(${i + 1}) ${n}`));

// The targets, computed from the figures above.
const rateOf = (id) => {
  const r = results.get(id);
  return r && r.records && !r.failed ? r.records / (r.ms / 1000) : undefined;
};
const peers = ['evologi', 'fwp'].map(rateOf).filter(Boolean);
const peersNdjson = ['evologi-ndjson', 'fwp-ndjson'].map(rateOf).filter(Boolean);
const convert = rateOf('convert');
const library = rateOf('library');
console.log('');
if (convert && peers.length) console.log(`convert → NDJSON vs the faster peer, best case (parse only): ${fmt(convert / Math.max(...peers), 2)}× (target ≥ 2×, aim 3×)`);
if (convert && peersNdjson.length) console.log(`convert → NDJSON vs the faster peer writing NDJSON too: ${fmt(convert / Math.max(...peersNdjson), 2)}×`);
if (library && peers.length) console.log(`library → NDJSON vs the faster peer, best case: ${fmt(library / Math.max(...peers), 2)}×`);
const lint = rateOf('lint');
const lint2 = rateOf('lint2');
if (lint && baseRate) console.log(`lint vs baseline: ${fmt(lint / baseRate, 2)}× (target ≥ 0.25×)`);
if (lint2 && baseRate) console.log(`lint --jobs 2 vs baseline: ${fmt(lint2 / baseRate, 2)}× (two parts on two threads)`);
const lintBatch = rateOf('lint-batch');
if (lintBatch && baseRate) console.log(`lint of ${BATCH} files in one run vs baseline: ${fmt(lintBatch / baseRate, 2)}× (the batch rate; the target is for one file)`);

if (process.env.BENCH_CLEAN) {
  for (const f of [work.file, work.changed, ndjsonFile, work.file.replace(/\.abi$/, '.json')]) rmSync(f, { force: true });
  log('generated files deleted');
}
