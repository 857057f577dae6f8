/**
 * Decoding for programs: a whole input at once (`decode`) or pushed chunk by
 * chunk (`createDecodeSession`), producing the tree document or NDJSON text.
 */
import { Decoder } from '../decode/decoder.js';
import type { DecodedRecord } from '../decode/record.js';
import { Grouper, type Group } from '../group/grouper.js';
import type { Issue } from '../issues/issue.js';
import { MODEL_VERSION, toJsonPath, toJsonRecord, type JsonDocument, type JsonGroup, type JsonNode, type JsonRecord } from '../model/json.js';
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
  /** Output text (JSON or NDJSON), in order. */
  text?(text: string): void;
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
  const out = handler.text ?? (() => {});
  const tree = to === 'json' ? new TreeWriter({ spec: o.spec.name, encoding: o.encoding }, out) : undefined;
  const grouper = new Grouper({
    open: tree ? (g) => tree.open(g) : undefined,
    close: tree ? () => tree.close() : undefined,
    record(record, path) {
      if (tree) tree.record(record);
      let json: JsonRecord | undefined;
      if (to === 'ndjson') {
        json = toJsonRecord(record, 'lf');
        json.path = toJsonPath(path);
        out(JSON.stringify(json) + '\n');
      }
      if (handler.record) {
        json ??= toJsonRecord(record, 'lf');
        handler.record(json, record, path);
      }
    },
  });
  const decoder = new Decoder(o, { record: (r) => grouper.push(r), issue: handler.issue });
  return {
    write(chunk) {
      if (typeof chunk === 'string') decoder.writeText(chunk);
      else decoder.write(chunk);
    },
    end() {
      decoder.end();
      grouper.end();
      tree?.end();
    },
    get records() {
      return decoder.records;
    },
  };
}
