/**
 * APHIS Core rules (issue "catair lint" §5), from APHIS's own guidance to
 * filers: the APHIS Core Message Set Q&A (seed 002), CSMS #63290523 (retired
 * codes) and the chapter facts in pga-rules.md. They apply to PGA lines of
 * agency APH with a Core program (APQ, AVS, AAC, ABS) that carry data (not
 * disclaimed, not a correction). APHIS Lacey Act lines (APL) are a separate
 * message set (seed 002) and are not held to these rules.
 *
 * Each PGA line is checked when it closes; the few facts from outside the line
 * (date of importation, roles inside PG00 substitution groups) are collected as
 * records stream by (TransactionFacts).
 */
import type { DecodedRecord } from '../../decode/record.js';
import type { Check, LintContext, LintRecord, RuleInfo } from '../types.js';
import { APHIS, entityRoles, factsCheck, fieldAt, fieldRefs, isAphisCoreData, isOutput, knownRecords, lineHead, recordId, retiredFor, TransactionFacts, typed, val } from './pga-common.js';

const QA = 'APHIS Core Message Set Q&A (seed 002)';

const F = fieldRefs(
  'substitutionIndicator', 'substitutionNumber', 'categoryTypeCode', 'categoryCode', 'characteristicQualifier', 'lpcoType', 'lpcoNumber', 'lpcoDateQualifier', 'lpcoDate',
  'unit', 'entityName', 'entityAddress1', 'entityAddress2', 'entityCity', 'entityCountry', 'productCodeQualifier', 'productCodeNumber', 'commonNameSpecific',
  'routingType', 'routingCountry', 'inspectionStatus', 'inspectionDate',
);

export const APHIS_RULES: RuleInfo[] = [
  { code: 'aphis-entity-missing', severity: 'error', title: 'APHIS Core line without the ultimate consignee, or without a customs broker or importer', source: `${QA}: UC and CB, or the importer of record when no broker is used` },
  { code: 'aphis-entity-address', severity: 'warning', title: 'APHIS Core consignee, broker or importer without an address', source: `${QA}: contact and address information for UC and CB` },
  { code: 'aphis-lap-missing', severity: 'error', title: 'LPCO reported without the LPCO authorized party (LAP)', source: `${QA}: LAP whenever an LPCO is reported` },
  { code: 'aphis-cut-flower-unit', severity: 'error', title: 'cut flowers and greenery (AP0800) in a packaging unit other than BX, BQT, BH, STM (or KG, G)', source: `${QA} (BX, BQT, BH, STM); pga-rules §4.15 (KG and G since APHIS's 2024 change)` },
  { code: 'aphis-preferred-unit', severity: 'warning', title: 'plants not in plant units (PTU), or seeds not in KG', source: 'pga-rules §4.15 (APHIS notice, May 2021: PTU for plant shipments, KG for seed shipments); seed 002 (units by category type in the Supplemental Trade Guide)' },
  { code: 'aphis-retired-code', severity: 'error', title: 'PG10 code retired by APHIS', source: 'CSMS #63290523 (Dec 10 2024, APHIS IG 6.3); seed 002 (FRC > FRS, FRF > QFR)' },
  { code: 'aphis-product-code-a06', severity: 'error', title: 'no PG02 product code for an APHIS 2006 permit (A06) product of category 307', source: `${QA}: PG02 product code optional except for VS Center for Veterinary Biologics products (LPCO A06, PG10 category 307)` },
  { code: 'aphis-common-name', severity: 'error', title: 'no specific common name (PG17)', source: `${QA}: common name specific remains mandatory (general was removed)` },
  { code: 'aphis-routing-missing', severity: 'error', title: 'no PG32 with the country where routing to the U.S. began (type 198)', source: `${QA}: APHIS requires the country where routing began for all regulated products` },
  { code: 'aphis-grower-missing', severity: 'warning', title: 'plants for planting or cut flowers without a crop grower (DFI)', source: `${QA}, Cut Flowers and Plants for Planting (crop grower DFI)` },
  { code: 'aphis-grower-incomplete', severity: 'error', title: 'crop grower (DFI) without name, address, city or country', source: `${QA}: grower name, address, city and country are required` },
  { code: 'aphis-animal-product-pg05', severity: 'warning', title: 'PG05 scientific name on an animal product (AP0300)', source: `${QA}: AP0300 does not take PG05; report species as PG10 A32` },
  { code: 'aphis-permit-expired', severity: 'error', title: 'LPCO expiration date before the arrival date', source: `${QA}: ACE does not check permit expiration, CBP Agriculture rejects expired permits` },
];

/** Seed 002: cut flowers and greenery are limited to box, bouquet, bunch and stem; KG and G since 2024 (pga-rules §4.15). */
const CUT_FLOWER_UNITS = new Set(['BX', 'BQT', 'BH', 'STM', 'KG', 'G']);
const CUT_FLOWERS = 'AP0800';
/** Seed 002 "Cut Flowers and Plants for Planting": propagative material (AP0400) and cut flowers (AP0800). */
const GROWER_CATEGORIES = new Set(['AP0400', CUT_FLOWERS]);
const ANIMAL_PRODUCTS = 'AP0300';
/** pga-rules §4.15 (APHIS notice, May 2021): plant units for propagative material (KG for its seeds), KG for seeds. */
const PREFERRED_UNITS: ReadonlyMap<string, { units: ReadonlySet<string>; advice: string }> = new Map([
  ['AP0400', { units: new Set(['PTU', 'KG']), advice: 'plant units (PTU) for plants, KG for seeds' }],
  ['AP0500', { units: new Set(['KG']), advice: 'KG for seeds' }],
]);
/** PG14 date qualifier 1 = expiration date (PGA p.32). */
const EXPIRATION = '1';
/** PG30 status A = anticipated arrival (PGA p.48-49). */
const ARRIVAL = 'A';
/** PG32 routing type 198 = original location, where routing to the U.S. began (pga-rules §4.18). */
const ROUTING_ORIGIN = '198';

/** One PG19 entity with the records that complete it (PGA p.63-64: PG19, PG20, PG21, PG55/PG60). */
interface Entity {
  pg19: DecodedRecord;
  pg20?: DecodedRecord;
  /** Its role codes (PG19, then its PG55s); a list, as an entity has one or two. */
  roles: string[];
}

/** A PG02 item and the records after it up to the next PG02 (seed 002: a component carries its own PG05/PG06/PG10/PG17). */
interface Item {
  /** Whether one of its PG10s has category type animal products (the only category asked about per item). */
  animal: boolean;
  pg05: DecodedRecord[];
}

/** `shared`: facts fed by `sharedFacts` (checks/index.ts) instead of by this check. */
export function aphisChecks(shared?: TransactionFacts): Check[] {
  return factsCheck(APHIS_RULES, shared, (group, records, ctx, facts) => {
    if (group.level === 'pgaLine' && !isOutput(ctx, records[0]?.app)) checkLine(records, ctx, facts);
  });
}

function checkLine(records: LintRecord[], ctx: LintContext, facts: TransactionFacts): void {
  const list = knownRecords(records);
  const pg01 = list[0];
  if (!pg01 || recordId(pg01) !== 'PG01') return;
  const head = lineHead(pg01);
  // Both the retired-code check and the Core checks are for APHIS lines neither disclaimed nor corrections.
  if (head.agency !== APHIS || head.disclaimer || head.correction) return;
  checkRetired(list, ctx);
  if (!isAphisCoreData(head)) return;

  let entities: Entity[] = [];
  // The roles of the line's entities (repeats and all: only asked whether it holds one) and its
  // PG10 category types, each once in order of appearance. Lists, not Sets: a line has a few of
  // each, and a Set made for every line cost more than looking through them.
  let roles: string[] = [];
  let items: Item[] = [];
  let categories: string[] = [];
  let categorySet: Set<string> | undefined;
  // The line's records of each id the checks below look at, in order, gathered in the one pass.
  // All of these lists grow by `append` (most hold one record or none).
  let lpcos: DecodedRecord[] = [];
  let pg26s: DecodedRecord[] = [];
  let pg17s: DecodedRecord[] = [];
  let pg32s: DecodedRecord[] = [];
  let pg30s: DecodedRecord[] = [];
  // The last PG19's entity and the last PG02's item, which the records after them complete.
  let entity: Entity | undefined;
  let item: Item | undefined;
  for (const r of list) {
    const id = recordId(r);
    switch (id) {
      case 'PG14': lpcos = append(lpcos, r); break;
      case 'PG26': pg26s = append(pg26s, r); break;
      case 'PG17': pg17s = append(pg17s, r); break;
      case 'PG32': pg32s = append(pg32s, r); break;
      case 'PG30': pg30s = append(pg30s, r); break;
      case 'PG19': {
        // pg20 from the start, so that setting it adds no property (and no property store) to the object.
        entity = { pg19: r, pg20: undefined, roles: entityRoles(r) };
        entities = append(entities, entity);
        for (const role of entity.roles) roles = append(roles, role);
        break;
      }
      case 'PG20':
        if (entity && !entity.pg20) entity.pg20 = r;
        break;
      case 'PG55':
        if (entity) {
          for (const role of entityRoles(r)) {
            entity.roles.push(role);
            roles = append(roles, role);
          }
        }
        break;
      case 'PG00':
        if (val(r, F.substitutionIndicator) === 'R') for (const role of facts.substitutedRoles(val(r, F.substitutionNumber))) roles = append(roles, role);
        break;
      case 'PG02':
        item = { animal: false, pg05: [] };
        items = append(items, item);
        break;
      case 'PG05':
        if (item) item.pg05 = append(item.pg05, r);
        break;
      case 'PG10': {
        const category = val(r, F.categoryTypeCode);
        if (category) {
          // Each once: looked through while the line has few, in a Set past that (input may hold any number).
          if (categories.length < 16 ? !categories.includes(category) : !(categorySet ??= new Set(categories)).has(category)) {
            categories = append(categories, category);
            categorySet?.add(category);
          }
          if (item && category === ANIMAL_PRODUCTS) item.animal = true;
        }
        break;
      }
    }
  }

  checkEntities(pg01, entities, roles, ctx);
  if (lpcos.length && !roles.includes('LAP')) {
    ctx.report('aphis-lap-missing', lpcos[0]!, { columns: [1, 4], message: `an LPCO is reported (PG14 ${val(lpcos[0]!, F.lpcoType)}) but no PG19 names the LPCO authorized party (role LAP)` });
  }
  if (categories.includes(CUT_FLOWERS)) {
    for (const r of pg26s) {
      const unit = val(r, F.unit);
      if (unit && !CUT_FLOWER_UNITS.has(unit)) {
        ctx.report('aphis-cut-flower-unit', r, { ...fieldAt(ctx, r, 'unit'), message: `cut flowers and greenery (${CUT_FLOWERS}) are reported in box (BX), bouquet (BQT), bunch (BH) or stem (STM), not ${unit}` });
      }
    }
  }
  checkPreferredUnits(categories, pg26s, ctx);
  checkProductCode(list, lpcos, ctx);
  checkCommonName(pg01, pg17s, ctx);
  checkRouting(pg01, pg32s, ctx);
  checkGrower(pg01, categories.filter((c) => GROWER_CATEGORIES.has(c)), entities, ctx);
  for (const item of items) {
    if (!item.animal) continue;
    for (const r of item.pg05) {
      ctx.report('aphis-animal-product-pg05', r, { columns: [1, 4], message: `animal products (${ANIMAL_PRODUCTS}) do not take PG05; report the source species in PG10 as characteristic qualifier A32` });
    }
  }
  checkExpiry(lpcos, pg30s, facts, ctx);
}

/**
 * `list` with `x` added: a one-element literal for the first. A list pushed to
 * from empty takes room for sixteen, and a line's lists mostly hold one record
 * or none (checkLine's lists showed among lint's allocations).
 */
function append<T>(list: T[], x: T): T[] {
  if (!list.length) return [x];
  list.push(x);
  return list;
}

/** The roles whose entity needs an address, in the order an entity with several is named by. */
const ADDRESSED_ROLES = ['UC', 'CB', 'IM'];

/** Seed 002: APHIS needs UC and CB, or the importer of record when no broker is used, with contact and address. */
function checkEntities(pg01: DecodedRecord, entities: Entity[], roles: readonly string[], ctx: LintContext): void {
  if (!roles.includes('UC')) ctx.report('aphis-entity-missing', pg01, { columns: [1, 4], message: 'no PG19 for the ultimate consignee (role UC); APHIS requires it on every APHIS Core line' });
  if (!roles.includes('CB') && !roles.includes('IM')) ctx.report('aphis-entity-missing', pg01, { columns: [1, 4], message: 'no PG19 for the customs broker (role CB), nor for the importer of record (IM) when no broker is used' });
  for (const e of entities) {
    const role = ADDRESSED_ROLES.find((x) => e.roles.includes(x));
    if (!role) continue;
    const address = val(e.pg19, F.entityAddress1) || (e.pg20 && (val(e.pg20, F.entityAddress2) || val(e.pg20, F.entityCity) || val(e.pg20, F.entityCountry)));
    if (!address) ctx.report('aphis-entity-address', e.pg19, { columns: [1, 7], message: `the ${role} entity has no address (PG19 address 1 blank and no PG20)` });
  }
}

/** The APHIS unit for the category should appear among the line's PG26 levels (the last one is the base quantity, seed 002). */
function checkPreferredUnits(categories: readonly string[], pg26s: DecodedRecord[], ctx: LintContext): void {
  const last = pg26s[pg26s.length - 1];
  if (!last) return;
  // The line's units, read only once a category has preferred ones (few lines have such a category).
  let units: Set<string> | undefined;
  for (const category of categories) {
    const preferred = PREFERRED_UNITS.get(category);
    if (!preferred) continue;
    units ??= new Set(pg26s.map((r) => val(r, F.unit)));
    if ([...preferred.units].some((u) => units!.has(u))) continue;
    ctx.report('aphis-preferred-unit', last, { ...fieldAt(ctx, last, 'unit'), message: `${category} packaging is in ${[...units].filter(Boolean).join(', ') || 'no unit'}; APHIS asks for ${preferred.advice}` });
  }
}

/** The PG10 fields that can hold a code APHIS retired, with their code lists. */
const RETIRABLE = [[F.characteristicQualifier, 'characteristic-qualifier'], [F.categoryCode, 'category-code']] as const;

/** CSMS #63290523: characteristic qualifiers FRC, FRF, SHR and category 702 are retired (codes.tsv status). */
function checkRetired(list: readonly DecodedRecord[], ctx: LintContext): void {
  for (const r of list) {
    if (recordId(r) !== 'PG10') continue;
    for (const [field, codes] of RETIRABLE) {
      const code = val(r, field);
      const next = code ? retiredFor(ctx.spec, codes, code) : undefined;
      if (next) ctx.report('aphis-retired-code', r, { ...fieldAt(ctx, r, field.id), message: `${code} is retired by APHIS${next.length ? `; use ${next.join(', ')}` : ''} (CSMS #63290523)` });
    }
  }
}

/** Seed 002: the PG02 product code is required for VS CVB products on an APHIS 2006 permit (LPCO A06, category 307). */
function checkProductCode(list: readonly DecodedRecord[], lpcos: DecodedRecord[], ctx: LintContext): void {
  if (!lpcos.some((r) => val(r, F.lpcoType) === 'A06')) return;
  if (!list.some((r) => recordId(r) === 'PG10' && val(r, F.categoryCode) === '307')) return;
  const product = list.find((r) => recordId(r) === 'PG02');
  if (product && val(product, F.productCodeQualifier) && val(product, F.productCodeNumber)) return;
  const at = product ?? list[0]!;
  ctx.report('aphis-product-code-a06', at, {
    ...(product ? fieldAt(ctx, product, 'productCodeQualifier') : { columns: [1, 4] as [number, number] }),
    message: 'products on an APHIS 2006 permit (LPCO A06) of category 307 need a PG02 product code qualifier and number',
  });
}

function checkCommonName(pg01: DecodedRecord, pg17s: DecodedRecord[], ctx: LintContext): void {
  if (!pg17s.length) {
    ctx.report('aphis-common-name', pg01, { columns: [1, 4], message: 'no PG17 with the specific common name of the regulated product (e.g. "TOMATO")' });
    return;
  }
  for (const r of pg17s) {
    if (!val(r, F.commonNameSpecific)) ctx.report('aphis-common-name', r, { ...fieldAt(ctx, r, 'commonNameSpecific'), message: 'PG17 common name (specific) is blank; APHIS requires it (the general name is no longer required)' });
  }
}

function checkRouting(pg01: DecodedRecord, pg32s: DecodedRecord[], ctx: LintContext): void {
  const origin = pg32s.filter((r) => val(r, F.routingType) === ROUTING_ORIGIN);
  if (!origin.length) {
    const at = pg32s[0] ?? pg01;
    ctx.report('aphis-routing-missing', at, { columns: [1, 4], message: `no PG32 routing type ${ROUTING_ORIGIN} (original location) naming the country where routing to the U.S. began` });
    return;
  }
  for (const r of origin) {
    if (!val(r, F.routingCountry)) ctx.report('aphis-routing-missing', r, { ...fieldAt(ctx, r, 'routingCountry'), message: `PG32 routing type ${ROUTING_ORIGIN} has no country` });
  }
}

/** Seed 002 "Cut Flowers and Plants for Planting": the crop grower (DFI) with name, address, city and country. */
function checkGrower(pg01: DecodedRecord, categories: string[], entities: Entity[], ctx: LintContext): void {
  const growers = entities.filter((e) => e.roles.includes('DFI'));
  if (categories.length && !growers.length) {
    const ag1 = entities.find((e) => e.roles.includes('AG1'));
    ctx.report('aphis-grower-missing', pg01, {
      columns: [1, 4],
      message: `${categories.join(' and ')} line without a crop grower (PG19 role DFI)${ag1 ? `; the AG1 entity at record ${ag1.pg19.n} is not a grower role the references confirm` : ''}`,
    });
  }
  for (const g of growers) {
    const missing: string[] = [];
    if (!val(g.pg19, F.entityName)) missing.push('name');
    if (!val(g.pg19, F.entityAddress1) && !(g.pg20 && val(g.pg20, F.entityAddress2))) missing.push('address');
    if (!(g.pg20 && val(g.pg20, F.entityCity))) missing.push('city');
    if (!(g.pg20 && val(g.pg20, F.entityCountry))) missing.push('country');
    if (missing.length) ctx.report('aphis-grower-incomplete', g.pg19, { columns: [1, 7], message: `crop grower (DFI) has no ${missing.join(', ')}; APHIS requires name, address, city and country` });
  }
}

/**
 * Seed 002: ACE does not check LPCO expiration, but CBP Agriculture rejects
 * expired permits. Arrival is the PG30 anticipated arrival date (status A) of
 * the line, else the date of importation of the AE line or entry.
 */
function checkExpiry(lpcos: DecodedRecord[], pg30s: DecodedRecord[], facts: TransactionFacts, ctx: LintContext): void {
  // The first PG30 of status A with a real date, its date decoded once (a new string per decoding).
  let announced: DecodedRecord | undefined;
  let announcedDate: string | undefined;
  for (const r of pg30s) {
    if (val(r, F.inspectionStatus) !== ARRIVAL) continue;
    const date = typed(r, F.inspectionDate);
    if (typeof date === 'string') {
      announced = r;
      announcedDate = date;
      break;
    }
  }
  const arrival = announcedDate || facts.arrivalFallback;
  if (!arrival || !/^\d{4}-\d\d-\d\d$/.test(arrival)) return;
  for (const r of lpcos) {
    if (val(r, F.lpcoDateQualifier) !== EXPIRATION) continue;
    const expires = typed(r, F.lpcoDate);
    if (typeof expires !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(expires) || expires >= arrival) continue;
    ctx.report('aphis-permit-expired', r, {
      ...fieldAt(ctx, r, 'lpcoDate'),
      message: `LPCO ${val(r, F.lpcoType)} ${val(r, F.lpcoNumber)} expired on ${expires}, before arrival on ${arrival}${announced ? ` (PG30 at record ${announced.n})` : ' (date of importation)'}; CBP Agriculture rejects expired permits`,
    });
  }
}
