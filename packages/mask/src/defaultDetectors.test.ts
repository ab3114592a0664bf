import { describe, expect, it } from 'vitest';
import { createEventMasker } from './createEventMasker';
import { DEFAULT_DETECTORS } from './defaultDetectors';
import { mayHoldDefaultMatch } from './mayHoldDefaultMatch';

const TOKENS = [
  'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'xoxb-1234-abcdefghijkl',
  'AKIAIOSFODNN7EXAMPLE',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl',
];

describe('default detectors', () => {
  it.each([...TOKENS, '123-45-6789', '123 45 6789'])('masks %s by default in text and URLs, under balanced and strict', (secret) => {
    for (const level of ['balanced', 'strict'] as const) {
      const masker = createEventMasker({ level });
      expect(masker.maskText(`value ${secret} here`)).not.toContain(secret);
      expect(masker.maskUrl(`https://x.example/p/${secret}?ref=${encodeURIComponent(secret)}`)).not.toContain(secret);
      expect(masker.guardJson(JSON.stringify({ note: secret }))).not.toContain(secret);
    }
  });

  it('masks a token whole, even one holding enough digits for the number detectors', () => {
    const token = 'ghp_1234567890123456abcdefghijklmnopqrst';
    expect(createEventMasker().maskText(token)).toBe('*'.repeat(token.length));
  });

  it('lets relaxed record them as they are', () => {
    expect(createEventMasker({ level: 'relaxed' }).maskText('123-45-6789 sk_live_4eC39HqLyjWDarjtT1zdp7dc')).toBe(
      '123-45-6789 sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    );
  });

  it('turns off a default named in disableDetectors, and only that one', () => {
    const masker = createEventMasker({ disableDetectors: ['lowlight/us-ssn@1'] });
    // No label before it: after `SSN` the label rule (secret-param) would mask it too.
    expect(masker.maskText('Ref 123-45-6789, mail ann@x.io')).toBe('Ref 123-45-6789, mail ********');
  });

  it.each([['lowlight/ssn@1'], 'lowlight/us-ssn@1', [42]])('rejects disableDetectors %j with an error naming the option', (disabled) => {
    expect(() => createEventMasker({ disableDetectors: disabled as string[] })).toThrow(
      /^\[lowlight\] mask: "disableDetectors" must list default detector names \(lowlight\/api-key@1, .*\), got /,
    );
  });

  it('masks the value after a label in other scripts as the masker folds the text (the long vowel mark becomes a dash)', () => {
    const masker = createEventMasker();
    expect(masker.maskText('パスワード：Jp7Pass77 · 認証番号：382910')).toBe('パスワード：********* · 認証番号：******');
    expect(masker.maskText('Пароль:\u00a0Qw8Ru5sian · 验证码：５８２９１０ · 비밀번호: Ko6Pass66')).toBe('Пароль:\u00a0********** · 验证码：****** · 비밀번호: *********');
  });

  it('masks a labelled value in groups whatever whitespace the page puts between them, as the masker folds it', () => {
    const masker = createEventMasker();
    expect(masker.maskText('Your code is 482\u00a0913 · Code: 48\u202f29  13')).toBe('Your code is ***\u00a0*** · Code: **\u202f**  **');
  });

  it('masks the token of a link shown as text, as the URL rule does in its href', () => {
    const link = 'https://app.test/auth/magic-link/eyQ9x7Lm2Pk4Rt6Vw8Zb';
    const masker = createEventMasker();
    expect(masker.maskText(`Sign in with ${link} today`)).toBe('Sign in with https://app.test/auth/magic-link/******************** today');
    expect(masker.maskText('See https://app.test/blog/how-to-reset-your-password-in-2024')).toBe('See https://app.test/blog/how-to-reset-your-password-in-2024');
  });

  it('masks ids printed in groups of digits, not amounts grouped in thousands', () => {
    const masker = createEventMasker();
    expect(masker.maskText('Aadhaar 2345\u00a06789\u00a00123, gift card 6035–7123–4567–8901')).toBe('Aadhaar ****\u00a0****\u00a0****, gift card *******************');
    expect(masker.maskText('Revenue 12 345 678 901 €')).toBe('Revenue 12 345 678 901 €');
  });

  it('masks IBANs by default, grouped or bare, whole: none of the bank code or account number stays', () => {
    const masker = createEventMasker();
    expect(masker.maskText('Pay to GB82 WEST 1234 5698 7654 32 today')).toBe('Pay to **** **** **** **** **** ** today');
    expect(masker.maskText('IBAN DE89370400440532013000.')).toBe('IBAN **********************.');
    // A code whose checksum fails is no IBAN: its country and bank code stay, its 12 grouped digits are a long number.
    expect(masker.maskText('Ref GB82 WEST 1234 5698 7654 33')).toBe('Ref GB82 WEST **** **** **** 33');
    expect(masker.maskText('Ref GB82 WEST 12 34 33')).toBe('Ref GB82 WEST 12 34 33');
  });

  it('prefilters: text without an @, 8 digits or a token prefix skips the detectors', () => {
    expect(mayHoldDefaultMatch('plain words, 2024-01')).toBe(false);
    for (const secret of TOKENS) expect(mayHoldDefaultMatch(`x ${secret}`)).toBe(true);
    expect(DEFAULT_DETECTORS.map((detector) => detector.name)).toContain('lowlight/api-key@1');
  });
});

describe('default detectors on values however they are written', () => {
  // Each value in a sentence, as pages show them: no-break, narrow and thin spaces, tabs and doubled spaces,
  // typographic dashes with spaces around, invisible characters inside, fullwidth forms and other scripts' digits.
  it.each([
    ['no-break spaces', 'card 4111\u00a01111\u00a01111\u00a01111 end'],
    ['narrow no-break spaces (French number formatting)', 'card 4111\u202f1111\u202f1111\u202f1111 end'],
    ['thin spaces', 'card 4111\u20091111\u20091111\u20091111 end'],
    ['tabs', 'card 4111\t1111\t1111\t1111 end'],
    ['doubled spaces', 'card 4111  1111  1111  1111 end'],
    ['dots', 'card 4111.1111.1111.1111 end'],
    ['spaced en dashes', 'card 4111 – 1111 – 1111 – 1111 end'],
    ['a zero-width space inside', 'card 4111 11\u200b11 1111 1111 end'],
    ['fullwidth digits', 'card ４１１１ １１１１ １１１１ １１１１ end'],
    ['a phone with no-break spaces', 'call +33\u00a06\u00a012\u00a034\u00a056\u00a078 now'],
    ['a phone with en dashes', 'call 555–123–4567 now'],
    ['a phone with non-breaking hyphens', 'call 555\u2011123\u20114567 now'],
    ['a phone with a spaced slash after its area code', 'call 089 / 123 456 78 now'],
    ['an international phone dialled with 00', 'call 0049\u00a030\u00a01234567 now'],
    ['a fullwidth Japanese phone', 'call ０９０－１２３４－５６７８ now'],
    ['a Persian phone', 'call ۰۹۱۲ ۳۴۵ ۶۷۸۹ now'],
    ['an SSN with no-break spaces', 'ssn 123\u00a045\u00a06789 end'],
    ['a long number in Arabic-Indic digits', 'account ٣٤٥٦٧٨٩٠١٢ end'],
    ['an email with a zero-width space', 'mail john.doe\u200b@example.com end'],
    ['an email with a soft hyphen', 'mail john\u00ad.doe@exam\u00adple.com end'],
    ['an email with a fullwidth at sign', 'mail john.doe＠example.com end'],
  ])('masks %s', (_form, text) => {
    const [before, value, after] = [text.split(' ')[0]!, text.slice(text.indexOf(' ') + 1, text.lastIndexOf(' ')), text.split(' ').at(-1)!];
    const masker = createEventMasker();
    const masked = masker.maskText(text);
    // Only the value changes, whitespace and all; none of its digits or letters is left.
    expect(masked.startsWith(`${before} `) && masked.endsWith(` ${after}`)).toBe(true);
    const maskedValue = masked.slice(before.length + 1, masked.length - after.length - 1);
    expect(maskedValue.replace(/\s/g, '')).toMatch(/^[*\u200b\u00ad]+$/);
    expect(maskedValue.replace(/\S/g, '')).toBe(value.replace(/\S/g, ''));
    expect(masker.guardJson(JSON.stringify({ note: text }))).toBe(JSON.stringify({ note: masked }));
  });

  it('keeps numbers that only look similar: prices, dates, versions and short numbers with the same spaces', () => {
    const text = 'Total 1\u202f234,56\u00a0€ on 12\u00a0–\u00a015 March 2024, v1.2.3, room 12\u00a034';
    expect(createEventMasker().maskText(text)).toBe(text);
  });

  it('masks a value whose pieces use other spaces across inline elements, every piece', () => {
    const masker = createEventMasker();
    const snapshot = {
      type: 2,
      timestamp: 1,
      data: {
        initialOffset: { top: 0, left: 0 },
        node: {
          type: 0,
          id: 1,
          childNodes: [
            {
              type: 2,
              id: 2,
              tagName: 'p',
              attributes: {},
              childNodes: [
                { type: 2, id: 3, tagName: 'b', attributes: {}, childNodes: [{ type: 3, id: 4, textContent: '4111\u00a01111' }] },
                { type: 3, id: 5, textContent: '\u202f1111 \u2013 1111 ok' },
              ],
            },
          ],
        },
      },
    };
    const text = JSON.stringify(masker.maskEvent(snapshot as never));
    expect(text).not.toMatch(/1111/);
    expect(text).toContain('ok');
  });
});
