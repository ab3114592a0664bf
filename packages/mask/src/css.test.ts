import { describe, expect, it } from 'vitest';
import { createCssMasker } from './css';
import { email } from './email';
import { maskUrl } from './url';

const redact = (text: string): string => text.replace(/\S/g, '*');
const detect = (text: string): string => email.maskMatches(text, redact);
const css = createCssMasker((url) => maskUrl(url, detect, redact, false), detect, redact);

describe('css masking', () => {
  it.each([
    ['url(/a.png?token=abc)', 'url("/a.png?token=***")'],
    ["url('/a.png?session=abc')", 'url("/a.png?session=***")'],
    ['url( "/a.png?api_key=abc" )', 'url("/a.png?api_key=***")'],
    ['URL(/a.png?u=al.ice%40example.com)', 'URL("/a.png?u=******************")'],
    ['src("/a.png?auth=x")', 'src("/a.png?auth=*")'],
    // CSS escapes are decoded before scrubbing: `\\69 ` is `i`.
    ['url(/e.png?sess\\69 on=abc)', 'url("/e.png?session=***")'],
    ['url("/q\\"x?token=abc")', 'url("/q\\22 x?token=***")'],
  ])('scrubs %s like href', (input, expected) => {
    expect(css.sheet(`.a { background: ${input} }`)).toBe(`.a { background: ${expected} }`);
  });

  it('leaves clean URLs exactly as written', () => {
    const sheet = '.a { background: url(/img/a.png) } .b { background: url( "x.png" ) }';
    expect(css.sheet(sheet)).toBe(sheet);
  });

  it('redacts the contents of a url( it cannot parse (fail closed)', () => {
    expect(css.sheet('.a { background: url(/a b?token=x) }')).toBe('.a { background: url(** *********) }');
    expect(css.sheet('.a { background: url(/unterminated?token=x')).toBe(`.a { background: url(${'*'.repeat(21)}`);
  });

  it('scrubs @import strings and urls, and image-set() strings', () => {
    expect(css.sheet('@import "/t.css?token=abc"; @import url(/u.css?code=abc) screen;')).toBe(
      '@import "/t.css?token=***"; @import url("/u.css?code=***") screen;',
    );
    expect(css.sheet('.a { background-image: image-set("/a.png?sid=abc" 1x, url(/b.png?sid=abc) 2x) }')).toBe(
      '.a { background-image: image-set("/a.png?sid=***" 1x, url("/b.png?sid=***") 2x) }',
    );
  });

  it('scrubs URLs in custom properties', () => {
    expect(css.sheet('.a { --hero: url(/h.png?token=abc) }')).toBe('.a { --hero: url("/h.png?token=***") }');
  });

  it('redacts content and custom property strings, keeping CSS valid', () => {
    expect(css.sheet('.a::after { content: "Ann Lee" } .b { --label: \'secret\'; color: red }')).toBe(
      '.a::after { content: "*** ***" } .b { --label: "******"; color: red }',
    );
    expect(css.sheet('.a::before { content: "" }')).toBe('.a::before { content: "" }');
    expect(css.sheet('.a::before { content: "a\\"b" attr(x) }')).toBe('.a::before { content: "***" attr(x) }');
  });

  it('redacts attribute selector values that can mirror data, quoted or not', () => {
    expect(css.sheet('input[value="hunter2"] { color: red } [data-owner=\'ann\'] {} [value=bare i] {} svg|a[title*=x] {}')).toBe(
      'input[value="*******"] { color: red } [data-owner="***"] {} [value="****" i] {} svg|a[title*="*"] {}',
    );
  });

  it('keeps attribute selectors on attributes that only shape the page, and scrubs URL ones', () => {
    const sheet = 'input[type="checkbox"] {} [role=button] {} [aria-expanded="true"] {} .x[class~="y"] {}';
    expect(css.sheet(sheet)).toBe(sheet);
    expect(css.sheet('a[href^="mailto:"] {} a[href$=".pdf"] {} a[href="/r?token=abc"] {}')).toBe(
      'a[href^="mailto:"] {} a[href$=".pdf"] {} a[href="/r?token=***"] {}',
    );
  });

  it('does not read tokens inside strings, comments or escapes', () => {
    const sheet = '.a { font-family: "url(x"; } /* [value=a] url( */ .b\\[value\\=c\\] { color: red }';
    expect(css.sheet(sheet)).toBe(sheet);
  });

  it('runs the detectors over the rest', () => {
    expect(css.sheet('.ann\\@x { } /* ann@example.org */')).toBe('.ann\\@x { } /* *************** */');
  });

  it('masks style attribute diffs per property', () => {
    expect(css.style({ '--who': '"Ann"', background: ['url(/a?token=x)', 'important'], color: false, width: '1px' })).toEqual({
      '--who': '"***"',
      background: ['url("/a?token=*")', 'important'],
      color: false,
      width: '1px',
    });
  });

  it('masks stylesheet rule, declaration and adopted stylesheet events', () => {
    const rule = { source: 8, id: 1, adds: [{ rule: '.a::after { content: "x" }', index: 1 }], replaceSync: '[value=v] {}' };
    css.event(rule);
    expect(rule).toEqual({ source: 8, id: 1, adds: [{ rule: '.a::after { content: "*" }', index: 1 }], replaceSync: '[value="*"] {}' });
    const declaration = { source: 13, id: 1, index: [0], set: { property: '--x', value: '"name"', priority: '' } };
    css.event(declaration);
    expect(declaration.set.value).toBe('"****"');
    const adopted = { source: 15, id: 1, styleIds: [1], styles: [{ styleId: 1, rules: [{ rule: '.b { background: url(/b?token=t) }' }] }] };
    css.event(adopted);
    expect(adopted.styles[0]!.rules[0]!.rule).toBe('.b { background: url("/b?token=*") }');
  });

  it('is idempotent', () => {
    const sheet =
      '@import url(/u.css?code=a); .a { background: url(/a.png?token=x) } [value=v] { --x: "y\\a z" } .b::after { content: "\\201C" }';
    const once = css.sheet(sheet);
    expect(css.sheet(once)).toBe(once);
  });
});
