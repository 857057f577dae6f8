/** One-line issue text for stderr: `file:record:columns: severity code: message`. */
import type { ChalkInstance } from 'chalk';
import type { Issue } from '../issues/issue.js';

export function issueLine(file: string, i: Issue, c: ChalkInstance): string {
  const where = `${file}:${i.record}${i.columns ? `:${i.columns[0]}-${i.columns[1]}` : ''}`;
  const sev = i.severity === 'error' ? c.red('error') : i.severity === 'warning' ? c.yellow('warning') : c.blue('info');
  return `${c.bold(where)}: ${sev} ${c.dim(i.code)}: ${i.message}`;
}
