import { maskGroupWindows } from './digitGroups';
import { passesLuhn } from './luhn';
import type { Detector } from './types';

/** Digit groups separated by single spaces, dashes or dots, e.g. "4111 1111-1111 1111" (see foldForDetection for other spaces and dashes). */
const CARD_WINDOW = { maxGroups: 5, maxEdge: 4, minDigits: 13, maxDigits: 19 };
const GROUPED_DIGITS = /\d+(?:[ .-]\d+)*/g;

/**
 * Payment card numbers: 13–19 digits, bare or grouped by spaces, dashes or dots,
 * confirmed by the Luhn checksum, also when written next to other numbers.
 */
export const cardNumber: Detector = {
  name: 'lowlight/card-number@1',
  label: 'card number',
  maskMatches: (text, redact) =>
    text.replace(GROUPED_DIGITS, (run) => (run.length < 13 ? run : maskGroupWindows(run, /[ .-]/, CARD_WINDOW, isCard, redact))),
};

function isCard(groups: string[]): boolean {
  const digits = groups.join('');
  return digits.length >= 13 && digits.length <= 19 && isCardShape(groups.map((group) => group.length)) && passesLuhn(digits);
}

/** One bare run, groups of four with a shorter tail (Visa, Mastercard), or 4-6-4/4-6-5 (Diners, Amex). */
function isCardShape(lengths: number[]): boolean {
  if (lengths.length === 1) return true;
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6) return lengths[2] === 4 || lengths[2] === 5;
  return lengths.every((length, i) => (i < lengths.length - 1 ? length === 4 : length <= 4));
}
