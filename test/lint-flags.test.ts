/**
 * APHIS flags (issue "catair lint" §6): the --flags CSV reader, and one fixture
 * per rule in test/fixtures/lint/flags/ (NAME.abi with its NAME.csv).
 */
import { describe, expect, it } from 'vitest';
import { FLAGS_RULES, flagsChecks, parseFlagsCsv } from '../src/lint/checks/flags.js';
import { expected, FLAG_FIXTURES } from './lint-pga-fixtures.js';
import { build, fixtureOnDisk, found, lint } from './lint-pga-helpers.js';

describe('parseFlagsCsv', () => {
  it('reads hts,flag lines with an optional header, dots, quotes, blank lines and comments', () => {
    const table = parseFlagsCsv('\uFEFFHTS Number,APHIS Flag\r\n0602.90.2000,AQ2\n\n# cut flowers\n"0603.11.0030", aq1 , extra\n');
    expect([...table]).toEqual([['0602902000', 'AQ2'], ['0603110030', 'AQ1']]);
    expect(table.problems).toEqual([]);
    expect([...parseFlagsCsv('0602902000,AQ2')]).toEqual([['0602902000', 'AQ2']]);
  });

  it('reports problems as data with their line numbers and keeps the good lines', () => {
    const table = parseFlagsCsv('hts,flag\n0602.90,AQ2\n0602902000,Q-1\n0603110030\n0603110030,AQ1\n0603110030,AQ2\n0603900000,AQ2\n0603900000,AQ1\n');
    expect(table.problems.map((p) => p.line)).toEqual([2, 3, 4, 6, 8]);
    expect(table.problems[0]!.message).toContain('not 10 digits');
    expect(table.problems[1]!.message).toContain('not an agency flag');
    expect(table.problems[3]!.message).toContain('AQ2 is kept');
    expect(table.get('0603110030')).toBe('AQ2');
    expect(table.get('0603900000')).toBe('AQ2');
  });

  it("skips other agencies' flags in a combined flag export", () => {
    const table = parseFlagsCsv('0602902000,FD1\n0602902000,AQ2\n2104100020,FD2\n');
    expect(table.problems).toEqual([]);
    expect([...table]).toEqual([['0602902000', 'AQ2']]);
  });
});

describe('APHIS flag fixtures', () => {
  for (const f of FLAG_FIXTURES) {
    it(`${f.name}: ${f.about}`, () => {
      const text = build(f.records);
      expect(fixtureOnDisk('flags', `${f.name}.abi`, text), 'fixture file differs: run with UPDATE_FIXTURES=1').toBe(text);
      expect(fixtureOnDisk('flags', `${f.name}.csv`, f.flags!), 'fixture file differs: run with UPDATE_FIXTURES=1').toBe(f.flags);
      const flags = parseFlagsCsv(f.flags!);
      expect(flags.problems).toEqual([]);
      expect(found(lint(text, flagsChecks(), { flags }))).toEqual(expected(f));
    });
  }

  it('every flag rule has a fixture that triggers it', () => {
    const triggered = new Set(FLAG_FIXTURES.flatMap((f) => f.expect.map(([code]) => code)));
    expect(FLAGS_RULES.map((r) => r.code).filter((c) => !triggered.has(c))).toEqual([]);
  });

  it('without --flags nothing is checked', () => {
    expect(lint(build(FLAG_FIXTURES.find((f) => f.name === 'aphis-flag-required')!.records), flagsChecks())).toEqual([]);
  });
});
