import { testDetector } from './testDetector';
import { email } from './email';

testDetector(email, {
  detects: [
    'jo.doe+news@example.co.uk', 'a@b.io', 'jürgen@müller.de', "o'brien@example.com", 'UPPER.Case@Example.ORG',
    // Written out so scrapers miss them; a reader does not.
    'jo.doe (at) example (dot) com', 'jo[at]example[dot]co[dot]uk', 'jo {AT} example.org', 'jo@example[.]com', 'jo [@] example.com',
    // Glued to another address without a space (found by `npm run fuzz`, seed 1057750521).
    'jo@x.coma@b.io',
  ],
  ignores: [
    '@lowlight', 'ping @sam', 'npm i pkg@1.2.3', 'user@localhost', 'price: 3 @ $4', 'a @ b.com', 'look (at) this', 'meet [at] noon',
  ],
  glued: ['jo.doe+news@example.co.uk', 'a@b.io'],
});
