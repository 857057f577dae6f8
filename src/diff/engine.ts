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

/**
 * Records held waiting for a partner, at most, unless a caller says: about
 * 1 KB of memory each (656 MB peak when two files of random lines stopped at
 * 500,000). Files in the same order hold one transaction per side; this many
 * wait only when one side adds or drops half a million records, or the two
 * are not versions of one transmission (or are garbage): a clear stop instead
 * of running out of memory.
 */
export const DEFAULT_MAX_PENDING = 500_000;

/** More records wait for a partner than `maxPending` allows. */
export class DiffLimitError extends Error {
  /** `record`: the first record, on `side`, of the piece that went past the limit. */
  constructor(readonly maxPending: number, readonly side: Side, readonly record: number) {
    super(`more than ${maxPending} records are waiting for a partner: the two sides do not look like versions of one transmission (entries far out of order, or unrelated files)`);
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

  constructor(ignore: IgnoreSet, sink: (change: DiffChange) => void, private readonly maxPending = DEFAULT_MAX_PENDING) {
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
    if ((this.records += piece.records) > this.maxPending) throw new DiffLimitError(this.maxPending, side, firstRecord(piece.item));
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
