// Child process for the in-process library row: node bench/library.mjs FILE
// catair's decode to NDJSON (the `data` handler: UTF-8 chunks, as the CLI
// writes them) on the same terms as the peers: the input is already in
// memory, nothing is written. Prints {records, bytes, ms, maxRSS}.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRss } from './peak-rss.cjs';

const lib = await import(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js'));
const input = readFileSync(process.argv[2]);
let out = 0;
const t0 = process.hrtime.bigint();
const session = lib.createDecodeSession({ to: 'ndjson' }, { data: (b) => (out += b.length) });
for (let i = 0; i < input.length; i += 1 << 16) session.write(input.subarray(i, i + (1 << 16)));
session.end();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ records: session.records, bytes: input.length, ms, out, maxRSS: peakRss() }) + '\n');
