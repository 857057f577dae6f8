/**
 * Lint fixtures built field by field from the layouts, so every record is exact
 * (80 columns, values in their columns). `test/lint-rules.test.ts` writes them
 * to test/fixtures/lint/*.abi (UPDATE_FIXTURES=1) and checks the files still match.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryCheckDigit } from '../src/lint/checks/transaction.js';
import { readSpecFiles, defaultSpecDir } from '../src/node/spec-dir.js';
import { buildSpec } from '../src/spec/build.js';
import type { Spec } from '../src/spec/types.js';
import { ROOT } from './helpers.js';

export const FIXTURES = join(ROOT, 'test', 'fixtures', 'lint');

/** The shipped layouts with the fixtures' own code lists. */
export function fixtureSpec(): Spec {
  const files = readSpecFiles(defaultSpecDir());
  files.set('codes.tsv', readFileSync(join(FIXTURES, 'codes.tsv'), 'utf8'));
  const { spec, problems } = buildSpec('ace-2026-07', files);
  if (!spec) throw new Error(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  return spec;
}

const spec = fixtureSpec();

/** One record of `layout` with the given field values (text as is, left-justified; constants filled in). */
export function rec(layout: string, values: Record<string, string> = {}): string {
  const l = spec.layouts.get(layout);
  if (!l) throw new Error(`no layout ${layout}`);
  const cols = Array<string>(80).fill(' ');
  const unused = new Set(Object.keys(values));
  for (const f of l.fields) {
    const v = values[f.id] ?? f.constant;
    unused.delete(f.id);
    if (v === undefined) continue;
    if (v.length > f.width) throw new Error(`${layout}.${f.id}: ${JSON.stringify(v)} is wider than ${f.width}`);
    for (let i = 0; i < v.length; i++) cols[f.start - 1 + i] = v[i]!;
  }
  if (unused.size) throw new Error(`${layout}: no field ${[...unused].join(', ')}`);
  return cols.join('');
}

/** A valid entry number for a filer: the 7-digit transaction number and its Appendix E check digit. */
export function entryNumber(filer: string, transaction: string): string {
  return transaction + String(entryCheckDigit(filer, transaction));
}

type Values = Record<string, string>;
const A = (v: Values = {}) => rec('A', { senderSiteCode: '5201', senderIdCode: 'ZQ9', communicationPassword: 'SAMPLE', transmissionDate: '041526', applicationId: 'AE', senderOfficeCode: '01', userDataText: 'LINT FIXTURE', ...v });
const Z = (v: Values = {}) => rec('Z', { senderSiteCode: '5201', senderIdCode: 'ZQ9', transmissionDate: '041526', senderOfficeCode: '01', ...v });
const B = (v: Values = {}) => rec('B.in', { processingPort: '5201', processingFilerCode: 'ZQ9', applicationId: 'AE', processingFilerOfficeCode: '01', ...v });
const Y = (v: Values = {}) => rec('Y', { processingPort: '5201', processingFilerCode: 'ZQ9', applicationId: 'AE', processingFilerOfficeCode: '01', ...v });
const AE10 = (v: Values = {}) => rec('10', { actionCode: 'A', entryFilerCode: 'ZQ9', entryNumber: entryNumber('ZQ9', '6015024'), portOfEntry: '5206', entryType: '01', modeOfTransport: '40', electronicSignature: 'X', ...v });
const AE11 = (v: Values = {}) => rec('11', { importerOfRecordNumber: '98-765432100', estimatedEntryDate: '041626', ...v });
const AE40 = (v: Values = {}) => rec('40', { lineItemIdentifier: '001', countryOfOrigin: 'TW', countryOfExport: 'TW', dateOfExport: '041426', ...v });
const AE50 = (v: Values = {}) => rec('50', { htsNumber: '0602902000', dutyAmount: '0000000000', valueOfGoods: '0000006840', quantity1: '000000038000', unitOfMeasure1: 'KG', ...v });
const AE90 = (v: Values = {}) => rec('90', { totalDuty: '00000000000', ...v });
const entry = () => [AE10(), AE11(), AE40(), AE50(), AE90()];

const SE = { applicationId: 'SE' };
const SE10 = (v: Values = {}) => rec('SE10', { actionCode: 'A', entryFilerCode: 'ZQ9', entryNumber: entryNumber('ZQ9', '6015925'), entryType: '01', ...v });
const SE40 = () => rec('SE40', { lineItemIdentifier: '001', countryOfOrigin: 'PE', commercialInvoiceDescription: 'FRESH BLUEBERRIES' });
const SE60 = () => rec('SE.SE60', { htsNumber: '0810400029', lineItemValue: '0000014400' });

export interface Fixture {
  name: string;
  /** What the fixture shows. */
  about: string;
  records: string[];
  /** Every issue the core rules report, as `code@record`, sorted by record. */
  expect: string[];
  /** Application assumed outside an envelope. */
  app?: string;
}

export const FIXTURE_LIST: Fixture[] = [
  { name: 'valid-ae', about: 'a clean AE batch: the base the other fixtures change', records: [A(), B(), ...entry(), Y(), Z()], expect: [] },
  { name: 'valid-se', about: 'a clean SE batch', records: [A(SE), B(SE), SE10(), SE40(), SE60(), Y(SE), Z()], expect: [] },
  // record level
  { name: 'record-length', about: 'the 11 record cut to 60 characters', records: [A(), B(), AE10(), AE11().slice(0, 60), AE40(), AE50(), AE90(), Y(), Z()], expect: ['record-length@4'] },
  { name: 'unknown-record', about: 'a record id no AE layout has', records: [A(), B(), AE10(), 'QQ99'.padEnd(80), AE11(), AE40(), AE50(), AE90(), Y(), Z()], expect: ['unknown-record@4'] },
  {
    name: 'application-not-covered', about: 'an EQ query block: the spec has no EQ layouts',
    records: [A({ applicationId: 'EQ' }), B({ applicationId: 'EQ' }), 'J1 QUERY'.padEnd(80), 'J1 QUERY'.padEnd(80), Y({ applicationId: 'EQ' }), Z()], expect: ['application-not-covered@3'],
  },
  { name: 'non-displayable', about: 'a tab in the broker reference', records: [A(), B(), AE10({ brokerReferenceNumber: 'REF\t1' }), AE11(), AE40(), AE50(), AE90(), Y(), Z()], expect: ['non-displayable@3'] },
  { name: 'lowercase', about: 'a lower-case importer number', records: [A(), B(), AE10(), AE11({ importerOfRecordNumber: '98-76543210a' }), AE40(), AE50(), AE90(), Y(), Z()], expect: ['lowercase@4'] },
  { name: 'filler-not-blank', about: 'data in the 10 record filler at 17', records: [A(), B(), rec('10', { actionCode: 'A', entryFilerCode: 'ZQ9', entryNumber: entryNumber('ZQ9', '6015024'), filler2: 'X', portOfEntry: '5206', entryType: '01', modeOfTransport: '40' }), AE11(), AE40(), AE50(), AE90(), Y(), Z()], expect: ['filler-not-blank@3'] },
  { name: 'field-class', about: 'a slash in an AN country of export', records: [A(), B(), AE10(), AE11(), AE40({ countryOfExport: 'T/' }), AE50(), AE90(), Y(), Z()], expect: ['field-class@5'] },
  { name: 'mandatory-field', about: 'no unit of measure on the 50 record', records: [A(), B(), AE10(), AE11(), AE40(), AE50({ unitOfMeasure1: '' }), AE90(), Y(), Z()], expect: ['mandatory-field@6'] },
  { name: 'invalid-date', about: 'February 30 as the estimated entry date', records: [A(), B(), AE10(), AE11({ estimatedEntryDate: '023026' }), AE40(), AE50(), AE90(), Y(), Z()], expect: ['invalid-date@4'] },
  { name: 'invalid-time', about: 'PG30 inspection time 2460', records: [rec('PG30', { inspectionStatus: 'A', inspectionDate: '05062026', inspectionTime: '2460' })], expect: ['invalid-time@1'] },
  { name: 'numeric-space-padded', about: 'PG28 can dimensions right-justified with spaces, as some software sends them', records: [rec('PG28', { canDimensions1: ' 800', canDimensions2: ' 608', packageTrackingNumberCode: 'DHLX', packageTrackingNumber: '1234567890' })], expect: ['numeric-space-padded@1', 'numeric-space-padded@1'] },
  { name: 'numeric-zero-filled', about: 'an unused PG26 quantity sent as zeros', records: [rec('PG26', { packagingQualifier: '1', quantity: '000000000000', unit: 'BX' })], expect: ['numeric-zero-filled@1'] },
  { name: 'code-unknown', about: 'mode of transport 99, not in a complete list', records: [A(), B(), AE10({ modeOfTransport: '99' }), AE11(), AE40(), AE50(), AE90(), Y(), Z()], expect: ['code-unknown@3'] },
  { name: 'code-unlisted', about: 'entry type 99, not in a partial list', records: [A(), B(), AE10({ entryType: '99' }), AE11(), AE40(), AE50(), AE90(), Y(), Z()], expect: ['code-unlisted@3'] },
  // envelope
  { name: 'missing-block-header', about: 'an entry summary after the block closed', records: [A(), B(), ...entry(), Y(), AE10(), Z()], expect: ['missing-block-header@9'] },
  { name: 'missing-transaction', about: 'a block with nothing in it', records: [A(), B(), Y(), Z()], expect: ['missing-transaction@3'] },
  { name: 'missing-block-trailer', about: 'no Y before the Z', records: [A(), B(), ...entry(), Z()], expect: ['missing-block-trailer@2'] },
  { name: 'missing-batch-trailer', about: 'no Z at the end', records: [A(), B(), ...entry(), Y()], expect: ['missing-batch-trailer@1'] },
  { name: 'missing-batch-header', about: 'a second block after the Z', records: [A(), B(), ...entry(), Y(), Z(), B(), ...entry(), Y()], expect: ['missing-batch-header@10'] },
  { name: 'batch-trailer-mismatch', about: 'Z sender id ZQ8 under A sender id ZQ9', records: [A(), B(), ...entry(), Y(), Z({ senderIdCode: 'ZQ8' })], expect: ['batch-trailer-mismatch@9'] },
  { name: 'block-trailer-mismatch', about: 'Y port 5202 under B port 5201', records: [A(), B(), ...entry(), Y({ processingPort: '5202' }), Z()], expect: ['block-trailer-mismatch@8'] },
  { name: 'block-count', about: 'Y counts 3 records, the block holds 5', records: [A(), B(), ...entry(), Y({ transactionImageCount: '00003' }), Z()], expect: ['block-count@8'] },
  { name: 'app-id-missing', about: 'A record without an application id', records: [A({ applicationId: '' }), B(), ...entry(), Y(), Z()], expect: ['app-id-missing@1'] },
  {
    name: 'app-id-unknown', about: 'application id EI on A and B (CBP batch-reject example)',
    records: [A({ applicationId: 'EI' }), B({ applicationId: 'EI' }), ...entry(), Y({ applicationId: 'EI' }), Z()], expect: ['app-id-unknown@1', 'app-id-unknown@2'],
  },
  { name: 'app-id-mismatch', about: 'A says AX, B says AE', records: [A({ applicationId: 'AX' }), B(), ...entry(), Y(), Z()], expect: ['app-id-mismatch@2'] },
  { name: 'preparer-not-allowed', about: 'preparer data in an entry summary query (EQ) block (with no transaction in it)', records: [A({ applicationId: 'EQ' }), B({ applicationId: 'EQ', preparerPort: '1232', preparerFilerCode: 'N01', preparerIndicator: '1' }), Y({ applicationId: 'EQ' }), Z()], expect: ['preparer-not-allowed@2', 'missing-transaction@3'] },
  { name: 'preparer-indicator-unknown', about: 'preparer indicator 2', records: [A(), B({ preparerPort: '1232', preparerFilerCode: 'N01', preparerIndicator: '2' }), ...entry(), Y(), Z()], expect: ['preparer-indicator-unknown@2'] },
  { name: 'preparer-conflict', about: 'preparer data without indicator 1', records: [A(), B({ preparerPort: '1232', preparerFilerCode: 'N01' }), ...entry(), Y(), Z()], expect: ['preparer-conflict@2'] },
  { name: 'preparer-port-missing', about: 'indicator 1 and a filer, no port', records: [A(), B({ preparerFilerCode: 'N01', preparerIndicator: '1' }), ...entry(), Y(), Z()], expect: ['preparer-port-missing@2'] },
  { name: 'preparer-filer-missing', about: 'indicator 1 and a port, no filer', records: [A(), B({ preparerPort: '1232', preparerIndicator: '1' }), ...entry(), Y(), Z()], expect: ['preparer-filer-missing@2'] },
  {
    name: 'filer-mismatch', about: 'SE10 filer ZQ8 in a block of filer ZQ9',
    records: [A(SE), B(SE), SE10({ entryFilerCode: 'ZQ8', entryNumber: entryNumber('ZQ8', '6015925') }), SE40(), SE60(), Y(SE), Z()], expect: ['filer-mismatch@3'],
  },
  // transactions
  { name: 'missing-transaction-header', about: 'the 11 record before the 10', records: [A(), B(), AE11(), AE10(), AE40(), AE50(), AE90(), Y(), Z()], expect: ['missing-transaction-header@3'] },
  { name: 'record-order', about: 'the 11 record after the line', records: [A(), B(), AE10(), AE40(), AE50(), AE11(), AE90(), Y(), Z()], expect: ['record-order@6'] },
  {
    name: 'record-order-after-lines', about: 'the 11 record after two lines of a tariff line each (each line is passed over as a whole)',
    records: [A(), B(), AE10(), AE40(), AE50(), AE40({ lineItemIdentifier: '002' }), AE50(), AE50(), AE11(), AE90(), Y(), Z()], expect: ['record-order@9'],
  },
  { name: 'entry-check-digit', about: 'entry number with the check digit off by one', records: [A(), B(), AE10({ entryNumber: '6015024' + String((entryCheckDigit('ZQ9', '6015024')! + 1) % 10) }), AE11(), AE40(), AE50(), AE90(), Y(), Z()], expect: ['entry-check-digit@3'] },
];
