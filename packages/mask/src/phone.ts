import { maskGroupWindows } from './digitGroups';
import type { Detector } from './types';

/** Optional `+CC` and `(area)` prefixes, then digit groups joined by single spaces, dots, dashes or slashes (`030/1234567`, `+49/89/1234567`). */
// A `+CC` or `(area)` prefix may follow anything. Otherwise a candidate starts where a number does
// (not after a digit or `+`, nor after a digit and a separator) and ends where it does, so a phone
// glued to a word or another number ("Tel+44 20 …", "…4567+44 …", "9(555) 123-4567") is still one;
// digits glued to its first or last group, however many, are trimmed off by the window search.
const CANDIDATE = /(?:\+\d{1,3}[ ./-]?|(?=\()|(?<![\d+]|\d[./-]))(?:\(\d{1,4}\)[ .-]?)?\d+(?:[ ./-]\d+)*(?!\d|[./-]\d)/g;
const SEPARATOR = /[ ./-]/;
/** A country code (`+44`, `0044`) or an area code in brackets marks a phone number. */
const MARKED = /^(?:[+(]|00[1-9])/;
/** North American numbers hold 10 or 11 digits, trunk-0 national numbers 9 to 12, international ones after 00 up to 17. */
const NATIONAL_WINDOW = { maxGroups: 6, maxEdge: 4, minDigits: 9, maxDigits: 17 };

/**
 * Phone numbers written with separators, international and national:
 * `+44 20 7946 0958`, `0044 20 7946 0958`, `+1 (555) 123-4567`, `(555) 123-4567`,
 * `555-123-4567`, `1-800-555-0199`, `020 7946 0958`, `030/1234567`, `01 23 45 67 89`, also
 * when written next to other numbers. Unseparated ones are runs of digits,
 * which the long-number detector covers.
 *
 * Dates, times, versions, IP addresses, prices and lists of short numbers do
 * not have a phone's shape and stay visible.
 */
export const phone: Detector = {
  name: 'lowlight/phone@1',
  label: 'phone number',
  maskMatches: (text, redact) =>
    text.replace(CANDIDATE, (candidate) => {
      // A lone group is no national number: skip the window search for every plain number in the text.
      if (!MARKED.test(candidate)) return SEPARATOR.test(candidate) ? maskGroupWindows(candidate, SEPARATOR, NATIONAL_WINDOW, isNationalNumber, redact) : candidate;
      // A country or area code marks a phone number. Where it ends among the
      // numbers that follow is ambiguous, so the whole run is masked (fail closed).
      return candidate.replace(/\D/g, '').length >= 8 ? redact(candidate) : candidate;
    }),
};

function isNationalNumber(groups: string[], trimmed: boolean): boolean {
  if (groups.length < 2) return false;
  const shape = groups.map((group) => group.length).join('-');
  // North American numbers, with or without the leading 1: distinctive even when glued to other digits.
  if (shape === '3-3-4' || (shape === '1-3-3-4' && groups[0] === '1')) return true;
  // Elsewhere national numbers start with a trunk 0: 020 7946 0958, 06-12345678, 01 23 45 67 89.
  // Too loose a shape to find inside longer numbers, where it would match lists of dates.
  const digits = groups.join('').length;
  if (trimmed || !groups[0]!.startsWith('0')) return false;
  // Dialled with 00 instead of +, a country code marks an international number: 0044 20 7946 0958.
  if (MARKED.test(groups[0]!)) return digits >= 10;
  // Nor are dates (01/02/2024, also followed by a time or another number) and short runs of pairs (01 02 03).
  return digits >= 9 && digits <= 12 && !/^(?:2-2-2|4-2-2)$|^2-[12]-4(?:-|$)/.test(shape);
}
