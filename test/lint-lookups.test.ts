/**
 * The helpers the lint checks use to read records fast: code-list keys packed
 * from field text and layout patterns for records of known length
 * (record.ts), and field references that remember the last layout asked
 * about (pga-common.ts). The rules' fixtures test the reports; these test the
 * helpers' own contracts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../src/decode/record.js';
import { FieldRef, val } from '../src/lint/checks/pga-common.js';
import { ofKnownLength, packText } from '../src/lint/checks/record.js';
import { loadSpec } from '../src/node/spec-dir.js';

/** Displayable ASCII, as in a clean record. */
const text = (width: number) => fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: width, maxLength: width }).map((codes) => String.fromCharCode(...codes));

describe('packText', () => {
  it('gives two texts of one width (up to 4) the same key exactly when they are equal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((w) => fc.tuple(text(w), text(w))), ([a, b]) => {
        expect(packText(a, 0, a.length) === packText(b, 0, b.length)).toBe(a === b);
      }),
    );
  });

  it('reads the columns it is given, in place', () => {
    expect(packText('PG19UC PG19', 4, 7)).toBe(packText('UC ', 0, 3));
    expect(packText('xUCx', 1, 3)).not.toBe(packText('UC ', 0, 3));
  });
});

describe('FieldRef', () => {
  const spec = loadSpec();
  const layout = (id: string) => [...spec.layouts.values()].find((l) => l.record === id)!;
  const record = (id: string, text: string): DecodedRecord => ({ n: 1, text, eol: '\n', layout: layout(id), canonical: true }) as DecodedRecord;

  it('finds the field of each layout in turn, and none where the layout has no such field', () => {
    const unit = new FieldRef('unit');
    const pg26 = layout('PG26');
    const f = pg26.fields.find((x) => x.id === 'unit')!;
    const line = 'PG26'.padEnd(f.start - 1, ' ') + 'KG'.padEnd(f.width, ' ');
    const a = record('PG26', line.padEnd(80, ' '));
    const b = record('PG01', 'PG01'.padEnd(80, ' '));
    expect(unit.of(a)).toBe(f);
    expect(unit.of(b)).toBeUndefined();
    expect(val(b, unit)).toBe('');
    expect(val(a, unit)).toBe('KG');
    expect(unit.of({ ...a, layout: undefined })).toBeUndefined();
  });
});

describe('ofKnownLength', () => {
  // Pieces of width 2 and texts over characters that some match and some do not.
  const pieces = [
    { pattern: '[A-Z ]{2}', run: '[A-Z ]' },
    { pattern: ' {2}', run: ' ' },
    { pattern: '\\d{2}', run: '\\d' },
    { pattern: '(?: {2}|\\d{2})' },
    { pattern: '(?! {2})[A-Z ]{2}' },
  ];
  it('matches the texts of the pieces\' length that the plain pattern matches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).chain((list) =>
          fc.tuple(fc.constant(list), fc.array(fc.constantFrom('A', ' ', '1', 'a'), { minLength: list.length * 2, maxLength: list.length * 2 }).map((c) => c.join('')))),
        ([list, text]) => {
          const plain = new RegExp(`^${list.map((p) => p.pattern).join('')}$`);
          expect(new RegExp(ofKnownLength(list)).test(text)).toBe(plain.test(text));
        },
      ),
    );
  });

  it('stars the runs of one class at the end', () => {
    expect(ofKnownLength([pieces[3]!, pieces[0]!, pieces[0]!])).toBe('^(?: {2}|\\d{2})[A-Z ]*$');
  });
});
