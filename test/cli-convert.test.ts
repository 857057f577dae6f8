import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_SAMPLES, ROOT, runCli } from './helpers.js';

const FRAGMENT = join(REFERENCE_SAMPLES, 'cw-pga-aphis-apq-phyto-a01-fragment.txt');
const SO_BLOCK = join(REFERENCE_SAMPLES, 'cw-so-status-pga-may-proceed-block.txt');
const TRIMMED = join(REFERENCE_SAMPLES, 'cbp-bb-ex1-ae-broker-single-block.txt');

describe('catair convert (in-process)', () => {
  it('fixed-width → JSON tree by default, JSON → fixed-width back, byte for byte', async () => {
    const json = await runCli(['convert', FRAGMENT]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const doc = JSON.parse(json.stdout);
    expect(doc.records[0].group).toBe('tariff');
    const back = await runCli(['convert', '-'], { stdin: json.stdout });
    expect(back.code).toBe(0);
    expect(back.stdoutBytes.equals(readFileSync(FRAGMENT))).toBe(true);
  });

  it('--max-issues N prints the first N issue lines and counts the rest; the output is whole either way', async () => {
    const full = await runCli(['convert', TRIMMED, '--to', 'ndjson']);
    const lines = full.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    const two = await runCli(['convert', TRIMMED, '--to', 'ndjson', '--max-issues', '2']);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(full.stdout);
    expect(two.stderr.trim().split('\n')).toEqual([...lines.slice(0, 2), `${TRIMMED}: ${lines.length - 2} more issues not shown (the first 2 are; --max-issues sets how many)`]);
    expect((await runCli(['convert', TRIMMED, '--to', 'ndjson', '--max-issues', 'all'])).stderr).toBe(full.stderr);
    const wrong = await runCli(['convert', TRIMMED, '--max-issues', 'many']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--max-issues must be a whole number of zero or more, or all, not "many"');
  });

  it('NDJSON carries each record with its group path', async () => {
    const r = await runCli(['convert', FRAGMENT, '--to', 'ndjson']);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(27);
    const lap = lines.find((l) => l.id === 'PG19' && l.fields.entityRoleCode === 'LAP');
    expect(lap).toMatchObject({ record: 13, path: { tariff: '1', pgaLine: 'APH 001' } });
    expect(lap.fields.entityName).toBe('PERMIT HOLDER');
  });

  it('exits 1 and names file, record and columns when records are kept raw, and still writes them', async () => {
    const r = await runCli(['convert', TRIMMED, '--to', 'ndjson']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cbp-bb-ex1-ae-broker-single-block\.txt:1:28-80: error record-length: record is 27 characters, not 80/);
    expect(r.stdout.trim().split('\n')).toHaveLength(10);
  });

  it('encoding errors name the JSON path and field, and -o writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catair-cli-'));
    const bad = JSON.stringify({ id: 'PG19', fields: { entityRoleCode: 'UC', entityName: 'X'.repeat(33) } });
    const r = await runCli(['convert', '-', '-o', join(dir, 'out.abi')], { stdin: bad + '\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 1: fields.entityName (PG19 Entity Name, columns 26-57): value is 33 characters, the field holds 32');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes -o files atomically and honours --eol', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catair-cli-'));
    const json = (await runCli(['convert', SO_BLOCK, '--to', 'ndjson'])).stdout;
    const out = join(dir, 'so.abi');
    const r = await runCli(['convert', '-', '--eol', 'crlf', '-o', out], { stdin: json });
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'latin1');
    expect(text.split('\r\n')).toHaveLength(8);
    expect(readdirSync(dir)).toEqual(['so.abi']);
  });

  it('usage errors exit 2 with a message and no stack trace', async () => {
    const missing = await runCli(['convert', 'no-such-file.abi']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('catair: no-such-file.abi: no such file\n');
    const badTo = await runCli(['convert', FRAGMENT, '--to', 'xml']);
    expect(badTo.code).toBe(2);
    const badEnc = await runCli(['convert', FRAGMENT, '--encoding', 'klingon']);
    expect(badEnc.code).toBe(2);
    expect(badEnc.stderr).toMatch(/unknown encoding "klingon"/);
    const badOpt = await runCli(['convert', '--frobnicate']);
    expect(badOpt.code).toBe(2);
    expect(badOpt.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help shows examples', async () => {
    const r = await runCli(['convert', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--to <form>');
  });

  it('reads a user --spec folder', async () => {
    const bad = await runCli(['--spec', join(ROOT, 'test'), 'explain', 'PG19']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/problems? in spec .*applications\.tsv:0: file is missing/s);
    const ok = await runCli(['--spec', join(ROOT, 'specs', 'ace-2026-07'), 'explain', 'PG19', '--json']);
    expect(JSON.parse(ok.stdout)[0].fields.find((f: { id: string }) => f.id === 'entityName')).toMatchObject({ start: 26, end: 57 });
  });
});

describe('catair explain and view', () => {
  it('explain prints every column of a layout from the specs', async () => {
    const r = await runCli(['explain', 'PG19']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/26-57 +32 +X +C +entityName +Entity Name/);
    const se60 = await runCli(['explain', 'SE60']);
    expect(se60.stdout).toContain('layout AE.SE60');
    expect(se60.stdout).toContain('layout SE.SE60');
    const only = await runCli(['explain', 'SE60', '--app', 'SE']);
    expect(only.stdout).not.toContain('layout AE.SE60');
    expect((await runCli(['explain', 'PG99'])).code).toBe(2);
  });

  it('view shows field names, values and groups', async () => {
    const r = await runCli(['view', SO_BLOCK]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('▸ transaction SV9 71002057');
    expect(r.stdout).toMatch(/5 +SO70 agencyCode="FDA" programCode="RAD"/);
    expect(r.stdout).toMatch(/3 +SO20 raw="SO20CR B00160703 +"/);
  });
});

describe('the built binary', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
  });

  it('converts from stdin to stdout and back, exit codes intact', () => {
    const bin = join(ROOT, 'bin', 'catair.js');
    const input = readFileSync(FRAGMENT);
    const json = spawnSync(process.execPath, [bin, 'convert', '-', '--to', 'ndjson'], { input });
    expect(json.status).toBe(0);
    const back = spawnSync(process.execPath, [bin, 'convert', '-'], { input: json.stdout });
    expect(back.status).toBe(0);
    expect(Buffer.compare(back.stdout, input)).toBe(0);
    const missing = spawnSync(process.execPath, [bin, 'convert', 'nope.abi'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('catair: nope.abi: no such file\n');
  });

  it('works from any folder on a file given by relative path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catair-bin-'));
    writeFileSync(join(dir, 'x.abi'), readFileSync(FRAGMENT));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'catair.js'), 'convert', 'x.abi', '--to', 'ndjson'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[1]).toContain('"id":"OI"');
  });
});
