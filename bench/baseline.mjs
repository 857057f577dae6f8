// Child process for the baseline row: node bench/baseline.mjs FILE
// The floor any tool pays: stream the file in the CLI's chunk size, turn bytes
// into text, and cut it into records at each line feed (one slice per record).
import { createReadStream } from 'node:fs';
import { peakRss } from './peak-rss.cjs';

let records = 0;
let length = 0;
let rest = '';
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  const text = rest + chunk.toString('latin1');
  let start = 0;
  for (let nl; (nl = text.indexOf('\n', start)) !== -1; start = nl + 1) {
    length += text.slice(start, nl).length;
    records++;
  }
  rest = text.slice(start);
}
if (rest) records++;
process.on('exit', () => process.stderr.write(JSON.stringify({ records, length, maxRSS: peakRss() }) + '\n'));
