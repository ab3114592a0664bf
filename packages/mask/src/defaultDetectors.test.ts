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
    expect(masker.maskText('SSN 123-45-6789, mail ann@x.io')).toBe('SSN 123-45-6789, mail ********');
  });

  it.each([['lowlight/ssn@1'], 'lowlight/us-ssn@1', [42]])('rejects disableDetectors %j with an error naming the option', (disabled) => {
    expect(() => createEventMasker({ disableDetectors: disabled as string[] })).toThrow(
      /^\[lowlight\] mask: "disableDetectors" must list default detector names \(lowlight\/api-key@1, .*\), got /,
    );
  });

  it('prefilters: text without an @, 8 digits or a token prefix skips the detectors', () => {
    expect(mayHoldDefaultMatch('plain words, 2024-01')).toBe(false);
    for (const secret of TOKENS) expect(mayHoldDefaultMatch(`x ${secret}`)).toBe(true);
    expect(DEFAULT_DETECTORS.map((detector) => detector.name)).toContain('lowlight/api-key@1');
  });
});
