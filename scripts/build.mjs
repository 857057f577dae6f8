// Bundles the library and the CLI with esbuild; the bundles are what bin/catair.js
// and the lint workers run.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  outdir: 'dist',
};

// The library leaves its dependencies to the installing project's node_modules.
await build({ ...common, packages: 'external', entryPoints: { index: 'src/index.ts' } });

// The command line and the lint worker carry commander and chalk inside: finding
// and loading them as packages of their own took 15 of the 34 ms the command
// line took to load. The `require` defined first serves the Node built-ins
// commander (CommonJS) asks for. Their licences are in THIRD-PARTY-NOTICES.md.
// iconv-lite stays outside: it is loaded only for the encodings that need it
// (src/read/charset.ts).
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts', 'lint-worker': 'src/cli/lint-worker.ts' },
  external: ['iconv-lite'],
  banner: { js: "import { createRequire as __catairCreateRequire } from 'node:module';\nconst require = __catairCreateRequire(import.meta.url);" },
});
