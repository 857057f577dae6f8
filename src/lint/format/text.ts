/**
 * Text report for a terminal: each issue as `file:record:columns: severity
 * code: message`, then the record under a column ruler with `^^^` beneath the
 * bad columns (STYLE §7); a summary line at the end. Colour comes from the
 * caller (a chalk instance fits `Colors`), so this module does no I/O.
 */
import { issueTotal, type LintSummary } from '../policy.js';
import type { LintFileResult, LintIssue } from '../run.js';

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const id = (s: string) => s;
export const PLAIN: Colors = { red: id, yellow: id, blue: id, green: id, bold: id, dim: id };

const GUTTER = 7;
/** The gutter before a ruler or marker line's `|`. */
const PAD = ' '.repeat(GUTTER - 1);

function severity(i: LintIssue, c: Colors): string {
  return i.severity === 'error' ? c.red('error') : i.severity === 'warning' ? c.yellow('warning') : c.blue('info');
}

/** Each character is one column: anything not displayable shows as `·`. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '·');
}

/**
 * The two ruler lines (tens, units) for `width` columns, gutter included.
 * The last width's pair is kept: most issues are on records of the usual
 * width, and building the lines per issue showed in lint's allocation profile.
 * Only the last one, as widths come from the input.
 */
let lastRuler: { width: number; lines: [string, string] } | undefined;

function ruler(width: number): [string, string] {
  if (lastRuler?.width === width) return lastRuler.lines;
  let tens = '', units = '';
  for (let col = 1; col <= width; col++) {
    tens += col % 10 === 0 ? String((col / 10) % 10) : ' ';
    units += String(col % 10);
  }
  const lines: [string, string] = [`${PAD}|${tens.trimEnd()}`, `${PAD}|${units}`];
  lastRuler = { width, lines };
  return lines;
}

export function issueHeadline(file: string, i: LintIssue, c: Colors): string {
  const where = `${file}:${i.record}${i.columns ? `:${i.columns[0]}-${i.columns[1]}` : ''}`;
  return `${c.bold(where)}: ${severity(i, c)} ${c.dim(i.code)}: ${i.message}`;
}

function issueBlock(file: string, i: LintIssue, c: Colors): string {
  const lines = [issueHeadline(file, i, c)];
  if (i.text !== undefined && i.record > 0) {
    const width = Math.max(80, i.text.length, i.columns?.[1] ?? 0);
    const [tens, units] = ruler(width);
    lines.push(c.dim(tens), c.dim(units));
    lines.push(`${c.dim(String(i.record).padStart(GUTTER - 2) + ' |')}${printable(i.text)}`);
    if (i.columns) {
      const [start, end] = i.columns;
      const mark = ' '.repeat(start - 1) + '^'.repeat(Math.max(1, end - start + 1));
      lines.push(`${c.dim(`${PAD}|`)}${i.severity === 'error' ? c.red(mark) : i.severity === 'warning' ? c.yellow(mark) : c.blue(mark)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The issues of one file (empty when it has none). */
export function textFile(result: LintFileResult, c: Colors = PLAIN): string {
  return [...textBlocks(result, c)].join('\n');
}

/** `textFile` issue by issue (joined by a blank line), for a writer that streams a long report. */
export function* textBlocks(result: LintFileResult, c: Colors = PLAIN): Generator<string> {
  for (const i of result.issues) yield issueBlock(result.file, i, c);
  if (result.omitted) yield `${c.bold(result.file)}: ${omittedText(result)}\n`;
}

/** What a file's report leaves out: `12345 more issues not listed (…)`. */
export function omittedText(result: LintFileResult): string {
  const o = result.omitted!;
  const n = issueTotal(o);
  return `${n} more issue${n === 1 ? '' : 's'} not listed (${plural(o.errors, 'error')}, ${plural(o.warnings, 'warning')}, ${plural(o.infos, 'info')}); ` +
    `the first ${result.issues.length} by record are (--max-issues sets how many)`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The summary line, for `files` files of `records` records in all; `unread`:
 * files named but not read (missing, a folder, unreadable), each already
 * reported on its own line.
 */
export function textSummary(summary: LintSummary, { files, records, unread = 0 }: { files: number; records: number; unread?: number }, c: Colors = PLAIN): string {
  const scope = `${plural(files, 'file')}, ${plural(records, 'record')}${unread ? `; ${plural(unread, 'file')} not read` : ''}`;
  if (!issueTotal(summary)) return unread ? `${c.bold('no problems in the files read')} (${scope})\n` : `${c.green('no problems')} (${scope})\n`;
  const parts = [
    summary.errors ? c.red(plural(summary.errors, 'error')) : plural(0, 'error'),
    summary.warnings ? c.yellow(plural(summary.warnings, 'warning')) : plural(0, 'warning'),
    plural(summary.infos, 'info'),
  ];
  return `${c.bold(parts.join(', '))} (${scope})\n`;
}
