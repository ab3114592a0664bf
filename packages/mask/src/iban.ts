import type { Detector } from './types';

const CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g;
/** The shortest IBAN (Norway) has 15 characters. */
const MIN_LENGTH = 15;

/**
 * International bank account numbers (on by default): a country code, two check
 * digits and up to 30 letters and digits, bare or in groups of four,
 * confirmed by the ISO 13616 mod-97 checksum. Codes written around an IBAN
 * ("REF BB04 DE89 3704 0044 0532 0130 00 1 item") are trimmed off until the
 * checksum holds.
 */
export const iban: Detector = {
  name: 'lowlight/iban@1',
  label: 'IBAN',
  maskMatches: (text, redact) => text.replace(CANDIDATE, (candidate) => maskIbans(candidate, redact)),
};

/**
 * Masks the longest IBAN from every start in the candidate. Overlapping matches are all masked: a code
 * before an IBAN that passes the checksum with its first groups ("BA55 DE89 3704 0044 053…") must not
 * leave the IBAN's tail visible.
 */
function maskIbans(candidate: string, redact: (text: string) => string): string {
  let result = candidate;
  for (let start = 0; start <= candidate.length - MIN_LENGTH; start++) {
    if ((start > 0 && candidate[start - 1] !== ' ') || !/^[A-Z]{2}\d{2}/.test(candidate.slice(start, start + 4))) continue;
    for (let end = candidate.length; end >= start + MIN_LENGTH; end--) {
      if (candidate[end - 1] !== ' ' && passesMod97(candidate.slice(start, end))) {
        result = result.slice(0, start) + redact(candidate.slice(start, end)) + result.slice(end);
        break;
      }
    }
  }
  return result;
}

function passesMod97(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '');
  if (compact.length < MIN_LENGTH) return false;
  let remainder = 0;
  for (const char of compact.slice(4) + compact.slice(0, 4)) {
    // Letters count as two digits, A = 10 … Z = 35.
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
