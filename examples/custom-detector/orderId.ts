import { regexDetector } from '@lowlight/mask';

/**
 * Acme's order ids, `ORD-` and six letters or digits (`ORD-7K2M9Q`): no built-in
 * detector knows them, and one in a URL or a page title links a recording to a customer.
 */
export const orderId = regexDetector({
  name: 'acme/order-id@1',
  label: 'order id',
  pattern: /(?<![A-Za-z0-9])ORD-[A-Z0-9]{6}(?![A-Za-z0-9])/,
  mayMatch: (text) => text.includes('ORD-'),
});
