/** Loads a spec folder from disk (the only place specs touch the file system). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSpec } from '../spec/build.js';
import type { Spec, SpecProblem } from '../spec/types.js';

export const DEFAULT_EDITION = 'ace-2026-07';

export class SpecError extends Error {
  constructor(readonly dir: string, readonly problems: SpecProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in spec ${dir}:\n` +
      problems.map((p) => `  ${join(dir, p.file)}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'SpecError';
  }
}

/** The package root: the nearest folder above this module holding `specs/`. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'specs', DEFAULT_EDITION)) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the catair package folder (specs/ missing)');
    dir = up;
  }
}

export function defaultSpecDir(): string {
  return join(packageRoot(), 'specs', DEFAULT_EDITION);
}

export function readSpecFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.tsv') && statSync(join(dir, name)).isFile()) files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

/** Checks a spec folder and returns every problem (empty when it is sound). */
export function checkSpecDir(dir: string): SpecProblem[] {
  return buildSpec(basename(resolve(dir)), readSpecFiles(dir)).problems;
}

const cache = new Map<string, Spec>();

/** Loads and checks a spec folder (the shipped edition by default); throws SpecError listing every problem. */
export function loadSpec(dir?: string): Spec {
  const path = resolve(dir ?? defaultSpecDir());
  const hit = cache.get(path);
  if (hit) return hit;
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new SpecError(path, [{ file: '.', line: 0, message: 'not a folder' }]);
  }
  const { spec, problems } = buildSpec(basename(path), readSpecFiles(path));
  if (!spec) throw new SpecError(path, problems);
  cache.set(path, spec);
  return spec;
}
