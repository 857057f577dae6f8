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

/** The longest string V8 makes (2^29 - 24 characters on 64-bit): a tree document is read into one. */
export const MAX_TREE_CHARS = 2 ** 29 - 24;

export class JsonRecordReader {
  private form: JsonForm | undefined;
  private buf = '';
  private line = 0;
  private docEol: Eol = 'lf';
  /** A tree document grew past `maxTreeChars`: the rest of the input is dropped, the problem told once. */
  private tooLong = false;

  /**
   * `maxTreeChars`: the longest tree document read whole (a caller sets it
   * from the memory it may use: parsing takes some five times the text).
   */
  constructor(private readonly handler: JsonReadHandler, private readonly maxTreeChars = MAX_TREE_CHARS) {}

  get detectedForm(): JsonForm | undefined {
    return this.form;
  }

  /** The document's line ending (tree header), `lf` for NDJSON. */
  get eol(): Eol {
    return this.docEol;
  }

  push(text: string): void {
    if (this.tooLong) return;
    // Nothing held may pass V8's longest string, whatever the form (an NDJSON line included).
    if (this.buf.length + text.length > MAX_TREE_CHARS) return this.giveUp();
    this.buf += text;
    if (!this.form) {
      // Only the new text is searched: a document on one line (minified) would be searched
      // again whole for every chunk, in time growing with the square of its length.
      const nl = text.indexOf('\n');
      if (nl !== -1) this.form = detect(this.buf.slice(0, this.buf.length - text.length + nl));
    }
    if (this.form === 'ndjson') this.drainLines(false);
    // A tree document is held whole, and so is a first line not yet ended: past the limit, say so and stop.
    else if (this.buf.length > this.maxTreeChars) this.giveUp();
  }

  private giveUp(): void {
    this.tooLong = true;
    this.buf = '';
    this.handler.problem('document', `a JSON tree document longer than ${this.maxTreeChars} characters is not read whole (it would not fit in memory); convert the fixed-width file --to ndjson, one record per line, for inputs this large`);
  }

  end(): void {
    if (this.tooLong) return;
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
    // A record's line is a few hundred characters: only a long one can nest deep enough to matter.
    if (text.length > DEPTH_CHECK_FROM && nestedDeeper(text, MAX_DEPTH)) {
      this.handler.problem(where, TOO_DEEP);
      return;
    }
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
    if (nestedDeeper(this.buf, MAX_DEPTH)) {
      this.buf = '';
      this.handler.problem('document', TOO_DEEP);
      return;
    }
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

/**
 * Deepest nesting of arrays and objects read: catair's own documents nest
 * about 20 deep (document, six levels of groups, record, fields). Deeper text
 * is not catair JSON, and parsing it costs: 50 MB of `[` took 3 GB to be
 * found unterminated, and 20,000 nested groups overflowed the stack.
 */
const MAX_DEPTH = 100;
const TOO_DEEP = `arrays and objects nest more than ${MAX_DEPTH} deep: not catair JSON`;
/** NDJSON lines shorter than this are parsed without looking at their depth first. */
const DEPTH_CHECK_FROM = 1 << 16;

/** Whether `text` nests arrays and objects more than `limit` deep (brackets inside strings do not count). */
export function nestedDeeper(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, over escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
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
