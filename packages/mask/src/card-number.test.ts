import { describe, expect, it } from 'vitest';
import { cardNumber } from './card-number';
import { passesLuhn } from './luhn';
import { testDetector } from './testDetector';

testDetector(cardNumber, {
  detects: ['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '3782 822463 10005', '5555555555554444', '6011000990139424', '4222222222222'],
  ignores: [
    '4111 1111 1111 1112', 'Total: 1,299.00 EUR', 'Dates 2024-01-15 2024-02-16 2024-03-17', 'Call +1 555 123 4567',
    'Order 12345 shipped', 'version 10.4.2.1', '4111 111 1111 1111 1',
  ],
  glued: ['4111 1111 1111 1111', '3782 822463 10005'],
});

describe('card number detector', () => {
  it('finds a card number written after another number', () => {
    expect(cardNumber.maskMatches('ref 12 4111 1111 1111 1111', (m) => m.replace(/\d/g, '*'))).toBe('ref 12 **** **** **** ****');
  });

  it('checks the Luhn sum', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
