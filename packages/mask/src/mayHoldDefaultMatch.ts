import { TOKEN_PREFIX } from './api-key';
import { EMAIL_AT } from './emailAt';
import { mayAssign } from './secret-param';

/**
 * The default detectors can only match text that holds an `@` (emails), at
 * least 8 digits (phones need 8, long numbers and SSNs 9, cards 13), a token
 * prefix (`sk_`, `ghp_`, `eyJ`, …), an assignment (`=`, `: "`) or a labelled
 * secret (`PIN: 4821`). Checking that first lets the masker skip the regular
 * expressions for nearly every string of a page. Digits and `@` of any form
 * count, as `foldForDetection` reads them (`＠`, `﹫`), and as people write it
 * out (`(at)`).
 */
const AT = /[\ufe6b\uff20]/;
/** Eight digits of any script, anything between them. Native; on a text with fewer, it fails after one scan from each digit. */
const EIGHT_DIGITS = /(?:\p{Nd}\P{Nd}*){8}/u;
/** Every token prefix holds one of these (`_`, `-`, the `J` of `eyJ`, `AK`/`AS`/`AI`, `Bearer`): a cheaper scan than the prefixes. */
const TOKEN_HINT = /[_J-]|A[KSI]|Bearer/;

export const mayHoldDefaultMatch = (text: string): boolean =>
  EMAIL_AT.test(text) || AT.test(text) || EIGHT_DIGITS.test(text) || mayAssign(text) || (TOKEN_HINT.test(text) && TOKEN_PREFIX.test(text));
