// Bundles the library and the CLI with esbuild. Dependencies stay external so
// `npm install` resolves them; the bundle is what bin/catair.js runs.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};

await build({ ...common, entryPoints: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'lint-worker': 'src/cli/lint-worker.ts' }, outdir: 'dist' });
