import { apiKey } from './api-key';
import { testDetector } from './testDetector';

testDetector(apiKey, {
  detects: [
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    'sk-proj-abcdefghijklmnopqrstuvwx',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'xoxb-123456789012-abcdefghijkl',
    'AKIAIOSFODNN7EXAMPLE',
    'AIzaSyA-1234567890abcdefghijklmnopqrstu',
    'Bearer abcdefghijklmnop0123456789',
  ],
  ignores: ['eyJ', 'sk_live_short', 'skipping-this-word', 'AKIA is a prefix', 'Bearer me', 'ghp_short', 'task-management-system-for-teams'],
  glued: [
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'AKIAIOSFODNN7EXAMPLE',
  ],
});
