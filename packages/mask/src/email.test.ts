import { describe, expect, it } from 'vitest';
import { email } from './email';

const mask = (text: string) => email.maskMatches(text, (match) => '*'.repeat(match.length));
const stars = (text: string) => '*'.repeat(text.length);

describe('email detector', () => {
  it('masks an email inside longer text, not only a whole-string match', () => {
    expect(mask('Write to jo.doe+news@example.co.uk today')).toBe(`Write to ${stars('jo.doe+news@example.co.uk')} today`);
  });

  it('masks several emails and keeps the text between them', () => {
    expect(mask('a@b.io, c@d.org')).toBe(`${stars('a@b.io')}, ${stars('c@d.org')}`);
  });

  it('masks addresses with non-ASCII letters', () => {
    expect(mask('contact: jürgen@müller.de')).toBe(`contact: ${stars('jürgen@müller.de')}`);
  });

  it('leaves handles, decorators and versions alone', () => {
    for (const text of ['@lowlight', 'ping @sam', 'npm i pkg@1.2.3', 'user@localhost', 'price: 3 @ $4']) {
      expect(mask(text)).toBe(text);
    }
  });
});
