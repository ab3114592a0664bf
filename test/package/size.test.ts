import { describe, expect, it } from 'vitest';
import { SCRIPT_TAG_BUDGET, scriptTagSize } from '../../scripts/size.mjs';

describe('bundle size', () => {
  it(`keeps dist/lowlight.iife.js within ${SCRIPT_TAG_BUDGET} bytes min+gzip`, () => {
    const { gzip } = scriptTagSize();
    expect(gzip).toBeLessThanOrEqual(SCRIPT_TAG_BUDGET);
  });
});
