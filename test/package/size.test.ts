import { describe, expect, it } from 'vitest';
import { measureAll } from '../../scripts/size.mjs';

const sizes = await measureAll();

describe('bundle size budgets (npm run size)', () => {
  it.each(sizes.map((entry) => [entry.name, entry] as const))('keeps %s within its budget', (_name, { size, budget }) => {
    expect(size).toBeLessThanOrEqual(budget);
  });

  it('keeps the script-tag build within 28,000 bytes min+gzip', () => {
    expect(sizes.find((entry) => entry.name.endsWith('/lowlight.iife.js'))).toMatchObject({ measure: 'gzip', budget: 28_000 });
  });
});
