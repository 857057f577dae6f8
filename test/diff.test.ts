import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDecodeSession, decode } from '../src/api/decode.js';
import { createDiffSession, diff, type DiffChange } from '../src/api/diff.js';
import { encode } from '../src/api/encode.js';
import { OptionError } from '../src/api/options.js';
import { isGroup, type JsonDocument, type JsonGroup, type JsonNode, type JsonRecord } from '../src/model/json.js';
import { read, ROOT, sampleFiles } from './helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'diff');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const base = fixture('base.abi');

const ORCHID_APHIS = { entry: 'ZQ9 60150246', line: '001', tariff: '0602902000', pgaLine: 'APH 001' };

/** The base transmission edited through the JSON model and encoded back (exact by construction). */
function edited(edit: (doc: JsonDocument) => void): Buffer {
  const doc = decode(base).document;
  edit(doc);
  const r = encode(doc);
  expect(r.issues).toEqual([]);
  return r.bytes;
}

function groups(nodes: JsonNode[]): JsonGroup[] {
  return nodes.filter(isGroup).flatMap((g) => [g, ...groups(g.records)]);
}

/** The first group with that label inside a document or a group. */
function group(where: JsonDocument | JsonGroup, label: string, within?: JsonGroup): JsonGroup {
  const g = groups((within ?? where).records).find((x) => x.label === label);
  if (!g) throw new Error(`no group ${label}`);
  return g;
}

const own = (g: JsonGroup) => g.records.filter((n): n is JsonRecord => !isGroup(n));

/** Many transactions: the base's two entries repeated with new entry numbers. */
function manyEntries(copies: number, edit?: (entry: JsonGroup, k: number) => void): { doc: JsonDocument; block: JsonGroup } {
  const doc = decode(base).document;
  const block = group(doc, '5201 ZQ9 AE');
  const entries = block.records.filter(isGroup);
  const trailer = block.records.filter((n) => !isGroup(n));
  const out: JsonNode[] = [trailer[0]!];
  for (let k = 0; k < copies; k++) {
    for (const e of entries) {
      const copy = structuredClone(e);
      const header = own(copy)[0]!;
      header.fields!.entryNumber = String(10_000_000 + out.length);
      edit?.(copy, k);
      out.push(copy);
    }
  }
  out.push(trailer[1]!);
  block.records = out;
  return { doc, block };
}

/** Feeds both sides through a session in `size`-character slices (or random sizes from `sizes`). */
function sliced(a: Buffer, b: Buffer, sizes: () => number) {
  const changes: DiffChange[] = [];
  const session = createDiffSession({}, { change: (c) => changes.push(c) });
  const at = { a: 0, b: 0 };
  const src = { a, b };
  for (let side = session.next(); side; side = session.next()) {
    if (at[side] >= src[side].length) {
      session.end(side);
      continue;
    }
    const n = sizes();
    session.write(side, src[side].subarray(at[side], at[side] + n));
    at[side] += n;
  }
  const summary = session.finish();
  return { changes, summary, peak: session.peakPending };
}

describe('diff aligns by structure', () => {
  it('identical inputs: no changes', () => {
    const r = diff(base, base);
    expect(r.changes).toEqual([]);
    expect(r.summary).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(r.output).toBe('');
  });

  it('one changed field: exactly one change naming that record and field', () => {
    expect(diff(base, fixture('entity-name.abi')).changes).toEqual([
      {
        kind: 'changed', path: { ...ORCHID_APHIS, record: 'PG19 UC' }, recordA: 20, recordB: 20, recordId: 'PG19',
        field: 'entityName', element: 'Entity Name', before: 'SUNCOAST GREENHOUSE SUPPLY LLC', after: 'SUNCOAST GREENHOUSE LLC',
      },
    ]);
  });

  it('an inserted entity is one added entity, not every later record changed', () => {
    const r = diff(base, fixture('entity-added.abi'));
    expect(r.changes).toEqual([
      {
        kind: 'added', path: { ...ORCHID_APHIS, record: 'PG19 IM' }, recordA: null, recordB: 23, recordId: 'PG19', field: null,
        before: null, after: expect.objectContaining({ entityRoleCode: 'IM', entityName: 'SUNCOAST HOLDINGS LLC' }), count: 3,
      },
    ]);
  });

  it('a removed PGA line is one removed group', () => {
    const r = diff(base, fixture('pgaline-removed.abi'));
    expect(r.changes).toEqual([
      {
        kind: 'removed', path: { entry: 'ZQ9 60150329', line: '001', tariff: '2104100020', pgaLine: 'APH 001' },
        recordA: 86, recordB: null, recordId: 'PG01', field: null,
        before: expect.objectContaining({ agencyCode: 'APH', programCode: 'AVS' }), after: null, count: 25,
      },
    ]);
  });

  it('reordered transactions are matched by entry number; a change among them has each side\'s record number', () => {
    expect(diff(base, fixture('reordered.abi')).changes).toEqual([]);
    const r = diff(base, fixture('reordered-changed.abi'));
    expect(r.changes).toEqual([
      expect.objectContaining({ path: { entry: 'ZQ9 60150329', line: '002', tariff: '4419909100', record: '50' }, recordA: 112, recordB: 52, field: 'valueOfGoods', before: 3120, after: 3210 }),
    ]);
  });

  it('a tariff whose HTS number changed is the same tariff (by position)', () => {
    expect(diff(base, fixture('hts-changed.abi')).changes).toEqual([
      expect.objectContaining({ kind: 'changed', recordA: 33, recordB: 33, recordId: '50', field: 'htsNumber', before: '0603110030', after: '0603110060' }),
    ]);
  });

  it('a JSON or NDJSON side diffs like the fixed-width it encodes to', () => {
    const json = fixture('base.json');
    expect(diff(base, json).changes).toEqual([]);
    expect(diff(json, fixture('entity-name.ndjson')).changes).toEqual(diff(base, fixture('entity-name.abi')).changes);
    expect(diff(decode(base).document, fixture('entity-name.abi')).summary).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('a removed LPCO pair (PG13 + PG14) is one removed unit keyed by LPCO type and number', () => {
    const b = edited((doc) => {
      const pga = group(doc, 'APH 001', group(doc, 'ZQ9 60150246'));
      const i = pga.records.findIndex((n) => !isGroup(n) && n.id === 'PG13');
      pga.records.splice(i, 2);
    });
    expect(diff(base, b).changes).toEqual([
      expect.objectContaining({ kind: 'removed', path: { ...ORCHID_APHIS, record: 'PG14 AE1 TW-2026-AE-0413-005512' }, recordA: 13, recordId: 'PG13', count: 2 }),
    ]);
  });

  it('a member of an entity is reported under it', () => {
    const b = edited((doc) => {
      const pga = group(doc, 'APH 001', group(doc, 'ZQ9 60150246'));
      const recs = own(pga);
      const cb = recs.findIndex((r) => r.id === 'PG19' && r.fields?.entityRoleCode === 'CB');
      recs[cb + 1]!.fields!.entityCity = 'MIAMI';
    });
    expect(diff(base, b).changes).toEqual([
      expect.objectContaining({ path: { ...ORCHID_APHIS, record: 'PG19 CB' }, recordId: 'PG20', field: 'entityCity', before: 'DORAL', after: 'MIAMI' }),
    ]);
  });

  it('an unkeyed record inserted among others of its kind is one added record', () => {
    const b = edited((doc) => {
      const pga = group(doc, 'APH 001', group(doc, 'ZQ9 60150329'));
      const i = pga.records.findIndex((n) => !isGroup(n) && n.id === 'PG10');
      pga.records.splice(i, 0, { id: 'PG10', fields: { categoryTypeCode: 'AP0300', categoryCode: '301', commodityQualifier: 'A30', characteristicQualifier: 'NEW' } });
    });
    expect(diff(base, b).changes).toEqual([expect.objectContaining({ kind: 'added', recordB: 89, recordId: 'PG10', count: 1 })]);
  });

  it('unkeyed records pair by content and position: a changed PG10 among several', () => {
    const b = edited((doc) => {
      const pga = group(doc, 'APH 001', group(doc, 'ZQ9 60150329'));
      const pg10 = own(pga).filter((r) => r.id === 'PG10');
      pg10[1]!.fields!.characteristicQualifier = 'CUX';
    });
    expect(diff(base, b).changes).toEqual([
      expect.objectContaining({ recordA: 90, recordB: 90, recordId: 'PG10', field: 'characteristicQualifier', before: 'CUB', after: 'CUX' }),
    ]);
  });
});

describe('every sample', () => {
  for (const { name, path } of sampleFiles()) {
    it(`${name}: no changes against itself and against its NDJSON form`, () => {
      const bytes = read(path);
      let ndjson = '';
      const s = createDecodeSession({ to: 'ndjson' }, { text: (t) => (ndjson += t) });
      s.write(bytes);
      s.end();
      expect(diff(bytes, bytes).changes).toEqual([]);
      expect(diff(bytes, ndjson)).toMatchObject({ changes: [], problems: [] });
    });
  }
});

describe('diff options', () => {
  it('--ignore-envelope leaves out A/B/Y/Z dates, passwords and user data', () => {
    const envelope = fixture('envelope.abi');
    expect(diff(base, envelope).changes.map((c) => `${c.recordId}.${c.field}`)).toEqual([
      'A.communicationPassword', 'A.transmissionDate', 'A.userDataText', 'Z.transmissionDate',
    ]);
    expect(diff(base, envelope, { ignoreEnvelope: true }).changes).toEqual([]);
  });

  it('--ignore takes a field id or RECORD.field', () => {
    const b = fixture('entity-name.abi');
    expect(diff(base, b, { ignore: 'entityName' }).changes).toEqual([]);
    expect(diff(base, b, { ignore: ['PG19.entityName'] }).changes).toEqual([]);
    expect(diff(base, b, { ignore: ['PG20.entityCity'] }).changes).toHaveLength(1);
  });

  it('unknown --ignore names are all reported at once', () => {
    expect(() => diff(base, base, { ignore: ['nope', 'PGX.entityName'] })).toThrow(OptionError);
    expect(() => diff(base, base, { ignore: ['nope', 'PGX.entityName'] })).toThrow(/nope[\s\S]*PGX/);
  });

  it('a record that is not canonical compares by text, with ignored fields blanked', () => {
    // Data in the PG02 filler (columns 75-80) keeps the record raw on both sides.
    const lines = base.toString('latin1').split('\n');
    const i = lines.findIndex((l) => l.startsWith('PG02PTSN 43887'));
    const rawA = [...lines];
    rawA[i] = rawA[i]!.slice(0, 74) + 'FILLER';
    const rawB = [...rawA];
    rawB[i] = rawB[i]!.replace('43887', '43888');
    const a = Buffer.from(rawA.join('\n'), 'latin1');
    const b = Buffer.from(rawB.join('\n'), 'latin1');
    expect(diff(a, b).changes).toEqual([
      expect.objectContaining({ kind: 'changed', recordId: 'PG02', field: null, before: rawA[i], after: rawB[i] }),
    ]);
    expect(diff(a, b, { ignore: 'PG02.productCodeNumber' }).changes).toEqual([]);
  });

  it('format json: changes and summary, record numbers 1-based, null where a side has none', () => {
    const out = JSON.parse(diff(base, fixture('entity-added.abi'), { format: 'json' }).output);
    expect(out).toEqual({
      changes: [
        {
          kind: 'added', path: { ...ORCHID_APHIS, record: 'PG19 IM' }, recordA: null, recordB: 23, recordId: 'PG19', field: null,
          before: null, after: expect.any(Object), count: 3,
        },
      ],
      summary: { added: 1, removed: 0, changed: 0 },
    });
    expect(JSON.parse(diff(base, base, { format: 'json' }).output)).toEqual({ changes: [], summary: { added: 0, removed: 0, changed: 0 } });
  });

  it('format text: grouped under entry and line', () => {
    expect(diff(base, fixture('entity-name.abi')).output).toBe([
      'entry ZQ9 60150246',
      '  line 001 › tariff 0602902000 › PGA line APH 001',
      '    ~ PG19 (UC) Entity Name [entityName]: SUNCOAST GREENHOUSE SUPPLY LLC → SUNCOAST GREENHOUSE LLC  A:20 B:20',
      '',
      '1 change: 0 added, 0 removed, 1 changed',
      '',
    ].join('\n'));
  });

  it('a side that is not catair JSON is a problem, not a crash', () => {
    const r = diff(base, '{"records": [{"id": "PG19", "fields": {"entityName": 12}}]}');
    expect(r.problems).toEqual([expect.objectContaining({ side: 'b', issue: expect.objectContaining({ severity: 'error' }) })]);
  });
});

describe('diff streams', () => {
  it('gives the same changes however the inputs are sliced', () => {
    const b = fixture('entity-added.abi');
    const whole = diff(base, b).changes;
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % 300);
    };
    for (const size of [1, 79, 80, 81, 4096]) expect(sliced(base, b, () => size).changes).toEqual(whole);
    expect(sliced(base, b, random).changes).toEqual(whole);
  });

  it('holds about one transaction per side when both are in the same order', () => {
    const a = encode(manyEntries(50).doc).bytes;
    const b = encode(manyEntries(50, (entry, k) => {
      if (k === 25) own(group(entry, 'APH 001'))[0]!.fields!.intendedUseCode = '999.000';
    }).doc).bytes;
    const r = sliced(a, b, () => 4096);
    expect(r.summary).toEqual({ added: 0, removed: 0, changed: 2 });
    expect(r.peak).toBeLessThanOrEqual(4);
  });

  it('still matches every transaction when the order is reversed (holding what is out of place)', () => {
    const { doc: a } = manyEntries(20);
    const { doc: b, block } = manyEntries(20);
    const inner = block.records.slice(1, -1).reverse();
    block.records = [block.records[0]!, ...inner, block.records[block.records.length - 1]!];
    const r = sliced(encode(a).bytes, encode(b).bytes, () => 4096);
    expect(r.changes).toEqual([]);
    expect(r.peak).toBeGreaterThan(20);
  });

  it('reports a transaction only one side has as one change, at the end', () => {
    const { doc: a } = manyEntries(3);
    const { doc: b, block } = manyEntries(3);
    const [removed] = block.records.splice(3, 1) as JsonGroup[];
    const r = diff(encode(a).bytes, encode(b).bytes);
    expect(r.changes).toEqual([
      expect.objectContaining({ kind: 'removed', path: { entry: `ZQ9 ${own(removed!)[0]!.fields!.entryNumber}` }, recordId: '10', field: null }),
    ]);
  });
});
