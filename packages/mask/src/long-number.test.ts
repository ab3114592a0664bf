import { longNumber } from './long-number';
import { testDetector } from './testDetector';

testDetector(longNumber, {
  detects: ['918273645', '0012345678901', '987654321098765432'],
  ignores: ['12345678', '123456789', '1234567890', 'Order 2024', 'Total 1,299.00', '2024-01-15', 'v10.4.2', '12 345 678 901'],
  glued: ['918273645', '0012345678901'],
});
