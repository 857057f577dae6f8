/**
 * Encoding for programs: JSON (a tree document, a list of records, or NDJSON
 * text) to fixed-width bytes in the chosen encoding.
 */
import { getHeapStatistics } from 'node:v8';
import { Encoder } from '../encode/encoder.js';
import { ENCODE_CODES } from '../issues/codes.js';
import type { Issue } from '../issues/issue.js';
import { isGroup, type JsonDocument, type JsonNode, type JsonRecord } from '../model/json.js';
import { JsonRecordReader, MAX_TREE_CHARS } from '../model/reader.js';
import { encodeText } from '../read/charset.js';
import type { Eol } from '../read/split.js';
import { normalize, normalizeEol, type CommonOptions } from './options.js';

export interface EncodeOptions extends CommonOptions {
  /** Line ending for every record (default: as recorded in the JSON, else LF). */
  eol?: Eol | string;
}

export interface EncodeResult {
  /** The fixed-width bytes; empty when any record failed (written whole or not at all). */
  bytes: Buffer;
  /** The text before character encoding. */
  text: string;
  issues: Issue[];
}

/** Encodes a tree document, a list of records/groups, or JSON/NDJSON text. */
export function encode(input: JsonDocument | JsonNode[] | string, options: EncodeOptions = {}): EncodeResult {
  const parts: string[] = [];
  const chunks: Buffer[] = [];
  const issues: Issue[] = [];
  const session = createEncodeSession(options, { text: (t) => parts.push(t), data: (b) => chunks.push(b), issue: (i) => issues.push(i) });
  if (typeof input === 'string') session.writeJsonText(input);
  else {
    const eol: Eol = Array.isArray(input) ? 'lf' : (input.eol ?? 'lf');
    const nodes = Array.isArray(input) ? input : input.records;
    const walk = (list: JsonNode[], where: string) =>
      list.forEach((n, i) => (isGroup(n) ? walk(n.records, `${where}[${i}].records`) : session.writeRecord(n, `${where}[${i}]`, eol)));
    walk(nodes, 'records');
  }
  session.end();
  const text = parts.join('');
  if (session.errors) return { bytes: Buffer.alloc(0), text, issues };
  return { bytes: Buffer.concat(chunks), text, issues };
}

export interface EncodeSession {
  writeRecord(record: JsonRecord, where: string, defaultEol?: Eol): void;
  /** Feed JSON or NDJSON text, in chunks. */
  writeJsonText(chunk: string): void;
  end(): void;
  /** Records that could not be written (JSON problems, field problems, characters the encoding lacks). */
  readonly errors: number;
  /** Records written so far. */
  readonly records: number;
}

/**
 * The longest tree document to read whole: its text and the parsed value take
 * about five times its length (a 144 MB document peaked at 678 MB), so a sixth
 * of the heap Node allows, within V8's longest string.
 */
function maxTreeChars(): number {
  return Math.min(MAX_TREE_CHARS, Math.floor(getHeapStatistics().heap_size_limit / 6));
}

export interface EncodeSessionHandler {
  /** Each record's text with its terminator, before character encoding. */
  text?(text: string): void;
  /** Each record's bytes in the chosen encoding. */
  data?(bytes: Buffer): void;
  issue?(issue: Issue): void;
}

export function createEncodeSession(options: EncodeOptions, handler: EncodeSessionHandler): EncodeSession {
  const o = normalize(options);
  const eol = normalizeEol(options.eol as string | undefined);
  let charsetProblems = 0;
  let n = 0;
  const encoder = new Encoder({ spec: o.spec, ...(o.app ? { app: o.app } : {}), ...(eol ? { eol } : {}) }, {
    issue: handler.issue,
    text(text) {
      n++;
      handler.text?.(text);
      if (!handler.data) return;
      const r = encodeText(text, o.encoding);
      if (Buffer.isBuffer(r)) handler.data(r);
      else {
        charsetProblems++;
        handler.issue?.({ code: 'encode-charset', severity: 'error', record: n, columns: [r.index + 1, r.index + 1], message: `record ${n}: ${r.problem}` });
      }
    },
  });
  let jsonProblems = 0;
  const reader = new JsonRecordReader({
    record: (r, where) => encoder.write(r, where, reader.eol),
    problem(where, message) {
      jsonProblems++;
      handler.issue?.({ code: 'encode-record', severity: ENCODE_CODES['encode-record'].severity, record: 0, message: `${where}: ${message}` });
    },
  }, maxTreeChars());
  let usedReader = false;
  let textSeen = false;
  return {
    writeRecord: (r, where, defaultEol) => encoder.write(r, where, defaultEol),
    writeJsonText(chunk) {
      usedReader = true;
      // A byte order mark before the JSON: text read from a file saved with one keeps it.
      if (!textSeen && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      textSeen ||= chunk.length > 0;
      reader.push(chunk);
    },
    end() {
      if (usedReader) reader.end();
    },
    get errors() {
      return encoder.errors + jsonProblems + charsetProblems;
    },
    get records() {
      return n;
    },
  };
}
