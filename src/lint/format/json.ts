/**
 * `--format json`: one object, the issues as data (record text left out).
 * Also in pieces (`jsonHead`, `jsonFile` per file, `jsonTail`), so a report
 * on many files is written file by file and never held whole; joined, the
 * pieces are the same text as `jsonReport`.
 */
import type { LintSummary } from '../policy.js';
import type { LintFileResult } from '../run.js';
import type { LintResult } from './index.js';

export function jsonReport(result: LintResult): string {
  return jsonHead() + result.files.map((f, k) => jsonFile(f, k)).join('') + jsonTail(result.summary, result.files.length);
}

export function jsonHead(): string {
  return '{\n  "files": [';
}

/** The `k`-th file (from 0) of the report. */
export function jsonFile(f: LintFileResult, k: number): string {
  const file = {
    file: f.file,
    records: f.records,
    issues: f.issues.map((i) => ({
      code: i.code, severity: i.severity, record: i.record, columns: i.columns ?? null,
      recordId: i.recordId ?? null, field: i.field ?? null, message: i.message,
    })),
    ...(f.omitted ? { omitted: f.omitted } : {}),
  };
  return `${k ? ',' : ''}\n    ${indent(JSON.stringify(file, null, 2), 4)}`;
}

/** The end of a report on `files` files. */
export function jsonTail(summary: LintSummary, files: number): string {
  return `${files ? '\n  ]' : ']'},\n  "summary": ${indent(JSON.stringify(summary, null, 2), 2)}\n}\n`;
}

/** JSON text nested `n` spaces deeper (JSON.stringify escapes line feeds inside strings, so each one here is between tokens). */
export function indent(json: string, n: number): string {
  return json.replace(/\n/g, '\n' + ' '.repeat(n));
}
