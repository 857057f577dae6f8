/**
 * One lint session per input: Decoder → Grouper → LintEngine, chunk by chunk,
 * with no I/O. Records are never kept for the whole file (the engine holds one
 * transaction at a time); only the issues found are.
 *
 * The decoder's own issues are not used: lint recomputes record length (X42)
 * and unknown records (X34) as rules of its own, and reports the cause of a
 * non-canonical field (filler, class, date) instead of `field-not-canonical`,
 * so each problem is reported once.
 */
import { Decoder } from '../decode/decoder.js';
import type { DecodedRecord } from '../decode/record.js';
import { Grouper, type Group } from '../group/grouper.js';
import type { Issue } from '../issues/issue.js';
import type { Encoding } from '../read/charset.js';
import type { Spec } from '../spec/types.js';
import { LintEngine } from './engine.js';
import { addSummary, countIssue, issueTotal, noIssues, type LintPolicy, type LintSummary } from './policy.js';
import type { Check, LintCheckOptions } from './types.js';

export interface LintIssue extends Issue {
  /** The text of the record the issue is about, for formatters that show it. */
  text?: string;
}

export interface LintFileResult {
  file: string;
  records: number;
  /** The issues listed, in record order: at most `maxIssues` of them, the first by record. */
  issues: LintIssue[];
  /** Issues found past `maxIssues` and not listed, by severity; absent when none were left out. */
  omitted?: LintSummary;
}

/** Issues listed per file unless a caller says otherwise: enough for any person or CI report, and a bound on memory for a file of garbage. */
export const DEFAULT_MAX_ISSUES = 10_000;

export interface LintRunOptions {
  spec: Spec;
  encoding: Encoding;
  policy: LintPolicy;
  checks: Check[];
  checkOptions: LintCheckOptions;
  /** Keep each issue's record text (default true); see `LintOptions.recordText`. */
  recordText?: boolean;
  /** Records before this input when it is a part of a larger file (record numbers continue from it). */
  recordOffset?: number;
  /** Sees every record with its groups, before the checks do (see parts.ts). */
  observe?: (record: DecodedRecord, path: readonly Group[]) => void;
  /** List at most this many issues (the first by record) and count the rest; Infinity lists all. Default DEFAULT_MAX_ISSUES. */
  maxIssues?: number;
}

export class LintRun {
  private readonly decoder: Decoder;
  private readonly grouper: Grouper;
  private readonly engine: LintEngine;
  private readonly issues: LintIssue[] = [];
  private ended = false;
  private readonly recordText: boolean;
  private readonly maxIssues: number;
  /** Issues left out so far (`trim`). */
  private readonly omitted: LintSummary = noIssues();
  /**
   * Once issues have been left out: the record of the last one kept. A later
   * issue on this record or after it sorts after every kept one (the sort is
   * stable), so it is only counted.
   */
  private cutoff = Infinity;

  constructor(readonly file: string, options: LintRunOptions, private readonly onIssue?: (issue: LintIssue) => void) {
    const { policy } = options;
    this.recordText = options.recordText ?? true;
    this.maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
    if (!(this.maxIssues >= 0)) throw new RangeError(`maxIssues must be 0 or more, not ${this.maxIssues}`);
    this.engine = new LintEngine(options.spec, options.checks, options.checkOptions, (issue, record) => this.collect(policy.apply(issue), record));
    const observe = options.observe;
    this.grouper = new Grouper({
      open: (group, path, record) => this.engine.open(group, path, record),
      record: observe
        ? (record, path) => {
            observe(record, path);
            this.engine.record(record, path);
          }
        : (record, path) => this.engine.record(record, path),
      close: (group) => this.engine.close(group),
    }, { labels: false }); // no check reads a group's label, and no report shows one
    this.decoder = new Decoder(
      // `fieldsAs: 'none'`: the checks read fields from the record text (the few typed values
      // they need are decoded on demand, pga-common `typed`) and judge them by their own rules.
      { spec: options.spec, encoding: options.encoding, fieldsAs: 'none', recordOffset: options.recordOffset ?? 0, ...(options.checkOptions.app ? { app: options.checkOptions.app } : {}) },
      { record: (r) => this.grouper.push(r) },
    );
  }

  /** Records read so far. */
  get records(): number {
    return this.decoder.records;
  }

  write(chunk: Uint8Array | string): void {
    if (typeof chunk === 'string') this.decoder.writeText(chunk);
    else this.decoder.write(chunk);
  }

  /** Finishes the input; issues are in record order (stable within a record). */
  end(): LintFileResult {
    if (!this.ended) {
      this.ended = true;
      this.decoder.end();
      this.grouper.end();
      this.engine.end();
      this.trim();
    }
    const omitted = issueTotal(this.omitted) ? { omitted: { ...this.omitted } } : {};
    return { file: this.file, records: this.decoder.records, issues: this.issues, ...omitted };
  }

  /** Sorts the issues by record (stably) and keeps the first `maxIssues`, counting the rest. */
  private trim(): void {
    const issues = this.issues;
    issues.sort((a, b) => a.record - b.record);
    if (issues.length <= this.maxIssues) return;
    for (let i = this.maxIssues; i < issues.length; i++) countIssue(this.omitted, issues[i]!);
    issues.length = this.maxIssues;
    this.cutoff = issues.length ? issues[issues.length - 1]!.record : -Infinity;
  }

  private collect(issue: Issue | undefined, record: DecodedRecord | undefined): void {
    if (!issue) return;
    // Kept to twice the limit between trims: each trim sorts what is held, so a file of garbage
    // costs memory for 2 × maxIssues issues and time O(n log maxIssues).
    if (this.issues.length >= 2 * this.maxIssues && this.maxIssues !== Infinity) this.trim();
    if (issue.record >= this.cutoff) {
      this.onIssue?.(issue);
      countIssue(this.omitted, issue);
      return;
    }
    // A copy of the text, not the record's own string: that is a slice of the chunk it was
    // read from, and keeping it would keep the whole chunk (64 KB) alive for the report.
    const li: LintIssue = record && this.recordText ? { ...issue, text: flatCopy(record.text) } : issue;
    this.issues.push(li);
    this.onIssue?.(li);
  }
}

/**
 * The results of consecutive parts of one file (each holding the records
 * after the one before, each linted with the same `maxIssues`) as the single
 * pass's result: their issues in order, at most `maxIssues` of them. A part
 * that left issues out listed `maxIssues` of its own, so every later part's
 * issues are counted, not listed, as in one pass.
 */
export function joinParts(file: string, parts: readonly LintFileResult[], maxIssues: number): LintFileResult {
  const issues: LintIssue[] = [];
  const omitted: LintSummary = noIssues();
  for (const p of parts) {
    for (const i of p.issues) {
      if (issues.length < maxIssues) issues.push(i);
      else countIssue(omitted, i);
    }
    addSummary(omitted, p.omitted);
  }
  const records = parts.reduce((n, p) => n + p.records, 0);
  return issueTotal(omitted) ? { file, records, issues, omitted } : { file, records, issues };
}

/**
 * `s` as a string of its own, sharing no memory with a larger one: V8 flattens
 * the concatenation into a new string, and the slice points into that.
 */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}
