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

/**
 * The APHIS Core programs. APL (Lacey Act) is a separate message set with its
 * own flags (seed 002: "APHIS Core and APHIS Lacey Act Message Sets are separate
 * message sets"); the five APHIS programs are listed in abi-envelope §8.3.
 */
export const APHIS_CORE_PROGRAMS: ReadonlySet<string> = new Set(['APQ', 'AVS', 'AAC', 'ABS']);
export const APHIS = 'APH';

/**
 * Each layout's fields by id, kept on the layout itself under a symbol (not
 * enumerable, so the spec reads and serialises as before): checks ask for
 * fields of records of alternating layouts, and a WeakMap lookup per field
 * was a tenth of the PGA group checks' time.
 */
const BY_ID: unique symbol = Symbol('catair.lint.fieldsById');
type Indexed = LayoutSpec & { [BY_ID]?: Map<string, FieldSpec> };

function fieldsById(layout: LayoutSpec): Map<string, FieldSpec> {
  const l = layout as Indexed;
  let map = l[BY_ID];
  if (!map) {
    map = new Map(layout.fields.map((f) => [f.id, f]));
    Object.defineProperty(l, BY_ID, { value: map, enumerable: false, writable: false, configurable: false });
  }
  return map;
}

export function fieldOf(record: DecodedRecord, id: string): FieldSpec | undefined {
  const layout = record.layout;
  return layout ? fieldsById(layout).get(id) : undefined;
}

/** The field's text, right-trimmed; '' when blank or when the layout has no such field. */
export function val(record: DecodedRecord, id: string): string {
  const f = fieldOf(record, id);
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
export function typed(record: DecodedRecord, id: string): string | number | undefined {
  if (record.fields) return record.fields[id];
  const layout = record.layout;
  if (!layout || layout.opaque) return undefined;
  const f = fieldOf(record, id);
  if (!f) return undefined;
  if (f.codec.kind.type === 'date') {
    // The one field, as decodeFields decodes a date (blank: no value), not the whole record.
    const t = record.text;
    const s = f.end <= t.length ? t.slice(f.start - 1, f.end) : t.padEnd(f.end, ' ').slice(f.start - 1, f.end);
    let i = 0;
    while (i < s.length && s.charCodeAt(i) === 32) i++;
    return i === s.length ? undefined : f.codec.decode(s, { canonical: true });
  }
  return decodeFields(layout, record.text).fields[id];
}

export function recordId(record: DecodedRecord): string | undefined {
  return record.layout?.record;
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
    agency: val(pg01, 'agencyCode'),
    program: val(pg01, 'programCode'),
    disclaimer: val(pg01, 'disclaimer'),
    correction: val(pg01, 'correctionIndicator'),
  });
}

/** An APHIS Core data set: APH with a Core program, neither disclaimed nor a correction. */
export function isAphisCoreData(h: PgaLineHead): boolean {
  return h.agency === APHIS && APHIS_CORE_PROGRAMS.has(h.program) && !h.disclaimer && !h.correction;
}

/** True for response and notification blocks (AX, SX, CC, …): they echo records, the input rules do not apply. */
export function isOutput(ctx: LintContext, path: readonly Group[]): boolean {
  const app = ctx.appOf(path) ?? ctx.options.app;
  return app !== undefined && ctx.spec.applications.get(app)?.direction === 'output';
}

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
 * The rows of a listed code when none of them applies to `facts` (the code is
 * out of scope); undefined when the code is unlisted or some row applies.
 */
export function outOfScope(spec: Spec, list: string, code: string, facts: ScopeFacts): CodeEntry[] | undefined {
  // The answer depends on the spec, the list, the code and the facts only; lines repeat them.
  let memo = outOfScopeMemo.get(spec);
  if (!memo) outOfScopeMemo.set(spec, (memo = new Map()));
  // Values come from record text: one holding a separator could not be told apart, so it is not memoised.
  let plain = !SEPARATOR.test(code);
  let key = list + '\u0000' + code;
  for (const k in facts) {
    const v = facts[k];
    if (v === undefined) key += '\u0000' + k + '\u0001';
    else {
      if (SEPARATOR.test(v)) plain = false;
      key += '\u0000' + k + '=' + v;
    }
  }
  if (!plain) return computeOutOfScope(spec, list, code, facts);
  if (memo.has(key)) return memo.get(key);
  const answer = computeOutOfScope(spec, list, code, facts);
  if (memo.size > 10_000) memo.clear();
  memo.set(key, answer);
  return answer;
}

const SEPARATOR = /[\u0000\u0001]/;
const outOfScopeMemo = new WeakMap<Spec, Map<string, CodeEntry[] | undefined>>();

function computeOutOfScope(spec: Spec, list: string, code: string, facts: ScopeFacts): CodeEntry[] | undefined {
  const entries = codeEntries(spec, list, code).filter((e) => !e.status.startsWith('retired'));
  if (!entries.length || entries.some((e) => inScope(e, facts))) return undefined;
  return entries;
}

/** The replacement(s) of a retired code (`retired>A|B`), or undefined when the code is live or unlisted. */
export function retiredFor(spec: Spec, list: string, code: string): string[] | undefined {
  // Depends on the spec, the list and the code only (list names hold no NUL, so the key is unambiguous).
  let memo = retiredMemo.get(spec);
  if (!memo) retiredMemo.set(spec, (memo = new Map()));
  const key = list + '\u0000' + code;
  if (memo.has(key)) {
    const known = memo.get(key);
    return known && [...known];
  }
  const answer = computeRetiredFor(spec, list, code);
  if (memo.size > 10_000) memo.clear();
  memo.set(key, answer);
  return answer && [...answer];
}

const retiredMemo = new WeakMap<Spec, Map<string, string[] | undefined>>();

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
    if (!layout || layout.opaque) return;
    const id = layout.record;
    if (id === 'PG00') {
      const indicator = val(record, 'substitutionIndicator');
      if (indicator === 'S') {
        this.openSubstitution = new Set();
        this.substitutions.set(val(record, 'substitutionNumber'), this.openSubstitution);
      } else if (indicator === 'E') this.openSubstitution = undefined;
      return;
    }
    if (this.openSubstitution && (id === 'PG19' || id === 'PG55')) {
      for (const role of entityRoles(record)) this.openSubstitution.add(role);
      return;
    }
    const depth = path[path.length - 1]?.level;
    if (depth !== 'transaction' && depth !== 'line') return;
    const entryType = val(record, 'entryType');
    if (entryType) this.entryType = entryType;
    const date = typed(record, 'dateOfImportation');
    if (typeof date === 'string' && /^\d{4}-\d\d-\d\d$/.test(date)) {
      if (depth === 'line') this.lineImportDate = date;
      else this.importDate = date;
    }
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
    this.substitutions.clear();
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
const ROLE_FIELDS: unique symbol = Symbol('catair.lint.entityRoleFields');

export function entityRoles(record: DecodedRecord): string[] {
  const out: string[] = [];
  const layout = record.layout as (LayoutSpec & { [ROLE_FIELDS]?: FieldSpec[] }) | undefined;
  if (!layout) return out;
  let fields = layout[ROLE_FIELDS];
  if (!fields) {
    fields = layout.fields.filter((f) => f.codes === 'entity-role');
    Object.defineProperty(layout, ROLE_FIELDS, { value: fields, enumerable: false });
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
