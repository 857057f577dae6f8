/**
 * The JSON model written as UTF-8 bytes straight from the record text: the
 * hot path of `convert --to ndjson` and of the tree writer. A canonical
 * record's fields are copied from its 80 columns into the output buffer by
 * code generated once per layout, so no field object, no value string and no
 * intermediate JSON text is made per record. Other records (raw, unknown,
 * opaque) go through `JSON.stringify`, as `toJsonRecord` describes them.
 *
 * The bytes are exactly `JSON.stringify` of the model in UTF-8: a property
 * test compares the two on random records.
 */
import type { FieldCodec } from '../codec/field.js';
import type { DecodedRecord } from '../decode/record.js';
import type { Eol } from '../read/split.js';
import type { LayoutSpec } from '../spec/types.js';

/**
 * An output buffer that hands on what it holds: when full, on `flush`, and,
 * in `perCommit` mode, at every `commit` (so a text consumer gets one string
 * per record, as before this writer existed).
 */
export class ByteSink {
  buf: Buffer;
  pos = 0;

  constructor(
    private readonly emit: (bytes: Buffer) => void,
    private readonly options: { chunkSize?: number; perCommit?: boolean } = {},
  ) {
    this.buf = Buffer.allocUnsafe(options.chunkSize ?? 1 << 16);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.options.perCommit) {
      // A unit is handed on whole: grow instead of flushing in the middle of it.
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
      return;
    }
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
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

const HEX = '0123456789abcdef';

/**
 * Writes `t[i..end)` as the inside of a JSON string, escaping as
 * `JSON.stringify` does: `"` `\` and controls (short forms for \b \t \n \f \r),
 * lone surrogates as `\udxxx`; everything else as UTF-8. Returns the new
 * position. The caller reserved 6 bytes per character.
 */
export function writeJsonChars(b: Buffer, p: number, t: string, i: number, end: number): number {
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

/** Writes a canonical record's `{...}` fields object; the caller reserved `maxBytes`. */
interface FieldsWriter {
  write(t: string, sink: ByteSink): void;
  maxBytes: number;
}

/** Above 15 digits a number may not be a safe integer: the codec decides. */
const MAX_INLINE_DIGITS = 15;

const writers = new WeakMap<LayoutSpec, FieldsWriter>();

function fieldsWriter(layout: LayoutSpec): FieldsWriter {
  let w = writers.get(layout);
  if (!w) {
    w = compileWriter(layout);
    writers.set(layout, w);
  }
  return w;
}

/**
 * Generated code for one layout. Precondition: the record is canonical and
 * exactly the layout's width (the decoder checked it), so every number is all
 * digits or all spaces, every date is a real date or blank, fillers are blank.
 * Numbers of up to 15 digits are written digit by digit: `String(n / 10^d)` of
 * such a number is its digits with leading integer zeros and trailing fraction
 * zeros removed (15 significant digits always round-trip through a double).
 */
function compileWriter(layout: LayoutSpec): FieldsWriter {
  const sound = layout.fields.every((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 1 && f.end >= f.start);
  if (sound) {
    try {
      return generatedWriter(layout);
    } catch {
      // Code generation can be disabled (node --disallow-code-generation-from-strings).
    }
  }
  return interpretedWriter(layout);
}

function generatedWriter(layout: LayoutSpec): FieldsWriter {
  const codecs: FieldCodec[] = [];
  let maxBytes = 2;
  const body: string[] = ['const b = w.buf; let p = w.pos, i, j, v, first = true;', 'b[p++] = 123;'];
  /** Straight-line stores of a key's bytes, with the comma when it is not the first. */
  const key = (id: string) => {
    const bytes = [...Buffer.from(JSON.stringify(id) + ':', 'utf8')];
    maxBytes += bytes.length + 1;
    return `if (first) first = false; else b[p++] = 44; ${bytes.map((x, k) => `b[p + ${k}] = ${x};`).join(' ')} p += ${bytes.length};`;
  };
  for (const f of layout.fields) {
    const s = f.start - 1;
    const e = f.end;
    const width = e - s;
    const k = codecs.push(f.codec) - 1;
    const kind = f.codec.kind;
    if (kind.type === 'filler' || kind.type === 'constant') continue;
    if (kind.type === 'text') {
      maxBytes += 2 + 6 * width;
      body.push(`j = ${e}; while (j > ${s} && t.charCodeAt(j - 1) === 32) j--;`);
      body.push(`if (j > ${s}) { ${key(f.id)} b[p++] = 34;`);
      // Plain ASCII is copied; anything JSON escapes or UTF-8 widens goes to writeJsonChars.
      body.push(`  for (i = ${s}; i < j; i++) { v = t.charCodeAt(i); if (v < 32 || v > 126 || v === 34 || v === 92) break; b[p++] = v; }`);
      body.push(`  if (i < j) p = X(b, p, t, i, j); b[p++] = 34; }`);
    } else if (kind.type === 'number' && width <= MAX_INLINE_DIGITS) {
      maxBytes += width + 1;
      const intEnd = e - kind.decimals;
      body.push(`if (t.charCodeAt(${s}) !== 32) { ${key(f.id)}`);
      if (intEnd > s) {
        body.push(`  i = ${s}; while (i < ${intEnd - 1} && t.charCodeAt(i) === 48) i++; for (; i < ${intEnd}; i++) b[p++] = t.charCodeAt(i);`);
      } else body.push('  b[p++] = 48;');
      if (kind.decimals) {
        const fracStart = Math.max(intEnd, s);
        body.push(`  j = ${e}; while (j > ${fracStart} && t.charCodeAt(j - 1) === 48) j--;`);
        body.push(`  if (j > ${fracStart}) { b[p++] = 46; for (i = ${fracStart}; i < j; i++) b[p++] = t.charCodeAt(i); }`);
      }
      body.push('}');
    } else {
      // Dates, and numbers too wide to be sure of: the codec's own value.
      maxBytes += 2 + 6 * width + 16;
      body.push(`v = C[${k}].decode(t.slice(${s}, ${e}), S);`);
      body.push(`if (v !== undefined) { ${key(f.id)} if (typeof v === 'number') { v = String(v); for (i = 0; i < v.length; i++) b[p++] = v.charCodeAt(i); } else { b[p++] = 34; p = X(b, p, v, 0, v.length); b[p++] = 34; } }`);
    }
  }
  body.push('b[p++] = 125; w.pos = p;');
  const write = new Function('C', 'S', 'X', `return function write_${layout.layout.replace(/\W/g, '_')}(t, w) {\n${body.join('\n')}\n};`)(
    codecs,
    { canonical: true },
    writeJsonChars,
  ) as FieldsWriter['write'];
  return { write, maxBytes };
}

/** The same output with no generated code. */
function interpretedWriter(layout: LayoutSpec): FieldsWriter {
  return {
    maxBytes: 0,
    write(t, sink) {
      const fields: Record<string, unknown> = {};
      for (const f of layout.fields) {
        const v = f.codec.decode(t.slice(f.start - 1, f.end), { canonical: true });
        if (v !== undefined && !f.hidden) fields[f.id] = v;
      }
      sink.writeString(JSON.stringify(fields));
    },
  };
}

/** `,"id":…` and `,"layout":…` of a layout's records, as bytes, made once per layout. */
const heads = new WeakMap<LayoutSpec, Buffer>();

function recordHead(layout: LayoutSpec): Buffer {
  let head = heads.get(layout);
  if (!head) {
    const layoutPart = layout.layout !== layout.record ? `,"layout":${JSON.stringify(layout.layout)}` : '';
    head = Buffer.from(`,"id":${JSON.stringify(layout.record)}${layoutPart}`, 'utf8');
    heads.set(layout, head);
  }
  return head;
}

const RECORD = Buffer.from('{"record":');
const FIELDS = Buffer.from(',"fields":');
const PATH = Buffer.from(',"path":');
const NO_ID = Buffer.from(',"id":null');

/** Appends bytes the caller reserved room for: a loop for short runs, memcpy for long ones (a native call costs about 40 bytes of loop). */
function copy(sink: ByteSink, bytes: Buffer): void {
  if (bytes.length > 40) {
    sink.buf.set(bytes, sink.pos);
    sink.pos += bytes.length;
    return;
  }
  const b = sink.buf;
  let p = sink.pos;
  for (let i = 0; i < bytes.length; i++) b[p++] = bytes[i]!;
  sink.pos = p;
}

/**
 * Writes `JSON.stringify(toJsonRecord(r, defaultEol))`, with `,"path":` and
 * `path` (JSON bytes) last when given. A record without `fields` whose layout
 * has fields is canonical and decoded from its text here.
 */
export function writeJsonRecord(sink: ByteSink, r: DecodedRecord, defaultEol: Eol, path?: Buffer): void {
  const layout = r.layout;
  const fromText = layout !== undefined && !layout.opaque && r.fields === undefined && r.canonical;
  const writer = fromText ? fieldsWriter(layout) : undefined;
  const head = layout ? recordHead(layout) : NO_ID;
  sink.reserve(64 + head.length + (writer ? writer.maxBytes : 0) + (path ? path.length : 0));
  copy(sink, RECORD);
  const n = String(r.n);
  const b = sink.buf;
  let p = sink.pos;
  for (let i = 0; i < n.length; i++) b[p++] = n.charCodeAt(i);
  sink.pos = p;
  copy(sink, head);
  if (writer) {
    copy(sink, FIELDS);
    writer.write(r.text, sink);
  } else if (r.fields) sink.writeString(',"fields":' + JSON.stringify(r.fields));
  if (!r.canonical) sink.writeString(',"raw":' + JSON.stringify(r.text));
  if (r.eol !== defaultEol) sink.writeString(',"eol":"' + r.eol + '"');
  if (path) {
    sink.reserve(PATH.length + path.length + 1);
    copy(sink, PATH);
    copy(sink, path);
  }
  sink.reserve(1);
  sink.buf[sink.pos++] = 125;
}
