import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Tests that run bin/catair.js need dist/ built from the current sources, never a stale build. */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
