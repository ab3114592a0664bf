import { longNumber } from './long-number';
import { testDetector } from './testDetector';

testDetector(longNumber, {
  detects: ['123456789', '0012345678901', '987654321098765432'],
  ignores: ['12345678', 'Order 2024', 'Total 1,299.00', '2024-01-15', 'v10.4.2', '12 345 678 901'],
  glued: ['123456789', '0012345678901'],
});
