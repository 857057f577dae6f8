/**
 * The streaming decoding core: bytes (or text) in, decoded records and issues
 * out, chunk by chunk, with no I/O. The Node stream, the CLI and the sync
 * helpers are thin adapters around it (STYLE §3).
 */
import { DECODE_CODES } from '../issues/codes.js';
import type { Issue } from '../issues/issue.js';
import { createTextDecoder, type Encoding, type TextDecoder } from '../read/charset.js';
import { RecordSplitter, type Eol, type SplitOptions } from '../read/split.js';
import type { LayoutSpec, Spec } from '../spec/types.js';
import { AppContext } from './context.js';
import { Identifier } from './identify.js';
import { compiledLayout } from './compile.js';
import { codesOf, decodeFields, nonCanonicalFields, type Codes, type DecodedRecord } from './record.js';

export interface DecoderOptions {
  spec: Spec;
  /** Application to assume until an A or B record names one (`--app`); for fragments. */
  app?: string;
  encoding?: Encoding;
  split?: SplitOptions;
  /**
   * `text`: canonical records get no `fields` object (a writer takes the values
   * from `text`, model/json-bytes.ts); the others still do. `none`: no record
   * gets `fields`, and none is judged canonical (`canonical` stays false), for
   * readers of the text alone (lint, which checks fields its own way). Default
   * `object`.
   */
  fieldsAs?: 'object' | 'text' | 'none';
  /**
   * With `fieldsAs: 'text'`: records of full width with a layout are passed on
   * presumed canonical, with `settle` set, for a writer that checks the fields
   * while writing them (one pass per record); the decoder settles any it did not.
   */
  checkInWriter?: boolean;
  /**
   * The handler keeps no record past its call (a writer): one record object is
   * filled in for every record instead of a new one each. Default false.
   */
  reuseRecord?: boolean;
  /**
   * Records before this input, for a part of a larger file read on its own
   * (lint's parallel parts): record numbers continue from here. Default 0.
   */
  recordOffset?: number;
}

export interface DecodeHandler {
  record(record: DecodedRecord): void;
  issue?(issue: Issue): void;
}

export class Decoder {
  private readonly identifier: Identifier;
  private readonly splitter: RecordSplitter;
  private readonly text: TextDecoder;
  private readonly context: AppContext;
  private n: number;
  private readonly offset: number;
  private firstEol: Eol | undefined;
  private readonly lazyFields: boolean;
  private readonly noFields: boolean;
  /**
   * UTF-8 and Windows-1252 read bytes they cannot map as U+FFFD, which would
   * silently write back as other bytes. Counting the U+FFFD read against the
   * ones the input really holds (EF BF BD in UTF-8) tells the records to flag.
   */
  private readonly lossy: 'utf-8' | 'windows-1252' | undefined;
  private replaced = 0;
  private genuine = 0;
  /** The last two bytes of the previous chunk, for an EF BF BD cut in two. */
  private tail: number[] = [];
  /**
   * ASCII and Latin-1 with `fieldsAs: 'text'`: the chunk being split, given to
   * each record that lies in it as its `codes`; the splitter's offsets count
   * `held` characters of earlier chunks first. Off once text is pushed instead
   * of bytes.
   */
  private byteCodes: boolean;
  private bytes: Uint8Array | undefined;
  private held = 0;
  private readonly checkInWriter: boolean;
  /** The record filled in for every record (`reuseRecord`). */
  private readonly spare: DecodedRecord | undefined;
  private readonly settleRecord = (r: DecodedRecord, canonical?: boolean): void => this.settle(r, canonical);

  constructor(private readonly options: DecoderOptions, private readonly handler: DecodeHandler) {
    this.offset = this.n = options.recordOffset ?? 0;
    this.identifier = new Identifier(options.spec);
    this.context = new AppContext(options.spec, options.app);
    this.text = createTextDecoder(options.encoding ?? 'ascii');
    this.noFields = options.fieldsAs === 'none';
    this.lazyFields = options.fieldsAs === 'text' || this.noFields;
    this.checkInWriter = this.lazyFields && options.checkInWriter === true;
    this.spare = options.reuseRecord ? { n: 0, text: '', eol: 'lf', layout: undefined, fields: undefined, canonical: false, codes: undefined, at: 0, settle: undefined } : undefined;
    this.lossy = options.encoding === 'utf-8' || options.encoding === 'windows-1252' ? options.encoding : undefined;
    const enc = options.encoding ?? 'ascii';
    this.byteCodes = this.lazyFields && (enc === 'ascii' || enc === 'latin1');
    this.splitter = new RecordSplitter((text, eol, start) => this.onRecord(text, eol, start), {
      recordWidth: options.spec.recordWidth,
      ...options.split,
    });
  }

  /** Terminator of the first record: the document's line ending. */
  get eol(): Eol {
    return this.firstEol ?? 'lf';
  }

  /** Records decoded so far (not counting `recordOffset`). */
  get records(): number {
    return this.n - this.offset;
  }

  write(chunk: Uint8Array): void {
    const s = this.text.write(chunk);
    if (this.lossy) this.countReplacements(chunk, s);
    if (!s) return;
    if (!this.byteCodes) return this.splitter.push(s);
    this.bytes = chunk;
    this.held = this.splitter.pending;
    this.splitter.push(s);
    this.bytes = undefined;
  }

  private countReplacements(chunk: Uint8Array, s: string): void {
    for (let i = s.indexOf('\ufffd'); i !== -1; i = s.indexOf('\ufffd', i + 1)) this.replaced++;
    if (this.lossy !== 'utf-8') return;
    const bytes = this.tail.length ? Buffer.concat([Buffer.from(this.tail), chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let i = bytes.indexOf(REPLACEMENT_UTF8); i !== -1; i = bytes.indexOf(REPLACEMENT_UTF8, i + 3)) this.genuine++;
    // Keep a partial EF BF at the end for the next chunk (never a whole one: it was counted).
    const n = bytes.length;
    this.tail = n >= 2 && bytes[n - 2] === 0xef && bytes[n - 1] === 0xbf ? [0xef, 0xbf] : n >= 1 && bytes[n - 1] === 0xef ? [0xef] : [];
  }

  writeText(chunk: string): void {
    this.byteCodes = false;
    this.splitter.push(chunk);
  }

  end(): void {
    const s = this.text.end();
    if (this.lossy && s) this.countReplacements(new Uint8Array(0), s);
    if (s) this.splitter.push(s);
    this.splitter.end();
  }

  private currentApp(): string | undefined {
    return this.context.app;
  }

  private onRecord(text: string, eol: Eol, start: number): void {
    const n = ++this.n;
    this.firstEol ??= eol;
    let codes = this.bytes;
    let at = start - this.held;
    // A record begun in an earlier chunk (one per chunk at most) gets bytes of its own.
    if (codes && at < 0) {
      codes = Buffer.from(text, 'latin1');
      at = 0;
    }
    const layout = this.identifier.identify(text, this.currentApp(), codes, at);
    let record: DecodedRecord;
    const spare = this.spare;
    if (spare !== undefined) {
      spare.n = n; spare.text = text; spare.eol = eol; spare.layout = layout; spare.fields = undefined;
      spare.canonical = false; spare.codes = codes; spare.at = at; spare.settle = undefined;
      record = spare;
    } else {
      // Every property from the start: records of one shape keep their readers monomorphic.
      record = { n, text, eol, layout, fields: undefined, canonical: false, codes, at, settle: undefined };
    }
    if (layout) {
      if (!layout.opaque && !this.noFields) {
        if (this.checkInWriter && text.length === this.options.spec.recordWidth) {
          record.canonical = true;
          record.settle = this.settleRecord;
        } else if (
          this.lazyFields &&
          text.length === this.options.spec.recordWidth &&
          isCanonical(layout, text, codes, at)
        ) {
          record.canonical = true;
        } else {
          const { fields, canonical } = decodeFields(layout, text);
          record.fields = fields;
          record.canonical = canonical;
        }
      }
      this.context.follow(layout, text);
    }
    this.report(record);
    this.handler.record(record);
    if (record.settle !== undefined) this.settle(record);
    // The codes are the chunk's bytes: a record kept for later must not keep the chunk.
    record.codes = undefined;
  }

  /** Decides a presumed-canonical record (see `checkInWriter`): when it is not, decodes its fields and reports them. */
  private settle(r: DecodedRecord, canonical?: boolean): void {
    r.settle = undefined;
    const layout = r.layout!;
    const text = r.text;
    if (canonical === undefined) {
      canonical = isCanonical(layout, text, r.codes, r.at ?? 0);
    }
    if (canonical) return;
    const decoded = decodeFields(layout, text);
    r.fields = decoded.fields;
    r.canonical = decoded.canonical;
    if (!r.canonical) this.reportFields(r);
  }

  private report(r: DecodedRecord): void {
    const sink = this.handler.issue;
    if (!sink) return;
    const recordId = r.layout?.record ?? null;
    const width = this.options.spec.recordWidth;
    if (r.text.length !== width) {
      sink({
        code: 'record-length', severity: DECODE_CODES['record-length'].severity, record: r.n, recordId,
        columns: [Math.min(r.text.length, width) + (r.text.length < width ? 1 : 0), r.text.length < width ? width : r.text.length],
        message: `record is ${r.text.length} character${r.text.length === 1 ? '' : 's'}, not ${width}; kept as raw text`,
      });
    }
    if (this.lossy && this.replaced > this.genuine) {
      const at = r.text.indexOf('\ufffd');
      if (at !== -1) {
        sink({
          code: 'invalid-bytes', severity: DECODE_CODES['invalid-bytes'].severity, record: r.n, recordId, columns: [at + 1, at + 1],
          message: `bytes that are not valid ${this.lossy} were read as U+FFFD (column ${at + 1}); this record will not convert back to the same bytes (--encoding latin1 keeps every byte)`,
        });
      }
    }
    if (!r.layout) {
      const app = this.currentApp();
      sink({
        code: 'unknown-record', severity: DECODE_CODES['unknown-record'].severity, record: r.n, recordId: null,
        columns: [1, Math.max(1, Math.min(4, r.text.length))],
        message: `no layout for a record starting ${JSON.stringify(r.text.slice(0, 4))}${app ? ` in an ${app} block` : ''}; kept as raw text`,
      });
    } else if (!r.canonical && !r.layout.opaque && !this.noFields && r.text.length === width) {
      this.reportFields(r);
    }
  }

  private reportFields(r: DecodedRecord): void {
    const sink = this.handler.issue;
    if (!sink) return;
    const layout = r.layout!;
    const recordId = layout.record;
    for (const f of nonCanonicalFields(layout, r.text)) {
      sink({
        code: 'field-not-canonical', severity: DECODE_CODES['field-not-canonical'].severity, record: r.n, recordId,
        columns: [f.start, f.end], field: f.id,
        message: `${f.element} ${JSON.stringify(r.text.slice(f.start - 1, f.end))} is not valid ${describeField(f.class, f.format)}; record kept as raw text`,
      });
    }
  }
}

/** Whether the record's fields rebuild its text, read from its bytes when it has them. */
function isCanonical(layout: LayoutSpec, text: string, codes: Codes | undefined, at: number): boolean {
  return codes ? compiledLayout(layout).canonical(text, codes, at) : compiledLayout(layout).canonical(text, codesOf(text), 0);
}

function describeField(cls: string, format: string): string {
  if (format.startsWith('=')) return `(expected ${JSON.stringify(format.slice(1))})`;
  if (cls === 'S') return 'filler (spaces only)';
  if (format) return `${cls} ${format}`;
  return `class ${cls}`;
}

/** U+FFFD in UTF-8: a replacement character the input really holds. */
const REPLACEMENT_UTF8 = Buffer.from([0xef, 0xbf, 0xbd]);
