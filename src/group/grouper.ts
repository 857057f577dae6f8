/**
 * Grouping: batch (A…Z) → block (B…Y) → transaction → line → tariff → PGA line.
 * Where a record sits comes from records.tsv (`level`, `role`): an opening
 * record closes every open group at its level or deeper, a member closes the
 * deeper ones, a trailer closes its own. Records with no layout stay where they
 * are. Missing trailers or headers never lose records: groups simply close
 * early or a record attaches to what is open.
 */
import type { DecodedRecord } from '../decode/record.js';
import { LEVELS, type FieldSpec, type LayoutSpec, type Level } from '../spec/types.js';

export interface Group {
  level: Level;
  /** 1-based position among the groups of this level under the same parent. */
  index: number;
  /** Values of the opening record's key fields (records.tsv `key`), joined by a space. */
  label?: string;
  /** Record number of the opening record (of the first member when no header opened it). */
  firstRecord: number;
  /** Record number of the last record in the group, set when it closes. */
  lastRecord?: number;
}

export interface GroupHandler {
  /** A group opens; `record` is the record that opened it (it is passed to `record` next). */
  open?(group: Group, path: readonly Group[], record: DecodedRecord): void;
  record(record: DecodedRecord, path: readonly Group[]): void;
  close?(group: Group, path: readonly Group[]): void;
}

const RANK: Record<Level, number> = Object.fromEntries(LEVELS.map((l, i) => [l, i])) as Record<Level, number>;

/** How a layout's records are placed, worked out once per layout. */
interface Placement {
  /** The level's position in LEVELS. */
  rank: number;
  /** Its role (`open`, `close` or `-`) as flags: strings read from the spec compare by content. */
  opens: boolean;
  closes: boolean;
  /** The fields naming its groups (records.tsv `key`). */
  keys: FieldSpec[];
}

/**
 * Kept on the layout itself (a symbol key, as decode/compile.ts keeps its
 * tables): one property load per record, where looking the level up by name
 * cost a string-keyed lookup per record.
 */
const PLACEMENT = Symbol('catair.placement');

function placementOf(layout: LayoutSpec): Placement {
  const held = (layout as { [PLACEMENT]?: Placement })[PLACEMENT];
  if (held !== undefined) return held;
  const keys: FieldSpec[] = [];
  for (const id of layout.key) {
    const f = layout.fields.find((x) => x.id === id);
    if (f) keys.push(f);
  }
  const placement: Placement = { rank: RANK[layout.level], opens: layout.role === 'open', closes: layout.role === 'close', keys };
  Object.defineProperty(layout, PLACEMENT, { value: placement, enumerable: false });
  return placement;
}

export class Grouper {
  private readonly stack: Group[] = [];
  /** The level rank of each open group, beside `stack`. */
  private readonly ranks: number[] = [];
  /** Groups opened so far at each level under the open group at each depth: `counts[depth * LEVELS.length + rank]`. */
  private readonly counts: number[] = LEVELS.map(() => 0);
  private lastRecord = 0;

  /**
   * `labels: false` leaves `label` out of every group: lint reports no group
   * paths, and reading the key fields of every group it opens showed in its profile.
   */
  constructor(private readonly handler: GroupHandler, private readonly options: { labels?: boolean } = {}) {}

  get path(): readonly Group[] {
    return this.stack;
  }

  push(record: DecodedRecord): void {
    const layout = record.layout;
    if (!layout) {
      this.handler.record(record, this.stack);
      this.lastRecord = record.n;
      return;
    }
    const { rank, opens, closes } = placementOf(layout);
    if (opens) {
      this.closeFrom(rank);
      this.open(layout, rank, record);
      this.handler.record(record, this.stack);
      this.lastRecord = record.n;
    } else if (closes) {
      this.closeFrom(rank + 1);
      this.handler.record(record, this.stack);
      this.lastRecord = record.n;
      const top = this.stack[this.stack.length - 1];
      if (top && top.level === layout.level) this.closeFrom(rank);
    } else {
      this.closeFrom(rank + 1);
      this.handler.record(record, this.stack);
      this.lastRecord = record.n;
    }
  }

  end(): void {
    this.closeFrom(0);
  }

  private open(layout: LayoutSpec, rank: number, record: DecodedRecord): void {
    const width = LEVELS.length;
    const at = this.stack.length * width + rank;
    const index = this.counts[at]! + 1;
    this.counts[at] = index;
    const group: Group = { level: layout.level, index, firstRecord: record.n };
    if (this.options.labels !== false) {
      let label = '';
      for (const f of placementOf(layout).keys) {
        const part = record.text.slice(f.start - 1, f.end).trim();
        if (part) label = label ? `${label} ${part}` : part;
      }
      if (label) group.label = label;
    }
    this.stack.push(group);
    this.ranks.push(rank);
    // The new group's children are counted from zero.
    const from = this.stack.length * width;
    for (let i = from; i < from + width; i++) this.counts[i] = 0;
    this.handler.open?.(group, this.stack, record);
  }

  /** Closes every open group whose level rank is at least `rank`. */
  private closeFrom(rank: number): void {
    const ranks = this.ranks;
    while (ranks.length && ranks[ranks.length - 1]! >= rank) {
      const g = this.stack[this.stack.length - 1]!;
      g.lastRecord = this.lastRecord;
      this.handler.close?.(g, this.stack);
      this.stack.pop();
      ranks.pop();
    }
  }
}
