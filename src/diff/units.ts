/**
 * Record units: records that belong together inside a group, and the keys
 * that identify them on both sides. The table is data; the PGA chapter's
 * parent-child rules say which records follow which (PGA p.61-64, Error
 * Dictionary P28/P29/P33/P34). A record the table does not name is a unit on
 * its own, compared by content.
 *
 * `followers`: record ids that may follow the head in this order and join its
 * unit; `+` marks one that may repeat. `key`: `RECORD.fieldId` values that
 * identify the unit (the n-th unit with a key pairs with the n-th).
 */
import type { DecodedRecord } from '../decode/record.js';
import type { Alignable } from './align.js';
import { isNode, type Item, type Node } from './collect.js';

interface UnitRule {
  head: string;
  followers: string[];
  key: string[];
  /** Units of the same kind can pair (a PG13+PG14 pair and a lone PG14 are both LPCOs). */
  kind: string;
}

const RULES: UnitRule[] = [
  // One entity: PG19 → PG20 → PG21 (→ PG55/PG60), p.63-64; PG60 extends the record before it, p.58.
  { head: 'PG19', followers: ['PG20', 'PG21', 'PG55+', 'PG60+'], key: ['PG19.entityRoleCode'], kind: 'entity' },
  // LPCO issuer and details travel as a pair, repeated per document (ED P29); PG13 is conditional.
  { head: 'PG13', followers: ['PG14'], key: ['PG14.lpcoType', 'PG14.lpcoNumber'], kind: 'lpco' },
  { head: 'PG14', followers: [], key: ['PG14.lpcoType', 'PG14.lpcoNumber'], kind: 'lpco' },
  // Packaging levels 1-6, one record each (p.42).
  { head: 'PG26', followers: [], key: ['PG26.packagingQualifier'], kind: 'packaging' },
  // One product (P) then components (C), in order (p.21, ED P07).
  { head: 'PG02', followers: [], key: ['PG02.itemType'], kind: 'item' },
  // PG08 must follow a PG07 (ED P28); PG60 extends it (p.58).
  { head: 'PG07', followers: ['PG08+', 'PG60+'], key: [], kind: 'PG07' },
  // A PG21 after a PG22 is that declaration's contact (p.37).
  { head: 'PG22', followers: ['PG21', 'PG55+', 'PG60+'], key: [], kind: 'PG22' },
];

interface CompiledRule extends UnitRule {
  follow: { id: string; repeat: boolean }[];
  keyRefs: { record: string; field: string }[];
}

const BY_HEAD = new Map<string, CompiledRule>(
  RULES.map((r) => [
    r.head,
    {
      ...r,
      follow: r.followers.map((f) => ({ id: f.replace(/\+$/, ''), repeat: f.endsWith('+') })),
      keyRefs: r.key.map((k) => {
        const [record, field] = k.split('.') as [string, string];
        return { record, field };
      }),
    },
  ]),
);

/** Something to align among a group's children: a record unit or a subgroup. */
export interface Unit extends Alignable {
  /** `PG19 UC`, `PG26 1`, `PG05`: the path's `record` part. */
  label: string;
  records?: DecodedRecord[];
  node?: Node;
}

/** Groups identified by their label; a tariff also by its position (issue: tariffs by position and HTS number). */
const POSITIONAL = new Set(['tariff']);

export function recordId(r: DecodedRecord): string | null {
  return r.layout ? r.layout.record : null;
}

export function unitsOf(items: readonly Item[]): Unit[] {
  const units: Unit[] = [];
  let open: { rule: CompiledRule; records: DecodedRecord[]; at: number } | undefined;
  const flush = () => {
    if (open) units.push(recordUnit(open.records, open.rule));
    open = undefined;
  };
  for (const item of items) {
    if (isNode(item)) {
      flush();
      units.push(groupUnit(item));
      continue;
    }
    const id = recordId(item) ?? '?';
    if (open) {
      const at = open.rule.follow.findIndex((f) => f.id === id);
      // A follower joins when it comes later in the rule's order, or repeats one that may repeat.
      if (at > open.at || (at !== -1 && at === open.at && open.rule.follow[at]!.repeat)) {
        open.records.push(item);
        open.at = at;
        continue;
      }
      flush();
    }
    const rule = BY_HEAD.get(id);
    if (rule && rule.follow.length) open = { rule, records: [item], at: -1 };
    else units.push(recordUnit([item], rule));
  }
  flush();
  return units;
}

function recordUnit(records: DecodedRecord[], rule: CompiledRule | undefined): Unit {
  const head = records[0]!;
  const id = recordId(head) ?? '?';
  const signature = records.map((r) => r.text).join('\n');
  if (!rule || !rule.keyRefs.length) return { kind: rule?.kind ?? id, signature, label: id, records };
  const values = rule.keyRefs.map(({ record, field }) => {
    const r = records.find((x) => recordId(x) === record);
    const v = r?.fields?.[field];
    return v === undefined ? '' : String(v);
  });
  const keyRecord = rule.keyRefs[0]!.record;
  const key = values.join(' ').trim();
  return { kind: rule.kind, key, signature, label: key ? `${keyRecord} ${key}` : keyRecord, records };
}

function groupUnit(node: Node): Unit {
  return {
    kind: `group:${node.level}`,
    key: node.label ?? `#${node.index}`,
    signature: '',
    positional: POSITIONAL.has(node.level),
    label: node.label ?? `#${node.index}`,
    node,
  };
}
