/**
 * Vitest setup: one fixed seed for every fast-check property, so that a run of the suite is
 * repeatable and CI does not pass or fail by chance. `FUZZ_SEED=random` explores new inputs (the
 * seed of a failing run is printed by fast-check; `FUZZ_SEED=<that number>` repeats it).
 */
import fc from 'fast-check';

export const DEFAULT_FUZZ_SEED = 20_261_124;

export function fuzzSeed(chosen: string | undefined): number {
  if (chosen === undefined || chosen === '') return DEFAULT_FUZZ_SEED;
  if (chosen === 'random') return (Math.random() * 2 ** 31) | 0;
  const seed = Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", got "${chosen}"`);
  return seed;
}

const seed = fuzzSeed(process.env.FUZZ_SEED);
if (process.env.FUZZ_SEED === 'random') console.info(`fast-check seed ${seed}`);
fc.configureGlobal({ seed });
