/**
 * Record-level rules: each record on its own, against its layout in the spec.
 * Every condition is reported once: the decoder's `field-not-canonical` (a
 * round-trip notion) is not used by lint; the specific rule below reports the
 * cause instead (filler, class, date, time).
 */
import { isBlank, rtrim } from '../../codec/field.js';
import { decodeHHMM, decodeHHMMSS, decodeMMCCYY, decodeMMDDCCYY, decodeMMDDYY, validMMCCYY, validMMDDCCYY, validMMDDYY } from '../../codec/date.js';
import type { DecodedRecord } from '../../decode/record.js';
import type { Group } from '../../group/grouper.js';
import { DECODE_CODES } from '../../issues/codes.js';
import type { FieldSpec, LayoutSpec, Spec } from '../../spec/types.js';
import type { Check, LintContext, RuleInfo } from '../types.js';
import { memoOf } from './layout-memo.js';

/**
 * Code lists that a dedicated rule checks (with its own code and CBP code), so
 * the generic code-list check leaves them alone: one problem, one report.
 */
export const LISTS_WITH_OWN_RULES: ReadonlyMap<string, string> = new Map([
  ['application-id', 'app-id-unknown'],
  ['preparer-indicator', 'preparer-indicator-unknown'],
]);

const BB7 = 'B&B-7 Record Layout Key; PGA p.14';

export const RECORD_RULES: RuleInfo[] = [
  { code: 'record-length', ...DECODE_CODES['record-length'], source: 'B&B-33 (X42); B&B-7: every record is 80 characters' },
  { code: 'unknown-record', ...DECODE_CODES['unknown-record'], source: 'B&B-33 (X34)' },
  { code: 'application-not-covered', severity: 'info', title: 'records of an application this spec edition has no layouts for are not checked', source: 'specs/README.md (records.tsv contexts)' },
  { code: 'non-displayable', severity: 'error', cbp: 'X40', title: 'character that is not displayable ASCII', source: 'B&B-8; ESF-20; B&B-33 (X40)' },
  { code: 'lowercase', severity: 'warning', cbp: 'X40', title: 'lower-case letters', source: 'B&B-8 (upper case only; CBP converts transaction data); ACE Requirements REQ-4' },
  { code: 'filler-not-blank', severity: 'error', cbp: 'X39', title: 'data in a filler', source: 'B&B-8; B&B-33 (X39)' },
  { code: 'field-class', severity: 'error', title: 'field content does not fit its data class', source: BB7 },
  { code: 'mandatory-field', severity: 'error', title: 'mandatory field is blank', source: 'B&B-7 (designation M)' },
  { code: 'invalid-date', severity: 'error', title: 'not a real calendar date', source: 'B&B-7 (class D, MMDDYY); PGA p.14 (MMDDCCYY)' },
  { code: 'invalid-time', severity: 'error', title: 'not a time 0001-2400', source: 'PGA p.48 (HHMM, 0001-2400)' },
  { code: 'numeric-space-padded', severity: 'warning', title: 'numeric field right-justified with spaces instead of zeros', source: 'PGA p.14 (class N is zero-filled); pga-rules §2.6 (filing software pads PG28 can dimensions with spaces; tolerated)' },
  { code: 'numeric-zero-filled', severity: 'warning', title: 'unused numeric field is zero-filled instead of blank', source: 'PGA p.14; SE-21; ACE Requirements REQ-4' },
  { code: 'code-unknown', severity: 'error', title: 'code not in its code list', source: 'specs/ace-2026-07/codes.tsv (each list names its source)' },
  { code: 'code-unlisted', severity: 'warning', title: 'code not in a code list known to be partial', source: 'specs/ace-2026-07/codes.tsv (lists marked partial)' },
];

/** Printable ASCII; anything else is CBP's "non-standard data" (X40). */
const DISPLAYABLE = /^[\x20-\x7e]*$/;

/** Patterns per class, applied to upper-cased text (lower case has its own rule). B&B-7. */
const CLASS_PATTERN: Record<string, RegExp> = {
  A: /^[A-Z ]*$/,
  AN: /^[A-Z0-9 ]*$/,
  N: /^\d+$/,
  '(S)N': /^ *\d+$/,
  X: /^[\x20-\x7e]*$/,
};

const CLASS_NAME: Record<string, string> = {
  A: 'class A (letters and spaces)',
  AN: 'class AN (letters, digits and spaces)',
  N: 'class N (digits only, right-justified and zero-filled)',
  '(S)N': 'class (S)N (digits, optionally after leading spaces)',
  X: 'class X (displayable characters)',
};

/** Lower case in numeric and date fields is a class problem (field-class, invalid-date), not this one. */
const TEXT_CLASSES = new Set(['A', 'AN', 'X']);

const DATE_FORMATS: Record<string, (s: string) => string | undefined> = {
  MMDDCCYY: decodeMMDDCCYY,
  MMDDYY: decodeMMDDYY,
  MMCCYY: decodeMMCCYY,
};

/** The field's text, space-padded when the record is short. */
export function fieldText(record: DecodedRecord, f: FieldSpec): string {
  return record.text.slice(f.start - 1, f.end).padEnd(f.width, ' ');
}

const span = (f: FieldSpec): [number, number] => [f.start, f.end];
const show = (s: string) => JSON.stringify(rtrim(s));

function dateFormat(f: FieldSpec): string | undefined {
  if (DATE_FORMATS[f.format]) return f.format;
  return f.class === 'D' && f.format === '' ? 'MMDDYY' : undefined;
}

/** Displayable ASCII but for a-z (one regular expression beats a charCode loop here). */
const CLEAN = /^[\x20-\x60\x7b-\x7e]*$/;
/**
 * One character of CLEAN, written as the complement of what it excludes: the
 * same set, but V8 matches it a third faster in the long per-layout patterns.
 */
const CLEAN_CHAR = '[^\\x00-\\x1f\\x61-\\x7a\\x7f-\\uffff]';

/** True when `t[s, e)` is all spaces. */
function blankAt(t: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (t.charCodeAt(i) !== 32) return false;
  return true;
}

/** `rtrim(t.slice(s, e))`, with one slice. */
function trimmedAt(t: string, s: number, e: number): string {
  while (e > s && t.charCodeAt(e - 1) === 32) e--;
  return t.slice(s, e);
}

/** `/^ *0+$/` on `t[s, e)`. */
function zeroAt(t: string, s: number, e: number): boolean {
  let i = s;
  while (i < e && t.charCodeAt(i) === 32) i++;
  if (i === e) return false;
  for (; i < e; i++) if (t.charCodeAt(i) !== 48) return false;
  return true;
}

const enum ClassCheck { None, A, AN, N, SN }

/** `CLASS_PATTERN` on `t[s, e)` of a clean record (displayable, upper case: X always fits). */
function classFits(t: string, s: number, e: number, cls: ClassCheck): boolean {
  switch (cls) {
    case ClassCheck.None:
      return true;
    case ClassCheck.A:
      for (let i = s; i < e; i++) {
        const c = t.charCodeAt(i);
        if (c !== 32 && (c < 65 || c > 90)) return false;
      }
      return true;
    case ClassCheck.AN:
      for (let i = s; i < e; i++) {
        const c = t.charCodeAt(i);
        if (c !== 32 && (c < 65 || c > 90) && (c < 48 || c > 57)) return false;
      }
      return true;
    case ClassCheck.N:
    case ClassCheck.SN: {
      let i = s;
      if (cls === ClassCheck.SN) while (i < e && t.charCodeAt(i) === 32) i++;
      if (i === e) return false;
      for (; i < e; i++) {
        const c = t.charCodeAt(i);
        if (c < 48 || c > 57) return false;
      }
      return true;
    }
  }
}

const CLASS_CHECK: Record<string, ClassCheck> = { A: ClassCheck.A, AN: ClassCheck.AN, N: ClassCheck.N, '(S)N': ClassCheck.SN };

/** Positional date validity, the same as `DATE_FORMATS[format](text)` returning a value for a field of `width`. */
const DATE_VALID: Record<string, { width: number; valid: (t: string, s: number) => boolean }> = {
  MMDDCCYY: { width: 8, valid: validMMDDCCYY },
  MMDDYY: { width: 6, valid: validMMDDYY },
  MMCCYY: { width: 6, valid: validMMCCYY },
};

/** What the clean-record path checks of one field, worked out once per layout. */
interface FieldPlan {
  f: FieldSpec;
  /** 0-based start and exclusive end. */
  s: number;
  e: number;
  cls: ClassCheck;
  /** The date format, when the field is a date. */
  date: string | undefined;
  /** The date is valid at `s` (false when the field's width does not fit the format). */
  dateValid: (t: string, s: number) => boolean;
  time: boolean;
  /** `numeric-zero-filled` applies to a zero-filled value of this field. */
  zeroFill: boolean;
  /** The field's own values, copied so this loop reads one shape of object. */
  hasConstant: boolean;
  /** The constant, when it is as wide as the field ('' otherwise: never matches). */
  constant: string;
  mandatory: boolean;
  appId: boolean;
}

export interface LayoutPlan {
  /** False when some field is not as wide as its columns, or overlaps another, or ends past the record width: such layouts take the general path. */
  ok: boolean;
  fillers: FieldPlan[];
  content: FieldPlan[];
  /**
   * Matches a clean record on which no field of `content` but those of `post`
   * (dates and times, which a pattern cannot judge) has anything to report:
   * most records, passed with one regular expression test.
   */
  fine: RegExp | undefined;
  /** The source of `fine`, compiled on first use: most files never need it (V8 takes some 0.1 ms per layout to compile one). */
  fineSource: string;
  post: FieldPlan[];
  /**
   * `fine` for the whole record, which it also finds clean and its fillers
   * blank: a record it matches has nothing to report from the record shape,
   * and nothing from the field content but what `post` finds. Undefined when
   * the layout cannot have one (not `ok`, or a constant that is not clean).
   * Every piece is as wide as its columns and the last reaches the spec's
   * width, so it matches records of that width only (`ofPieces`).
   */
  whole: RegExp | undefined;
  /** The fields checked against a generic code list, with their lists. */
  coded: CodedField[];
}

const never = () => false;

/** The layout's plan, made once (layout-memo.ts). */
function planOf(layout: LayoutSpec, spec: Spec): LayoutPlan {
  const memo = memoOf(layout);
  return (memo.plan ??= makePlan(layout, spec));
}

function makePlan(layout: LayoutSpec, spec: Spec): LayoutPlan {
  const width = spec.recordWidth;
  const plan: LayoutPlan = { ok: true, fillers: [], content: [], fine: undefined, fineSource: '', post: [], whole: undefined, coded: codedFields(layout, spec) };
  let fine = '^';
  const whole: Piece[] = [];
  let wholeOk = true;
  let at = 0;
  for (const f of layout.fields) {
    if (f.start - 1 < at) plan.ok = false; // overlapping fields: the spec checker reports them
    else if (f.start - 1 > at) {
      fine += spelled('[^]', f.start - 1 - at);
      whole.push(run(CLEAN_CHAR, f.start - 1 - at));
    }
    at = Math.max(at, f.end);
    if (f.end - f.start + 1 !== f.width || f.end > width) plan.ok = false;
    const date = dateFormat(f);
    const dv = date ? DATE_VALID[date] : undefined;
    const p: FieldPlan = {
      f, s: f.start - 1, e: f.end,
      cls: CLASS_CHECK[f.class] ?? ClassCheck.None,
      date,
      dateValid: dv && dv.width === f.width ? dv.valid : never,
      time: f.format === 'HHMM' || f.format === 'HHMMSS',
      zeroFill: f.class === 'N' && f.designation !== 'M' && !f.codes && layout.level !== 'batch' && layout.level !== 'block',
      hasConstant: f.constant !== undefined,
      constant: f.constant !== undefined && f.constant.length === f.width ? f.constant : '',
      mandatory: f.designation === 'M',
      appId: f.codes === 'application-id',
    };
    if (f.class === 'S') {
      plan.fillers.push(p);
      fine += spelled('[^]', f.width);
      whole.push(run(' ', f.width));
    } else {
      plan.content.push(p);
      if (p.date || p.time) plan.post.push(p);
      fine += finePattern(p, '[^]').pattern;
      whole.push(finePattern(p, CLEAN_CHAR));
      if (p.hasConstant && !CLEAN.test(p.constant)) wholeOk = false;
    }
  }
  plan.fineSource = fine;
  if (at < width) whole.push(run(CLEAN_CHAR, width - at));
  if (plan.ok && wholeOk) plan.whole = new RegExp(ofPieces(whole));
  return plan;
}

/** A fixed-width piece of a layout pattern. */
interface Piece {
  pattern: string;
}

/**
 * `atom` `n` times in a row, spelled out (`[A-Z ][A-Z ][A-Z ]` for
 * `[A-Z ]{3}`): matches the same texts, but V8 compiles a counted run to a
 * loop with a counter and a spelled-out one to straight-line code that tests
 * several characters per load, which matches the per-layout patterns about
 * twice as fast. A record is at most 80 characters, so the patterns stay
 * small: compiling one costs V8 some 40 µs more, once per layout.
 */
export function spelled(atom: string, n: number): string {
  return atom.repeat(n);
}

const run = (cls: string, n: number): Piece => ({ pattern: spelled(cls, n) });

/**
 * The pattern of `pieces`, anchored: every piece is as wide as its columns,
 * so it matches texts exactly as long as all of them.
 */
export function ofPieces(pieces: readonly Piece[]): string {
  let pattern = '^';
  for (const p of pieces) pattern += p.pattern;
  return pattern + '$';
}

/**
 * What a field of a clean record holds when `cleanContent` has nothing to say
 * about it, as a pattern of exactly its width; dates and times match anything
 * (they are `post`: checked one by one).
 */
function finePattern(p: FieldPlan, any: string): Piece {
  const w = p.e - p.s;
  if (p.date || p.time) return run(any, w);
  if (p.hasConstant) return { pattern: p.constant === '' ? '(?!)' : p.constant.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&') };
  let value: Piece;
  // Whether `value` matches a blank field too: then the blank alternative is left out (same
  // matches, no second try at every non-blank field).
  let matchesBlank = any === CLEAN_CHAR || any === '[^]';
  if (p.appId) value = run(any, w);
  else {
    switch (p.cls) {
      case ClassCheck.A:
        value = run('[A-Z ]', w);
        matchesBlank = true;
        break;
      case ClassCheck.AN:
        value = run('[A-Z0-9 ]', w);
        matchesBlank = true;
        break;
      case ClassCheck.N:
        value = p.zeroFill ? { pattern: `(?!${spelled('0', w)})${spelled('\\d', w)}` } : run('\\d', w);
        matchesBlank = false;
        break;
      case ClassCheck.SN: {
        // Counted, not spelled out: spelled, these w alternatives of w characters each took
        // V8 much longer to compile and matched no faster (few records have (S)N fields).
        const ways: string[] = [];
        for (let k = 0; k < w; k++) ways.push(`${k ? ` {${k}}` : ''}\\d{${w - k}}`);
        value = { pattern: `(?:${ways.join('|')})` };
        matchesBlank = false;
        break;
      }
      default:
        value = run(any, w);
    }
  }
  // Blank is fine unless the field is mandatory.
  if (p.mandatory) return { pattern: `(?!${spelled(' ', w)})${value.pattern}` };
  return matchesBlank ? value : { pattern: `(?:${spelled(' ', w)}|${value.pattern})` };
}

/**
 * Every record rule in one pass per record, with one plan lookup: most
 * records match their layout's `whole` pattern and need nothing more than
 * their dates, times and codes looked at. The rules report in the order of
 * RECORD_RULES' groups: shape (X42, X34, X40, X39), then field content, then
 * code lists.
 */
function recordRules(): Check {
  const quietBlocks = new WeakSet<Group>();
  let quietOutside = false;

  /** Record length, identification and characters (X42, X34, X40, X39) of a record not known to be clean. */
  const shape = (ctx: LintContext, record: DecodedRecord, path: readonly Group[]): void => {
    const width = ctx.spec.recordWidth;
    const len = record.text.length;
    if (len !== width) {
      ctx.report('record-length', record, {
        columns: len < width ? [len + 1, width] : [width + 1, len],
        message: `record is ${len} character${len === 1 ? '' : 's'}, not ${width}`,
      });
    }
    const bad = nonDisplayable(record.text);
    if (bad) {
      ctx.report('non-displayable', record, {
        columns: [bad.first, bad.last],
        message: `${bad.count} character${bad.count === 1 ? '' : 's'} outside displayable ASCII (first U+${bad.code.toString(16).toUpperCase().padStart(4, '0')} at column ${bad.first})`,
      });
    }
    if (!record.layout) {
      const app = ctx.appOf(path) ?? ctx.options.app;
      if (app && !covered(ctx.spec, app)) {
        // One note per block: an EQ or CW block holds nothing this edition can check.
        const block = [...path].reverse().find((g) => g.level === 'block' || g.level === 'batch');
        if (block ? quietBlocks.has(block) : quietOutside) return;
        if (block) quietBlocks.add(block);
        else quietOutside = true;
        ctx.report('application-not-covered', record, {
          columns: [1, Math.max(1, Math.min(4, len))],
          message: `${app} records are not checked: spec ${ctx.spec.name} has no layouts for application ${app}`,
        });
        return;
      }
      ctx.report('unknown-record', record, {
        columns: [1, Math.max(1, Math.min(4, len))],
        message: `no layout for a record starting ${JSON.stringify(record.text.slice(0, 4))}${app ? ` in an ${app} block` : ''}`,
      });
      return;
    }
    if (record.layout.opaque) {
      lowercase(ctx, record, [1, len]);
      return;
    }
    for (const f of record.layout.fields) {
      if (f.start > len) break;
      const text = fieldText(record, f);
      if (f.class === 'S') {
        if (!isBlank(text)) {
          ctx.report('filler-not-blank', record, { columns: span(f), field: f.id, message: `${f.element} (columns ${f.start}-${f.end}) holds ${show(text)}; fillers are spaces` });
        }
      } else if (TEXT_CLASSES.has(f.class)) lowercase(ctx, record, [f.start, Math.min(f.end, len)], f);
    }
  };

  return {
    rules: RECORD_RULES,
    record({ record, path }, ctx) {
      const layout = record.layout;
      const t = record.text;
      if (!layout || layout.opaque) {
        // Nothing to say about a clean opaque record: its fields are not known.
        if (layout && isClean(t, ctx.spec.recordWidth)) return;
        shape(ctx, record, path);
        return;
      }
      const plan = planOf(layout, ctx.spec);
      if (t.length === ctx.spec.recordWidth && plan.whole?.test(t)) {
        if (plan.post.length) cleanContent(ctx, record, plan.post);
        if (plan.coded.length) codeLists(ctx, record, plan.coded, true);
        return;
      }
      const clean = isClean(t, ctx.spec.recordWidth);
      if (clean && plan.ok) {
        // Right length, no lower case: nothing to report on the shape but data in fillers.
        for (const p of plan.fillers) {
          if (blankAt(t, p.s, p.e)) continue;
          const f = p.f;
          ctx.report('filler-not-blank', record, { columns: span(f), field: f.id, message: `${f.element} (columns ${f.start}-${f.end}) holds ${show(fieldText(record, f))}; fillers are spaces` });
        }
        cleanContent(ctx, record, (plan.fine ??= new RegExp(plan.fineSource)).test(t) ? plan.post : plan.content);
      } else {
        shape(ctx, record, path);
        fieldContent(ctx, record, layout);
      }
      codeLists(ctx, record, plan.coded, clean);
    },
  };
}

/**
 * Whether a record is "clean": exactly `width` characters, all displayable
 * ASCII, no lower case. Most records are; for them the checks work on the
 * record text in place, with a plan made once per layout (no field slices),
 * and report exactly what the general path, which every other record takes,
 * would report.
 */
function isClean(text: string, width: number): boolean {
  return text.length === width && CLEAN.test(text);
}

function covered(spec: Spec, app: string): boolean {
  for (const l of spec.layouts.values()) if (l.contexts.includes(app)) return true;
  return false;
}

function nonDisplayable(text: string): { first: number; last: number; count: number; code: number } | undefined {
  if (DISPLAYABLE.test(text)) return undefined;
  let first = 0, last = 0, count = 0, code = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (!count) {
      first = i + 1;
      code = c;
    }
    last = i + 1;
    count++;
  }
  return { first, last, count, code };
}

function lowercase(ctx: LintContext, record: DecodedRecord, [from, to]: [number, number], f?: FieldSpec): void {
  const s = record.text.slice(from - 1, to);
  const first = s.search(/[a-z]/);
  if (first < 0) return;
  let last = first;
  for (let i = s.length - 1; i > first; i--) {
    if (s[i]! >= 'a' && s[i]! <= 'z') {
      last = i;
      break;
    }
  }
  ctx.report('lowercase', record, {
    columns: [from + first, from + last],
    ...(f ? { field: f.id } : {}),
    message: `${f ? f.element : 'record'} has lower-case letters (${JSON.stringify(s.slice(first, last + 1))}); transmit upper case`,
  });
}

/** Each field against its class, designation, date/time format and zero fill: the general path, for records not clean. */
function fieldContent(ctx: LintContext, record: DecodedRecord, layout: LayoutSpec): void {
  for (const f of layout.fields) {
    if (f.start > record.text.length) break; // past a short record's end: record-length says it
    if (f.class === 'S') continue;
    const text = fieldText(record, f);
    if (!DISPLAYABLE.test(text)) continue; // non-displayable says it
    if (f.constant !== undefined) {
      if (text !== f.constant) ctx.report('field-class', record, { columns: span(f), field: f.id, message: `${f.element} is ${JSON.stringify(text)}, not ${JSON.stringify(f.constant)}` });
      continue;
    }
    if (isBlank(text)) {
      if (f.designation === 'M') ctx.report('mandatory-field', record, { columns: span(f), field: f.id, message: `${f.element} (columns ${f.start}-${f.end}) is mandatory but blank` });
      continue;
    }
    const zero = /^ *0+$/.test(text);
    const date = dateFormat(f);
    if (date) {
      if (zero && f.designation !== 'M') zeroFilled(ctx, record, f);
      else if (!DATE_FORMATS[date]!(text)) ctx.report('invalid-date', record, { columns: span(f), field: f.id, message: `${f.element} ${JSON.stringify(text)} is not a real date ${date}` });
      continue;
    }
    if (f.format === 'HHMM' || f.format === 'HHMMSS') {
      // PGA p.48: 24-hour clock 0001-2400; midnight is 2400, so 0000 is not a time.
      const ok = f.format === 'HHMM' ? decodeHHMM(text) !== undefined && text !== '0000' : decodeHHMMSS(text) !== undefined;
      if (!ok) ctx.report('invalid-time', record, { columns: span(f), field: f.id, message: `${f.element} ${JSON.stringify(text)} is not a time ${f.format === 'HHMM' ? '0001-2400 (HHMM)' : 'HHMMSS'}` });
      continue;
    }
    if (f.codes === 'application-id') continue; // `$I`, `%R` are ids too; app-id-unknown checks them
    const pattern = CLASS_PATTERN[f.class];
    if (pattern && !pattern.test(text.toUpperCase())) {
      classProblem(ctx, record, f, text);
      continue;
    }
    // (S)N amounts may be zero (B&B-7: "at least one right-justified numeral"), a code is a code,
    // and the envelope's numbers are counts (block-count checks them).
    if (zero && f.class === 'N' && f.designation !== 'M' && !f.codes && layout.level !== 'batch' && layout.level !== 'block') zeroFilled(ctx, record, f);
  }
}

/** `fieldContent` on a clean record, field by field in place; the same reports in the same order. */
function cleanContent(ctx: LintContext, record: DecodedRecord, fields: FieldPlan[]): void {
  const t = record.text;
  for (const p of fields) {
    const f = p.f;
    const { s, e } = p;
    if (p.hasConstant) {
      if (p.constant === '' || !t.startsWith(p.constant, s)) {
        ctx.report('field-class', record, { columns: span(f), field: f.id, message: `${f.element} is ${JSON.stringify(fieldText(record, f))}, not ${JSON.stringify(f.constant)}` });
      }
      continue;
    }
    if (blankAt(t, s, e)) {
      if (p.mandatory) ctx.report('mandatory-field', record, { columns: span(f), field: f.id, message: `${f.element} (columns ${f.start}-${f.end}) is mandatory but blank` });
      continue;
    }
    const zero = zeroAt(t, s, e);
    if (p.date) {
      if (zero && !p.mandatory) zeroFilled(ctx, record, f);
      else if (!p.dateValid(t, s)) ctx.report('invalid-date', record, { columns: span(f), field: f.id, message: `${f.element} ${JSON.stringify(fieldText(record, f))} is not a real date ${p.date}` });
      continue;
    }
    if (p.time) {
      const text = fieldText(record, f);
      const ok = f.format === 'HHMM' ? decodeHHMM(text) !== undefined && text !== '0000' : decodeHHMMSS(text) !== undefined;
      if (!ok) ctx.report('invalid-time', record, { columns: span(f), field: f.id, message: `${f.element} ${JSON.stringify(text)} is not a time ${f.format === 'HHMM' ? '0001-2400 (HHMM)' : 'HHMMSS'}` });
      continue;
    }
    if (p.appId) continue;
    if (!classFits(t, s, e, p.cls)) {
      classProblem(ctx, record, f, fieldText(record, f));
      continue;
    }
    if (zero && p.zeroFill) zeroFilled(ctx, record, f);
  }
}

/** Digits right-justified behind spaces: a number written as (S)N where the field is N. */
const SPACE_PADDED = /^ +\d+$/;

/**
 * A field whose `text` does not fit its class: `field-class`, but for class N
 * right-justified behind spaces (` 800` should be `0800`). Some filing
 * software pads with spaces, and the references ask for that to be tolerated
 * (pga-rules §2.6, PG28 can dimensions): a warning, `numeric-space-padded`,
 * with the zero-filled text to send. Both paths (general and clean) report
 * through here.
 */
function classProblem(ctx: LintContext, record: DecodedRecord, f: FieldSpec, text: string): void {
  if (f.class === 'N' && SPACE_PADDED.test(text)) {
    ctx.report('numeric-space-padded', record, {
      columns: span(f), field: f.id,
      message: `${f.element} ${JSON.stringify(text)} is padded with spaces; class N is zero-filled (${JSON.stringify(text.replace(/ /g, '0'))})`,
    });
  } else ctx.report('field-class', record, { columns: span(f), field: f.id, message: `${f.element} ${show(text)} is not ${CLASS_NAME[f.class]}` });
}

function zeroFilled(ctx: LintContext, record: DecodedRecord, f: FieldSpec): void {
  ctx.report('numeric-zero-filled', record, {
    columns: span(f), field: f.id,
    message: `${f.element} is zero-filled; an unused numeric field is space-filled (if zero is meant, ignore this warning)`,
  });
}

interface IndexedList {
  codes: Set<string>;
  /** A row with code `*` and status `partial` says the list is incomplete (specs/README.md); its scope is not honoured here. */
  partial: boolean;
  /** `codes` as `packText` keys of each field width asked for, made once per width. */
  packedByWidth: Map<number, Set<number>>;
  /** `codeTable` of each width asked for, made once per width. */
  tableByWidth: Map<number, Uint8Array>;
}

/** A field checked against a generic code list. */
interface CodedField {
  f: FieldSpec;
  list: IndexedList;
  /** 0-based start and exclusive end. */
  s: number;
  e: number;
  /** The list's codes as keys of this field's width, when the field is narrow enough to pack (`PACK_WIDTH`). */
  packed: Set<number> | undefined;
  /** `codeTable` of the list for this field's width, when it is at most `TABLE_WIDTH` (then `packed` is not read). */
  table: Uint8Array | undefined;
  /** The key of a blank field, when `packed` is set. */
  blank: number;
}

/** Each spec's code lists as sets, for the generic code-list rule. */
const indexedLists = new WeakMap<Spec, Map<string, IndexedList>>();

function listFor(spec: Spec, name: string): IndexedList | undefined {
  let index = indexedLists.get(spec);
  if (!index) {
    index = new Map();
    for (const [list, entries] of spec.codes) {
      const il: IndexedList = { codes: new Set(), partial: false, packedByWidth: new Map(), tableByWidth: new Map() };
      for (const e of entries.values()) {
        if (e.code === '*') {
          if (e.status === 'partial') il.partial = true;
          continue;
        }
        il.codes.add(e.code);
      }
      index.set(list, il);
    }
    indexedLists.set(spec, index);
  }
  return index.get(name);
}

/**
 * The widest field whose text `packText` turns into a key: four characters
 * of seven bits make a small integer (28 bits), which a Set finds without
 * slicing and hashing a string. Most coded fields are this narrow.
 */
const PACK_WIDTH = 4;

/**
 * `t[s, e)`, at most PACK_WIDTH characters below U+0080, as one integer:
 * two texts of the same width have the same key exactly when they are equal.
 */
export function packText(t: string, s: number, e: number): number {
  let key = 0;
  for (let i = e - 1; i >= s; i--) key = key * 128 + t.charCodeAt(i);
  return key;
}

/**
 * The keys of a field `width` wide that holds a listed code: the code
 * space-padded, so `rtrim(text)` is the code exactly when the text's key is
 * in the set. Codes that cannot be such a value (longer than the field,
 * ending in a space, beyond ASCII) are left out.
 */
function packedCodes(list: IndexedList, width: number): Set<number> {
  let keys = list.packedByWidth.get(width);
  if (keys) return keys;
  keys = new Set();
  for (const code of list.codes) {
    if (code === '' || code.length > width || code.endsWith(' ') || !/^[\x00-\x7f]*$/.test(code)) continue;
    keys.add(packText(code.padEnd(width, ' '), 0, width));
  }
  list.packedByWidth.set(width, keys);
  return keys;
}

/**
 * The widest field looked up in a `codeTable`: 128 entries for one
 * character, 16384 for two. Most coded fields are one or two characters.
 */
const TABLE_WIDTH = 2;

/**
 * 1 at the `packText` key of every text of a field `width` wide that the
 * code-list rule passes on a clean record: a listed code (`packedCodes`), or
 * all spaces. One load per field instead of a blank test and a Set lookup.
 * A clean record's characters are below U+0080, so its keys index the table.
 */
function codeTable(list: IndexedList, width: number): Uint8Array {
  let table = list.tableByWidth.get(width);
  if (table) return table;
  table = new Uint8Array(128 ** width);
  for (const key of packedCodes(list, width)) table[key] = 1;
  table[packText(' '.repeat(width), 0, width)] = 1;
  list.tableByWidth.set(width, table);
  return table;
}

function codedFields(layout: LayoutSpec, spec: Spec): CodedField[] {
  const coded: CodedField[] = [];
  for (const f of layout.fields) {
    const list = f.codes && !LISTS_WITH_OWN_RULES.has(f.codes) ? listFor(spec, f.codes) : undefined;
    if (!list) continue;
    const narrow = f.width <= PACK_WIDTH && f.end - f.start + 1 === f.width && f.end <= spec.recordWidth;
    coded.push({
      f, list, s: f.start - 1, e: f.end,
      packed: narrow ? packedCodes(list, f.width) : undefined,
      table: narrow && f.width <= TABLE_WIDTH ? codeTable(list, f.width) : undefined,
      blank: narrow ? packText(' '.repeat(f.width), 0, f.width) : -1,
    });
  }
  return coded;
}

/** Generic code lists: a field whose `codes` list is in codes.tsv must hold a listed code. `clean`: see `isClean`. */
function codeLists(ctx: LintContext, record: DecodedRecord, coded: CodedField[], clean: boolean): void {
  const t = record.text;
  for (let k = 0; k < coded.length; k++) {
    const { f, list, s, e, packed, table } = coded[k]!;
    if (f.start > t.length) continue;
    // A clean record is displayable throughout and as long as its layout: its fields are compared in place,
    // a narrow one by its key (blank or a listed code), a wider one sliced once if it is not blank.
    let value: string;
    if (clean) {
      if (packed !== undefined) {
        const key = packText(t, s, e);
        if (table !== undefined ? table[key] === 1 : key === coded[k]!.blank || packed.has(key)) continue;
      } else if (blankAt(t, s, e)) continue;
      value = e <= t.length ? trimmedAt(t, s, e) : rtrim(fieldText(record, f));
    } else value = rtrim(fieldText(record, f));
    if (value === '' || (!clean && !DISPLAYABLE.test(value))) continue;
    // Any entry counts, whatever its scope or status: scopes and retired codes are the PGA rules' (specs/README.md).
    if (list.codes.has(value)) continue;
    ctx.report(list.partial ? 'code-unlisted' : 'code-unknown', record, {
      columns: span(f), field: f.id,
      message: `${f.element} ${JSON.stringify(value)} is not in code list ${f.codes}${list.partial ? ' (the list is known to be partial)' : ''}`,
    });
  }
}

export function recordChecks(): Check[] {
  return [recordRules()];
}
