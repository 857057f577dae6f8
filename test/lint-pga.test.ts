/**
 * PGA Message Set structure rules (issue "catair lint" §4): one fixture per
 * rule in test/fixtures/lint/pga/, each reporting exactly its codes at the
 * expected records; the valid fixture and the valid samples report nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aphisChecks } from '../src/lint/checks/aphis.js';
import { flagsChecks } from '../src/lint/checks/flags.js';
import { PGA_RULES, pgaChecks } from '../src/lint/checks/pga.js';
import { REFERENCE_SAMPLES, SAMPLES } from './helpers.js';
import { expected, PGA_FIXTURES } from './lint-pga-fixtures.js';
import { build, fixtureOnDisk, found, lint, rec } from './lint-pga-helpers.js';

describe('PGA structure fixtures', () => {
  for (const f of PGA_FIXTURES) {
    it(`${f.name}: ${f.about}`, () => {
      const text = build(f.records);
      expect(fixtureOnDisk('pga', `${f.name}.abi`, text), 'fixture file differs: run with UPDATE_FIXTURES=1').toBe(text);
      expect(found(lint(text, pgaChecks()))).toEqual(expected(f));
    });
  }

  it('every PGA rule has a fixture that triggers it', () => {
    const triggered = new Set(PGA_FIXTURES.flatMap((f) => f.expect.map(([code]) => code)));
    expect(PGA_RULES.map((r) => r.code).filter((c) => !triggered.has(c))).toEqual([]);
  });
});

describe('PGA issues', () => {
  it('name the field and its columns', () => {
    const f = PGA_FIXTURES.find((x) => x.name === 'pga-line-number')!;
    const [issue] = lint(build(f.records), pgaChecks());
    expect(issue).toMatchObject({ code: 'pga-line-number', severity: 'error', recordId: 'PG01', field: 'pgaLineNumber', columns: [5, 7] });
    expect(issue!.message).toContain('should be 001');
  });

  it('accept both readings of a returning agency: a fresh 001 or its next number', () => {
    const tariff = (numbers: [string, number][]) => build([
      rec('50', { htsNumber: '2104100020', dutyAmount: 0, valueOfGoods: 1, quantity1: 1, unitOfMeasure1: 'KG' }), rec('OI', { commercialDescription: 'BOUILLON' }),
      ...numbers.map(([agency, n]) => rec('PG01', { pgaLineNumber: n, agencyCode: agency, programCode: agency === 'FDA' ? 'FOO' : 'AVS', disclaimer: 'A' })),
    ], 'AE');
    expect(lint(tariff([['FDA', 1], ['APH', 1], ['FDA', 1], ['APH', 2]]), pgaChecks())).toEqual([]);
    expect(found(lint(tariff([['FDA', 1], ['FDA', 3]]), pgaChecks()))).toEqual(['pga-line-number@4']);
    // Agencies taking turns: each returning one goes on from its own last number, not the other's.
    expect(lint(tariff([['FDA', 1], ['APH', 1], ['FDA', 2], ['APH', 2], ['FDA', 3]]), pgaChecks())).toEqual([]);
    const [turn] = lint(tariff([['FDA', 1], ['APH', 1], ['FDA', 2], ['APH', 3]]), pgaChecks());
    expect(turn).toMatchObject({ code: 'pga-line-number', record: 6 });
    expect(turn!.message).toContain('should be 001 or 002: APH returns after another agency');
  });

  it('name the first record of a repeated packaging level, however many repeats follow', () => {
    const f = PGA_FIXTURES.find((x) => x.name === 'pg26-level')!;
    const text = build(f.records);
    const lines = text.split('\n');
    const pg26 = lines.map((l, i) => (l.startsWith('PG26') ? i + 1 : 0)).filter(Boolean);
    // A third level-2 record: both repeats point at the first level 2 (the second PG26), not at each other.
    const again = [...lines.slice(0, pg26[2]!), lines[pg26[2]! - 1]!, ...lines.slice(pg26[2]!)].join('\n');
    const levels = lint(again, pgaChecks()).filter((i) => i.code === 'pg26-level');
    expect(levels.map((i) => i.record)).toEqual([pg26[2], pg26[2]! + 1]);
    for (const i of levels) expect(i.message).toContain(`packaging level 2 is used again (first at record ${pg26[1]})`);
  });

  it('are not raised on response blocks, which echo records in part', () => {
    const text = build([
      rec('A', { senderSiteCode: '5201', senderIdCode: 'ZQ9', applicationId: 'AX' }), rec('B', { processingPort: '5201', processingFilerCode: 'ZQ9', applicationId: 'AX' }),
      rec('PG01', { pgaLineNumber: 1, agencyCode: 'APH', programCode: 'APQ' }), rec('PG02', { itemType: 'C' }),
    ]);
    expect(lint(text, pgaChecks())).toEqual([]);
    expect(found(lint(text.replace(/AX/g, 'AE'), pgaChecks()))).toEqual(['item-type-order@4']);
  });
});

describe('samples', () => {
  const all = () => [...pgaChecks(), ...aphisChecks(), ...flagsChecks()];
  for (const name of ['ae-aphis-entry-summary.abi', 'aphis-pga-fragment.abi', 'ca-pga-correction.abi', 'se-cargo-release.abi']) {
    it(`samples/${name} is clean under the PGA and APHIS rules`, () => {
      expect(lint(readFileSync(join(SAMPLES, name), 'latin1'), all())).toEqual([]);
    });
  }

  it('the CargoWise APHIS APQ fragment gets what an agriculture specialist would say', () => {
    const text = readFileSync(join(REFERENCE_SAMPLES, 'cw-pga-aphis-apq-phyto-a01-fragment.txt'), 'latin1');
    const issues = lint(text, all(), { app: 'AE' });
    // No DFI grower (the grower is sent as AG1), and pine trees counted in NO rather than plant units.
    expect(found(issues)).toEqual(['aphis-grower-missing@3', 'aphis-preferred-unit@22']);
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('the CargoWise AVS disclaimer fragment is clean', () => {
    expect(lint(readFileSync(join(REFERENCE_SAMPLES, 'cw-pga-aphis-avs-disclaim-fragment.txt'), 'latin1'), all(), { app: 'AE' })).toEqual([]);
  });

  it('CBP\'s substitution example: agency printed as "EP", a PG14 without PG13, and R0001 with its group elsewhere', () => {
    const text = readFileSync(join(REFERENCE_SAMPLES, 'cbp-pga-pg00-substitution-line-before.txt'), 'latin1');
    expect(found(lint(text, pgaChecks(), { app: 'AE' }))).toEqual(['lpco-pair@5', 'program-agency@2', 'substitution@7']);
  });

  it('a fragment of tariff lines: substitution is checked in the one holding a PG00, not skipped for the clean one before it', () => {
    const pgaLine = [rec('PG01', { pgaLineNumber: 1, agencyCode: 'APH', programCode: 'APQ', processingCode: 'A01' }), rec('PG02', { itemType: 'P' })];
    const hts = { htsNumber: '0810400029', dutyAmount: 0, valueOfGoods: 6840, quantity1: 380, unitOfMeasure1: 'KG' };
    const text = build([
      rec('50', hts), rec('OI', { commercialDescription: 'FRESH BLUEBERRIES' }), ...pgaLine,
      rec('50', hts), rec('OI', { commercialDescription: 'FRESH BLUEBERRIES' }),
      rec('PG00', { substitutionIndicator: 'S', substitutionNumber: '0001' }), rec('PG19', { entityRoleCode: 'IM', entityName: 'BISCAYNE PANTRY IMPORTS LLC' }), ...pgaLine,
    ], 'AE');
    // Alone (the check feeds its own facts) and with the others (facts fed once for all).
    expect(found(lint(text, pgaChecks(), { app: 'AE' }))).toEqual(['substitution@7']);
    expect(found(lint(text, all(), { app: 'AE' })).filter((f) => f.startsWith('substitution'))).toEqual(['substitution@7']);
  });
});
