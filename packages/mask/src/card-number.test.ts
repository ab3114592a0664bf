import { describe, expect, it } from 'vitest';
import { cardNumber } from './card-number';
import { passesLuhn } from './luhn';

const mask = (text: string) => cardNumber.maskMatches(text, (match) => match.replace(/\S/g, '*'));

describe('card number detector', () => {
  it.each([
    ['4111111111111111', '****************'],
    ['Card 4111 1111 1111 1111 exp 12/29', 'Card **** **** **** **** exp 12/29'],
    ['4111-1111-1111-1111', '*******************'],
    ['amex 3782 822463 10005', 'amex **** ****** *****'],
    ['5555555555554444.', '****************.'],
    ['6011000990139424', '****************'],
  ])('masks a Luhn-valid card number: %s', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it('finds a card number inside a longer run of numbers', () => {
    expect(mask('ref 12 4111 1111 1111 1111')).toBe('ref 12 **** **** **** ****');
  });

  it.each([
    'Card 4111 1111 1111 1112',
    'Total: 1,299.00 EUR',
    'Dates 2024-01-15 2024-02-16 2024-03-17',
    'Call +1 555 123 4567',
    'Order 12345 shipped',
    'version 10.4.2.1',
    'timestamp 1732400000000',
  ])('leaves non-card numbers visible: %s', (text) => {
    expect(mask(text)).toBe(text);
  });
});

describe('passesLuhn', () => {
  it('accepts valid and rejects invalid checksums', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
