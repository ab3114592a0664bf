import { testDetector } from '@lowlight/mask/testing';
import { expect, it } from 'vitest';
import { orderId } from './orderId';

testDetector(orderId, {
  detects: ['ORD-7K2M9Q', 'ORD-000001'],
  ignores: ['ORD-12345', 'ORD-1234567', 'ord-7k2m9q', 'WORD-7K2M9Q'],
});

it('masks an order id inside a URL path and leaves the rest visible', () => {
  expect(orderId.maskMatches('/orders/ORD-7K2M9Q/receipt', (match) => '*'.repeat(match.length))).toBe('/orders/**********/receipt');
});
