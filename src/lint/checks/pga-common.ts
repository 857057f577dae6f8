/**
 * Shared by the PGA Message Set rules (pga.ts, aphis.ts, flags.ts): field
 * values by id, code-list scopes (specs/README.md "codes.tsv"), and the few
 * transaction facts a PGA line needs from the records before it (entry type,
 * date of importation, roles inside PG00 substitution groups). Everything is
 * read by field id from the spec; no column numbers here.
 */
import { rtrim } from '../../codec/field.js';
import { decodeFields, type DecodedRecord } from '../../decode/record.js';
import type { Group } from '../../group/grouper.js';
import type { CodeEntry, FieldSpec, LayoutSpec, Spec } from '../../spec/types.js';
import type { Check, LintContext, LintRecord, RuleInfo } from '../types.js';
import { idOf, memoOf } from './layout-memo.js';

/**
 * The APHIS Core programs. APL (Lacey Act) is a separate message set with its
 * own flags (seed 002: "APHIS Core and APHIS Lacey Act Message Sets are separate
 * message sets"); the five APHIS programs are listed in abi-envelope §8.3.
 */
export const APHIS_CORE_PROGRAMS: ReadonlySet<string> = new Set(['APQ', 'AVS', 'AAC', 'ABS']);
export const APHIS = 'APH';

/** Each layout's fields by id, made once (layout-memo.ts). */
function fieldsById(layout: LayoutSpec): Map<string, FieldSpec> {
  const memo = memoOf(layout);
  return (memo.fieldsById ??= new Map(layout.fields.map((f) => [f.id, f])));
}

/**
 * A field id as the checks read it: mostly from record after record of one
 * layout (the `unit` of every PG26). The field found in the last layout asked
 * about is kept, so a repeat costs a comparison instead of the lookup by id,
 * which cost more than reading the field.
 */
export class FieldRef {
  private layout: LayoutSpec | undefined;
  private field: FieldSpec | undefined;

  constructor(readonly id: string) {}

  /** The field of this id in the record's layout, if it has one. */
  of(record: DecodedRecord): FieldSpec | undefined {
    const layout = record.layout;
    if (layout !== this.layout) {
      this.layout = layout;
      this.field = layout ? fieldsById(layout).get(this.id) : undefined;
    }
    return this.field;
  }
}

/** A FieldRef per id, as `F.agencyCode`: each check module keeps its own set. */
export function fieldRefs<const K extends string>(...ids: K[]): Record<K, FieldRef> {
  return Object.fromEntries(ids.map((id) => [id, new FieldRef(id)])) as Record<K, FieldRef>;
}

const F = fieldRefs('agencyCode', 'programCode', 'disclaimer', 'correctionIndicator', 'substitutionIndicator', 'substitutionNumber', 'entryType', 'dateOfImportation');

/** The field's text, right-trimmed; '' when blank or when the layout has no such field. */
export function val(record: DecodedRecord, ref: FieldRef): string {
  const f = ref.of(record);
  return f ? rtrim(record.text.slice(f.start - 1, f.end)) : '';
}

/** `columns` and `field` of an issue about one field. */
export function fieldAt(ctx: LintContext, record: DecodedRecord, field: string): { columns?: [number, number]; field: string } {
  const c = ctx.columnsOf(record, field);
  return c ? { columns: c, field } : { field };
}

/**
 * The field's value as its codec typed it (dates as CCYY-MM-DD), when it is a
 * real value. Lint's decoder leaves `fields` out of canonical records (run.ts),
 * so they are decoded here, for the few checks that need a typed value.
 */
export function typed(record: DecodedRecord, ref: FieldRef): string | number | undefined {
  if (record.fields) return record.fields[ref.id];
  const layout = record.layout;
  if (!layout || layout.opaque) return undefined;
  const f = ref.of(record);
  if (!f) return undefined;
  if (f.codec.kind.type === 'date') {
    // The one field, as decodeFields decodes a date (blank: no value), not the whole record.
    const t = record.text;
    const s = f.end <= t.length ? t.slice(f.start - 1, f.end) : t.padEnd(f.end, ' ').slice(f.start - 1, f.end);
    let i = 0;
    while (i < s.length && s.charCodeAt(i) === 32) i++;
    return i === s.length ? undefined : f.codec.decode(s, { canonical: true });
  }
  return decodeFields(layout, record.text).fields[ref.id];
}

/** The record's id (`PG01`), interned (layout-memo.ts). */
export function recordId(record: DecodedRecord): string | undefined {
  const layout = record.layout;
  return layout && idOf(layout);
}

/** OI and PG00-PG60: the PGA Message Set's own records (PGA p.16-59). */
export function isPgaRecord(id: string | undefined): boolean {
  if (id === undefined) return false;
  if (id === 'OI') return true;
  // /^PG\d\d$/ without the regular expression: asked for every record of every group.
  if (id.length !== 4 || id.charCodeAt(0) !== 80 || id.charCodeAt(1) !== 71) return false;
  const a = id.charCodeAt(2) - 48;
  const b = id.charCodeAt(3) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9;
}

/** What a PGA line's PG01 says about the line (PGA p.17-20). */
export interface PgaLineHead {
  pg01: DecodedRecord;
  agency: string;
  program: string;
  disclaimer: string;
  /** PGA Data Correction indicator (79); such lines follow the correction's rules, not a filing's. */
  correction: string;
}

/**
 * The last head made: the PGA, APHIS and flag checks ask for the same PG01's in turn
 * when its line closes. Heads are read-only, so sharing one is safe.
 */
let lastHead: PgaLineHead | undefined;

export function lineHead(pg01: DecodedRecord): PgaLineHead {
  if (lastHead?.pg01 === pg01) return lastHead;
  return (lastHead = {
    pg01,
    agency: val(pg01, F.agencyCode),
    program: val(pg01, F.programCode),
    disclaimer: val(pg01, F.disclaimer),
    correction: val(pg01, F.correctionIndicator),
  });
}

/**
 * The records of a group that have a layout (records with none are the
 * `unknown-record` rule's). The PGA and APHIS checks both ask for them when
 * a PGA line closes, with the same `records` (engine.ts gives every check
 * one list per group): the last answer is kept. Read-only, like heads.
 */
let lastRecords: readonly LintRecord[] | undefined;
let lastKnown: DecodedRecord[] = [];

export function knownRecords(records: readonly LintRecord[]): readonly DecodedRecord[] {
  if (records === lastRecords) return lastKnown;
  const out: DecodedRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!.record;
    if (r.layout) out.push(r);
  }
  lastRecords = records;
  return (lastKnown = out);
}

/** An APHIS Core data set: APH with a Core program, neither disclaimed nor a correction. */
export function isAphisCoreData(h: PgaLineHead): boolean {
  return h.agency === APHIS && APHIS_CORE_PROGRAMS.has(h.program) && !h.disclaimer && !h.correction;
}

/**
 * True for response and notification blocks (AX, SX, CC, …): they echo records, the input rules do not apply.
 * `blockApp`: the application of the block (LintRecord `app`), if any.
 */
export function isOutput(ctx: LintContext, blockApp: string | undefined): boolean {
  const app = blockApp ?? ctx.options.app;
  if (app === undefined) return false;
  // Asked when every collected group closes, mostly with the one string of the block's app: the last answer is kept.
  if (app === lastOutputApp && ctx.spec === lastOutputSpec) return lastOutput;
  lastOutputApp = app;
  lastOutputSpec = ctx.spec;
  return (lastOutput = ctx.spec.applications.get(app)?.direction === 'output');
}

let lastOutputApp: string | undefined;
let lastOutputSpec: Spec | undefined;
let lastOutput = false;

// ---- code lists -----------------------------------------------------------

const listIndex = new WeakMap<Spec, Map<string, Map<string, CodeEntry[]>>>();

/** Every row of `list` for `code` (a code can have several rows with different scopes). */
export function codeEntries(spec: Spec, list: string, code: string): CodeEntry[] {
  let index = listIndex.get(spec);
  if (!index) {
    index = new Map();
    for (const [name, entries] of spec.codes) {
      const byCode = new Map<string, CodeEntry[]>();
      for (const e of entries.values()) {
        const same = byCode.get(e.code);
        if (same) same.push(e);
        else byCode.set(e.code, [e]);
      }
      index.set(name, byCode);
    }
    listIndex.set(spec, index);
  }
  return index.get(list)?.get(code) ?? [];
}

/** `agency=FDA entry-type=21` → {agency: [FDA], entry-type: [21]} (specs/README.md "Scopes"). */
export function parseScope(scope: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let values: string[] | undefined;
  for (const token of scope.split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq > 0) {
      values = [];
      out.set(token.slice(0, eq), values);
      if (token.slice(eq + 1)) values.push(token.slice(eq + 1));
    } else values?.push(token);
  }
  return out;
}

/** Facts a scope is matched against; an unknown fact (undefined) cannot exclude. */
export type ScopeFacts = Partial<Record<string, string>>;

/** Each entry's scope, parsed once. */
const parsedScopes = new WeakMap<CodeEntry, Map<string, string[]>>();

export function inScope(entry: CodeEntry, facts: ScopeFacts): boolean {
  let scope = parsedScopes.get(entry);
  if (!scope) parsedScopes.set(entry, (scope = parseScope(entry.scope)));
  for (const [key, values] of scope) {
    const fact = facts[key];
    if (fact !== undefined && !values.includes(fact)) return false;
  }
  return true;
}

/**
 * Answers memoised per list and then per code: each code keeps the questions
 * it was asked (the facts' names and values, in order) with their answers.
 * Lines repeat the same few questions; a code is looked up once, and the
 * facts compared with the few asked before, where a map per fact (the earlier
 * memo) looked up every name and value. Started afresh past `MEMO_LIMIT`
 * answers (codes come from the input, which may hold any number of them) or
 * for another spec.
 */
interface Asked<T> {
  names: string[];
  values: (string | undefined)[];
  answer: T | undefined;
}

const MEMO_LIMIT = 10_000;
/** Questions kept per code: a line asks about its code with one set of facts, a file with a few. */
const MAX_QUESTIONS = 16;

class AnswerMemo<T> {
  private spec: Spec | undefined;
  private lists = new Map<string, Map<string, Asked<T>[]>>();
  private size = 0;

  /** The questions asked so far about `code` of `list` (a list to add to). */
  asked(spec: Spec, list: string, code: string): Asked<T>[] {
    if (spec !== this.spec || this.size > MEMO_LIMIT) {
      this.spec = spec;
      this.lists = new Map();
      this.size = 0;
    }
    let codes = this.lists.get(list);
    if (!codes) this.lists.set(list, (codes = new Map()));
    let asked = codes.get(code);
    if (!asked) codes.set(code, (asked = []));
    return asked;
  }

  add(asked: Asked<T>[], entry: Asked<T>): void {
    asked.push(entry);
    this.size++;
  }
}

/**
 * The rows of a listed code when none of them applies to `facts` (the code is
 * out of scope); undefined when the code is unlisted or some row applies.
 */
export function outOfScope(spec: Spec, list: string, code: string, facts: ScopeFacts): CodeEntry[] | undefined {
  // The answer depends on the spec, the list, the code and the facts only.
  const asked = outOfScopeMemo.asked(spec, list, code);
  for (const q of asked) if (sameFacts(q, facts)) return q.answer;
  // Past a few questions about one code (input may hold any number of fact values), answered without the memo.
  if (asked.length >= MAX_QUESTIONS) return computeOutOfScope(spec, list, code, facts);
  const names: string[] = [];
  const values: (string | undefined)[] = [];
  for (const k in facts) {
    names.push(k);
    values.push(facts[k]);
  }
  const answer = computeOutOfScope(spec, list, code, facts);
  outOfScopeMemo.add(asked, { names, values, answer });
  return answer;
}

/** Whether `facts` has the names and values of question `q`, in its order (an unknown fact is undefined, unlike any value). */
function sameFacts(q: Asked<unknown>, facts: ScopeFacts): boolean {
  let i = 0;
  for (const k in facts) {
    if (i >= q.names.length || q.names[i] !== k || q.values[i] !== facts[k]) return false;
    i++;
  }
  return i === q.names.length;
}

const outOfScopeMemo = new AnswerMemo<CodeEntry[]>();

function computeOutOfScope(spec: Spec, list: string, code: string, facts: ScopeFacts): CodeEntry[] | undefined {
  const entries = codeEntries(spec, list, code).filter((e) => !e.status.startsWith('retired'));
  if (!entries.length || entries.some((e) => inScope(e, facts))) return undefined;
  return entries;
}

/** The replacement(s) of a retired code (`retired>A|B`), or undefined when the code is live or unlisted. */
export function retiredFor(spec: Spec, list: string, code: string): string[] | undefined {
  // Depends on the spec, the list and the code only: one question per code.
  const asked = retiredMemo.asked(spec, list, code);
  let q = asked[0];
  if (!q) retiredMemo.add(asked, (q = { names: [], values: [], answer: computeRetiredFor(spec, list, code) }));
  return q.answer && [...q.answer];
}

const retiredMemo = new AnswerMemo<string[]>();

function computeRetiredFor(spec: Spec, list: string, code: string): string[] | undefined {
  const entries = codeEntries(spec, list, code);
  if (!entries.length || entries.some((e) => !e.status.startsWith('retired'))) return undefined;
  const next = entries[0]!.status.split('>')[1];
  return next ? next.split('|').map((s) => s.trim()).filter(Boolean) : [];
}

/** "agency=FWS" → "agency FWS"; for messages. */
export function describeScopes(entries: CodeEntry[]): string {
  return entries.map((e) => [...parseScope(e.scope)].map(([k, v]) => `${k} ${v.join('/')}`).join(', ')).join('; ');
}

// ---- transaction facts ----------------------------------------------------

/**
 * What a PGA line needs from records outside it, gathered as records stream by
 * and reset per transaction: the entry type (AE 10, SE10), the date of
 * importation (AE 11 and 40), and the entity roles inside each PG00
 * substitution group, so a `PG00 R` in a PGA line stands for them (PGA p.59).
 */
export class TransactionFacts {
  entryType: string | undefined;
  private importDate: string | undefined;
  private lineImportDate: string | undefined;
  private readonly substitutions = new Map<string, Set<string>>();
  private openSubstitution: Set<string> | undefined;
  /**
   * Record number of the last PG00, or PGA record at header or line level,
   * seen so far (never reset: numbers only grow). The substitution check
   * walks a whole transaction for these few records; when none came since
   * the group opened it has nothing to report (`substitutionsSince`).
   */
  private lastSubstitutionRecord = 0;

  open(group: Group): void {
    if (group.level === 'transaction') this.reset();
    else if (group.level === 'line') this.lineImportDate = undefined;
  }

  /** Call when a transaction closes, so records after it (a fragment) inherit nothing. */
  close(group: Group): void {
    if (group.level === 'transaction') this.reset();
  }

  record({ record, path }: LintRecord): void {
    const layout = record.layout;
    if (!layout) return;
    const id = idOf(layout);
    const depth = path[path.length - 1]?.level;
    if (id === 'PG00' || ((depth === 'transaction' || depth === 'line') && isPgaRecord(id))) this.lastSubstitutionRecord = record.n;
    if (layout.opaque) return;
    if (id === 'PG00') {
      const indicator = val(record, F.substitutionIndicator);
      if (indicator === 'S') {
        this.openSubstitution = new Set();
        this.substitutions.set(val(record, F.substitutionNumber), this.openSubstitution);
      } else if (indicator === 'E') this.openSubstitution = undefined;
      return;
    }
    if (this.openSubstitution && (id === 'PG19' || id === 'PG55')) {
      for (const role of entityRoles(record)) this.openSubstitution.add(role);
      return;
    }
    if (depth !== 'transaction' && depth !== 'line') return;
    const entryType = val(record, F.entryType);
    if (entryType) this.entryType = entryType;
    const date = typed(record, F.dateOfImportation);
    if (typeof date === 'string' && /^\d{4}-\d\d-\d\d$/.test(date)) {
      if (depth === 'line') this.lineImportDate = date;
      else this.importDate = date;
    }
  }

  /** Whether a PG00, or a PGA record at header or line level, came in `group` (fed with its records already). */
  substitutionsSince(group: Group): boolean {
    return this.lastSubstitutionRecord >= group.firstRecord;
  }

  /** Entity roles of substitution group `n` (empty when it is not defined). */
  substitutedRoles(n: string): ReadonlySet<string> {
    return this.substitutions.get(n) ?? new Set();
  }

  /** Date of importation of the current line, else of the entry (AE 40, 11). */
  get arrivalFallback(): string | undefined {
    return this.lineImportDate ?? this.importDate;
  }

  private reset(): void {
    this.entryType = undefined;
    this.importDate = undefined;
    this.lineImportDate = undefined;
    // Most transactions define no substitution group, and clear() allocates a new table even for an empty map.
    if (this.substitutions.size) this.substitutions.clear();
    this.openSubstitution = undefined;
  }
}

/**
 * One TransactionFacts for several checks, fed once: `feed` goes before them
 * (opens and records), `closer` after them (a transaction's facts are reset
 * once every check has seen its groups close).
 */
/**
 * A check over transaction facts: with `shared` facts (fed once by `sharedFacts`
 * for the PGA, APHIS and flags checks) it only reads them; alone it feeds its own.
 */
export function factsCheck(
  rules: RuleInfo[],
  shared: TransactionFacts | undefined,
  onGroup: (group: Group, records: LintRecord[], ctx: LintContext, facts: TransactionFacts) => void,
): Check[] {
  const facts = shared ?? new TransactionFacts();
  return [{
    rules,
    ...(shared ? {} : { open: (group: Group) => facts.open(group), record: (lr: LintRecord) => facts.record(lr) }),
    group(group, records, ctx) {
      onGroup(group, records, ctx, facts);
      if (!shared) facts.close(group);
    },
  }];
}

export function sharedFacts(): { facts: TransactionFacts; feed: Check; closer: Check } {
  const facts = new TransactionFacts();
  return {
    facts,
    feed: { rules: [], open: (group) => facts.open(group), record: (lr) => facts.record(lr) },
    closer: { rules: [], group: (group) => facts.close(group) },
  };
}

/** Entity role codes a PG19 (5-7) or PG55 (up to ten) carries: its `entity-role` fields. */
export function entityRoles(record: DecodedRecord): string[] {
  const out: string[] = [];
  const layout = record.layout;
  if (!layout) return out;
  const memo = memoOf(layout);
  const fields = (memo.roleFields ??= layout.fields.filter((f) => f.codes === 'entity-role'));
  if (fields.length === 1) {
    // A PG19's one role as a one-element literal: a list pushed to from empty takes room for
    // sixteen, and PG19s are among the commonest records (an allocation profile showed it).
    const f = fields[0]!;
    const v = rtrim(record.text.slice(f.start - 1, f.end));
    return v ? [v] : [];
  }
  for (const f of fields) {
    const v = rtrim(record.text.slice(f.start - 1, f.end));
    if (v) out.push(v);
  }
  return out;
}

/** True when the group's records are not inside another collected group (transaction for a full file, tariff or PGA line for a fragment). */
export function isOutermost(group: Group, records: LintRecord[]): boolean {
  const path = records[0]?.path ?? [];
  for (const g of path) {
    if (g === group) return true;
    if (g.level === 'transaction' || g.level === 'line' || g.level === 'tariff' || g.level === 'pgaLine') return false;
  }
  return true;
}
