/**
 * Compares two matched pieces: groups child by child (aligned by `align` over
 * the units of `units.ts`), records field by field. A record that is not
 * canonical on either side, or whose layout differs, is compared by its text.
 */
import type { DecodedRecord } from '../decode/record.js';
import { align } from './align.js';
import type { ChangeKind, DiffChange, DiffPath, DiffValue } from './change.js';
import { isNode, type Node, type Piece } from './collect.js';
import { maskIgnored, type IgnoreSet } from './ignore.js';
import { recordId, unitsOf, type Unit } from './units.js';

export class Comparer {
  constructor(private readonly ignore: IgnoreSet, private readonly emit: (change: DiffChange) => void) {}

  /** Two pieces with the same key (a key names a group or a record, never both). */
  pair(a: Piece, b: Piece): void {
    if (isNode(a.item) && isNode(b.item)) this.nodes(a.item, b.item, {});
    else if (!isNode(a.item) && !isNode(b.item)) this.records(a.item, b.item, { ...a.path, record: recordId(a.item) ?? '?' });
  }

  /** A piece only one side has. */
  alone(kind: 'added' | 'removed', piece: Piece): void {
    if (isNode(piece.item)) this.wholeNode(kind, piece.item, {});
    else this.whole(kind, [piece.item], { ...piece.path, record: recordId(piece.item) ?? '?' });
  }

  private nodes(a: Node, b: Node, parent: DiffPath): void {
    const path = within(parent, a);
    for (const { a: ua, b: ub } of align(unitsOf(a.items), unitsOf(b.items))) {
      if (ua && ub) this.units(ua, ub, path);
      else if (ua) this.wholeUnit('removed', ua, path);
      else if (ub) this.wholeUnit('added', ub, path);
    }
  }

  private units(a: Unit, b: Unit, path: DiffPath): void {
    if (a.node && b.node) return this.nodes(a.node, b.node, path);
    const ra = a.records!, rb = b.records!;
    const at = { ...path, record: a.label };
    if (ra.length === 1 && rb.length === 1) return this.records(ra[0]!, rb[0]!, at);
    // Inside an entity or an LPCO pair: its records by id and content.
    const asUnits = (rs: DecodedRecord[]) => rs.map((r) => ({ kind: recordId(r) ?? '?', signature: r.text, r }));
    for (const p of align(asUnits(ra), asUnits(rb))) {
      if (p.a && p.b) this.records(p.a.r, p.b.r, at);
      else if (p.a) this.whole('removed', [p.a.r], at);
      else if (p.b) this.whole('added', [p.b.r], at);
    }
  }

  private records(a: DecodedRecord, b: DecodedRecord, path: DiffPath): void {
    const base = { kind: 'changed' as const, path, recordA: a.n, recordB: b.n, recordId: recordId(a) };
    const layout = a.layout;
    if (layout && layout === b.layout && a.canonical && b.canonical) {
      for (const f of layout.fields) {
        if (f.hidden || this.ignore.has(f)) continue;
        const before = a.fields?.[f.id] ?? null;
        const after = b.fields?.[f.id] ?? null;
        if (before !== after) this.emit({ ...base, field: f.id, element: f.element, before, after });
      }
    } else if (maskIgnored(a.text, a.layout, this.ignore) !== maskIgnored(b.text, b.layout, this.ignore)) {
      this.emit({ ...base, field: null, before: a.text, after: b.text });
    }
  }

  private wholeUnit(kind: 'added' | 'removed', unit: Unit, path: DiffPath): void {
    if (unit.node) this.wholeNode(kind, unit.node, path);
    else this.whole(kind, unit.records!, { ...path, record: unit.label });
  }

  private wholeNode(kind: 'added' | 'removed', node: Node, parent: DiffPath): void {
    const records: DecodedRecord[] = [];
    flatten(node, records);
    this.whole(kind, records, within(parent, node), records.length);
  }

  /** One change for a run of records added or removed together (`count` of them). */
  private whole(kind: Exclude<ChangeKind, 'changed'>, records: readonly DecodedRecord[], path: DiffPath, count = records.length): void {
    const first = records[0];
    if (!first) return;
    const value = valueOf(first);
    this.emit({
      kind, path,
      recordA: kind === 'removed' ? first.n : null,
      recordB: kind === 'added' ? first.n : null,
      recordId: recordId(first),
      field: null,
      before: kind === 'removed' ? value : null,
      after: kind === 'added' ? value : null,
      count,
    });
  }
}

const PATH_KEY = { transaction: 'entry', line: 'line', tariff: 'tariff', pgaLine: 'pgaLine' } as const;

function within(parent: DiffPath, node: Node): DiffPath {
  const key = PATH_KEY[node.level as keyof typeof PATH_KEY];
  return key ? { ...parent, [key]: node.label ?? `#${node.index}` } : parent;
}

function flatten(node: Node, out: DecodedRecord[]): void {
  for (const item of node.items) {
    if (isNode(item)) flatten(item, out);
    else out.push(item);
  }
}

function valueOf(r: DecodedRecord): DiffValue {
  return r.canonical && r.fields ? r.fields : r.text;
}
