/**
 * The synchronous file sink behind `-o FILE` (cli/io.ts FileSink): every byte
 * written, in order; a failed write (a full disk) is an error event, as a
 * write stream's would be; the file is closed once, on end or on destroy.
 */
import { existsSync, fstatSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSink } from '../../src/cli/io.js';

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
