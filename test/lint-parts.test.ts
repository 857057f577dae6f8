/**
 * One large file linted in parts (src/lint/parts.ts, src/cli/lint-parts.ts):
 * whenever every part proves itself sound, the joined report is the single
 * pass's report, record numbers and messages included; parts that cannot are
 * told apart. The built CLI cuts a large file and gives the single pass's
 * report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { lintPart, planParts, type Part } from '../src/cli/lint-parts.js';
import { createLintSession, NormalizedLintOptions, type LintFileResult } from '../src/lint/index.js';
import { joinParts } from '../src/lint/run.js';
import { findCut, PartWatch, RecordCounter, splitsIntoLines } from '../src/lint/parts.js';
import { RecordSplitter } from '../src/read/split.js';
import { ROOT, runCli, SAMPLES } from './helpers.js';
import { runs } from './fast-check.js';

const dir = mkdtempSync(join(tmpdir(), 'catair-lint-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = NormalizedLintOptions.from({});
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'latin1');
const AE = sample('ae-aphis-entry-summary.abi');
const SE = sample('se-cargo-release.abi');
const CA = sample('ca-pga-correction.abi');
const BAD = sample('invalid/aphis-errors.abi');

function singlePass(text: string, o = options): LintFileResult {
  const s = createLintSession(o, 'f.abi');
  s.write(Buffer.from(text, 'latin1'));
  return s.end();
}

let files = 0;
function fileOf(text: string): string {
  const path = join(dir, `f${files++}.abi`);
  writeFileSync(path, text, 'latin1');
  return path;
}

/** Offsets where a line starting with A follows one starting with Z. */
function boundaries(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\nA'); i !== -1; i = text.indexOf('\nA', i + 1)) {
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    if (text[lineStart] === 'Z') out.push(i + 1);
  }
  return out;
}

/** Lints `text` cut at `cuts` part by part, as the CLI does; undefined when some part is unsound. */
async function inParts(text: string, cuts: number[], o = options): Promise<{ result?: LintFileResult; unsound: string[] }> {
  const path = fileOf(text);
  const bounds = [0, ...cuts, Buffer.byteLength(text, 'latin1')];
  const parts: Part[] = bounds.slice(0, -1).map((start, k) => ({ start, end: bounds[k + 1]!, role: k === 0 ? 'head' : k === cuts.length ? 'tail' : 'middle' }));
  const outcomes = [];
  for (const part of parts) outcomes.push(await lintPart(path, 'f.abi', part, o, () => {}));
  const unsound = outcomes.flatMap((x) => (x.unsound ? [x.unsound] : []));
  if (unsound.length) return { unsound };
  return { result: joinParts('f.abi', outcomes.map((x) => x.result), o.maxIssues), unsound };
}

describe('cutting a file into parts', () => {
  it('finds an A line after a Z line, with its line feed within reach', () => {
    const text = 'B1\nZ1\nX\nZ2\nA1\nB2\n';
    const at = findCut(Buffer.from(text));
    expect(at).toBe(text.indexOf('A1'));
    expect(findCut(Buffer.from('Z1\nB1\nA1\n'))).toBe(-1);
    expect(findCut(Buffer.from('Z1\nA1'))).toBe(-1); // the A line's end is not in view
    expect(findCut(Buffer.from('Z1\nA' + 'x'.repeat(70000) + '\n'))).toBe(-1);
  });

  it('splits into lines exactly when the splitter does', () => {
    expect(splitsIntoLines(Buffer.from('A'.repeat(100) + '\r'))).toBe(true);
    expect(splitsIntoLines(Buffer.from('A'.repeat(70000) + '\n'))).toBe(false);
  });

  it('counts records as the splitter does, or says it cannot', () => {
    const line = fc.oneof(fc.constantFrom('A', 'Z1', '', 'PG01' + ' '.repeat(76)), fc.string({ maxLength: 90 }));
    const eol = fc.constantFrom('\n', '\r\n', '\r', '\n\r');
    fc.assert(fc.property(fc.array(fc.tuple(line, eol), { maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (lines, step) => {
      const text = lines.map(([l, e]) => l + e).join('');
      const bytes = Buffer.from(text, 'latin1');
      const counter = new RecordCounter();
      for (let i = 0; i < bytes.length; i += step) counter.push(bytes.subarray(i, i + step));
      let records = 0;
      const splitter = new RecordSplitter(() => records++, { mode: 'lines' });
      splitter.push(text);
      splitter.end();
      const n = counter.end();
      if (n !== undefined) expect(n).toBe(records);
      // Text of LF or CRLF lines up to 64 KiB, ending with a line feed, is always counted.
      if (lines.every(([l, e]) => (e === '\n' || e === '\r\n') && !/[\r\n]/.test(l)) && text.endsWith('\n')) expect(n).toBe(records);
    }), { numRuns: runs(300) });
  });

  it('plans cuts between batches near even shares, and none for a small or unsplittable file', () => {
    const plan = (text: string, parts: number, encoding = 'ascii', minPart?: number) => {
      const fd = openSync(fileOf(text), 'r');
      try {
        return planParts(fd, Buffer.byteLength(text, 'latin1'), parts, encoding, minPart);
      } finally {
        closeSync(fd);
      }
    };
    const text = AE + SE + CA + AE;
    expect(plan(text, 2)).toBeUndefined(); // under two parts of PART_MIN bytes
    const cuts = boundaries(text);
    const two = plan(text, 2, 'ascii', 100)!;
    expect(two.map((p) => p.role)).toEqual(['head', 'tail']);
    // The first batch boundary at or after the middle.
    expect(two[1]!.start).toBe(cuts.find((c) => c >= text.length / 2));
    expect(two[0]!.end).toBe(two[1]!.start);
    expect(two[1]!.end).toBe(text.length);
    const even = (SE + CA).repeat(3);
    const three = plan(even, 3, 'ascii', 100)!;
    expect(three.map((p) => p.role)).toEqual(['head', 'middle', 'tail']);
    expect(three.slice(1).every((p) => boundaries(even).includes(p.start))).toBe(true);
    expect(plan(text, 2, 'cp037', 100)).toBeUndefined();
    expect(plan(text.replace(/\n/g, ''), 2, 'ascii', 100)).toBeUndefined(); // fixed-width records, no line feeds
    expect(plan(AE.repeat(3).replace(/^Z.*\n/gm, ''), 2, 'ascii', 100)).toBeUndefined(); // no batch boundary
  });
});

describe('the joined report of sound parts is the single pass report', () => {
  const files: Record<string, string> = {
    'AE SE CA': AE + SE + CA,
    'invalid AE between valid ones': SE + BAD + AE + BAD,
    'CRLF': (AE + SE).replace(/\n/g, '\r\n'),
  };
  for (const [name, text] of Object.entries(files)) {
    it(`${name}: every cut`, async () => {
      const single = singlePass(text);
      const cuts = boundaries(text);
      expect(cuts.length).toBeGreaterThan(0);
      for (const cut of cuts) {
        const { result, unsound } = await inParts(text, [cut]);
        expect(unsound).toEqual([]);
        expect(result).toEqual(single);
      }
      if (cuts.length >= 2) expect((await inParts(text, cuts)).result).toEqual(single);
    });
  }

  it('a part that cannot prove itself sound says so', async () => {
    const unknownApp = SE.replace(/^(A.{24})SE/m, '$1QQ');
    expect(unknownApp).not.toBe(SE);
    const cases: [string, string][] = [
      [AE + unknownApp, 'unknown application'],
      [AE + 'JUNK\n' + SE, 'outside an A…Z batch'],
      [AE + SE.replace(/\n(?=Z)/, '\nX1' + ' '.repeat(78) + '\n'), 'outside a transaction'],
      [AE.replace('\n', '\r') + SE, 'cannot be counted'],
    ];
    for (const [text, why] of cases) {
      const cut = text.lastIndexOf('\nA') + 1;
      const { unsound } = await inParts(text, [cut]);
      expect(unsound.join('; ')).toContain(why);
    }
    // A cut that is not between batches: the head does not end with Z, the tail does not start with A.
    const text = AE + SE;
    const { unsound } = await inParts(text, [text.lastIndexOf('\nY') + 1]);
    expect(unsound).toEqual([expect.stringContaining('does not end with the Z'), expect.stringContaining('does not start with an A')]);
  });

  it('random files, a few issues listed: sound parts join to the single pass report, the same ones listed and the rest counted', async () => {
    const piece = fc.constantFrom(AE, SE, CA, BAD, 'JUNK\n', 'Z\n');
    let omitted = 0;
    await fc.assert(fc.asyncProperty(fc.array(piece, { minLength: 2, maxLength: 4 }), fc.integer({ min: 0, max: 12 }), async (pieces, maxIssues) => {
      const o = NormalizedLintOptions.from({ maxIssues });
      const text = pieces.join('');
      const single = singlePass(text, o);
      expect(single.issues.length).toBeLessThanOrEqual(maxIssues);
      if (single.omitted) omitted++;
      for (const cut of boundaries(text)) {
        const { result } = await inParts(text, [cut], o);
        if (result) expect(result).toEqual(single);
      }
    }), { numRuns: runs(25) });
    expect(omitted).toBeGreaterThan(0);
    // The head leaves issues out and the tail has its own: the tail's sort after the head's, all counted.
    const o = NormalizedLintOptions.from({ maxIssues: 1 });
    const text = BAD + BAD;
    const single = singlePass(text, o);
    const { result } = await inParts(text, boundaries(text), o);
    expect(single.issues).toHaveLength(1);
    expect(result).toEqual(single);
  });

  it('random files: sound parts always join to the single pass report', async () => {
    const piece = fc.constantFrom(AE, SE, CA, BAD, 'JUNK\n', 'A\n', 'Z\n', '\n');
    let joined = 0;
    let refused = 0;
    await fc.assert(fc.asyncProperty(fc.array(piece, { minLength: 2, maxLength: 5 }), async (pieces) => {
      const text = pieces.join('');
      const single = singlePass(text);
      for (const cut of boundaries(text)) {
        const { result } = await inParts(text, [cut]);
        if (result) {
          expect(result).toEqual(single);
          joined++;
        } else refused++;
      }
    }), { numRuns: runs(25), seed: 20261122 });
    // Both kinds of cut came up.
    expect(joined).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('PartWatch needs a head to end with the Z of a known batch', () => {
    const watch = new PartWatch(options.spec, 'head');
    expect(watch.unsound).toBe('an empty part');
  });
});

describe('the CLI on a large file', () => {
  it('cuts it into parts on worker threads (--jobs 2) and gives the single pass report', () => {
    // Over two PART_MIN (8 MiB): 17 MiB of entries.
    const text = (AE + SE + BAD).repeat(Math.ceil((17 << 20) / Buffer.byteLength(AE + SE + BAD)));
    const path = fileOf(text);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'catair.js'), 'lint', '--jobs', '2', '--format', 'json', path], { cwd: ROOT, env: { ...process.env, CATAIR_DEBUG: 'lint-parts' }, maxBuffer: 1 << 30 });
    expect(cli.stderr.toString()).toMatch(/in 2 parts/);
    const report = JSON.parse(cli.stdout.toString());
    const single = singlePass(text);
    expect(report.files[0].issues.length).toBe(single.issues.length);
    expect(report.files[0].issues.map((i: { record: number; code: string; message: string }) => [i.record, i.code, i.message]))
      .toEqual(single.issues.map((i) => [i.record, i.code, i.message]));
    expect(cli.status).toBe(1);
    // --jobs 1: one thread, one pass, the same report.
    const one = spawnSync(process.execPath, [join(ROOT, 'bin', 'catair.js'), 'lint', '--jobs', '1', '--format', 'json', path], { cwd: ROOT, env: { ...process.env, CATAIR_DEBUG: 'lint-parts' }, maxBuffer: 1 << 30 });
    expect(one.stderr.toString()).toMatch(/linted in one pass \(one thread\)/);
    expect(one.stdout.toString()).toBe(cli.stdout.toString());
  }, 60_000);

  it('--jobs takes a whole number of 1 or more', async () => {
    const r = await runCli(['lint', '--jobs', '0', join(SAMPLES, 'se-cargo-release.abi')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be a whole number of 1 or more/);
  });
});
