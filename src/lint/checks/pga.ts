/**
 * PGA Message Set structure (issue "catair lint" §4): OI and PG01 per tariff
 * line, PGA line numbering, PG01 codes by agency and program, disclaimed
 * lines, parent-child order inside a PGA line, PG26 packaging levels, PG50/PG51
 * groups and PG00 substitution. CBP names most conditions in the PGA Error
 * Dictionary for Trade (P-codes, pga-rules §4.21); pages are those of the July
 * 2026 PGA chapter as transcribed in pga-rules.md.
 *
 * Work is done per group as it closes (PGA line, tariff line, and once per
 * transaction for substitution), so memory stays within one transaction.
 * Response blocks (AX, SX, CC) echo records in part and are not checked.
 * Blank mandatory fields (PGA line number P04, agency P05, program P06 …) are
 * the generic `mandatory-field` rule's; unknown codes are `code-unknown`'s.
 */
import type { DecodedRecord } from '../../decode/record.js';
import type { Group } from '../../group/grouper.js';
import { lastIndexOf } from '../engine.js';
import type { Check, LintContext, LintRecord, RuleInfo } from '../types.js';
import {
  codeEntries, describeScopes, factsCheck, fieldAt, fieldRefs, inScope, isOutermost, isOutput, isPgaRecord, knownRecords, lineHead, outOfScope, recordId, TransactionFacts, val,
  type PgaLineHead,
} from './pga-common.js';

const ED = 'PGA Error Dictionary for Trade';

const F = fieldRefs(
  'agencyCode', 'correctionIndicator', 'pgaLineNumber', 'processingCode', 'intendedUseCode', 'intendedUseDescription', 'imageSubmitted', 'confidential',
  'itemType', 'processingTypeCode', 'processingDescription', 'qualifier', 'packagingQualifier', 'substitutionIndicator', 'substitutionNumber',
);

export const PGA_RULES: RuleInfo[] = [
  { code: 'oi-missing', severity: 'error', cbp: 'P01', title: 'PGA data with no OI before it on the tariff line', source: `PGA p.16 (OI precedes the line's PG01s); ${ED} P01` },
  { code: 'oi-repeated', severity: 'error', cbp: 'P42', title: 'more than one OI under one tariff line', source: `PGA p.16 (one OI per HTS line); ${ED} P42` },
  { code: 'pg01-missing', severity: 'error', cbp: 'P03', title: 'PGA records or an OI with no PG01 opening a PGA line', source: `PGA p.17 (every PGA data set, disclaimers included, begins with PG01); ${ED} P03` },
  { code: 'pga-line-number', severity: 'error', title: 'PGA line number out of sequence for its agency', source: `PGA p.13, p.65 (001 per agency within the CBP line, +1 per PG01, restart at 001 when the agency changes)` },
  { code: 'program-agency', severity: 'error', cbp: 'P06', title: 'program code belongs to another agency', source: `PGA p.17-20; Appendix PGA program codes (codes.tsv program); ${ED} P06` },
  { code: 'processing-program', severity: 'error', title: 'processing code not valid for the program', source: 'PGA p.17-20; pga-rules §4.3 (APHIS A01-A04 per program, none for APL)' },
  { code: 'disclaimer-scope', severity: 'error', title: 'disclaimer code not allowed for the agency, program or entry type', source: 'PGA p.20 (E FWS only, F FDA entry type 21 only, G APHIS Lacey only); pga-rules §3.3' },
  { code: 'intended-use-description', severity: 'error', cbp: 'P08', title: 'intended use 980.000 without a description', source: `PGA p.17-20; ${ED} P08` },
  { code: 'flag-value', severity: 'error', title: 'PG01 image or confidential indicator other than Y or blank', source: 'PGA p.17-20; pga-rules §2.5; seed 002 (Y means documents are in DIS)' },
  { code: 'disclaimer-extra-records', severity: 'error', title: 'disclaimed PGA line carries records after its PG01', source: 'PGA p.21, p.63 (with a disclaimer only OI and PG01 are sent); seed 002' },
  { code: 'pg02-missing', severity: 'warning', title: 'PGA line with data but no PG02', source: 'PGA p.21 (without a disclaimer a PG02 is expected)' },
  { code: 'item-type-order', severity: 'error', cbp: 'P07', title: 'PG02 item type: P first, then C; one P per PGA line', source: `PGA p.21; ${ED} P07` },
  { code: 'pg08-without-pg07', severity: 'error', cbp: 'P28', title: 'PG08 not preceded by a PG07', source: `PGA p.29; ${ED} P28` },
  { code: 'lpco-pair', severity: 'error', cbp: 'P29', title: 'PG13 and PG14 not sent as a pair', source: `PGA p.31-32; ${ED} P29; CSMS #50564724 (repeated PG13/PG14 pairs)` },
  { code: 'pg20-without-pg19', severity: 'error', cbp: 'P33', title: 'PG20 not under a PG19', source: `PGA p.36, p.63-64 (entity sets PG19, PG20, PG21); ${ED} P33` },
  { code: 'pg21-without-parent', severity: 'error', cbp: 'P34', title: 'PG21 not under a PG19/PG20, PG22 or PG30', source: `PGA p.37; ${ED} P34` },
  { code: 'pg55-parent', severity: 'error', title: 'PG55 not directly after a PG19, PG20 or PG21', source: 'PGA p.37, p.57' },
  { code: 'pg60-parent', severity: 'error', title: 'PG60 not directly after a PG07, PG19, PG20 or PG21', source: 'PGA p.58 (overflow for the record immediately before it)' },
  { code: 'pg60-qualifier', severity: 'warning', title: 'PG60 qualifier belongs to another parent record', source: 'PGA p.58; qualifier-to-parent map from transcription B (pga-rules §3.5)' },
  { code: 'pg26-count', severity: 'error', title: 'more than six PG26 packaging records', source: 'PGA p.42 (up to six levels per PGA line); pga-rules §3.8' },
  { code: 'pg26-level', severity: 'error', title: 'packaging level used twice', source: 'PGA p.42 (levels 1-6, one record each); pga-rules §3.8' },
  { code: 'pg26-order', severity: 'warning', title: 'packaging levels not 1, 2, 3 … outermost first', source: 'PGA p.42 (first record = outermost); seed 002 (PG26); vendors send innermost first (pga-rules §2.6)' },
  { code: 'group-unclosed', severity: 'error', title: 'PG50 without PG51, or PG51 without PG50', source: 'PGA p.55-56, p.66-67' },
  { code: 'group-nesting', severity: 'error', cbp: 'P32', title: 'PG50 group inside another group', source: `PGA p.55, p.66-67 (one level of grouping); ${ED} P32` },
  { code: 'group-parent', severity: 'error', title: 'PG50 group with no PG02, PG04, PG13 or PG14 before it', source: 'PGA p.55, p.66-67 (a group belongs to its closest parent: PG02, PG04, PG13 or PG14)' },
  { code: 'group-child', severity: 'warning', cbp: 'P32', title: 'record not known to be allowed inside a PG50 group', source: `${ED} P32; children from transcription B and vendor data (pga-rules §3.6)` },
  { code: 'substitution', severity: 'error', title: 'PG00 substitution group not opened, closed, numbered or referenced properly', source: 'PGA p.59, p.69-70 (S starts, E ends, R replaces with group N)' },
  { code: 'substitution-order', severity: 'warning', title: 'PG00 substitution numbers not in sequence', source: 'PGA p.59 (0001-9999, unique and in sequence within a transaction)' },
  { code: 'pga-misplaced', severity: 'error', title: 'PGA record at header or line level outside a PG00 substitution group', source: 'PGA p.13 (the set follows the AE 50 / SE60 record); ESF-20..25 (header and line level carry only PG00 groups)' },
  { code: 'processing-description', severity: 'error', cbp: 'P27', title: 'processing type 017 without a processing description', source: `PGA p.25-27; ${ED} P27` },
];

/** Parents a PG21 may follow (PGA p.37: the entity, a declaration, or an inspection location). */
const PG21_PARENTS = new Set(['PG19', 'PG20', 'PG22', 'PG30']);
const PG55_PARENTS = new Set(['PG19', 'PG20', 'PG21']);
const PG60_PARENTS = new Set(['PG07', 'PG19', 'PG20', 'PG21']);
const GROUP_PARENTS = new Set(['PG02', 'PG04', 'PG13', 'PG14']);
/**
 * Records seen inside PG50 groups: transcription B's list (PG05, 06, 07, 10, 14,
 * 19, 22, 25, 26, 29, 31, 32) plus the dependants vendor data shows with them
 * (PG08 after PG07, PG20/21/55/60 after PG19, PG13 with PG14, PG33 with PG32).
 * Unconfirmed by the chapter, hence only a warning (pga-rules §3.6).
 */
const GROUP_CHILDREN = new Set(['PG05', 'PG06', 'PG07', 'PG08', 'PG10', 'PG13', 'PG14', 'PG19', 'PG20', 'PG21', 'PG22', 'PG25', 'PG26', 'PG29', 'PG31', 'PG32', 'PG33', 'PG55', 'PG60']);
/** PGA p.17-20: 980.000 "other use" needs the description in 58-78. */
const OTHER_USE = '980.000';
/** PGA p.25-27: processing type 017 needs a processing description. */
const DESCRIBED_PROCESSING = '017';

const show = (s: string) => JSON.stringify(s);

/** The nearest record before index `i` whose id is not in `skip`. */
function parentOf(list: readonly DecodedRecord[], i: number, skip: ReadonlySet<string>): DecodedRecord | undefined {
  for (let j = i - 1; j >= 0; j--) if (!skip.has(recordId(list[j]!) ?? '')) return list[j];
  return undefined;
}

const isReplacement = (r: DecodedRecord | undefined) => r !== undefined && recordId(r) === 'PG00' && val(r, F.substitutionIndicator) === 'R';

/** `shared`: facts fed by `sharedFacts` (checks/index.ts) instead of by this check. */
export function pgaChecks(shared?: TransactionFacts): Check[] {
  return factsCheck(PGA_RULES, shared, (group, records, ctx, facts) => {
    if (!isOutput(ctx, records[0]?.app)) {
      if (group.level === 'pgaLine') checkPgaLine(records, ctx, facts);
      else if (group.level === 'tariff') checkTariff(records, ctx);
      // The facts have seen the group's records stream by: with no PG00 and no PGA record
      // at header or line level among them, the substitution check has nothing to report.
      if (facts.substitutionsSince(group) && isOutermost(group, records)) checkSubstitution(group, records, ctx);
    }
  });
}

// ---- tariff line: OI, stray PGA records, PGA line numbers ------------------

function checkTariff(records: LintRecord[], ctx: LintContext): void {
  const ois: DecodedRecord[] = [];
  const pg01s: DecodedRecord[] = [];
  let stray: DecodedRecord | undefined;
  let inSubstitution = false;
  for (let i = 0; i < records.length; i++) {
    const { record, path } = records[i]!;
    const id = recordId(record);
    if (!isPgaRecord(id)) continue;
    const top = path[path.length - 1];
    const depth = top?.level;
    if (id === 'OI') ois.push(record);
    else if (id === 'PG01') {
      pg01s.push(record);
      // The PG01 opened its PGA line (records.tsv): the line's other records sit at PGA line
      // level, so none is an OI (tariff level), a PG01 (it would open a new line) or at tariff
      // depth, and nothing here looks at them: skip to the line's last record.
      if (top !== undefined && top.firstRecord === record.n && top.level === 'pgaLine') i = lastIndexOf(top, records, i);
    } else if (id === 'PG00' && depth === 'tariff') {
      const ind = val(record, F.substitutionIndicator);
      if (ind === 'S') inSubstitution = true;
      else if (ind === 'E') inSubstitution = false;
    } else if (depth === 'tariff' && !inSubstitution) stray ??= record;
  }
  const first = pg01s[0];
  if (first && (!ois.length || ois[0]!.n > first.n)) {
    ctx.report('oi-missing', first, {
      columns: [1, 4],
      message: `PG01 at record ${first.n} has no OI before it on this tariff line${ois.length ? ` (the OI at record ${ois[0]!.n} comes after it)` : ''}; the OI commercial description precedes the line's PGA data`,
    });
  }
  for (let i = 1; i < ois.length; i++) {
    const oi = ois[i]!;
    ctx.report('oi-repeated', oi, { columns: [1, 2], message: `second OI on one tariff line (the first is record ${ois[0]!.n}); send one OI per HTS line` });
  }
  if (stray) {
    ctx.report('pg01-missing', stray, { columns: [1, 4], message: `${recordId(stray)} is not inside a PGA line: no PG01 opens one before it on this tariff line` });
  } else if (!first && ois.length) {
    ctx.report('pg01-missing', ois[0]!, { columns: [1, 2], message: 'OI with no PG01 after it: every PGA data set, a disclaimer included, begins with a PG01' });
  }
  if (first && !isCorrection(records, ctx)) checkLineNumbers(pg01s, ctx);
}

/**
 * A PGA Data Correction (CA/CC) sends only the lines it corrects, under their
 * original numbers, and deletes with line 000: numbering is not checked there.
 */
function isCorrection(records: LintRecord[], ctx: LintContext): boolean {
  const head = records[0];
  if (!head) return false;
  const app = head.app ?? ctx.options.app;
  return app === 'CA' || app === 'CC' || recordId(head.record) === 'CA60';
}

/**
 * PGA p.13, p.65: line numbers start at 001 for an agency within the CBP line,
 * go up by one for each further PG01 of that agency, and restart at 001 when
 * the agency changes. The chapter does not say what an agency returning after
 * another one gets (pga-rules §3.2): both readings are accepted, a fresh 001
 * (the literal "restart") or the next number of that agency.
 */
function checkLineNumbers(pg01s: DecodedRecord[], ctx: LintContext): void {
  let lastAgency: string | undefined;
  let lastNumber = 0;
  // The agencies left behind, each with its last number (an agency may return after another),
  // made only when the agency changes: most tariff lines have one agency, and a Map made for
  // each of them showed among lint's allocations.
  let earlier: Map<string, number> | undefined;
  for (const r of pg01s) {
    if (val(r, F.correctionIndicator)) continue;
    const text = val(r, F.pgaLineNumber);
    const n = digitsValue(text);
    if (n === undefined) continue; // blank: mandatory-field; not digits: field-class
    const agency = val(r, F.agencyCode);
    const back = agency === lastAgency ? undefined : earlier?.get(agency);
    // Tested without building the list of expected numbers, which only the message needs.
    const ok = agency === lastAgency ? n === lastNumber + 1 : n === 1 || (back !== undefined && n === back + 1);
    if (!ok) {
      const expected = agency === lastAgency ? [lastNumber + 1] : back !== undefined ? [1, back + 1] : [1];
      const want = expected.map((e) => String(e).padStart(3, '0')).join(' or ');
      const why = agency === lastAgency ? `the previous ${agency} PG01 is ${String(lastNumber).padStart(3, '0')}` : back !== undefined ? `${agency} returns after another agency` : `it is the first ${agency || 'agency'} PG01 here`;
      ctx.report('pga-line-number', r, { ...fieldAt(ctx, r, 'pgaLineNumber'), message: `PGA line number ${text} should be ${want}: ${why} (numbers run 001, 002 … per agency and restart at 001 when the agency changes)` });
    }
    // The agency changes: the one left keeps its last number.
    if (lastAgency !== undefined && agency !== lastAgency) (earlier ??= new Map()).set(lastAgency, lastNumber);
    lastAgency = agency;
    lastNumber = n;
  }
}

/**
 * The number a string of ASCII digits (`/^\d+$/`) spells, as Number() reads it;
 * undefined for anything else. Read digit by digit (asked for every PG01): exact
 * up to 15 digits, and Number() itself past them.
 */
function digitsValue(text: string): number | undefined {
  if (!text.length) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return text.length <= 15 ? n : Number(text);
}

// ---- PGA line -------------------------------------------------------------

function checkPgaLine(records: LintRecord[], ctx: LintContext, facts: TransactionFacts): void {
  const list = knownRecords(records);
  const pg01 = list[0];
  if (!pg01 || recordId(pg01) !== 'PG01') return;
  const head = lineHead(pg01);
  checkPg01(head, ctx, facts);
  if (head.disclaimer) {
    const extra = list[1];
    if (extra) {
      ctx.report('disclaimer-extra-records', extra, {
        columns: [1, 4],
        message: `${label(head)} is disclaimed (code ${head.disclaimer}, record ${pg01.n}), so only OI and PG01 are sent; ${list.length - 1} more record${list.length > 2 ? 's' : ''} follow${list.length > 2 ? '' : 's'}`,
      });
    }
    return;
  }
  if (head.correction) return;
  if (!list.some((r) => recordId(r) === 'PG02')) {
    ctx.report('pg02-missing', pg01, { columns: [1, 4], message: `${label(head)} has no PG02 product record and no disclaimer` });
  }
  checkOrder(list, ctx);
}

/** "PGA line 001 (APH APQ)", leaving out what is blank. */
function label(h: PgaLineHead): string {
  const number = val(h.pg01, F.pgaLineNumber);
  const who = [h.agency, h.program].filter(Boolean).join(' ');
  return `PGA line${number ? ` ${number}` : ''}${who ? ` (${who})` : ''}`;
}

function checkPg01(h: PgaLineHead, ctx: LintContext, facts: TransactionFacts): void {
  const r = h.pg01;
  const { spec } = ctx;
  if (h.agency && h.program) {
    const other = outOfScope(spec, 'program', h.program, { agency: h.agency });
    if (other) ctx.report('program-agency', r, { ...fieldAt(ctx, r, 'programCode'), message: `program code ${h.program} is a program of ${describeScopes(other)}, not of agency ${h.agency}` });
  }
  const processing = val(r, F.processingCode);
  if (processing && h.program) {
    const other = outOfScope(spec, 'processing', processing, { agency: h.agency, program: h.program });
    if (other) ctx.report('processing-program', r, { ...fieldAt(ctx, r, 'processingCode'), message: `processing code ${processing} is valid for ${describeScopes(other)}, not for ${h.agency} ${h.program}` });
  }
  if (h.disclaimer) {
    const scopeFacts = { agency: h.agency, program: h.program, 'entry-type': facts.entryType };
    const other = outOfScope(spec, 'disclaimer', h.disclaimer, scopeFacts);
    if (other) ctx.report('disclaimer-scope', r, { ...fieldAt(ctx, r, 'disclaimer'), message: `disclaimer ${h.disclaimer} is only for ${describeScopes(other)}; this line is ${h.agency} ${h.program}${facts.entryType ? ` on entry type ${facts.entryType}` : ''}` });
  }
  if (val(r, F.intendedUseCode) === OTHER_USE && !val(r, F.intendedUseDescription)) {
    ctx.report('intended-use-description', r, { ...fieldAt(ctx, r, 'intendedUseDescription'), message: `intended use ${OTHER_USE} (other use) needs an intended use description` });
  }
  for (const ref of [F.imageSubmitted, F.confidential]) {
    const v = val(r, ref);
    if (v && v !== 'Y') ctx.report('flag-value', r, { ...fieldAt(ctx, r, ref.id), message: `${ref.of(r)?.element ?? ref.id} is ${show(v)}; it is Y or blank` });
  }
}

const SKIP_OVERFLOW = new Set(['PG55', 'PG60']);
const SKIP_PG08 = new Set(['PG08', 'PG60']);
const SKIP_PG21 = new Set(['PG21', 'PG55', 'PG60']);

/** Parent-child order and repeat limits inside one PGA line (PGA p.21-58, p.61-67). */
function checkOrder(list: readonly DecodedRecord[], ctx: LintContext): void {
  let products = 0;
  let firstItem = true;
  let group: DecodedRecord | undefined;
  let packaging: DecodedRecord[] = [];
  let linePackaging: DecodedRecord[] = [];
  // Whether a PG02, PG04, PG13 or PG14 came before (after the PG01).
  let groupParentSeen = false;
  for (let i = 1; i < list.length; i++) {
    const r = list[i]!;
    const id = recordId(r)!;
    if (group && id !== 'PG50' && id !== 'PG51' && !GROUP_CHILDREN.has(id)) {
      ctx.report('group-child', r, { columns: [1, 4], message: `${id} inside the PG50 group of record ${group.n} is not among the records known to be allowed in a group` });
    }
    switch (id) {
      case 'PG02': {
        const type = val(r, F.itemType);
        if (type === 'P' || type === 'C') {
          if (firstItem && type !== 'P') ctx.report('item-type-order', r, { ...fieldAt(ctx, r, 'itemType'), message: 'the first PG02 of a PGA line has item type P (product); components (C) follow it' });
          else if (type === 'P' && products > 0) ctx.report('item-type-order', r, { ...fieldAt(ctx, r, 'itemType'), message: 'second PG02 with item type P on one PGA line; later PG02s are components (C), another product needs its own PGA line' });
          if (type === 'P') products++;
        }
        firstItem = false;
        break;
      }
      case 'PG06':
        if (val(r, F.processingTypeCode) === DESCRIBED_PROCESSING && !val(r, F.processingDescription)) {
          ctx.report('processing-description', r, { ...fieldAt(ctx, r, 'processingDescription'), message: `processing type ${DESCRIBED_PROCESSING} needs a processing description` });
        }
        break;
      case 'PG08':
        if (recordId(parentOf(list, i, SKIP_PG08)!) !== 'PG07') ctx.report('pg08-without-pg07', r, { columns: [1, 4], message: 'PG08 item identity numbers must follow a PG07 (they take its qualifier)' });
        break;
      case 'PG13':
        if (recordId(list[i + 1] ?? r) !== 'PG14') ctx.report('lpco-pair', r, { columns: [1, 4], message: 'PG13 LPCO issuer is not followed by its PG14 LPCO details' });
        break;
      case 'PG14':
        if (recordId(list[i - 1]!) !== 'PG13') ctx.report('lpco-pair', r, { columns: [1, 4], message: 'PG14 LPCO details are not preceded by a PG13 LPCO issuer; send one PG13/PG14 pair per document' });
        break;
      case 'PG20': {
        const p = parentOf(list, i, SKIP_OVERFLOW);
        if (recordId(p!) !== 'PG19' && !isReplacement(p)) ctx.report('pg20-without-pg19', r, { columns: [1, 4], message: `PG20 entity address follows ${recordId(p!)} (record ${p!.n}), not the PG19 of its entity; send PG19, PG20, PG21 per entity` });
        break;
      }
      case 'PG21': {
        const p = parentOf(list, i, SKIP_PG21);
        if (!PG21_PARENTS.has(recordId(p!)!) && !isReplacement(p)) ctx.report('pg21-without-parent', r, { columns: [1, 4], message: `PG21 point of contact follows ${recordId(p!)} (record ${p!.n}); it belongs under a PG19/PG20 entity, a PG22 declaration or a PG30 inspection location` });
        break;
      }
      case 'PG55': {
        const p = parentOf(list, i, SKIP_OVERFLOW);
        if (!PG55_PARENTS.has(recordId(p!)!) && !isReplacement(p)) ctx.report('pg55-parent', r, { columns: [1, 4], message: `PG55 additional roles follow ${recordId(p!)} (record ${p!.n}); they belong directly after the PG19, PG20 or PG21 they extend` });
        break;
      }
      case 'PG60':
        checkPg60(r, parentOf(list, i, SKIP_OVERFLOW)!, ctx);
        break;
      case 'PG26':
        (group ? packaging : linePackaging).push(r);
        break;
      case 'PG50':
        if (group) {
          ctx.report('group-nesting', r, { columns: [1, 4], message: `PG50 inside the group opened at record ${group.n}; groups do not nest (close it with PG51 first)` });
          break;
        }
        if (!groupParentSeen) ctx.report('group-parent', r, { columns: [1, 4], message: 'PG50 group has no parent: a group belongs to the closest PG02, PG04, PG13 or PG14 before it' });
        group = r;
        packaging = [];
        break;
      case 'PG51':
        if (!group) ctx.report('group-unclosed', r, { columns: [1, 4], message: 'PG51 ends a group that no PG50 started' });
        else checkPackaging(packaging, ctx);
        group = undefined;
        break;
    }
    if (!groupParentSeen && GROUP_PARENTS.has(id)) groupParentSeen = true;
  }
  if (group) {
    ctx.report('group-unclosed', group, { columns: [1, 4], message: 'PG50 group is not closed by a PG51 before the PGA line ends' });
    checkPackaging(packaging, ctx);
  }
  checkPackaging(linePackaging, ctx);
}

/** PGA p.58: PG60 overflows the record immediately before it; the qualifier names which one. */
function checkPg60(r: DecodedRecord, parent: DecodedRecord, ctx: LintContext): void {
  const pid = recordId(parent)!;
  if (isReplacement(parent)) return;
  if (!PG60_PARENTS.has(pid)) {
    ctx.report('pg60-parent', r, { columns: [1, 4], message: `PG60 additional information follows ${pid} (record ${parent.n}); it overflows a PG07, PG19, PG20 or PG21 directly before it` });
    return;
  }
  const qualifier = val(r, F.qualifier);
  const entries = codeEntries(ctx.spec, 'pg60-qualifier', qualifier);
  if (entries.length && !entries.some((e) => inScope(e, { parent: pid }))) {
    ctx.report('pg60-qualifier', r, { ...fieldAt(ctx, r, 'qualifier'), message: `PG60 qualifier ${qualifier} overflows ${describeScopes(entries).replace('parent ', '')}, but it follows ${pid} (record ${parent.n})` });
  }
}

/** A PG26's packaging level 1-6 (`/^[1-6]$/` without the regular expression); 0 for anything else. */
function packagingLevel(r: DecodedRecord): number {
  const q = val(r, F.packagingQualifier);
  const n = q.length === 1 ? q.charCodeAt(0) - 48 : 0;
  return n >= 1 && n <= 6 ? n : 0;
}

/**
 * PG26 levels of one PGA line (or one PG50 group): at most six, each used
 * once; 1 is the outermost and comes first (PGA p.42, seed 002). Vendor
 * data sends the levels innermost first, so order is only a warning.
 */
function checkPackaging(records: DecodedRecord[], ctx: LintContext): void {
  if (!records.length) return;
  if (records.length > 6) {
    const seventh = records[6]!;
    ctx.report('pg26-count', seventh, { columns: [1, 4], message: `${records.length} PG26 packaging records; a PGA line describes at most six levels` });
  }
  // Levels 1-6 as bits, and whether they came 1, 2, 3 … so far: the common case allocates
  // nothing (a Map per PGA line showed among lint's allocations). The rare report finds the
  // records again.
  let used = 0;
  let count = 0;
  let inOrder = true;
  // The first record of each level, made at the first repeat (rare), so that repeats cost no search each.
  let firstAt: DecodedRecord[] | undefined;
  for (const r of records) {
    // Blank is mandatory-field (P16); a value outside 1-6 is code-unknown on the packaging-level list (P17).
    const n = packagingLevel(r);
    if (!n) continue;
    if (used & (1 << n)) {
      if (!firstAt) {
        firstAt = [];
        for (const x of records) {
          const level = packagingLevel(x);
          if (level && !firstAt[level]) firstAt[level] = x;
        }
      }
      const before = firstAt[n]!;
      ctx.report('pg26-level', r, { ...fieldAt(ctx, r, 'packagingQualifier'), message: `packaging level ${n} is used again (first at record ${before.n}); each level appears once` });
      continue;
    }
    used |= 1 << n;
    count++;
    // Contiguous from 1 and ascending, as most lines are: 1, 2, 3 … (no sort needed to tell).
    if (n !== count) inOrder = false;
  }
  if (inOrder) return;
  // The levels in order of first use; the first record with a level used it first.
  const levels: number[] = [];
  for (const x of records) {
    const n = packagingLevel(x);
    if (n && !levels.includes(n)) levels.push(n);
  }
  const r = records.find((x) => packagingLevel(x) !== 0)!;
  ctx.report('pg26-order', r, {
    ...fieldAt(ctx, r, 'packagingQualifier'),
    message: `packaging levels are ${levels.join(', ')}; expected ${levels.map((_, i) => i + 1).join(', ')}, outermost (1) first and the last record the base quantity`,
  });
}

// ---- PG00 substitution, once per transaction (or per outermost fragment group) ----

/**
 * PGA p.59, p.69-70: `PG00 S nnnn` … `PG00 E` defines a group (at header or
 * line level, before the tariff lines), `PG00 R nnnn` inside a PGA line stands
 * for group nnnn. Numbers are 0001-9999, unique and in sequence within a
 * transaction. The p.69 example sends `PG00 E` without a number, so E's number
 * is optional. Also reports PGA records at header or line level outside any
 * such group (those levels carry only PG00 groups, ESF-20..25).
 */
function checkSubstitution(group: Group, records: LintRecord[], ctx: LintContext): void {
  let open: { number: string; record: DecodedRecord } | undefined;
  const defined = new Map<string, DecodedRecord>();
  const replacements: DecodedRecord[] = [];
  let previous = 0;
  let misplacedRun = false;
  for (const { record, path } of records) {
    const id = recordId(record);
    const depth = path[path.length - 1]?.level;
    const misplaced = isPgaRecord(id) && id !== 'PG00' && !open && (depth === 'transaction' || depth === 'line');
    if (misplaced && !misplacedRun) {
      ctx.report('pga-misplaced', record, { columns: [1, 4], message: `${id} at ${depth === 'line' ? 'line' : 'header'} level is outside a PG00 substitution group; PGA data follows an OI under a tariff line` });
    }
    misplacedRun = misplaced;
    if (id !== 'PG00') continue;
    const indicator = val(record, F.substitutionIndicator);
    const number = val(record, F.substitutionNumber);
    const numbered = /^\d{4}$/.test(number) && number !== '0000';
    const problem = (message: string, field: string) => ctx.report('substitution', record, { ...fieldAt(ctx, record, field), message });
    if (indicator === 'S') {
      if (open) {
        problem(`PG00 S inside the substitution group ${open.number} opened at record ${open.record.n}; close it with PG00 E first`, 'substitutionIndicator');
        continue;
      }
      if (!numbered) problem(`PG00 S needs a substitution number 0001-9999, not ${show(number)}`, 'substitutionNumber');
      else if (defined.has(number)) problem(`substitution number ${number} is already used by the group at record ${defined.get(number)!.n}`, 'substitutionNumber');
      else {
        defined.set(number, record);
        if (Number(number) !== previous + 1) {
          ctx.report('substitution-order', record, {
            ...fieldAt(ctx, record, 'substitutionNumber'),
            message: `substitution group ${number} follows ${previous ? `group ${String(previous).padStart(4, '0')}` : 'no group'}; number the groups 0001, 0002 … in order`,
          });
        }
        previous = Number(number);
      }
      open = { number, record };
    } else if (indicator === 'E') {
      if (!open) problem('PG00 E ends a substitution group that no PG00 S started', 'substitutionIndicator');
      else if (number && number !== open.number) problem(`PG00 E number ${number} does not match the group ${open.number} opened at record ${open.record.n}`, 'substitutionNumber');
      open = undefined;
    } else if (indicator === 'R') {
      if (open) problem(`PG00 R inside the substitution group ${open.number} opened at record ${open.record.n}`, 'substitutionIndicator');
      else if (depth !== 'pgaLine') problem('PG00 R stands for a group of records inside a PGA line; here it is outside one', 'substitutionIndicator');
      else if (!numbered) problem(`PG00 R needs the number of the group it stands for, not ${show(number)}`, 'substitutionNumber');
      else replacements.push(record);
    }
  }
  if (open) {
    ctx.report('substitution', open.record, { ...fieldAt(ctx, open.record, 'substitutionIndicator'), message: `substitution group ${open.number} has no PG00 E before the ${group.level === 'transaction' ? 'transaction' : 'input'} ends` });
  }
  for (const r of replacements) {
    const number = val(r, F.substitutionNumber);
    if (!defined.has(number)) ctx.report('substitution', r, { ...fieldAt(ctx, r, 'substitutionNumber'), message: `PG00 R points at substitution group ${number}, which no PG00 S defines in this transaction` });
  }
}
