/**
 * A worker thread of `catair lint` (lint-pool.ts): lints whole files, one at a
 * time, with the same session the single-thread path uses, and sends each
 * result back. Built as dist/lint-worker.js.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createLintSession, NormalizedLintOptions, type LintOptions } from '../lint/index.js';
import { lintPart, type Part } from './lint-parts.js';
import type { LintJob, WorkerMessage } from './lint-pool.js';
import { systemReason } from './reason.js';

/** Progress is sent every this many bytes, not per chunk. */
const PROGRESS_STEP = 1 << 20;

const port = parentPort!;
const options = NormalizedLintOptions.from(workerData as LintOptions, '--rule');
const send = (m: WorkerMessage) => port.postMessage(m);

/** Counts bytes read and sends them as progress every PROGRESS_STEP bytes; `flush` sends the rest. */
function progressSender(): { add(bytes: number): void; flush(): void } {
  let pending = 0;
  return {
    add(bytes) {
      pending += bytes;
      if (pending >= PROGRESS_STEP) {
        send({ type: 'progress', bytes: pending });
        pending = 0;
      }
    },
    flush() {
      if (pending) send({ type: 'progress', bytes: pending });
      pending = 0;
    },
  };
}

port.on('message', async (job: LintJob) => {
  if (job.part) return lintJobPart(job, job.part);
  // The same words as the main thread's openInput.
  if (!existsSync(job.path)) return send({ type: 'unreadable', index: job.index, message: `${job.name}: no such file` });
  if (statSync(job.path).isDirectory()) return send({ type: 'unreadable', index: job.index, message: `${job.name}: is a folder, not a file` });
  const session = createLintSession(options, job.name);
  const progress = progressSender();
  try {
    for await (const chunk of createReadStream(job.path, { highWaterMark: 1 << 16 })) {
      try {
        session.write(chunk as Buffer);
      } catch (e) {
        send({ type: 'failed', index: job.index, message: (e as Error).message });
        return;
      }
      progress.add((chunk as Buffer).length);
    }
  } catch (e) {
    send({ type: 'unreadable', index: job.index, message: `${job.name}: cannot read (${systemReason(e)})` });
    return;
  }
  progress.flush();
  try {
    send({ type: 'done', index: job.index, result: session.end() });
  } catch (e) {
    send({ type: 'failed', index: job.index, message: (e as Error).message });
  }
});

/** One part of a large file (lint-parts.ts); any failure sends `failed`, and the main thread lints the file in one pass. */
async function lintJobPart(job: LintJob, part: Part): Promise<void> {
  const progress = progressSender();
  try {
    const outcome = await lintPart(job.path, job.name, part, options, (n) => progress.add(n));
    progress.flush();
    send({ type: 'part', index: job.index, outcome });
  } catch (e) {
    send({ type: 'failed', index: job.index, message: (e as Error).message });
  }
}
