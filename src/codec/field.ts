/**
 * One codec per CATAIR data class (PGA p.14; B&B-7), encode and decode side by side.
 *
 * Fill rules (PGA p.14, SE-21): A, AN and X are left-justified and space-filled;
 * N is right-justified and zero-filled; a field with no data is all spaces.
 *
 * Decoding is lossless by construction: a codec either returns a value whose
 * encoding is exactly the input slice ("canonical"), or returns the slice
 * itself and clears `state.canonical`, and the record then keeps its raw text.
 */
import {
  decodeHHMM, decodeHHMMSS, decodeMMCCYY, decodeMMDDCCYY, decodeMMDDYY,
  encodeHHMM, encodeHHMMSS, encodeMMCCYY, encodeMMDDCCYY, encodeMMDDYY,
  validHHMM, validHHMMSS, validMMCCYY, validMMDDCCYY, validMMDDYY,
} from './date.js';

export type FieldValue = string | number;

/** What a codec needs to know about a field; the spec's field rows satisfy it. */
export interface FieldShape {
  width: number;
  class: string;
  format: string;
}

export interface DecodeState {
  canonical: boolean;
}

/**
 * What a codec does, as data, so a layout can be compiled into one decoding
 * function (decode/compile.ts) that agrees with `decode` on every input.
 * `date` codecs are called as they are; the others are inlined.
 */
export type CodecKind =
  | { type: 'text' }
  | { type: 'filler' }
  | { type: 'constant'; constant: string }
  | { type: 'number'; decimals: number; signedSpaces: boolean }
  | { type: 'date'; format: DateFormat; valid(t: string, start: number): boolean };

export type DateFormat = 'MMDDCCYY' | 'MMDDYY' | 'MMCCYY' | 'HHMM' | 'HHMMSS';

export interface FieldCodec {
  readonly kind: CodecKind;
  /** `slice` is exactly `width` characters. Returns undefined for a blank field. */
  decode(slice: string, state: DecodeState): FieldValue | undefined;
  /** Returns the field text (exactly `width` characters) or a problem sentence. */
  encode(value: unknown): { text: string } | { problem: string };
}

const DIGITS = /^\d+$/;

/** All spaces (or empty): a field with no value. A loop, not a regular expression: lint calls it per field. */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 32) return false;
  return true;
}

export function rtrim(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

function textCodec(width: number): FieldCodec {
  return {
    kind: { type: 'text' },
    decode(slice) {
      const v = rtrim(slice);
      return v === '' ? undefined : v;
    },
    encode(value) {
      if (value === undefined || value === null || value === '') return { text: ' '.repeat(width) };
      if (typeof value !== 'string') return { problem: `expected text, got ${describe(value)}` };
      if (/[\r\n]/.test(value)) return { problem: 'text may not contain a line break' };
      if (value.length > width) return { problem: `value is ${value.length} characters, the field holds ${width}` };
      return { text: value.padEnd(width, ' ') };
    },
  };
}

function fillerCodec(width: number): FieldCodec {
  return {
    kind: { type: 'filler' },
    decode(slice, state) {
      if (!isBlank(slice)) state.canonical = false;
      return undefined;
    },
    encode(value) {
      if (value === undefined || value === null || value === '') return { text: ' '.repeat(width) };
      return { problem: 'filler takes no value' };
    },
  };
}

function constantCodec(width: number, constant: string): FieldCodec {
  return {
    kind: { type: 'constant', constant },
    decode(slice, state) {
      if (slice !== constant) state.canonical = false;
      return undefined;
    },
    encode() {
      return { text: constant.padEnd(width, ' ').slice(0, width) };
    },
  };
}

/**
 * N and (S)N with `decimals` implied decimal places (0 for integers).
 * Values beyond 2^53 cannot be a JSON number exactly; they decode to a decimal string.
 */
function numericCodec(width: number, decimals: number, signedSpaces: boolean): FieldCodec {
  const scale = 10 ** decimals;
  return {
    kind: { type: 'number', decimals, signedSpaces },
    decode(slice, state) {
      if (isBlank(slice)) return undefined;
      let digits = slice;
      if (!DIGITS.test(slice)) {
        const m = signedSpaces ? /^ +(\d+)$/.exec(slice) : null;
        if (!m) {
          state.canonical = false;
          return slice;
        }
        // (S)N allows leading spaces, but we re-encode zero-filled: keep raw.
        state.canonical = false;
        digits = m[1]!;
      }
      const n = Number(digits);
      // A double holds 15 significant digits for sure: past that, n / scale could
      // print (and encode) as a neighbouring number, so it is kept as text.
      if (!Number.isSafeInteger(n) || (decimals > 0 && n >= 1e15)) return toDecimalString(digits, decimals);
      return decimals === 0 ? n : n / scale;
    },
    encode(value) {
      if (value === undefined || value === null || value === '') return { text: ' '.repeat(width) };
      let digits: string;
      if (typeof value === 'number') {
        if (!Number.isFinite(value) || value < 0) return { problem: `expected a number of zero or more, got ${value}` };
        // The shortest decimal that reads back as this number (what decoding printed) is exact;
        // rounding value * scale is not (1e15 / 1e4 * 1e4 can land on .5 and round up).
        const exact = /e/.test(String(value)) ? undefined : fromDecimalString(String(value), decimals);
        if (exact !== undefined) {
          if (!Number.isSafeInteger(Number(exact))) return { problem: `${value} is too large to encode exactly; give it as a decimal string` };
          digits = exact;
        } else {
          // More decimals than the field has: accept what is only float noise (0.1 + 0.2).
          const n = Math.round(value * scale);
          if (Math.abs(n / scale - value) > 1e-9 * Math.max(1, Math.abs(value))) {
            return { problem: `${value} has more than ${decimals} decimal place${decimals === 1 ? '' : 's'}` };
          }
          if (!Number.isSafeInteger(n)) return { problem: `${value} is too large to encode exactly; give it as a decimal string` };
          digits = String(n);
        }
      } else if (typeof value === 'string') {
        const parsed = fromDecimalString(value, decimals);
        if (parsed === undefined) return { problem: `expected a number with at most ${decimals} decimal places, got ${JSON.stringify(value)}` };
        digits = parsed;
      } else {
        return { problem: `expected a number, got ${describe(value)}` };
      }
      if (digits.length > width) return { problem: `${String(value)} needs ${digits.length} digits, the field holds ${width}` };
      return { text: digits.padStart(width, '0') };
    },
  };
}

function toDecimalString(digits: string, decimals: number): string {
  const d = digits.replace(/^0+(?=\d)/, '');
  if (decimals === 0) return d;
  const p = d.padStart(decimals + 1, '0');
  return `${p.slice(0, -decimals)}.${p.slice(-decimals)}`;
}

function fromDecimalString(v: string, decimals: number): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > decimals) return undefined;
  const digits = (m[1]! + frac.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  return digits;
}

interface DateCodecSpec {
  decode: (s: string) => string | undefined;
  /** `decode` without the value: is `t[start, start + width)` a real date or time? */
  valid: (t: string, start: number) => boolean;
  encode: (v: string) => string | undefined;
  label: string;
  width: number;
}

function dateCodec(format: DateFormat, { decode, valid, encode, label, width }: DateCodecSpec): FieldCodec {
  return {
    kind: { type: 'date', format, valid },
    decode(slice, state) {
      if (isBlank(slice)) return undefined;
      const v = decode(slice);
      if (v === undefined) {
        state.canonical = false;
        return slice;
      }
      return v;
    },
    encode(value) {
      if (value === undefined || value === null || value === '') return { text: ' '.repeat(width) };
      if (typeof value !== 'string') return { problem: `expected ${label}, got ${describe(value)}` };
      const t = encode(value);
      if (t === undefined || t.length !== width) return { problem: `expected ${label}, got ${JSON.stringify(value)}` };
      return { text: t };
    },
  };
}

const DATE_CODECS: Record<DateFormat, DateCodecSpec> = {
  MMDDCCYY: { decode: decodeMMDDCCYY, valid: validMMDDCCYY, encode: encodeMMDDCCYY, label: 'a date CCYY-MM-DD', width: 8 },
  MMDDYY: { decode: decodeMMDDYY, valid: validMMDDYY, encode: encodeMMDDYY, label: 'a date CCYY-MM-DD between 1969 and 2068', width: 6 },
  MMCCYY: { decode: decodeMMCCYY, valid: validMMCCYY, encode: encodeMMCCYY, label: 'a month CCYY-MM (or a year CCYY)', width: 6 },
  HHMM: { decode: decodeHHMM, valid: validHHMM, encode: encodeHHMM, label: 'a time HH:MM', width: 4 },
  HHMMSS: { decode: decodeHHMMSS, valid: validHHMMSS, encode: encodeHHMMSS, label: 'a time HH:MM:SS', width: 6 },
};

export const KNOWN_CLASSES = ['A', 'AN', 'N', '(S)N', 'D', 'X', 'S'] as const;
export const KNOWN_FORMATS = [...Object.keys(DATE_CODECS), 'V0', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

/** Returns the codec for a field, or a sentence saying why the shape is not supported. */
export function codecFor(shape: FieldShape): FieldCodec | string {
  const { width, format } = shape;
  const cls = shape.class;
  if (format.startsWith('=')) {
    const c = format.slice(1);
    if (c.length !== width) return `constant ${JSON.stringify(c)} is ${c.length} characters, the field is ${width}`;
    return constantCodec(width, c);
  }
  if (cls === 'S') return format === '' ? fillerCodec(width) : `a filler cannot have format ${format}`;
  const dateFormat = (format === '' && cls === 'D' ? 'MMDDYY' : format) as DateFormat;
  const date = Object.hasOwn(DATE_CODECS, dateFormat) ? DATE_CODECS[dateFormat] : undefined;
  if (date) {
    if (date.width !== width) return `format ${format || 'MMDDYY'} needs ${date.width} columns, the field has ${width}`;
    if (cls !== 'N' && cls !== 'D' && cls !== 'AN' && cls !== 'X') return `class ${cls} cannot carry format ${format}`;
    return dateCodec(dateFormat, date);
  }
  const vm = /^V(\d)$/.exec(format);
  if (vm || format === '') {
    const decimals = vm ? Number(vm[1]) : 0;
    if (cls === 'N') return numericCodec(width, decimals, false);
    if (cls === '(S)N') return numericCodec(width, decimals, true);
    if (vm) return `class ${cls} cannot carry implied decimals`;
    if (cls === 'A' || cls === 'AN' || cls === 'X') return textCodec(width);
    return `unknown class ${JSON.stringify(cls)}`;
  }
  return `unknown format ${JSON.stringify(format)}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
