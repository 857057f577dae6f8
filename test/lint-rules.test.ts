/**
 * One fixture per rule (test/fixtures/lint/*.abi, built field by field in
 * lint-fixtures.ts): each reports exactly the expected codes at the expected
 * record numbers, and the valid fixtures report nothing. The fixtures run the
 * core checks against the fixture code lists, so they do not move when the
 * PGA rules or the shipped codes.tsv change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeChecks } from '../src/lint/checks/envelope.js';
import { recordChecks } from '../src/lint/checks/record.js';
import { entryCheckDigit, transactionChecks } from '../src/lint/checks/transaction.js';
import { LintPolicy } from '../src/lint/policy.js';
import { LintRun } from '../src/lint/run.js';
import { FIXTURE_LIST, FIXTURES, fixtureSpec, rec } from './lint-fixtures.js';

const spec = fixtureSpec();
const coreChecks = () => [...recordChecks(), ...envelopeChecks(), ...transactionChecks()];
const coreRules = coreChecks().flatMap((c) => c.rules);

function lintText(text: string, app?: string) {
  const run = new LintRun('fixture', { spec, encoding: 'ascii', policy: new LintPolicy(coreRules), checks: coreChecks(), checkOptions: app ? { app } : {} });
  run.write(Buffer.from(text, 'latin1'));
  return run.end();
}

describe('rule fixtures', () => {
  for (const f of FIXTURE_LIST) {
    const path = join(FIXTURES, `${f.name}.abi`);
    const text = f.records.join('\n') + '\n';
    if (process.env.UPDATE_FIXTURES) writeFileSync(path, text, 'latin1');

    it(`${f.name}: ${f.about}`, () => {
      expect(existsSync(path), `${path} missing: run with UPDATE_FIXTURES=1`).toBe(true);
      expect(readFileSync(path, 'latin1')).toBe(text);
      const got = lintText(text, f.app).issues.map((i) => `${i.code}@${i.record}`);
      expect(got).toEqual(f.expect);
    });
  }

  it('every core rule has a fixture that triggers it', () => {
    const triggered = new Set(FIXTURE_LIST.flatMap((f) => f.expect.map((e) => e.split('@')[0])));
    expect(coreRules.map((r) => r.code).filter((c) => !triggered.has(c))).toEqual([]);
  });
});

describe('issues carry what the formatters need', () => {
  it('columns, record id, field and the record text', () => {
    const text = readFileSync(join(FIXTURES, 'mandatory-field.abi'), 'latin1');
    const [issue] = lintText(text).issues;
    expect(issue).toMatchObject({ code: 'mandatory-field', severity: 'error', record: 6, columns: [48, 50], recordId: '50', field: 'unitOfMeasure1' });
    expect(issue!.text).toBe(text.split('\n')[5]);
  });

  it('a block trailer names each field that does not echo its header', () => {
    const text = readFileSync(join(FIXTURES, 'block-trailer-mismatch.abi'), 'latin1');
    expect(lintText(text).issues[0]).toMatchObject({ columns: [4, 7], field: 'processingPort', message: expect.stringContaining('"5202" does not match "5201"') });
  });
});

describe('numbers padded with spaces', () => {
  const codes = (value: string, extra = '') => lintText(rec('PG28', { canDimensions1: value }) + extra + '\n').issues.map((i) => `${i.code}:${i.severity}`);

  it('only behind the digits: a warning; spaces inside or after them are still field-class errors', () => {
    expect(codes(' 800')).toEqual(['numeric-space-padded:warning']);
    expect(codes('   8')).toEqual(['numeric-space-padded:warning']);
    expect(codes('8 00')).toEqual(['field-class:error']);
    expect(codes('800 ')).toEqual(['field-class:error']);
    expect(codes(' 8A0')).toEqual(['field-class:error']);
    expect(codes('0800')).toEqual([]);
  });

  it('on a record that is not clean (too long) as on a clean one', () => {
    expect(codes(' 800', 'XX')).toEqual(['record-length:error', 'numeric-space-padded:warning']);
  });
});

describe('preparer fields in a block of an application Note 4 does not list', () => {
  const fixture = readFileSync(join(FIXTURES, 'preparer-not-allowed.abi'), 'latin1').split('\n');
  const codes = (b: string) => lintText([fixture[0], b, ...fixture.slice(2)].join('\n')).issues.map((i) => `${i.code}@${i.record}`);

  it('warn, and the other preparer rules still judge them', () => {
    const b = fixture[1]!;
    expect(codes(b.slice(0, 55) + '2' + b.slice(56))).toEqual(['preparer-not-allowed@2', 'preparer-indicator-unknown@2', 'missing-transaction@3']);
    expect(codes(b.slice(0, 46) + ' '.repeat(10) + b.slice(56))).toEqual(['missing-transaction@3']);
  });
});

describe('Appendix E check digit', () => {
  it('the worked example B76 0324527 → 8', () => {
    expect(entryCheckDigit('B76', '0324527')).toBe(8);
  });
  it('filer letters count as A/J/S=1 … I/R=9', () => {
    expect(entryCheckDigit('AJS', '0000000')).toBe(entryCheckDigit('111', '0000000'));
    expect(entryCheckDigit('IRZ', '1234567')).toBe(entryCheckDigit('998', '1234567'));
  });
  it('the CargoWise fixture KC1 17169013 passes (abi-envelope §6.7)', () => {
    expect(entryCheckDigit('KC1', '1716901')).toBe(3);
  });
});
