/**
 * Record identification: which layout describes a record, given the
 * application of the block it is in (SE60 inside an AE is not SE60 inside an
 * SE). Everything it knows comes from records.tsv: prefixes, contexts and
 * selectors.
 */
import type { LayoutSpec, Spec } from '../spec/types.js';

interface Candidate {
  layout: LayoutSpec;
  rank: number;
}

export class Identifier {
  private readonly byPrefix = new Map<string, LayoutSpec[]>();
  private readonly prefixLengths: number[];
  private readonly cache = new Map<string, Candidate[]>();

  constructor(private readonly spec: Spec) {
    const lengths = new Set<number>();
    for (const l of spec.layouts.values()) {
      lengths.add(l.prefix.length);
      let list = this.byPrefix.get(l.prefix);
      if (!list) this.byPrefix.set(l.prefix, (list = []));
      list.push(l);
    }
    this.prefixLengths = [...lengths].sort((a, b) => b - a);
  }

  /**
   * Context rank: the app itself (3) beats its direction (2) beats `*` (1).
   * With no known app, every layout is a candidate (rank 0 unless `*`), in
   * records.tsv order, so fragments without an envelope still decode.
   */
  private candidates(prefix: string, app: string | undefined): Candidate[] {
    const cacheKey = `${prefix}\u0000${app ?? ''}`;
    let list = this.cache.get(cacheKey);
    if (list) return list;
    const direction = app ? this.spec.applications.get(app)?.direction : undefined;
    list = [];
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
    this.cache.set(cacheKey, list);
    return list;
  }

  identify(text: string, app: string | undefined): LayoutSpec | undefined {
    for (const len of this.prefixLengths) {
      if (text.length < len) continue;
      const list = this.candidates(text.slice(0, len), app);
      if (!list.length) continue;
      for (const { layout } of list) {
        const sel = layout.select;
        if (!sel || sel.values.includes(text.slice(sel.start - 1, sel.end))) return layout;
      }
    }
    return undefined;
  }

  /** Layouts for a record id (for `explain`). */
  layoutsForRecord(record: string): LayoutSpec[] {
    return [...this.spec.layouts.values()].filter((l) => l.record === record || l.layout === record);
  }
}
