/**
 * `--format junit`: one testsuite per file, one testcase per record with
 * issues (a failure when any is an error; warnings and infos in system-out),
 * and one passing testcase for a clean file so no suite is empty.
 */
import type { LintFileResult, LintIssue } from '../run.js';
import type { LintResult } from './index.js';
import type { LintSummary } from '../policy.js';
import { issueHeadline, omittedText, PLAIN } from './text.js';

/** XML 1.0 text: escaped, and characters XML cannot carry dropped. */
export function xml(s: string): string {
  return s
    .replace(/[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

interface Case {
  name: string;
  issues: LintIssue[];
  /** The issues the file did not list (`--max-issues`), as one case: a failure when errors are among them. */
  omitted?: LintSummary;
}

const failed = (c: Case) => c.issues.some((i) => i.severity === 'error') || (c.omitted?.errors ?? 0) > 0;

function cases(f: LintFileResult): Case[] {
  const byRecord = new Map<number, Case>();
  for (const i of f.issues) {
    let c = byRecord.get(i.record);
    if (!c) byRecord.set(i.record, (c = { name: i.record > 0 ? `record ${i.record}${i.recordId ? ` (${i.recordId})` : ''}` : 'file', issues: [] }));
    c.issues.push(i);
  }
  const list = byRecord.size ? [...byRecord.values()] : [{ name: 'lint', issues: [] }];
  if (f.omitted) list.push({ name: 'issues not listed', issues: [], omitted: f.omitted });
  return list;
}

export function junitReport(result: LintResult): string {
  const suites = result.files.map((f) => {
    const list = cases(f);
    const failures = list.filter(failed).length;
    const body = list.map((c) => {
      const open = `    <testcase classname="${xml(f.file)}" name="${xml(c.name)}"`;
      if (c.omitted) {
        const text = xml(`${f.file}: ${omittedText(f)}`);
        return c.omitted.errors ? `${open}>\n      <failure type="omitted" message="${text}">${text}</failure>\n    </testcase>` : `${open}>\n      <system-out>${text}</system-out>\n    </testcase>`;
      }
      if (!c.issues.length) return `${open}/>`;
      const lines = c.issues.map((i) => issueHeadline(f.file, i, PLAIN)).join('\n');
      const errors = c.issues.filter((i) => i.severity === 'error');
      if (errors.length) {
        const first = errors[0]!;
        return `${open}>\n      <failure type="${xml(first.code)}" message="${xml(`${first.code}: ${first.message}`)}">${xml(lines)}</failure>\n    </testcase>`;
      }
      return `${open}>\n      <system-out>${xml(lines)}</system-out>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(f.file)}" tests="${list.length}" failures="${failures}" errors="0" skipped="0">\n${body.join('\n')}\n  </testsuite>`;
  });
  const tests = result.files.reduce((n, f) => n + cases(f).length, 0);
  const failures = result.files.reduce((n, f) => n + cases(f).filter(failed).length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="catair lint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
