/**
 * Properties over the shipped spec (STYLE §5, §10): every field codec
 * round-trips and keeps its width, records generated from every layout go
 * fixed → JSON → fixed byte for byte, the NDJSON writer's bytes are exactly
 * `JSON.stringify` of the model, and no input makes the decoder throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecodeSession, decode } from '../src/api/decode.js';
import { encode } from '../src/api/encode.js';
import type { DecodeState, FieldValue } from '../src/codec/field.js';
import type { JsonRecord } from '../src/model/json.js';
import { loadSpec } from '../src/node/spec-dir.js';
import type { FieldSpec, LayoutSpec } from '../src/spec/types.js';
import { runs } from './fast-check.js';

const spec = loadSpec();
const layouts = [...spec.layouts.values()].filter((l) => !l.opaque);
const RUNS = 60;

/** Characters a text value may hold: printable ASCII, JSON's specials, Latin-1, and no line breaks. */
const TEXT_CHARS = [...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~', '\t', '\u007f', 'é', 'Ñ', 'ÿ', '\u0000'];

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const isoDate = (minYear: number, maxYear: number) =>
  fc.record({ y: fc.integer({ min: minYear, max: maxYear }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => d <= DAYS[m - 1]! && !(m === 2 && d === 29 && !leap(y)))
    .map(({ y, m, d }) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`);

/** Values the field can hold, by its codec (undefined: the field takes none). */
function valuesFor(f: FieldSpec): fc.Arbitrary<FieldValue> | undefined {
  const kind = f.codec.kind;
  switch (kind.type) {
    case 'filler':
    case 'constant':
      return undefined;
    case 'text':
      return fc.array(fc.constantFrom(...TEXT_CHARS), { minLength: 1, maxLength: f.width })
        .map((a) => a.join(''))
        .filter((s) => !s.endsWith(' '));
    case 'number': {
      // Any digits the field holds; the value is what decoding them gives (a decimal string past 2^53).
      const state: DecodeState = { canonical: true };
      return fc.array(fc.integer({ min: 0, max: 9 }), { minLength: f.width, maxLength: f.width })
        .map((d) => f.codec.decode(d.join(''), state)!);
    }
    case 'date':
      switch (kind.format) {
        case 'MMDDCCYY':
          return isoDate(0, 9999);
        case 'MMDDYY':
          return isoDate(1969, 2068);
        case 'MMCCYY':
          return fc.oneof(
            fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')),
            fc.record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${String(y).padStart(4, '0')}-${pad2(m)}`),
          );
        case 'HHMM':
          return fc.oneof(fc.constant('24:00'), fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ h, m }) => `${pad2(h)}:${pad2(m)}`));
        case 'HHMMSS':
          return fc.oneof(
            fc.constant('24:00:00'),
            fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }) })
              .map(({ h, m, s }) => `${pad2(h)}:${pad2(m)}:${pad2(s)}`),
          );
      }
  }
}

describe('every field codec of the shipped spec', () => {
  for (const layout of layouts) {
    it(`${layout.layout}: decode(encode(v)) is v, and every encoding has the field's width`, () => {
      for (const f of layout.fields) {
        const values = valuesFor(f);
        const state: DecodeState = { canonical: true };
        // No value: blank (or the constant), still the field's width, and nothing decoded.
        const none = f.codec.encode(undefined);
        expect('text' in none && none.text.length, f.id).toBe(f.width);
        if ('text' in none) expect(f.codec.decode(none.text, state), f.id).toBeUndefined();
        expect(state.canonical, f.id).toBe(true);
        if (!values) continue;
        fc.assert(
          fc.property(values, (v) => {
            const r = f.codec.encode(v);
            if (!('text' in r)) throw new Error(`${f.id}: ${JSON.stringify(v)} not encodable: ${r.problem}`);
            const st: DecodeState = { canonical: true };
            return r.text.length === f.width && Object.is(f.codec.decode(r.text, st), v) && st.canonical;
          }),
          { numRuns: runs(RUNS) },
        );
        // Whatever it is given, encode answers with the width or a problem, and never throws.
        fc.assert(
          fc.property(fc.anything(), (v) => {
            const r = f.codec.encode(v);
            return 'problem' in r ? typeof r.problem === 'string' : r.text.length === f.width;
          }),
          { numRuns: runs(20) },
        );
      }
    });
  }
});

/** A JSON record for a layout, with each field present or not. */
function recordOf(layout: LayoutSpec): fc.Arbitrary<JsonRecord> {
  const shape: Record<string, fc.Arbitrary<FieldValue | undefined>> = {};
  for (const f of layout.fields) {
    const values = valuesFor(f);
    if (values) shape[f.id] = fc.option(values, { nil: undefined });
  }
  return fc.record(shape).map((fields) => {
    const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, FieldValue>;
    return { id: layout.record, layout: layout.layout, fields: present };
  });
}

const anyRecord = fc.constantFrom(...layouts).chain(recordOf);

function ndjson(bytes: Uint8Array | string, options: { encoding?: string } = {}): string {
  let out = '';
  const s = createDecodeSession({ to: 'ndjson', ...options }, { text: (t) => (out += t) });
  s.write(bytes);
  s.end();
  return out;
}

/** The NDJSON the bytes writer makes, and the same records through `JSON.stringify` of the model. */
function ndjsonBothWays(input: Uint8Array | string, encoding = 'ascii'): [string, string] {
  const chunks: Buffer[] = [];
  const lines: string[] = [];
  const fast = createDecodeSession({ to: 'ndjson', encoding }, { data: (b) => chunks.push(Buffer.from(b)) });
  const model = createDecodeSession({ to: 'ndjson', encoding }, { record: (json) => lines.push(JSON.stringify(json) + '\n') });
  for (const s of [fast, model]) {
    s.write(input);
    s.end();
  }
  return [Buffer.concat(chunks).toString('utf8'), lines.join('')];
}

describe('records generated from the specs', () => {
  it('go fixed → JSON → fixed and fixed → NDJSON → fixed byte for byte', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { minLength: 1, maxLength: 12 }), fc.constantFrom('ascii', 'latin1', 'utf-8', 'cp037'), (records, encoding) => {
        const fixed = encode(records, { encoding });
        expect(fixed.issues).toEqual([]);
        const { document } = decode(fixed.bytes, { encoding });
        expect(encode(document, { encoding }).bytes.equals(fixed.bytes)).toBe(true);
        const nd = ndjson(fixed.bytes, { encoding });
        expect(encode(nd, { encoding }).bytes.equals(fixed.bytes)).toBe(true);
        // JSON → fixed → JSON gives the same JSON.
        expect(decode(encode(document, { encoding }).bytes, { encoding }).document).toEqual(document);
      }),
      { numRuns: runs(150) },
    );
  });

  it('decode to the values they were made from when read as their own layout', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const fixed = encode([record]);
        const { document } = decode(fixed.bytes);
        const got = document.records[0] as JsonRecord;
        // Without an envelope another layout with the same prefix may claim the record; it still round-trips.
        const layout = spec.layouts.get(record.layout!)!;
        if (got.id === record.id && got.layout === (layout.layout !== layout.record ? layout.layout : undefined)) {
          expect(got.raw).toBeUndefined();
          expect(got.fields).toEqual(record.fields);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('the NDJSON bytes writer', () => {
  it('writes exactly JSON.stringify of the model for generated records', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { minLength: 1, maxLength: 20 }), (records) => {
        const [fast, model] = ndjsonBothWays(encode(records, { encoding: 'latin1' }).bytes, 'latin1');
        expect(fast).toBe(model);
      }),
      { numRuns: runs(150) },
    );
  });

  it('writes exactly JSON.stringify of the model for any text, lone surrogates included', () => {
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 100 }),
      // A known prefix with arbitrary columns, so field writers see every character.
      fc.tuple(fc.constantFrom(...layouts.map((l) => l.prefix)), fc.string({ unit: 'binary', minLength: 76, maxLength: 78 })).map(([p, rest]) => (p + rest).slice(0, 80)),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join(eol);
        const [fast, model] = ndjsonBothWays(text);
        expect(fast).toBe(model);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('random bytes', () => {
  it('never make the decoder throw, and round-trip byte for byte in the byte-transparent encodings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('ascii', 'latin1', 'cp037'), (bytes, encoding) => {
        const { document } = decode(bytes, { encoding });
        expect(encode(document, { encoding }).bytes.equals(Buffer.from(bytes))).toBe(true);
        expect(encode(ndjson(bytes, { encoding }), { encoding }).bytes.equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });

  it('never make the decoder throw in the encodings that can lose bytes, and the loss is reported', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('utf-8', 'windows-1252'), (bytes, encoding) => {
        const { document, issues } = decode(bytes, { encoding });
        const back = encode(document, { encoding });
        if (!back.bytes.equals(Buffer.from(bytes))) expect(issues.some((i) => i.code === 'invalid-bytes')).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });
});
