/**
 * Each layout turned once into a flat table of its fields that two small
 * loops walk: one decodes a record's fields into an object, one only says
 * whether a record is canonical (for writers that take the values from the
 * text themselves, model/json-bytes.ts). The common cases (right-trimmed text,
 * blank or all-digit numbers, fillers, constants, dates in place) are done
 * here without slicing; anything irregular goes to the field's codec, so both
 * agree with the codecs on every input.
 *
 * One shared loop rather than code generated per layout: the JIT compiles it
 * once, where a hundred generated functions took longer to optimise than a
 * million records take to decode.
 */
import type { DateFormat, DecodeState, FieldCodec, FieldValue } from '../codec/field.js';
import { isRealDate } from '../codec/date.js';
import type { LayoutSpec } from '../spec/types.js';
import { SPACES4, viewOfCodes, type Codes } from './record.js';

export type Fields = Record<string, FieldValue>;

export interface CompiledLayout {
  /**
   * Typed values by field id; blanks, fillers and constants are absent. `text`
   * must be at least as long as the layout; `state.canonical` is cleared as the
   * codecs clear it.
   */
  fields(text: string, state: DecodeState): Fields;
  /**
   * Whether `fields` would leave `state.canonical` set, for text at least as
   * long as the layout whose character codes are `codes[at…]`.
   */
  canonical(text: string, codes: Codes, at: number): boolean;
}

const enum Op {
  Text,
  Filler,
  Constant,
  Number,
  Date,
  Codec,
}

/** Above 15 digits a number may not be a safe integer: the codec decides. */
const MAX_INLINE_DIGITS = 15;

interface Step {
  op: Op;
  /** 0-based start and exclusive end. */
  s: number;
  e: number;
  id: string;
  codec: FieldCodec;
  /** Numbers: 10^decimals. */
  scale: number;
  /** Constants: the text. */
  constant: string;
  /** As many spaces as the field is wide. */
  spaces: string;
  /** Dates: the format's number in DATE_FORMATS (-1 for another codec). */
  date: number;
}

/** The compiled form kept on the layout itself (non-enumerable symbol key): one property load per record. */
const COMPILED = Symbol('catair.compiledLayout');

export function compiledLayout(layout: LayoutSpec): CompiledLayout {
  let c = (layout as { [COMPILED]?: CompiledLayout })[COMPILED];
  if (!c) {
    const steps = layout.fields.map(stepFor);
    // Text is always canonical: the check skips it.
    const checked = steps.filter((f) => f.op !== Op.Text);
    c = { fields: (text, state) => decodeFields(text, state, steps), canonical: (text, codes, at) => isCanonical(text, codes, at, checked) };
    Object.defineProperty(layout, COMPILED, { value: c, enumerable: false });
  }
  return c;
}

function stepFor(f: LayoutSpec['fields'][number]): Step {
  const kind = f.codec.kind;
  const step: Step = { op: Op.Codec, s: f.start - 1, e: f.end, id: f.id, codec: f.codec, scale: 1, constant: '', spaces: ' '.repeat(f.end - f.start + 1), date: -1 };
  switch (kind.type) {
    case 'text':
      step.op = Op.Text;
      break;
    case 'filler':
      step.op = Op.Filler;
      break;
    case 'constant':
      step.op = Op.Constant;
      step.constant = kind.constant;
      break;
    case 'number':
      if (f.end - f.start + 1 <= MAX_INLINE_DIGITS) {
        step.op = Op.Number;
        step.scale = 10 ** kind.decimals;
      }
      break;
    case 'date':
      step.op = Op.Date;
      step.date = DATE_FORMATS.indexOf(kind.format);
      break;
  }
  return step;
}

/** Is the field all spaces? Past a dozen columns a native comparison beats a loop (fillers run to 71). */
function blank(t: string, f: Step): boolean {
  const { s, e } = f;
  if (e - s > 12) return t.charCodeAt(s) === 32 && t.startsWith(f.spaces, s);
  for (let i = s; i < e; i++) if (t.charCodeAt(i) !== 32) return false;
  return true;
}

function decodeFields(t: string, st: DecodeState, steps: Step[]): Fields {
  const o: Fields = {};
  for (let k = 0; k < steps.length; k++) {
    const f = steps[k]!;
    const { s, e } = f;
    switch (f.op) {
      case Op.Text: {
        // Text is always canonical: right-trimmed, padding restores it.
        let j = e;
        while (j > s && t.charCodeAt(j - 1) === 32) j--;
        if (j > s) o[f.id] = t.slice(s, j);
        continue;
      }
      case Op.Filler:
        if (!blank(t, f)) st.canonical = false;
        continue;
      case Op.Constant:
        if (!t.startsWith(f.constant, s)) st.canonical = false;
        continue;
      case Op.Number: {
        let n = 0;
        let i = s;
        for (; i < e; i++) {
          const c = t.charCodeAt(i) - 48;
          if (c < 0 || c > 9) break;
          n = n * 10 + c;
        }
        if (i === e) {
          o[f.id] = f.scale === 1 ? n : n / f.scale;
          continue;
        }
        if (blank(t, f)) continue;
        break; // not digits: the codec keeps the text and clears canonical
      }
      case Op.Date:
        if (blank(t, f)) continue;
        break;
    }
    const v = f.codec.decode(t.slice(s, e), st);
    if (v !== undefined) o[f.id] = v;
  }
  return o;
}

/** Whether the codes `u[from, to)` are all spaces. */
export function blankCodes(u: Codes, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (u[i] !== 32) return false;
  return true;
}

const CODEC_STATE: DecodeState = { canonical: true };

function isCanonical(t: string, u: Codes, at: number, steps: Step[]): boolean {
  const uv = viewOfCodes(u);
  for (let k = 0; k < steps.length; k++) {
    const f = steps[k]!;
    const { s, e } = f;
    switch (f.op) {
      case Op.Filler: {
        // Fillers run to 71 columns: four at a time where the codes are bytes.
        let i = at + s;
        if (uv !== undefined) for (; i + 4 <= at + e; i += 4) if (uv.getInt32(i) !== SPACES4) return false;
        if (!blankCodes(u, i, at + e)) return false;
        continue;
      }
      case Op.Constant: {
        const c = f.constant;
        if (s + c.length > t.length) return false;
        for (let i = 0; i < c.length; i++) if (u[at + s + i] !== c.charCodeAt(i)) return false;
        continue;
      }
      case Op.Number:
        // All digits or all spaces; anything else keeps raw.
        if (u[at + s] === 32) {
          if (!blankCodes(u, at + s, at + e)) return false;
        } else {
          for (let i = at + s; i < at + e; i++) {
            const c = u[i]!;
            if (c < 48 || c > 57) return false;
          }
        }
        continue;
      case Op.Date:
        if (!validDateCodes(u, at, s, t.length, f.date) && !blankCodes(u, at + s, at + e)) return false;
        continue;
      default:
        CODEC_STATE.canonical = true;
        f.codec.decode(t.slice(s, e), CODEC_STATE);
        if (!CODEC_STATE.canonical) return false;
    }
  }
  return true;
}

/** Date and time formats by number: `validDateCodes` and the NDJSON writer (model/json-bytes.ts) take the number. */
export const DATE_FORMATS: readonly DateFormat[] = ['MMDDCCYY', 'MMDDYY', 'MMCCYY', 'HHMM', 'HHMMSS'];
const DATE_WIDTHS = [8, 6, 6, 4, 6];

/**
 * codec/date.ts's `valid*` on character codes: is the text's `[s, …)` (the
 * codes' `[at + s, …)`, `length` characters in all) a real date or time in
 * format `format` (an index in DATE_FORMATS)?
 */
export function validDateCodes(u: Codes, at: number, s: number, length: number, format: number): boolean {
  const n = DATE_WIDTHS[format]!;
  if (s + n > length) return false;
  const b = at + s;
  for (let i = b; i < b + n; i++) {
    const c = u[i]!;
    if (c < 48 || c > 57) return false;
  }
  const two = (i: number) => (u[b + i]! - 48) * 10 + u[b + i + 1]! - 48;
  switch (format) {
    case 0:
      return isRealDate(two(4) * 100 + two(6), two(0), two(2));
    case 1: {
      const yy = two(4);
      return isRealDate(yy >= 69 ? 1900 + yy : 2000 + yy, two(0), two(2));
    }
    case 2:
      return two(0) <= 12;
    case 3: {
      const h = two(0), m = two(2);
      return m <= 59 && h <= 24 && (h !== 24 || m === 0);
    }
    default: {
      const h = two(0), m = two(2), sec = two(4);
      return m <= 59 && sec <= 59 && h <= 24 && (h !== 24 || (m === 0 && sec === 0));
    }
  }
}
