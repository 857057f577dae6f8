/**
 * Runs checks over a decoded stream. Records are collected only inside
 * transactions (and deeper), so memory is bounded by the largest transaction.
 */
import { applicationIdText } from '../decode/context.js';
import type { DecodedRecord } from '../decode/record.js';
import type { Group } from '../group/grouper.js';
import type { Issue } from '../issues/issue.js';
import type { Spec } from '../spec/types.js';
import type { Check, LintCheckOptions, LintContext, LintRecord, RuleInfo } from './types.js';

const COLLECTED = new Set(['transaction', 'line', 'tariff', 'pgaLine']);

/**
 * Where `group`'s records end in a collected list: the index of its last record
 * when `records[i]` is one of its records and that last one is where the
 * numbering puts it (a group is a run of records numbered in order); else `i`.
 * A check that needs only a nested group's first record steps over the rest.
 */
export function lastIndexOf(group: Group, records: readonly LintRecord[], i: number): number {
  const last = group.lastRecord;
  if (last === undefined) return i;
  const to = i + (last - records[i]!.record.n);
  return to > i && records[to]?.record.n === last ? to : i;
}

export class LintEngine {
  private readonly rules = new Map<string, RuleInfo>();
  /**
   * The records of the outermost open collected group. Groups nest, so each
   * open collected group's records are the end of this list from where it
   * opened: one push per record, and a copy per inner group when it closes.
   */
  private records: LintRecord[] = [];
  /** Open collected groups, outermost first, with where their records start in `records`. */
  private readonly collecting: { group: Group; from: number }[] = [];
  private readonly apps = new WeakMap<Group, string>();
  /**
   * A copy of the grouper's path (which changes in place), shared by every
   * record until a group opens or closes: checks and the collected records keep it.
   */
  private path: readonly Group[] | undefined;
  /** The application id in force on `path`. */
  private pathApp: string | undefined;
  readonly ctx: LintContext;
  /** Each hook of the checks that have it (a record is not offered to checks without one); record and group hooks called in turn by one function each. */
  private readonly onRecord: Hook<LintRecord, LintContext, undefined>;
  private readonly onOpen: Check[];
  private readonly onGroup: Hook<Group, LintRecord[], LintContext>;
  private readonly onClose: Check[];

  constructor(
    spec: Spec,
    private readonly checks: Check[],
    options: LintCheckOptions,
    /** Receives each issue with the record it is about (formatters show its text). */
    private readonly sink: (issue: Issue, record: DecodedRecord | undefined) => void,
  ) {
    for (const c of checks) for (const r of c.rules) this.rules.set(r.code, r);
    this.onRecord = inTurn(checks.filter((c) => c.record).map((c) => c.record!.bind(c) as Hook<LintRecord, LintContext, undefined>));
    this.onOpen = checks.filter((c) => c.open);
    this.onGroup = inTurn(checks.filter((c) => c.group).map((c) => c.group!.bind(c)));
    this.onClose = checks.filter((c) => c.close);
    const rules = this.rules;
    this.ctx = {
      spec,
      options,
      report(code, record, opts) {
        const rule = rules.get(code);
        if (!rule) throw new Error(`lint: rule ${code} is not registered`);
        sink({
          code, severity: rule.severity, record: record?.n ?? 0, recordId: record?.layout?.record ?? (record ? null : undefined),
          ...(opts.columns ? { columns: opts.columns } : {}), ...(opts.field ? { field: opts.field } : {}), message: opts.message,
        }, record);
      },
      columnsOf(record, fieldId) {
        const f = record.layout?.fields.find((x) => x.id === fieldId);
        return f ? [f.start, f.end] : undefined;
      },
      appOf: (path) => {
        for (let i = path.length - 1; i >= 0; i--) {
          const g = path[i]!;
          // Only batches and blocks name an application (`open`): no lookup for the groups inside them.
          if (g.level !== 'batch' && g.level !== 'block') continue;
          const a = this.apps.get(g);
          if (a) return a;
        }
        return undefined;
      },
    };
  }

  get ruleList(): RuleInfo[] {
    return [...this.rules.values()];
  }

  open(group: Group, path: readonly Group[], first: DecodedRecord): void {
    if (group.level === 'batch' || group.level === 'block') {
      const app = first.layout ? applicationIdText(first.layout, first.text).trim() : '';
      if (app) this.apps.set(group, app);
    }
    this.path = undefined;
    if (COLLECTED.has(group.level)) this.collecting.push({ group, from: this.records.length });
    for (const c of this.onOpen) c.open!(group, path, first, this.ctx);
  }

  record(record: DecodedRecord, path: readonly Group[]): void {
    if (!this.path) {
      this.path = [...path];
      this.pathApp = this.ctx.appOf(this.path);
    }
    const lr: LintRecord = { record, path: this.path, app: this.pathApp };
    if (this.collecting.length) this.records.push(lr);
    this.onRecord(lr, this.ctx, undefined);
  }

  close(group: Group): void {
    this.path = undefined;
    if (COLLECTED.has(group.level)) {
      const open = this.collecting.pop();
      if (!open) return;
      // The outermost group hands over the list itself; an inner one, a copy of its part.
      const records = this.collecting.length ? this.records.slice(open.from) : this.records;
      if (!this.collecting.length) this.records = [];
      if (open.group === group) this.onGroup(group, records, this.ctx);
    } else for (const c of this.onClose) c.close!(group, this.ctx);
  }

  end(): void {
    for (const c of this.checks) c.end?.(this.ctx);
  }
}

/** A check's hook, as the engine calls it (at most three arguments). */
type Hook<P, Q, R> = (p: P, q: Q, r: R) => void;

/**
 * One function that calls `hooks` in turn, each from a call site of its own.
 * Called from one loop, the hooks of a record (or of a closing group) shared
 * one call site that saw every hook, which V8 cannot inline; a site that sees
 * one hook it can (bench/README.md, "Sixth round").
 */
export function inTurn<P, Q, R = undefined>(hooks: Hook<P, Q, R>[]): Hook<P, Q, R> {
  const [a, b, c, d, e, f, g, h] = hooks;
  switch (hooks.length) {
    case 0: return () => {};
    case 1: return a!;
    case 2: return (p, q, r) => { a!(p, q, r); b!(p, q, r); };
    case 3: return (p, q, r) => { a!(p, q, r); b!(p, q, r); c!(p, q, r); };
    case 4: return (p, q, r) => { a!(p, q, r); b!(p, q, r); c!(p, q, r); d!(p, q, r); };
    case 5: return (p, q, r) => { a!(p, q, r); b!(p, q, r); c!(p, q, r); d!(p, q, r); e!(p, q, r); };
    case 6: return (p, q, r) => { a!(p, q, r); b!(p, q, r); c!(p, q, r); d!(p, q, r); e!(p, q, r); f!(p, q, r); };
    case 7: return (p, q, r) => { a!(p, q, r); b!(p, q, r); c!(p, q, r); d!(p, q, r); e!(p, q, r); f!(p, q, r); g!(p, q, r); };
    case 8: return (p, q, r) => { a!(p, q, r); b!(p, q, r); c!(p, q, r); d!(p, q, r); e!(p, q, r); f!(p, q, r); g!(p, q, r); h!(p, q, r); };
    default: return (p, q, r) => { for (const k of hooks) k(p, q, r); };
  }
}
