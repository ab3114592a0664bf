import { regexDetector } from './regexDetector';

/**
 * Runs of 9 or more digits: account, customer, order and tax numbers, and any
 * identifier long enough to single a person out; also written in groups of 3 or
 * more digits joined by single spaces or dashes, as ids are printed to be read
 * (`2345 6789 0123`, a gift card's `6035-7123-4567-8901`). Shorter numbers
 * (prices, quantities, years, dates) stay visible, and so do amounts grouped in
 * thousands (`12 345 678 901`: every group after the first holds 3 digits) and
 * digits counting up (`123456789`): a pager's or a keypad's `1 2 3 … 9` read as
 * one run.
 */
export const longNumber = regexDetector({
  name: 'lowlight/long-number@1',
  label: 'long number',
  pattern: /\d{3,}(?:[ -]\d{3,}){2,}|\d{9,}/g,
  accept: (candidate) => {
    const [first, ...rest] = candidate.split(/[ -]/);
    return !'01234567890'.includes(first + rest.join('')) && (first!.length > 8 || rest.some((group) => group.length > 3));
  },
});
