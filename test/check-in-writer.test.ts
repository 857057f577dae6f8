/**
 * Canonical-ness checked while writing (decoder `checkInWriter`, json-bytes.ts):
 * the NDJSON writer, the tree writer and a session that writes nothing give the
 * same records and the same issues, in the same order, as decoding every record
 * to objects first.
 */
import { describe, expect, it } from 'vitest';
import { createDecodeSession } from '../src/api/decode.js';
import type { Issue } from '../src/issues/issue.js';
import { defaultSpecDir, readSpecFiles } from '../src/node/spec-dir.js';
import { buildSpec } from '../src/spec/build.js';
import type { Spec } from '../src/spec/types.js';
import { read, sampleFiles } from './helpers.js';

/** Every record with one column changed to `c` in turn: numbers, dates, fillers and constants broken. */
function mutate(input: Buffer, column: number, c: string): Buffer {
  const lines = input.toString('latin1').split('\n');
  return Buffer.from(lines.map((l) => (l.length > column ? l.slice(0, column) + c + l.slice(column + 1) : l)).join('\n'), 'latin1');
}

function run(input: Buffer, to: 'ndjson' | 'json' | 'none', objects: boolean, spec?: Spec): { out: string; issues: Issue[] } {
  const issues: Issue[] = [];
  const out: Buffer[] = [];
  const s = createDecodeSession(
    { to, ...(spec ? { spec } : {}) },
    objects
      ? { data: (b) => out.push(Buffer.from(b)), record: () => {}, issue: (i) => issues.push(i) }
      : { data: (b) => out.push(Buffer.from(b)), issue: (i) => issues.push(i) },
  );
  s.write(input);
  s.end();
  return { out: Buffer.concat(out).toString('utf8'), issues };
}

describe('canonical check while writing', () => {
  const inputs: [string, Buffer][] = [];
  for (const { name, path } of sampleFiles()) {
    const b = read(path);
    inputs.push([name, b]);
    for (const col of [5, 20, 40, 60, 79]) for (const c of ['X', '9', ' ']) inputs.push([`${name} col ${col} → ${c}`, mutate(b, col, c)]);
  }
  it.each(inputs)('%s', (_name, input) => {
    for (const to of ['ndjson', 'json', 'none'] as const) {
      expect(run(input, to, false)).toEqual(run(input, to, true));
    }
  });
});

describe('numbers of more than 15 digits', () => {
  // PG14's LPCO quantity is 16 digits with 4 decimals (columns 51-66): written digit by
  // digit when its first digit is 0, by its codec otherwise.
  const pg14 = 'PG14 AE1TW-2026-AE-0413-005512           304132026' + '#'.repeat(16) + 'NO            ';
  const values = ['0000000012000000', '0999999999999999', '1000000000000000', '1234567890123456', '9999999999999999', '0000000000000000', ' '.repeat(16), ' 123456789012345', '00000000000000X1'];
  it.each(values)('%j is written as decoding it to objects describes it', (value) => {
    const input = Buffer.from(pg14.replace('#'.repeat(16), value) + '\n', 'latin1');
    for (const to of ['ndjson', 'json'] as const) {
      expect(run(input, to, false)).toEqual(run(input, to, true));
    }
  });
});

describe('record numbers', () => {
  // The writer counts the last number up for the next record: sessions taking turns must not mix their counts.
  it('are right in sessions written in turns', () => {
    const lines = read('samples/ae-aphis-entry-summary.abi').toString('latin1').split(/(?<=\n)/);
    expect(lines.length).toBeGreaterThan(100);
    const alone = run(Buffer.from(lines.join(''), 'latin1'), 'ndjson', false).out;
    const outs: string[][] = [[], []];
    const sessions = [0, 1].map((k) => createDecodeSession({ to: 'ndjson' }, { text: (t) => outs[k]!.push(t) }));
    const write = (k: number, from: number, to: number) => {
      for (let i = from; i < to; i++) sessions[k]!.write(Buffer.from(lines[i]!, 'latin1'));
    };
    // The first past 95, then the second from 1 (past 9 and 99), then the first to the end.
    write(0, 0, 96);
    write(1, 0, lines.length);
    write(0, 96, lines.length);
    for (const s of sessions) s.end();
    expect(outs[0]!.join('')).toBe(alone);
    expect(outs[1]!.join('')).toBe(alone);
  });
});

describe('record and layout names beyond ASCII', () => {
  // The writer copies the `,"id":…,"layout":…` head eight bytes at a time as doubles: any UTF-8
  // must come through bit for bit (a NaN would not). DEL and 4-byte characters are the closest
  // UTF-8 comes to a NaN's bytes; every offset of them within a word is tried.
  const names = ['é', '\u007f', '\u{1F680}\u007f', 'ÿ\u007f\u{10FFFF}', '\u{F0000}'];
  const cases: [string, string][] = [];
  for (const name of names) for (let pad = 0; pad < 8; pad++) cases.push([`PG01${'x'.repeat(pad)}${name}`, `${'y'.repeat(pad)}${name}01`]);
  const files = readSpecFiles(defaultSpecDir());
  const input = read('samples/ae-aphis-entry-summary.abi');
  it.each(cases)('layout %j, record id %j', (layout, record) => {
    const edited = new Map(files);
    // PG01 renamed in records.tsv and in its rows of pga.tsv.
    edited.set('records.tsv', files.get('records.tsv')!.replace(/^PG01\tPG01\t/m, `${layout}\t${record}\t`));
    edited.set('pga.tsv', files.get('pga.tsv')!.replace(/^PG01\t/gm, `${layout}\t`));
    const { spec, problems } = buildSpec('ace-2026-07', edited);
    expect(problems).toEqual([]);
    const fast = run(input, 'ndjson', false, spec!);
    expect(fast.out).toContain(`"id":${JSON.stringify(record)},"layout":${JSON.stringify(layout)}`);
    expect(fast).toEqual(run(input, 'ndjson', true, spec!));
  });
});
