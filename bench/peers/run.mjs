// Child process for a peer row: node bench/peers/run.mjs PEER FILE [ndjson]
// The peers know one layout per call, so their best case is given: the PGA
// records are sorted into one text per record type first (not timed), then
// each text is parsed in one call (timed). With `ndjson`, each parsed object
// is also written as an NDJSON line, the output `convert --to ndjson` makes.
// Prints {records, bytes, ms, maxRSS}.
import { readFileSync } from 'node:fs';
import { pgaLayouts } from './layouts.mjs';
import { peakRss } from '../peak-rss.cjs';

const [peerName, file, output] = process.argv.slice(2);
const peer = await import(`./${peerName}.mjs`);
const layouts = pgaLayouts();
const byType = new Map();
const text = readFileSync(file, 'latin1');
for (let start = 0, nl; start < text.length; start = nl + 1) {
  nl = text.indexOf('\n', start);
  if (nl === -1) nl = text.length;
  const key = text.startsWith('OI', start) ? 'OI' : text.slice(start, start + 4);
  if (!layouts.has(key)) continue;
  let list = byType.get(key);
  if (!list) byType.set(key, (list = []));
  list.push(text.slice(start, nl));
}
const inputs = [...byType].map(([key, lines]) => ({ parse: peer.parserFor(layouts.get(key)), text: lines.join('\n'), count: lines.length }));
byType.clear();

let records = 0;
let check = 0;
const t0 = process.hrtime.bigint();
for (const input of inputs) {
  const out = input.parse(input.text);
  records += out.length;
  if (output === 'ndjson') {
    let text = '';
    for (const o of out) {
      text += JSON.stringify(o) + '\n';
      if (text.length > 1 << 16) {
        check += Buffer.byteLength(text);
        text = '';
      }
    }
    check += Buffer.byteLength(text);
  }
  // Touch the result so the work cannot be skipped.
  check += Object.keys(out[out.length - 1] ?? {}).length;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const expected = inputs.reduce((n, i) => n + i.count, 0);
if (records !== expected) throw new Error(`${peer.name} returned ${records} records for ${expected}`);
const bytes = inputs.reduce((n, i) => n + i.text.length + 1, 0);
process.stdout.write(JSON.stringify({ records, bytes, ms, maxRSS: peakRss(), check }) + '\n');
