/**
 * Record identification: which layout describes a record, given the
 * application of the block it is in (SE60 inside an AE is not SE60 inside an
 * SE). Everything it knows comes from records.tsv: prefixes, contexts and
 * selectors.
 */
import type { LayoutSpec, Spec } from '../spec/types.js';
import type { Codes } from './record.js';

interface Candidate {
  layout: LayoutSpec;
  rank: number;
}

/** Layouts to try for one record start, in order: longest prefix first, then by rank. */
type Choices = readonly LayoutSpec[];

/** Distinct record starts remembered per application; random input cannot grow it past this. */
const CACHE_LIMIT = 4096;

/** A direct-mapped cache of choices by packed record start (see `Identifier.packedCache`). */
interface PackedCache {
  /** The key held in each slot, -1 for none. */
  keys: Int32Array;
  choices: Choices[];
  /**
   * Each slot's layout when its start alone decides it (the first choice has
   * no selector), else undefined: most records return it at once, without
   * the walk over the choices.
   */
  decided: (LayoutSpec | undefined)[];
}

const PACKED_BITS = 10;
const PACKED_SLOTS = 1 << PACKED_BITS;

export class Identifier {
  private readonly byPrefix = new Map<string, LayoutSpec[]>();
  private readonly prefixLengths: number[];
  private readonly maxPrefix: number;
  /** Choices by the record's first `maxPrefix` characters, per application. */
  private readonly cache = new Map<string, Map<string, Choices>>();
  /** The application `cacheForApp` and `packedForApp` are for ('' for none: a string either way keeps the comparison one kind for the JIT). */
  private cacheApp = '';
  private cacheForApp: Map<string, Choices> | undefined;
  /**
   * The same choices by the first four character codes packed into a small
   * integer (seven bits each), for records read as bytes: no string is cut
   * and hashed per record. A direct-mapped table per application (a slot per
   * hash of the key, the last key seen there wins), cheaper per record than
   * a Map; its few dozen distinct record starts rarely share a slot.
   */
  private readonly packedCache = new Map<string, PackedCache>();
  private packedForApp: PackedCache | undefined;

  constructor(private readonly spec: Spec) {
    const lengths = new Set<number>();
    for (const l of spec.layouts.values()) {
      lengths.add(l.prefix.length);
      let list = this.byPrefix.get(l.prefix);
      if (!list) this.byPrefix.set(l.prefix, (list = []));
      list.push(l);
    }
    this.prefixLengths = [...lengths].sort((a, b) => b - a);
    this.maxPrefix = this.prefixLengths[0] ?? 0;
  }

  /**
   * Context rank: the app itself (3) beats its direction (2) beats `*` (1).
   * With no known app, every layout is a candidate (rank 0 unless `*`), in
   * records.tsv order, so fragments without an envelope still decode.
   */
  private candidates(prefix: string, app: string | undefined): Candidate[] {
    const direction = app ? this.spec.applications.get(app)?.direction : undefined;
    const list: Candidate[] = [];
    for (const layout of this.byPrefix.get(prefix) ?? []) {
      let rank = -1;
      if (app && layout.contexts.includes(app)) rank = 3;
      else if (direction && layout.contexts.includes(direction)) rank = 2;
      else if (layout.contexts.includes('*')) rank = 1;
      else if (!app || !this.spec.applications.has(app)) rank = 0;
      if (rank >= 0) list.push({ layout, rank });
    }
    // Stable: higher rank first, then selectors before fallbacks.
    list.sort((a, b) => b.rank - a.rank || Number(!!b.layout.select) - Number(!!a.layout.select));
    return list;
  }

  /** Every layout a record starting with `head` could be, in the order they are tried. */
  private choices(head: string, app: string | undefined): Choices {
    const out: LayoutSpec[] = [];
    for (const len of this.prefixLengths) {
      if (head.length < len) continue;
      for (const { layout } of this.candidates(head.slice(0, len), app)) out.push(layout);
    }
    return out;
  }

  /** `codes[at…]` are the text's character codes, when the caller has them. */
  identify(text: string, app: string | undefined, codes?: Codes, at = 0): LayoutSpec | undefined {
    let cached = this.cacheForApp;
    const appKey = app ?? '';
    if (!cached || appKey !== this.cacheApp) {
      this.cacheApp = appKey;
      cached = this.cache.get(appKey);
      if (!cached) this.cache.set(appKey, (cached = new Map()));
      this.cacheForApp = cached;
      let packed = this.packedCache.get(appKey);
      if (!packed) this.packedCache.set(appKey, (packed = { keys: new Int32Array(PACKED_SLOTS).fill(-1), choices: new Array<Choices>(PACKED_SLOTS), decided: new Array<LayoutSpec | undefined>(PACKED_SLOTS).fill(undefined) }));
      this.packedForApp = packed;
    }
    let list: Choices | undefined;
    let key = -1;
    let slot = 0;
    if (codes && this.maxPrefix === 4 && text.length >= 4) {
      const c0 = codes[at]!, c1 = codes[at + 1]!, c2 = codes[at + 2]!, c3 = codes[at + 3]!;
      if ((c0 | c1 | c2 | c3) < 128) {
        key = (c0 << 21) | (c1 << 14) | (c2 << 7) | c3;
        slot = Math.imul(key, 0x9e3779b1) >>> (32 - PACKED_BITS);
        const packed = this.packedForApp!;
        if (packed.keys[slot] === key) {
          const decided = packed.decided[slot];
          if (decided !== undefined) return decided;
          list = packed.choices[slot];
        }
      }
    }
    if (!list) {
      // Every layout whose prefix fits in the first `maxPrefix` characters is decided by them (and its selector).
      const head = text.length > this.maxPrefix ? text.slice(0, this.maxPrefix) : text;
      list = cached.get(head);
      if (!list) {
        list = this.choices(head, app);
        if (cached.size >= CACHE_LIMIT) cached.clear();
        cached.set(head, list);
      }
      if (key !== -1) {
        const packed = this.packedForApp!;
        packed.keys[slot] = key;
        packed.choices[slot] = list;
        packed.decided[slot] = list.length && !list[0]!.select ? list[0] : undefined;
      }
    }
    for (let i = 0; i < list.length; i++) {
      const layout = list[i]!;
      const sel = layout.select;
      if (!sel || sel.values.includes(text.slice(sel.start - 1, sel.end))) return layout;
    }
    return undefined;
  }

  /** Layouts for a record id (for `explain`). */
  layoutsForRecord(record: string): LayoutSpec[] {
    return [...this.spec.layouts.values()].filter((l) => l.record === record || l.layout === record);
  }
}
