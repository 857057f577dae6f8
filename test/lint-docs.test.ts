/** docs/rules.md documents every code lint can report (STYLE §6), with the severity the code has. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECODE_CODES } from '../src/issues/codes.js';
import { allRules } from '../src/lint/checks/index.js';
import { ROOT } from './helpers.js';

const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');

/** `### \`code\`` entries with the severity and CBP code of their first line. */
function entries(): Map<string, { severity?: string; cbp?: string; body: string }> {
  const map = new Map<string, { severity?: string; cbp?: string; body: string }>();
  for (const part of doc.split(/^### /m).slice(1)) {
    const code = /^`([^`]+)`/.exec(part)?.[1];
    if (!code) continue;
    map.set(code, {
      severity: /\*\*Severity:\*\* (\w+)/.exec(part)?.[1],
      cbp: /\*\*CBP:\*\* ([^·\n]+?)\s*(?:·|\n)/.exec(part)?.[1],
      body: part,
    });
  }
  return map;
}

describe('docs/rules.md', () => {
  const documented = entries();
  const rules = allRules();

  it('has an entry for every registered rule and decode code', () => {
    const codes = [...rules.map((r) => r.code), ...Object.keys(DECODE_CODES)];
    expect(codes.filter((c) => !documented.has(c))).toEqual([]);
  });

  it('gives each rule its default severity and CBP code', () => {
    for (const r of rules) {
      const e = documented.get(r.code);
      if (!e) continue; // the test above names it
      expect(e.severity, r.code).toBe(r.severity);
      expect(e.cbp, r.code).toBe(r.cbp);
    }
  });

  it('gives each entry a source and an example', () => {
    for (const [code, e] of documented) {
      expect(e.body, code).toMatch(/\*\*Source:\*\* \S/);
      expect(e.body, code).toMatch(/```text\n/);
    }
  });

  it('registers each code once', () => {
    const codes = rules.map((r) => r.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });
});
