import { testDetector } from './testDetector';
import { email } from './email';

testDetector(email, {
  detects: ['jo.doe+news@example.co.uk', 'a@b.io', 'jürgen@müller.de', "o'brien@example.com", 'UPPER.Case@Example.ORG'],
  ignores: ['@lowlight', 'ping @sam', 'npm i pkg@1.2.3', 'user@localhost', 'price: 3 @ $4', 'a @ b.com'],
  glued: ['jo.doe+news@example.co.uk', 'a@b.io'],
});
