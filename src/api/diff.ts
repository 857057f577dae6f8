/**
 * Comparing two transmissions, for programs: `diff(a, b)` on whole inputs, or
 * `createDiffSession` fed chunk by chunk from two sources (the CLI). Each side
 * may be fixed-width, JSON or NDJSON, told apart by its first non-space
 * character. A JSON side is encoded back to fixed-width text and decoded like
 * the other side, so both have the same structure and the record numbers
 * `convert` gives.
 */
import { getHeapStatistics } from 'node:v8';
import type { DiffChange, DiffSummary } from '../diff/change.js';
import { Collector, type Piece } from '../diff/collect.js';
import { DiffEngine, type Side } from '../diff/engine.js';
import { createFormatter, DIFF_FORMATS, type DiffFormat } from '../diff/format.js';
import { resolveIgnore } from '../diff/ignore.js';
import type { Issue } from '../issues/issue.js';
import type { JsonDocument } from '../model/json.js';
import { FormSniffer, type InputForm } from '../read/sniff.js';
import { createDecodeSession, type DecodeSession } from './decode.js';
import { createEncodeSession, type EncodeSession } from './encode.js';
import { normalize, OptionError, type CommonOptions, type Normalized } from './options.js';

export type { DiffChange, DiffPath, DiffSummary } from '../diff/change.js';
export { DiffLimitError } from '../diff/engine.js';
export type DiffSide = Side;

export interface DiffOptions extends CommonOptions {
  /** Fields to leave out: a field id (`entityName`, in any record) or `RECORD.field` (`PG19.entityName`). */
  ignore?: string | readonly string[];
  /** Leave out the envelope fields that change with every sending: A/B/Y/Z dates, passwords, user data. */
  ignoreEnvelope?: boolean;
  /** Form of `DiffResult.output`. Default `text`. */
  format?: DiffFormat;
  /**
   * Records held at most while they wait for a partner; past it the diff throws
   * DiffLimitError. Default: no count; the diff throws DiffLimitError instead
   * when the heap nears what Node allows (four fifths of it, or 64 MB short),
   * rather than run out of memory.
   */
  maxPending?: number;
}

/** A side that cannot be read as a transmission (JSON that is not catair JSON, a record that cannot be encoded). */
export interface DiffProblem {
  side: DiffSide;
  issue: Issue;
}

export interface DiffSessionHandler {
  change(change: DiffChange): void;
  problem?(problem: DiffProblem): void;
}

export interface DiffSession {
  write(side: DiffSide, chunk: Uint8Array | string): void;
  end(side: DiffSide): void;
  /** The side to feed next so that memory stays bounded; undefined once both have ended. */
  next(): DiffSide | undefined;
  /** Ends both sides, reports what found no partner, and returns the counts. */
  finish(): DiffSummary;
  /** Most transactions (and envelope records) held at once waiting for a partner. */
  readonly peakPending: number;
}

export function createDiffSession(options: DiffOptions, handler: DiffSessionHandler): DiffSession {
  const o = normalize(options);
  const names = options.ignore === undefined ? [] : typeof options.ignore === 'string' ? [options.ignore] : [...options.ignore];
  const { ignore, problems } = resolveIgnore(o.spec, names, !!options.ignoreEnvelope);
  if (problems.length) throw new OptionError(problems.join('\n'));
  const maxPending = options.maxPending;
  if (maxPending !== undefined && !(maxPending >= 1)) throw new OptionError(`maxPending must be 1 or more, not ${JSON.stringify(maxPending)}`);
  const engine = new DiffEngine(ignore, handler.change, { ...(maxPending !== undefined ? { maxPending } : {}), memoryFull: heapNearlyFull });
  const reader = (side: DiffSide) => new SideReader(o, (p) => engine.push(side, p), (issue) => handler.problem?.({ side, issue }));
  const sides = { a: reader('a'), b: reader('b') };
  const ended = { a: false, b: false };
  let turn: DiffSide = 'b';
  const end = (side: DiffSide) => {
    if (ended[side]) return;
    ended[side] = true;
    sides[side].end();
  };
  return {
    write: (side, chunk) => sides[side].write(chunk),
    end,
    next() {
      if (ended.a || ended.b) return ended.a ? (ended.b ? undefined : 'b') : 'a';
      // Feed the side that is behind: the one with fewer pieces waiting for a partner.
      const a = engine.pending('a'), b = engine.pending('b');
      if (a !== b) return a < b ? 'a' : 'b';
      turn = turn === 'a' ? 'b' : 'a';
      return turn;
    },
    finish() {
      end('a');
      end('b');
      engine.end();
      return engine.summary;
    },
    get peakPending() {
      return engine.peakPending;
    },
  };
}

/**
 * Whether the JS heap holds more than four fifths of what Node allows it, or
 * is within 64 MB of it (the limit counts the young generation, which a small
 * heap's old generation cannot grow into).
 */
function heapNearlyFull(): boolean {
  const h = getHeapStatistics();
  return h.used_heap_size > Math.min(0.8 * h.heap_size_limit, h.heap_size_limit - (64 << 20));
}

/** One side: detects its form on the first non-space character, then decodes (re-encoding JSON first). */
class SideReader {
  private form: InputForm | undefined;
  private readonly sniffer = new FormSniffer();
  /** Chunks of leading whitespace while the form is undecided (at most SNIFF_WINDOW bytes). */
  private held: (Uint8Array | string)[] = [];
  private readonly collector: Collector;
  private readonly decoder: DecodeSession;
  private encoder?: EncodeSession;
  private readonly utf8 = new TextDecoder('utf-8');

  constructor(private readonly o: Normalized, emit: (piece: Piece) => void, private readonly problem: (issue: Issue) => void) {
    this.collector = new Collector(emit);
    this.decoder = createDecodeSession({ ...o, to: 'none' }, { record: (_json, raw, path) => this.collector.record(raw, path) });
  }

  write(chunk: Uint8Array | string): void {
    if (!this.form) {
      const form = this.sniffer.push(chunk);
      if (!form) {
        this.held.push(chunk);
        return;
      }
      this.start(form);
      for (const h of this.held) this.feed(h);
      this.held = [];
    }
    this.feed(chunk);
  }

  end(): void {
    if (!this.form) {
      this.start(this.sniffer.end());
      for (const h of this.held) this.feed(h);
    }
    if (this.encoder) {
      this.encoder.writeJsonText(this.utf8.decode());
      this.encoder.end();
    }
    this.decoder.end();
    this.collector.end();
  }

  private start(form: InputForm): void {
    this.form = form;
    if (form === 'json') {
      this.encoder = createEncodeSession(this.o, {
        text: (t) => this.decoder.write(t),
        issue: (i) => {
          if (i.severity === 'error') this.problem(i);
        },
      });
    }
  }

  private feed(chunk: Uint8Array | string): void {
    if (!this.encoder) this.decoder.write(chunk);
    else this.encoder.writeJsonText(typeof chunk === 'string' ? chunk : this.utf8.decode(chunk, { stream: true }));
  }
}

export type DiffInput = string | Uint8Array | JsonDocument;

export interface DiffResult {
  changes: DiffChange[];
  summary: DiffSummary;
  /** Non-empty when a side could not be read whole; the changes are then incomplete. */
  problems: DiffProblem[];
  /** The report in `options.format` (uncoloured). */
  output: string;
}

/** Slice size for whole inputs: the same feeding as a file read, so memory stays bounded the same way. */
const SLICE = 1 << 16;

/** Compares two whole inputs (fixed-width text or bytes, JSON or NDJSON text, or a decoded document). */
export function diff(a: DiffInput, b: DiffInput, options: DiffOptions = {}): DiffResult {
  const format = options.format ?? 'text';
  if (!DIFF_FORMATS.includes(format)) throw new OptionError(`unknown diff format ${JSON.stringify(format)}; use ${DIFF_FORMATS.join(' or ')}`);
  const changes: DiffChange[] = [];
  const problems: DiffProblem[] = [];
  const session = createDiffSession(options, { change: (c) => changes.push(c), problem: (p) => problems.push(p) });
  const sources = { a: slices(a), b: slices(b) };
  for (let side = session.next(); side; side = session.next()) {
    const r = sources[side].next();
    if (r.done) session.end(side);
    else session.write(side, r.value);
  }
  const summary = session.finish();
  const parts: string[] = [];
  const out = createFormatter(format, (t) => parts.push(t));
  for (const c of changes) out.change(c);
  out.end(summary);
  return { changes, summary, problems, output: parts.join('') };
}

function* slices(input: DiffInput): Generator<Uint8Array | string> {
  const whole = typeof input === 'string' || input instanceof Uint8Array ? input : JSON.stringify(input);
  for (let i = 0; i < whole.length; i += SLICE) yield whole.slice(i, i + SLICE);
}
