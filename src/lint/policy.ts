/**
 * Lint policy, applied after the checks ran (STYLE §8): per-rule severity
 * overrides and `off`, `strict` (warnings count as errors), `maxWarnings`, and
 * the exit code. Configuration comes from `.catairrc.json` and the command
 * line; both are validated here, with every problem named, before any input is
 * read. Unknown rule codes are usage errors (exit 2).
 *
 * Defaults (the one place they are written down): every rule at the severity
 * docs/rules.md gives it, strict off, no warning limit.
 */
import type { Issue, Severity } from '../issues/issue.js';
import type { RuleInfo } from './types.js';

export type RuleLevel = Severity | 'off';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

/** What `.catairrc.json` holds; the same keys as the library options. */
export interface LintConfig {
  rules?: Record<string, RuleLevel>;
  strict?: boolean;
  maxWarnings?: number;
}

export interface LintSummary {
  errors: number;
  warnings: number;
  infos: number;
}

/** A bad option or configuration: the CLI exits 2. */
export class LintConfigError extends Error {
  override name = 'LintConfigError';
}

const CONFIG_KEYS = ['rules', 'strict', 'maxWarnings'];

export class LintPolicy {
  private readonly levels = new Map<string, RuleLevel>();
  readonly strict: boolean;
  readonly maxWarnings: number | undefined;

  /** `source` names where the configuration came from, for messages. */
  constructor(rules: readonly RuleInfo[], config: LintConfig = {}, source = 'options') {
    for (const r of rules) this.levels.set(r.code, r.severity);
    const problems: string[] = [];
    for (const [code, level] of Object.entries(config.rules ?? {})) {
      if (!this.levels.has(code)) problems.push(`unknown rule ${JSON.stringify(code)} (docs/rules.md lists the rules)`);
      else if (!RULE_LEVELS.includes(level)) problems.push(`rule ${code}: level must be ${RULE_LEVELS.join(', ')}, not ${JSON.stringify(level)}`);
      else this.levels.set(code, level);
    }
    const max = config.maxWarnings;
    if (max !== undefined && (!Number.isInteger(max) || max < 0)) problems.push(`maxWarnings must be a whole number of zero or more, not ${JSON.stringify(max)}`);
    if (config.strict !== undefined && typeof config.strict !== 'boolean') problems.push(`strict must be true or false, not ${JSON.stringify(config.strict)}`);
    if (problems.length) throw new LintConfigError(problems.map((p) => `${source}: ${p}`).join('\n'));
    this.strict = config.strict ?? false;
    this.maxWarnings = max;
  }

  /** The level an issue of this code is reported at, after overrides and `strict`. */
  levelOf(code: string): RuleLevel {
    const level = this.levels.get(code) ?? 'error';
    return this.strict && level === 'warning' ? 'error' : level;
  }

  /** The issue at its policy severity, or undefined when its rule is off. */
  apply<T extends Issue>(issue: T): T | undefined {
    const level = this.levelOf(issue.code);
    if (level === 'off') return undefined;
    return level === issue.severity ? issue : { ...issue, severity: level };
  }

  /** 0 no errors, 1 errors or more warnings than allowed. */
  exitCode(summary: LintSummary): 0 | 1 {
    if (summary.errors > 0) return 1;
    if (this.maxWarnings !== undefined && summary.warnings > this.maxWarnings) return 1;
    return 0;
  }
}

/** A summary of no issues, to count into. */
export function noIssues(): LintSummary {
  return { errors: 0, warnings: 0, infos: 0 };
}

export function summarize(issues: Iterable<Issue>, into: LintSummary = noIssues()): LintSummary {
  for (const i of issues) countIssue(into, i);
  return into;
}

/** Counts one issue in `into` by its severity. */
export function countIssue(into: LintSummary, issue: Issue): void {
  if (issue.severity === 'error') into.errors++;
  else if (issue.severity === 'warning') into.warnings++;
  else into.infos++;
}

/** Issues of every severity in `s`. */
export function issueTotal(s: LintSummary): number {
  return s.errors + s.warnings + s.infos;
}

/** Adds the counts of `from` (issues left out of a report, say) to `into`. */
export function addSummary(into: LintSummary, from: LintSummary | undefined): LintSummary {
  if (from) {
    into.errors += from.errors;
    into.warnings += from.warnings;
    into.infos += from.infos;
  }
  return into;
}

/** `CODE=level` from `--rule`. */
export function parseRuleOption(text: string): [string, RuleLevel] {
  const m = /^([^=\s]+)=([a-z]+)$/.exec(text.trim());
  if (!m) throw new LintConfigError(`--rule ${JSON.stringify(text)}: expected CODE=LEVEL with LEVEL one of ${RULE_LEVELS.join(', ')}`);
  if (!RULE_LEVELS.includes(m[2] as RuleLevel)) throw new LintConfigError(`--rule ${text}: level must be ${RULE_LEVELS.join(', ')}, not ${JSON.stringify(m[2])}`);
  return [m[1]!, m[2] as RuleLevel];
}

/** Parses a `.catairrc.json` text; shape problems are reported together, naming `source`. */
export function parseConfig(text: string, source: string): LintConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new LintConfigError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new LintConfigError(`${source}: expected a JSON object with ${CONFIG_KEYS.join(', ')}`);
  const obj = data as Record<string, unknown>;
  const problems = Object.keys(obj).filter((k) => !CONFIG_KEYS.includes(k)).map((k) => `unknown key ${JSON.stringify(k)}; allowed: ${CONFIG_KEYS.join(', ')}`);
  if (obj.rules !== undefined && (!obj.rules || typeof obj.rules !== 'object' || Array.isArray(obj.rules))) problems.push('rules must be an object of CODE: level');
  if (problems.length) throw new LintConfigError(problems.map((p) => `${source}: ${p}`).join('\n'));
  return obj as LintConfig;
}

/** `over` wins key by key; rule maps are merged. */
export function mergeConfig(base: LintConfig, over: LintConfig): LintConfig {
  return {
    rules: { ...base.rules, ...over.rules },
    ...(over.strict ?? base.strict) !== undefined ? { strict: over.strict ?? base.strict } : {},
    ...(over.maxWarnings ?? base.maxWarnings) !== undefined ? { maxWarnings: over.maxWarnings ?? base.maxWarnings } : {},
  };
}
