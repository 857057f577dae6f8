/** The library surface: `lint` takes the CLI's options and returns data; policy is applied after the checks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLintSession, formatLint, lint, LintConfigError, lintRules } from '../src/index.js';
import { inTurn } from '../src/lint/engine.js';
import { FIXTURES } from './lint-fixtures.js';

const text = (name: string) => readFileSync(join(FIXTURES, `${name}.abi`));

describe('lint()', () => {
  it('returns files, summary and exit code', () => {
    const r = lint([{ name: 'a.abi', data: text('mandatory-field') }, { name: 'b.abi', data: text('entry-check-digit') }]);
    expect(r.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(r.exitCode).toBe(1);
    expect(r.files.map((f) => [f.file, f.records, f.issues.map((i) => i.code)])).toEqual([
      ['a.abi', 9, ['mandatory-field']], ['b.abi', 9, ['entry-check-digit']],
    ]);
  });

  it('takes text as well as bytes, and names unnamed inputs', () => {
    const r = lint(text('valid-ae').toString('latin1'));
    expect(r.files[0]).toMatchObject({ file: '<input>', records: 9, issues: [] });
    expect(r.exitCode).toBe(0);
  });

  it('rules, strict and maxWarnings as in the CLI', () => {
    const warning = text('entry-check-digit');
    expect(lint(warning, { rules: { 'entry-check-digit': 'off' } }).files[0]!.issues).toEqual([]);
    expect(lint(warning, { rules: { 'entry-check-digit': 'info' } }).summary).toEqual({ errors: 0, warnings: 0, infos: 1 });
    expect(lint(warning, { strict: true }).exitCode).toBe(1);
    expect(lint(warning, { maxWarnings: 0 }).exitCode).toBe(1);
    expect(lint(warning, { maxWarnings: 1 }).exitCode).toBe(0);
  });

  it('keeps each issue\'s record text unless recordText is false', () => {
    const data = text('mandatory-field');
    const [kept] = lint(data).files[0]!.issues;
    expect(kept!.text).toHaveLength(80);
    const [dropped] = lint(data, { recordText: false }).files[0]!.issues;
    expect(dropped).not.toHaveProperty('text');
    expect({ ...kept, text: undefined }).toEqual({ ...dropped, text: undefined });
  });

  it('rejects unknown rules and bad levels, naming every problem', () => {
    expect(() => lint('', { rules: { nope: 'off', 'record-length': 'loud' as never } })).toThrow(LintConfigError);
    expect(() => lint('', { rules: { nope: 'off', 'record-length': 'loud' as never } })).toThrow(/unknown rule "nope"[\s\S]*rule record-length: level/);
    expect(() => lint('', { maxWarnings: -1 })).toThrow(/maxWarnings/);
  });

  it('--app: a fragment is read as records of the assumed application', () => {
    const r = lint('SE6008104000290000014400'.padEnd(80) + '\n', { app: 'SE' });
    expect(r.files[0]!.issues).toEqual([]);
  });
});

describe('createLintSession()', () => {
  it('reports each issue as it is found and the sorted list at the end', () => {
    const seen: string[] = [];
    const s = createLintSession({}, 'x.abi', (i) => seen.push(i.code));
    const bytes = text('missing-block-trailer');
    for (let i = 0; i < bytes.length; i += 13) s.write(bytes.subarray(i, i + 13));
    const r = s.end();
    expect(r.issues.map((i) => `${i.code}@${i.record}`)).toEqual(['missing-block-trailer@2']);
    expect(seen).toEqual(['missing-block-trailer']);
  });
});

describe('formatLint()', () => {
  const result = lint({ name: 'm.abi', data: text('mandatory-field') });
  const options = { rules: lintRules(), version: '0.0.0' };

  it('text: headline, ruler, record, carets, summary', () => {
    const out = formatLint(result, 'text', options);
    expect(out.split('\n').slice(0, 5)).toEqual([
      'm.abi:6:48-50: error mandatory-field: Unit of Measure (1) (columns 48-50) is mandatory but blank',
      '      |         1         2         3         4         5         6         7         8',
      '      |12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      `    6 |${text('mandatory-field').toString('latin1').split('\n')[5]}`,
      `      |${' '.repeat(47)}^^^`,
    ]);
    expect(out.trimEnd().split('\n').pop()).toBe('1 error, 0 warnings, 0 infos (1 file, 9 records)');
  });

  it('text: each issue\'s ruler is as wide as its record, whatever the issue before it', () => {
    // Records 3 and 8 run six columns long (record-length); record 6 is 80 wide (mandatory-field).
    const lines = text('mandatory-field').toString('latin1').split('\n');
    lines[2] += 'XYZXYZ';
    lines[7] += 'XYZXYZ';
    const out = formatLint(lint({ name: 'w.abi', data: lines.join('\n') }), 'text', options);
    const units = out.split('\n').filter((l) => l.startsWith('      |1234'));
    expect(units.map((l) => l.length - '      |'.length)).toEqual([86, 80, 86]);
    expect(units[0]).toBe(`      |${'1234567890'.repeat(8)}123456`);
  });

  it('text: characters that are not displayable show as one column each', () => {
    const out = formatLint(lint({ name: 'n.abi', data: text('non-displayable') }), 'text', options);
    expect(out).toContain('REF·1');
    expect(out).not.toContain('\t');
  });

  it('every format is a string', () => {
    for (const f of ['text', 'json', 'sarif', 'junit', 'github'] as const) expect(formatLint(result, f, options).length).toBeGreaterThan(0);
  });
});

describe('the engine calling hooks in turn (inTurn)', () => {
  it('calls every hook once, in order, with the three arguments, for any number of hooks', () => {
    for (let n = 0; n <= 11; n++) {
      const calls: unknown[][] = [];
      const hooks = Array.from({ length: n }, (_, i) => (p: number, q: string, r: boolean) => void calls.push([i, p, q, r]));
      inTurn(hooks)(1, 'two', true);
      expect(calls).toEqual(Array.from({ length: n }, (_, i) => [i, 1, 'two', true]));
    }
  });
});
