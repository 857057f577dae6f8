/**
 * Reads JSON written by catair (or by people) back into records, in file
 * order: NDJSON line by line in bounded memory; a tree document as one JSON
 * value (it is parsed whole: use NDJSON for inputs larger than memory).
 */
import type { Eol } from '../read/split.js';
import { isGroup, type JsonDocument, type JsonNode, type JsonRecord } from './json.js';

export interface JsonReadHandler {
  /** `where` locates the record for messages: `line 12` or `records[0].records[3]`. */
  record(record: JsonRecord, where: string): void;
  /** A problem with the JSON itself (not parseable, not a record). */
  problem(where: string, message: string): void;
}

export type JsonForm = 'tree' | 'ndjson';

export class JsonRecordReader {
  private form: JsonForm | undefined;
  private buf = '';
  private line = 0;
  private docEol: Eol = 'lf';

  constructor(private readonly handler: JsonReadHandler) {}

  get detectedForm(): JsonForm | undefined {
    return this.form;
  }

  /** The document's line ending (tree header), `lf` for NDJSON. */
  get eol(): Eol {
    return this.docEol;
  }

  push(text: string): void {
    this.buf += text;
    if (!this.form) {
      const nl = this.buf.indexOf('\n');
      if (nl === -1) return;
      this.form = detect(this.buf.slice(0, nl));
    }
    if (this.form === 'ndjson') this.drainLines(false);
  }

  end(): void {
    if (!this.form) this.form = detect(this.buf);
    if (this.form === 'ndjson') this.drainLines(true);
    else this.readTree();
  }

  private drainLines(final: boolean): void {
    let start = 0, nl: number;
    while ((nl = this.buf.indexOf('\n', start)) !== -1) {
      this.ndjsonLine(this.buf.slice(start, nl));
      start = nl + 1;
    }
    this.buf = this.buf.slice(start);
    if (final && this.buf.length) {
      this.ndjsonLine(this.buf);
      this.buf = '';
    }
  }

  private ndjsonLine(text: string): void {
    const where = `line ${++this.line}`;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.handler.problem(where, `not JSON: ${(e as Error).message}`);
      return;
    }
    this.node(value, where);
  }

  private readTree(): void {
    let doc: unknown;
    try {
      doc = JSON.parse(this.buf);
    } catch (e) {
      this.handler.problem('document', `not JSON: ${(e as Error).message}`);
      return;
    } finally {
      this.buf = '';
    }
    if (Array.isArray(doc)) {
      doc.forEach((n, i) => this.node(n, `[${i}]`));
      return;
    }
    if (!doc || typeof doc !== 'object' || !Array.isArray((doc as JsonDocument).records)) {
      this.handler.problem('document', 'expected an object with a "records" list (catair JSON) or one record per line (NDJSON)');
      return;
    }
    const d = doc as JsonDocument;
    if (d.eol !== undefined) {
      if (!['lf', 'crlf', 'cr', 'none'].includes(d.eol)) this.handler.problem('eol', `eol must be lf, crlf, cr or none, not ${JSON.stringify(d.eol)}`);
      else this.docEol = d.eol;
    }
    d.records.forEach((n, i) => this.node(n, `records[${i}]`));
  }

  private node(value: unknown, where: string): void {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      this.handler.problem(where, 'expected a record object');
      return;
    }
    const n = value as JsonNode;
    if (isGroup(n)) {
      n.records.forEach((c, i) => this.node(c, `${where}.records[${i}]`));
      return;
    }
    this.handler.record(n as JsonRecord, where);
  }
}

function detect(firstLine: string): JsonForm {
  const t = firstLine.trim();
  if (!t.startsWith('{')) return 'tree';
  try {
    const v = JSON.parse(t) as Record<string, unknown>;
    return Array.isArray(v.records) ? 'tree' : 'ndjson';
  } catch {
    return 'tree';
  }
}
