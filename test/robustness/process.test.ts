/**
 * The built binary as a shell runs it: `| head` ends quietly, Ctrl-C stops at
 * once and leaves no partial `-o` file, an unwritable output path is a clear
 * error, and a 50 MB line with no newline converts in bounded memory.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLES } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'catair.js');
const dir = mkdtempSync(join(tmpdir(), 'catair-robust-proc-'));
/** Many copies of a sample: big enough that converting it takes a while. */
const big = join(dir, 'big.abi');

beforeAll(() => {
  // dist/ is built by test/global-setup.ts.
  writeFileSync(big, readFileSync(join(SAMPLES, 'ae-aphis-entry-summary.abi')).toString('latin1').repeat(3000), 'latin1');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the binary; `onStart` gets the child (to close its stdout or interrupt it). */
function run(args: string[], onStart?: (child: ReturnType<typeof spawn>) => void, extraNodeArgs: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...extraNodeArgs, BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stdout.on('error', () => {});
    child.stderr.on('data', (b: Buffer) => (err += b));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
    onStart?.(child);
  });
}

/** Runs the binary and reads the peak resident memory of the catair process itself, written when it exits. */
async function runMeasured(args: string[]): Promise<{ run: Run; peak: number }> {
  const rssFile = join(dir, 'rss');
  const hook = join(dir, 'rss-hook.mjs');
  // VmHWM on Linux: getrusage's maxRSS keeps the peak of the process that forked this one,
  // so a child of a large test runner (one that kept a big output) would report the runner's size.
  writeFileSync(hook, [
    `import { readFileSync, writeFileSync } from 'node:fs';`,
    `const peak = () => { try { const m = /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8')); if (m) return Number(m[1]) * 1024; } catch {} return process.resourceUsage().maxRSS * 1024; };`,
    `process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(peak())));`,
  ].join('\n'));
  const r = await run(args, undefined, ['--import', hook]);
  return { run: r, peak: Number(readFileSync(rssFile, 'utf8')) };
}

const noStack = (s: string) => expect(s).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('the built binary', () => {
  it('`… | convert -`: JSON whose first piece down the pipe is only blanks is still read as JSON', async () => {
    const abi = readFileSync(join(SAMPLES, 'se-cargo-release.abi'));
    const json = (await run(['convert', join(SAMPLES, 'se-cargo-release.abi')])).stdout;
    const child = spawn(process.execPath, [BIN, 'convert', '-'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The blanks arrive on their own, and catair has read them before the JSON is written.
    child.stdin.write('  \n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdin.end(json);
    expect(await closed).toBe(0);
    expect(err).toBe('');
    expect(Buffer.concat(out).equals(abi)).toBe(true);
  });

  it('`convert | head`: the reader goes away, catair ends quietly with status 0', async () => {
    const r = await run(['convert', big, '--to', 'ndjson'], (child) => {
      child.stdout!.once('data', () => child.stdout!.destroy());
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('`--help | head`, `explain | head`: a reader gone before the first byte, no stack trace', async () => {
    for (const args of [['--help'], ['lint', '--help'], ['explain', 'PG19'], ['--version']]) {
      const r = await run(args, (child) => child.stdout!.destroy());
      noStack(r.stderr);
      expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
      expect(r.code).toBe(0);
    }
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s (Ctrl-C, a cancelled job, a closed terminal) during `-o FILE`: status %i, no file and no temporary file left', async (signal, status) => {
    const out = join(dir, 'interrupted.json');
    const r = await run(['convert', big, '-o', out], (child) => {
      // Interrupt once the temporary file exists, i.e. in the middle of the work.
      const poll = setInterval(() => {
        if (readdirSync(dir).some((f) => f.startsWith('.interrupted.json.catair-'))) {
          clearInterval(poll);
          child.kill(signal);
        }
      }, 5);
      child.on('close', () => clearInterval(poll));
    });
    expect(r.code).toBe(status);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.catair-'))).toEqual([]);
  });

  it('Ctrl-C during `convert` to standard output: status 130 at once, not after the whole file', async () => {
    // A regular file is read and a pipe written synchronously: the event loop must still get
    // turns, or the interrupt waits for the end of the file (and the status is 0).
    const r = await run(['convert', big, '--to', 'ndjson'], (child) => {
      child.stdout!.once('data', () => child.kill('SIGINT'));
    });
    expect(r.code).toBe(130);
    // The whole NDJSON is about three times the input: this is a small part of it.
    expect(r.stdout.length).toBeLessThan(statSync(big).size);
    noStack(r.stderr);
  });

  it('an unwritable output path: status 2 and a sentence, not a stack trace', async () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'no', 'such', 'folder', 'x.json'), /folder .* does not exist/],
      [join(big, 'x.json'), /is not a folder/],
      [dir, /is a folder/],
      ['/proc/catair-cannot-write-here.json', /cannot write \(/],
    ];
    for (const [path, message] of cases) {
      const r = await run(['convert', join(SAMPLES, 'se-cargo-release.abi'), '-o', path]);
      expect(r.code, path).toBe(2);
      expect(r.stderr, path).toMatch(message);
      noStack(r.stderr);
    }
  });

  it('a 50 MB line with no newline: status 1, peak RSS under 200 MB, bytes kept', async () => {
    const path = join(dir, 'line.bin');
    const bytes = Buffer.alloc(50_000_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 32 + ((i * 2654435761) >>> 24) % 95;
    writeFileSync(path, bytes);
    const ndjson = join(dir, 'line.ndjson');
    const { run: r, peak } = await runMeasured(['-q', 'convert', path, '--to', 'ndjson', '-o', ndjson]);
    expect(r.code).toBe(1);
    expect(peak).toBeLessThan(200 * 2 ** 20);
    const back = await run(['-q', 'convert', ndjson, '--to', 'abi', '-o', join(dir, 'line.back')]);
    expect(back.code).toBe(0);
    expect(readFileSync(join(dir, 'line.back')).equals(bytes)).toBe(true);
  }, 60_000);
});

describe('lint of a file of garbage', () => {
  // 25 MB of random text lines, some 2.5 issues each: lint lists the first 10,000 of a file and
  // counts the rest (LintRun's maxIssues), so the report and memory stay bounded.
  const path = join(dir, 'garbage.txt');
  beforeAll(() => {
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';
    const lines: string[] = [];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let size = 0; size < 25_000_000;) {
      let l = '';
      for (let n = 20 + (next() % 100); n > 0; n--) l += chars[next() % chars.length];
      lines.push(l);
      size += l.length + 1;
    }
    writeFileSync(path, lines.join('\n') + '\n', 'latin1');
  });

  it('in every format: status 1, the first 10,000 issues listed, the rest counted, peak RSS under 200 MB', async () => {
    for (const format of ['json', 'text', 'sarif']) {
      const { run: r, peak } = await runMeasured(['lint', path, '--format', format]);
      expect(r.code, format).toBe(1);
      noStack(r.stderr);
      expect(peak, format).toBeLessThan(200 * 2 ** 20);
      if (format === 'json') {
        const report = JSON.parse(r.stdout.toString());
        const file = report.files[0];
        expect(file.issues).toHaveLength(10_000);
        const omitted = file.omitted.errors + file.omitted.warnings + file.omitted.infos;
        expect(omitted).toBeGreaterThan(100_000);
        expect(report.summary.errors + report.summary.warnings + report.summary.infos).toBe(10_000 + omitted);
      }
      if (format === 'text') expect(r.stdout.toString()).toMatch(/garbage\.txt: \d+ more issues not listed \(\d+ errors, \d+ warnings, \d+ infos\); the first 10000 by record are/);
      if (format === 'sarif') expect(JSON.parse(r.stdout.toString()).runs[0].results).toHaveLength(10_000);
    }
  }, 60_000);

  it('convert and view: the first 10,000 issue lines down a pipe on stderr and a count of the rest, in bounded memory', async () => {
    // Issues written to a pipe faster than it is read queued in memory (2.3 GB for 90 MB of garbage).
    for (const args of [['convert', path, '-o', join(dir, 'garbage.json')], ['view', path]]) {
      const rssFile = join(dir, 'rss-pipe');
      const hook = join(dir, 'rss-pipe-hook.mjs');
      writeFileSync(hook, `import { readFileSync, writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]));`);
      const child = spawn(process.execPath, ['--import', hook, BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let lines = 0;
      let tail = '';
      child.stderr.on('data', (b: Buffer) => {
        const text = b.toString('latin1');
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
        tail = (tail + text).slice(-300);
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, args[0]).toBe(1);
      expect(Number(readFileSync(rssFile, 'utf8')) * 1024, args[0]).toBeLessThan(200 * 2 ** 20);
      expect(lines, args[0]).toBe(10_001);
      // All of them, on request: still in bounded memory, as stderr is waited for.
      if (args[0] === 'convert') {
        const all = spawn(process.execPath, ['--import', hook, BIN, ...args, '--max-issues', 'all'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
        let allLines = 0;
        all.stderr.on('data', (b: Buffer) => {
          for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) allLines++;
        });
        expect(await new Promise<number | null>((resolve) => all.on('close', resolve))).toBe(1);
        expect(allLines).toBeGreaterThan(500_000);
        expect(Number(readFileSync(rssFile, 'utf8')) * 1024).toBeLessThan(200 * 2 ** 20);
      }
      expect(tail, args[0]).toMatch(/garbage\.txt: \d{6,} more issues not shown \(the first 10000 are; --max-issues sets how many\)\n$/);
    }
  }, 60_000);
});

describe('diff of files whose entries all differ (two days of traffic)', () => {
  // Every entry waits for a partner until the end: memory grows with the files. With the heap
  // Node allows made small, diff stops with status 2 and a sentence before it runs out.
  const copies = (first: number) => {
    const sample = readFileSync(join(SAMPLES, 'ae-aphis-entry-summary.abi'), 'latin1');
    const out: string[] = [];
    for (let k = 0; k < 2000; k++) out.push(sample.replace(/^(10.{6})(\d{8})/gm, (_m, head: string) => head + String(first + k * 2 + (out.length % 2)).padStart(8, '0')));
    return out.join('');
  };
  const a = join(dir, 'day1.abi');
  const b = join(dir, 'day2.abi');
  beforeAll(() => {
    writeFileSync(a, copies(10_000_000), 'latin1');
    writeFileSync(b, copies(30_000_000), 'latin1');
  });

  it('stops with status 2 and a sentence when what waits nears the heap limit, not a fatal out-of-memory', async () => {
    const r = await run(['diff', a, b], undefined, ['--max-old-space-size=128']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/Last few GCs|FATAL ERROR|heap out of memory/);
    noStack(r.stderr);
    expect(r.stderr).toMatch(/day1\.abi and .*day2\.abi: \d+ records waiting for a partner fill most of the memory Node allows this process, at .*day[12]\.abi record \d+; .*NODE_OPTIONS=--max-old-space-size=MB gives Node more/);
  }, 60_000);

  it('goes through with the heap Node gives by default: every entry removed and added', async () => {
    const r = await run(['diff', a, b, '--format', 'json']);
    expect(r.code).toBe(1);
    const { summary } = JSON.parse(r.stdout.toString());
    expect(summary.removed).toBeGreaterThan(2000);
    expect(summary.added).toBe(summary.removed);
  }, 60_000);
});

describe('a tree document too long to read whole', () => {
  it('with a small heap: status 1 and a sentence, where parsing it ran out of memory', async () => {
    // The limit is a sixth of the heap Node allows: about 29 MB with --max-old-space-size=128.
    const path = join(dir, 'long.json');
    const record = JSON.stringify({ id: 'PG19', fields: { entityName: 'ACME' } }) + ',';
    writeFileSync(path, `{"records":[${record.repeat(800_000)}{"id":"A","raw":"A"}]}`);
    const r = await run(['convert', path, '--to', 'abi'], undefined, ['--max-old-space-size=128']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Last few GCs|FATAL ERROR|heap out of memory/);
    expect(r.stderr).toMatch(/long\.json:0: error encode-record: document: a JSON tree document longer than \d+ characters is not read whole/);
  }, 60_000);
});

describe('start-up with the code cache (bin/load.js)', () => {
  const { loadCli, BUNDLE } = createRequire(import.meta.url)('../../bin/load.js') as {
    loadCli(file?: string): { cli: { main(env: unknown): Promise<number> }; cache: string };
    BUNDLE: string;
  };

  it('the cache the build made is taken', async () => {
    const debug = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, '--version'], { env: { ...process.env, CATAIR_DEBUG: 'startup' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (b: Buffer) => (err += b));
      child.on('error', reject);
      child.on('close', () => resolve(err));
    });
    expect(debug).toContain('code cache accepted');
  });

  it('an unbuilt clone (no dist/): status 70 and a sentence saying to build, not a stack trace', async () => {
    const clone = join(dir, 'unbuilt');
    mkdirSync(join(clone, 'bin'), { recursive: true });
    for (const f of ['catair.js', 'load.js', 'package.json']) copyFileSync(join(ROOT, 'bin', f), join(clone, 'bin', f));
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(clone, 'bin', 'catair.js'), '--version'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (b: Buffer) => (err += b));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr: err }));
    });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/not built .*run npm install/);
    noStack(r.stderr);
  });

  it.each([
    ['none', undefined],
    ['rejected', Buffer.from('not a code cache')],
  ] as const)('with a cache %s, the bundle is compiled as usual and runs', async (state, cache) => {
    const copy = join(dir, `cli-${state}.cjs`);
    copyFileSync(BUNDLE, copy);
    if (cache) writeFileSync(`${copy}.cache`, cache);
    const { cli, cache: got } = loadCli(copy);
    expect(got).toBe(state);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (b: Buffer) => (out += b));
    const code = await cli.main({ argv: ['--version'], stdin: process.stdin, stdout, stderr: new PassThrough(), env: {}, cwd: dir });
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
