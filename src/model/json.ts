/**
 * The JSON model (README "JSON model"). A record is
 *   {"record": 12, "id": "PG19", "fields": {...}}
 * plus `layout` when the record id alone is ambiguous (`AE.SE60`), `raw` when
 * the text cannot be regenerated from the fields (then `raw` wins on encoding),
 * and `eol` when its line ending differs from the document's. A group is
 *   {"group": "transaction", "label": "KC1 17169013", "records": [...]}
 * and keeps its records in file order, so a depth-first walk rebuilds the file.
 */
import type { FieldValue } from '../codec/field.js';
import { decodeFields, type DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import type { Eol } from '../read/split.js';
import type { Level } from '../spec/types.js';

export const MODEL_VERSION = '1';

export interface JsonRecord {
  record?: number;
  id: string | null;
  layout?: string;
  fields?: Record<string, FieldValue>;
  raw?: string;
  eol?: Eol;
  /** NDJSON only: the groups the record sits in. */
  path?: JsonPath;
}

export interface JsonGroup {
  group: Level;
  label?: string;
  records: JsonNode[];
}

export type JsonNode = JsonRecord | JsonGroup;

export interface JsonDocument {
  catair: string;
  spec: string;
  encoding: string;
  eol: Eol;
  records: JsonNode[];
}

/** NDJSON path: for each open group its label (or its position when it has none). */
export type JsonPath = Partial<Record<Level, string>>;

export function isGroup(node: JsonNode): node is JsonGroup {
  return typeof (node as JsonGroup).group === 'string' && Array.isArray((node as JsonGroup).records);
}

export function toJsonRecord(r: DecodedRecord, defaultEol: Eol): JsonRecord {
  const out: JsonRecord = { record: r.n, id: r.layout ? r.layout.record : null };
  if (r.layout && r.layout.layout !== r.layout.record) out.layout = r.layout.layout;
  if (r.fields) out.fields = r.fields;
  // A decoder with `fieldsAs: 'text'` leaves canonical records' fields in their text.
  else if (r.layout && !r.layout.opaque && r.canonical) out.fields = decodeFields(r.layout, r.text).fields;
  if (!r.canonical) out.raw = r.text;
  if (r.eol !== defaultEol) out.eol = r.eol;
  return out;
}

export function toJsonPath(path: readonly Group[]): JsonPath {
  const p: JsonPath = {};
  for (const g of path) p[g.level] = g.label ?? String(g.index);
  return p;
}
