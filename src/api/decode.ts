/**
 * Decoding for programs: a whole input at once (`decode`) or pushed chunk by
 * chunk (`createDecodeSession`), producing the tree document or NDJSON text.
 */
import { Decoder } from '../decode/decoder.js';
import type { DecodedRecord } from '../decode/record.js';
import { Grouper, type Group } from '../group/grouper.js';
import type { Issue } from '../issues/issue.js';
import { MODEL_VERSION, toJsonPath, toJsonRecord, type JsonDocument, type JsonGroup, type JsonNode, type JsonRecord } from '../model/json.js';
import { ByteSink, PathJson, writeJsonRecord } from '../model/json-bytes.js';
import { TreeWriter } from '../model/tree-writer.js';
import { normalize, type CommonOptions } from './options.js';

export interface DecodeResult {
  document: JsonDocument;
  issues: Issue[];
}

/** Decodes a whole fixed-width input into the tree document. */
export function decode(input: string | Uint8Array, options: CommonOptions = {}): DecodeResult {
  const o = normalize(options);
  const issues: Issue[] = [];
  const root: JsonNode[] = [];
  const stack: JsonNode[][] = [root];
  const grouper = new Grouper({
    open(g) {
      const node: JsonGroup = { group: g.level, ...(g.label !== undefined ? { label: g.label } : {}), records: [] };
      stack[stack.length - 1]!.push(node);
      stack.push(node.records);
    },
    record(record) {
      // The document's line ending is the first record's, known by now.
      stack[stack.length - 1]!.push(toJsonRecord(record, decoder.eol));
    },
    close() {
      stack.pop();
    },
  });
  const decoder = new Decoder(o, { record: (r) => grouper.push(r), issue: (i) => issues.push(i) });
  if (typeof input === 'string') decoder.writeText(input);
  else decoder.write(input);
  decoder.end();
  grouper.end();
  const eol = decoder.eol;
  return { document: { catair: MODEL_VERSION, spec: o.spec.name, encoding: o.encoding, eol, records: root }, issues };
}

export interface DecodeSession {
  write(chunk: Uint8Array | string): void;
  end(): void;
  readonly records: number;
}

export interface DecodeSessionHandler {
  /** Output text (JSON or NDJSON), in order: one call per record line (and per group bracket). */
  text?(text: string): void;
  /**
   * Output as UTF-8 bytes in chunks of about 64 KB, instead of `text` (the
   * CLI's path: no string is made). Each chunk is the handler's to keep.
   */
  data?(bytes: Uint8Array): void;
  /** Each record as it is decoded, with its groups (for programs). */
  record?(record: JsonRecord, raw: DecodedRecord, path: readonly Group[]): void;
  issue?(issue: Issue): void;
}

/** Streaming decode to `json` (tree) or `ndjson` text, in bounded memory. */
export function createDecodeSession(
  options: CommonOptions & { to?: 'json' | 'ndjson' | 'none' },
  handler: DecodeSessionHandler,
): DecodeSession {
  const o = normalize(options);
  const to = options.to ?? 'ndjson';
  const { data, text } = handler;
  const sink = data
    ? new ByteSink((b) => data(b))
    : new ByteSink(text ? (b) => text(b.toString('utf8')) : () => {}, { perCommit: true });
  const tree = to === 'json' ? new TreeWriter({ spec: o.spec.name, encoding: o.encoding }, sink) : undefined;
  const paths = to === 'ndjson' ? new PathJson() : undefined;
  const grouper = new Grouper({
    open(g, path) {
      paths?.open(path);
      tree?.open(g);
    },
    close(_g, path) {
      paths?.close(path);
      tree?.close();
    },
    record(record, path) {
      if (tree) tree.record(record);
      if (paths) {
        // The path's bytes end the line (PathJson).
        writeJsonRecord(sink, record, 'lf', paths.current(path));
        sink.commit();
      }
      if (handler.record) {
        const json = toJsonRecord(record, 'lf');
        if (to === 'ndjson') json.path = toJsonPath(path);
        handler.record(json, record, path);
      }
    },
  });
  // Writers that only need text never build the fields objects of canonical records.
  // They check canonical-ness while writing (json-bytes.ts), not in a pass before.
  // Without a record handler, the records go only to the writers, which keep none.
  const decoder = new Decoder(
    { ...o, fieldsAs: handler.record ? 'object' : 'text', checkInWriter: !handler.record, reuseRecord: !handler.record },
    { record: (r) => grouper.push(r), issue: handler.issue },
  );
  return {
    write(chunk) {
      if (typeof chunk === 'string') decoder.writeText(chunk);
      else decoder.write(chunk);
    },
    end() {
      decoder.end();
      grouper.end();
      tree?.end();
      sink.flush();
    },
    get records() {
      return decoder.records;
    },
  };
}
