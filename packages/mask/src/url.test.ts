import { describe, expect, it } from 'vitest';
import { email } from './email';
import { isSensitiveParam, maskUrl } from './url';

const redact = (text: string) => text.replace(/\S/g, '*');
const detect = (text: string) => email.maskMatches(text, redact);
const scrub = (url: string, redactAll = false) => maskUrl(url, detect, redact, redactAll);
const stars = (text: string) => '*'.repeat(text.length);

describe('maskUrl', () => {
  it('redacts values of sensitive-looking parameters and keeps the rest', () => {
    expect(scrub('https://shop.test/cart?item=42&access_token=abc123&apiKey=k9')).toBe(
      'https://shop.test/cart?item=42&access_token=******&apiKey=**',
    );
  });

  it('masks an email in the path and an encoded email in the query', () => {
    expect(scrub('https://x.test/users/jo@x.io/edit?to=jo%40x.io')).toBe('https://x.test/users/*******/edit?to=*******');
  });

  it('masks what a URL inside a parameter encoded again: a login redirect back to a search for an email', () => {
    expect(scrub('https://x.test/login?next=%2Fsearch%3Fq%3Djo%2540x.io')).toBe(`https://x.test/login?next=${encodeURIComponent('/search?q=*******')}`);
    expect(scrub('https://x.test/u/jo%2540x.io/edit')).toBe('https://x.test/u/*******/edit');
    // Decoded at most three times, and a value that does not decode is read as written.
    expect(scrub('https://x.test/p?n=100%25&m=50%')).toBe('https://x.test/p?n=100%25&m=50%');
  });

  it('masks the token in a reset, invitation, magic-link or share path, and any long token segment', () => {
    const token = '8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c';
    expect(scrub(`https://app.test/reset-password/${token}`)).toBe(`https://app.test/reset-password/${stars(token)}`);
    expect(scrub('/auth/magic-link/eyQ9x7Lm2Pk4Rt6Vw8Zb?next=%2Fhome')).toBe('/auth/magic-link/********************?next=%2Fhome');
    expect(scrub('/invite/Ab3dE5gH7jK9')).toBe('/invite/************');
    expect(scrub('https://app.test/#/verify-email/c29tZXRva2VuMTIzNDU2')).toBe('https://app.test/#/verify-email/********************');
    expect(scrub(`https://cdn.test/r/${token}/view`)).toBe(`https://cdn.test/r/${stars(token)}/view`);
  });

  it('leaves slugs, files, ids and flow pages without a token visible', () => {
    for (const url of [
      '/blog/how-to-reset-your-password-in-2024',
      '/reset-password/new',
      '/auth/v2/callback',
      '/users/550e8400-e29b-41d4-a716-446655440000/profile',
      '/_next/static/chunks/main-8f7a6b5c4d3e2f1a0b9c.js',
      '/share',
    ]) {
      expect(scrub(url)).toBe(url);
    }
  });

  it('treats a fragment of parameters as parameters (OAuth implicit flow)', () => {
    expect(scrub('https://app.test/cb#state=s1&id_token=eyJhbGciOi')).toBe('https://app.test/cb#state=**&id_token=**********');
  });

  it('redacts the targets of mailto:, tel: and other links to a person', () => {
    expect(scrub('mailto:jo@x.io?subject=hi')).toBe(`mailto:${stars('jo@x.io?subject=hi')}`);
    expect(scrub('tel:+15551234567')).toBe('tel:************');
    for (const url of ['skype:ann.lee?call', 'facetime-audio:ann@x.io', 'whatsapp://send?phone=15551234567', 'geo:52.52,13.40', 'xmpp:ann@x.io']) {
      const target = url.indexOf(':') + 1;
      expect(scrub(url)).toBe(url.slice(0, target) + stars(url.slice(target)));
    }
  });

  it('redacts credentials before the host, whatever they look like, and keeps the host', () => {
    expect(scrub('https://admin:hunter2@192.168.1.10/x')).toBe('https://*************@192.168.1.10/x');
    expect(scrub('ftp://bob@files.example.com/a?b=1')).toBe('ftp://***@files.example.com/a?b=1');
    expect(scrub('//alice:p@ss@cdn.example/x')).toBe('//**********@cdn.example/x');
    expect(scrub('https://x.test/login?next=https%3A%2F%2Fbob%3Ahunter2%40192.168.0.1%2F')).toBe(
      `https://x.test/login?next=${encodeURIComponent('https://***********@192.168.0.1/')}`,
    );
    // An @ after the host is a path, not credentials.
    expect(scrub('https://social.example/@ann/1')).toBe('https://social.example/@ann/1');
  });

  it('leaves a URL without personal data unchanged', () => {
    const url = 'https://example.com/docs/getting-started?page=2&sort=asc#install';
    expect(scrub(url)).toBe(url);
  });

  it('redacts every parameter value when asked to (strict level)', () => {
    expect(scrub('https://x.test/search?q=flu+symptoms&page=2', true)).toBe(`https://x.test/search?q=${stars('flu+symptoms')}&page=*`);
  });
});

describe('isSensitiveParam', () => {
  it.each([
    'token', 'access_token', 'apiKey', 'api-key', 'password', 'session_id', 'sid', 'code', 'email', 'll_id', 'X-Amz-Signature',
    // What a GET form sends: a search box, names, a message.
    'q', 's', 'query', 'search_term', 'keywords', 'firstName', 'last_name', 'fullname', 'message', 'city',
  ])(
    '%s is sensitive',
    (name) => expect(isSensitiveParam(name)).toBe(true),
  );
  it.each(['page', 'sort', 'item', 'lang', 'monkey', 'keyboard', 'utm_source', 'ref', 'sq', 'texture', 'termsAccepted'])('%s is not', (name) =>
    expect(isSensitiveParam(name)).toBe(false),
  );
});
