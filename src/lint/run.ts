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
import type { LintPolicy } from './policy.js';
import type { Check, LintCheckOptions } from './types.js';

export interface LintIssue extends Issue {
  /** The text of the record the issue is about, for formatters that show it. */
  text?: string;
}

export interface LintFileResult {
  file: string;
  records: number;
  issues: LintIssue[];
}

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
}

export class LintRun {
  private readonly decoder: Decoder;
  private readonly grouper: Grouper;
  private readonly engine: LintEngine;
  private readonly issues: LintIssue[] = [];
  private ended = false;
  private readonly recordText: boolean;

  constructor(readonly file: string, options: LintRunOptions, private readonly onIssue?: (issue: LintIssue) => void) {
    const { policy } = options;
    this.recordText = options.recordText ?? true;
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
      this.issues.sort((a, b) => a.record - b.record);
    }
    return { file: this.file, records: this.decoder.records, issues: this.issues };
  }

  private collect(issue: Issue | undefined, record: DecodedRecord | undefined): void {
    if (!issue) return;
    // A copy of the text, not the record's own string: that is a slice of the chunk it was
    // read from, and keeping it would keep the whole chunk (64 KB) alive for the report.
    const li: LintIssue = record && this.recordText ? { ...issue, text: flatCopy(record.text) } : issue;
    this.issues.push(li);
    this.onIssue?.(li);
  }
}

/**
 * `s` as a string of its own, sharing no memory with a larger one: V8 flattens
 * the concatenation into a new string, and the slice points into that.
 */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}
