/**
 * Progress bars: drawn on standard error when it is a terminal, never with
 * --quiet, when piped or under CI; cleared when done, so the output reads the
 * same as without them. What a bar counts: records for one file, files for
 * many (on one thread here: the in-process CLI on the sources has no workers).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SAMPLES } from './helpers.js';

const AE = join(SAMPLES, 'ae-aphis-entry-summary.abi');
const SE = join(SAMPLES, 'se-cargo-release.abi');
const BAD = join(SAMPLES, 'invalid', 'aphis-errors.abi');
const CLEAR = '\r\x1b[2K';
const dir = mkdtempSync(join(tmpdir(), 'catair-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bar texts drawn on stderr (each starts by clearing the line). */
function bars(stderr: string): string[] {
  return stderr.split(CLEAR).map((s) => s.trim()).filter(Boolean);
}

describe('progress on a terminal', () => {
  it('lint of one file counts its records, and clears the line when done', async () => {
    const tty = await runCli(['lint', AE], { stderrTTY: true });
    const piped = await runCli(['lint', AE]);
    expect(bars(tty.stderr)).toEqual([`[${'#'.repeat(30)}] 100% 131 records`]);
    expect(tty.stderr.endsWith(CLEAR)).toBe(true);
    expect(tty.stdout).toBe(piped.stdout);
    expect(tty.code).toBe(piped.code);
  });

  it('lint of many files counts files, on one bar for the set', async () => {
    const tty = await runCli(['lint', AE, SE, BAD], { stderrTTY: true });
    const piped = await runCli(['lint', AE, SE, BAD]);
    const drawn = bars(tty.stderr);
    expect(drawn.length).toBeGreaterThan(0);
    for (const b of drawn) expect(b).toMatch(/^\[[#.]{30}\] \d+% [0-2]\/3 files$/);
    expect(tty.stderr.endsWith(CLEAR)).toBe(true);
    expect(tty.stdout).toBe(piped.stdout);
  });

  it('convert from NDJSON counts the records it writes', async () => {
    const ndjson = join(dir, 'ae.ndjson');
    writeFileSync(ndjson, (await runCli(['convert', AE, '--to', 'ndjson'])).stdoutBytes);
    const tty = await runCli(['convert', ndjson, '--to', 'abi'], { stderrTTY: true });
    expect(bars(tty.stderr).at(-1)).toMatch(/ 131 records$/);
    expect(tty.stdout).toBe((await runCli(['convert', ndjson, '--to', 'abi'])).stdout);
  });

  it('diff counts the changes found, unless they go to the terminal themselves', async () => {
    const changed = join(dir, 'ae-changed.abi');
    // One record edited in place: a word of the same length.
    const text = readFileSync(AE, 'latin1');
    const at = text.indexOf('AMABILIS');
    expect(at).toBeGreaterThan(0);
    writeFileSync(changed, text.slice(0, at) + 'APHRODIT' + text.slice(at + 8), 'latin1');
    const tty = await runCli(['diff', AE, changed], { stderrTTY: true });
    const piped = await runCli(['diff', AE, changed]);
    expect(tty.code).toBe(1);
    expect(tty.stdout).toBe(piped.stdout);
    const drawn = bars(tty.stderr);
    expect(drawn.length).toBeGreaterThan(0);
    for (const b of drawn) expect(b).toMatch(/^\[[#.]{30}\] \d+% [01] changes?$/);
    expect(tty.stderr.endsWith(CLEAR)).toBe(true);
    expect((await runCli(['diff', AE, changed], { stderrTTY: true, stdoutTTY: true })).stderr).toBe('');
  });

  it('convert clears the bar before an issue line, and draws none when its output goes to the terminal', async () => {
    const damaged = join(dir, 'damaged.abi');
    const lines = readFileSync(AE, 'latin1').split('\n');
    lines.splice(9, 0, 'ZZ99 not a record of any layout'.padEnd(80, ' '));
    writeFileSync(damaged, lines.join('\n'), 'latin1');
    const tty = await runCli(['convert', damaged, '--to', 'ndjson'], { stderrTTY: true });
    const piped = await runCli(['convert', damaged, '--to', 'ndjson']);
    expect(piped.stderr).toMatch(/: error /);
    // Without the bars (each a segment after a clear, with no line end), stderr is what a pipe gets.
    const bar = /^ ?\[[#.]{30}\] \d+% [\d,]+ records$/;
    const segments = tty.stderr.split(CLEAR);
    expect(segments.some((s) => bar.test(s))).toBe(true);
    expect(segments.filter((s) => !bar.test(s)).join('')).toBe(piped.stderr);
    expect(tty.stdout).toBe(piped.stdout);
    expect((await runCli(['convert', damaged, '--to', 'ndjson'], { stderrTTY: true, stdoutTTY: true })).stderr).toBe(piped.stderr);
  });

  it('draws nothing with --quiet, when piped, or under CI', async () => {
    expect((await runCli(['--quiet', 'lint', AE, SE], { stderrTTY: true })).stderr).toBe('');
    expect((await runCli(['lint', AE, SE])).stderr).toBe('');
    expect((await runCli(['lint', AE, SE], { stderrTTY: true, env: { CI: 'true' } })).stderr).toBe('');
    expect((await runCli(['lint', AE], { stderrTTY: true, env: { CI: 'true' } })).stderr).toBe('');
  });
});
