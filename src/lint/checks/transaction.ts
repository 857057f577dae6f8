/**
 * Transaction rules for the input applications catair knows record by record
 * (AE, SE, CA): record order inside each grouping, the header that opens a
 * transaction, and the entry-number check digit (Appendix E). The entry type is
 * checked against its code list by the generic code-list rules (record.ts).
 */
import { rtrim } from '../../codec/field.js';
import type { DecodedRecord } from '../../decode/record.js';
import type { Group } from '../../group/grouper.js';
import type { LayoutSpec, Level } from '../../spec/types.js';
import { lastIndexOf } from '../engine.js';
import type { Check, RuleInfo } from '../types.js';
import { memoOf, type EntryFields } from './layout-memo.js';
import { fieldText } from './record.js';

export const TRANSACTION_RULES: RuleInfo[] = [
  { code: 'missing-transaction-header', severity: 'error', cbp: 'X33', title: 'transaction records before the record that opens a transaction', source: 'ESF-26 (records after a 10 belong to it); SE-22; B&B-32 (X33)' },
  { code: 'record-order', severity: 'error', cbp: 'X35', title: 'record out of sequence in its grouping', source: 'ESF-20..25; SE-22..83; CA/CC record sequence (abi-envelope §6.6); B&B-32 (X35)' },
  { code: 'entry-check-digit', severity: 'warning', title: 'entry number check digit does not match Appendix E', source: 'CATAIR Appendix E (Valid Entry Numbers)' },
];

/**
 * Record order per grouping, from the chapters' structure maps. Each slot lists
 * record ids that may repeat and mix (CBP's loops); `<line>`, `<tariff>` and
 * `<pgaLine>` stand for nested groupings; `PG*` is any PGA record that sits
 * directly in the grouping (PG00 substitution sets, PG19-PG21 substituted data).
 * The inside of a PGA line belongs to the PGA rules.
 */
type Order = Partial<Record<Level, { slots: string[][]; page: string }>>;

const ORDER: Record<string, Order> = {
  AE: {
    transaction: {
      page: 'ESF-20..25',
      slots: [['10'], ['11'], ['20'], ['SE13'], ['21'], ['22', '23'], ['SE16'], ['SE17'], ['30'], ['31'], ['32'], ['33'], ['34'], ['35'], ['36'],
        ['PG*'], ['SE20'], ['SE30', 'SE31', 'SE32', 'SE35', 'SE36'], ['<line>'], ['88'], ['89'], ['90']],
    },
    line: { page: 'ESF-20..25', slots: [['40'], ['41'], ['42', '43', '44'], ['47'], ['SE50', 'SE51', 'SE52', 'SE55', 'SE56'], ['PG*'], ['<tariff>']] },
    tariff: {
      page: 'ESF-20..25',
      slots: [['50'], ['SE60'], ['SE61'], ['OI'], ['<pgaLine>', 'PG*'], ['51'], ['52'], ['53'], ['54'], ['60'], ['61'], ['62'], ['SE62', 'SE63'], ['63'], ['CW02']],
    },
  },
  SE: {
    transaction: { page: 'SE-22..28', slots: [['SE10'], ['SE11'], ['SE13'], ['SE15'], ['SE16'], ['SE17'], ['SE20'], ['SE30', 'SE31', 'SE35', 'SE36'], ['<line>']] },
    line: { page: 'SE-22..28', slots: [['SE40'], ['SE41'], ['SE50', 'SE51', 'SE55', 'SE56'], ['<tariff>']] },
    tariff: { page: 'SE-22..28', slots: [['SE60'], ['SE61'], ['OI'], ['<pgaLine>', 'PG*']] },
  },
  CA: {
    transaction: { page: 'CA record sequence', slots: [['CA10'], ['<line>']] },
    line: { page: 'CA record sequence', slots: [['CA40'], ['<tariff>']] },
    tariff: { page: 'CA record sequence', slots: [['CA60'], ['CA61'], ['OI'], ['<pgaLine>', 'PG*']] },
  },
};

/**
 * Each order with the slot index of each item, per app and level, built once.
 * Maps, not ORDER's object keys: the app id is read from record text, and
 * such a string (not interned) is slow to look up as an object key.
 */
const RANKED = new Map<string, Map<Level, { page: string; ranks: Map<string, number> }>>();
for (const [app, order] of Object.entries(ORDER)) {
  const byLevel = new Map<Level, { page: string; ranks: Map<string, number> }>();
  for (const [level, { page, slots }] of Object.entries(order) as [Level, { page: string; slots: string[][] }][]) {
    const ranks = new Map<string, number>();
    slots.forEach((slot, i) => slot.forEach((id) => ranks.set(id, i)));
    byLevel.set(level, { page, ranks });
  }
  RANKED.set(app, byLevel);
}

function rankIn(ranks: Map<string, number>, item: string): number | undefined {
  return ranks.get(item) ?? (item.startsWith('PG') && !item.startsWith('<') ? ranks.get('PG*') : undefined);
}

/** `<level>`, the item a nested grouping is ranked as, made once per level. */
const GROUPING_ITEMS = new Map<string, string>();
function groupingItem(level: string): string {
  let item = GROUPING_ITEMS.get(level);
  if (item === undefined) GROUPING_ITEMS.set(level, (item = `<${level}>`));
  return item;
}

const idColumns = (r: DecodedRecord): [number, number] => [1, Math.max(1, Math.min(r.layout?.prefix.length ?? 2, r.text.length))];

function recordOrder(): Check {
  return {
    rules: TRANSACTION_RULES.filter((r) => r.code === 'record-order'),
    group(group, records, ctx) {
      const app = records[0]?.app;
      const order = app ? RANKED.get(app)?.get(group.level) : undefined;
      if (!app || !order) return;
      const { ranks } = order;
      let best = -1;
      let bestItem = '';
      let bestRecord = 0;
      let seenChild: Group | undefined;
      // Records share their path until a group opens or closes: the depth is looked up once per path.
      let lastPath: readonly Group[] | undefined;
      let depth = -1;
      for (let i = 0; i < records.length; i++) {
        const { record, path } = records[i]!;
        if (path !== lastPath) {
          lastPath = path;
          depth = path.indexOf(group);
        }
        if (depth < 0) continue;
        let item: string;
        if (depth === path.length - 1) {
          if (!record.layout || record.layout.level === 'batch' || record.layout.level === 'block') continue;
          item = record.layout.record;
        } else {
          const child = path[depth + 1]!;
          if (child === seenChild) continue; // only a nested grouping's first record places it
          seenChild = child;
          item = groupingItem(child.level);
          // The grouping's other records follow this one: skip them, as each would only find
          // `seenChild` again (any list not laid out as numbered is walked as before).
          i = lastIndexOf(child, records, i);
        }
        const rank = rankIn(ranks, item);
        if (rank === undefined) continue;
        if (rank < best) {
          const what = item.startsWith('<') ? `a ${item.slice(1, -1)} grouping` : item;
          const after = bestItem.startsWith('<') ? `a ${bestItem.slice(1, -1)} grouping` : bestItem;
          ctx.report('record-order', record, {
            columns: idColumns(record),
            message: `${what} comes after ${after} (record ${bestRecord}); in an ${app} ${group.level} it comes before (${order.page})`,
          });
          continue;
        }
        if (rank > best) {
          best = rank;
          bestItem = item;
          bestRecord = record.n;
        }
      }
    },
  };
}

/** In AE, SE and CA blocks, records before the transaction's opening record (X33). */
function transactionHeader(): Check {
  const reported = new WeakSet<Group>();
  /**
   * The last path found to need nothing (no block, its block reported, inside
   * a transaction, or an app without an opener): a record's path (engine.ts)
   * is shared by the records after it until a group opens or closes, and the
   * answer holds for all of them.
   */
  let settled: readonly Group[] | undefined;
  return {
    rules: TRANSACTION_RULES.filter((r) => r.code === 'missing-transaction-header'),
    record({ record, path }, ctx) {
      const layout = record.layout;
      if (!layout || layout.level === 'batch' || layout.level === 'block' || path === settled) return;
      const block = path.find((g) => g.level === 'block');
      if (!block || reported.has(block) || path.some((g) => g.level === 'transaction')) {
        settled = path;
        return;
      }
      const app = ctx.appOf(path);
      const opener = app && ORDER[app]?.transaction?.slots[0]?.[0];
      if (!opener) {
        settled = path;
        return;
      }
      reported.add(block);
      ctx.report('missing-transaction-header', record, {
        columns: idColumns(record),
        message: `${layout.record} record before any ${opener} record; an ${app} transaction starts with ${opener}`,
      });
    },
  };
}

/** Filer-code letters as digits (Appendix E): A/J/S=1 … I/R=9. */
function filerDigit(c: string): number | undefined {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c < 'A' || c > 'Z') return undefined;
  return ((c.charCodeAt(0) - 65) % 9) + 1;
}

/**
 * Appendix E: over filer code (as digits) and the 7-digit transaction number,
 * from the rightmost digit double every other one (a doubled digit over 9
 * counts its digit sum), add all; the check digit is 10 minus the units digit
 * (0 when that is 10). B76 0324527 → 8.
 */
export function entryCheckDigit(filer: string, transaction: string): number | undefined {
  if (!/^[A-Z0-9]{3}$/.test(filer) || !/^\d{7}$/.test(transaction)) return undefined;
  // The ten digits read from the right in place (no list of them made: this runs for every entry).
  const digits = filer + transaction;
  let sum = 0;
  for (let i = digits.length - 1, odd = true; i >= 0; i--, odd = !odd) {
    const d = i < filer.length ? filerDigit(digits[i]!)! : digits.charCodeAt(i) - 48;
    sum += odd ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The layout's entry filer code and entry number fields, looked up once (layout-memo.ts). */
function entryFieldsOf(layout: LayoutSpec): EntryFields {
  const memo = memoOf(layout);
  return (memo.entryFields ??= {
    filerField: layout.fields.find((f) => f.id === 'entryFilerCode'),
    numberField: layout.fields.find((f) => f.id === 'entryNumber'),
  });
}

function entryNumber(): Check {
  return {
    rules: TRANSACTION_RULES.filter((r) => r.code === 'entry-check-digit'),
    record({ record }, ctx) {
      const layout = record.layout;
      if (!layout) return;
      const { filerField, numberField } = entryFieldsOf(layout);
      if (!filerField || !numberField || numberField.start > record.text.length) return;
      const filer = rtrim(fieldText(record, filerField));
      const number = rtrim(fieldText(record, numberField));
      if (!filer || !number) return;
      const columns: [number, number] = [numberField.start, numberField.end];
      if (!/^\d{8}$/.test(number)) {
        ctx.report('entry-check-digit', record, { columns, field: numberField.id, message: `entry number ${JSON.stringify(number)} is not a 7-digit transaction number and a check digit` });
        return;
      }
      const want = entryCheckDigit(filer, number.slice(0, 7));
      if (want === undefined) return;
      if (want !== Number(number[7])) {
        ctx.report('entry-check-digit', record, {
          columns: [numberField.end, numberField.end], field: numberField.id,
          message: `check digit ${number[7]} of entry ${filer}-${number.slice(0, 7)}-${number[7]} should be ${want} (Appendix E; filers authorised to use another digit may ignore this)`,
        });
      }
    },
  };
}

export function transactionChecks(): Check[] {
  return [transactionHeader(), recordOrder(), entryNumber()];
}
