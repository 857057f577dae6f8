/**
 * Lint framework: checks see the decoded records in order, with their groups,
 * and report issues by code. Policy (severity overrides, --strict, limits) is
 * applied after all checks ran (STYLE §8).
 */
import type { DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import type { Issue, Severity } from '../issues/issue.js';
import type { Spec } from '../spec/types.js';

/** One documented rule. Every code has an entry in docs/rules.md (a test enforces it). */
export interface RuleInfo {
  code: string;
  severity: Severity;
  title: string;
  /** CBP's own code (B&B X-code, PGA Error Dictionary P-code), when CBP names the condition. */
  cbp?: string;
  /** Where the rule comes from: chapter and page, CSMS, seed document. */
  source: string;
}

/** Options that change what is checked (not how it is reported). */
export interface LintCheckOptions {
  /** Application assumed for records outside any A/B envelope (`--app`). */
  app?: string;
  /** HTS number (10 digits, no dots) → APHIS flag `AQ1` | `AQ2` (from --flags FILE). */
  flags?: Map<string, string>;
}

/** A record together with the groups it sits in (outermost first). */
export interface LintRecord {
  record: DecodedRecord;
  path: readonly Group[];
  /** `appOf(path)`, worked out once for all the records that share a path. */
  app: string | undefined;
}

export interface ReportOptions {
  columns?: [number, number];
  field?: string;
  message: string;
}

export interface LintContext {
  spec: Spec;
  options: LintCheckOptions;
  /** Reports an issue on a record (the severity comes from the rule's default). */
  report(code: string, record: DecodedRecord | undefined, opts: ReportOptions): void;
  /** Columns of a field of the record's layout, for `columns`. */
  columnsOf(record: DecodedRecord, fieldId: string): [number, number] | undefined;
  /** The application id in force for the record's block (`AE`, `SE`, ...), if any. */
  appOf(path: readonly Group[]): string | undefined;
}

/**
 * A check. `record` sees every record in order. `group` runs when a group of
 * level transaction, line, tariff or pgaLine closes, with all records inside it
 * (bounded by the size of one transaction, so lint streams).
 */
export interface Check {
  rules: RuleInfo[];
  record?(r: LintRecord, ctx: LintContext): void;
  open?(group: Group, path: readonly Group[], first: DecodedRecord, ctx: LintContext): void;
  group?(group: Group, records: LintRecord[], ctx: LintContext): void;
  /** Batch and block closes (records are not collected at these levels). */
  close?(group: Group, ctx: LintContext): void;
  end?(ctx: LintContext): void;
}

export type { Issue, Severity };
