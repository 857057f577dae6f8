/**
 * Matches the pieces of two sides as they arrive. A piece whose partner has
 * already arrived is compared at once and both are released; otherwise it
 * waits. Files in the same order therefore hold about one transaction per
 * side; files in different orders hold what is out of place, and whatever is
 * still waiting at the end was added or removed.
 */
import type { DiffChange, DiffSummary } from './change.js';
import { isNode, type Item, type Piece } from './collect.js';
import { Comparer } from './compare.js';
import type { IgnoreSet } from './ignore.js';

export type Side = 'a' | 'b';

/** What bounds the pieces waiting for a partner. */
export interface DiffLimits {
  /** Records waiting, at most (default: no count, only `memoryFull`). */
  maxPending?: number;
  /**
   * Asked every thousand or so waiting records: whether memory is nearly full.
   * Files in the same order hold one transaction per side, but files with
   * different entries (two days' traffic) hold all of both until the end,
   * about 0.5 KB a record (1.3 KB for records outside transactions).
   */
  memoryFull?: () => boolean;
}

/** Waiting records between two `memoryFull` questions (a question costs about a microsecond). */
const MEMORY_CHECK_EVERY = 1024;

/** The waiting pieces went past a limit: `maxPending` records, or memory. */
export class DiffLimitError extends Error {
  /** `record`: the first record, on `side`, of the piece that went past the limit; `waiting`: the records waiting then. */
  constructor(readonly limit: 'records' | 'memory', readonly side: Side, readonly record: number, readonly waiting: number, maxPending = 0) {
    super(limit === 'records'
      ? `more than ${maxPending} records are waiting for a partner`
      : `${waiting} records waiting for a partner fill most of the memory Node allows this process`);
  }
}

export class DiffEngine {
  private readonly waiting = { a: new Map<string, Piece[]>(), b: new Map<string, Piece[]>() };
  private readonly count = { a: 0, b: 0 };
  /** Records in the waiting pieces, both sides. */
  private records = 0;
  private peak = 0;
  private readonly comparer: Comparer;
  readonly summary: DiffSummary = { added: 0, removed: 0, changed: 0 };

  private sinceCheck = 0;

  constructor(ignore: IgnoreSet, sink: (change: DiffChange) => void, private readonly limits: DiffLimits = {}) {
    this.comparer = new Comparer(ignore, (c) => {
      this.summary[c.kind]++;
      sink(c);
    });
  }

  /** Pieces waiting for a partner on that side. */
  pending(side: Side): number {
    return this.count[side];
  }

  /** Most pieces waiting at once (both sides): the memory bound in pieces. */
  get peakPending(): number {
    return this.peak;
  }

  push(side: Side, piece: Piece): void {
    const other: Side = side === 'a' ? 'b' : 'a';
    const queue = this.waiting[other].get(piece.key);
    if (queue) {
      // Repeated keys (the same entry sent twice) pair first with first.
      const partner = queue.shift()!;
      if (!queue.length) this.waiting[other].delete(piece.key);
      this.count[other]--;
      this.records -= partner.records;
      if (side === 'a') this.comparer.pair(piece, partner);
      else this.comparer.pair(partner, piece);
      return;
    }
    const own = this.waiting[side].get(piece.key);
    if (own) own.push(piece);
    else this.waiting[side].set(piece.key, [piece]);
    this.count[side]++;
    this.peak = Math.max(this.peak, this.count.a + this.count.b);
    this.records += piece.records;
    if (this.limits.maxPending !== undefined && this.records > this.limits.maxPending) throw new DiffLimitError('records', side, firstRecord(piece.item), this.records, this.limits.maxPending);
    if (this.limits.memoryFull && (this.sinceCheck += piece.records) >= MEMORY_CHECK_EVERY) {
      this.sinceCheck = 0;
      if (this.limits.memoryFull()) throw new DiffLimitError('memory', side, firstRecord(piece.item), this.records);
    }
  }

  /** Reports what never found a partner, each side in file order. */
  end(): void {
    const left = (side: Side) => [...this.waiting[side].values()].flat().sort((x, y) => x.seq - y.seq);
    for (const p of left('a')) this.comparer.alone('removed', p);
    for (const p of left('b')) this.comparer.alone('added', p);
    this.waiting.a.clear();
    this.waiting.b.clear();
    this.count.a = this.count.b = 0;
    this.records = 0;
  }
}

function firstRecord(item: Item): number {
  while (isNode(item)) {
    const first = item.items[0];
    if (!first) return 0;
    item = first;
  }
  return item.n;
}
