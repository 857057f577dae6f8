/**
 * Text report: changes grouped under their entry (or batch and block) and
 * line / tariff / PGA line, one line each, `~` changed, `+` added, `-`
 * removed, with the record numbers on each side. Colour is injected (the core
 * knows no terminal); a summary line ends a non-empty report.
 *
 *   entry ZQ9 60150246
 *     line 001 › tariff 0602902000 › PGA line APH 001
 *       ~ PG19 (UC) Entity Name [entityName]: SUNCOAST GREENHOUSE SUPPLY LLC → SUNCOAST GREENHOUSE LLC  A:20 B:20
 */
import type { DiffChange, DiffPath, DiffSummary, DiffValue } from './change.js';

export interface TextStyle {
  added(s: string): string;
  removed(s: string): string;
  changed(s: string): string;
  heading(s: string): string;
  dim(s: string): string;
}

const same = (s: string) => s;
export const PLAIN: TextStyle = { added: same, removed: same, changed: same, heading: same, dim: same };

const NAMES = { batch: 'batch', block: 'block', entry: 'entry', line: 'line', tariff: 'tariff', pgaLine: 'PGA line' } as const;
type GroupKey = keyof typeof NAMES;
const OUTER: GroupKey[] = ['batch', 'block', 'entry'];
const INNER: GroupKey[] = ['line', 'tariff', 'pgaLine'];
/** Fields of an added or removed record, shown after it, cut here. */
const PREVIEW = 120;

export class TextFormatter {
  private outer = '';
  private inner = '';

  constructor(private readonly write: (text: string) => void, private readonly style: TextStyle = PLAIN) {}

  change(c: DiffChange): void {
    const s = this.style;
    const parts = (Object.keys(NAMES) as GroupKey[]).filter((k) => c.path[k] !== undefined);
    // A change without a record is a whole group added or removed: it is shown under its parent.
    const subject = c.path.record === undefined ? parts.pop() : undefined;
    const outer = parts.filter((k) => OUTER.includes(k)).map((k) => describe(k, c.path)).join(' › ');
    const inner = parts.filter((k) => INNER.includes(k)).map((k) => describe(k, c.path)).join(' › ');
    if (outer !== this.outer) {
      this.outer = outer;
      this.inner = '';
      if (outer) this.write(s.heading(outer) + '\n');
    }
    if (inner !== this.inner) {
      this.inner = inner;
      if (inner) this.write(`${indent(outer ? 1 : 0)}${s.heading(inner)}\n`);
    }
    const pad = indent((outer ? 1 : 0) + (inner ? 1 : 0));
    const where = s.dim(locate(c));
    if (c.kind === 'changed') {
      const what = c.field === null ? `${recordName(c)} record text` : `${recordName(c)} ${c.element ?? c.field} ${s.dim(`[${c.field}]`)}`;
      if (c.field !== null) {
        this.write(`${pad}${s.changed('~')} ${what}: ${show(c.before)} → ${show(c.after)}  ${where}\n`);
      } else {
        this.write(`${pad}${s.changed('~')} ${what}  ${where}\n${pad}    ${s.removed(`A |${String(c.before)}|`)}\n${pad}    ${s.added(`B |${String(c.after)}|`)}\n`);
      }
      return;
    }
    const mark = c.kind === 'added' ? s.added('+') : s.removed('-');
    const name = subject ? describe(subject, c.path) : recordName(c);
    const count = c.count && c.count > 1 ? `, ${c.count} records` : '';
    const value = c.kind === 'added' ? c.after : c.before;
    this.write(`${pad}${mark} ${name}${count}  ${where}\n${pad}    ${s.dim(preview(value))}\n`);
  }

  end(summary: DiffSummary): void {
    const total = summary.added + summary.removed + summary.changed;
    if (!total) return;
    this.write(`\n${total} change${total === 1 ? '' : 's'}: ${summary.added} added, ${summary.removed} removed, ${summary.changed} changed\n`);
  }
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

function describe(key: GroupKey, path: DiffPath): string {
  return `${NAMES[key]} ${path[key]}`;
}

/** `PG19 (UC)` for the head of a unit, `PG20 of PG19 (UC)` for a member, `PG05` alone. */
function recordName(c: DiffChange): string {
  const id = c.recordId ?? '?';
  const label = c.path.record ?? id;
  const space = label.indexOf(' ');
  const unit = space === -1 ? label : `${label.slice(0, space)} (${label.slice(space + 1)})`;
  const head = space === -1 ? label : label.slice(0, space);
  return head === id ? unit : `${id} of ${unit}`;
}

function locate(c: DiffChange): string {
  const span = (n: number) => (c.count && c.count > 1 ? `${n}-${n + c.count - 1}` : String(n));
  return [c.recordA !== null ? `A:${span(c.recordA)}` : '', c.recordB !== null ? `B:${span(c.recordB)}` : ''].filter(Boolean).join(' ');
}

function show(v: DiffValue): string {
  if (v === null) return '(blank)';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return /^\s|\s$/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

function preview(v: DiffValue): string {
  const text = v !== null && typeof v === 'object'
    ? Object.entries(v).map(([k, x]) => `${k}=${typeof x === 'string' && /\s/.test(x) ? JSON.stringify(x) : x}`).join(' ')
    : show(v);
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;
}
