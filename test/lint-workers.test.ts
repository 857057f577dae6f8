/**
 * `catair lint` over many files uses worker threads in the built binary: the
 * report is the same, in the same order, as one thread gives (the in-process
 * CLI on the sources has no worker script and lints on the main thread).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      const threads = spawnSync(process.execPath, [join(ROOT, 'bin', 'catair.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      const one = await runCli(args);
      expect(threads.stdout.toString('utf8')).toBe(one.stdout);
      // A missing file is named and makes the status 2, as with one thread.
      expect(threads.stderr.toString('utf8')).toBe(one.stderr);
      expect(threads.status).toBe(2);
      expect(one.code).toBe(2);
    });
  }
});
