/** Which form an input is in (src/read/sniff.ts), and JSON behind a byte order mark through convert, diff and the library. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encode } from '../src/api/encode.js';
import { FormSniffer, SNIFF_WINDOW } from '../src/read/sniff.js';
import { runCli, SAMPLES } from './helpers.js';

/** The form decided when `chunks` are pushed one after another, then the input ends. */
function sniff(...chunks: (string | number[])[]): string {
  const s = new FormSniffer();
  for (const c of chunks) {
    const form = s.push(typeof c === 'string' ? c : Uint8Array.from(c));
    if (form) return form;
  }
  return `${s.end()} at the end`;
}

const BOM = [0xef, 0xbb, 0xbf];
const brace = 0x7b;

describe('which form an input is in (src/read/sniff.ts)', () => {
  it('JSON after whitespace, in bytes or text, however the chunks fall', () => {
    expect(sniff(' \t\r\n{')).toBe('json');
    expect(sniff('  ', '\n', '[')).toBe('json');
    expect(sniff([0x20, 0x0a], [0x5b])).toBe('json');
    expect(sniff('A5201ZQ9')).toBe('fixed');
    expect(sniff('   ', 'B  5206')).toBe('fixed');
  });

  it('JSON behind a UTF-8 byte order mark, even one split across chunks; the mark only at the start', () => {
    expect(sniff([...BOM, brace])).toBe('json');
    expect(sniff([0xef], [0xbb], [0xbf, 0x0a, brace])).toBe('json');
    expect(sniff('\uFEFF{')).toBe('json');
    // Not a mark: part of one, a mark after a blank, two marks.
    expect(sniff([0xef, 0x20, brace])).toBe('fixed');
    expect(sniff([0x20, ...BOM, brace])).toBe('fixed');
    expect(sniff([...BOM, ...BOM, brace])).toBe('fixed');
    expect(sniff(' \uFEFF{')).toBe('fixed');
  });

  it('whitespace alone is fixed-width: at the end, or past the window, so blanks are never held whole', () => {
    expect(sniff('')).toBe('fixed at the end');
    expect(sniff('  \n  ')).toBe('fixed at the end');
    expect(sniff([...BOM])).toBe('fixed at the end');
    expect(sniff(' '.repeat(SNIFF_WINDOW - 1), '{')).toBe('json');
    expect(sniff(' '.repeat(SNIFF_WINDOW), '{')).toBe('fixed');
  });
});

describe('convert and diff read JSON saved with a byte order mark', () => {
  const abi = readFileSync(join(SAMPLES, 'se-cargo-release.abi'));
  const bom = Buffer.from(BOM);

  it('convert: a tree document and NDJSON go back to the same bytes, the form detected', async () => {
    for (const to of ['json', 'ndjson']) {
      const json = await runCli(['convert', '-', '--to', to], { stdin: abi });
      expect(json.code).toBe(0);
      const back = await runCli(['convert', '-'], { stdin: Buffer.concat([bom, json.stdoutBytes]) });
      expect(back.stderr).toBe('');
      expect(back.code).toBe(0);
      expect(back.stdoutBytes.equals(abi)).toBe(true);
    }
  });

  it('diff: the JSON with a mark against its fixed-width has no changes', async () => {
    const json = await runCli(['convert', '-'], { stdin: abi });
    const dir = mkdtempSync(join(tmpdir(), 'catair-bom-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'se.json');
    writeFileSync(path, Buffer.concat([bom, json.stdoutBytes]));
    const r = await runCli(['diff', path, join(SAMPLES, 'se-cargo-release.abi'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });
});

describe('the library reads JSON text with a byte order mark', () => {
  it('encode: the text of a file saved with a mark, as readFileSync(…, "utf8") gives it', async () => {
    const abi = readFileSync(join(SAMPLES, 'se-cargo-release.abi'));
    const json = (await runCli(['convert', '-'], { stdin: abi })).stdout;
    const r = encode('\uFEFF' + json);
    expect(r.issues).toEqual([]);
    expect(Buffer.from(r.bytes).equals(abi)).toBe(true);
    // Only at the start: one inside the text is a JSON error, as before.
    expect(encode(json.replace('{', '{\uFEFF')).issues.length).toBeGreaterThan(0);
  });
});
