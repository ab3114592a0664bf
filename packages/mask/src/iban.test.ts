import { describe, expect, it } from 'vitest';
import { iban } from './iban';
import { testDetector } from './testDetector';

testDetector(iban, {
  detects: ['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300'],
  ignores: ['DE89370400440532013001', 'GB82 WEST 1234 5698 7654 33', 'ABC123', 'ISO 13616', 'US12'],
});

describe('iban detector', () => {
  // Counterexample from `npm run fuzz` (seed 616911876): "BA55 DE89 3704 0044 053" passes mod-97 by chance.
  it.each(['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'FR1420041010050500013M02606'])(
    'masks all of %s after a code that passes the checksum with its first groups',
    (value) => {
      const masked = iban.maskMatches(`BA55 ${value} `, (text) => text.replace(/\S/g, '*'));
      expect(masked.slice(5, 5 + value.length)).toBe(value.replace(/\S/g, '*'));
    },
  );
});
