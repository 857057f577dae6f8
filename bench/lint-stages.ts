// Where lint's time goes, stage by stage, in-process, for profiling work:
//   npx tsx bench/lint-stages.ts FILE [stage,stage…]
// Each stage runs in a fresh process, three passes: `first` is the first pass (code not yet
// optimised by V8, as in a `catair lint` run), `best` the best of the three (warm code), and
// `warm-up` their difference: what that stage's code costs while V8 compiles it.
// Each stage adds one layer to the one before it: decoding alone (as lint decodes: no fields),
// the grouper, the lint engine with no checks, the record checks, every check. The differences
// between lines are each layer's cost. Then the engine with each group of checks alone
// (envelope, transaction, the shared PGA facts, pga, aphis, flags; the last three with the
// facts they read): each minus `engine` (or `facts`) is that group's cost. Not part of
// `npm run bench` (no ratio to a baseline).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Decoder } from '../src/decode/decoder.js';
import type { DecodedRecord } from '../src/decode/record.js';
import { Grouper } from '../src/group/grouper.js';
import { allChecks } from '../src/lint/checks/index.js';
import { recordChecks } from '../src/lint/checks/record.js';
import { envelopeChecks } from '../src/lint/checks/envelope.js';
import { transactionChecks } from '../src/lint/checks/transaction.js';
import { sharedFacts } from '../src/lint/checks/pga-common.js';
import { pgaChecks } from '../src/lint/checks/pga.js';
import { aphisChecks } from '../src/lint/checks/aphis.js';
import { flagsChecks } from '../src/lint/checks/flags.js';
import { LintEngine } from '../src/lint/engine.js';
import type { Check } from '../src/lint/types.js';
import { loadSpec } from '../src/node/spec-dir.js';
import type { Spec } from '../src/spec/types.js';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/lint-stages.ts FILE [stages]');
// Read by the process that runs a stage, not by the one that only starts them.
let spec: Spec;

interface Stage {
  write(chunk: Uint8Array): void;
  end(): void;
}

function decoding(onRecord: (record: DecodedRecord) => void): Decoder {
  return new Decoder({ spec, fieldsAs: 'none' }, { record: onRecord });
}

function linting(checks: Check[]): Stage {
  const engine = new LintEngine(spec, checks, {}, () => {});
  const grouper = new Grouper({ open: (g, p, r) => engine.open(g, p, r), record: (r, p) => engine.record(r, p), close: (g) => engine.close(g) }, { labels: false }); // as run.ts
  const decoder = decoding((r) => grouper.push(r));
  return { write: (c) => decoder.write(c), end: () => { decoder.end(); grouper.end(); engine.end(); } };
}

const stages: Record<string, () => Stage> = {
  decode: () => decoding(() => {}),
  group: () => {
    const grouper = new Grouper({ open() {}, record() {}, close() {} });
    const decoder = decoding((r) => grouper.push(r));
    return { write: (c) => decoder.write(c), end: () => { decoder.end(); grouper.end(); } };
  },
  engine: () => linting([]),
  record: () => linting(recordChecks()),
  all: () => linting(allChecks()),
  envelope: () => linting(envelopeChecks()),
  transaction: () => linting(transactionChecks()),
  facts: () => { const { feed, closer } = sharedFacts(); return linting([feed, closer]); },
  pga: () => { const { facts, feed, closer } = sharedFacts(); return linting([feed, ...pgaChecks(facts), closer]); },
  aphis: () => { const { facts, feed, closer } = sharedFacts(); return linting([feed, ...aphisChecks(facts), closer]); },
  flags: () => { const { facts, feed, closer } = sharedFacts(); return linting([feed, ...flagsChecks(facts), closer]); },
};

const names = process.argv[3]?.split(',') ?? Object.keys(stages);
for (const name of names) if (!stages[name]) throw new Error(`no stage ${name}: ${Object.keys(stages).join(', ')}`);

if (names.length > 1) {
  // One process per stage: a stage run after another would find the shared code already optimised.
  console.log(`${'stage'.padEnd(12)} ${'first'.padStart(7)} ${'best'.padStart(7)} ${'warm-up'.padStart(8)}`);
  for (const name of names) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, file, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`stage ${name} exited ${child.status}`);
    process.stdout.write(child.stdout);
  }
} else {
  const name = names[0]!;
  const data = readFileSync(file);
  spec = loadSpec();
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const stage = stages[name]!();
    for (let i = 0; i < data.length; i += 65536) stage.write(data.subarray(i, i + 65536));
    stage.end();
    times.push(performance.now() - t0);
  }
  const first = times[0]!;
  const best = Math.min(...times);
  const ms = (t: number, w: number) => `${t.toFixed(0)} ms`.padStart(w);
  console.log(`${name.padEnd(12)} ${ms(first, 7)} ${ms(best, 7)} ${ms(first - best, 8)}`);
}
