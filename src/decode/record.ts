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
}

export type Fields = Record<string, FieldValue>;

export function decodeFields(layout: LayoutSpec, text: string): { fields: Fields; canonical: boolean } {
  const state: DecodeState = { canonical: text.length === 80 };
  const padded = text.length >= 80 ? text : text.padEnd(80, ' ');
  const fields = compiledLayout(layout).fields(padded, state);
  return { fields, canonical: state.canonical && !layout.opaque };
}

/** The fields whose text cannot be regenerated, for messages. */
export function nonCanonicalFields(layout: LayoutSpec, text: string): FieldSpec[] {
  const padded = text.padEnd(80, ' ');
  return layout.fields.filter((f) => {
    const st: DecodeState = { canonical: true };
    f.codec.decode(padded.slice(f.start - 1, f.end), st);
    return !st.canonical;
  });
}
