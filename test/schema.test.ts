import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createDecodeSession, decode } from '../src/api/decode.js';
import { jsonSchema } from '../src/model/schema.js';
import { loadSpec } from '../src/node/spec-dir.js';
import { read, ROOT, sampleFiles } from './helpers.js';

const schema = jsonSchema(loadSpec());
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(schema);
const validateRecord = (value: unknown) => ajv.validate(`${schema.$id as string}#/$defs/record`, value);

describe('JSON Schema generated from the spec', () => {
  it('is the file shipped in schema/ (run `npm run schema` after editing specs/)', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'schema', 'catair.schema.json'), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  for (const { name, path } of sampleFiles()) {
    it(`accepts the JSON and NDJSON of ${name}`, () => {
      const { document } = decode(read(path));
      expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      let nd = '';
      const s = createDecodeSession({ to: 'ndjson' }, { text: (t) => (nd += t) });
      s.write(read(path));
      s.end();
      for (const line of nd.trim().split('\n')) expect(validateRecord(JSON.parse(line)), line).toBe(true);
    });
  }

  it('rejects a value too long for its field, an unknown field and a wrong type', () => {
    const doc = (fields: Record<string, unknown>) => ({ catair: '1', records: [{ id: 'PG19', fields }] });
    expect(validate(doc({ entityRoleCode: 'UC', entityName: 'ACME' }))).toBe(true);
    expect(validate(doc({ entityRoleCode: 'UCXX' }))).toBe(false);
    expect(validate(doc({ entityRol: 'UC' }))).toBe(false);
    expect(validate({ catair: '1', records: [{ id: 'PG26', fields: { packagingQualifier: 'one' } }] })).toBe(false);
    expect(validate({ catair: '1', records: [{ id: 'PG14', fields: { lpcoDate: '2024-13-45x' } }] })).toBe(false);
  });
});
