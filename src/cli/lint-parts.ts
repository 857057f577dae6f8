/**
 * `catair lint` of one large file on every core: the file is cut between
 * batches (src/lint/parts.ts says where and why that gives the same
 * report); this thread lints the first part while worker threads
 * (lint-worker.ts) lint the others, and the parts' reports are joined. When a
 * part cannot prove its report equal to a single pass's, the caller lints the
 * file in one pass instead.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createLintSession, type LintFileResult, type LintOptions, type NormalizedLintOptions } from '../lint/index.js';
import { DETECT_WINDOW, findCut, PartWatch, RecordCounter, splitsIntoLines, type PartRole } from '../lint/parts.js';
import { joinParts } from '../lint/run.js';
import { readRange } from './io.js';
import type { LintJob, WorkerMessage } from './lint-pool.js';

/** A file is cut only into parts of at least this many bytes: a worker takes about 0.1 s to start. */
export const PART_MIN = 8 << 20;

/** How far past each even share of the file a cut is looked for before giving up. */
const SEARCH_LIMIT = 8 << 20;
const WINDOW = 1 << 20;
/**
 * A worker's young generation, in MB. V8's default lets each thread's grow to
 * tens of MB; with two threads that put lint on a 1 GB file at 200 MB of
 * resident memory (202 MB measured with 16, 194 MB with 8, 173 MB with 4),
 * while a part's garbage is short-lived and collects as fast in a small one
 * (no slower with 4 than with 8, measured side by side).
 */
const WORKER_YOUNG_MB = 4;
const COUNT_CHUNK = 1 << 20;

/** Encodings in which a line feed, A and Z are the bytes of ASCII, one byte each. */
const ASCII_BASED = new Set(['ascii', 'latin1', 'utf-8', 'windows-1252']);

/** When a part's work began, its records before were counted, and it ended (ms since the epoch, comparable across threads): for CATAIR_DEBUG. */
export interface PartTiming {
  start: number;
  counted: number;
  end: number;
}

/** What linting a part gave; `unsound` says why its report may differ from a single pass's. */
export interface PartOutcome {
  result: LintFileResult;
  unsound?: string;
  timing?: PartTiming;
}

/** Where a part of the file starts and ends, and its place. */
export interface Part {
  start: number;
  end: number;
  role: PartRole;
}

/**
 * Cuts for `parts` parts of the file at `fd` (`size` bytes): one between
 * batches near each even share. Undefined when the file is not worth cutting
 * or cannot be cut that way (no line feeds, not an ASCII-based encoding, no
 * batch boundary near a share); the parts found may be fewer than asked.
 */
export function planParts(fd: number, size: number, parts: number, encoding: string, minPart = PART_MIN): Part[] | undefined {
  parts = Math.min(parts, Math.floor(size / minPart));
  if (parts < 2 || !ASCII_BASED.has(encoding)) return undefined;
  const head = Buffer.allocUnsafe(Math.min(size, DETECT_WINDOW));
  readSync(fd, head, 0, head.length, 0);
  if (!splitsIntoLines(head)) return undefined;
  const cuts: number[] = [];
  const window = Buffer.allocUnsafe(WINDOW + DETECT_WINDOW + 1);
  for (let i = 1; i < parts; i++) {
    const share = Math.floor((size * i) / parts);
    for (let from = Math.max(share, (cuts[cuts.length - 1] ?? 0) + 1); from < Math.min(size, share + SEARCH_LIMIT); from += WINDOW) {
      // Windows overlap by a line's length, so a Z/A pair across two of them is still seen.
      const n = readSync(fd, window, 0, window.length, from - 1);
      const at = findCut(window.subarray(0, n));
      if (at > 0) {
        cuts.push(from - 1 + at);
        break;
      }
    }
  }
  if (!cuts.length) return undefined;
  const bounds = [0, ...cuts, size];
  return bounds.slice(0, -1).map((start, k) => ({ start, end: bounds[k + 1]!, role: k === 0 ? 'head' : k === cuts.length ? 'tail' : 'middle' }));
}

/**
 * Lints one part in this thread (a worker's job too): counts the records
 * before it when it is not the first, then lints it with its record numbers.
 */
export async function lintPart(path: string, name: string, part: Part, options: NormalizedLintOptions, onBytes: (n: number) => void): Promise<PartOutcome> {
  const start = Date.now();
  const fd = openSync(path, 'r');
  try {
    let recordOffset = 0;
    if (part.start > 0) {
      const counter = new RecordCounter();
      // The counter keeps no bytes: one buffer serves every read.
      const buffer = Buffer.allocUnsafe(COUNT_CHUNK);
      for (let at = 0; at < part.start;) {
        const n = readSync(fd, buffer, 0, Math.min(COUNT_CHUNK, part.start - at), at);
        if (n === 0) throw new Error('the file got shorter while it was read');
        counter.push(buffer.subarray(0, n));
        at += n;
      }
      const counted = counter.end();
      if (counted === undefined) return { result: { file: name, records: 0, issues: [] }, unsound: 'the records before the part cannot be counted from its bytes' };
      recordOffset = counted;
    }
    const counted = Date.now();
    const watch = new PartWatch(options.spec, part.role);
    const session = createLintSession(options, name, undefined, { recordOffset, observe: watch.observe });
    await readRange(fd, part.start, part.end, (b) => {
      session.write(b);
      onBytes(b.length);
    });
    const result = session.end();
    const unsound = watch.unsound;
    const timing = { start, counted, end: Date.now() };
    return unsound ? { result, unsound, timing } : { result, timing };
  } finally {
    closeSync(fd);
  }
}

/**
 * Lints `parts` of the file at `path`: the first here, the others on workers
 * (`script`). `onePass` says why not when some part's report may differ from
 * a single pass's, or a worker failed: the caller then lints the file in one
 * pass.
 */
export async function lintInParts(
  script: string, path: string, name: string, parts: Part[], options: NormalizedLintOptions, plain: LintOptions, onBytes: (n: number) => void,
): Promise<{ result: LintFileResult; timings: (PartTiming | undefined)[] } | { onePass: string }> {
  const workers: Worker[] = [];
  const others = parts.slice(1).map((part, k) => new Promise<PartOutcome>((resolve) => {
    const w = new Worker(script, { workerData: plain, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    workers.push(w);
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onBytes(m.bytes);
      else if (m.type === 'part') resolve(m.outcome);
      else resolve({ result: { file: name, records: 0, issues: [] }, unsound: `a worker failed (${m.type === 'done' ? 'a whole file' : m.message})` });
    });
    w.on('error', (e) => resolve({ result: { file: name, records: 0, issues: [] }, unsound: `a worker failed (${e.message})` }));
    w.on('exit', () => resolve({ result: { file: name, records: 0, issues: [] }, unsound: 'a worker stopped' }));
    w.postMessage({ index: k + 1, path, name, part } satisfies LintJob);
  }));
  try {
    const outcomes = [await lintPart(path, name, parts[0]!, options, onBytes), ...(await Promise.all(others))];
    const unsound = outcomes.findIndex((o) => o.unsound);
    if (unsound !== -1) return { onePass: `part ${unsound + 1}: ${outcomes[unsound]!.unsound}` };
    // Parts hold consecutive records and report only on their own: their issues are already in order.
    return { result: joinParts(name, outcomes.map((o) => o.result), options.maxIssues), timings: outcomes.map((o) => o.timing) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
