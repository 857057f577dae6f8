/**
 * Helpers for the PGA, APHIS and flags rule tests: fixtures are JSON records
 * (the catair JSON model, fields by id) encoded into exact 80-column text with
 * the spec layouts, then linted through Decoder → Grouper → LintEngine.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encode } from '../src/api/encode.js';
import { Decoder } from '../src/decode/decoder.js';
import { Grouper } from '../src/group/grouper.js';
import type { Issue } from '../src/issues/issue.js';
import { LintEngine } from '../src/lint/engine.js';
import type { Check, LintCheckOptions } from '../src/lint/types.js';
import type { JsonRecord } from '../src/model/json.js';
import { loadSpec } from '../src/node/spec-dir.js';
import { ROOT } from './helpers.js';

export const FIXTURES = join(ROOT, 'test', 'fixtures', 'lint');

/**
 * The text of fixture file `dir/name` (undefined when missing), written first
 * from `text` when UPDATE_FIXTURES is set. Tests compare it with the text they
 * build, so the files on disk are what is linted and a layout change that
 * moves a column shows up.
 */
export function fixtureOnDisk(dir: string, name: string, text: string): string | undefined {
  const path = join(FIXTURES, dir, name);
  if (process.env.UPDATE_FIXTURES) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, 'latin1');
  }
  return existsSync(path) ? readFileSync(path, 'latin1') : undefined;
}

/** Exact fixed-width text for the records; fails on any encoding problem so fixtures stay exact. */
export function build(records: JsonRecord[], app?: string): string {
  const { text, issues } = encode(records, app ? { app } : {});
  if (issues.length) throw new Error(issues.map((i) => i.message).join('\n'));
  return text;
}

export function lint(text: string, checks: Check[], options: LintCheckOptions = {}): Issue[] {
  const spec = loadSpec();
  const issues: Issue[] = [];
  const engine = new LintEngine(spec, checks, options, (issue) => issues.push(issue));
  const grouper = new Grouper({
    open: (group, path, record) => engine.open(group, path, record),
    record: (record, path) => engine.record(record, path),
    close: (group) => engine.close(group),
  });
  const decoder = new Decoder({ spec, ...(options.app ? { app: options.app } : {}) }, { record: (r) => grouper.push(r) });
  decoder.writeText(text);
  decoder.end();
  grouper.end();
  engine.end();
  return issues;
}

/** `code@record` for each issue, sorted: what the tests compare. */
export function found(issues: Issue[]): string[] {
  return issues.map((i) => `${i.code}@${i.record}`).sort();
}

export function rec(id: string, fields: Record<string, string | number> = {}): JsonRecord {
  return { id, fields };
}

/** 1-based record number of the `nth` (1-based) record with this id. */
export function numberOf(records: JsonRecord[], id: string, nth = 1): number {
  let seen = 0;
  for (let i = 0; i < records.length; i++) if (records[i]!.id === id && ++seen === nth) return i + 1;
  throw new Error(`no ${id} #${nth} in the fixture`);
}

/** Index of the `nth` record with this id (for splicing). */
export function indexOf(records: JsonRecord[], id: string, nth = 1): number {
  return numberOf(records, id, nth) - 1;
}

/** A copy with the `nth` record of `id` replaced by `f(record)` (a list replaces it by several, empty removes it). */
export function edit(records: JsonRecord[], id: string, f: (r: JsonRecord) => JsonRecord | JsonRecord[], nth = 1): JsonRecord[] {
  const i = indexOf(records, id, nth);
  const out = records.slice();
  const r = f(structuredClone(records[i]!));
  out.splice(i, 1, ...(Array.isArray(r) ? r : [r]));
  return out;
}

/** A copy with fields of the `nth` record of `id` changed (undefined removes a field). */
export function setFields(records: JsonRecord[], id: string, fields: Record<string, string | number | undefined>, nth = 1): JsonRecord[] {
  return edit(records, id, (r) => {
    const f = { ...(r.fields ?? {}) };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) delete f[k];
      else f[k] = v;
    }
    return { ...r, fields: f };
  }, nth);
}
