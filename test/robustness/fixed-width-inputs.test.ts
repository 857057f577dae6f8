/**
 * Broken fixed-width input, through the library and the CLI in-process: every
 * case ends with a clear message and a defined exit code, never a stack
 * trace, and the fixed → JSON → fixed round trip stays byte-exact however
 * broken the bytes are (README "Guarantees").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecodeSession, decode } from '../../src/api/decode.js';
import { encode } from '../../src/api/encode.js';
import { read, runCli, SAMPLES, type CliResult } from '../helpers.js';
import { runs } from '../fast-check.js';

const dir = mkdtempSync(join(tmpdir(), 'catair-robust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(bytes: Uint8Array | string): string {
  const path = join(dir, `input-${++files}.abi`);
  writeFileSync(path, bytes);
  return path;
}

/** No stack trace, no internal error: only catair's own messages. */
function expectClean(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(r.stderr).not.toMatch(/internal error/);
}

/** fixed → JSON tree → fixed and fixed → NDJSON → fixed, through the CLI, byte for byte. */
async function expectRoundTrip(bytes: Buffer, encoding = 'ascii'): Promise<void> {
  const path = file(bytes);
  for (const to of ['json', 'ndjson']) {
    const json = await runCli(['convert', path, '--to', to, '-e', encoding]);
    expectClean(json);
    const back = await runCli(['convert', '-', '--to', 'abi', '-e', encoding], { stdin: json.stdoutBytes });
    expectClean(back);
    expect(back.code, `${to}: ${back.stderr}`).toBe(0);
    expect(back.stdoutBytes.equals(bytes), `${to} round trip`).toBe(true);
  }
}

const sample = read(join(SAMPLES, 'ae-aphis-entry-summary.abi'));

describe('broken fixed-width input', () => {
  it('random bytes: exit 1, each problem named by record and columns, bytes kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), async (bytes) => {
        const r = await runCli(['convert', file(bytes), '--to', 'ndjson']);
        expectClean(r);
        expect([0, 1]).toContain(r.code);
        if (r.code === 1) expect(r.stderr).toMatch(/^.+:\d+:\d+-\d+: error [a-z-]+: /m);
        const back = encode(r.stdout);
        expect(back.bytes.equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: runs(40) },
    );
  });

  it('a binary file: exit 1 with record-length and unknown-record messages, and it converts back unchanged', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff));
    const r = await runCli(['convert', file(bytes)]);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error (record-length|unknown-record): /);
    await expectRoundTrip(bytes);
  });

  it('a truncated file: exit 1, the cut record reported, nothing lost', async () => {
    for (const at of [1, 79, 500, sample.length - 40]) {
      const cut = sample.subarray(0, at);
      const r = await runCli(['convert', file(cut), '--to', 'ndjson']);
      expectClean(r);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error record-length: record is \d+ characters?, not 80; kept as raw text/);
      await expectRoundTrip(cut);
    }
  });

  it('an empty file: exit 0 and an empty document', async () => {
    const path = file('');
    const tree = await runCli(['convert', path]);
    expect(tree.code).toBe(0);
    expect(JSON.parse(tree.stdout)).toMatchObject({ catair: '1', records: [] });
    const nd = await runCli(['convert', path, '--to', 'ndjson']);
    expect([nd.code, nd.stdout, nd.stderr]).toEqual([0, '', '']);
    const back = await runCli(['convert', '-', '--to', 'abi'], { stdin: tree.stdout });
    expect([back.code, back.stdout]).toEqual([0, '']);
  });

  it('NUL bytes: kept in JSON as \\u0000 and written back', async () => {
    const bytes = Buffer.from(sample);
    for (const at of [90, 95, 300, 1000]) bytes[at] = 0;
    const r = await runCli(['convert', file(bytes), '--to', 'ndjson']);
    expectClean(r);
    expect(r.stdout).toContain('\\u0000');
    await expectRoundTrip(bytes);
  });

  it('mixed line endings: each record keeps its own, exit 0', async () => {
    const lines = sample.toString('latin1').split('\n').filter(Boolean);
    const ends = ['\n', '\r\n', '\r'];
    const bytes = Buffer.from(lines.map((l, i) => l + ends[i % 3]).join(''), 'latin1');
    const r = await runCli(['convert', file(bytes), '--to', 'ndjson']);
    expectClean(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"eol":"crlf"');
    await expectRoundTrip(bytes);
  });

  it('a long line with no newline: cut into records, memory bounded, written back whole', () => {
    const line = Buffer.alloc(300_000, 'QX9');
    const { document, issues } = decode(line);
    expect(document.records.length).toBe(Math.ceil(line.length / 80));
    expect(issues.some((i) => i.code === 'unknown-record' || i.code === 'record-length')).toBe(true);
    expect(encode(document).bytes.equals(line)).toBe(true);
    // Past the first records, an overlong line is cut at 64 KiB pieces without a terminator.
    const mixed = Buffer.concat([sample, Buffer.alloc(200_000, 'A'), Buffer.from('\n'), sample]);
    expect(encode(decode(mixed).document).bytes.equals(mixed)).toBe(true);
  });

  it('the wrong encoding: the records read as unknown, exit 1, and the bytes still come back', async () => {
    const r = await runCli(['convert', file(sample), '-e', 'cp037']);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error unknown-record: /);
    await expectRoundTrip(sample, 'cp037');
  });

  it('an unknown encoding name: exit 2 with the names it knows', async () => {
    const r = await runCli(['convert', file(sample), '-e', 'ebcdic-xyz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown encoding "ebcdic-xyz"; use one of ascii, latin1, utf-8, windows-1252, cp037/);
  });

  it('invalid UTF-8 read as UTF-8: exit 1, every affected record reported (invalid-bytes)', async () => {
    const bytes = Buffer.from(sample);
    bytes[200] = 0xff;
    bytes[1000] = 0xc3;
    const r = await runCli(['convert', file(bytes), '-e', 'utf-8', '--to', 'ndjson']);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/error invalid-bytes: bytes that are not valid utf-8 were read as U\+FFFD/g)?.length).toBe(2);
    // Latin-1 keeps every byte instead.
    await expectRoundTrip(bytes, 'latin1');
  });

  it('a genuine U+FFFD in UTF-8 input is not reported', () => {
    const bytes = Buffer.concat([Buffer.from('OI        \u00e9t\ufffd', 'utf8'), Buffer.from(' '.repeat(67))]);
    const { issues } = decode(bytes, { encoding: 'utf-8', app: 'AE' });
    expect(issues.filter((i) => i.code === 'invalid-bytes')).toEqual([]);
  });

  it('input fed one byte at a time gives the same NDJSON as whole', () => {
    const run = (chunks: Uint8Array[]) => {
      let out = '';
      const s = createDecodeSession({ to: 'ndjson' }, { text: (t) => (out += t) });
      for (const c of chunks) s.write(c);
      s.end();
      return out;
    };
    const broken = Buffer.concat([sample.subarray(0, 700), Buffer.from([0, 13, 0xff, 10, 13]), sample.subarray(700, 1500)]);
    expect(run([...broken].map((b) => Uint8Array.of(b)))).toBe(run([broken]));
  });
});
