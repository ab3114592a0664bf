import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventMasker } from './createEventMasker';
import { DEFAULT_DETECTORS } from './defaultDetectors';
import { FUZZ_FACTOR } from '../../../test/support/fastCheck';
import { maskJsonStrings } from './maskJsonStrings';

const hide = (text: string) => text.replace(/./gs, '*');

describe('maskJsonStrings', () => {
  it('visits every string literal, keys included, and never touches numbers', () => {
    const json = JSON.stringify({ timestamp: 1732400000000, id: 123456789, text: 'mail jo@x.io', plain: 'hello', phone: 'call 555 123 4567' });
    const seen: string[] = [];
    const masked = maskJsonStrings(json, (text) => (seen.push(text), /@|\d/.test(text) ? hide(text) : text));
    expect(JSON.parse(masked)).toEqual({
      timestamp: 1732400000000, id: 123456789, text: '************', plain: 'hello', phone: '*****************',
    });
    expect(seen).toEqual(['timestamp', 'id', 'text', 'mail jo@x.io', 'plain', 'hello', 'phone', 'call 555 123 4567']);
  });

  it('keeps escaped quotes and backslashes inside literals intact', () => {
    const json = JSON.stringify({ a: 'say "hi" \\ to jo@x.io', b: 'x' });
    expect(JSON.parse(maskJsonStrings(json, (text) => text.replace('jo@x.io', '*******')))).toEqual({
      a: 'say "hi" \\ to *******',
      b: 'x',
    });
  });

  it('decodes escapes before masking, so the output stays JSON and the detectors see the text', () => {
    const json = JSON.stringify({ note: 'Ann Lee\nann@x.org', tab: 'card\t4111 1111 1111 1111', unicode: 'ann\\u0040x.org' }).replace('\\\\u0040', '\\u0040');
    const guarded = createEventMasker().guardJson(json);
    expect(JSON.parse(guarded)).toEqual({ note: 'Ann Lee\n*********', tab: 'card\t**** **** **** ****', unicode: '*********' });
  });

  it('returns the very same string when nothing changed', () => {
    const json = JSON.stringify({ text: 'jo@x.io', escaped: 'jo@x.io\n' });
    expect(maskJsonStrings(json, (text) => text)).toBe(json);
  });
});


/** Values the default detectors find, and pieces JSON must escape. */
const DETECTED = ['ann.lee@example.org', '4111 1111 1111 1111', '+44 20 7946 0958', '555-123-4567', '123456789012'];
const ESCAPED = ['\n', '\t', '"', '\\', '\u0000', '\u2028', '\ud800', '/', 'é', '😀'];
const piece = fc.oneof(fc.constantFrom(...DETECTED, ...ESCAPED, ' ', 'plain', '42'), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));
const text = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(''));
const key = fc.stringMatching(/^[a-z]{1,5}$/);
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** The value with every string replaced by its kind, and every string collected. */
function shapeOf(json: unknown, strings: string[]): unknown {
  if (typeof json === 'string') return strings.push(json), 'string';
  if (Array.isArray(json)) return json.map((item) => shapeOf(item, strings));
  if (json && typeof json === 'object') return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, shapeOf(v, strings)]));
  return json;
}

/**
 * A match masking would change, in the text as the masker reads it (NUL as a space, as foldForDetection reads it): a
 * masked secret parameter (`q=***`) still reads as an assignment, masked already.
 */
const foundByDetectors = (written: string) => {
  const text = written.replaceAll('\u0000', ' ');
  return DEFAULT_DETECTORS.some((detector) => detector.maskMatches(text, hide) !== text);
};

describe('the egress guard (guardJson) on any JSON a plugin may produce', () => {
  it('always returns JSON of the same structure, with no detector match left in any decoded string', () => {
    const guard = createEventMasker({ level: 'balanced' });
    fc.assert(
      fc.property(value, (input) => {
        const json = JSON.stringify(input);
        const guarded = JSON.parse(guard.guardJson(json)) as unknown;
        const before: string[] = [];
        const after: string[] = [];
        expect(shapeOf(guarded, after)).toEqual(shapeOf(JSON.parse(json), before));
        after.forEach((masked, index) => {
          expect(foundByDetectors(masked), masked).toBe(false);
          // What the detectors do not find passes unchanged.
          if (!foundByDetectors(before[index]!)) expect(masked).toBe(before[index]);
        });
      }),
      // The seed is the suite's (printed by vitest.config.ts); `npm run fuzz` draws a fresh one.
      { numRuns: 500 * FUZZ_FACTOR },
    );
  });
});
