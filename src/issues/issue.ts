/**
 * Problems are data, not exceptions (STYLE §6): every stage collects them and
 * the formatters decide the wording, colour and exit code at the end.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  /** Stable code from the closed set in `codes.ts`. */
  code: string;
  severity: Severity;
  /** 1-based record number in the file (0 when the issue concerns no record). */
  record: number;
  /** 1-based inclusive column range inside the record, when known. */
  columns?: [number, number];
  /** Record id as the filer reads it (`PG19`, `10`), when known. */
  recordId?: string | null;
  /** Field id (`entityRoleCode`), when the issue concerns one field. */
  field?: string;
  /** Human sentence; formatters may reword it, but it is complete on its own. */
  message: string;
}
