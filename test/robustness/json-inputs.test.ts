/**
 * Broken JSON and NDJSON on the way back to fixed width: wrong types, unknown
 * fields, missing records, values too long, not JSON at all, not UTF-8. Each
 * problem names the JSON path and field, the exit status is 1 (records not
 * written) or 2 (unreadable input), and an `-o` file is written whole or not
 * at all.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createEncodeSession, encode } from '../../src/api/encode.js';
import { JsonRecordReader, nestedDeeper } from '../../src/model/reader.js';
import { runCli, SAMPLES, type CliResult } from '../helpers.js';
import { runs } from '../fast-check.js';

const dir = mkdtempSync(join(tmpdir(), 'catair-robust-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | Buffer, ext = 'ndjson'): string {
  const path = join(dir, `input-${++files}.${ext}`);
  writeFileSync(path, content);
  return path;
}

function expectClean(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(r.stderr).not.toMatch(/internal error/);
}

/** Converts to fixed width with `-o`; returns the result and whether the file (or a temporary one) exists. */
async function toFixed(content: string | Buffer, ext = 'ndjson'): Promise<CliResult & { written: boolean }> {
  const out = join(dir, `out-${files}.abi`);
  const r = await runCli(['convert', file(content, ext), '--to', 'abi', '-o', out]);
  expectClean(r);
  const leftovers = readdirSync(dir).filter((f) => f.includes('.catair-'));
  expect(leftovers).toEqual([]);
  return { ...r, written: existsSync(out) };
}

const good = { id: 'PG19', fields: { entityRoleCode: 'LAP', entityName: 'SUNCOAST GREENHOUSE SUPPLY LLC' } };
const line = (r: unknown) => JSON.stringify(r) + '\n';

describe('broken JSON on the way to fixed width', () => {
  it('a wrong type: exit 1, the JSON path, field and columns named, nothing written', async () => {
    const r = await toFixed(line(good) + line({ id: 'PG19', fields: { entityName: 42 } }));
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    expect(r.stderr).toMatch(/:2:26-57: error encode-field: line 2: fields\.entityName \(PG19 Entity Name, columns 26-57\): expected text, got number 42/);
    expect(r.stderr).toMatch(/not written: 1 record could not be encoded/);
  });

  it('an unknown field: exit 1, the field named', async () => {
    const r = await toFixed(line({ id: 'PG19', fields: { entityName: 'X', colour: 'red' } }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error encode-field: line 1: PG19 has no field "colour"/);
  });

  it('a value too long: exit 1, the width given, nothing truncated', async () => {
    const r = await toFixed(line({ id: 'PG19', fields: { entityName: 'X'.repeat(33) } }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/value is 33 characters, the field holds 32/);
    const n = await toFixed(line({ id: 'PG26', fields: { quantity: 12345678901.5 } }));
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/fields\.quantity .*: 12345678901\.5 needs 13 digits, the field holds 12/);
  });

  it('missing records and missing ids: exit 1, each named', async () => {
    const noRecords = await toFixed(JSON.stringify({ catair: '1', eol: 'lf' }), 'json');
    expect(noRecords.code).toBe(1);
    expect(noRecords.stderr).toMatch(/line 1: a record needs an "id" \(or its "raw" text\)/);
    const tree = await toFixed(JSON.stringify({ catair: '1', records: [good, { fields: {} }, 'PG19', null] }), 'json');
    expect(tree.code).toBe(1);
    expect(tree.stderr).toMatch(/records\[1\]: a record needs an "id"/);
    expect(tree.stderr).toMatch(/records\[2\]: expected a record object/);
    expect(tree.stderr).toMatch(/records\[3\]: expected a record object/);
    const unknown = await toFixed(line({ id: 'ZZ99', fields: {} }));
    expect(unknown.stderr).toMatch(/no layout for record "ZZ99"/);
  });

  it('not JSON: exit 1 per bad line; not JSON at all with --to abi: exit 2', async () => {
    const r = await toFixed(line(good) + '{"id": "PG19", \n' + line(good));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2: not JSON: /);
    const fixed = await runCli(['convert', file('PG19LAP', 'abi'), '--to', 'abi']);
    expect(fixed.code).toBe(2);
    expect(fixed.stderr).toMatch(/--to abi needs JSON or NDJSON input/);
  });

  it('a truncated tree document: exit 1, the parser message', async () => {
    const doc = JSON.stringify({ catair: '1', eol: 'lf', records: [good, good] });
    const r = await toFixed(doc.slice(0, doc.length - 7), 'json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/document: not JSON: /);
  });

  it('invalid UTF-8: exit 2, the byte range named, nothing written', async () => {
    const bytes = Buffer.concat([Buffer.from(line(good)), Buffer.from([0x7b, 0x22, 0xff, 0xfe]), Buffer.from('"}\n')]);
    const r = await toFixed(bytes);
    expect(r.code).toBe(2);
    expect(r.written).toBe(false);
    expect(r.stderr).toMatch(/not valid UTF-8 in bytes \d+-\d+ \(JSON and NDJSON are read as UTF-8\)/);
  });

  it('a character the output encoding lacks: exit 1, the record named', async () => {
    const r = await toFixed(line({ id: 'PG19', fields: { entityName: 'CAFÉ ☕' } }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/character "☕" is not in ascii/);
  });

  it('nesting deeper than catair writes: exit 1 and a sentence, not a stack overflow', async () => {
    // 20,000 groups in groups overflowed the stack (internal error); 5 MB of "[" took 430 MB to parse.
    const groups = '{"records":[' + '{"group":"batch","records":['.repeat(20_000) + ']}'.repeat(20_000) + ']}';
    for (const [content, ext] of [[groups, 'json'], ['['.repeat(5_000_000), 'json'], ['{"id":"A","fields":' + '['.repeat(100_000) + '}\n', 'ndjson']] as const) {
      const r = await toFixed(content, ext);
      expect(r.code).toBe(1);
      expect(r.written).toBe(false);
      expect(r.stderr).toMatch(/: error encode-record: (document|line 1): arrays and objects nest more than 100 deep: not catair JSON/);
    }
    const d = await runCli(['diff', file(groups, 'json'), file(groups, 'json')]);
    expectClean(d);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('arrays and objects nest more than 100 deep');
  });

  it('a tree document too long to read whole: one problem, not a crash; NDJSON has no such limit', () => {
    const problems: string[] = [];
    const records: string[] = [];
    const reader = (max: number) => new JsonRecordReader({ record: (_r, where) => records.push(where), problem: (where, m) => problems.push(`${where}: ${m}`) }, max);
    const tree = JSON.stringify({ records: [{ id: 'A', raw: 'A' }, { id: 'Z', raw: 'Z' }] });
    const small = reader(tree.length - 1);
    for (let i = 0; i < tree.length; i += 7) small.push(tree.slice(i, i + 7));
    small.end();
    expect(problems).toEqual([`document: a JSON tree document longer than ${tree.length - 1} characters is not read whole (it would not fit in memory); convert the fixed-width file --to ndjson, one record per line, for inputs this large`]);
    expect(records).toEqual([]);
    const ndjson = reader(10);
    ndjson.push('{"id":"A","raw":"A"}\n{"id":"Z","raw":"Z"}\n'.repeat(5));
    ndjson.end();
    expect(problems).toHaveLength(1);
    expect(records).toHaveLength(10);
  });

  it('brackets inside strings do not count as nesting', () => {
    expect(nestedDeeper(JSON.stringify({ a: '['.repeat(500), b: '{\\"['.repeat(300) }), 3)).toBe(false);
    expect(nestedDeeper('[[[[', 3)).toBe(true);
    expect(nestedDeeper('[[["]]]"]]]', 3)).toBe(false);
  });

  it('a tree document on one line (minified), fed in many pieces, converts as the indented one does', async () => {
    const abi = readFileSync(join(SAMPLES, 'ae-aphis-entry-summary.abi'));
    const tree = (await runCli(['convert', '-'], { stdin: abi })).stdout;
    const minified = JSON.stringify(JSON.parse(tree));
    expect(minified).not.toContain('\n');
    const parts: Buffer[] = [];
    const session = createEncodeSession({}, { data: (b) => parts.push(b) });
    for (let i = 0; i < minified.length; i += 97) session.writeJsonText(minified.slice(i, i + 97));
    session.end();
    expect(session.errors).toBe(0);
    expect(Buffer.concat(parts).equals(abi)).toBe(true);
  });

  it('any JSON value at all: no throw, issues or bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.record({ id: fc.constantFrom('PG19', 'A', '10', null, 5), fields: fc.anything(), raw: fc.anything(), eol: fc.anything(), layout: fc.anything() }, { requiredKeys: [] }))), (values) => {
        const text = values.map((v) => JSON.stringify(v) ?? 'undefined').join('\n');
        const r = encode(text);
        expect(r.issues.length > 0 || r.bytes.length >= 0).toBe(true);
        if (r.issues.length) expect(r.bytes.length).toBe(0);
      }),
      { numRuns: runs(200) },
    );
  });
});
