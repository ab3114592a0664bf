import type { Detector } from './types';
import { isSensitiveParam } from './url';

/** Every assignment holds one of these: the masker's prefilter (mayHoldDefaultMatch) tests it before any detector runs. */
export const ASSIGNMENT_HINT = /=|:\s*["']/;

/**
 * A name and what is assigned to it: `name=value` (a URL written in text or in a `data-src`, a cookie string, a
 * config line), or a quoted value after `name:` (JSON, an object literal). The name may not follow a word
 * character, `.`, `-` or `[`, so a stylesheet's `[data-state=open]` assigns nothing to `state`, nor a `*`, so text
 * glued to a masked value (`0958q=1` → `****q=1`) does not become an assignment once masked. A value never starts
 * with `=`, so base64 padding (`…Key==`) is not one.
 */
const ASSIGNMENT = /(?<![\w.[*-])([A-Za-z_][\w.-]*)(?:=(?!=)([^\s&#"'<>;,]+)|["']?\s*:\s*(["'])(.*?)\3)/g;

/**
 * Values of parameters named like secrets, wherever they are written (on by default): the same names whose values
 * a URL's query loses (`token`, `key`, `code`, `session`, `email`, `auth`, …), found in page text, attribute values
 * and stylesheets, so `https://x.io/reset?token=…` shown as text, a lazy image's `data-src="…?sig=…"` or
 * `{"apiKey": "…"}` in a `<pre>` keep their names and lose their values.
 */
export const secretParam: Detector = {
  name: 'lowlight/secret-param@1',
  label: 'secret parameter',
  maskMatches: (text, redact) =>
    text.replace(ASSIGNMENT, (all: string, name: string, assigned?: string, quote?: string, quoted?: string) => {
      const value = assigned ?? quoted;
      if (!value || !isSensitiveParam(name)) return all;
      // A quoted value is followed by its closing quote.
      const end = all.length - (quote ? 1 : 0);
      return all.slice(0, end - value.length) + redact(value) + all.slice(end);
    }),
};
