/**
 * The JSON model written as UTF-8 bytes straight from the record text: the
 * hot path of `convert --to ndjson` and of the tree writer. A canonical
 * record's fields are copied from its 80 columns into the output buffer by
 * one loop over the layout's field table, so no field object, no value string
 * and no intermediate JSON text is made per record. Other records (raw, unknown,
 * opaque) go through `JSON.stringify`, as `toJsonRecord` describes them.
 *
 * The bytes are exactly `JSON.stringify` of the model in UTF-8: a property
 * test compares the two on random records.
 */
import type { FieldCodec } from '../codec/field.js';
import { blankCodes, DATE_FORMATS, validDateCodes } from '../decode/compile.js';
import { codesOf, SPACES4, viewOfCodes, type Codes, type DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import type { Eol } from '../read/split.js';
import type { LayoutSpec } from '../spec/types.js';

/**
 * An output buffer that hands on what it holds: when full, on `flush`, and,
 * in `perCommit` mode, at every `commit` (so a text consumer gets one string
 * per record, as before this writer existed).
 */
export class ByteSink {
  buf: Buffer;
  /** `buf` seen as a DataView, for writers that store four bytes at a time. */
  view: DataView;
  pos = 0;

  constructor(
    private readonly emit: (bytes: Buffer) => void,
    private readonly options: { chunkSize?: number; perCommit?: boolean } = {},
  ) {
    this.buf = Buffer.allocUnsafe(options.chunkSize ?? 1 << 16);
    this.view = viewOf(this.buf);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.options.perCommit) {
      // A unit is handed on whole: grow instead of flushing in the middle of it.
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
      this.view = viewOf(bigger);
      return;
    }
    this.flush();
    if (n > this.buf.length) {
      this.buf = Buffer.allocUnsafe(n);
      this.view = viewOf(this.buf);
    }
  }

  /** A unit of output is complete (a record line, a group header). */
  commit(): void {
    if (this.options.perCommit) this.flush();
  }

  flush(): void {
    if (this.pos === 0) return;
    if (this.options.perCommit) {
      // The consumer copies the bytes (into a string) at once: the buffer is reused.
      this.emit(this.buf.subarray(0, this.pos));
    } else {
      this.emit(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(this.options.chunkSize ?? 1 << 16, this.buf.length));
      this.view = viewOf(this.buf);
    }
    this.pos = 0;
  }

  /** Writes a well-formed string (no lone surrogates) as UTF-8. */
  writeString(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit of a well-formed string.
    this.reserve(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
}

const viewOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.byteLength);

const HEX = '0123456789abcdef';

/**
 * Writes `t[i..end)` as the inside of a JSON string, escaping as
 * `JSON.stringify` does: `"` `\` and controls (short forms for \b \t \n \f \r),
 * lone surrogates as `\udxxx`; everything else as UTF-8. Returns the new
 * position. The caller reserved 6 bytes per character.
 */
function writeJsonChars(b: Buffer, p: number, t: string, i: number, end: number): number {
  for (; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      if (c === 0x22 || c === 0x5c) {
        b[p++] = 0x5c;
      }
      b[p++] = c;
    } else if (c < 0x20) {
      b[p++] = 0x5c;
      switch (c) {
        case 8: b[p++] = 0x62; break;
        case 9: b[p++] = 0x74; break;
        case 10: b[p++] = 0x6e; break;
        case 12: b[p++] = 0x66; break;
        case 13: b[p++] = 0x72; break;
        default:
          b[p++] = 0x75; b[p++] = 0x30; b[p++] = 0x30;
          b[p++] = HEX.charCodeAt(c >> 4); b[p++] = HEX.charCodeAt(c & 15);
      }
    } else if (c < 0x80) {
      b[p++] = c;
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < end ? t.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 63);
        b[p++] = 0x80 | ((cp >> 6) & 63);
        b[p++] = 0x80 | (cp & 63);
        i++;
      } else {
        b[p++] = 0x5c; b[p++] = 0x75;
        for (let k = 12; k >= 0; k -= 4) b[p++] = HEX.charCodeAt((c >> k) & 15);
      }
    } else {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 63);
      b[p++] = 0x80 | (c & 63);
    }
  }
  return p;
}

/** Above 15 significant digits a double may not hold a number: its codec decides. */
const MAX_INLINE_DIGITS = 15;

/** How a field is written: one entry of a layout's plan. */
const enum Op {
  Text = 0,
  Number = 1,
  Date = 2,
  /** Written as nothing; checked only (blank). */
  Filler = 3,
  /** Written as nothing; checked only (the constant, `extra` its index in `constants`). */
  Constant = 4,
}

/**
 * Ints per plan entry: op, start, end, key offset (in 64-bit words), key length
 * (in bytes), extra (decimals, date format or constant index), and for numbers
 * of more than 15 digits the index of their codec in `codecs` (else -1). A
 * constant has no key: its key slots hold it as one little-endian word and the
 * mask of its bytes when it is at most four bytes long (else 0 and 0).
 */
const STRIDE = 7;

/**
 * A layout's fields as a flat table that one shared function walks: one
 * function to optimise for every layout keeps the JIT's warm-up short (code
 * generated per layout took longer to compile than a million records to write).
 */
interface FieldsWriter {
  plan: Int32Array;
  /**
   * The head (`,"id":…[,"layout":…],"fields":`), then every key as `,"id":`
   * (and the value's opening quote for text and dates), each padded to whole
   * 64-bit words (little-endian) and stored eight bytes at a time: keys are most
   * of a record's bytes. The padding lands where the value is written next.
   * The words are held as doubles, copied bit for bit: eight bytes of UTF-8
   * are never a NaN (that needs a 0x7F or 0xFF byte right after a byte of
   * 0xF0 or more, and in UTF-8 0xF0-0xF4 are followed by 0x80-0xBF, and 0xFF
   * never occurs).
   */
  keys: Float64Array;
  headLength: number;
  /** The codecs of numbers of more than 15 digits. */
  codecs: FieldCodec[];
  /** Constants to check, adjacent ones joined (`PG` and `19` are one `PG19`). */
  constants: string[];
  /** Bytes the fields can take at most (6 per character when every one is escaped). */
  maxBytes: number;
}

/** The writer kept on the layout itself (a symbol key: not enumerable by JSON or spreads of interest), one property load per record. */
const WRITER = Symbol('catair.fieldsWriter');

function fieldsWriter(layout: LayoutSpec): FieldsWriter {
  const held = (layout as { [WRITER]?: FieldsWriter })[WRITER];
  if (held !== undefined) return held;
  const w = planFor(layout);
  Object.defineProperty(layout, WRITER, { value: w, enumerable: false });
  return w;
}

/** `,"id":…` and, when the id alone is ambiguous, `,"layout":…`. */
function recordId(layout: LayoutSpec): string {
  const layoutPart = layout.layout !== layout.record ? `,"layout":${JSON.stringify(layout.layout)}` : '';
  return `,"id":${JSON.stringify(layout.record)}${layoutPart}`;
}

function planFor(layout: LayoutSpec): FieldsWriter {
  const head = Buffer.from(`${recordId(layout)},"fields":`, 'utf8');
  const keyParts: Buffer[] = [head];
  let keyWords = Math.ceil(head.length / 8);
  const plan: number[] = [];
  const codecs: FieldCodec[] = [];
  const constants: string[] = [];
  let maxBytes = head.length + 2; // and the braces
  for (const f of layout.fields) {
    const kind = f.codec.kind;
    if (kind.type === 'filler') {
      plan.push(Op.Filler, f.start - 1, f.end, 0, 0, 0, -1);
      continue;
    }
    if (kind.type === 'constant') {
      // A constant filling its field right after another such one: one check for both.
      // (A constant fills its field: the spec is checked for it when it loads.)
      const last = plan.length - STRIDE;
      if (last >= 0 && plan[last] === Op.Constant && plan[last + 2] === f.start - 1) {
        constants[plan[last + 5]!] += kind.constant;
        plan[last + 2] = f.end;
        continue;
      }
      plan.push(Op.Constant, f.start - 1, f.end, 0, 0, constants.push(kind.constant) - 1, -1);
      continue;
    }
    const s = f.start - 1;
    const e = f.end;
    let op: Op;
    let extra = 0;
    let codec = -1;
    if (kind.type === 'text') op = Op.Text;
    else if (kind.type === 'number') {
      op = Op.Number;
      extra = kind.decimals;
      if (e - s > MAX_INLINE_DIGITS) codec = codecs.push(f.codec) - 1;
    } else {
      op = Op.Date;
      extra = DATE_FORMATS.indexOf(kind.format);
    }
    const name = JSON.stringify(f.id) + ':';
    const key = Buffer.from(',' + name + (op === Op.Text || op === Op.Date ? '"' : ''), 'utf8');
    plan.push(op, s, e, keyWords, key.length, extra, codec);
    keyParts.push(key);
    keyWords += Math.ceil(key.length / 8);
    // A comma, the key, two quotes and at most six bytes a character (escaped), with room to spare.
    maxBytes += 1 + Buffer.byteLength(name, 'utf8') + 2 + 6 * (e - s) + 16;
  }
  const padded = Buffer.alloc(keyWords * 8);
  let at = 0;
  for (const part of keyParts) {
    part.copy(padded, at);
    at += Math.ceil(part.length / 8) * 8;
  }
  const keys = new Float64Array(keyWords);
  for (let i = 0; i < keyWords; i++) keys[i] = padded.readDoubleLE(i * 8);
  // Constants of up to four bytes are also kept as one word and its mask (in the
  // key slots, which constants do not use): one comparison where the codes are bytes.
  for (let k = 0; k < plan.length; k += STRIDE) {
    const c = plan[k] === Op.Constant ? constants[plan[k + 5]!]! : '';
    if (c.length === 0 || c.length > 4 || !/^[\x00-\xff]*$/.test(c)) continue;
    let word = 0;
    for (let i = c.length - 1; i >= 0; i--) word = (word << 8) | c.charCodeAt(i);
    plan[k + 3] = word | 0;
    plan[k + 4] = c.length === 4 ? -1 : (1 << (8 * c.length)) - 1;
  }
  return { plan: Int32Array.from(plan), keys, headLength: head.length, codecs, constants, maxBytes: maxBytes + 8 };
}

const CODEC_STATE = { canonical: true };

/** Eight spaces read as one double: a normal number, so `===` to it holds for exactly those eight bytes. */
const SPACES8 = Buffer.alloc(8, 32).readDoubleLE(0);

/**
 * Writes `,"id":…[,"layout":…],"fields":{…}` of a canonical record of exactly
 * the layout's width at `p` (through `b`, or `dv` for whole words) and returns
 * the new position; the caller reserved `w.maxBytes`. Columns are read from the
 * character codes `u[a…]` (`uv` views them when they are bytes), `t` only for
 * characters JSON escapes and for codecs. Canonical means every number is
 * all digits or all spaces, every date a real date or blank, every filler
 * blank and every constant in place: this is checked while writing (one pass per record), and a record that is not
 * canonical returns -1, what was written past `p` to be dropped.
 * Numbers of up to 15 significant digits are written digit by digit: `String(n / 10^d)`
 * of such a number is its digits with leading integer zeros and trailing
 * fraction zeros removed (15 significant digits always round-trip through a
 * double). Dates are their digits moved into ISO order, as codec/date.ts
 * decodes them.
 */
function writeFields(t: string, u: Codes, a: number, uv: DataView | undefined, b: Buffer, dv: DataView, p: number, w: FieldsWriter): number {
  const { plan, keys } = w;
  for (let q = 0; q < w.headLength; q += 8) dv.setFloat64(p + q, keys[q >> 3]!, true);
  p += w.headLength;
  // Every field is written with a comma before its key; the first comma becomes the `{`.
  const open = p;
  for (let k = 0; k < plan.length; k += STRIDE) {
    const s = plan[k + 1]!;
    const e = plan[k + 2]!;
    // One branch per field: each kind is checked and written in its own case.
    switch (plan[k]!) {
      case Op.Text: {
        // Text fields are mostly padding: eight, then four spaces at a time where the codes are bytes.
        let j = e;
        if (uv !== undefined) {
          while (j - s >= 8 && uv.getFloat64(a + j - 8) === SPACES8) j -= 8;
          // The last four columns (big-endian: the last is the low byte) xor spaces: its
          // trailing zero bytes are the trailing spaces.
          const x = j - s >= 4 ? uv.getInt32(a + j - 4) ^ SPACES4 : 0;
          if (x !== 0) j -= (31 - Math.clz32(x & -x)) >> 3;
          else while (j > s && u[a + j - 1]! === 32) j--;
        } else while (j > s && u[a + j - 1]! === 32) j--;
        if (j === s) continue;
        // The key ends with the opening quote. Plain ASCII is copied; anything JSON
        // escapes or UTF-8 widens goes to writeJsonChars.
        p = writeKey(dv, p, keys, plan[k + 3]!, plan[k + 4]!);
        let i = s;
        if (uv !== undefined) {
          // Four columns at a time while none needs escaping: no byte below 0x20 or above 0x7E, no `"` or `\`
          // (exact "some byte is" tests: a byte below n, above n, zero after xor).
          for (; i + 4 <= j; i += 4) {
            const x = uv.getInt32(a + i, true);
            const q = x ^ 0x22222222;
            const bs = x ^ 0x5c5c5c5c;
            if ((((x - 0x20202020) & ~x) | (x + 0x01010101) | x | ((q - 0x01010101) & ~q) | ((bs - 0x01010101) & ~bs)) & 0x80808080) break;
            dv.setInt32(p, x, true);
            p += 4;
          }
        }
        for (; i < j; i++) {
          const c = u[a + i]!;
          if (c < 32 || c > 126 || c === 34 || c === 92) break;
          b[p++] = c;
        }
        if (i < j) p = writeJsonChars(b, p, t, i, j);
        b[p++] = 34;
        continue;
      }
      case Op.Number: {
        // All spaces, or else all digits (a leading space keeps an (S)N raw, as its codec says).
        if (u[a + s]! === 32) {
          if (!blankCodes(u, a + s + 1, a + e)) return -1;
          continue;
        }
        for (let i = a + s; i < a + e; i++) {
          const c = u[i]!;
          if (c < 48 || c > 57) return -1;
        }
        // The integer part's leading zeros are not written: `i` is its first digit that is.
        const intEnd = e - plan[k + 5]!;
        let i = s;
        while (i < intEnd - 1 && u[a + i]! === 48) i++;
        if (e - i > MAX_INLINE_DIGITS) {
          // Past 15 significant digits a double may not hold the number: its codec decides.
          // (This test is made for every number, and wide fields mostly hold small numbers:
          // a branch first taken after the JIT compiled this function has it compiled again.)
          CODEC_STATE.canonical = true;
          const v = w.codecs[plan[k + 6]!]!.decode(t.slice(s, e), CODEC_STATE);
          if (!CODEC_STATE.canonical) return -1;
          p = writeKey(dv, p, keys, plan[k + 3]!, plan[k + 4]!);
          const text = JSON.stringify(v);
          for (let q = 0; q < text.length; q++) b[p++] = text.charCodeAt(q);
          continue;
        }
        p = writeKey(dv, p, keys, plan[k + 3]!, plan[k + 4]!);
        if (intEnd > s) for (; i < intEnd; i++) b[p++] = u[a + i]!;
        else b[p++] = 48;
        const fracStart = intEnd > s ? intEnd : s;
        let j = e;
        while (j > fracStart && u[a + j - 1]! === 48) j--;
        if (j > fracStart) {
          b[p++] = 46;
          for (let q = fracStart; q < j; q++) b[p++] = u[a + q]!;
        }
        continue;
      }
      case Op.Date:
        // All spaces, or else a real date, its digits moved into ISO order.
        if (u[a + s]! === 32) {
          if (!blankCodes(u, a + s + 1, a + e)) return -1;
          continue;
        }
        if (!validDateCodes(u, a, s, t.length, plan[k + 5]!)) return -1;
        p = writeKey(dv, p, keys, plan[k + 3]!, plan[k + 4]!);
        p = writeDate(u, a + s, plan[k + 5]!, b, p);
        b[p++] = 34;
        continue;
      case Op.Filler: {
        // Fillers run to 71 columns: eight at a time where the codes are bytes.
        let i = a + s;
        if (uv !== undefined) for (; i + 8 <= a + e; i += 8) if (uv.getFloat64(i) !== SPACES8) return -1;
        if (!blankCodes(u, i, a + e)) return -1;
        continue;
      }
      default: {
        // Op.Constant: a word and its mask where it has them (see planFor).
        const mask = plan[k + 4]!;
        if (mask !== 0 && uv !== undefined && s + 4 <= t.length) {
          if ((uv.getInt32(a + s, true) & mask) !== plan[k + 3]!) return -1;
          continue;
        }
        const c = w.constants[plan[k + 5]!]!;
        if (e > t.length) return -1;
        for (let i = 0; i < c.length; i++) if (u[a + s + i] !== c.charCodeAt(i)) return -1;
      }
    }
  }
  if (p === open) b[p++] = 123;
  else b[open] = 123;
  b[p++] = 125;
  return p;
}

/** Writes the key of `kl` bytes stored from word `kw` of `keys` at `p`; returns the new position. */
function writeKey(dv: DataView, p: number, keys: Float64Array, kw: number, kl: number): number {
  for (let q = 0; q < kl; q += 8) dv.setFloat64(p + q, keys[kw + (q >> 3)]!, true);
  return p + kl;
}

/** The ISO form of a real date or time at `u[s, …)` in the format numbered in DATE_FORMATS (decode/compile.ts). */
function writeDate(u: Codes, s: number, format: number, b: Buffer, p: number): number {
  switch (DATE_FORMATS[format]) {
    case 'MMDDCCYY': // CCYY-MM-DD
      b[p] = u[s + 4]!; b[p + 1] = u[s + 5]!; b[p + 2] = u[s + 6]!; b[p + 3] = u[s + 7]!;
      b[p + 4] = 45; b[p + 5] = u[s]!; b[p + 6] = u[s + 1]!;
      b[p + 7] = 45; b[p + 8] = u[s + 2]!; b[p + 9] = u[s + 3]!;
      return p + 10;
    case 'MMDDYY': {
      // The POSIX pivot: 69-99 are 19xx, 00-68 are 20xx.
      const late = (u[s + 4]! - 48) * 10 + u[s + 5]! - 48 >= 69;
      b[p] = late ? 49 : 50; b[p + 1] = late ? 57 : 48; b[p + 2] = u[s + 4]!; b[p + 3] = u[s + 5]!;
      b[p + 4] = 45; b[p + 5] = u[s]!; b[p + 6] = u[s + 1]!;
      b[p + 7] = 45; b[p + 8] = u[s + 2]!; b[p + 9] = u[s + 3]!;
      return p + 10;
    }
    case 'MMCCYY': // CCYY-MM, or CCYY for month 00 (only the year is known, PGA p.28)
      b[p] = u[s + 2]!; b[p + 1] = u[s + 3]!; b[p + 2] = u[s + 4]!; b[p + 3] = u[s + 5]!;
      if (u[s]! === 48 && u[s + 1]! === 48) return p + 4;
      b[p + 4] = 45; b[p + 5] = u[s]!; b[p + 6] = u[s + 1]!;
      return p + 7;
    case 'HHMM': // HH:MM
      b[p] = u[s]!; b[p + 1] = u[s + 1]!; b[p + 2] = 58; b[p + 3] = u[s + 2]!; b[p + 4] = u[s + 3]!;
      return p + 5;
    default: // HHMMSS → HH:MM:SS
      b[p] = u[s]!; b[p + 1] = u[s + 1]!; b[p + 2] = 58; b[p + 3] = u[s + 2]!; b[p + 4] = u[s + 3]!;
      b[p + 5] = 58; b[p + 6] = u[s + 4]!; b[p + 7] = u[s + 5]!;
      return p + 8;
  }
}

/**
 * `{"record":` and the number of the record written last, in three 64-bit words
 * stored whole: records come in order, so the next number is mostly this one
 * counted up in place, a digit or two changed instead of every digit divided
 * out again, and no byte is written one at a time.
 */
const numberHead = Buffer.from('{"record":0             ', 'latin1');
const numberHeadView = viewOf(numberHead);
const DIGITS_AT = 10;
let numberDigits = 1;
/** -2: none yet (0 is a number that follows -1). */
let lastNumber = -2;

/** Writes `{"record":N` at `p` through `dv` (24 bytes reserved); returns the new position. */
function writeRecordNumber(b: Buffer, dv: DataView, p: number, n: number): number {
  const h = numberHead;
  if (n > 0x7fffffff) {
    for (let i = 0; i < DIGITS_AT; i++) b[p + i] = h[i]!;
    return p + DIGITS_AT + b.write(String(n), p + DIGITS_AT, 'latin1');
  }
  if (n === lastNumber + 1) {
    let i = DIGITS_AT + numberDigits - 1;
    while (i >= DIGITS_AT && h[i] === 57) h[i--] = 48;
    if (i >= DIGITS_AT) h[i]!++;
    else {
      // 9…9 + 1: a 1 and as many zeros.
      h[DIGITS_AT] = 49;
      h[DIGITS_AT + numberDigits++] = 48;
    }
  } else {
    numberDigits = n < 1e4 ? (n < 10 ? 1 : n < 100 ? 2 : n < 1e3 ? 3 : 4) : n < 1e6 ? (n < 1e5 ? 5 : 6) : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
    for (let q = DIGITS_AT + numberDigits, x = n; q > DIGITS_AT; x = (x / 10) | 0) h[--q] = 48 + (x % 10);
  }
  lastNumber = n;
  // ASCII, so never a NaN: copied as three doubles, bit for bit.
  const v = numberHeadView;
  dv.setFloat64(p, v.getFloat64(0, true), true);
  dv.setFloat64(p + 8, v.getFloat64(8, true), true);
  dv.setFloat64(p + 16, v.getFloat64(16, true), true);
  return p + DIGITS_AT + numberDigits;
}

/**
 * Writes `JSON.stringify(toJsonRecord(r, defaultEol))`, ending with `pathTail`
 * when given (`,"path":{…}}` and a line feed, from PathJson), else with `}`. A record without
 * `fields` whose layout has fields is canonical and decoded from its text here.
 */
export function writeJsonRecord(sink: ByteSink, r: DecodedRecord, defaultEol: Eol, pathTail?: Uint8Array): void {
  const layout = r.layout;
  const tailBytes = pathTail ? pathTail.length : 1;
  if (layout !== undefined && !layout.opaque && r.fields === undefined && r.canonical && r.eol === defaultEol) {
    // The hot path: a canonical record, its fields written from its text. A record only
    // presumed canonical (`settle`) is written optimistically; if a field proves not to be,
    // nothing is kept and it is written below as the decoder then describes it.
    const writer = fieldsWriter(layout);
    sink.reserve(33 + writer.maxBytes + tailBytes);
    const b = sink.buf;
    let p = writeRecordNumber(b, sink.view, sink.pos, r.n);
    p = r.codes ? writeFields(r.text, r.codes, r.at ?? 0, viewOfCodes(r.codes), b, sink.view, p, writer) : writeFields(r.text, codesOf(r.text), 0, undefined, b, sink.view, p, writer);
    const settle = r.settle;
    if (p >= 0) {
      // Canonical: settled (the decoder has nothing more to do for it).
      if (settle !== undefined) r.settle = undefined;
      if (pathTail) {
        b.set(pathTail, p);
        p += pathTail.length;
      } else b[p++] = 125;
      sink.pos = p;
      return;
    }
    if (settle === undefined) throw new Error(`record ${r.n} was taken as canonical but is not`);
    settle(r, false);
  } else if (r.settle !== undefined) r.settle(r);
  // Every other record: raw, unknown, opaque, decoded as objects, or with another line ending.
  sink.reserve(32);
  sink.pos = writeRecordNumber(sink.buf, sink.view, sink.pos, r.n);
  let tail: string;
  if (layout && !layout.opaque && r.fields === undefined && r.canonical) {
    const writer = fieldsWriter(layout);
    sink.reserve(writer.maxBytes);
    const p = r.codes
      ? writeFields(r.text, r.codes, r.at ?? 0, viewOfCodes(r.codes), sink.buf, sink.view, sink.pos, writer)
      : writeFields(r.text, codesOf(r.text), 0, undefined, sink.buf, sink.view, sink.pos, writer);
    if (p < 0) throw new Error(`record ${r.n} was taken as canonical but is not`);
    sink.pos = p;
    tail = '';
  } else {
    tail = layout ? recordId(layout) : ',"id":null';
    if (r.fields) tail += ',"fields":' + JSON.stringify(r.fields);
  }
  if (!r.canonical) tail += ',"raw":' + JSON.stringify(r.text);
  if (r.eol !== defaultEol) tail += ',"eol":"' + r.eol + '"';
  sink.writeString(tail);
  sink.reserve(tailBytes);
  if (pathTail) {
    sink.buf.set(pathTail, sink.pos);
    sink.pos += pathTail.length;
  } else sink.buf[sink.pos++] = 125;
}

/**
 * The end of an NDJSON line for the open groups: `,"path":`, the path's JSON
 * (`JSON.stringify(toJsonPath(path))`), the record's closing brace and the
 * line feed, made when a group opens, so that a record copies it in one piece.
 * Each is the parent's bytes without their last three (`}}` and the line
 * feed), then `,"level":label}}` and a line feed, written into a shared slab
 * (no string and no buffer of its own per group).
 */
export class PathJson {
  /** For each depth: the line's end with the path to it. */
  private bytes: Uint8Array[] = [EMPTY_TAIL];
  /** For each depth: the level whose key `keys` holds, and the key (`"level":`, after the first `,"level":`). */
  private readonly levels: string[] = [];
  private readonly keys: Buffer[] = [];
  private slab = Buffer.allocUnsafe(PATH_SLAB);
  private used = 0;

  /** `path` ends with the group that just opened. */
  open(path: readonly Group[]): void {
    const d = path.length;
    if (this.bytes.length !== d) return this.rebuild(path);
    const g = path[d - 1]!;
    const parent = this.bytes[d - 1]!;
    const label = g.label ?? String(g.index);
    // A depth mostly holds one level: its key is made again only when the level differs.
    if (this.levels[d] !== g.level) {
      this.levels[d] = g.level;
      this.keys[d] = Buffer.from(`${d > 1 ? ',' : ''}"${g.level}":`, 'utf8');
    }
    const key = this.keys[d]!;
    // The label's characters take at most 6 bytes each once escaped.
    const most = parent.length - 3 + key.length + label.length * 6 + 5;
    if (this.used + most > this.slab.length) {
      this.slab = Buffer.allocUnsafe(Math.max(PATH_SLAB, most));
      this.used = 0;
    }
    const b = this.slab;
    const start = this.used;
    // The parent whole, its end then overwritten: no subarray to make.
    b.set(parent, start);
    let p = start + parent.length - 3;
    b.set(key, p);
    p += key.length;
    b[p++] = 34;
    p = writeJsonChars(b, p, label, 0, label.length);
    b[p++] = 34;
    b[p++] = 125;
    b[p++] = 125;
    b[p++] = 10;
    this.used = p;
    // A plain view, not `subarray`: a Buffer's subarray costs a Buffer construction, once per group.
    this.bytes.push(new Uint8Array(b.buffer, b.byteOffset + start, p - start));
  }

  /** `path` still ends with the group that is closing. */
  close(path: readonly Group[]): void {
    this.bytes.length = Math.min(this.bytes.length, path.length);
  }

  current(path: readonly Group[]): Uint8Array {
    if (this.bytes.length !== path.length + 1) this.rebuild(path);
    return this.bytes[path.length]!;
  }

  private rebuild(path: readonly Group[]): void {
    this.bytes = [EMPTY_TAIL];
    for (let d = 1; d <= path.length; d++) this.open(path.slice(0, d));
  }
}

/** The end of a record outside every group: an empty path. */
const EMPTY_TAIL = Buffer.from(',"path":{}}\n');

const PATH_SLAB = 1 << 16;
