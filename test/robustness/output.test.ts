/**
 * The synchronous file sink behind `-o FILE` (cli/io.ts FileSink): every byte
 * written, in order; a failed write (a full disk) is an error event, as a
 * write stream's would be; the file is closed once, on end or on destroy.
 * And Output's batching: what it hands its stream, in how many writes.
 */
import { existsSync, fstatSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { FileSink, Output, type CliEnv } from '../../src/cli/io.js';

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
