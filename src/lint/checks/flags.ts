/**
 * APHIS Core flags (issue "catair lint" §6). ACE flags HTS numbers AQ1 ("APHIS
 * data may be required") and AQ2 ("required"); catair does not know the flags
 * itself, so the user supplies them (`--flags FILE`, a CSV of HTS and flag).
 *
 * Seed 001 lists the entry types on which APHIS enforces the flags; others are
 * exempt, and type 61 (in-bond IT) is not flagged by ACE although APHIS wants
 * the data at the first port of arrival. Seed 002: AQ2 needs an APHIS Core
 * message set whether or not an LPCO is needed, so it cannot be disclaimed;
 * AQ1 needs one when an LPCO is required and may otherwise be disclaimed. APHIS
 * Lacey Act (APL) data is a separate message set and answers neither flag.
 */
import type { DecodedRecord } from '../../decode/record.js';
import type { Check, LintContext, LintRecord, RuleInfo } from '../types.js';
import { APHIS, APHIS_CORE_PROGRAMS, factsCheck, fieldRefs, isAphisCoreData, isOutput, lineHead, recordId, TransactionFacts, val } from './pga-common.js';

const SEED_001 = 'seed 001 (When to Submit an APHIS Core Message Set, by Entry Type)';
const SEED_002 = 'APHIS Core Message Set Q&A (seed 002)';

const F = fieldRefs('htsNumber', 'disclaimer');

export const FLAGS_RULES: RuleInfo[] = [
  { code: 'aphis-flag-required', severity: 'error', cbp: 'P00', title: 'AQ2 tariff line without an APHIS Core data set', source: `${SEED_002} (AQ2: data is required); ${SEED_001}; PGA Error Dictionary P00` },
  { code: 'aphis-flag-unanswered', severity: 'error', cbp: 'P00', title: 'AQ1 tariff line with neither APHIS Core data nor a disclaimer', source: `${SEED_002} (AQ1: file when an LPCO is required, else disclaim); ${SEED_001}; PGA Error Dictionary P00` },
  { code: 'aphis-flag-disclaimed', severity: 'error', title: 'APHIS Core disclaimer on an AQ2 tariff line', source: `${SEED_002} (AQ2: a message set is required regardless of LPCO); PGA p.20 Note 1` },
  { code: 'aphis-flag-in-bond', severity: 'info', title: 'APHIS-flagged line on an in-bond (type 61) entry without APHIS Core data', source: `${SEED_001} (entry type 61); ${SEED_002}` },
];

/** Seed 001: entry types on which ACE enforces the APHIS Core flags. */
const ENFORCED = new Set(['01', '02', '03', '07', '11', '12', '21', '23', '52', '86']);
/** Seed 001: immediate transportation; explained, not rejected. */
const IN_BOND = '61';
const FLAGS = new Set(['AQ1', 'AQ2']);

export interface FlagsProblem {
  /** 1-based line of the CSV file. */
  line: number;
  message: string;
}

/** HTS number (10 digits, no dots) → `AQ1` | `AQ2`, with the problems found while reading the file. */
export class FlagTable extends Map<string, string> {
  readonly problems: FlagsProblem[] = [];
}

/**
 * Reads `hts,flag` lines (an optional header line, HTS with or without dots,
 * blank lines and `#` comments skipped). Problems are data with their line
 * numbers; a line with a problem is left out, and for an HTS listed with both
 * flags AQ2 is kept.
 */
export function parseFlagsCsv(text: string): FlagTable {
  const table = new FlagTable();
  const lineOf = new Map<string, number>();
  let first = true;
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const cells = splitCsvLine(content);
    const hts = (cells[0] ?? '').replace(/[.\s]/g, '');
    if (first) {
      first = false;
      if (!/^\d+$/.test(hts)) return; // header
    }
    const problem = (message: string) => table.problems.push({ line, message });
    if (!/^\d{10}$/.test(hts)) return problem(`HTS number ${JSON.stringify(cells[0] ?? '')} is not 10 digits`);
    const flag = (cells[1] ?? '').toUpperCase();
    // A filer's flag export lists every agency's flags (FD1, EP5, AL1 ...): only
    // APHIS Core's are ours; other well-formed agency flags are skipped, not errors.
    if (/^[A-Z]{2}\d$/.test(flag) && !FLAGS.has(flag)) return;
    if (!FLAGS.has(flag)) return problem(`flag ${JSON.stringify(cells[1] ?? '')} for ${hts} is not an agency flag (APHIS Core: AQ1 or AQ2)`);
    const before = table.get(hts);
    if (before && before !== flag) {
      problem(`${hts} is listed as ${before} on line ${lineOf.get(hts)} and as ${flag} here; AQ2 is kept`);
      if (flag !== 'AQ2') return;
    }
    table.set(hts, flag);
    lineOf.set(hts, line);
  });
  return table;
}

/** One CSV line's cells, trimmed; double quotes may enclose a cell ("" is a quote). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** `shared`: facts fed by `sharedFacts` (checks/index.ts) instead of by this check. */
export function flagsChecks(shared?: TransactionFacts): Check[] {
  return factsCheck(FLAGS_RULES, shared, (group, records, ctx, facts) => {
    if (group.level === 'tariff' && ctx.options.flags?.size && !isOutput(ctx, records[0]?.app)) checkTariff(records, ctx, facts);
  });
}

function checkTariff(records: LintRecord[], ctx: LintContext, facts: TransactionFacts): void {
  const opener = records[0]?.record;
  if (!opener?.layout || opener.layout.role !== 'open') return;
  // A PGA Data Correction (CA) sends only the lines it corrects; flags concern the filing itself.
  const app = records[0]!.app ?? ctx.options.app;
  if (app === 'CA' || recordId(opener) === 'CA60') return;
  const hts = val(opener, F.htsNumber);
  const flag = ctx.options.flags!.get(hts);
  if (!flag) return;
  const entryType = facts.entryType;
  if (entryType !== undefined && entryType !== IN_BOND && !ENFORCED.has(entryType)) return; // exempt or not in seed 001's table

  let data = false;
  const disclaimers: DecodedRecord[] = [];
  for (const { record } of records) {
    if (recordId(record) !== 'PG01') continue;
    const head = lineHead(record);
    if (isAphisCoreData(head)) data = true;
    else if (head.agency === APHIS && APHIS_CORE_PROGRAMS.has(head.program) && head.disclaimer) disclaimers.push(record);
  }
  const htsCols = ctx.columnsOf(opener, 'htsNumber');
  const at = { ...(htsCols ? { columns: htsCols } : {}), field: 'htsNumber' };
  const onType = entryType ? `entry type ${entryType}` : 'an entry of unknown type';
  const unanswered = !data && !disclaimers.length;
  const rejected = flag === 'AQ2' ? unanswered || disclaimers.length > 0 : unanswered;

  if (entryType === IN_BOND) {
    if (rejected) {
      ctx.report('aphis-flag-in-bond', opener, { ...at, message: `HTS ${hts} is flagged ${flag}; ACE does not flag in-bond type 61 entries, but APHIS wants APHIS Core data at the first port of arrival (file it with the final entry, or expect paper clearance there)` });
    }
    return;
  }
  if (flag === 'AQ2') {
    for (const d of disclaimers) {
      const c = ctx.columnsOf(d, 'disclaimer');
      ctx.report('aphis-flag-disclaimed', d, { ...(c ? { columns: c } : {}), field: 'disclaimer', message: `HTS ${hts} is flagged AQ2 (APHIS data required) on ${onType}; an APHIS Core line cannot be disclaimed (${val(d, F.disclaimer)})` });
    }
    if (unanswered) ctx.report('aphis-flag-required', opener, { ...at, message: `HTS ${hts} is flagged AQ2 (APHIS data required) on ${onType}, but the line has no APHIS Core data set (PG01 APH with APQ, AVS, AAC or ABS)` });
  } else if (unanswered) {
    ctx.report('aphis-flag-unanswered', opener, { ...at, message: `HTS ${hts} is flagged AQ1 (APHIS data may be required) on ${onType}: send an APHIS Core data set, or a disclaimer when no LPCO is required` });
  }
}
