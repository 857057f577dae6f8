/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. A record is a line, so
 * `startLine` is the record number; SARIF's `endColumn` is the column after
 * the region (exclusive), hence `end + 1`.
 */
import type { RuleInfo } from '../types.js';
import type { LintResult } from './index.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A relative path as a URI reference (forward slashes, percent-encoded); stdin as `stdin`. */
export function fileUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function sarifReport(result: LintResult, rules: readonly RuleInfo[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const results = result.files.flatMap((f) =>
    f.issues.map((i) => ({
      ruleId: i.code,
      ...(index.has(i.code) ? { ruleIndex: index.get(i.code) } : {}),
      level: LEVEL[i.severity],
      message: { text: i.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: fileUri(f.file) },
          ...(i.record > 0 ? {
            region: { startLine: i.record, ...(i.columns ? { startColumn: i.columns[0], endColumn: i.columns[1] + 1 } : {}) },
          } : {}),
        },
      }],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'catair',
          version,
          rules: rules.map((r) => ({
            id: r.code,
            name: r.code,
            shortDescription: { text: r.title },
            fullDescription: { text: `${r.title}${r.cbp ? ` (CBP ${r.cbp})` : ''}.` },
            help: { text: `${r.title}. Source: ${r.source}. Documented in docs/rules.md#${r.code}.` },
            defaultConfiguration: { level: LEVEL[r.severity] },
            ...(r.cbp ? { properties: { cbp: r.cbp } } : {}),
          })),
        },
      },
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
