import { mkdtempSync, readdirSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/lint/index.js';
import { checkSpecDir, loadSpec } from '../src/node/spec-dir.js';
import { ROOT } from './helpers.js';

const SPECS = join(ROOT, 'specs');

describe('spec checker', () => {
  for (const edition of readdirSync(SPECS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    it(`${edition.name} has no problems`, () => {
      expect(checkSpecDir(join(SPECS, edition.name))).toEqual([]);
    });
  }

  it('covers all 35 PGA records and the host records', () => {
    const spec = loadSpec();
    const pga = [...spec.layouts.values()].filter((l) => l.table === 'pga.tsv').map((l) => l.record);
    expect(pga).toHaveLength(35);
    for (const id of ['A', 'B.in', 'B.out', 'Y', 'Z', 'X0', 'X1', '10', '11', '40', '50', '90', 'AE.SE60', 'SE10', 'SE11', 'SE40', 'SE.SE60', 'SE.SE61', 'SE90', 'CA10', 'CA40', 'CA60', 'CA90', 'SO10', 'SO70.v0', 'SO70.v1', 'SO71', 'SO72', 'E0', 'E1']) {
      expect(spec.layouts.get(id)?.fields.length, id).toBeGreaterThan(0);
    }
  });

  it('reports every problem at once with file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catair-spec-'));
    cpSync(join(SPECS, 'ace-2026-07'), dir, { recursive: true });
    const pga = readFileSync(join(dir, 'pga.tsv'), 'utf8').split('\n');
    const i19 = pga.findIndex((l) => l.startsWith('PG19\tEntity Name\t'));
    const i20 = pga.findIndex((l) => l.startsWith('PG20\tEntity City\t'));
    pga[i19] = pga[i19]!.replace('\t26\t57\t32\t', '\t27\t57\t32\t'); // gap at 26 and wrong length
    pga[i20] = pga[i20]!.replace('\tX\t', '\tQ\t'); // unknown class
    writeFileSync(join(dir, 'pga.tsv'), pga.join('\n'));
    const problems = checkSpecDir(dir);
    const text = problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^pga.tsv:${i19 + 1}: .*columns 26-26 are not covered`)));
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^pga.tsv:${i19 + 1}: .*length 32 does not match columns 27-57`)));
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^pga.tsv:${i20 + 1}: .*class "Q"`)));
  });
});

describe('applications.tsv preparer column', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'catair-spec-'));
    cpSync(join(SPECS, 'ace-2026-07'), dir, { recursive: true });
    return dir;
  };
  const rows = (dir: string) => readFileSync(join(dir, 'applications.tsv'), 'utf8').split('\n');

  it('marks the B&B-13 Note 4 applications, both directions, and no others', () => {
    const spec = loadSpec();
    const takers = [...spec.applications.values()].filter((a) => a.preparer).map((a) => a.app).sort();
    expect(takers).toEqual(['AE', 'AX', 'CA', 'CC', 'DE', 'DX', 'NE', 'NX', 'PE', 'PX', 'RE', 'RX', 'SE', 'SQ', 'SU', 'SX', 'TE', 'TX']);
    expect(spec.applications.get('EQ')?.preparer).toBe(false);
  });

  it('is optional (then nothing is said either way), and holds yes or nothing', () => {
    const without = copy();
    const lines = rows(without).map((l) => (l.startsWith('#') || !l ? l : l.split('\t').filter((_, i) => i !== 4).join('\t')));
    expect(lines.find((l) => l.startsWith('app\t'))).toBe('app\tdirection\tpair\tname\tpage');
    writeFileSync(join(without, 'applications.tsv'), lines.join('\n'));
    expect(checkSpecDir(without)).toEqual([]);
    expect(loadSpec(without).applications.get('EQ')?.preparer).toBeUndefined();
    // Without it, preparer fields in an EQ block are not judged; with it, they are X23.
    const fixture = readFileSync(join(ROOT, 'test', 'fixtures', 'lint', 'preparer-not-allowed.abi'));
    const codes = (spec?: string) => lint(fixture, spec ? { spec } : {}).files[0]!.issues.map((i) => i.code);
    expect(codes()).toContain('preparer-not-allowed');
    expect(codes(without)).not.toContain('preparer-not-allowed');

    const bad = copy();
    const b = rows(bad);
    const i = b.findIndex((l) => l.startsWith('EQ\t'));
    b[i] = b[i]!.replace('\tEntry Summary Query\t\t', '\tEntry Summary Query\tno\t');
    writeFileSync(join(bad, 'applications.tsv'), b.join('\n'));
    expect(checkSpecDir(bad).map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([`applications.tsv:${i + 1}: preparer must be yes or empty, not "no"`]);
  });
});
