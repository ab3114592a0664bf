import { TOKEN_PREFIX } from './api-key';

/**
 * The default detectors can only match text that holds an `@` (emails), at
 * least 8 digits (phones need 8, long numbers and SSNs 9, cards 13) or a
 * token prefix (`sk_`, `ghp_`, `eyJ`, …). Checking that first lets the masker
 * skip the regular expressions for nearly every string of a page. Digits and
 * `@` of any form count, as `foldForDetection` reads them.
 */
export const DEFAULT_DETECTOR_MIN_DIGITS = 8;

const DIGIT_OR_AT = /[\p{Nd}@\ufe6b\uff20]/u;
const AT = /[@\ufe6b\uff20]/;
const DIGIT = /\p{Nd}/u;
/** Every token prefix holds one of these (`_`, `-`, the `J` of `eyJ`, `AK`/`AS`/`AI`, `Bearer`): a cheaper scan than the prefixes. */
const TOKEN_HINT = /[_J-]|A[KSI]|Bearer/;
const mayHoldToken = (text: string): boolean => TOKEN_HINT.test(text) && TOKEN_PREFIX.test(text);

export function mayHoldDefaultMatch(text: string): boolean {
  // Most text has no digit at all: a native scan answers that without a loop in JavaScript.
  if (!DIGIT_OR_AT.test(text)) return mayHoldToken(text);
  if (AT.test(text)) return true;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 0x80 ? code >= 48 && code <= 57 : DIGIT.test(text[i]!);
    if (digit && ++digits >= DEFAULT_DETECTOR_MIN_DIGITS) return true;
  }
  return mayHoldToken(text);
}
