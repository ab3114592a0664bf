import { regexDetector } from './regexDetector';

/**
 * Runs of 9 or more digits: account, customer, order and tax numbers, and any
 * identifier long enough to single a person out. Shorter numbers (prices,
 * quantities, years, dates) stay visible.
 */
export const longNumber = regexDetector({
  name: 'lowlight/long-number@1',
  label: 'long number',
  pattern: /\d{9,}/g,
});
