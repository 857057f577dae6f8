/**
 * `catair lint` over many files uses worker threads in the built binary: the
 * report is the same, in the same order, as one thread gives (the in-process
 * CLI on the sources has no worker script and lints on the main thread). How
 * many threads it starts by default depends on the input's size (lintThreads).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { BYTES_PER_THREAD, lintThreads } from '../src/cli/lint-pool.js';
import { ROOT, runCli, sampleFiles } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'catair-lint-workers-'));
const files: string[] = [];

beforeAll(() => {
  // dist/ (with dist/lint-worker.js) is built by test/global-setup.ts. Samples of every kind, some made larger so the workers finish out of order.
  sampleFiles().slice(0, 8).forEach(({ path }, i) => {
    const f = join(dir, `f${i}.abi`);
    writeFileSync(f, readFileSync(path, 'latin1').repeat(i % 3 === 0 ? 40 : 1), 'latin1');
    files.push(f);
  });
  files.push(join(dir, 'missing.abi'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint over many files', () => {
  for (const format of ['text', 'json']) {
    it(`gives the ${format} report one thread gives, in the order of the files`, async () => {
      const args = ['lint', '--format', format, ...files];
      // These files are small: by default one thread would lint them; --jobs asks for workers.
      const threads = spawnSync(process.execPath, [join(ROOT, 'bin', 'catair.js'), 'lint', '--jobs', '3', ...args.slice(1)], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      const one = await runCli(args);
      expect(threads.stdout.toString('utf8')).toBe(one.stdout);
      // A missing file is named and makes the status 2, as with one thread.
      expect(threads.stderr.toString('utf8')).toBe(one.stderr);
      expect(threads.status).toBe(2);
      expect(one.code).toBe(2);
    });
  }
});

describe('threads for many files', () => {
  const cores = availableParallelism();
  it('are one for a set of files smaller than a thread pays for, however many files', () => {
    expect(lintThreads(40, 400_000)).toBe(1);
    expect(lintThreads(10, 20 * 2 ** 20)).toBe(1);
    expect(lintThreads(4, BYTES_PER_THREAD * 2 - 1)).toBe(Math.min(1, cores));
  });
  it('are one per BYTES_PER_THREAD of input, at most one per core and one per file', () => {
    expect(lintThreads(4, 4 * BYTES_PER_THREAD)).toBe(Math.min(4, cores));
    expect(lintThreads(2, 100 * BYTES_PER_THREAD)).toBe(Math.min(2, cores));
    expect(lintThreads(100, 3 * BYTES_PER_THREAD)).toBe(Math.min(3, cores));
  });
  it('are what --jobs asks, at most one per core and one per file, whatever the size', () => {
    expect(lintThreads(8, 1000, 3)).toBe(Math.min(3, cores));
    expect(lintThreads(2, 1000, 16)).toBe(Math.min(2, cores));
    expect(lintThreads(8, 100 * BYTES_PER_THREAD, 1)).toBe(1);
  });
});

describe('the built CLI over many files', () => {
  const cores = availableParallelism();
  const decision = (args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'catair.js'), 'lint', '--format', 'json', '--max-issues', '0', ...args], { cwd: ROOT, env: { ...process.env, CATAIR_DEBUG: 'lint-threads' }, maxBuffer: 1 << 26 });
    return /catair: (\d+) files, (\d+) bytes: (\d+) threads?/.exec(r.stderr.toString('utf8'));
  };
  it('lints small files on one thread unless --jobs asks for more', () => {
    const small = files.slice(0, 4);
    const total = small.reduce((n, f) => n + readFileSync(f).length, 0);
    expect(decision(small)?.slice(1)).toEqual(['4', String(total), '1']);
    expect(decision(['--jobs', '2', ...small])?.[3]).toBe(String(Math.min(2, cores)));
  });
  it('shares files on more threads when there is input enough for each', () => {
    // Two sparse files of NUL bytes just over BYTES_PER_THREAD each: garbage, linted fast enough.
    const big = [0, 1].map((i) => {
      const f = join(dir, `big${i}.abi`);
      const fd = openSync(f, 'w');
      ftruncateSync(fd, BYTES_PER_THREAD + 80);
      closeSync(fd);
      return f;
    });
    expect(decision(big)?.slice(1)).toEqual(['2', String(2 * (BYTES_PER_THREAD + 80)), String(Math.min(2, cores))]);
  }, 60_000);
});
