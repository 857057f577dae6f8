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
});
