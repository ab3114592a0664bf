import { regexDetector } from './regexDetector';

/**
 * US Social Security numbers written `123-45-6789` or `123 45 6789` (on by default),
 * excluding numbers the SSA never issues (area 000, 666 or 900–999, group 00,
 * serial 0000). Nine bare digits are covered by the default long-number detector.
 */
export const usSsn = regexDetector({
  name: 'lowlight/us-ssn@1',
  label: 'US SSN',
  // No digit boundaries: an SSN glued to other digits (`$9.99123-45-6789`, read across inline elements) is still one.
  pattern: /(?!000|666|9\d\d)\d{3}([ -])(?!00)\d{2}\1(?!0000)\d{4}/g,
});
