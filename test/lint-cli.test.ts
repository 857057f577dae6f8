/** `catair lint` in-process: exit codes, formats, policy options and the configuration file. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_SAMPLES, runCli } from './helpers.js';
import { FIXTURES } from './lint-fixtures.js';

const fx = (name: string) => join(FIXTURES, `${name}.abi`);
// Fixtures with one error, one warning, and none (under the shipped code lists too).
const ERROR = fx('mandatory-field');
const WARNING = fx('entry-check-digit');
const CLEAN = fx('valid-ae');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'catair-lint-'));
}

/** Well-formed XML, checked by hand: tags balance, attributes are quoted, text has no bare `<` or `&`. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(re)) {
    if (m[6]) return false;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) return false;
      continue;
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[4]) stack.push(m[2]!);
  }
  return stack.length === 0;
}

describe('catair lint: exit codes', () => {
  it('0 for a clean file, with a summary line', async () => {
    const r = await runCli(['lint', CLEAN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no problems \(1 file, 9 records\)/);
  });

  it('1 for errors; the text report shows file:record:columns, the ruler and ^^^', async () => {
    const r = await runCli(['lint', ERROR]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${ERROR}:6:48-50: error mandatory-field: Unit of Measure (1) (columns 48-50) is mandatory but blank`);
    expect(r.stdout).toContain('|12345678901234567890123456789012345678901234567890123456789012345678901234567890');
    expect(r.stdout).toMatch(/\n {6}\| {47}\^\^\^\n/);
    expect(r.stdout).toMatch(/1 error, 0 warnings, 0 infos \(1 file, 9 records\)/);
  });

  it('0 for warnings only', async () => {
    expect((await runCli(['lint', WARNING])).code).toBe(0);
  });

  it('2 for a missing file, naming it, while still linting the others', async () => {
    const r = await runCli(['lint', 'no-such.abi', ERROR, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such.abi: no such file');
    expect(JSON.parse(r.stdout).files).toHaveLength(1);
  });

  it('counts the files it could not read in the text summary, and does not call that "no problems"', async () => {
    const both = await runCli(['lint', 'no-such.abi', WARNING]);
    expect(both.code).toBe(2);
    expect(both.stdout).toMatch(/\(1 file, \d+ records; 1 file not read\)\n$/);
    const none = await runCli(['lint', 'no-such.abi', 'gone.abi']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('no problems in the files read (0 files, 0 records; 2 files not read)\n');
    expect((await runCli(['lint', WARNING])).stdout).not.toContain('not read');
  });

  it('2 for an unknown rule, level or format, without a stack trace', async () => {
    for (const args of [['--rule', 'no-such-rule=off'], ['--rule', 'record-length=loud'], ['--format', 'xml'], ['--max-warnings', 'many']]) {
      const r = await runCli(['lint', CLEAN, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^catair: /);
      expect(r.stderr).not.toContain('    at ');
    }
  });

  it('reads stdin by default and with -', async () => {
    const text = readFileSync(ERROR);
    expect((await runCli(['lint'], { stdin: text })).code).toBe(1);
    const r = await runCli(['lint', '-', '--format', 'json'], { stdin: text });
    expect(JSON.parse(r.stdout).files[0].file).toBe('<stdin>');
  });

  it('2 for a folder given as a file', async () => {
    expect((await runCli(['lint', FIXTURES])).code).toBe(2);
  });

  it.skipIf(!existsSync(REFERENCE_SAMPLES))('nothing in the reference samples crashes it', async () => {
    const files = readdirSync(REFERENCE_SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => join(REFERENCE_SAMPLES, f));
    const r = await runCli(['lint', '--format', 'json', ...files]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).files).toHaveLength(files.length);
  });
});

describe('catair lint: formats', () => {
  it('json: one object with files, issues and summary', async () => {
    const r = await runCli(['lint', ERROR, WARNING, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(doc.files.map((f: { file: string; records: number }) => [f.file, f.records])).toEqual([[ERROR, 9], [WARNING, 9]]);
    expect(doc.files[0].issues).toEqual([{
      code: 'mandatory-field', severity: 'error', record: 6, columns: [48, 50], recordId: '50', field: 'unitOfMeasure1',
      message: 'Unit of Measure (1) (columns 48-50) is mandatory but blank',
    }]);
  });

  it('sarif: SARIF 2.1.0 with rules, levels and regions', async () => {
    const r = await runCli(['lint', ERROR, WARNING, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('catair');
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toContain('mandatory-field');
    for (const rule of run.tool.driver.rules) expect(rule.help.text).toMatch(/Source: /);
    expect(run.results).toHaveLength(2);
    const [err, warn] = run.results;
    expect(err).toMatchObject({ ruleId: 'mandatory-field', level: 'error', message: { text: expect.any(String) } });
    expect(ids[err.ruleIndex]).toBe('mandatory-field');
    expect(err.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: ERROR.split('/').map(encodeURIComponent).join('/') }, region: { startLine: 6, startColumn: 48, endColumn: 51 } });
    expect(warn).toMatchObject({ ruleId: 'entry-check-digit', level: 'warning' });
  });

  it('junit: well-formed XML, one suite per file, failures for errors', async () => {
    const r = await runCli(['lint', ERROR, WARNING, CLEAN, '--format', 'junit']);
    expect(wellFormed(r.stdout)).toBe(true);
    expect(r.stdout).toMatch(/<testsuites name="catair lint" tests="3" failures="1" errors="0">/);
    expect(r.stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(r.stdout).toContain('<testcase classname="' + ERROR + '" name="record 6 (50)">');
    expect(r.stdout).toMatch(/<failure type="mandatory-field" message="mandatory-field: [^"]+">/);
    expect(r.stdout).toContain('<system-out>');
  });

  it('junit: record content with markup and control characters stays well-formed', async () => {
    const text = readFileSync(fx('non-displayable'), 'latin1').replace('REF\t1', 'R<&>"\u0001');
    const r = await runCli(['lint', '-', '--format', 'junit'], { stdin: Buffer.from(text, 'latin1') });
    expect(wellFormed(r.stdout)).toBe(true);
  });

  it('github: workflow annotations', async () => {
    const r = await runCli(['lint', ERROR, WARNING, '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`::error file=${ERROR},line=6,col=48,endColumn=50,title=mandatory-field::Unit of Measure (1) (columns 48-50) is mandatory but blank`);
    expect(lines[1]).toMatch(/^::warning file=.*,line=3,col=16,endColumn=16,title=entry-check-digit::check digit/);
  });

  it('-o writes the report to a file', async () => {
    const dir = tempDir();
    const r = await runCli(['lint', ERROR, '--format', 'json', '-o', join(dir, 'report.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.errors).toBe(1);
  });

  it('--quiet prints nothing and keeps the exit status', async () => {
    const r = await runCli(['--quiet', 'lint', ERROR]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: '' });
  });
});

describe('catair lint: policy', () => {
  it('--rule CODE=off drops the issue; --rule CODE=error raises it', async () => {
    expect((await runCli(['lint', ERROR, '--rule', 'mandatory-field=off'])).code).toBe(0);
    const r = await runCli(['lint', WARNING, '--rule', 'entry-check-digit=error', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].issues[0].severity).toBe('error');
  });

  it('--strict makes warnings errors', async () => {
    const r = await runCli(['lint', WARNING, '--strict', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
  });

  it('--max-warnings N fails only above N', async () => {
    expect((await runCli(['lint', WARNING, '--max-warnings', '1'])).code).toBe(0);
    expect((await runCli(['lint', WARNING, '--max-warnings', '0'])).code).toBe(1);
  });

  it('--max-issues N lists the first N issues of each file and counts the rest, which still set the exit status', async () => {
    const bad = 'samples/invalid/aphis-errors.abi'; // two errors, at records 8 and 52
    const text = await runCli(['lint', bad, '--max-issues', '1']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('aphis-entity-missing');
    expect(text.stdout).not.toContain('aphis-cut-flower-unit');
    expect(text.stdout).toContain(`${bad}: 1 more issue not listed (1 error, 0 warnings, 0 infos); the first 1 by record are`);
    expect(text.stdout).toMatch(/^2 errors, 0 warnings, 0 infos \(1 file, 128 records\)$/m);
    // None listed: the errors are still counted, and still fail the run.
    const json = await runCli(['lint', bad, '--max-issues', '0', '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.files[0]).toMatchObject({ issues: [], omitted: { errors: 2, warnings: 0, infos: 0 } });
    expect(report.summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
    const all = await runCli(['lint', bad, '--max-issues', 'all', '--format', 'json']);
    expect(JSON.parse(all.stdout).files[0].issues).toHaveLength(2);
    expect(JSON.parse(all.stdout).files[0].omitted).toBeUndefined();
    for (const wrong of ['-1', 'some', '1.5']) {
      const r = await runCli(['lint', bad, '--max-issues', wrong]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--max-issues must be a whole number of zero or more, or all');
    }
  });

  it('.catairrc.json is found from the working folder upward; the command line wins', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.catairrc.json'), JSON.stringify({ rules: { 'entry-check-digit': 'error' }, maxWarnings: 5 }));
    mkdirSync(join(dir, 'sub'));
    expect((await runCli(['lint', WARNING], { cwd: join(dir, 'sub') })).code).toBe(1);
    expect((await runCli(['lint', WARNING, '--rule', 'entry-check-digit=warning'], { cwd: join(dir, 'sub') })).code).toBe(0);
  });

  it('--config FILE; unknown rules and keys in it are usage errors naming the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ strict: true }));
    expect((await runCli(['lint', WARNING, '--config', join(dir, 'strict.json')])).code).toBe(1);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ rules: { 'no-such-rule': 'off' }, colour: true }));
    const r = await runCli(['lint', WARNING, '--config', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'bad.json')}: unknown key "colour"`);
    writeFileSync(join(dir, 'rule.json'), JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    const r2 = await runCli(['lint', WARNING, '--config', join(dir, 'rule.json')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${join(dir, 'rule.json')}: unknown rule "no-such-rule"`);
    expect((await runCli(['lint', WARNING, '--config', join(dir, 'missing.json')])).code).toBe(2);
    writeFileSync(join(dir, 'broken.json'), '{ rules: ');
    expect((await runCli(['lint', WARNING, '--config', join(dir, 'broken.json')])).stderr).toContain('not valid JSON');
  });

  it('--flags reads an HTS,flag CSV; a malformed one is a usage error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'flags.csv'), 'hts,flag\n0602902000,AQ2\n');
    // The clean fixture's tariff line 0602902000 carries no APHIS data: flagged AQ2, that is an error.
    expect((await runCli(['lint', CLEAN])).code).toBe(0);
    const r = await runCli(['lint', CLEAN, '--flags', join(dir, 'flags.csv'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].issues.map((i: { code: string }) => i.code)).toEqual(['aphis-flag-required']);
    writeFileSync(join(dir, 'bad.csv'), '0602902000,AQ1\n0602902000;AQ1\n');
    const bad = await runCli(['lint', CLEAN, '--flags', join(dir, 'bad.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.csv:2: ');
  });

  it('--help shows examples', async () => {
    const r = await runCli(['lint', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--max-warnings');
  });
});
