/**
 * What lint works out once per layout, kept on the layout itself under one
 * symbol (not enumerable, so the spec reads and serialises as before). A
 * WeakMap lookup per record showed in profiles; and one property for all of
 * it gives every layout lint has seen the same shape, so the decoder and the
 * grouper, which read layouts for every record, keep their fast property
 * access (a property per value gave layouts four shapes).
 */
import type { FieldSpec, LayoutSpec } from '../../spec/types.js';
import type { LayoutPlan } from './record.js';

export interface LayoutMemo {
  /** record.ts: how the record rules check this layout. */
  plan: LayoutPlan | undefined;
  /** pga-common.ts: the fields by id. */
  fieldsById: Map<string, FieldSpec> | undefined;
  /** pga-common.ts: the fields holding entity role codes (PG19, PG55). */
  roleFields: FieldSpec[] | undefined;
  /** The layout's record id, interned (`idOf`). */
  id: string | undefined;
  /** transaction.ts: the fields of the entry number check digit. */
  entryFields: EntryFields | undefined;
}

export interface EntryFields {
  filerField: FieldSpec | undefined;
  numberField: FieldSpec | undefined;
}

const MEMO: unique symbol = Symbol('catair.lint.layout');
type Memoized = LayoutSpec & { [MEMO]?: LayoutMemo };

export function memoOf(layout: LayoutSpec): LayoutMemo {
  const l = layout as Memoized;
  let memo = l[MEMO];
  if (!memo) {
    memo = { plan: undefined, fieldsById: undefined, roleFields: undefined, id: undefined, entryFields: undefined };
    Object.defineProperty(l, MEMO, { value: memo, enumerable: false });
  }
  return memo;
}

/**
 * The layout's record id as an interned string. Ids are read from the spec's
 * tables, and comparing such a string with a literal (`=== 'PG01'`, a
 * `switch` case, a Set of ids) compares characters, where two interned
 * strings compare by identity; the PGA checks compare ids of every record of
 * every line. V8 interns the names of object properties, so a name read back
 * from an object is interned (an id of digits only, like `10`, is an array
 * index instead and stays as it was: it compares as before).
 */
export function idOf(layout: LayoutSpec): string {
  const memo = memoOf(layout);
  return (memo.id ??= Object.keys({ [layout.record]: true })[0]!);
}
