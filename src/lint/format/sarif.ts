/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. A record is a line, so
 * `startLine` is the record number; SARIF's `endColumn` is the column after
 * the region (exclusive), hence `end + 1`. Also in pieces (`sarifHead`,
 * `sarifFile` per file, `sarifTail`), so a report on many files is written
 * file by file; joined, the pieces are the same text as `sarifReport`. Issues
 * a file did not list (`--max-issues`) are counted in the run's properties.
 */
import { addSummary, issueTotal, noIssues, type LintSummary } from '../policy.js';
import type { LintFileResult } from '../run.js';
import type { RuleInfo } from '../types.js';
import type { LintResult } from './index.js';
import { indent } from './json.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A relative path as a URI reference (forward slashes, percent-encoded); stdin as `stdin`. */
export function fileUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function sarifReport(result: LintResult, rules: readonly RuleInfo[], version: string): string {
  const omitted = result.files.reduce((o, f) => addSummary(o, f.omitted), noIssues());
  let k = 0;
  return sarifHead(rules, version) + result.files.map((f) => {
    const text = sarifFile(f, rules, k);
    k += f.issues.length;
    return text;
  }).join('') + sarifTail(rules, version, omitted, k);
}

/** The log up to its results. */
export function sarifHead(rules: readonly RuleInfo[], version: string): string {
  return split(rules, version)[0];
}

/** A file's results; `before` results were written before them. */
export function sarifFile(f: LintFileResult, rules: readonly RuleInfo[], before: number): string {
  const index = ruleIndex(rules);
  return f.issues.map((i, n) => `${before + n ? ',' : ''}\n        ${indent(JSON.stringify({
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
  }, null, 2), 8)}`).join('');
}

/** The log after its `results` results; `omitted` counts the issues files did not list. */
export function sarifTail(rules: readonly RuleInfo[], version: string, omitted: LintSummary, results: number): string {
  return (results ? '\n      ]' : ']') + split(rules, version, omitted)[1];
}

let lastIndex: { rules: readonly RuleInfo[]; index: Map<string, number> } | undefined;

function ruleIndex(rules: readonly RuleInfo[]): Map<string, number> {
  if (lastIndex?.rules !== rules) lastIndex = { rules, index: new Map(rules.map((r, i) => [r.code, i])) };
  return lastIndex.index;
}

/** The log with no results, cut where they go: before and after `[]`. */
function split(rules: readonly RuleInfo[], version: string, omitted?: LintSummary): [string, string] {
  const anyOmitted = omitted && issueTotal(omitted) > 0;
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
      results: [],
      ...(anyOmitted ? { properties: { omittedIssues: omitted } } : {}),
    }],
  };
  const text = JSON.stringify(log, null, 2) + '\n';
  const at = text.indexOf('"results": []') + '"results": ['.length;
  return [text.slice(0, at), text.slice(at + 1)];
}
