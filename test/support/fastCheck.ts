import fc from 'fast-check';

/**
 * Setup for unit tests: every property test runs with the seed vitest.config.ts
 * printed. `npm run fuzz` (LOWLIGHT_FUZZ=1) draws a fresh seed and multiplies
 * the runs, to find new counterexamples; each one becomes a fixed example.
 */
export const FUZZ_FACTOR = process.env.LOWLIGHT_FUZZ === '1' ? 20 : 1;

fc.configureGlobal({ seed: Number(process.env.LOWLIGHT_SEED), numRuns: 100 * FUZZ_FACTOR });
