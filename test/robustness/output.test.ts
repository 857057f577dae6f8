/**
 * The synchronous file sink behind `-o FILE` (cli/io.ts FileSink): every byte
 * written, in order; a failed write (a full disk) is an error event, as a
 * write stream's would be; the file is closed once, on end or on destroy.
 * And Output's batching: what it hands its stream, in how many writes; and
 * where `-o PATH` writes: a file through a temporary one renamed into place,
 * through symbolic links, keeping the file's permissions; anything else (a
 * named pipe, a device) as it is, never replaced.
 */
import { chmodSync, closeSync, constants, existsSync, fstatSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { FileSink, Output, type CliEnv } from '../../src/cli/io.js';
import { systemReason } from '../../src/cli/reason.js';

const dir = mkdtempSync(join(tmpdir(), 'catair-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileSink', () => {
  it('writes every chunk in order and closes the file at the end', async () => {
    const path = join(dir, 'out.bin');
    const fd = openSync(path, 'wx');
    const sink = new FileSink(fd);
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000 + i * 997, 65 + (i % 26)));
    for (const c of chunks) sink.write(c);
    await new Promise<void>((resolve, reject) => sink.end((e?: Error | null) => (e ? reject(e) : resolve())));
    expect(readFileSync(path).equals(Buffer.concat(chunks))).toBe(true);
    expect(() => fstatSync(fd)).toThrow(/EBADF/);
  });

  it('closes the file when destroyed (an aborted output)', () => {
    const fd = openSync(join(dir, 'aborted.bin'), 'wx');
    const sink = new FileSink(fd);
    sink.write(Buffer.from('partial'));
    sink.destroy();
    expect(() => fstatSync(fd)).toThrow(/EBADF/);
  });

  it.runIf(existsSync('/dev/full'))('reports a full disk as an error event (ENOSPC), not a throw', async () => {
    const sink = new FileSink(openSync('/dev/full', 'w'));
    const failed = once(sink, 'error');
    expect(() => sink.write(Buffer.alloc(4096))).not.toThrow();
    const [error] = (await failed) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ENOSPC');
  });
});

describe('Output', () => {
  it('writes everything in order, joining runs of text and of small byte parts, large parts as they are', async () => {
    const writes: Buffer[] = [];
    const stdout = new Writable({
      write(chunk: Buffer, _e, done) {
        writes.push(Buffer.from(chunk));
        done();
      },
    });
    const env = { stdout, stderr: stdout, stdin: process.stdin, env: {}, cwd: dir, argv: [] } as unknown as CliEnv;
    const out = Output.open(env, '-');
    const small = Array.from({ length: 100 }, (_, i) => Buffer.from(`record ${i}\n`));
    const large = [Buffer.alloc(65536, 120), Buffer.alloc(65536, 121)];
    out.write('head ');
    out.write('line\n');
    for (const b of small) out.writeData(b);
    for (const b of large) out.writeData(b);
    out.write('tail\n');
    await out.commit();
    const expected = Buffer.concat([Buffer.from('head line\n'), ...small, ...large, Buffer.from('tail\n')]);
    expect(Buffer.concat(writes).equals(expected)).toBe(true);
    // The text run, the small parts in one write, each large part, the last text.
    expect(writes.map((w) => w.length)).toEqual([10, Buffer.concat(small).length, 65536, 65536, 5]);
  });
});

describe('Output.open with a path', () => {
  const envIn = (cwd: string) => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, cwd, argv: [] }) as unknown as CliEnv;
  const fresh = () => mkdtempSync(join(dir, 'open-'));
  const write = async (cwd: string, path: string, text: string) => {
    const out = Output.open(envIn(cwd), path);
    out.write(text);
    await out.commit();
  };

  it('replaces a file whole, keeping its permissions, and leaves no temporary file', async () => {
    const d = fresh();
    writeFileSync(join(d, 'out.json'), 'old');
    chmodSync(join(d, 'out.json'), 0o640);
    await write(d, 'out.json', 'new');
    expect(readFileSync(join(d, 'out.json'), 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect(statSync(join(d, 'out.json')).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(['out.json']);
  });

  it.runIf(process.platform !== 'win32')('writes through a symbolic link: the link stays a link, its file gets the output', async () => {
    const d = fresh();
    writeFileSync(join(d, 'real.json'), 'old');
    chmodSync(join(d, 'real.json'), 0o600);
    symlinkSync('real.json', join(d, 'link.json'));
    await write(d, 'link.json', 'new');
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'link.json'))).toBe('real.json');
    expect(readFileSync(join(d, 'real.json'), 'utf8')).toBe('new');
    expect(statSync(join(d, 'real.json')).mode & 0o777).toBe(0o600);
    // A link to a file not written yet: the file is made where the link points.
    symlinkSync('later.json', join(d, 'ahead.json'));
    await write(d, 'ahead.json', 'made');
    expect(lstatSync(join(d, 'ahead.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'later.json'), 'utf8')).toBe('made');
    expect(readdirSync(d).sort()).toEqual(['ahead.json', 'later.json', 'link.json', 'real.json']);
  });

  it.runIf(process.platform !== 'win32')('names a loop of links instead of following it for ever', () => {
    const d = fresh();
    symlinkSync('b', join(d, 'a'));
    symlinkSync('a', join(d, 'b'));
    expect(() => Output.open(envIn(d), 'a')).toThrow(/a: too many levels of symbolic links/);
  });

  it.runIf(process.platform !== 'win32')('writes into a named pipe as it is, which stays a pipe (as /dev/null stays a device)', async () => {
    const d = fresh();
    const fifo = join(d, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // The reading end first, not blocking, so that opening the writing end does not wait.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      await write(d, 'pipe', 'through the pipe\n');
      const got = Buffer.alloc(100);
      const n = readSync(reader, got, 0, got.length, null);
      expect(got.subarray(0, n).toString()).toBe('through the pipe\n');
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['pipe']);
  });
});

describe('systemReason', () => {
  it('keeps the words of a system error, without its code and the call that failed', () => {
    let error: unknown;
    try {
      readFileSync(join(dir, 'no-such-file'));
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(/^ENOENT: .*, open /);
    expect(systemReason(error)).toBe('no such file or directory');
    expect(systemReason(new Error('plain words, kept whole'))).toBe('plain words, kept whole');
  });
});
