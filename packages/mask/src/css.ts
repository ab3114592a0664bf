import { classifyAttribute } from './policy';
import type { AttributeValue } from './rrweb';
import type { Redact } from './types';

/** How strings in CSS are treated: left to the detectors, redacted as text, or scrubbed as URLs. */
const KEEP = 0;
const REDACT = 1;
const URL = 2;

const ESCAPE = String.raw`\\(?:[\da-f]{1,6}\s?|[\s\S])`;
const STRING = String.raw`"(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?`;
/** A declaration value: up to the next `;`, `{` or `}` outside strings. */
const VALUE = String.raw`(?:[^;{}"'\\]|${ESCAPE}|${STRING})*`;

/**
 * The CSS tokens that can carry a visitor's data, in one pass; capture groups:
 * 1 a `url()`/`src()` argument, 2 one that cannot be parsed, 3-5 an attribute
 * selector's head, name and value, 6-7 a `content` or custom property and its
 * value, 8-9 `@import` and its string, 10-11 `image-set(` and its arguments,
 * 12 any other string. Escapes and comments are matched so their contents are
 * not mistaken for tokens.
 */
const TOKEN = new RegExp(
  [
    ESCAPE,
    String.raw`\/\*[\s\S]*?(?:\*\/|$)`,
    String.raw`\b(?:url|src)\(\s*(${STRING}|(?:[^\s"'()\\]|${ESCAPE})*)\s*\)`,
    String.raw`\b(?:url|src)\(([^)]*)\)?`,
    String.raw`(\[\s*(?:[-\w*]*\|)?([-\w]+)\s*[~|^$*]?=\s*)(${STRING}|[^\s"'\]]+)`,
    String.raw`(?<![-\w])((?:content|--[-\w]+)\s*:)(${VALUE})`,
    String.raw`(@import\s*)(${STRING})`,
    String.raw`((?:-webkit-)?image-set\()((?:[^()"'\\]|${ESCAPE}|${STRING}|\((?:[^()"'\\]|${ESCAPE}|${STRING})*\))*)`,
    `(${STRING})`,
  ].join('|'),
  'gi',
);

/** Anything a token above needs; most style attributes (`width: 10px`) hold none of these. */
const MAY_HOLD_TOKEN = /[\\"'[(]/;

/** Decodes CSS escapes (`\40 ` is `@`), so a URL is scrubbed as the browser reads it. */
const unescapeCss = (text: string): string =>
  text.replace(/\\(?:([\da-f]{1,6})\s?|([\s\S]))/gi, (_, hex: string | undefined, char: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16) > 0x10ffff ? 0xfffd : parseInt(hex, 16)) : char === '\n' ? '' : char,
  );

/** A double-quoted CSS string holding `text`. */
const quote = (text: string): string => `"${text.replace(/["\\\n\r\f]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;

/** A string token's contents, without its quotes (an unterminated string has no closing one). */
const unquote = (token: string): string => token.slice(1, token.length > 1 && token.endsWith(token[0]!) ? -1 : undefined);

/** Masks the data CSS can carry. Built once per event masker; used on every path CSS travels by. */
export interface CssMasker {
  /** Stylesheet text or a declaration list (`<style>`, `_cssText`, a rule, a `style` attribute). */
  sheet(css: string): string;
  /** A `style` attribute: its text, or the per-property diff rrweb records for later changes. */
  style(value: AttributeValue): AttributeValue;
  /** The CSS-carrying fields of a StyleSheetRule, StyleDeclaration or AdoptedStyleSheet event, in place. */
  event(data: Record<string, unknown>): void;
}

/**
 * CSS masking for `balanced` and `strict`:
 * - `url()`, `src()`, `@import` and `image-set()` URLs are scrubbed like `href`
 *   (after CSS escapes are decoded); a `url(` that cannot be parsed has its contents redacted;
 * - strings of `content` and of custom properties (`--x: "..."`, often shown through
 *   `content: var(--x)`) are redacted, quotes kept;
 * - attribute selector values are redacted (`input[value="..."]` mirrors a field), except
 *   for attributes that only shape the page (`type`, `class`, `role`, …), which stay so the
 *   replay keeps its styling, and URL attributes, which are scrubbed;
 * - the detectors run over the rest.
 */
export function createCssMasker(scrubUrl: (url: string) => string, detect: (text: string) => string, redact: Redact): CssMasker {
  /** Redacts a string's contents, keeping it a valid CSS string. */
  const redactString = (token: string): string => quote(redact(unescapeCss(unquote(token))));

  /** Scrubs a URL written as CSS; unchanged URLs keep their original spelling. */
  const scrubCssUrl = (raw: string, token: string, wrap: (quoted: string) => string): string => {
    const url = unescapeCss(raw);
    const scrubbed = scrubUrl(url);
    return scrubbed === url ? token : wrap(quote(scrubbed));
  };

  function maskAttributeSelector(head: string, name: string, value: string, token: string): string {
    const quoted = value[0] === '"' || value[0] === "'";
    switch (classifyAttribute(name.toLowerCase(), 0, false)) {
      case 'structure':
        return token;
      case 'url':
        return scrubCssUrl(quoted ? unquote(value) : value, token, (url) => head + url);
      default:
        return head + redactString(quoted ? value : `"${value}"`);
    }
  }

  function scan(css: string, strings: number): string {
    if (!MAY_HOLD_TOKEN.test(css)) return css;
    return css.replace(
      TOKEN,
      (token, url?: string, badUrl?: string, head?: string, name?: string, value?: string, property?: string, declared?: string, importAt?: string, imported?: string, imageSet?: string, images?: string, string?: string) => {
        if (url !== undefined) return scrubCssUrl(/^["']/.test(url) ? unquote(url) : url, token, (quoted) => `${token.slice(0, 4)}${quoted})`);
        // Fail closed: a url( that cannot be read as one may still hold one.
        if (badUrl !== undefined) return token.replace(badUrl, redact(badUrl));
        if (head !== undefined) return maskAttributeSelector(head, name!, value!, token);
        if (property !== undefined) return property + scan(declared!, REDACT);
        if (importAt !== undefined) return importAt + scanString(imported!, URL);
        if (imageSet !== undefined) return imageSet + scan(images!, URL);
        return string === undefined ? token : scanString(string, strings);
      },
    );
  }

  function scanString(token: string, strings: number): string {
    if (strings === REDACT) return redactString(token);
    return strings === URL ? scrubCssUrl(unquote(token), token, (quoted) => quoted) : token;
  }

  const sheet = (css: string): string => detect(scan(css, KEEP));
  /** One property's value: `content` and custom properties hold text. */
  const value = (css: string, property: string): string =>
    detect(scan(css, property === 'content' || property.startsWith('--') ? REDACT : KEEP));

  return {
    sheet,
    style(style) {
      if (typeof style === 'string') return sheet(style);
      if (style === null || typeof style !== 'object') return style;
      const diff: Record<string, unknown> = {};
      for (const [property, change] of Object.entries(style)) {
        // A change is a value, `[value, priority]`, or false for a removed property.
        diff[property] = typeof change === 'string' ? value(change, property) : Array.isArray(change) ? [value(String(change[0]), property), change[1]] : change;
      }
      return diff as AttributeValue;
    },
    event(data) {
      const rules = (list: unknown): void => {
        if (Array.isArray(list)) for (const rule of list) if (typeof rule?.rule === 'string') rule.rule = sheet(rule.rule);
      };
      rules(data.adds);
      for (const key of ['replace', 'replaceSync']) if (typeof data[key] === 'string') data[key] = sheet(data[key] as string);
      if (Array.isArray(data.styles)) for (const style of data.styles) rules(style?.rules);
      const set = data.set as { property?: unknown; value?: unknown } | undefined;
      if (typeof set?.value === 'string') set.value = value(set.value, String(set.property));
    },
  };
}
