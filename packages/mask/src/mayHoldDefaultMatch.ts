/**
 * The default detectors can only match text that holds an `@` (emails) or at
 * least 8 digits (phones need 8, long numbers 9, cards 13). Checking that first
 * lets the masker skip the regular expressions for nearly every string of a page.
 */
export const DEFAULT_DETECTOR_MIN_DIGITS = 8;

const DIGIT_OR_AT = /[\d@]/;

export function mayHoldDefaultMatch(text: string): boolean {
  // Most text has no digit at all: a native scan answers that without a loop in JavaScript.
  if (!DIGIT_OR_AT.test(text)) return false;
  if (text.includes('@')) return true;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++digits >= DEFAULT_DETECTOR_MIN_DIGITS) return true;
  }
  return false;
}
