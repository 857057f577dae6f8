/**
 * `catair lint` over many files on several cores: worker threads (lint-worker.ts)
 * each lint whole files and send the results back; the caller gets them in
 * the order the files were given, so reports read the same as from one thread.
 * Only the built CLI has the worker script; elsewhere (tests on the sources)
 * files are linted on the main thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LintFileResult, LintOptions } from '../lint/index.js';
import type { Part, PartOutcome } from './lint-parts.js';

export interface LintJob {
  index: number;
  path: string;
  name: string;
  /** Only this part of the file (lint-parts.ts). */
  part?: Part;
}

export type WorkerMessage =
  | { type: 'progress'; bytes: number }
  | { type: 'done'; index: number; result: LintFileResult }
  | { type: 'part'; index: number; outcome: PartOutcome }
  | { type: 'unreadable'; index: number; message: string }
  | { type: 'failed'; index: number; message: string };

export type PoolOutcome = { result: LintFileResult } | { unreadable: string } | { failed: string };

/** The worker script beside the running bundle, if there is one. */
export function lintWorkerScript(): string | undefined {
  const path = fileURLToPath(new URL('./lint-worker.js', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Input a worker thread must have to pay for itself. A worker starts its own
 * V8 and compiles the checks again (some 200 ms before it lints at full
 * speed, about what 30 MB of input costs), and on a machine with two vCPUs
 * two lint threads slow each other: there one thread linted 40 small files in
 * 162 ms against 261 on two, ten files of 2 MB in 473 ms against 800, four of
 * 20 MB in 939 ms against 1,163; two of 81 MB took as long on one thread as on
 * two, and four of 81 MB were faster on two (bench/README.md, "Sixth round").
 */
export const BYTES_PER_THREAD = 64 * 2 ** 20;

/**
 * Threads for `files` inputs of `bytes` in all: `asked` (--jobs) if given, else
 * one per BYTES_PER_THREAD of input; never more than one per core or per file.
 */
export function lintThreads(files: number, bytes: number, asked?: number): number {
  const most = Math.min(files, availableParallelism());
  return Math.max(1, Math.min(most, asked ?? Math.floor(bytes / BYTES_PER_THREAD)));
}

/**
 * Lints `jobs` on `threads` workers. `options` must be plain data (the spec as
 * a folder path). `onOutcome` is called in job order; `onProgress` with the
 * bytes read since its last call.
 */
export function lintInWorkers(
  script: string,
  jobs: Omit<LintJob, 'index'>[],
  options: LintOptions,
  threads: number,
  onOutcome: (index: number, outcome: PoolOutcome) => Promise<void> | void,
  onProgress: (bytes: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const outcomes = new Map<number, PoolOutcome>();
    let next = 0;
    let reported = 0;
    let finished = false;
    const workers: Worker[] = [];
    // Outcomes are handed on in job order, one after another (the caller may write and wait).
    let flushing = Promise.resolve();
    const flush = () => {
      flushing = flushing.then(async () => {
        while (outcomes.has(reported)) {
          const o = outcomes.get(reported)!;
          outcomes.delete(reported);
          await onOutcome(reported++, o);
        }
        if (reported === jobs.length && !finished) {
          finished = true;
          await Promise.all(workers.map((w) => w.terminate()));
          resolve();
        }
      }).catch((e) => {
        finished = true;
        for (const w of workers) void w.terminate();
        reject(e);
      });
    };
    /** The job each worker is on. */
    const busy = new Map<Worker, number>();
    const give = (w: Worker) => {
      if (next < jobs.length) {
        const index = next++;
        busy.set(w, index);
        w.postMessage({ index, ...jobs[index]! } satisfies LintJob);
      } else busy.delete(w);
    };
    const start = () => {
      const w = new Worker(script, { workerData: options });
      w.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') return onProgress(m.bytes);
        outcomes.set(m.index, m.type === 'done' ? { result: m.result } : m.type === 'unreadable' ? { unreadable: m.message } : { failed: m.type === 'part' ? 'a part where a whole file was asked' : m.message });
        give(w);
        flush();
      });
      w.on('error', (e) => {
        // A worker that dies takes its file with it; a new one goes on with the rest.
        const index = busy.get(w);
        busy.delete(w);
        if (index !== undefined && !outcomes.has(index)) outcomes.set(index, { failed: e.message });
        if (!finished && next < jobs.length) start();
        flush();
      });
      workers.push(w);
      give(w);
    };
    for (let t = 0; t < Math.min(threads, jobs.length); t++) start();
    if (jobs.length === 0) flush();
  });
}
