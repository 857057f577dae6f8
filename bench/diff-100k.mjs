// Times `diff` on two 100,000-record transmissions (issue "catair diff": "finishes in seconds").
//
//   node scripts/build.mjs && node bench/diff-100k.mjs [records]
//
// Uses the shared workload (bench/generate.mjs: AE and SE entries with PGA data,
// and a copy with scattered field edits, dropped and duplicated records), and
// derives two more right-hand sides in a temporary folder: the same file with
// every block's transactions in reverse order (the worst case for memory: each
// transaction waits for its partner), and the file as NDJSON (a JSON side is
// encoded back to fixed-width before comparing). Each case runs in its own
// process, fed like the CLI, and reports time, peak RSS and the most
// transactions held at once.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRss } from './peak-rss.cjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = await import(join(ROOT, 'dist', 'index.js'));

if (process.argv[2] === '--case') {
  const [a, b] = process.argv.slice(3);
  const started = performance.now();
  const summary = await run(a, b);
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, ...summary, rssMB: peakRss() / 2 ** 20 }));
} else {
  await main(Number(process.argv[2] ?? 100_000));
}

/** The CLI's loop (src/cli/diff.ts): feed whichever side the session asks for. */
async function run(pathA, pathB) {
  const session = lib.createDiffSession({}, { change() {}, problem: (p) => { throw new Error(p.issue.message); } });
  const sources = { a: createReadStream(pathA, { highWaterMark: 1 << 16 })[Symbol.asyncIterator](), b: createReadStream(pathB, { highWaterMark: 1 << 16 })[Symbol.asyncIterator]() };
  for (let side = session.next(); side; side = session.next()) {
    const r = await sources[side].next();
    if (r.done) session.end(side);
    else session.write(side, r.value);
  }
  const summary = session.finish();
  return { ...summary, peakPending: session.peakPending };
}

async function main(records) {
  const { generate } = await import(join(ROOT, 'bench', 'generate.mjs'));
  const work = await generate(lib, records, { log: (s) => process.stderr.write(s + '\n') });
  const dir = mkdtempSync(join(tmpdir(), 'catair-diff-bench-'));
  try {
    const reversed = join(dir, 'reversed.abi');
    const ndjson = join(dir, 'a.ndjson');
    derive(readFileSync(work.file), reversed, ndjson);
    const cases = [
      ['same order, scattered edits', work.file, work.changed],
      ['identical', work.file, work.file],
      ['transactions reversed in each block', work.file, reversed],
      ['NDJSON side against fixed-width', ndjson, work.file],
    ];
    console.log(`diff, ${work.records.toLocaleString('en-US')} records a side (${(work.bytes / 1e6).toFixed(1)} MB), node ${process.version}`);
    for (const [name, a, b] of cases) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--case', a, b], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
      const r = JSON.parse(child.stdout);
      console.log(`  ${name.padEnd(38)} ${(r.ms / 1000).toFixed(2)} s  ${r.rssMB.toFixed(0).padStart(4)} MB RSS  ` +
        `held ≤ ${r.peakPending}  changes: ${r.changed} changed, ${r.added} added, ${r.removed} removed`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the reversed-order copy and the NDJSON form of a fixed-width file. */
function derive(bytes, reversedPath, ndjsonPath) {
  const out = [];
  let entries = [];
  let current;
  const flush = () => {
    for (const e of entries.reverse()) out.push(...e.lines);
    entries = [];
  };
  const decode = lib.createDecodeSession({ to: 'none' }, {
    record(_json, raw, path) {
      const txn = path.find((g) => g.level === 'transaction');
      const line = raw.text + '\n';
      if (!txn) {
        flush();
        out.push(line);
        return;
      }
      if (current?.group !== txn) entries.push((current = { group: txn, lines: [] }));
      current.lines.push(line);
    },
  });
  decode.write(bytes);
  decode.end();
  flush();
  writeFileSync(reversedPath, out.join(''), 'latin1');

  const parts = [];
  const nd = lib.createDecodeSession({ to: 'ndjson' }, { text: (t) => parts.push(t) });
  nd.write(bytes);
  nd.end();
  writeFileSync(ndjsonPath, parts.join(''));
}
