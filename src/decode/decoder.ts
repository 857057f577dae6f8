/**
 * The streaming decoding core: bytes (or text) in, decoded records and issues
 * out, chunk by chunk, with no I/O. The Node stream, the CLI and the sync
 * helpers are thin adapters around it (STYLE §3).
 */
import { DECODE_CODES } from '../issues/codes.js';
import type { Issue } from '../issues/issue.js';
import { createTextDecoder, type Encoding, type TextDecoder } from '../read/charset.js';
import { RecordSplitter, type Eol, type SplitOptions } from '../read/split.js';
import type { Spec } from '../spec/types.js';
import { AppContext } from './context.js';
import { Identifier } from './identify.js';
import { compiledLayout } from './compile.js';
import { decodeFields, nonCanonicalFields, type DecodedRecord } from './record.js';

export interface DecoderOptions {
  spec: Spec;
  /** Application to assume until an A or B record names one (`--app`); for fragments. */
  app?: string;
  encoding?: Encoding;
  split?: SplitOptions;
  /**
   * `text`: canonical records get no `fields` object (a writer takes the values
   * from `text`, model/json-bytes.ts); the others still do. Default `object`.
   */
  fieldsAs?: 'object' | 'text';
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
  private n = 0;
  private firstEol: Eol | undefined;
  private readonly lazyFields: boolean;

  constructor(private readonly options: DecoderOptions, private readonly handler: DecodeHandler) {
    this.identifier = new Identifier(options.spec);
    this.context = new AppContext(options.spec, options.app);
    this.text = createTextDecoder(options.encoding ?? 'ascii');
    this.lazyFields = options.fieldsAs === 'text';
    this.splitter = new RecordSplitter((text, eol) => this.onRecord(text, eol), {
      recordWidth: options.spec.recordWidth,
      ...options.split,
    });
  }

  /** Terminator of the first record: the document's line ending. */
  get eol(): Eol {
    return this.firstEol ?? 'lf';
  }

  get records(): number {
    return this.n;
  }

  write(chunk: Uint8Array): void {
    const s = this.text.write(chunk);
    if (s) this.splitter.push(s);
  }

  writeText(chunk: string): void {
    this.splitter.push(chunk);
  }

  end(): void {
    const s = this.text.end();
    if (s) this.splitter.push(s);
    this.splitter.end();
  }

  private currentApp(): string | undefined {
    return this.context.app;
  }

  private onRecord(text: string, eol: Eol): void {
    const n = ++this.n;
    this.firstEol ??= eol;
    const layout = this.identifier.identify(text, this.currentApp());
    const record: DecodedRecord = { n, text, eol, canonical: false };
    if (layout) {
      record.layout = layout;
      if (!layout.opaque) {
        if (this.lazyFields && text.length === this.options.spec.recordWidth && compiledLayout(layout).canonical(text)) {
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
        message: `record is ${r.text.length} characters, not ${width}; kept as raw text`,
      });
    }
    if (!r.layout) {
      const app = this.currentApp();
      sink({
        code: 'unknown-record', severity: DECODE_CODES['unknown-record'].severity, record: r.n, recordId: null,
        columns: [1, Math.max(1, Math.min(4, r.text.length))],
        message: `no layout for a record starting ${JSON.stringify(r.text.slice(0, 4))}${app ? ` in an ${app} block` : ''}; kept as raw text`,
      });
    } else if (!r.canonical && !r.layout.opaque && r.text.length === width) {
      for (const f of nonCanonicalFields(r.layout, r.text)) {
        sink({
          code: 'field-not-canonical', severity: DECODE_CODES['field-not-canonical'].severity, record: r.n, recordId,
          columns: [f.start, f.end], field: f.id,
          message: `${f.element} ${JSON.stringify(r.text.slice(f.start - 1, f.end))} is not valid ${describeField(f.class, f.format)}; record kept as raw text`,
        });
      }
    }
  }
}

function describeField(cls: string, format: string): string {
  if (format.startsWith('=')) return `(expected ${JSON.stringify(format.slice(1))})`;
  if (cls === 'S') return 'filler (spaces only)';
  if (format) return `${cls} ${format}`;
  return `class ${cls}`;
}
