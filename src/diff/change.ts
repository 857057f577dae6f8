/**
 * What `diff` reports: changes are plain data (STYLE §6, publint); the text and
 * JSON formatters turn them into words. A change is located by its path
 * (entry, line, tariff, PGA line, record unit) and by its record numbers on
 * each side.
 */
import type { FieldValue } from '../codec/field.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

/**
 * Where a change is. Inside a transaction the path starts at `entry` (entries
 * are matched across the whole file, so batch and block are left out); records
 * outside any transaction (A, B, Y, Z, ...) are located by `batch` and `block`.
 * Values are group labels (records.tsv `key`), or `#n` for a group without one.
 * `record` names the record unit: `PG19 UC` (an entity and its PG20/PG21/...),
 * `PG14 AE1 TW-2026-...` (an LPCO), or just the record id. A change with no
 * `record` concerns the deepest group named (a PGA line added or removed).
 */
export interface DiffPath {
  batch?: string;
  block?: string;
  entry?: string;
  line?: string;
  tariff?: string;
  pgaLine?: string;
  record?: string;
}

/** Path keys in the order they nest. */
export const PATH_KEYS = ['batch', 'block', 'entry', 'line', 'tariff', 'pgaLine', 'record'] as const;

/** Typed field values; a whole record as its fields (or its raw text when it is not canonical). */
export type DiffValue = FieldValue | Record<string, FieldValue> | null;

export interface DiffChange {
  kind: ChangeKind;
  path: DiffPath;
  /** 1-based record number in A (the first record of what was removed); null when A has none. */
  recordA: number | null;
  recordB: number | null;
  /** Record id (`PG19`), null for a record no layout describes. */
  recordId: string | null;
  /**
   * Field id (`entityName`). Null when a whole record or group is added or
   * removed, or when a record is compared by its text (not canonical, or
   * different layouts on the two sides).
   */
  field: string | null;
  /** CATAIR element name of `field` (`Entity Name`), for people. */
  element?: string;
  /** changed: the field values (null for blank), or the record texts when `field` is null. added/removed: the first record's fields. */
  before: DiffValue;
  after: DiffValue;
  /** added/removed: how many records (a PG19 entity with its PG20 and PG21 is 3). */
  count?: number;
}

export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
}
