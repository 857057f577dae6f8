/**
 * The CLI's contact with the outside: injected streams (so tests run the CLI
 * in-process), atomic output files, EPIPE, colour and progress.
 */
import { closeSync, createReadStream, existsSync, fchmodSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Chalk, type ChalkInstance } from 'chalk';
import { systemReason } from './reason.js';

export interface CliEnv {
  argv: string[];
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * Waits while `stream` holds more than its high-water mark of text not yet
 * written: diagnostics written to a pipe read slower than they are found
 * (`convert big.abi 2>&1 | less`) queue in memory otherwise, since the work
 * between two reads does not yield. Undefined when there is nothing to wait
 * for; ends as well when the stream closes or fails.
 */
export function drained(stream: Writable): Promise<void> | undefined {
  if (!stream.writableNeedDrain || stream.destroyed) return undefined;
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** Exit codes a shell script can trust. */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 70 } as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'CliError';
  }
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org) or --no-color is given. */
export function colorFor(stream: { isTTY?: boolean }, env: CliEnv['env'], flag: boolean | undefined): ChalkInstance {
  const enabled = flag === false ? false : flag === true ? true : !!stream.isTTY && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  return new Chalk({ level: enabled ? (env.FORCE_COLOR === '0' ? 0 : 1) : 0 });
}

export function resolvePath(env: CliEnv, p: string): string {
  return resolve(env.cwd, p);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `full`, which does not exist, with symbolic links followed to the path they
 * end at: a link to a file not yet written is written through, not replaced.
 * A loop of links is an error naming `asked`, the path as the user gave it.
 */
function followLinks(full: string, asked: string): string {
  let at = full;
  for (let hops = 0; hops < 40; hops++) {
    let link: Stats;
    try {
      link = lstatSync(at);
    } catch {
      return at;
    }
    if (!link.isSymbolicLink()) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw new CliError(`${asked}: too many levels of symbolic links`);
}

/** An input file, or stdin. */
export interface Input {
  name: string;
  size?: number;
  /**
   * The input's chunks in order. A regular file is read synchronously, with no
   * stream in between: the stream's machinery for each 64 KB chunk cost about
   * 5% of `convert` on a large file.
   */
  chunks(): AsyncIterableIterator<Buffer>;
  /** Closes what the input opened (never stdin). */
  close(): void;
}

/**
 * Opens an input: a path, or `-` for stdin. Missing files are a usage error
 * (exit 2).
 */
export function openInput(env: CliEnv, path: string): Input {
  if (path === '-') {
    return { name: '<stdin>', chunks: () => streamChunks(env.stdin), close() {} };
  }
  const full = resolvePath(env, path);
  if (!existsSync(full)) throw new CliError(`${path}: no such file`);
  const st = statSync(full);
  if (st.isDirectory()) throw new CliError(`${path}: is a folder, not a file`);
  if (st.isFile()) {
    let reading: Generator<Buffer> | undefined;
    return {
      name: path, size: st.size,
      chunks() {
        const chunks = (reading = fileChunks(full));
        const pace = new Pace();
        return {
          // A read error is thrown as a rejection, as a stream would. Every few megabytes the
          // event loop gets a turn: reads and (to a file or pipe) writes are synchronous, and
          // without one Ctrl-C was handled only after the whole file.
          async next() {
            const turn = pace.read(INPUT_CHUNK);
            if (turn) await turn;
            return chunks.next();
          },
          return: async () => chunks.return(undefined),
          [Symbol.asyncIterator]() {
            return this;
          },
        };
      },
      close: () => void reading?.return(undefined),
    };
  }
  // A pipe or device by name: a read stream.
  const stream = createReadStream(full, { highWaterMark: INPUT_CHUNK });
  return { name: path, size: st.size, chunks: () => streamChunks(stream), close: () => stream.destroy() };
}

const streamChunks = (stream: Readable) => stream[Symbol.asyncIterator]() as AsyncIterableIterator<Buffer>;

const INPUT_CHUNK = 1 << 16;

/** Bytes read synchronously between two turns of the event loop (progress, worker messages, signals). */
const YIELD_EVERY = 4 << 20;

/** Counts bytes read synchronously; every `every` of them, the event loop gets a turn. */
class Pace {
  private since = 0;

  constructor(private readonly every = YIELD_EVERY) {}

  /** After `bytes` more: a promise of the event loop's turn when one is due, else undefined (nothing to wait for). */
  read(bytes: number): Promise<void> | undefined {
    if ((this.since += bytes) < this.every) return undefined;
    this.since = 0;
    return new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * A regular file in 64 KB chunks read synchronously: a read stream's trip
 * through the thread pool for every chunk cost about a tenth of `convert`'s
 * time on a large file. Pipes and devices keep the read stream.
 */
function* fileChunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(INPUT_CHUNK);
      const n = readSync(fd, chunk, 0, INPUT_CHUNK, null);
      if (n === 0) return;
      yield n === INPUT_CHUNK ? chunk : chunk.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `[start, end)` of a regular file in 64 KB chunks, synchronously, for
 * a consumer that handles each chunk at once; every `yieldEvery` bytes the
 * event loop gets a turn (progress, worker messages, signals).
 */
export async function readRange(fd: number, start: number, end: number, onChunk: (bytes: Buffer) => void, yieldEvery = YIELD_EVERY): Promise<void> {
  const pace = new Pace(yieldEvery);
  for (let at = start; at < end;) {
    const chunk = Buffer.allocUnsafe(Math.min(INPUT_CHUNK, end - at));
    const n = readSync(fd, chunk, 0, chunk.length, at);
    if (n === 0) throw new Error('the file got shorter while it was read');
    at += n;
    onChunk(n === chunk.length ? chunk : chunk.subarray(0, n));
    const turn = pace.read(n);
    if (turn) await turn;
  }
}

/**
 * A file written synchronously, as Node writes standard output redirected to
 * a file. A write stream sends each chunk through the thread pool and the
 * writer waits for it to drain: `convert -o FILE` took about 1.3 s on the 81 MB
 * bench file against 0.95 s for `convert > FILE`; written here, as fast as the
 * redirect. The event loop still gets its turns from the reader (signals).
 */
export class FileSink extends Writable {
  private open = true;

  constructor(private readonly fd: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      // A regular file takes a whole write, but the call may write less: the rest is written on.
      for (let at = 0; at < chunk.length; ) at += writeSync(this.fd, chunk, at);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _final(done: (error?: Error | null) => void): void {
    try {
      this.close();
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    try {
      this.close();
    } catch {
      // Closing after a failed write may fail too; the first error is the one reported.
    }
    done(error);
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }
}

/** Consecutive byte parts smaller than this are joined before they are written. */
const SMALL_PART = 4096;

/** Buffered output with backpressure, EPIPE handling and atomic files. */
export class Output {
  private parts: (string | Uint8Array)[] = [];
  private size = 0;
  private closed = false;
  private tmp?: string;
  /** The stream is a file this output opened (closed on commit or abort), not standard output. */
  private owned = false;
  private final?: string;
  readonly stream: Writable;
  private error?: Error;

  private constructor(stream: Writable) {
    this.stream = stream;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else this.error = e;
    });
  }

  /**
   * `-` or no path: stdout. A path: a temporary file beside it, renamed into
   * place on commit, so that the file is written whole or not at all. The
   * rename goes to the file a symbolic link points to (the link stays a link)
   * and keeps the permissions of the file it replaces. A path that is not a
   * file (`/dev/null`, a named pipe, `/dev/stdout` on a terminal) is written
   * to as it is: renaming over it would replace a device with a file.
   */
  static open(env: CliEnv, path: string | undefined): Output {
    if (!path || path === '-') return new Output(env.stdout);
    const full = resolvePath(env, path);
    // Through any links (the kernel's own resolution: /dev/stdout is a link to /proc/self/fd/1).
    const existing = statOrUndefined(full);
    if (existing?.isDirectory()) throw new CliError(`${path}: is a folder`);
    if (existing && !existing.isFile()) {
      let fd: number;
      try {
        fd = openSync(full, 'w');
      } catch (e) {
        throw new CliError(`${path}: cannot write (${systemReason(e)})`);
      }
      const out = new Output(new FileSink(fd));
      out.owned = true;
      out.final = full;
      return out;
    }
    // The file itself, beside which the temporary file goes; a link to a file not yet written, followed.
    const final = existing ? realpathSync(full) : followLinks(full, path);
    const dir = dirname(final);
    if (!existsSync(dir)) throw new CliError(`${path}: folder ${dir} does not exist`);
    if (!statSync(dir).isDirectory()) throw new CliError(`${path}: ${dir} is not a folder`);
    const tmp = join(dir, `.${basename(final)}.catair-${process.pid}-${Date.now().toString(36)}.tmp`);
    let fd: number;
    try {
      // Opened here, not when the stream gets round to it: an abort can then always remove it.
      fd = openSync(tmp, 'wx');
    } catch (e) {
      throw new CliError(`${path}: cannot write (${systemReason(e)})`);
    }
    try {
      if (existing) fchmodSync(fd, existing.mode & 0o7777);
    } catch {
      // A file system without permissions (FAT, some shares): the file is written all the same.
    }
    const out = new Output(new FileSink(fd));
    out.owned = true;
    out.tmp = tmp;
    out.final = final;
    Output.live.add(out);
    return out;
  }

  /** Outputs with a temporary file, removed if the process is interrupted. */
  static readonly live = new Set<Output>();

  /** True once the reader went away (EPIPE): stop quietly. */
  get gone(): boolean {
    return this.closed;
  }

  write(text: string): void {
    if (this.closed) return;
    this.parts.push(text);
    this.size += text.length;
  }

  /** Writes what is buffered, waiting for the stream to drain. */
  async flush(force = false): Promise<void> {
    if (this.error) throw this.writeError(this.error);
    if (this.closed || (!force && this.size < 1 << 16) || this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    let ok = true;
    // Consecutive text is joined into one write, and consecutive small byte parts into another:
    // the encoder hands on one record (81 bytes) at a time, and a write each (a system call, to
    // a file or pipe) took about a fifth of `convert --to abi`. Large parts (the NDJSON
    // writer's 64 KB buffers) are written as they are, not copied again.
    const small = (p: string | Uint8Array | undefined) => p !== undefined && typeof p !== 'string' && p.length < SMALL_PART;
    for (let i = 0; i < parts.length; ) {
      const part = parts[i]!;
      let j = i + 1;
      if (typeof part === 'string') {
        while (typeof parts[j] === 'string') j++;
        ok = this.stream.write(j === i + 1 ? part : parts.slice(i, j).join(''));
      } else if (small(part)) {
        while (small(parts[j])) j++;
        ok = this.stream.write(j === i + 1 ? part : Buffer.concat(parts.slice(i, j) as Uint8Array[]));
      } else ok = this.stream.write(part);
      i = j;
    }
    if (!ok && !this.closed) await drained(this.stream);
    const err = this.error as Error | undefined;
    if (err) throw this.writeError(err);
  }

  /** A write failure in words, naming the file the user asked for rather than the temporary one. */
  private writeError(e: NodeJS.ErrnoException): CliError {
    const reason = this.final ? systemReason(e) : e.message;
    return new CliError(`cannot write ${this.final ?? 'output'}: ${reason}`);
  }

  /** UTF-8 (or already encoded) bytes, written as they are. */
  writeData(b: Uint8Array): void {
    if (this.closed) return;
    this.parts.push(b);
    this.size += b.length;
  }

  /** Finishes the output; for files, renames the temporary file into place. */
  async commit(): Promise<void> {
    await this.flush(true);
    if (!this.owned) return;
    this.owned = false;
    await new Promise<void>((res, rej) => this.stream.end((e?: Error | null) => (e ? rej(this.writeError(e)) : res())));
    if (this.error) throw this.writeError(this.error);
    if (this.tmp) {
      try {
        renameSync(this.tmp, this.final!);
      } catch (e) {
        throw this.writeError(e as Error);
      }
      Output.live.delete(this);
      this.tmp = undefined;
    }
  }

  /** Drops a file output: nothing is left behind. */
  abort(): void {
    if (this.owned) this.stream.destroy();
    this.owned = false;
    if (this.tmp) {
      try {
        rmSync(this.tmp, { force: true });
      } catch {
        // It could not be made in the first place (the error is reported where it happened).
      }
      Output.live.delete(this);
      this.tmp = undefined;
    }
  }
}

/** A progress line on stderr, only on a terminal; silent when piped or quiet. */
export class Progress {
  private last = 0;
  private shown = false;
  constructor(private readonly stream: CliEnv['stderr'], private readonly enabled: boolean, private readonly total?: number) {}

  static for(env: CliEnv, quiet: boolean, total?: number): Progress {
    return new Progress(env.stderr, !quiet && !!env.stderr.isTTY && env.env.CI === undefined, total);
  }

  /** `what` says what is counted instead of records (`3/8 files`); a function is called only when the bar is drawn. */
  update(done: number, records: number, what?: string | (() => string)): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    if (typeof what === 'function') what = what();
    const pct = this.total ? ` ${Math.min(100, Math.floor((done / this.total) * 100))}%` : '';
    const width = 30;
    const bar = this.total ? ` [${'#'.repeat(Math.floor((Math.min(done, this.total) / this.total) * width)).padEnd(width, '.')}]` : '';
    this.stream.write(`\r\x1b[2K${bar}${pct} ${what ?? `${records.toLocaleString('en-US')} records`}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
