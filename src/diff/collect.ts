/**
 * Builds each side into comparable pieces as its records stream by. A
 * transaction (with its lines, tariffs and PGA lines) is collected whole and
 * handed on when it closes, so memory holds one transaction at a time. Records
 * outside any transaction (A, B, Y, Z, condition records in a block) are handed
 * on one by one. A line, tariff or PGA line with no transaction around it (a
 * fragment) is handed on whole, like a transaction.
 */
import type { DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import type { Level } from '../spec/types.js';
import type { DiffPath } from './change.js';

/** A group of the tree: its records and subgroups in file order (the opening record first). */
export interface Node {
  level: Level;
  label?: string;
  /** Position among the groups of its level under the same parent. */
  index: number;
  items: Item[];
}

export type Item = DecodedRecord | Node;

export function isNode(item: Item): item is Node {
  return (item as Node).items !== undefined;
}

/** A top-level piece of one side, matched against the other side by `key`. */
export interface Piece {
  key: string;
  /** For a record outside any transaction: its batch and block. */
  path: DiffPath;
  item: Item;
  /** Position on its side, to report what is left over in file order. */
  seq: number;
  /** Records in it: what it costs to hold while it waits for a partner. */
  records: number;
}

/** Levels collected into trees; batch and block are only containers. */
const COLLECTED = new Set<Level>(['transaction', 'line', 'tariff', 'pgaLine']);

export class Collector {
  private readonly open: { group: Group; node?: Node }[] = [];
  /** Block labels already seen in the current batch, to tell repeated blocks apart. */
  private blockSeen = new Map<string, number>();
  private readonly blockNames = new WeakMap<Group, string>();
  private seq = 0;
  /** Records of the tree being collected. */
  private treeRecords = 0;

  constructor(private readonly emit: (piece: Piece) => void) {}

  record(record: DecodedRecord, path: readonly Group[]): void {
    let k = 0;
    while (k < this.open.length && k < path.length && this.open[k]!.group === path[k]) k++;
    this.closeTo(k);
    for (let i = k; i < path.length; i++) this.openGroup(path[i]!);
    const node = this.open.length ? this.open[this.open.length - 1]!.node : undefined;
    if (node) {
      node.items.push(record);
      this.treeRecords++;
    } else this.emit({ key: `${this.containerKey()} ${record.layout?.layout ?? '?'}`, path: this.containerPath(), item: record, seq: this.seq++, records: 1 });
  }

  end(): void {
    this.closeTo(0);
  }

  private openGroup(group: Group): void {
    if (group.level === 'batch') this.blockSeen = new Map();
    if (group.level === 'block') {
      const label = group.label ?? '';
      const n = (this.blockSeen.get(label) ?? 0) + 1;
      this.blockSeen.set(label, n);
      this.blockNames.set(group, n > 1 ? `${label}#${n}` : label || `#${group.index}`);
    }
    if (!COLLECTED.has(group.level)) {
      this.open.push({ group });
      return;
    }
    const node: Node = { level: group.level, index: group.index, items: [], ...(group.label !== undefined ? { label: group.label } : {}) };
    const parent = this.open.length ? this.open[this.open.length - 1]!.node : undefined;
    if (parent) parent.items.push(node);
    this.open.push({ group, node });
  }

  private closeTo(depth: number): void {
    while (this.open.length > depth) {
      const { node } = this.open.pop()!;
      const parent = this.open.length ? this.open[this.open.length - 1]!.node : undefined;
      // Only a tree's root is handed on; its subgroups travel inside it.
      if (node && !parent) {
        this.emit({ key: `${node.level} ${node.label ?? ''}`, path: {}, item: node, seq: this.seq++, records: this.treeRecords });
        this.treeRecords = 0;
      }
    }
  }

  /** Batch by position, block by its label (port, filer, application). */
  private containerKey(): string {
    return this.open.map((o) => (o.group.level === 'batch' ? `batch ${o.group.index}` : `block ${this.blockNames.get(o.group)}`)).join(' ');
  }

  private containerPath(): DiffPath {
    const p: DiffPath = {};
    for (const o of this.open) {
      if (o.group.level === 'batch') p.batch = String(o.group.index);
      else if (o.group.level === 'block') p.block = this.blockNames.get(o.group)!;
    }
    return p;
  }
}
