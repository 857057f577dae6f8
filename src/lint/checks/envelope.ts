/**
 * The ABI envelope: A…Z batches around B…Y blocks (B&B-8, "Loop Repeat").
 * Checked as a small state machine over the records in order, so a missing or
 * stray header or trailer is found where it happens. A file that starts without
 * any envelope (a fragment) is not asked for one; once an A or B appears, the
 * envelope rules apply from there on.
 */
import { isBlank, rtrim } from '../../codec/field.js';
import type { DecodedRecord } from '../../decode/record.js';
import type { FieldSpec, Spec } from '../../spec/types.js';
import type { Check, LintContext, RuleInfo } from '../types.js';
import { fieldText } from './record.js';

export const ENVELOPE_RULES: RuleInfo[] = [
  { code: 'missing-block-header', severity: 'error', cbp: 'X03', title: 'records outside a B…Y block', source: 'B&B-9, B&B-13 (A is immediately followed by B); B&B-31 (X03)' },
  { code: 'missing-transaction', severity: 'error', cbp: 'X04', title: 'block with no transaction records', source: 'B&B-13 (B is followed by a detail record); B&B-31 (X04)' },
  { code: 'missing-block-trailer', severity: 'error', cbp: 'X05', title: 'block without a Y trailer', source: 'B&B-8, B&B-12 (Z is immediately preceded by Y); B&B-31 (X05)' },
  { code: 'missing-batch-trailer', severity: 'error', cbp: 'X06', title: 'batch without a Z trailer', source: 'B&B-9 (a batch ends with Z); B&B-31 (X06)' },
  { code: 'missing-batch-header', severity: 'error', title: 'block or trailer outside an A…Z batch', source: 'B&B-9 (each batch begins with A)' },
  { code: 'batch-trailer-mismatch', severity: 'error', cbp: 'X14', title: 'Z record does not echo the A record', source: 'B&B-12; B&B-31 (X14)' },
  { code: 'block-trailer-mismatch', severity: 'error', cbp: 'X32', title: 'Y record does not echo the B record', source: 'B&B-15; B&B-32 (X32)' },
  { code: 'block-count', severity: 'error', title: 'Y transaction image count differs from the records in the block', source: 'B&B-15, B&B-27 (count excludes B and Y)' },
  { code: 'app-id-missing', severity: 'error', cbp: 'X11', title: 'A record has no application id', source: 'B&B-9/10 (M for ESAR), B&B-16; B&B-31 (X11)' },
  { code: 'app-id-unknown', severity: 'error', cbp: 'X12', title: 'application id is not a known ACE application', source: 'B&B-10 Note 3 (applications.tsv); B&B-31 (X12)' },
  { code: 'app-id-mismatch', severity: 'error', cbp: 'X19', title: 'block application id differs from the batch application id', source: 'B&B-16; B&B-32 (X19)' },
  { code: 'preparer-not-allowed', severity: 'warning', cbp: 'X23', title: 'preparer fields in a block of an application B&B-13 Note 4 does not list', source: 'B&B-13 Note 4; B&B-32 (X23); B&B-36 (a CW block with preparer fields, not rejected for them)' },
  { code: 'preparer-indicator-unknown', severity: 'error', cbp: 'X21', title: 'preparer indicator is neither 1 nor space', source: 'B&B-13/14; B&B-32 (X21)' },
  { code: 'preparer-conflict', severity: 'error', cbp: 'X22', title: 'preparer fields and preparer indicator disagree', source: 'B&B-13/14; B&B-32 (X22)' },
  { code: 'preparer-port-missing', severity: 'error', cbp: 'X24', title: 'preparer indicator 1 without a preparer port', source: 'B&B-13/14; B&B-32 (X24)' },
  { code: 'preparer-filer-missing', severity: 'error', cbp: 'X25', title: 'preparer indicator 1 without a preparer filer code', source: 'B&B-13/14; B&B-32 (X25)' },
  { code: 'filer-mismatch', severity: 'error', title: 'entry filer code differs from the block filer', source: 'SE-31 (SE10 filer equals the B filer); B&B-17 (one filer per AE block)' },
];

/** eMAN applications: the A record's application id is optional for them (B&B-9/10 "M-ESAR / O-eMAN"). */
const EMAN_INPUT = new Set(['QP', 'WP']);

interface Batch {
  header: DecodedRecord;
  app: string;
  blocks: number;
}

interface Block {
  header: DecodedRecord;
  details: number;
  /** Entry filer code of the block's first AE entry summary (B&B-17). */
  entryFiler?: string;
}

function field(r: DecodedRecord, id: string): FieldSpec | undefined {
  return r.layout?.fields.find((f) => f.id === id);
}

function value(r: DecodedRecord, id: string): string | undefined {
  const f = field(r, id);
  return f ? rtrim(fieldText(r, f)) : undefined;
}

const cols = (f: FieldSpec): [number, number] => [f.start, f.end];

export function envelopeChecks(): Check[] {
  let enveloped = false; // an A or B has been seen
  let batch: Batch | undefined;
  let block: Block | undefined;
  let orphanReported = false;
  // Set once a batch has closed: a later bare B is then outside any batch (a file of bare blocks is a fragment).
  let everBatched = false;

  const closeBlockWithoutTrailer = (ctx: LintContext, at: DecodedRecord | undefined) => {
    if (!block) return;
    ctx.report('missing-block-trailer', block.header, {
      columns: [1, 1],
      message: at ? `block has no Y trailer before the ${at.layout?.record ?? ''} record at record ${at.n}` : 'block has no Y trailer before the end of the file',
    });
    block = undefined;
  };

  const check: Check = {
    rules: ENVELOPE_RULES,
    record({ record, path }, ctx) {
      const layout = record.layout;
      const level = layout?.level;
      if (level === 'batch' && layout!.role === 'open') {
        closeBlockWithoutTrailer(ctx, record);
        if (batch) ctx.report('missing-batch-trailer', batch.header, { columns: [1, 1], message: `batch has no Z trailer before the A record at record ${record.n}` });
        const app = value(record, 'applicationId') ?? '';
        batch = { header: record, app, blocks: 0 };
        enveloped = true;
        orphanReported = false;
        if (app && !ctx.spec.applications.has(app)) appUnknown(ctx, record, app);
        return;
      }
      if (level === 'block' && layout!.role === 'open') {
        closeBlockWithoutTrailer(ctx, record);
        if (!batch && everBatched) ctx.report('missing-batch-header', record, { columns: [1, 1], message: 'B record outside an A…Z batch' });
        enveloped = true;
        orphanReported = false;
        block = { header: record, details: 0 };
        if (batch) batch.blocks++;
        blockHeader(ctx, record, batch);
        return;
      }
      if (level === 'block' && layout!.role === 'close') {
        if (!block) {
          ctx.report('missing-block-header', record, { columns: [1, 1], message: 'Y record without a B record opening its block' });
        } else {
          if (block.details === 0) ctx.report('missing-transaction', record, { columns: [1, 1], message: `block opened at record ${block.header.n} has no transaction records` });
          echo(ctx, 'block-trailer-mismatch', block.header, record);
          count(ctx, record, block.details);
        }
        block = undefined;
        orphanReported = false;
        return;
      }
      if (level === 'batch' && layout!.role === 'close') {
        closeBlockWithoutTrailer(ctx, record);
        if (!batch) {
          ctx.report('missing-batch-header', record, { columns: [1, 1], message: 'Z record without an A record opening its batch' });
        } else {
          if (batch.blocks === 0) ctx.report('missing-block-header', record, { columns: [1, 1], message: `batch opened at record ${batch.header.n} encloses no B…Y block` });
          echo(ctx, 'batch-trailer-mismatch', batch.header, record);
        }
        batch = undefined;
        everBatched = true;
        orphanReported = false;
        return;
      }
      // A transaction (detail) record, known or not.
      if (block) {
        block.details++;
        if (layout?.role === 'open' && level === 'transaction') entryFiler(ctx, record, block, ctx.appOf(path));
      } else if (enveloped && !orphanReported) {
        orphanReported = true;
        ctx.report('missing-block-header', record, {
          columns: [1, Math.max(1, Math.min(4, record.text.length))],
          message: batch ? 'transaction record outside a B…Y block (an A record is followed by a B record)' : 'transaction record after the end of the last block',
        });
      }
    },
    end(ctx) {
      closeBlockWithoutTrailer(ctx, undefined);
      if (batch) ctx.report('missing-batch-trailer', batch.header, { columns: [1, 1], message: 'batch has no Z trailer before the end of the file' });
    },
  };
  return [check];
}

function appUnknown(ctx: LintContext, record: DecodedRecord, app: string): void {
  const f = field(record, 'applicationId')!;
  ctx.report('app-id-unknown', record, { columns: cols(f), field: f.id, message: `application id ${JSON.stringify(app)} is not a known ACE application (B&B-10 Note 3)` });
}

function blockHeader(ctx: LintContext, record: DecodedRecord, batch: Batch | undefined): void {
  const appField = field(record, 'applicationId');
  if (appField) {
    const app = rtrim(fieldText(record, appField));
    if (app && !ctx.spec.applications.has(app)) appUnknown(ctx, record, app);
    if (batch && app) {
      if (batch.app && batch.app !== app) {
        ctx.report('app-id-mismatch', record, {
          columns: cols(appField), field: appField.id,
          message: `block application id ${JSON.stringify(app)} differs from ${JSON.stringify(batch.app)} in the A record at record ${batch.header.n}`,
        });
      } else if (!batch.app && batch.blocks === 1 && ctx.spec.applications.get(app)?.direction === 'input' && !EMAN_INPUT.has(app)) {
        const a = field(batch.header, 'applicationId');
        ctx.report('app-id-missing', batch.header, {
          ...(a ? { columns: cols(a), field: a.id } : {}),
          message: `A record has no application id; its blocks are ${app}, and ESAR batches name the application on both A and B (B&B-16)`,
        });
      }
    }
  }
  preparer(ctx, record);
}

/** The input applications whose blocks take preparer fields, for a message. */
function takers(spec: Spec): string {
  return [...spec.applications.values()].filter((a) => a.direction === 'input' && a.preparer).map((a) => a.app).join(', ');
}

/** Preparer fields of the B record (B&B-13/14): indicator `1` with port and filer, or all blank. */
function preparer(ctx: LintContext, r: DecodedRecord): void {
  const ind = field(r, 'preparerIndicator');
  const port = field(r, 'preparerPort');
  const filer = field(r, 'preparerFilerCode');
  const office = field(r, 'preparerOfficeCode');
  if (!ind || !port || !filer) return;
  const indicator = rtrim(fieldText(r, ind));
  const has = (f: FieldSpec | undefined) => !!f && !isBlank(fieldText(r, f));
  // Note 4 lists the applications whose blocks take preparer fields; CBP may reject them elsewhere
  // (X23). A warning: CBP's own B&B-36 example sends them in a CW block and is not rejected for them.
  const appField = field(r, 'applicationId');
  const app = appField ? ctx.spec.applications.get(rtrim(fieldText(r, appField))) : undefined;
  if (app?.direction === 'input' && app.preparer === false && (indicator !== '' || has(port) || has(filer) || has(office))) {
    ctx.report('preparer-not-allowed', r, { columns: [port.start, ind.end], message: `preparer fields are filled, and the block's application is ${app.app} (${app.name}); B&B-13 Note 4 lists preparer fields for ${takers(ctx.spec)} only, and CBP may reject them (X23)` });
  }
  if (indicator !== '' && indicator !== '1') {
    ctx.report('preparer-indicator-unknown', r, { columns: cols(ind), field: ind.id, message: `preparer indicator ${JSON.stringify(indicator)} is neither 1 nor space` });
    return;
  }
  if (indicator === '') {
    if (has(port) || has(filer) || has(office)) {
      ctx.report('preparer-conflict', r, { columns: [port.start, (office ?? filer).end], message: 'preparer fields are filled but the preparer indicator is not 1' });
    }
    return;
  }
  if (!has(port) && !has(filer)) {
    ctx.report('preparer-conflict', r, { columns: cols(ind), field: ind.id, message: 'preparer indicator is 1 but no preparer port or filer code is given' });
  } else if (!has(port)) {
    ctx.report('preparer-port-missing', r, { columns: cols(port), field: port.id, message: 'preparer indicator is 1 but the preparer port is blank' });
  } else if (!has(filer)) {
    ctx.report('preparer-filer-missing', r, { columns: cols(filer), field: filer.id, message: 'preparer indicator is 1 but the preparer filer code is blank' });
  }
}

/**
 * A trailer echoes the fields it shares with its header (same field id): Z
 * with A (B&B-12), Y with B (B&B-15). The Z password is a filler for ESAR and
 * must match only when given (eMAN).
 */
function echo(ctx: LintContext, code: 'batch-trailer-mismatch' | 'block-trailer-mismatch', header: DecodedRecord, trailer: DecodedRecord): void {
  const headerRecord = header.layout?.record ?? '';
  for (const f of trailer.layout?.fields ?? []) {
    if (f.hidden) continue;
    const h = field(header, f.id);
    if (!h || h.hidden) continue;
    const want = rtrim(fieldText(header, h));
    const got = rtrim(fieldText(trailer, f));
    if (f.id === 'communicationPassword' && got === '') continue;
    if (want !== got) {
      ctx.report(code, trailer, {
        columns: cols(f), field: f.id,
        message: `${f.element} ${JSON.stringify(got)} does not match ${JSON.stringify(want)} in the ${headerRecord} record at record ${header.n}`,
      });
    }
  }
}

function count(ctx: LintContext, y: DecodedRecord, details: number): void {
  const f = field(y, 'transactionImageCount');
  if (!f) return;
  const text = fieldText(y, f);
  if (isBlank(text) || !/^\d+$/.test(text)) return; // blank: ESAR input; non-digits: field-class
  if (Number(text) !== details) {
    ctx.report('block-count', y, { columns: cols(f), field: f.id, message: `transaction image count ${text} but the block holds ${details} record${details === 1 ? '' : 's'} between B and Y` });
  }
}

/** SE10's filer is the B filer (SE-31); all AE summaries in a block share one filer (B&B-17). */
function entryFiler(ctx: LintContext, record: DecodedRecord, block: Block, app: string | undefined): void {
  const f = field(record, 'entryFilerCode');
  if (!f) return;
  const filer = rtrim(fieldText(record, f));
  if (!filer) return;
  if (app === 'SE') {
    const b = value(block.header, 'processingFilerCode');
    if (b && b !== filer) {
      ctx.report('filer-mismatch', record, { columns: cols(f), field: f.id, message: `entry filer code ${JSON.stringify(filer)} differs from processing filer ${JSON.stringify(b)} in the B record at record ${block.header.n}` });
    }
  } else if (app === 'AE') {
    if (block.entryFiler === undefined) block.entryFiler = filer;
    else if (block.entryFiler !== filer) {
      ctx.report('filer-mismatch', record, { columns: cols(f), field: f.id, message: `entry filer code ${JSON.stringify(filer)} differs from ${JSON.stringify(block.entryFiler)} of the block's first entry summary` });
    }
  }
}
