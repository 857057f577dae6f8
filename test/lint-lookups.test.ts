/**
 * The helpers the lint checks use to read records fast: code-list keys packed
 * from field text and layout patterns with their counted runs spelled out
 * (record.ts), and field references that remember the last layout asked
 * about (pga-common.ts). The rules' fixtures test the reports; these test the
 * helpers' own contracts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../src/decode/record.js';
import { FieldRef, val } from '../src/lint/checks/pga-common.js';
import { ofPieces, packText, spelled } from '../src/lint/checks/record.js';
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

describe('spelled and ofPieces', () => {
  // Pieces of width 2, spelled out and as plain counted patterns, and texts over characters that
  // some match and some do not.
  const atoms = ['[A-Z ]', ' ', '\\d'];
  const pieces = [
    ...atoms.map((a) => ({ spelled: spelled(a, 2), plain: `${a}{2}` })),
    { spelled: `(?:${spelled(' ', 2)}|${spelled('\\d', 2)})`, plain: '(?: {2}|\\d{2})' },
    { spelled: `(?!${spelled(' ', 2)})${spelled('[A-Z ]', 2)}`, plain: '(?! {2})[A-Z ]{2}' },
  ];
  const chars = fc.constantFrom('A', ' ', '1', 'a');

  it('spells out a counted run: the same texts match', () => {
    fc.assert(
      fc.property(fc.constantFrom(...atoms), fc.integer({ min: 1, max: 12 }), fc.array(chars, { maxLength: 14 }).map((c) => c.join('')), (atom, n, text) => {
        expect(new RegExp(`^${spelled(atom, n)}$`).test(text)).toBe(new RegExp(`^${atom}{${n}}$`).test(text));
      }),
    );
  });

  it('matches the texts that the plain counted pattern matches, of any length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).chain((list) =>
          fc.tuple(fc.constant(list), fc.array(chars, { minLength: list.length * 2 - 1, maxLength: list.length * 2 + 1 }).map((c) => c.join('')))),
        ([list, text]) => {
          const plain = new RegExp(`^${list.map((p) => p.plain).join('')}$`);
          expect(new RegExp(ofPieces(list.map((p) => ({ pattern: p.spelled })))).test(text)).toBe(plain.test(text));
        },
      ),
    );
  });

  it('spells out the runs', () => {
    expect(spelled('[A-Z ]', 3)).toBe('[A-Z ][A-Z ][A-Z ]');
    expect(ofPieces([{ pattern: pieces[3]!.spelled }, { pattern: pieces[0]!.spelled }])).toBe('^(?:  |\\d\\d)[A-Z ][A-Z ]$');
  });
});
