/**
 * Samples: every valid sample lints without errors, nothing in the reference
 * samples crashes the linter, and the known defects in CBP's own examples
 * (abi-envelope.md §9 and the samples' notes) are each reported.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLintSession, lint, type LintFileResult } from '../src/lint/index.js';
import { read, REFERENCE_SAMPLES, SAMPLES } from './helpers.js';

const own = readdirSync(SAMPLES).filter((f) => f.endsWith('.abi'));
let reference: string[] = [];
try {
  reference = readdirSync(REFERENCE_SAMPLES).filter((f) => f.endsWith('.txt'));
} catch {
  // The reference folder sits beside the repository; without it only our samples run.
}

const lintRef = (name: string): LintFileResult => lint({ name, data: read(join(REFERENCE_SAMPLES, name)) }).files[0]!;
const at = (r: LintFileResult) => r.issues.map((i) => `${i.code}@${i.record}${i.field ? `.${i.field}` : ''}`);

describe('project samples lint without errors', () => {
  for (const f of own) {
    it(f, () => {
      const r = lint({ name: f, data: read(join(SAMPLES, f)) });
      expect(r.files[0]!.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(r.exitCode).toBe(0);
    });
  }
});

describe('reference samples lint without crashing', () => {
  for (const f of reference) {
    it(f, () => {
      const r = lintRef(f);
      expect(r.records).toBeGreaterThan(0);
      for (const i of r.issues) expect(i.message.length, i.code).toBeGreaterThan(0);
    });
  }
});

describe.skipIf(!reference.length)('known defects in the reference samples are reported', () => {
  it("accept-AX response: second block's Y 1201N02 under B 1202N01 (X32)", () => {
    expect(at(lintRef('cbp-bb-accept-ax-response.txt'))).toEqual(expect.arrayContaining([
      'block-trailer-mismatch@11.processingPort', 'block-trailer-mismatch@11.processingFilerCode',
    ]));
  });

  it('accept-AX response: E1 condition printed at 8-10, not 5-7', () => {
    expect(at(lintRef('cbp-bb-accept-ax-response.txt'))).toEqual(expect.arrayContaining(['mandatory-field@4.conditionCode', 'mandatory-field@8.conditionCode']));
  });

  it("accept-AX response: E0 prints 'REFID:' where the layout says 'REF ID:'", () => {
    expect(at(lintRef('cbp-bb-accept-ax-response.txt'))).toEqual(expect.arrayContaining(['code-unknown@3.refIdLabel', 'code-unknown@7.refIdLabel', 'code-unknown@9.refIdLabel']));
    expect(at(lintRef('cbp-bb-block-reject-response.txt')).filter((c) => c.includes('refIdLabel'))).toEqual([]);
  });

  it('block-reject input: Y port 1203 under B 1202 (X32), B app EI (X12, X19)', () => {
    expect(at(lintRef('cbp-bb-block-reject-input.txt'))).toEqual(expect.arrayContaining([
      'block-trailer-mismatch@10.processingPort', 'app-id-unknown@8.applicationId', 'app-id-mismatch@8.applicationId',
    ]));
  });

  it('batch-reject input: A app EI (X12)', () => {
    expect(at(lintRef('cbp-bb-batch-reject-input.txt'))).toContain('app-id-unknown@1.applicationId');
  });

  it('block-reject response: X1 with preparer data after the narrative (X39)', () => {
    expect(at(lintRef('cbp-bb-block-reject-response.txt'))).toContain('filler-not-blank@7.filler2');
  });

  it('right-trimmed records (X42), also the unpadded final Y of a vendor fixture', () => {
    expect(at(lintRef('cbp-bb-ex1-ae-broker-single-block.txt'))).toContain('record-length@2');
    expect(at(lintRef('cw-ae-entry-summary-two-lines-block.txt'))).toEqual(expect.arrayContaining(['record-length@25']));
  });

  it('PG00 example: agency printed as "EP "', () => {
    expect(at(lintRef('cbp-pga-pg00-substitution-line-before.txt'))).toContain('code-unknown@2.agencyCode');
  });

  it('EQ and CW blocks are not covered by this edition: info, not X34', () => {
    const eq = lintRef('cbp-bb-ex3-eq-query-block.txt');
    expect(eq.issues.filter((i) => i.code === 'unknown-record')).toEqual([]);
    expect(at(eq)).toContain('application-not-covered@3');
  });

  it("vendor SO block: Y count 00000 for five records", () => {
    expect(at(lintRef('cw-so-status-pga-may-proceed-block.txt'))).toContain('block-count@7.transactionImageCount');
  });
});

describe('streaming', () => {
  const whole = (bytes: Buffer) => {
    const s = createLintSession({}, 'x');
    s.write(bytes);
    return s.end().issues;
  };

  it.skipIf(!reference.length)('the same issues at every chunk boundary', () => {
    const bytes = read(join(REFERENCE_SAMPLES, 'cbp-bb-block-reject-input.txt'));
    const expected = whole(bytes);
    for (let cut = 1; cut < bytes.length; cut++) {
      const s = createLintSession({}, 'x');
      s.write(bytes.subarray(0, cut));
      s.write(bytes.subarray(cut));
      expect(s.end().issues, `cut at ${cut}`).toEqual(expected);
    }
  });

  it('the same issues in small random slices', () => {
    const bytes = read(join(SAMPLES, own[0]!));
    const expected = whole(bytes);
    let seed = 7;
    const s = createLintSession({}, 'x');
    for (let i = 0; i < bytes.length;) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const n = 1 + (seed % 97);
      s.write(bytes.subarray(i, i + n));
      i += n;
    }
    expect(s.end().issues).toEqual(expected);
  });

  it('a long transmission streams through one session chunk by chunk', () => {
    const text = read(join(SAMPLES, 'se-cargo-release.abi')).toString('latin1');
    const lines = text.split('\n').filter(Boolean);
    const body = lines.slice(2, -2).join('\n') + '\n';
    const s = createLintSession({}, 'big');
    s.write(lines.slice(0, 2).join('\n') + '\n');
    const copies = 2000;
    for (let i = 0; i < copies; i++) s.write(body);
    s.write(lines.slice(-2).join('\n') + '\n');
    const r = s.end();
    expect(r.records).toBe(4 + copies * (lines.length - 4));
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
