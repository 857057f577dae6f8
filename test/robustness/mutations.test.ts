/**
 * Real transmissions broken the way files break in practice: records deleted,
 * repeated or swapped, lines cut short or run long, a foreign record pasted
 * in, stray characters (lower case, CR, NUL, bytes beyond ASCII), CRLF line
 * ends, a file cut off mid-record. Random bytes (properties.test.ts) seldom
 * reach the group and PGA rules; these inputs keep most of their structure,
 * so lint's groupings, order and PGA checks run on broken structure.
 *
 * Whatever the damage: the library never throws; fixed → JSON → fixed is
 * byte-exact; lint gives the same report whole and in random slices; every
 * issue names a record of the input and columns in order; a file diffed
 * against itself has no changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/api/decode.js';
import { diff } from '../../src/api/diff.js';
import { encode } from '../../src/api/encode.js';
import { createLintSession, NormalizedLintOptions } from '../../src/lint/index.js';
import { summarize } from '../../src/lint/policy.js';
import { read, sampleFiles } from '../helpers.js';
import { runs } from '../fast-check.js';

const seeds = sampleFiles().map((f) => read(f.path).toString('latin1'));

/** Characters a damaged record picks up: text, digits, blanks, lower case, CR, NUL, latin-1. */
const STRAY = 'AZ09 -./#PGOIaz\r\u0000\u00ff\u00e9';

type Op =
  | { kind: 'delete' | 'repeat' | 'cut' | 'extend'; at: number; n: number }
  | { kind: 'swap'; at: number; to: number }
  | { kind: 'char' | 'insert'; at: number; col: number; c: string }
  | { kind: 'foreign'; at: number; from: number; n: number };

const at = fc.nat({ max: 10_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'repeat', 'cut', 'extend' as const), at, n: fc.nat({ max: 90 }) }),
  fc.record({ kind: fc.constant('swap' as const), at, to: at }),
  fc.record({ kind: fc.constantFrom('char', 'insert' as const), at, col: fc.nat({ max: 90 }), c: fc.constantFrom(...STRAY) }),
  fc.record({ kind: fc.constant('foreign' as const), at, from: fc.nat({ max: 10_000 }), n: fc.integer({ min: 1, max: 12 }) }),
) as fc.Arbitrary<Op>;

const damaged = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  other: fc.nat({ max: seeds.length - 1 }),
  ops: fc.array(op, { minLength: 1, maxLength: 6 }),
  crlf: fc.boolean(),
  /** Where the file is cut off, as a share of its length (1: not cut). */
  keep: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
}).map(({ seed, other, ops, crlf, keep }) => {
  const lines = seeds[seed]!.split('\n');
  const foreign = seeds[other]!.split('\n');
  for (const o of ops) {
    // Deletions can empty a short file: the next edit works on an empty line.
    if (!lines.length) lines.push('');
    const i = o.at % lines.length;
    const line = lines[i]!;
    switch (o.kind) {
      case 'delete': lines.splice(i, 1 + (o.n % 3)); break;
      case 'repeat': lines.splice(i, 0, ...lines.slice(i, i + 1 + (o.n % 3))); break;
      case 'cut': lines[i] = line.slice(0, o.n); break;
      case 'extend': lines[i] = line + 'X'.repeat(1 + (o.n % 12)); break;
      case 'swap': { const j = o.to % lines.length; lines[i] = lines[j]!; lines[j] = line; break; }
      case 'char': lines[i] = line.slice(0, o.col) + o.c + line.slice(o.col + 1); break;
      case 'insert': lines[i] = line.slice(0, o.col) + o.c + line.slice(o.col); break;
      case 'foreign': { const from = o.from % foreign.length; lines.splice(i, 0, ...foreign.slice(from, from + o.n)); break; }
    }
  }
  const bytes = Buffer.from(lines.join(crlf ? '\r\n' : '\n'), 'latin1');
  return bytes.subarray(0, Math.round(bytes.length * keep));
});

/** Slice sizes for feeding an input piecewise: single bytes up to a few records. */
const slices = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 });

function lintWhole(bytes: Buffer) {
  const session = createLintSession({}, 'in.abi');
  session.write(bytes);
  return session.end();
}

function lintSliced(bytes: Buffer, sizes: number[]) {
  const session = createLintSession({}, 'in.abi');
  for (let o = 0, k = 0; o < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    session.write(bytes.subarray(o, o + n));
    o += n;
  }
  return session.end();
}

/**
 * Records in the input as the splitter counts them (src/read/split.ts): with a
 * CR or LF in the first 64 KiB, every LF, CRLF or lone CR ends one; with none,
 * the records are back to back, 80 characters each, the last one perhaps short.
 */
function recordCount(bytes: Buffer): number {
  const text = bytes.toString('latin1');
  if (!text) return 0;
  if (!/[\r\n]/.test(text.slice(0, 65536))) return Math.ceil(text.length / 80);
  return text.split(/\r\n|\n|\r/).length - (/[\r\n]$/.test(text) ? 1 : 0);
}

describe('damaged transmissions (fast-check, from the shipped samples)', () => {
  it('have samples to damage', () => {
    expect(seeds.length).toBeGreaterThan(2);
  });

  it('go fixed → JSON → fixed byte for byte, in ascii and latin1', () => {
    fc.assert(
      fc.property(damaged, (bytes) => {
        for (const encoding of ['ascii', 'latin1'] as const) {
          const { document } = decode(bytes, { encoding });
          expect(Buffer.from(encode(document, { encoding }).bytes).equals(bytes)).toBe(true);
          // Through JSON text as well, as `catair convert` writes and reads it.
          expect(Buffer.from(encode(JSON.stringify(document), { encoding }).bytes).equals(bytes)).toBe(true);
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('count a file with no line end as back-to-back 80-character records (a draw that once failed CI)', () => {
    // 81 characters and no CR or LF: one record of 80, then one of 1 (src/read/split.ts).
    const bytes = Buffer.from('AA3901XJ5      091871     AE          89'.padEnd(81), 'latin1');
    expect(recordCount(bytes)).toBe(2);
    const { issues } = lintWhole(bytes);
    expect(issues.map((i) => i.record)).toContain(2);
    expect(issues.find((i) => i.record === 2 && i.code === 'record-length')?.message).toBe('record is 1 character, not 80');
    expect(lintSliced(bytes, [1]).issues).toEqual(issues);
  });

  it('lint the same whole and in random slices, each issue on a record of the input', () => {
    fc.assert(
      fc.property(damaged, slices, (bytes, sizes) => {
        const whole = lintWhole(bytes);
        expect(lintSliced(bytes, sizes).issues).toEqual(whole.issues);
        const records = recordCount(bytes);
        for (const issue of whole.issues) {
          expect(issue.record).toBeGreaterThanOrEqual(0);
          expect(issue.record).toBeLessThanOrEqual(records);
          if (issue.columns) {
            expect(issue.columns[0]).toBeGreaterThanOrEqual(1);
            expect(issue.columns[1]).toBeGreaterThanOrEqual(issue.columns[0]);
          }
          expect(issue.message).not.toBe('');
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('list the first issues by record when told to list few, whole or in slices, and count the rest', () => {
    fc.assert(
      fc.property(damaged, slices, fc.integer({ min: 0, max: 30 }), (bytes, sizes, maxIssues) => {
        const all = lintWhole(bytes).issues;
        const options = NormalizedLintOptions.from({ maxIssues });
        for (const feed of [[bytes.length || 1], sizes]) {
          const session = createLintSession(options, 'in.abi');
          for (let o = 0, k = 0; o < bytes.length; k++) {
            const n = feed[k % feed.length]!;
            session.write(bytes.subarray(o, o + n));
            o += n;
          }
          const capped = session.end();
          expect(capped.issues).toEqual(all.slice(0, maxIssues));
          const rest = all.slice(maxIssues);
          if (!rest.length) expect(capped.omitted).toBeUndefined();
          else expect(capped.omitted).toEqual(summarize(rest));
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('diff with no changes against themselves, and without throwing against the sample they came from', () => {
    fc.assert(
      fc.property(damaged, (bytes) => {
        const self = diff(bytes, Buffer.from(bytes));
        expect(self.problems).toEqual([]);
        expect(self.changes).toEqual([]);
        for (const seed of seeds.slice(0, 2)) expect(() => diff(Buffer.from(seed, 'latin1'), bytes)).not.toThrow();
      }),
      { numRuns: runs(60) },
    );
  });
});
