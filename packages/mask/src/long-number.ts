import { regexDetector } from './regexDetector';

/**
 * Runs of 9 or more digits: account, customer, order and tax numbers, and any
 * identifier long enough to single a person out. Shorter numbers (prices,
 * quantities, years, dates) stay visible, and so do digits counting up
 * (`123456789`): a pager's or a keypad's `1 2 3 … 9` read as one run.
 */
export const longNumber = regexDetector({
  name: 'lowlight/long-number@1',
  label: 'long number',
  pattern: /\d{9,}/g,
  accept: (digits) => !'01234567890'.includes(digits),
});
