/**
 * Fixtures for the PGA structure, APHIS and flag rules: JSON records (fields by
 * id) encoded into exact 80-column text with the spec layouts. The tests write
 * them to test/fixtures/lint/{pga,aphis,flags}/NAME.abi (UPDATE_FIXTURES=1) and
 * check the files still match, so each fixture can be read, linted and shown.
 */
import type { JsonRecord } from '../src/model/json.js';
import { edit, numberOf, rec, setFields } from './lint-pga-helpers.js';

type R = JsonRecord;

export interface PgaFixture {
  name: string;
  about: string;
  records: R[];
  /** Expected issues as [code, record id, nth record of that id]. */
  expect: [string, string, number?][];
  /** --flags CSV text (flags fixtures). */
  flags?: string;
}

/** `code@record` for the expectations, sorted like `found()`. */
export function expected(f: PgaFixture): string[] {
  return f.expect.map(([code, id, nth]) => `${code}@${numberOf(f.records, id, nth ?? 1)}`).sort();
}

// ---- envelope and host records --------------------------------------------

const A = (app = 'AE') => rec('A', { senderSiteCode: '5201', senderIdCode: 'ZQ9', communicationPassword: 'SAMPLE', transmissionDate: '2026-04-15', applicationId: app, senderOfficeCode: '01', userDataText: 'LINT FIXTURE' });
const B = (app = 'AE') => rec('B', { processingPort: '5201', processingFilerCode: 'ZQ9', applicationId: app, processingFilerOfficeCode: '01' });
const Y = (app = 'AE') => rec('Y', { processingPort: '5201', processingFilerCode: 'ZQ9', applicationId: app, processingFilerOfficeCode: '01' });
const Z = () => rec('Z', { senderSiteCode: '5201', senderIdCode: 'ZQ9', transmissionDate: '2026-04-15', senderOfficeCode: '01' });
const AE10 = (entryType = '01') => rec('10', { actionCode: 'A', entryFilerCode: 'ZQ9', entryNumber: '60150246', portOfEntry: '5206', entryType, modeOfTransport: '40', electronicSignature: 'X' });
const AE11 = () => rec('11', { importerOfRecordNumber: '98-765432100', estimatedEntryDate: '2026-04-16', dateOfImportation: '2026-04-16' });
const AE40 = (line: string) => rec('40', { lineItemIdentifier: line, countryOfOrigin: 'TW', countryOfExport: 'TW' });
const AE50 = (hts: string) => rec('50', { htsNumber: hts, dutyAmount: 0, valueOfGoods: 6840, quantity1: 380, unitOfMeasure1: 'KG' });
const AE90 = () => rec('90', { totalDuty: 0 });

/** An AE batch with one entry (type `entryType`) around the given records. */
export function ae(body: R[], entryType = '01'): R[] {
  return [A(), B(), AE10(entryType), AE11(), ...body, AE90(), Y(), Z()];
}

const SE10 = (entryType = '01') => rec('SE10', { actionCode: 'A', entryFilerCode: 'ZQ9', entryNumber: '60159254', entryType });
const SE40 = () => rec('SE40', { lineItemIdentifier: '001', countryOfOrigin: 'PE', commercialInvoiceDescription: 'FRESH BLUEBERRIES' });
const SE60 = (hts: string) => rec('SE60', { htsNumber: hts, lineItemValue: 14400 });

export function se(body: R[], entryType = '01'): R[] {
  return [A('SE'), B('SE'), SE10(entryType), SE40(), ...body, Y('SE'), Z()];
}

// ---- PGA records ------------------------------------------------------------

const OI = (text: string) => rec('OI', { commercialDescription: text });
const PG01 = (n: number, agency: string, program: string, more: Record<string, string | number> = {}) =>
  rec('PG01', { pgaLineNumber: n, agencyCode: agency, programCode: program, ...more });
const PG02 = (itemType = 'P', more: Record<string, string> = {}) => rec('PG02', { itemType, ...more });
const PG10 = (categoryTypeCode: string, categoryCode: string, more: Record<string, string> = {}) => rec('PG10', { categoryTypeCode, categoryCode, ...more });
const PG17 = (name: string) => rec('PG17', { commonNameSpecific: name });
const PG19 = (role: string, name: string, address1?: string) => rec('PG19', { entityRoleCode: role, entityName: name, ...(address1 ? { entityAddress1: address1 } : {}) });
const PG20 = (city: string, country: string, more: Record<string, string> = {}) => rec('PG20', { entityCity: city, entityCountry: country, ...more });
const PG26 = (level: number, quantity: number, unit: string) => rec('PG26', { packagingQualifier: level, quantity, unit });
const PG32 = (country: string, type = '198') => rec('PG32', { routingType: type, routingCountry: country });

/** Broker and consignee entity sets every APHIS Core line carries. */
const parties = (): R[] => [
  PG19('UC', 'SUNCOAST GREENHOUSE SUPPLY LLC', '4100 NW 72ND AVE'), PG20('MIAMI', 'US', { entityState: 'FL', entityPostalCode: '33166' }),
  PG19('CB', 'GULFSTREAM CUSTOMS BROKERS INC', '8200 NW 41ST ST'), PG20('DORAL', 'US', { entityState: 'FL', entityPostalCode: '33166' }),
];

/**
 * APHIS APQ line for orchid plants (AP0400): ePhyto and import permit pairs, the
 * LPCO authorized party who is also the consignee (PG55), a broker with its
 * contact and e-mail overflow (PG60 EMA), the crop grower, packaging, arrival
 * and routing. Clean under every PGA and APHIS rule.
 */
export function apqLine(n = 1): R[] {
  return [
    PG01(n, 'APH', 'APQ', { processingCode: 'A01', intendedUseCode: '020.000' }),
    PG02('P', { productCodeQualifier: 'TSN', productCodeNumber: '43887' }),
    rec('PG05', { genus: 'PHALAENOPSIS', species: 'AMABILIS' }),
    rec('PG06', { sourceTypeCode: '262', countryCode: 'TW', geographicLocation: 'TAINAN' }),
    PG10('AP0400', '402', { commodityQualifier: 'A43', characteristicQualifier: 'ARTI', characteristicDescription: 'SPHAGNUM MOSS, NO SOIL' }),
    rec('PG13', { issuer: 'BAPHIQ TAIWAN', issuerGeoQualifier: 'ISO', issuerLocation: 'TW' }),
    rec('PG14', { lpcoType: 'AE1', lpcoNumber: 'TW-2026-AE-0413-005512', lpcoDateQualifier: 3, lpcoDate: '2026-04-13', lpcoQuantity: 1200, lpcoUnitOfMeasure: 'NO' }),
    rec('PG13', { issuer: 'USDA APHIS PPQ', issuerGeoQualifier: 'ISO', issuerLocation: 'US' }),
    rec('PG14', { lpcoType: 'A21', lpcoNumber: 'PCIP-26-00417', lpcoDateQualifier: 1, lpcoDate: '2027-09-30' }),
    PG17('MOTH ORCHID'),
    PG19('LAP', 'SUNCOAST GREENHOUSE SUPPLY LLC', '4100 NW 72ND AVE'), PG20('MIAMI', 'US', { entityState: 'FL', entityPostalCode: '33166' }),
    rec('PG55', { entityRoleCode1: 'UC' }),
    PG19('CB', 'GULFSTREAM CUSTOMS BROKERS INC', '8200 NW 41ST ST'), PG20('DORAL', 'US', { entitySuite: '300', entityState: 'FL', entityPostalCode: '33166' }),
    rec('PG21', { individualQualifier: 'CB', individualName: 'JAMES OKAFOR', individualPhone: '3055550187' }),
    rec('PG60', { qualifier: 'EMA', information: 'ENTRIES@GULFSTREAMCB.EXAMPLE' }),
    PG19('DFI', 'JADE VALLEY ORCHID NURSERY CO', 'NO 12 LANE 88 SHANJIAO'), PG20('HOUBI DISTRICT', 'TW'),
    PG26(1, 40, 'BX'), PG26(2, 1200, 'PTU'),
    rec('PG30', { inspectionStatus: 'A', inspectionDate: '2026-04-16', inspectionTime: '14:30', locationCode: '2', location: '5206' }),
    PG32('TW'),
  ];
}

/** One AE entry, one line, one tariff carrying the APQ line. */
export const apqEntry = (line: R[] = apqLine()): R[] =>
  ae([AE40('001'), AE50('0602902000'), OI('LIVE PHALAENOPSIS ORCHID PLANTS IN SPHAGNUM MOSS'), ...line]);

/** A short APHIS APQ line for the structure fixtures (fruit, AP0600). */
const shortLine = (n = 1): R[] => [
  PG01(n, 'APH', 'APQ', { processingCode: 'A01' }), PG02('P', { productCodeQualifier: 'TSN', productCodeNumber: '23573' }),
  PG10('AP0600', '601', { commodityQualifier: 'A61', characteristicQualifier: 'FRS' }), PG17('BLUEBERRY'), ...parties(), PG32('PE'),
];
const tariff = (hts: string, line: string, pga: R[], description = 'FRESH BLUEBERRIES'): R[] => [AE40(line), AE50(hts), OI(description), ...pga];
const shortEntry = (pga: R[] = shortLine()): R[] => ae(tariff('0810400029', '001', pga));

/** Inserts `records` after the `nth` record of `id`. */
const after = (list: R[], id: string, records: R[], nth = 1) => edit(list, id, (r) => [r, ...records], nth);
const remove = (list: R[], id: string, nth = 1) => edit(list, id, () => [], nth);

// ---- PGA structure (§4) ------------------------------------------------------

const header = (): R[] => [
  rec('PG00', { substitutionIndicator: 'S', substitutionNumber: '0001' }),
  PG19('IM', 'BISCAYNE PANTRY IMPORTS LLC', '2250 NW 84TH AVE'), PG20('MIAMI', 'US', { entityState: 'FL', entityPostalCode: '33122' }),
  rec('PG21', { individualQualifier: 'IM', individualName: 'DANIEL REYES', individualPhone: '3055550119' }),
  rec('PG00', { substitutionIndicator: 'E', substitutionNumber: '0001' }),
];

/** Everything at once, clean: header substitution, three tariff lines, four agencies, groups, components, overflow. */
const validAe = (): R[] => ae([
  ...header(),
  ...tariff('0602902000', '001', apqLine(), 'LIVE PHALAENOPSIS ORCHID PLANTS IN SPHAGNUM MOSS'),
  ...tariff('2104100020', '002', [
    PG01(1, 'FDA', 'FOO', { disclaimer: 'A' }),
    PG01(1, 'APH', 'AVS', { processingCode: 'A01', intendedUseCode: '230.000' }),
    PG02('P'), rec('PG06', { sourceTypeCode: '39', countryCode: 'MX' }),
    PG10('AP0300', '301', { commodityQualifier: 'A32', characteristicQualifier: 'AVE', characteristicDescription: 'CHICKEN FAT' }), PG17('CHICKEN BOUILLON'),
    PG02('C'), PG10('AP0300', '301', { commodityQualifier: 'A32', characteristicQualifier: 'BOV', characteristicDescription: 'BOVINE MILK' }), PG17('SKIM MILK POWDER'),
    rec('PG13', { issuer: 'USDA APHIS VS', issuerGeoQualifier: 'ISO', issuerLocation: 'US' }),
    rec('PG14', { lpcoType: 'A24', lpcoNumber: 'DA-2026-04117', lpcoDateQualifier: 1, lpcoDate: '2026-11-30' }),
    PG19('LAP', 'BISCAYNE PANTRY IMPORTS LLC', '2250 NW 84TH AVE'), PG20('MIAMI', 'US'),
    PG19('UC', 'BISCAYNE PANTRY IMPORTS LLC', '2250 NW 84TH AVE'), PG20('MIAMI', 'US'),
    rec('PG00', { substitutionIndicator: 'R', substitutionNumber: '0001' }),
    PG26(1, 500, 'CS'), PG26(2, 3.17, 'KG'),
    PG32('MX'),
  ], 'CHICKEN BOUILLON CUBES CONTAINING MILK POWDER'),
  ...tariff('8703231950', '003', [
    PG01(1, 'NHT', 'MVS'), PG02('P'),
    rec('PG50'), rec('PG07', { tradeName: 'TOYOTA', model: 'CAMRY', itemIdentityNumberQualifier: 'AKG', itemIdentityNumber: '4T1BF1FK5GU123456' }),
    rec('PG60', { qualifier: 'PMN', information: 'CAMRY HYBRID LE' }), rec('PG08', { itemIdentityNumber1: '4T1BF1FK5GU123457' }),
    PG26(1, 1, 'NO'), rec('PG51'),
    PG19('MF', 'TOYOTA MOTOR CORPORATION'), PG20('TOYOTA CITY', 'JP'),
    PG01(2, 'NHT', 'MVS'), PG02('P'), PG10('MVSTYP', 'MVS1'),
    PG01(1, 'APH', 'APL'), PG02('P'),
    rec('PG04', { activeIngredientQualifier: 'Y', constituentName: 'FLOOR MAT', constituentQuantity: 0.85, constituentUnit: 'M3', constituentPercent: 100 }),
    rec('PG05', { genus: 'PINUS', species: 'OOCARPA' }), rec('PG06', { sourceTypeCode: 'HRV', countryCode: 'MX' }),
  ], 'PASSENGER CARS WITH WOODEN FLOOR MATS'),
]);

const line = (pga: R[]) => shortEntry(pga);

export const PGA_FIXTURES: PgaFixture[] = [
  { name: 'valid-ae', about: 'header substitution, four agencies, PG02 components, a PG50 group, PG60 overflow: nothing to report', records: validAe(), expect: [] },
  { name: 'oi-missing', about: 'a tariff line whose PGA data has no OI before it', records: remove(shortEntry(), 'OI'), expect: [['oi-missing', 'PG01']] },
  { name: 'oi-repeated', about: 'two OI records under one tariff line', records: after(shortEntry(), 'OI', [OI('FRESH BLUEBERRIES AGAIN')]), expect: [['oi-repeated', 'OI', 2]] },
  {
    name: 'pg01-missing', about: 'PGA records with no PG01, and an OI with nothing after it',
    records: ae([...tariff('0810400029', '001', shortLine().slice(1)), ...tariff('0810400030', '002', [])]),
    expect: [['pg01-missing', 'PG02'], ['pg01-missing', 'OI', 2]],
  },
  {
    name: 'pga-line-number', about: 'a first PG01 numbered 002, and an agency returning after another one with 003',
    records: ae([
      ...tariff('0810400029', '001', shortLine(2)),
      ...tariff('2104100020', '002', [PG01(1, 'FDA', 'FOO', { disclaimer: 'A' }), PG01(1, 'APH', 'AVS', { disclaimer: 'B' }), PG01(1, 'FDA', 'FOO', { disclaimer: 'A' }), PG01(3, 'APH', 'AVS', { disclaimer: 'B' })]),
    ]),
    expect: [['pga-line-number', 'PG01', 1], ['pga-line-number', 'PG01', 5]],
  },
  { name: 'program-agency', about: 'an FDA program code on an APHIS line', records: setFields(line(shortLine()), 'PG01', { programCode: 'FOO', processingCode: undefined }), expect: [['program-agency', 'PG01']] },
  { name: 'processing-program', about: 'APHIS pre-clearance (A03) on a Veterinary Services line', records: setFields(line(shortLine()), 'PG01', { programCode: 'AVS', processingCode: 'A03' }), expect: [['processing-program', 'PG01']] },
  {
    name: 'disclaimer-scope', about: 'disclaimer E (FWS only) on an APHIS line, F (FDA type 21) on a type 01 entry',
    records: ae([...tariff('0810400029', '001', [PG01(1, 'APH', 'APQ', { disclaimer: 'E' }), PG01(1, 'FDA', 'FOO', { disclaimer: 'F' })])]),
    expect: [['disclaimer-scope', 'PG01', 1], ['disclaimer-scope', 'PG01', 2]],
  },
  { name: 'intended-use-description', about: 'intended use 980.000 (other use) without its description', records: setFields(line(shortLine()), 'PG01', { intendedUseCode: '980.000' }), expect: [['intended-use-description', 'PG01']] },
  { name: 'flag-value', about: 'PG01 electronic image indicator N', records: setFields(line(shortLine()), 'PG01', { imageSubmitted: 'N' }), expect: [['flag-value', 'PG01']] },
  { name: 'disclaimer-extra-records', about: 'a disclaimed APHIS line that still carries a PG02', records: ae(tariff('0810400029', '001', [PG01(1, 'APH', 'APQ', { disclaimer: 'B' }), PG02('P')])), expect: [['disclaimer-extra-records', 'PG02']] },
  { name: 'pg02-missing', about: 'a PGA line with data but no PG02', records: remove(line(shortLine()), 'PG02'), expect: [['pg02-missing', 'PG01']] },
  {
    name: 'item-type-order', about: 'a line starting with a component, and a line with two products',
    records: ae(tariff('0810400029', '001', [...setFields(shortLine(1), 'PG02', { itemType: 'C' }), ...after(shortLine(2), 'PG02', [PG02('P')])])),
    expect: [['item-type-order', 'PG02', 1], ['item-type-order', 'PG02', 3]],
  },
  { name: 'pg08-without-pg07', about: 'PG08 item identity numbers straight after the PG02', records: after(line(shortLine()), 'PG02', [rec('PG08', { itemIdentityNumber1: 'LOT 77' })]), expect: [['pg08-without-pg07', 'PG08']] },
  {
    name: 'lpco-pair', about: 'a PG13 with no PG14 after it, and a PG14 with no PG13 before it',
    records: after(line(shortLine()), 'PG17', [rec('PG13', { issuer: 'SENASA PERU' }), PG17('BLUEBERRY'), rec('PG14', { lpcoType: 'AE1', lpcoNumber: 'PE-2026-E-0504417' })]),
    expect: [['lpco-pair', 'PG13'], ['lpco-pair', 'PG14']],
  },
  { name: 'pg20-without-pg19', about: 'the consignee address with its PG19 left out', records: remove(line(shortLine()), 'PG19'), expect: [['pg20-without-pg19', 'PG20']] },
  { name: 'pg21-without-parent', about: 'a point of contact straight after the PG10', records: after(line(shortLine()), 'PG10', [rec('PG21', { individualName: 'ROSA CAMPOS' })]), expect: [['pg21-without-parent', 'PG21']] },
  { name: 'pg55-parent', about: 'additional roles straight after the PG17', records: after(line(shortLine()), 'PG17', [rec('PG55', { entityRoleCode1: 'IM' })]), expect: [['pg55-parent', 'PG55']] },
  { name: 'pg60-parent', about: 'additional information straight after the PG10', records: after(line(shortLine()), 'PG10', [rec('PG60', { qualifier: 'TBN', information: 'BRAND' })]), expect: [['pg60-parent', 'PG60']] },
  { name: 'pg60-qualifier', about: 'an address-1 overflow (AD1, a PG19 qualifier) after a PG20', records: after(line(shortLine()), 'PG20', [rec('PG60', { qualifier: 'AD1', information: 'BUILDING 4' })]), expect: [['pg60-qualifier', 'PG60']] },
  {
    name: 'pg26-count', about: 'seven PG26 records (the seventh repeats level 6)',
    records: after(line(shortLine()), 'PG20', [1, 2, 3, 4, 5, 6, 6].map((l) => PG26(l, 1, 'NO')), 2),
    expect: [['pg26-count', 'PG26', 7], ['pg26-level', 'PG26', 7]],
  },
  {
    name: 'pg26-level', about: 'packaging level 2 twice',
    records: after(line(shortLine()), 'PG20', [PG26(1, 10, 'BX'), PG26(2, 12, 'NO'), PG26(2, 12, 'NO')], 2),
    expect: [['pg26-level', 'PG26', 3]],
  },
  {
    name: 'pg26-order', about: 'levels innermost first (2, 1), as vendor data sends them, and levels 1, 3 with a gap',
    records: ae(tariff('0810400029', '001', [...after(shortLine(1), 'PG20', [PG26(2, 12, 'KG'), PG26(1, 10, 'BX')], 2), ...after(shortLine(2), 'PG20', [PG26(1, 10, 'BX'), PG26(3, 12, 'KG')], 2)])),
    expect: [['pg26-order', 'PG26', 1], ['pg26-order', 'PG26', 3]],
  },
  {
    name: 'group-unclosed', about: 'a PG51 with no PG50, and a PG50 never closed',
    records: after(after(line(shortLine()), 'PG02', [rec('PG51')]), 'PG32', [rec('PG50'), rec('PG07', { tradeName: 'BLUE RIDGE' })]),
    expect: [['group-unclosed', 'PG51'], ['group-unclosed', 'PG50']],
  },
  { name: 'group-nesting', about: 'a PG50 inside an open group', records: after(line(shortLine()), 'PG02', [rec('PG50'), rec('PG07', { tradeName: 'BLUE RIDGE' }), rec('PG50'), rec('PG51')]), expect: [['group-nesting', 'PG50', 2]] },
  { name: 'group-parent', about: 'a group before any PG02, PG04, PG13 or PG14', records: after(line(shortLine()), 'PG01', [rec('PG50'), rec('PG07', { tradeName: 'BLUE RIDGE' }), rec('PG51')]), expect: [['group-parent', 'PG50']] },
  { name: 'group-child', about: 'a PG17 inside a group', records: after(line(shortLine()), 'PG02', [rec('PG50'), PG17('BLUEBERRY'), rec('PG51')]), expect: [['group-child', 'PG17', 1]] },
  {
    name: 'substitution', about: 'a group number used twice, a PG00 E with no S, and a PG00 R to a group that does not exist',
    records: ae([...header(), ...header(), rec('PG00', { substitutionIndicator: 'E' }),
      ...tariff('0810400029', '001', after(shortLine(), 'PG20', [rec('PG00', { substitutionIndicator: 'R', substitutionNumber: '0009' })], 2))]),
    expect: [['substitution', 'PG00', 3], ['substitution', 'PG00', 5], ['substitution', 'PG00', 6]],
  },
  { name: 'substitution-order', about: 'the first substitution group numbered 0002', records: ae([...header().map((r) => (r.fields?.substitutionNumber ? { ...r, fields: { ...r.fields, substitutionNumber: '0002' } } : r)), ...tariff('0810400029', '001', shortLine())]), expect: [['substitution-order', 'PG00', 1]] },
  { name: 'pga-misplaced', about: 'an entity set at header level without a PG00 group around it', records: ae([...header().slice(1, 4), ...tariff('0810400029', '001', shortLine())]), expect: [['pga-misplaced', 'PG19', 1]] },
  { name: 'processing-description', about: 'processing type 017 without a description', records: after(line(shortLine()), 'PG02', [rec('PG06', { sourceTypeCode: '262', countryCode: 'PE', processingTypeCode: '017' })]), expect: [['processing-description', 'PG06']] },
];

// ---- APHIS Core (§5) ----------------------------------------------------------

const cutFlowerLine = (): R[] => [
  PG01(1, 'APH', 'APQ', { processingCode: 'A01' }), PG02('P', { productCodeQualifier: 'TSN', productCodeNumber: '24833' }),
  rec('PG05', { genus: 'ROSA', species: 'SP' }), PG10('AP0800', '801', { commodityQualifier: 'A80', characteristicQualifier: 'SGFL' }),
  rec('PG13', { issuer: 'AGROCALIDAD ECUADOR', issuerGeoQualifier: 'ISO', issuerLocation: 'EC' }), rec('PG14', { lpcoType: 'AE1', lpcoNumber: 'EC-2026-0414-118203', lpcoDateQualifier: 3, lpcoDate: '2026-04-14' }),
  PG17('SPRAY ROSE'), PG19('LAP', 'SUNCOAST GREENHOUSE SUPPLY LLC', '4100 NW 72ND AVE'), PG20('MIAMI', 'US'), ...parties(),
  PG19('DFI', 'FLORICOLA LOMA ALTA CIA LTDA', 'KM 7 VIA CAYAMBE OLMEDO'), PG20('CAYAMBE', 'EC'),
  PG26(1, 100, 'BX'), PG26(2, 12, 'BH'), PG26(3, 10, 'STM'), PG32('EC'),
];

export const APHIS_FIXTURES: PgaFixture[] = [
  { name: 'valid-apq', about: 'an APHIS APQ line for plants for planting with everything APHIS asks for', records: apqEntry(), expect: [] },
  { name: 'valid-mixed', about: 'APHIS AVS with components and a substituted importer, cut flowers, a Lacey line and a disclaimer', records: ae([...header(), ...validAe().slice(4 + header().length, -3), ...tariff('0603110030', '004', cutFlowerLine(), 'FRESH CUT SPRAY ROSES')]), expect: [] },
  {
    name: 'aphis-entity-missing', about: 'no consignee (UC), and neither broker (CB) nor importer (IM)',
    records: setFields(remove(apqEntry(), 'PG55'), 'PG19', { entityRoleCode: 'DEQ' }, 2),
    expect: [['aphis-entity-missing', 'PG01'], ['aphis-entity-missing', 'PG01']],
  },
  { name: 'aphis-entity-address', about: 'a customs broker with no address at all', records: setFields(remove(apqEntry(), 'PG20', 2), 'PG19', { entityAddress1: undefined }, 2), expect: [['aphis-entity-address', 'PG19', 2]] },
  { name: 'aphis-lap-missing', about: 'LPCOs reported, but the permit holder is not named LAP', records: setFields(apqEntry(), 'PG19', { entityRoleCode: 'DEQ' }), expect: [['aphis-lap-missing', 'PG14']] },
  { name: 'aphis-cut-flower-unit', about: 'cut roses packed in NO (pieces)', records: ae(tariff('0603110030', '001', setFields(cutFlowerLine(), 'PG26', { unit: 'NO' }, 3))), expect: [['aphis-cut-flower-unit', 'PG26', 3]] },
  { name: 'aphis-preferred-unit', about: 'plants for planting counted in NO instead of plant units', records: setFields(apqEntry(), 'PG26', { unit: 'NO' }, 2), expect: [['aphis-preferred-unit', 'PG26', 2]] },
  { name: 'aphis-retired-code', about: 'category 702 and characteristic FRF, both retired by CSMS #63290523', records: setFields(apqEntry(), 'PG10', { categoryCode: '702', characteristicQualifier: 'FRF' }), expect: [['aphis-retired-code', 'PG10'], ['aphis-retired-code', 'PG10']] },
  {
    name: 'aphis-product-code-a06', about: 'a Center for Veterinary Biologics product (A06 permit, category 307) with a bare PG02',
    records: setFields(setFields(setFields(apqEntry(), 'PG14', { lpcoType: 'A06' }, 2), 'PG10', { categoryCode: '307' }), 'PG02', { productCodeQualifier: undefined, productCodeNumber: undefined }),
    expect: [['aphis-product-code-a06', 'PG02']],
  },
  { name: 'aphis-common-name', about: 'no PG17 common name', records: remove(apqEntry(), 'PG17'), expect: [['aphis-common-name', 'PG01']] },
  { name: 'aphis-routing-missing', about: 'no PG32 routing record', records: remove(apqEntry(), 'PG32'), expect: [['aphis-routing-missing', 'PG01']] },
  { name: 'aphis-grower-missing', about: 'plants for planting with the grower reported as AG1, not DFI', records: setFields(apqEntry(), 'PG19', { entityRoleCode: 'AG1' }, 3), expect: [['aphis-grower-missing', 'PG01']] },
  { name: 'aphis-grower-incomplete', about: 'a crop grower with no city', records: setFields(apqEntry(), 'PG20', { entityCity: undefined }, 3), expect: [['aphis-grower-incomplete', 'PG19', 3]] },
  {
    name: 'aphis-animal-product-pg05', about: 'an animal product (AP0300) with a PG05 scientific name',
    records: setFields(apqEntry(), 'PG10', { categoryTypeCode: 'AP0300', categoryCode: '301', commodityQualifier: 'A32', characteristicQualifier: 'BOV' }),
    expect: [['aphis-animal-product-pg05', 'PG05']],
  },
  { name: 'aphis-permit-expired', about: 'an import permit that expired before the PG30 arrival date', records: setFields(apqEntry(), 'PG14', { lpcoDate: '2026-03-31' }, 2), expect: [['aphis-permit-expired', 'PG14', 2]] },
  {
    name: 'aphis-permit-expired-import-date', about: 'no PG30 arrival: the AE date of importation decides',
    records: setFields(remove(apqEntry(), 'PG30'), 'PG14', { lpcoDate: '2026-04-15' }, 2),
    expect: [['aphis-permit-expired', 'PG14', 2]],
  },
];

// ---- flags (§6) -----------------------------------------------------------------

/** Three tariff lines: APHIS Core data, an APHIS disclaimer, and no PGA data at all. */
const flagged = (entryType = '01'): R[] => ae([
  ...tariff('0602902000', '001', apqLine(), 'LIVE PHALAENOPSIS ORCHID PLANTS'),
  ...tariff('0603900000', '002', [PG01(1, 'APH', 'APQ', { disclaimer: 'B' })], 'PRESERVED ROSES IN GIFT BOXES'),
  AE40('003'), AE50('9403600080'),
], entryType);

const CSV = 'hts,flag\n0602.90.2000,AQ2\n0603.90.0000,AQ1\n';

export const FLAG_FIXTURES: PgaFixture[] = [
  { name: 'valid-flags', about: 'AQ2 line with data, AQ1 line disclaimed, unflagged line without PGA data', records: flagged(), flags: CSV, expect: [] },
  { name: 'aphis-flag-required', about: 'an AQ2 line with no PGA data', records: flagged(), flags: `${CSV}9403.60.0080,AQ2\n`, expect: [['aphis-flag-required', '50', 3]] },
  { name: 'aphis-flag-unanswered', about: 'an AQ1 line with neither data nor a disclaimer', records: flagged(), flags: `${CSV}9403.60.0080,AQ1\n`, expect: [['aphis-flag-unanswered', '50', 3]] },
  { name: 'aphis-flag-disclaimed', about: 'an AQ2 line disclaimed', records: flagged(), flags: 'hts,flag\n0602902000,AQ2\n0603900000,AQ2\n', expect: [['aphis-flag-disclaimed', 'PG01', 2]] },
  { name: 'aphis-flag-in-bond', about: 'an in-bond (type 61) entry: explained, not rejected', records: flagged('61'), flags: `${CSV}9403.60.0080,AQ2\n`, expect: [['aphis-flag-in-bond', '50', 3]] },
  { name: 'aphis-flag-exempt', about: 'an FTZ (type 06) entry is exempt', records: flagged('06'), flags: `${CSV}9403.60.0080,AQ2\n`, expect: [] },
  {
    name: 'aphis-flag-lacey', about: 'Lacey Act (APL) data does not answer an APHIS Core AQ2 flag',
    records: ae(tariff('4421990000', '001', [PG01(1, 'APH', 'APL'), PG02('P'), rec('PG05', { genus: 'PINUS', species: 'OOCARPA' }), rec('PG06', { sourceTypeCode: 'HRV', countryCode: 'MX' })], 'WOODEN SERVING BOARDS')),
    flags: '4421990000,AQ2\n', expect: [['aphis-flag-required', '50']],
  },
  {
    name: 'aphis-flag-se', about: 'a cargo release (SE) line flagged AQ2 without data',
    records: se([SE60('0810400029'), OI('FRESH BLUEBERRIES')]), flags: '0810.40.0029,AQ2\n', expect: [['aphis-flag-required', 'SE60']],
  },
];
