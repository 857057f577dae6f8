// Deterministic benchmark workload: AE entry summaries and SE cargo releases
// with PGA Message Sets, built from the shipped samples' records and varied
// with a seeded PRNG. Every record goes through the library's encoder, so the
// file is exactly what catair itself would write from that JSON.
//
//   node bench/generate.mjs [records]      (default BENCH_RECORDS or 1,000,000)
//
// Writes bench/data/workload-N.abi and workload-N.changed.abi (the same file
// with scattered edits, inserted and deleted records, for the diff row), and
// reuses them when they exist for the same generator version.
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATOR_VERSION = 1;
export const DATA_DIR = join(ROOT, 'bench', 'data');

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'FRESH', 'LIVE', 'DRIED', 'FROZEN', 'PRESERVED', 'ORCHID', 'ROSES', 'BLUEBERRIES', 'PLANTS', 'CUTTINGS', 'SEEDS',
  'WOODEN', 'PINE', 'OAK', 'BOARDS', 'FURNITURE', 'CHICKEN', 'BOUILLON', 'CUBES', 'MILK', 'POWDER', 'RETAIL', 'BOXES',
  'CARTONS', 'OF', 'IN', 'WITH', 'AND', 'SPHAGNUM', 'MOSS', 'COIR', 'PLUGS', 'GIFT', 'STABILIZED', 'DYED', 'BUNCHES',
  'MANGOES', 'AVOCADOS', 'LIMES', 'ASPARAGUS', 'SHRIMP', 'TUNA', 'HONEY', 'COFFEE', 'CACAO', 'BEANS', 'SPICES',
];
const COMPANY = ['ANDES', 'PACIFIC', 'SUNCOAST', 'GULFSTREAM', 'TROPIC', 'SIERRA', 'JADE', 'VALLEY', 'NORTE', 'ATLAS', 'CORAL', 'HARBOR'];
const COMPANY_KIND = ['IMPORTS LLC', 'WHOLESALE INC', 'TRADING CO', 'FARMS SA', 'EXPORTADORA SAC', 'DISTRIBUTORS LLC'];

function phrase(rand, max, words = WORDS) {
  let s = '';
  for (;;) {
    const w = words[Math.floor(rand() * words.length)];
    const next = s ? `${s} ${w}` : w;
    if (next.length > max) return s || w.slice(0, max);
    s = next;
    if (rand() < 0.18) return s;
  }
}

/** CBP entry-number check digit (abi-envelope §6.7) over filer code + 7 digits. */
function checkDigit(filer, seven) {
  const letter = (c) => (c >= '0' && c <= '9' ? +c : ((c.charCodeAt(0) - 65) % 9) + 1);
  const digits = [...filer, ...seven].map(letter);
  let sum = 0;
  for (let i = digits.length - 1, k = 0; i >= 0; i--, k++) {
    let d = digits[i];
    if (k % 2 === 0) {
      d *= 2;
      if (d > 9) d = (d % 10) + 1;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function flatten(nodes, out = []) {
  for (const n of nodes) {
    if (n.group) flatten(n.records, out);
    else out.push(n);
  }
  return out;
}

/** Record templates cut from the shipped samples: transaction headers and line item sets with their PGA records. */
function templates(lib) {
  const recordsOf = (file) => flatten(lib.decode(readFileSync(join(ROOT, 'samples', file))).document.records);
  const strip = (r) => ({ id: r.id, ...(r.layout ? { layout: r.layout } : {}), fields: { ...r.fields } });
  const ae = recordsOf('ae-aphis-entry-summary.abi');
  const se = recordsOf('se-cargo-release.abi');
  if (ae.some((r) => r.raw !== undefined) || se.some((r) => r.raw !== undefined)) throw new Error('bench: a sample record is not canonical');

  const aeLines = [];
  let cur;
  for (const r of ae) {
    if (r.id === '40') aeLines.push((cur = [strip(r)]));
    else if (r.id === '90' || r.id === '10' || r.id === 'Y') cur = undefined;
    else if (cur) cur.push(strip(r));
  }
  // PGA sets (OI onwards) of every AE line, reused under SE lines too.
  const pgaSets = aeLines.map((l) => l.slice(l.findIndex((r) => r.id === 'OI'))).filter((s) => s.length && s[0].id === 'OI');
  const seStart = se.findIndex((r) => r.id === 'SE40');
  const seLine = se.slice(seStart, se.findIndex((r) => r.id === 'Y')).map(strip);
  pgaSets.push(seLine.slice(seLine.findIndex((r) => r.id === 'OI')));
  return {
    aeHeader: ae.filter((r) => r.id === '10' || r.id === '11').slice(0, 2).map(strip),
    aeLines,
    seHeader: se.filter((r) => r.id === 'SE10' || r.id === 'SE11').map(strip),
    seLinePrefix: seLine.filter((r) => r.id === 'SE40' || r.id === 'SE60').map(strip),
    pgaSets,
  };
}

const clone = (r) => ({ id: r.id, ...(r.layout ? { layout: r.layout } : {}), fields: { ...r.fields } });

/** Yields JSON records for about `target` records, closing every open group at the end. */
function* workload(lib, target, seed) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const t = templates(lib);
  const date = () => `2026-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  let produced = 0;
  let entry = 1_000_000;
  let batchNo = 0;
  while (produced < target) {
    const app = batchNo++ % 2 === 0 ? 'AE' : 'SE';
    const day = date();
    const envelope = { senderSiteCode: '5201', senderIdCode: 'ZQ9', communicationPassword: 'BENCH1', transmissionDate: day, senderOfficeCode: '01' };
    yield { id: 'A', fields: { ...envelope, applicationId: app, userDataText: `CATAIR BENCH ${batchNo}` } };
    produced++;
    for (let block = 0; block < 20 && produced < target; block++) {
      yield { id: 'B', layout: 'B.in', fields: { processingPort: '5206', processingFilerCode: 'ZQ9', applicationId: app, processingFilerOfficeCode: '01' } };
      produced++;
      for (let tx = 0; tx < 25 && produced < target; tx++) {
        const seven = String(entry++).slice(-7);
        const entryNumber = seven + checkDigit('ZQ9', seven);
        const lines = int(1, 6);
        let totalDuty = 0;
        if (app === 'AE') {
          const [h10, h11] = t.aeHeader.map(clone);
          h10.fields.entryNumber = entryNumber;
          h10.fields.brokerReferenceNumber = `BN${String(entry).slice(-7)}`;
          h10.fields.preliminaryStatementPrintDate = date();
          h11.fields.estimatedEntryDate = h11.fields.dateOfImportation = day;
          yield h10;
          yield h11;
          produced += 2;
          for (let l = 1; l <= lines; l++) {
            const recs = t.aeLines[int(0, t.aeLines.length - 1)].map(clone);
            for (const r of recs) {
              if (r.id === '40') {
                r.fields.lineItemIdentifier = String(l).padStart(3, '0');
                r.fields.charges = int(10, 9_999_999);
                r.fields.grossShippingWeight = int(1, 9_999_999);
              } else if (r.id === '50') {
                const duty = int(0, 99_999_999) / 100;
                r.fields.dutyAmount = duty;
                r.fields.valueOfGoods = int(100, 99_999_999);
                r.fields.quantity1 = int(1, 9_999_999) / 100;
                totalDuty += Math.round(duty * 100);
              } else vary(r, rand, int);
            }
            yield* recs;
            produced += recs.length;
          }
          yield { id: '90', fields: { totalDuty: totalDuty / 100, totalUserFee: 0, totalInternalRevenueTax: 0, totalAntidumpingDuty: 0, totalCountervailingDuty: 0, totalOther: 0 } };
          produced++;
        } else {
          const [h10, h11] = t.seHeader.map(clone);
          h10.fields.entryNumber = entryNumber;
          h10.fields.estimatedEntryValue = int(1000, 9_999_999);
          yield h10;
          yield h11;
          produced += 2;
          for (let l = 1; l <= lines; l++) {
            const [se40, se60] = t.seLinePrefix.map(clone);
            se40.fields.lineItemIdentifier = l;
            se40.fields.commercialInvoiceDescription = phrase(rand, 70);
            se60.fields.lineItemValue = int(100, 99_999_999);
            const pga = t.pgaSets[int(0, t.pgaSets.length - 1)].map(clone);
            for (const r of pga) vary(r, rand, int);
            yield se40;
            yield se60;
            yield* pga;
            produced += 2 + pga.length;
          }
        }
      }
      yield { id: 'Y', fields: { processingPort: '5206', processingFilerCode: 'ZQ9', applicationId: app, processingFilerOfficeCode: '01' } };
      produced++;
    }
    yield { id: 'Z', fields: envelope };
    produced++;
  }
}

/** Varies the free text and quantities of PGA records; codes stay as the sample had them. */
function vary(r, rand, int) {
  const f = r.fields;
  switch (r.id) {
    case 'OI':
      f.commercialDescription = phrase(rand, 70);
      break;
    case 'PG19':
      f.entityName = `${COMPANY[int(0, COMPANY.length - 1)]} ${COMPANY[int(0, COMPANY.length - 1)]} ${COMPANY_KIND[int(0, COMPANY_KIND.length - 1)]}`.slice(0, 32);
      break;
    case 'PG26':
      if (f.quantity !== undefined) f.quantity = int(1, 99_999_999) / 100;
      break;
    case 'PG17':
      if (f.commonNameSpecific !== undefined) f.commonNameSpecific = phrase(rand, 30);
      break;
  }
}

/**
 * The perturbed copy for the diff row: about one record in 2,000 has a field
 * changed, one in 20,000 is dropped and one in 20,000 is duplicated.
 */
function perturb(record, rand) {
  const x = rand();
  if (x < 0.00005) return [];
  if (x < 0.0001) return [record, record];
  if (x < 0.0006) {
    // Only words are edited (never dates, numbers or the envelope), so the copy still encodes.
    if (record.id.length === 1) return [record];
    const copy = clone(record);
    const keys = Object.keys(copy.fields).filter((k) => typeof copy.fields[k] === 'string' && /^[A-Z][A-Z ]*$/.test(copy.fields[k]));
    const k = keys[Math.floor(rand() * keys.length)];
    if (k) copy.fields[k] = copy.fields[k].slice(0, -1) + (copy.fields[k].endsWith('X') ? 'Y' : 'X');
    return [copy];
  }
  return [record];
}

/** Generates (or reuses) the workload; returns the paths and record counts. */
export async function generate(lib, target, { seed = 20260701, log = () => {} } = {}) {
  mkdirSync(DATA_DIR, { recursive: true });
  const base = join(DATA_DIR, `workload-${target}`);
  const meta = `${base}.json`;
  const paths = { file: `${base}.abi`, changed: `${base}.changed.abi` };
  if (existsSync(meta) && existsSync(paths.file) && existsSync(paths.changed)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (m.version === GENERATOR_VERSION && m.seed === seed && statSync(paths.file).size === m.bytes) return { ...paths, ...m };
  }
  log(`generating ${target.toLocaleString('en-US')} records into ${base}.abi ...`);
  const started = Date.now();
  const counts = { records: 0, changedRecords: 0, pgaRecords: 0 };
  const writers = [paths.file, paths.changed].map((p) => {
    const tmp = `${p}.tmp`;
    return { tmp, path: p, stream: createWriteStream(tmp), parts: [], size: 0 };
  });
  const flush = async (w, force) => {
    if (!force && w.size < 1 << 20) return;
    const ok = w.stream.write(w.parts.join(''));
    w.parts = [];
    w.size = 0;
    if (!ok) await new Promise((r) => w.stream.once('drain', r));
  };
  const sessions = writers.map((w) =>
    lib.createEncodeSession({}, {
      text: (t) => {
        w.parts.push(t);
        w.size += t.length;
      },
      issue: (i) => {
        throw new Error(`bench generator wrote a record catair cannot encode: ${i.message}`);
      },
    }),
  );
  const rand = prng(seed ^ 0x5eed);
  for (const record of workload(lib, target, seed)) {
    counts.records++;
    if (record.id === 'OI' || record.id.startsWith('PG')) counts.pgaRecords++;
    sessions[0].writeRecord(record, `record ${counts.records}`);
    for (const r of perturb(record, rand)) {
      counts.changedRecords++;
      sessions[1].writeRecord(r, `record ${counts.changedRecords}`);
    }
    if (counts.records % 4096 === 0) for (const w of writers) await flush(w, false);
  }
  for (const w of writers) {
    await flush(w, true);
    await new Promise((r) => w.stream.end(r));
    renameSync(w.tmp, w.path);
  }
  const m = { version: GENERATOR_VERSION, seed, ...counts, bytes: statSync(paths.file).size, changedBytes: statSync(paths.changed).size };
  writeFileSync(meta, JSON.stringify(m, null, 2));
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s (${(m.bytes / 1e6).toFixed(1)} MB)`);
  return { ...paths, ...m };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lib = await import(join(ROOT, 'dist', 'index.js'));
  const target = Number(process.argv[2] ?? process.env.BENCH_RECORDS ?? 1_000_000);
  const r = await generate(lib, target, { log: (s) => console.error(s) });
  console.log(JSON.stringify(r, null, 2));
}
