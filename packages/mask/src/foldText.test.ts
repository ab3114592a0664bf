import { describe, expect, it } from 'vitest';
import { foldForDetection } from './foldText';

/** The folded text with, for each character, the original character it came from. */
function fold(text: string): { text: string; from: string } | undefined {
  const folded = foldForDetection(text);
  return folded && { text: folded.text, from: folded.positions.map((position) => text[position]).join('') };
}

describe('foldForDetection', () => {
  it('leaves text with nothing to fold alone', () => {
    for (const text of ['', 'plain words', 'card 4111 1111-1111.1111', 'a -b- c 1-2 x - y']) {
      expect(foldForDetection(text)).toBeUndefined();
    }
  });

  it('reads every whitespace run as one space', () => {
    expect(fold('4111\u00a01111\u202f1111\u2009\u2009\t1111\n\r  x')).toEqual({
      text: '4111 1111 1111 1111 x',
      from: '4111\u00a01111\u202f1111\u20091111\nx',
    });
  });

  it('makes typographic dashes hyphens, and drops the spaces around a dash or slash after a digit', () => {
    expect(fold('555 – 123 — 4567 and 1\u2212800\u2011555 x \u2013 y')?.text).toBe('555-123-4567 and 1-800-555 x - y');
    expect(fold('089 / 123 456 and a / b')?.text).toBe('089/123 456 and a / b');
  });

  it('drops the gaps between single digits, as screen-reader labels spell numbers out, and only those', () => {
    expect(fold('call 5 5 5. 1 2 3. 4 5 6 7 now')).toEqual({ text: 'call 5551234567 now', from: 'call 5551234567 now' });
    expect(fold('4 1 1 1  4 1 1 1\u00a0and 12 345 6 7')?.text).toBe('4111 4111 and 12 345 67');
    // A date keeps its multi-digit year apart.
    expect(fold('5. 6. 2024')?.text).toBe('56. 2024');
  });

  it('drops invisible format characters, keeping where each visible one came from', () => {
    const text = 'jo\u200bhn\u00ad.doe\u200d@ex\u2060ample\u202e.com\u2066';
    expect(fold(text)).toEqual({ text: 'john.doe@example.com', from: 'john.doe@example.com' });
    expect(foldForDetection(text)!.positions.slice(0, 3)).toEqual([0, 1, 3]);
  });

  it('keeps letters of other scripts, and characters whose compatibility form is longer', () => {
    expect(fold('café 日本語 Ω ﬁ ½')?.text).toBe('café 日本語 Ω ﬁ ½');
  });

  it('reads fullwidth and small forms and the digits of every script as ASCII', () => {
    expect(fold('０９０－１２３４ー５６７８ ｊｏｈｎ＠ｅｘ．ｊｐ a﹫b﹣c x²')?.text).toBe('090-1234-5678 john@ex.jp a@b-c x2');
    expect(fold('۰۹۱۲ ۳۴۵ ۶۷۸۹, ٠١٢٣٤٥٦٧٨٩, ०१२३४५६७८९, ๐๑๒๓๔๕๖๗๘๙')?.text).toBe('0912 345 6789, 0123456789, 0123456789, 0123456789');
  });

  it('turns NUL into a space, so the masker can use it to mark matches', () => {
    expect(fold('4111\u00001111')?.text).toBe('4111 1111');
  });

  it('relies on digit blocks of ten that never touch, as every script in the Basic Multilingual Plane has them', () => {
    const isDigit = (code: number) => !(code >= 0xd800 && code <= 0xdfff) && /\p{Nd}/u.test(String.fromCharCode(code));
    const runs: number[] = [];
    for (let code = 0, run = 0; code <= 0x10000; code++) {
      if (code < 0x10000 && isDigit(code)) run++;
      else if (run) runs.push(run), (run = 0);
    }
    expect(runs.length).toBeGreaterThan(30);
    expect(new Set(runs)).toEqual(new Set([10]));
  });
});
