/**
 * The closed set of issue codes raised while reading and writing records.
 * Lint adds its own rule codes (src/lint/rules.ts); both sets are documented in
 * docs/rules.md, and a test fails when a code has no entry there.
 */
import type { Severity } from './issue.js';

export interface CodeInfo {
  severity: Severity;
  /** One-line title used by formatters and docs. */
  title: string;
  /** CBP's own code for the condition, when CBP names it (B&B X-codes, PGA P-codes). */
  cbp?: string;
}

export const DECODE_CODES = {
  'record-length': { severity: 'error', title: 'record is not 80 characters', cbp: 'X42' },
  'unknown-record': { severity: 'error', title: 'record id is not known for this application', cbp: 'X34' },
  'field-not-canonical': { severity: 'error', title: 'field content cannot be typed; the record keeps its raw text' },
  'invalid-bytes': { severity: 'error', title: 'bytes not valid in the chosen encoding were read as U+FFFD; the record will not convert back to the same bytes' },
} as const satisfies Record<string, CodeInfo>;

export const ENCODE_CODES = {
  'encode-field': { severity: 'error', title: 'a JSON value does not fit its field' },
  'encode-record': { severity: 'error', title: 'a JSON record cannot be written' },
  'encode-charset': { severity: 'error', title: 'a character is not in the output encoding' },
} as const satisfies Record<string, CodeInfo>;

export type DecodeCode = keyof typeof DECODE_CODES;
export type EncodeCode = keyof typeof ENCODE_CODES;
