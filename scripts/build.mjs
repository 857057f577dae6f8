// Bundles the library and the CLI with esbuild; the bundles are what bin/catair.js
// and the lint workers run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
  entryPoints: { 'lint-worker': 'src/cli/lint-worker.ts' },
  external: ['iconv-lite'],
  banner: { js: "import { createRequire as __catairCreateRequire } from 'node:module';\nconst require = __catairCreateRequire(import.meta.url);" },
});

// The command line is CommonJS (dist/cli.cjs), so that bin/catair.js can compile it
// with V8's code cache (bin/load.js): start-up about 13 ms shorter, a tenth of a
// small file's run. `import.meta.url` becomes the bundle's own file URL.
await build({
  ...common,
  format: 'cjs',
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  external: ['iconv-lite'],
  define: { 'import.meta.url': '__catairModuleUrl' },
  banner: { js: "const __catairModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The code cache: the bundle compiled, and run over a shipped sample (convert both
// ways, lint) so that the functions every run needs are in it. V8 takes it only for
// this very bundle on this Node version; otherwise it compiles the bundle as usual.
execFileSync(process.execPath, [fileURLToPath(new URL('./code-cache.cjs', import.meta.url))], { stdio: 'inherit' });
