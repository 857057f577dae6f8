/**
 * APHIS Core rules (issue "catair lint" §5): one fixture per rule in
 * test/fixtures/lint/aphis/, each reporting exactly its codes at the expected
 * records; the valid fixtures report nothing.
 */
import { describe, expect, it } from 'vitest';
import { APHIS_RULES, aphisChecks } from '../src/lint/checks/aphis.js';
import { APHIS_FIXTURES, expected } from './lint-pga-fixtures.js';
import { build, fixtureOnDisk, found, lint } from './lint-pga-helpers.js';

describe('APHIS Core fixtures', () => {
  for (const f of APHIS_FIXTURES) {
    it(`${f.name}: ${f.about}`, () => {
      const text = build(f.records);
      expect(fixtureOnDisk('aphis', `${f.name}.abi`, text), 'fixture file differs: run with UPDATE_FIXTURES=1').toBe(text);
      expect(found(lint(text, aphisChecks()))).toEqual(expected(f));
    });
  }

  it('every APHIS rule has a fixture that triggers it', () => {
    const triggered = new Set(APHIS_FIXTURES.flatMap((f) => f.expect.map(([code]) => code)));
    expect(APHIS_RULES.map((r) => r.code).filter((c) => !triggered.has(c))).toEqual([]);
  });
});

describe('APHIS issues', () => {
  const issuesOf = (name: string) => lint(build(APHIS_FIXTURES.find((f) => f.name === name)!.records), aphisChecks());

  it('name the replacement of a retired code', () => {
    const messages = issuesOf('aphis-retired-code').map((i) => i.message);
    expect(messages).toContainEqual(expect.stringContaining('702 is retired by APHIS; use 702A, 702B, 702C'));
    expect(messages).toContainEqual(expect.stringContaining('FRF is retired by APHIS; use QFR'));
  });

  it('point at the unit, the expiration date and the missing grower fields', () => {
    expect(issuesOf('aphis-cut-flower-unit')[0]).toMatchObject({ field: 'unit', columns: [18, 22] });
    expect(issuesOf('aphis-permit-expired')[0]).toMatchObject({ field: 'lpcoDate', columns: [43, 50], message: expect.stringContaining('expired on 2026-03-31, before arrival on 2026-04-16') });
    expect(issuesOf('aphis-grower-incomplete')[0]!.message).toContain('has no city');
  });

  it('name each category of a line once, however many the line has', () => {
    // The grower fixture's line (category AP0400, no DFI grower) with twenty more PG10s of other
    // categories, then AP0400 again: the message still names AP0400 once.
    const records = build(APHIS_FIXTURES.find((f) => f.name === 'aphis-grower-missing')!.records);
    const lines = records.split('\n');
    const at = lines.findIndex((l) => l.startsWith('PG10'));
    const pg10 = lines[at]!;
    expect(pg10.slice(4, 10)).toBe('AP0400');
    const others = Array.from({ length: 20 }, (_, k) => `PG10AP9${String(k).padStart(3, '0')}${pg10.slice(10)}`);
    const text = [...lines.slice(0, at + 1), ...others, pg10, ...lines.slice(at + 1)].join('\n');
    const growers = lint(text, aphisChecks()).filter((i) => i.code === 'aphis-grower-missing');
    expect(growers.map((i) => i.message.split(' line without')[0])).toEqual(['AP0400']);
  });
});
