/** `--format json`: one object, the issues as data (record text left out). */
import type { LintResult } from './index.js';

export function jsonReport(result: LintResult): string {
  return JSON.stringify({
    files: result.files.map((f) => ({
      file: f.file,
      records: f.records,
      issues: f.issues.map((i) => ({
        code: i.code, severity: i.severity, record: i.record, columns: i.columns ?? null,
        recordId: i.recordId ?? null, field: i.field ?? null, message: i.message,
      })),
    })),
    summary: result.summary,
  }, null, 2) + '\n';
}
