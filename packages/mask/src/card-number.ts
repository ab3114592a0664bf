import { passesLuhn } from './luhn';
import type { Detector } from './types';

/** Digit groups separated by single spaces or dashes, e.g. "4111 1111-1111 1111". */
const GROUPED_DIGITS = /\d+(?:[ -]\d+)*/g;

/**
 * Payment card numbers: 13–19 digits, bare or grouped by spaces or dashes,
 * confirmed by the Luhn checksum.
 *
 * A candidate may sit inside a longer run of numbers ("ref 12 4111 1111 1111 1111"),
 * so every window of consecutive groups with a card-like shape is checked, not
 * only the longest match.
 */
export const cardNumber: Detector = {
  name: 'lowlight/card-number@1',
  label: 'card number',
  maskMatches(text, redact) {
    return text.replace(GROUPED_DIGITS, (run) => (run.length < 13 ? run : maskCardWindows(run, redact)));
  },
};

function maskCardWindows(run: string, redact: (text: string) => string): string {
  const groups = run.split(/[ -]/);
  const starts: number[] = [];
  let offset = 0;
  for (const group of groups) {
    starts.push(offset);
    offset += group.length + 1;
  }
  const masked: Array<[number, number]> = [];
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      digits += groups[last];
      if (digits.length > 19) break;
      if (digits.length >= 13 && isCardShape(groups, first, last) && passesLuhn(digits)) {
        masked.push([starts[first]!, starts[last]! + groups[last]!.length]);
      }
    }
  }
  if (masked.length === 0) return run;
  let result = run;
  for (const [start, end] of masked) {
    result = result.slice(0, start) + redact(result.slice(start, end)) + result.slice(end);
  }
  return result;
}

/** One bare run, groups of four with a shorter tail (Visa, Mastercard), or 4-6-4/4-6-5 (Diners, Amex). */
function isCardShape(groups: string[], first: number, last: number): boolean {
  if (first === last) return true;
  const lengths = groups.slice(first, last + 1).map((group) => group.length);
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6) return lengths[2] === 4 || lengths[2] === 5;
  return lengths.every((length, i) => (i < lengths.length - 1 ? length === 4 : length >= 1 && length <= 4));
}
