// npm run fuzz [-- vitest args]: the property tests (test/fast-check.ts) with a
// fresh seed and twenty times their runs. `npm test` draws from a fixed seed so
// CI is reproducible; this draws new inputs each time. A failure prints its
// seed: FC_SEED=<seed> FC_SCALE=20 npx vitest run <file> replays it.
// FC_SEED and FC_SCALE in the environment override these defaults.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const files = ['test/robustness', 'test/properties.test.ts', 'test/split.test.ts', 'test/lint-parts.test.ts', 'test/chunks.test.ts'];
const env = { ...process.env, FC_SEED: process.env.FC_SEED ?? 'random', FC_SCALE: process.env.FC_SCALE ?? '20' };
const vitest = createRequire(import.meta.url).resolve('vitest/vitest.mjs');
process.stderr.write(`fuzz: FC_SEED=${env.FC_SEED} FC_SCALE=${env.FC_SCALE}\n`);
const r = spawnSync(process.execPath, [vitest, 'run', ...(process.argv.length > 2 ? process.argv.slice(2) : files)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
