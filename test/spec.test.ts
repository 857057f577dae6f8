import { mkdtempSync, readdirSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
