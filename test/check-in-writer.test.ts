/**
 * Canonical-ness checked while writing (decoder `checkInWriter`, json-bytes.ts):
 * the NDJSON writer, the tree writer and a session that writes nothing give the
 * same records and the same issues, in the same order, as decoding every record
 * to objects first.
 */
import { describe, expect, it } from 'vitest';
import { createDecodeSession } from '../src/api/decode.js';
import type { Issue } from '../src/issues/issue.js';
import { read, sampleFiles } from './helpers.js';

/** Every record with one column changed to `c` in turn: numbers, dates, fillers and constants broken. */
function mutate(input: Buffer, column: number, c: string): Buffer {
  const lines = input.toString('latin1').split('\n');
  return Buffer.from(lines.map((l) => (l.length > column ? l.slice(0, column) + c + l.slice(column + 1) : l)).join('\n'), 'latin1');
}

function run(input: Buffer, to: 'ndjson' | 'json' | 'none', objects: boolean): { out: string; issues: Issue[] } {
  const issues: Issue[] = [];
  const out: Buffer[] = [];
  const s = createDecodeSession(
    { to },
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
