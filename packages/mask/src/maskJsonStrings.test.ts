import { describe, expect, it } from 'vitest';
import { maskJsonStrings } from './maskJsonStrings';

const hide = (literal: string) => literal.replace(/[^"]/g, '*');

describe('maskJsonStrings', () => {
  it('visits string literals that could hold a match and never touches numbers', () => {
    const json = JSON.stringify({ timestamp: 1732400000000, id: 123456789, text: 'mail jo@x.io', plain: 'hello', phone: 'call 555 123 4567' });
    const masked = maskJsonStrings(json, hide, false);
    expect(JSON.parse(masked)).toEqual({
      timestamp: 1732400000000, id: 123456789, text: '************', plain: 'hello', phone: '*****************',
    });
  });

  it('keeps escaped quotes and backslashes inside literals intact', () => {
    const json = JSON.stringify({ a: 'say "hi" \\ to jo@x.io', b: 'x' });
    expect(JSON.parse(maskJsonStrings(json, (literal) => literal.replace('jo@x.io', '*******'), false))).toEqual({
      a: 'say "hi" \\ to *******',
      b: 'x',
    });
  });

  it('visits every literal when asked to, for detectors without a digit or @ trigger', () => {
    const seen: string[] = [];
    maskJsonStrings(JSON.stringify(['a', 'b']), (literal) => (seen.push(literal), literal), true);
    expect(seen).toEqual(['"a"', '"b"']);
  });

  it('returns the very same string when nothing changed', () => {
    const json = JSON.stringify({ text: 'jo@x.io' });
    expect(maskJsonStrings(json, (literal) => literal, false)).toBe(json);
  });
});
