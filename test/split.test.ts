/**
 * The record splitter on its own (read/split.ts): any chunking of a text gives
 * the records of the whole text, with their terminators, and offsets that find
 * each record's characters in the text held since the last drain (what the
 * decoder reads the record's bytes by). Line endings are mixed and lines cut at
 * a small maximum length, so every path is taken near chunk boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordSplitter, type Eol, type SplitOptions } from '../src/read/split.js';
import { runs } from './fast-check.js';

interface Piece {
  text: string;
  eol: Eol;
  /** Where the text starts in the whole input. */
  at: number;
}

function split(chunks: string[], options: SplitOptions): Piece[] {
  const pieces: Piece[] = [];
  let pushed = 0;
  let base = 0;
  const splitter = new RecordSplitter((text, eol, start) => pieces.push({ text, eol, at: base + start }), options);
  for (const c of chunks) {
    // Offsets count the characters held back from earlier chunks first.
    base = pushed - splitter.pending;
    splitter.push(c);
    pushed += c.length;
  }
  base = pushed - splitter.pending;
  splitter.end();
  return pieces;
}

const text = fc
  .array(fc.oneof(fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\r\r'), fc.string({ unit: fc.constantFrom('A', 'b', ' ', '9'), maxLength: 20 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

const cuts = fc.array(fc.integer({ min: 1, max: 23 }), { minLength: 1, maxLength: 16 });

function chunked(s: string, sizes: number[]): string[] {
  const chunks: string[] = [];
  for (let at = 0, k = 0; at < s.length; k++) {
    const n = sizes[k % sizes.length]!;
    chunks.push(s.slice(at, at + n));
    at += n;
  }
  return chunks;
}

describe('RecordSplitter', () => {
  for (const options of [{ maxLineLength: 7, detectWindow: 5 }, { maxLineLength: 65536 }, { mode: 'lines', maxLineLength: 3 }, { recordWidth: 4, detectWindow: 3 }] as SplitOptions[]) {
    it(`gives the same records for every chunking (${JSON.stringify(options)})`, () => {
      fc.assert(
        fc.property(text, cuts, (s, sizes) => {
          const whole = split([s], options);
          const pieces = split(chunked(s, sizes), options);
          expect(pieces).toEqual(whole);
          for (const p of pieces) expect(s.slice(p.at, p.at + p.text.length)).toBe(p.text);
          // Nothing is lost or added: the records and their terminators are the text.
          const eols: Record<Eol, string> = { lf: '\n', crlf: '\r\n', cr: '\r', none: '' };
          expect(pieces.map((p) => p.text + eols[p.eol]).join('')).toBe(s);
        }),
        { numRuns: runs(400) },
      );
    });
  }
});
