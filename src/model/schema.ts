/**
 * JSON Schema (2020-12) for the JSON model, generated from a spec, so editors
 * can validate hand-written JSON. `npm run schema` writes schema/catair.schema.json;
 * a test keeps the shipped file equal to what the shipped spec generates.
 */
import type { FieldSpec, LayoutSpec, Spec } from '../spec/types.js';
import { LEVELS } from '../spec/types.js';
import { MODEL_VERSION } from './json.js';

type Schema = Record<string, unknown>;

const DATE_PATTERNS: Record<string, [string, string]> = {
  MMDDCCYY: ['^\\d{4}-\\d{2}-\\d{2}$', 'date CCYY-MM-DD'],
  MMDDYY: ['^(19(69|[7-9]\\d)|20([0-5]\\d|6[0-8]))-\\d{2}-\\d{2}$', 'date CCYY-MM-DD (1969-2068; sent as MMDDYY)'],
  MMCCYY: ['^\\d{4}(-\\d{2})?$', 'month CCYY-MM, or CCYY when the month is unknown'],
  HHMM: ['^\\d{2}:\\d{2}$', 'time HH:MM'],
  HHMMSS: ['^\\d{2}:\\d{2}:\\d{2}$', 'time HH:MM:SS'],
};

function fieldSchema(f: FieldSpec): Schema {
  const where = `${f.element} (columns ${f.start}-${f.end}, ${f.class}${f.format ? ` ${f.format}` : ''}, ${f.designation})`;
  const description = f.note ? `${where}. ${f.note}` : where;
  const format = f.format === '' && f.class === 'D' ? 'MMDDYY' : f.format;
  const date = DATE_PATTERNS[format];
  if (date) return { type: 'string', pattern: date[0], description: `${description}; ${date[1]}` };
  if (f.class === 'N' || f.class === '(S)N') {
    const decimals = /^V(\d)$/.exec(format) ? Number(format.slice(1)) : 0;
    const max = (10 ** f.width - 1) / 10 ** decimals;
    const num: Schema = { type: 'number', minimum: 0, maximum: max };
    // No multipleOf: binary floating point makes 326.4 "not a multiple of 0.01" in validators.
    if (decimals === 0) num.type = 'integer';
    else num.description = `at most ${decimals} decimal places`;
    const intDigits = f.width - decimals;
    const str: Schema = {
      type: 'string',
      pattern: decimals ? `^\\d{1,${intDigits}}(\\.\\d{1,${decimals}})?$` : `^\\d{1,${f.width}}$`,
      description: 'a decimal string, for values beyond 2^53',
    };
    return { description, anyOf: [num, str] };
  }
  return { type: 'string', maxLength: f.width, pattern: '^[^\\r\\n]*$', description };
}

function fieldsSchema(l: LayoutSpec): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of l.fields) if (!f.hidden) properties[f.id] = fieldSchema(f);
  return { type: 'object', description: `${l.record} ${l.name} (p. ${l.page})`, properties, additionalProperties: false };
}

export function jsonSchema(spec: Spec): Schema {
  const defs: Record<string, Schema> = {};
  const rules: Schema[] = [];
  const byRecord = new Map<string, LayoutSpec[]>();
  for (const l of spec.layouts.values()) {
    const list = byRecord.get(l.record) ?? [];
    list.push(l);
    byRecord.set(l.record, list);
  }
  for (const l of spec.layouts.values()) {
    if (l.opaque) continue;
    const name = `fields.${l.layout}`;
    defs[name] = fieldsSchema(l);
    const ambiguous = (byRecord.get(l.record)?.length ?? 0) > 1;
    // A layout named explicitly wins; a record id alone picks the layout when it is unique.
    const when: Schema = ambiguous || l.layout !== l.record
      ? { properties: { layout: { const: l.layout } }, required: ['layout'] }
      : { properties: { id: { const: l.record } }, required: ['id'] };
    // With `raw`, fields are a best-effort reading of text that does not fit them: not checked.
    rules.push({ if: { allOf: [when, { not: { required: ['raw'] } }] }, then: { properties: { fields: { $ref: `#/$defs/${name}` } } } });
  }
  const level = { enum: [...LEVELS] };
  defs.record = {
    type: 'object',
    description: 'One 80-column record. `raw`, when present, is written as is and wins over `fields`.',
    properties: {
      record: { type: 'integer', minimum: 1, description: '1-based record number in the file it came from (informational)' },
      id: { type: ['string', 'null'], enum: [...new Set([...spec.layouts.values()].map((l) => l.record)), null], description: 'record id as the filer reads it; null for a record no layout describes' },
      layout: { enum: [...spec.layouts.keys()], description: 'layout id, present when the record id alone is ambiguous' },
      fields: { type: 'object', description: 'typed field values by id; blank fields are omitted' },
      raw: { type: 'string', pattern: '^[^\\r\\n]*$', description: 'the exact record text, kept when it cannot be regenerated from fields' },
      eol: { enum: ['lf', 'crlf', 'cr', 'none'], description: "this record's line ending when it differs from the document's" },
      path: { type: 'object', description: 'NDJSON only: the groups the record sits in', propertyNames: level, additionalProperties: { type: 'string' } },
    },
    required: ['id'],
    additionalProperties: false,
    allOf: rules,
  };
  defs.group = {
    type: 'object',
    properties: {
      group: level,
      label: { type: 'string', description: 'key field values of the record that opened the group' },
      records: { type: 'array', items: { $ref: '#/$defs/node' } },
    },
    required: ['group', 'records'],
    additionalProperties: false,
  };
  defs.node = { oneOf: [{ $ref: '#/$defs/group' }, { $ref: '#/$defs/record' }] };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://catair.dev/schema/${spec.name}/catair.schema.json`,
    title: `catair JSON (model ${MODEL_VERSION}, spec ${spec.name})`,
    description: 'A CATAIR transmission as written by `catair convert --to json`. Each line of `--to ndjson` output is a `#/$defs/record`.',
    type: 'object',
    properties: {
      catair: { const: MODEL_VERSION },
      spec: { type: 'string' },
      encoding: { type: 'string' },
      eol: { enum: ['lf', 'crlf', 'cr', 'none'] },
      records: { type: 'array', items: { $ref: '#/$defs/node' } },
    },
    required: ['records'],
    additionalProperties: false,
    $defs: defs,
  };
}
