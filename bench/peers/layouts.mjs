// The PGA layouts as the peers see them, read from the spec table itself
// (specs/ace-2026-07/pga.tsv) so both sides decode the same columns.
// Constants and fillers are left out (catair drops them from JSON too).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TABLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'specs', 'ace-2026-07', 'pga.tsv');

/**
 * Map of record prefix (`OI`, `PG19`) → fields `{ id, start, width, kind, decimals }`,
 * where kind is `text`, `number` (N with implied decimals) or `date` (MMDDCCYY).
 */
export function pgaLayouts() {
  const lines = readFileSync(TABLE, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const header = lines.shift().split('\t');
  const col = (name) => header.indexOf(name);
  const layouts = new Map();
  for (const line of lines) {
    const c = line.split('\t');
    const layout = c[col('layout')];
    const cls = c[col('class')];
    const format = c[col('format')];
    if (!layouts.has(layout)) layouts.set(layout, { prefix: '', fields: [] });
    const l = layouts.get(layout);
    if (format.startsWith('=')) {
      l.prefix += format.slice(1);
      continue;
    }
    if (cls === 'S') continue;
    const start = Number(c[col('start')]);
    const width = Number(c[col('end')]) - start + 1;
    const dm = /^V(\d)$/.exec(format);
    const kind = format === 'MMDDCCYY' ? 'date' : cls === 'N' && (dm || format === '') ? 'number' : 'text';
    l.fields.push({ id: c[col('id')], start, width, kind, decimals: dm ? Number(dm[1]) : 0 });
  }
  return new Map([...layouts.values()].map((l) => [l.prefix, l.fields]));
}
