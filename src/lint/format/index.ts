/** The report formats; each turns a lint result (data) into text. */
import type { LintSummary } from '../policy.js';
import type { LintFileResult } from '../run.js';
import type { RuleInfo } from '../types.js';
import { githubFile } from './github.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';
import { sarifReport } from './sarif.js';
import { PLAIN, textBlocks, textFile, textSummary, type Colors } from './text.js';

export interface LintResult {
  files: LintFileResult[];
  summary: LintSummary;
  /** 0 no errors, 1 errors or more warnings than `maxWarnings` allows. */
  exitCode: 0 | 1;
}

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type LintFormat = (typeof FORMATS)[number];

export interface FormatOptions {
  /** Registered rules (SARIF lists them). */
  rules: readonly RuleInfo[];
  /** catair's version, for SARIF. */
  version: string;
  colors?: Colors;
}

export function formatLint(result: LintResult, format: LintFormat, options: FormatOptions): string {
  switch (format) {
    case 'text': {
      const c = options.colors ?? PLAIN;
      const body = result.files.map((f) => textFile(f, c)).filter(Boolean).join('\n');
      const records = result.files.reduce((n, f) => n + f.records, 0);
      return (body ? body + '\n' : '') + textSummary(result.summary, { files: result.files.length, records }, c);
    }
    case 'json':
      return jsonReport(result);
    case 'sarif':
      return sarifReport(result, options.rules, options.version);
    case 'junit':
      return junitReport(result);
    case 'github':
      return result.files.map(githubFile).join('');
  }
}

export { githubFile, PLAIN, textBlocks, textFile, textSummary, type Colors };
export { jsonFile, jsonHead, jsonTail } from './json.js';
export { sarifFile, sarifHead, sarifTail } from './sarif.js';
