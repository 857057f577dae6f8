/**
 * JSON report, streamed one change per line:
 *   {"changes":[
 *   {"kind":"changed","path":{...},"recordA":20,"recordB":20,"recordId":"PG19","field":"entityName","before":"...","after":"..."}
 *   ],"summary":{"added":0,"removed":0,"changed":1}}
 * Record numbers are 1-based and null where a side has no record; `count` is
 * given for what was added or removed. The element name stays in the library
 * object (`element`); programs key on the field id.
 */
import type { DiffChange, DiffSummary } from './change.js';

export class JsonFormatter {
  private first = true;

  constructor(private readonly write: (text: string) => void) {
    write('{"changes":[');
  }

  change(c: DiffChange): void {
    const { kind, path, recordA, recordB, recordId, field, before, after, count } = c;
    const out = { kind, path, recordA, recordB, recordId, field, before, after, ...(count !== undefined ? { count } : {}) };
    this.write(`${this.first ? '\n' : ',\n'}${JSON.stringify(out)}`);
    this.first = false;
  }

  end(summary: DiffSummary): void {
    this.write(`${this.first ? '' : '\n'}],"summary":${JSON.stringify(summary)}}\n`);
  }
}
