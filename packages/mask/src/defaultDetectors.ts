import { apiKey } from './api-key';
import { cardNumber } from './card-number';
import { email } from './email';
import { iban } from './iban';
import { longNumber } from './long-number';
import { phone } from './phone';
import { secretParam } from './secret-param';
import type { Detector } from './types';
import { usSsn } from './us-ssn';

/**
 * Detectors on by default for `strict` and `balanced`. Tokens and the values of
 * secret-named parameters come first: a number detector masking a token's
 * digits would leave the rest of it unrecognizable. IBANs come before the
 * number detectors and cards before long numbers, so each is masked whole,
 * keeping its grouping.
 */
export const DEFAULT_DETECTORS: readonly Detector[] = [apiKey, secretParam, email, iban, cardNumber, phone, usSsn, longNumber];

/**
 * The default detectors a page keeps, after `disableDetectors` (names of
 * defaults, e.g. `'lowlight/us-ssn@1'`). An unknown name fails at init, so a
 * typo never leaves a detector on that the page meant off, or the reverse.
 */
export function enabledDefaultDetectors(disabled: readonly string[] = []): readonly Detector[] {
  const names = DEFAULT_DETECTORS.map((detector) => detector.name);
  const unknown = Array.isArray(disabled) ? disabled.find((name) => !names.includes(name)) : disabled;
  if (unknown !== undefined) {
    throw new Error(`[lowlight] mask: "disableDetectors" must list default detector names (${names.join(', ')}), got ${JSON.stringify(unknown)}`);
  }
  return DEFAULT_DETECTORS.filter((detector) => !disabled.includes(detector.name));
}
