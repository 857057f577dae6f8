/**
 * Field decoding for one record. A record is canonical when re-encoding its
 * fields gives back its text exactly; otherwise it keeps `raw` (issue
 * "Foundation" §5: decoding never loses a byte).
 */
import type { DecodeState, FieldValue } from '../codec/field.js';
import type { FieldSpec, LayoutSpec } from '../spec/types.js';
import type { Eol } from '../read/split.js';
import { compiledLayout } from './compile.js';

export interface DecodedRecord {
  /** 1-based record number in the input. */
  n: number;
  /** The record's text without its terminator. */
  text: string;
  eol: Eol;
  /** Undefined for a record no layout describes. */
  layout?: LayoutSpec;
  /**
   * Field values by id; blank fields, fillers and constants are absent. Left
   * out of canonical records by a decoder with `fieldsAs: 'text'`.
   */
  fields?: Record<string, FieldValue>;
  /** False when the text cannot be regenerated from `fields` (wrong length, bad content, unknown or opaque record). */
  canonical: boolean;
  /**
   * The record's text as one code per character, from `at` on
   * (`codes[at + i] === text.charCodeAt(i)`): the input bytes themselves for
   * ASCII and Latin-1, where a byte is a character. Writers and checks read
   * columns here rather than from `text`, which is a slice of a larger string
   * and slower to index. Absent for other encodings (see `codesOf`).
   */
  codes?: Codes;
  at?: number;
  /**
   * Set by a decoder with `checkInWriter` while `canonical` is only presumed:
   * the writer checks the fields as it writes them and calls this with its
   * verdict (or without one, to have the decoder check); it is then removed.
   */
  settle?: (record: DecodedRecord, canonical?: boolean) => void;
}

/** Character codes: input bytes, or UTF-16 code units where a character may not fit a byte. */
export type Codes = Uint8Array | Uint16Array;

/** Four spaces read as one 32-bit word (either byte order). */
export const SPACES4 = 0x20202020;

let lastCodes: Codes | undefined;
let lastView: DataView | undefined;

/**
 * A DataView over byte codes, to test four columns at once (the records of a
 * chunk share their codes, so it is made once per chunk); undefined for UTF-16
 * codes.
 */
export function viewOfCodes(u: Codes): DataView | undefined {
  if (u !== lastCodes) {
    lastCodes = u;
    lastView = u instanceof Uint8Array ? new DataView(u.buffer, u.byteOffset, u.byteLength) : undefined;
  }
  return lastView;
}

let scratch = new Uint16Array(128);

/**
 * The text's character codes in a buffer shared by every call (valid until
 * the next one), for records that came without `codes`.
 */
export function codesOf(text: string): Uint16Array {
  if (scratch.length < text.length) scratch = new Uint16Array(text.length * 2);
  for (let i = 0; i < text.length; i++) scratch[i] = text.charCodeAt(i);
  return scratch;
}

export type Fields = Record<string, FieldValue>;

/** A layout's record width: its fields tile columns 1 to the width (checked when the spec loads). */
function widthOf(layout: LayoutSpec): number {
  return layout.fields[layout.fields.length - 1]?.end ?? 0;
}

export function decodeFields(layout: LayoutSpec, text: string): { fields: Fields; canonical: boolean } {
  const width = widthOf(layout);
  const state: DecodeState = { canonical: text.length === width };
  const padded = text.length >= width ? text : text.padEnd(width, ' ');
  const fields = compiledLayout(layout).fields(padded, state);
  return { fields, canonical: state.canonical && !layout.opaque };
}

/** The fields whose text cannot be regenerated, for messages. */
export function nonCanonicalFields(layout: LayoutSpec, text: string): FieldSpec[] {
  const padded = text.padEnd(widthOf(layout), ' ');
  return layout.fields.filter((f) => {
    const st: DecodeState = { canonical: true };
    f.codec.decode(padded.slice(f.start - 1, f.end), st);
    return !st.canonical;
  });
}
