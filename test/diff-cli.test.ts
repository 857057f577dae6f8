import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const F = 'test/fixtures/diff';
const tmp = mkdtempSync(join(tmpdir(), 'catair-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('catair diff', () => {
  it('identical files: exit 0 and no output', async () => {
    const r = await runCli(['diff', `${F}/base.abi`, `${F}/base.abi`]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('a fixed-width side against its JSON form: exit 0', async () => {
    expect((await runCli(['diff', `${F}/base.abi`, `${F}/base.json`])).code).toBe(0);
  });

  it('one changed field: exit 1 and the change under its entry and line', async () => {
    const r = await runCli(['diff', `${F}/base.abi`, `${F}/entity-name.ndjson`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'entry ZQ9 60150246',
      '  line 001 › tariff 0602902000 › PGA line APH 001',
      '    ~ PG19 (UC) Entity Name [entityName]: SUNCOAST GREENHOUSE SUPPLY LLC → SUNCOAST GREENHOUSE LLC  A:20 B:20',
      '',
      '1 change: 0 added, 0 removed, 1 changed',
      '',
    ].join('\n'));
  });

  it('--format json', async () => {
    const r = await runCli(['diff', `${F}/base.abi`, `${F}/pgaline-removed.abi`, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ added: 0, removed: 1, changed: 0 });
    expect(out.changes[0]).toMatchObject({ kind: 'removed', path: { pgaLine: 'APH 001' }, recordA: 86, recordB: null, recordId: 'PG01', count: 25 });
    expect(out.changes[0]).not.toHaveProperty('element');
  });

  it('--ignore (repeatable) and --ignore-envelope', async () => {
    expect((await runCli(['diff', `${F}/base.abi`, `${F}/entity-name.abi`, '--ignore', 'PG19.entityName'])).code).toBe(0);
    expect((await runCli(['diff', `${F}/base.abi`, `${F}/envelope.abi`, '--ignore', 'transmissionDate', '--ignore', 'communicationPassword'])).code).toBe(1);
    expect((await runCli(['diff', `${F}/base.abi`, `${F}/envelope.abi`, '--ignore-envelope'])).code).toBe(0);
  });

  it('--quiet: exit status only', async () => {
    expect(await runCli(['-q', 'diff', `${F}/base.abi`, `${F}/entity-added.abi`])).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(await runCli(['diff', '-q', `${F}/base.abi`, `${F}/reordered.abi`])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('reads one side from stdin', async () => {
    const r = await runCli(['diff', '-', `${F}/entity-name.abi`, '-f', 'json'], { stdin: readFileSync(join(ROOT, F, 'base.json')) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).changes).toHaveLength(1);
  });

  it('-o writes the report atomically', async () => {
    const out = join(tmp, 'report.txt');
    const r = await runCli(['diff', `${F}/base.abi`, `${F}/entity-name.abi`, '-o', out]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(out, 'utf8')).toContain('~ PG19 (UC) Entity Name');

    writeFileSync(join(tmp, 'bad.json'), '{"records": [{"id": "PG19", "fields": {"entityName": 12}}]}');
    const failed = join(tmp, 'failed.txt');
    const bad = await runCli(['diff', `${F}/base.abi`, join(tmp, 'bad.json'), '-o', failed]);
    expect(bad.code).toBe(2);
    expect(existsSync(failed)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('colours on request', async () => {
    const r = await runCli(['--color', 'diff', `${F}/base.abi`, `${F}/entity-added.abi`]);
    expect(r.stdout).toMatch(/\x1b\[32m\+/);
  });

  it('--max-pending N: exit 2 and a message when more records wait for a partner', async () => {
    // Lines of text that are no transmission: every one waits for a partner that never comes.
    const lines = (tag: string) => Array.from({ length: 400 }, (_, i) => `${tag}${String(i).padStart(6, '0')}`.padEnd(80)).join('\n') + '\n';
    writeFileSync(join(tmp, 'x.abi'), lines('X'));
    writeFileSync(join(tmp, 'y.abi'), lines('Y'));
    const r = await runCli(['diff', join(tmp, 'x.abi'), join(tmp, 'y.abi'), '--max-pending', '100', '-o', join(tmp, 'xy.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.abi and .*y\.abi: more than 100 records are waiting for a partner, at .*\.abi record \d+; .*--max-pending raises the limit/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(tmp, 'xy.txt'))).toBe(false);
    // Raised, the same diff goes through: every line removed and added.
    const all = await runCli(['diff', join(tmp, 'x.abi'), join(tmp, 'y.abi'), '--max-pending', '1000', '--format', 'json']);
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stdout).summary).toEqual({ added: 400, removed: 400, changed: 0 });
    expect((await runCli(['diff', `${F}/base.abi`, `${F}/base.abi`, '--max-pending', 'x'])).stderr).toContain('--max-pending must be a whole number of 1 or more, not "x"');
  });

  it('trouble is exit 2 with a message, never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['diff', `${F}/base.abi`, 'nope.abi'], /nope\.abi: no such file/],
      [['diff', `${F}/base.abi`, `${F}/base.abi`, '--ignore', 'nope'], /--ignore nope: no field/],
      [['diff', `${F}/base.abi`, `${F}/base.abi`, '--format', 'yaml'], /--format must be text or json/],
      [['diff', `${F}/base.abi`, 'package.json'], /package\.json: .*records/],
      [['diff', '-', '-'], /only one side/],
      [['diff', `${F}/base.abi`], /missing required argument/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('is listed in --help and has its own help with examples', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/diff \[options\] <a> <b>/);
    const help = await runCli(['diff', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:[\s\S]*--ignore-envelope/);
  });

  it('the built binary diffs two files', () => {
    if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
    const bin = join(ROOT, 'bin', 'catair.js');
    const r = spawnSync(process.execPath, [bin, 'diff', `${F}/base.abi`, `${F}/hts-changed.abi`, '-f', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).changes).toEqual([expect.objectContaining({ field: 'htsNumber', before: '0603110030', after: '0603110060' })]);
  });
});
