import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Detector } from './types';

/** What `testDetector` checks a detector against. */
export interface DetectorCases {
  /** Values the detector must mask, alone and anywhere inside random text. */
  detects: readonly string[];
  /** Values it must leave visible. */
  ignores: readonly string[];
  /**
   * Values it must also find glued to the text around them, with no space
   * between: digits, letters and punctuation right against the value
   * ("9555-123-4567", "v1.2.3555-123-4567").
   */
  glued?: readonly string[];
}

const redact = (text: string): string => text.replace(/\S/g, '*');

/** Text around a planted value: letters, digits, punctuation, `@` and `+`, to stress boundaries. */
const surroundingText = fc.string({ unit: fc.constantFrom(...'abcxyzABC 0123456789.,;:!?()/-@+'), maxLength: 40 });

/** True if `masked` only ever hides characters of `original`: same length, every character kept or masked. */
export function onlyHides(original: string, masked: string, maskChar = '*'): boolean {
  if (masked.length !== original.length) return false;
  for (let i = 0; i < original.length; i++) if (masked[i] !== original[i] && masked[i] !== maskChar) return false;
  return true;
}

/**
 * The conformance suite every detector runs: its own true and false positives,
 * then properties over random text (planted values found anywhere, nothing
 * ever revealed, idempotence, never throwing).
 */
export function testDetector(detector: Detector, { detects, ignores, glued = [] }: DetectorCases): void {
  const mask = (text: string): string => detector.maskMatches(text, redact);

  describe(`${detector.name} conformance`, () => {
    it.each(detects)('masks %s', (value) => {
      expect(mask(value)).toBe(redact(value));
    });

    it.each(ignores)('leaves %s visible', (value) => {
      expect(mask(value)).toBe(value);
    });

    const planted = (value: string, gap: string) => () =>
      fc.assert(
        fc.property(surroundingText, surroundingText, (before, after) => {
          const text = `${before}${gap}${value}${gap}${after}`;
          const start = before.length + gap.length;
          expect(mask(text).slice(start, start + value.length)).toBe(redact(value));
        }),
      );
    it.each(detects)('finds %s planted anywhere in random text', (value) => planted(value, ' ')());
    if (glued.length > 0) it.each(glued)('finds %s glued to random text', (value) => planted(value, '')());

    it('only ever hides characters, is idempotent and never throws', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), surroundingText, fc.constantFrom(...detects, ...ignores)), (text) => {
          const once = mask(text);
          expect(onlyHides(text, once)).toBe(true);
          expect(mask(once)).toBe(once);
        }),
      );
    });
  });
}
