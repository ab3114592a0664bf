import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseless } from './caseless';

describe('caseless', () => {
  it('spells each letter in both cases, inside a class without brackets, and leaves escapes alone', () => {
    expect(caseless(String.raw`(?<![\w.#-])[öo]x\p{L}{2}код\s[^\s<>]#`)).toBe(String.raw`(?<![\w.#-])[öÖoO][xX]\p{L}{2}[кК][оО][дД]\s[^\s<>]#`);
    // Turkish writes the capital of `i` with a dot.
    expect(caseless('p[ií]n')).toBe('[pP][iIİíÍ][nN]');
  });

  it('matches what the same pattern matches with the i flag', () => {
    // The pieces the label patterns are made of: classes holding letters, escapes, look-behinds, letters of several scripts.
    const source = String.raw`(?<![\w.#-])(?:c[oó]digo|пароль|pin|h[ae]s[lł]o|x-api-key|\p{L}{2}-code)\s{0,9}[:：]\s*[^\s<>"'()]*\p{Nd}`;
    const withFlag = new RegExp(source, 'giu');
    const spelled = new RegExp(caseless(source), 'gu');
    const word = fc.constantFrom('código', 'codigo', 'пароль', 'pin', 'hasło', 'hesło', 'x-api-key', 'sms-code', 'ab', ':', '：', ' ', '4821', 'x', '#', '.');
    const anyCase = word.chain((w) => fc.array(fc.boolean(), { minLength: w.length, maxLength: w.length }).map((upper) => [...w].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')));
    fc.assert(
      fc.property(fc.array(anyCase, { maxLength: 8 }), (words) => {
        const text = words.join('');
        expect(text.match(spelled)).toEqual(text.match(withFlag));
      }),
      { numRuns: 2000 },
    );
  });
});
