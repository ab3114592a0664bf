import { describe, expect, it } from 'vitest';
import { phone } from './phone';
import { testDetector } from './testDetector';

const redact = (text: string): string => text.replace(/\S/g, '*');

testDetector(phone, {
  detects: [
    '+44 20 7946 0958', '+1 (555) 123-4567', '+1-555-123-4567', '+49 30 1234567', '+33 1 23 45 67 89', '+91-98765-43210',
    '(555) 123-4567', '555-123-4567', '555.123.4567', '1-800-555-0199', '020 7946 0958', '030 1234567', '01 23 45 67 89',
    '06-12345678', '+4930123456', '0049 30 1234567', '0044 20 7946 0958', '030/1234567', '0171/1234567', '+49/89/1234567',
  ],
  ignores: [
    '2024-01-15', '15.01.2024', '01.02.2024', '12:30', '1.2.3', '10.4.2.1', '192.168.1.1', 'Total 1 299.00', 'Rooms 101 102 103',
    'Order 12345', '3.14159', '2024 01 15', '+3 days', '555 1234', 'ISBN 978-3-16-148410-0', '12/03/1985', '01/02/2024 10:30',
    '3/4 cup', 'page 12/345', '2023/2024', '01.02.2024 10:30', '2024-01-02 1030', '1/2/2024 12 guests',
  ],
  glued: ['555-123-4567', '(555) 123-4567', '555.123.4567', '1-800-555-0199', '+44 20 7946 0958', '+1 (555) 123-4567'],
});

describe('phone numbers glued to other text', () => {
  // Counterexamples: a 4-digit first group ("3555", "9555") was judged whole, never trimmed.
  it.each([
    ['v1.2.3', '555-123-4567', ''],
    ['9', '555-123-4567', ''],
    ['12', '555-123-4567', ''],
    ['9', '1-800-555-0199', ''],
    ['9', '(555) 123-4567', ''],
    ['Tel.', '555.123.4567', ''],
    ['x-', '555-123-4567', ''],
    ['', '+44 20 7946 0958', '-x'],
    // From `npm run fuzz` (seed 326909600): a last group glued to more than 8 digits ended the candidate early.
    ['', '555-123-4567', '46006'],
    ['123456789', '555-123-4567', ''],
    ['', '+44 20 7946 095846006', ''], // a country code marks the whole run
  ])('masks the phone in %s%s%s', (before, number, after) => {
    expect(phone.maskMatches(before + number + after, redact)).toBe(before + redact(number) + after);
  });

  // Found by `npm run fuzz` (seed 1272990384): a `+` and a digit before a slash hid the number after it. A slash
  // may follow a country code (`+49/89/1234567`), so the `+5/` is read as one and masked with the number.
  it.each(['555-123-4567', '1-800-555-0199'])('masks the phone in +5/%s', (number) => {
    expect(phone.maskMatches(`+5/${number}`, redact).slice(3)).toBe(redact(number));
  });
});
