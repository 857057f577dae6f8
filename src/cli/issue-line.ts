/** One-line issue text for stderr: `file:record:columns: severity code: message`, and how many are printed. */
import type { ChalkInstance } from 'chalk';
import type { Issue } from '../issues/issue.js';
import { CliError } from './io.js';

export function issueLine(file: string, i: Issue, c: ChalkInstance): string {
  const where = `${file}:${i.record}${i.columns ? `:${i.columns[0]}-${i.columns[1]}` : ''}`;
  const sev = i.severity === 'error' ? c.red('error') : i.severity === 'warning' ? c.yellow('warning') : c.blue('info');
  return `${c.bold(where)}: ${sev} ${c.dim(i.code)}: ${i.message}`;
}

/**
 * Issue lines printed per input unless `--max-issues` says: a file of garbage
 * has one or more per record (30 million empty lines gave 5.9 GB of them);
 * the rest are counted on one last line. Lint's report keeps as many.
 */
export const MAX_ISSUE_LINES = 10_000;

/** `--max-issues N|all` (Infinity for all); undefined when not given. */
export function parseMaxIssues(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return Infinity;
  if (!/^\d+$/.test(value)) throw new CliError(`--max-issues must be a whole number of zero or more, or all, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** The line after the printed issues: `file: 123 more issues not shown (the first 10000 are)`. */
export function unshownLine(file: string, unshown: number, shown: number): string {
  return `${file}: ${unshown} more issue${unshown === 1 ? '' : 's'} not shown (the first ${shown} are; --max-issues sets how many)`;
}
