/**
 * Lint for programs, with the options of `catair lint`: whole inputs at once
 * (`lint`) or one input pushed chunk by chunk (`createLintSession`). Options
 * are normalized once here (STYLE §9); the result is data, and `formatLint`
 * turns it into any of the report formats.
 *
 * Like `src/api`, this surface loads the default spec; the lint core below it
 * (engine, run, checks, policy, formats) does no I/O.
 */
import { normalize, type CommonOptions } from '../api/options.js';
import type { DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import type { Encoding } from '../read/charset.js';
import type { Spec } from '../spec/types.js';
import { allChecks, allRules } from './checks/index.js';
import type { LintResult } from './format/index.js';
import { addSummary, LintConfigError, LintPolicy, noIssues, summarize, type LintConfig, type LintSummary } from './policy.js';
import { DEFAULT_MAX_ISSUES, LintRun, type LintFileResult, type LintIssue } from './run.js';
import type { LintCheckOptions, RuleInfo } from './types.js';

export interface LintOptions extends CommonOptions, LintConfig {
  /** HTS number (10 digits) → APHIS flag, as read from `--flags FILE`. */
  flags?: Map<string, string> | Record<string, string>;
  /**
   * Keep each issue's record text (`LintIssue.text`), which the text format
   * prints under its ruler. Default true. The other formats do not print it:
   * without it, the issues a file keeps for its report take about 100 bytes
   * each instead of about 200.
   */
  recordText?: boolean;
  /**
   * Issues listed per file: the first by record; the rest are counted
   * (`LintFileResult.omitted`) and still count towards the summary and exit
   * code. Default 10,000; `Infinity` lists all.
   */
  maxIssues?: number;
}

export type LintInput = string | Uint8Array | { name: string; data: string | Uint8Array };

/** Options after normalization: reuse one for many inputs. */
export class NormalizedLintOptions {
  private constructor(
    readonly spec: Spec,
    readonly encoding: Encoding,
    readonly policy: LintPolicy,
    readonly checkOptions: LintCheckOptions,
    readonly rules: readonly RuleInfo[],
    readonly recordText: boolean,
    readonly maxIssues: number,
  ) {}

  /** Throws OptionError (bad spec, encoding, app) or LintConfigError (rules, strict, maxWarnings). */
  static from(options: LintOptions = {}, source = 'options'): NormalizedLintOptions {
    const o = normalize(options);
    const rules = allRules();
    const policy = new LintPolicy(rules, { ...(options.rules ? { rules: options.rules } : {}), ...(options.strict !== undefined ? { strict: options.strict } : {}), ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}) }, source);
    const flags = options.flags instanceof Map ? options.flags : options.flags ? new Map(Object.entries(options.flags)) : undefined;
    const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
    if (!(maxIssues >= 0) || (maxIssues !== Infinity && !Number.isInteger(maxIssues))) throw new LintConfigError(`${source}: maxIssues must be a whole number of 0 or more, or Infinity, not ${JSON.stringify(options.maxIssues)}`);
    return new NormalizedLintOptions(o.spec, o.encoding, policy, { ...(o.app ? { app: o.app } : {}), ...(flags ? { flags } : {}) }, rules, options.recordText ?? true, maxIssues);
  }
}

export interface LintSession {
  write(chunk: Uint8Array | string): void;
  /** Records read so far. */
  readonly records: number;
  /** Finishes the input and returns its issues in record order. */
  end(): LintFileResult;
}

/** A part of a larger file linted on its own (parts.ts). */
export interface LintPart {
  /** Records in the file before the part. */
  recordOffset: number;
  /** Sees each record with its groups (a `PartWatch`). */
  observe: (record: DecodedRecord, path: readonly Group[]) => void;
}

/** Lints one input pushed chunk by chunk, in bounded memory; `onIssue` sees each issue as it is found. */
export function createLintSession(options: LintOptions | NormalizedLintOptions, file = '<input>', onIssue?: (issue: LintIssue) => void, part?: LintPart): LintSession {
  const o = options instanceof NormalizedLintOptions ? options : NormalizedLintOptions.from(options);
  return new LintRun(file, {
    spec: o.spec, encoding: o.encoding, policy: o.policy, checks: allChecks(), checkOptions: o.checkOptions, recordText: o.recordText, maxIssues: o.maxIssues,
    ...(part ? { recordOffset: part.recordOffset, observe: part.observe } : {}),
  }, onIssue);
}

/** Combines per-file results into the summary and exit code. */
export function lintResult(files: LintFileResult[], policy: LintPolicy): LintResult {
  const summary = noIssues();
  for (const f of files) addFileSummary(summary, f);
  return { files, summary, exitCode: policy.exitCode(summary) };
}

/** Adds a file's issues, listed and omitted, to `into`. */
export function addFileSummary(into: LintSummary, f: LintFileResult): LintSummary {
  return addSummary(summarize(f.issues, into), f.omitted);
}

/** Lints whole inputs (fixed-width text or bytes). */
export function lint(inputs: LintInput | LintInput[], options: LintOptions = {}): LintResult {
  const o = NormalizedLintOptions.from(options);
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const files = list.map((input, n) => {
    const { name, data } = typeof input === 'string' || input instanceof Uint8Array ? { name: list.length > 1 ? `<input ${n + 1}>` : '<input>', data: input } : input;
    const session = createLintSession(o, name);
    session.write(data);
    return session.end();
  });
  return lintResult(files, o.policy);
}

/** Every rule lint can report, with its default severity, CBP code and source. */
export function lintRules(): RuleInfo[] {
  return allRules();
}

export { formatLint, FORMATS, type FormatOptions, type LintFormat, type LintResult } from './format/index.js';
export { LintConfigError, parseConfig, parseRuleOption, type LintConfig, type LintSummary, type RuleLevel } from './policy.js';
export { DEFAULT_MAX_ISSUES, type LintFileResult, type LintIssue } from './run.js';
export type { RuleInfo } from './types.js';
