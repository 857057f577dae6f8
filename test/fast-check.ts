/**
 * How the property tests draw their inputs.
 *
 * `npm test` (and CI) draws from a fixed seed, so a run is reproducible and a
 * red CI means a change broke something, not that a draw was unlucky. Set
 * `FC_SEED` to another number to draw other inputs, or to `random` for a fresh
 * seed each run; `FC_SCALE` multiplies the number of runs of every property.
 * `npm run fuzz` does both. A failure prints its seed: give it back as
 * `FC_SEED` (with the same `FC_SCALE`) to replay it.
 */
import fc from 'fast-check';

export const FC_DEFAULT_SEED = 20261123;

/** The seed to draw from, or undefined for a fresh one; throws on a value that is neither. */
export function seedFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return FC_DEFAULT_SEED;
  if (value === 'random') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`FC_SEED must be an integer or "random", not ${JSON.stringify(value)}`);
  return n;
}

const scale = Number(process.env.FC_SCALE ?? 1);
if (!(scale > 0)) throw new Error(`FC_SCALE must be a number above 0, not ${JSON.stringify(process.env.FC_SCALE)}`);

/** `n` runs of a property, times FC_SCALE. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * scale));
}

const seed = seedFromEnv(process.env.FC_SEED);
fc.configureGlobal(seed === undefined ? {} : { seed });
