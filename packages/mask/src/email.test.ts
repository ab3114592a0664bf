import { describe, expect, it } from 'vitest';
import { testDetector } from './testDetector';
import { email, EMAIL_IN_PROGRESS } from './email';

testDetector(email, {
  detects: [
    'jo.doe+news@example.co.uk', 'a@b.io', 'jürgen@müller.de', "o'brien@example.com", 'UPPER.Case@Example.ORG',
    // Written out so scrapers miss them; a reader does not.
    'jo.doe (at) example (dot) com', 'jo[at]example[dot]co[dot]uk', 'jo {AT} example.org', 'jo@example[.]com', 'jo [@] example.com',
    // The local part's dots written out too: its first word went unmasked.
    'jane (dot) doe (at) example (dot) com', 'jane [dot] m [dot] doe [at] example [dot] com',
    // Glued to another address without a space (found by `npm run fuzz`, seed 1057750521).
    'jo@x.coma@b.io',
    // An address literal for a domain.
    'jo@[192.0.2.1]', 'admin@[IPv6:2001:db8::1]',
    // Scripts whose letters take combining vowel signs, and Latin written decomposed (NFD, as macOS writes file names and
    // some keyboards write it): a mark at the end of a part left the whole address out.
    'सीता.शर्मा@example.com', 'राम@उदाहरण.भारत', 'สมชาย@ตัวอย่าง.ไทย', 'অনিল@উদাহরণ.বাংলা', 'அருண்@எடுத்துக்காட்டு.இந்தியா',
    'jose\u0301@example.com', 'jose\u0301.garci\u0301a@exa\u0301mple.com',
    // Letters of the Japanese iteration mark and of other planes.
    '佐々木@example.jp', '𐐷𐐷@example.com',
  ],
  ignores: [
    // Digits where the top-level domain goes.
    'jo@x.12',
    '@lowlight', 'ping @sam', 'npm i pkg@1.2.3', 'user@localhost', 'price: 3 @ $4', 'a @ b.com', 'look (at) this', 'meet [at] noon', 'see (dot) notes (at) 5pm', 'ping team@[design]',
  ],
  glued: ['jo.doe+news@example.co.uk', 'a@b.io', 'सीता.शर्मा@example.com'],
});

describe('email next to the text around it', () => {
  const redact = (text: string): string => text.replace(/\S/g, '*');
  it.each([
    ['Mail 「jo@example.jp」です', 'Mail 「*************」です'],
    ['write to (jo@x.io), «jo@x.io» or “jo@x.io”', 'write to (*******), «*******» or “*******”'],
    ['連絡先、jo@example.jp。', '連絡先、*************。'],
  ])('stops at punctuation around an address: %s', (text, masked) => {
    expect(email.maskMatches(text, redact)).toBe(masked);
  });
});

describe('an address in progress on long text', () => {
  it('reads a long word with no `@` in linear time', () => {
    // Unbounded, each start tried every length of the word before giving up: 1 s for 20,000 CJK characters.
    for (const word of ['中'.repeat(200_000), 'a'.repeat(200_000)]) expect(EMAIL_IN_PROGRESS.test(`${word} jo@exam`)).toBe(true);
    expect(EMAIL_IN_PROGRESS.test('中'.repeat(200_000))).toBe(false);
  });
});

describe('email on long text', () => {
  it('reads long runs of dots with no address in them in linear time', () => {
    // Unbounded, the local part took 4 s on 144 KB of written dots and 0.8 s on 32 KB of `a.a.a…`; this would not end.
    const redact = (text: string): string => text.replace(/\S/g, '*');
    for (const run of ['ab (dot) '.repeat(50_000), 'a.'.repeat(100_000)]) {
      const text = `(at) ${run}! jo@example.com`;
      expect(email.maskMatches(text, redact)).toBe(`(at) ${run}! **************`);
    }
  });
});
