import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main.js';

export const ROOT = join(import.meta.dirname, '..');
export const REFERENCE = join(ROOT, '..', 'shared', 'reference');
export const REFERENCE_SAMPLES = join(REFERENCE, 'samples');
export const SAMPLES = join(ROOT, 'samples');

/** Every sample file: the project's own `samples/*.abi` and `samples/invalid/*.abi`, and the reference `.txt` files. */
export function sampleFiles(): { name: string; path: string }[] {
  const own = ['', 'invalid/'].flatMap((sub) =>
    readdirSync(join(SAMPLES, sub)).filter((f) => f.endsWith('.abi')).map((f) => ({ name: `samples/${sub}${f}`, path: join(SAMPLES, sub, f) })));
  let ref: { name: string; path: string }[] = [];
  try {
    ref = readdirSync(REFERENCE_SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => ({ name: `reference/${f}`, path: join(REFERENCE_SAMPLES, f) }));
  } catch {
    // The reference folder sits beside the repository; without it only our samples run.
  }
  return [...own, ...ref];
}

export function read(path: string): Buffer {
  return readFileSync(path);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Runs the CLI in-process with injected streams. */
export async function runCli(argv: string[], options: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string; stderrTTY?: boolean; stdoutTTY?: boolean } = {}): Promise<CliResult> {
  const stdin = new PassThrough();
  const stdout: PassThrough & { isTTY?: boolean } = new PassThrough();
  const stderr: PassThrough & { isTTY?: boolean } = new PassThrough();
  // Terminals, as far as the CLI can tell (progress bars).
  if (options.stderrTTY) stderr.isTTY = true;
  if (options.stdoutTTY) stdout.isTTY = true;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(Buffer.from(b)));
  stderr.on('data', (b: Buffer) => err.push(Buffer.from(b)));
  stdin.end(options.stdin ?? '');
  const code = await main({ argv, stdin, stdout, stderr, env: { NO_COLOR: '1', ...options.env }, cwd: options.cwd ?? ROOT });
  await new Promise((r) => setImmediate(r));
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes };
}
