import type { Detector } from './types';
import { isSensitiveParam } from './url';

/** Every assignment holds `=` or `:`, and every labelled secret follows `:` or `is`: one scan rules most text out. */
const HINT = /[=:：]|is\s/;
/** Every assignment holds one of these. */
const ASSIGNMENT_HINT = /=|:\s*["']/;

/**
 * A name and what is assigned to it: `name=value` (a URL written in text or in a `data-src`, a cookie string, a
 * config line), or a quoted value after `name:` (JSON, an object literal). The name may not follow a word
 * character, `.`, `-` or `[`, so a stylesheet's `[data-state=open]` assigns nothing to `state`, nor a `*`, so text
 * glued to a masked value (`0958q=1` → `****q=1`) does not become an assignment once masked. A value never starts
 * with `=`, so base64 padding (`…Key==`) is not one. A quoted value runs past escaped quotes (`"a\"b"`).
 */
const ASSIGNMENT = /(?<![\w.[*-])([A-Za-z_][\w.-]*)(?:=(?!=)([^\s&#"'<>;,]+)|["']?\s*:\s*(["'])((?:\\.|.)*?)\3)/g;

/**
 * The word after a label that says it is a secret, and `:` or `is`, if it holds a digit: `PIN: 4821`, `Temporary
 * password: Xk9#mP2q`, `Your verification code is 482913` (any word `code` is a label: `Error code: 404` too),
 * passwords in a few languages, dates of birth (`Date of birth: 05/12/1985`, `DOB: 1985-05-12`) and passport numbers.
 * The digit keeps `Password: Required` and `Your password is incorrect` readable. A label may not follow a word
 * character, `.`, `#` or `-`, so neither `Barcode: 0123` nor a stylesheet's `.pin:nth-child(2)` holds one, and the
 * word holds no parenthesis, so `pre code:nth-child(2)` holds no value.
 */
const LABELLED = new RegExp(
  String.raw`(?<=(?<![\w.#-])(?:codes?|passwor[dt]|pass(?:code|phrase)|pin|otp|cv[vc]|contrase.a|mot de passe|senha|wachtwoord|birth\w*|dob|passport)(?:\s+is\s+|\s*[:：]\s*))[^\s<>"'()]*\p{Nd}[^\s<>"'()]*`,
  'giu',
);

/** Whether `text` may assign or label a secret: the masker's prefilter (mayHoldDefaultMatch) asks it before any detector runs. */
export const mayAssign = (text: string): boolean => HINT.test(text) && (ASSIGNMENT_HINT.test(text) || text.search(LABELLED) >= 0);

/**
 * Values of parameters named like secrets, wherever they are written (on by default): the same names whose values
 * a URL's query loses (`token`, `key`, `code`, `session`, `email`, `auth`, …), found in page text, attribute values
 * and stylesheets, so `https://x.io/reset?token=…` shown as text, a lazy image's `data-src="…?sig=…"` or
 * `{"apiKey": "…"}` in a `<pre>` keep their names and lose their values; and secrets shown after a label, unquoted
 * (`PIN: 4821`, see LABELLED), as account, admin and confirmation pages and webmail show them.
 */
export const secretParam: Detector = {
  name: 'lowlight/secret-param@1',
  label: 'secret parameter',
  // The other detectors' matches bring most text here: one scan for `=`, `:` and `is` spares it the two patterns.
  maskMatches: (text, redact) =>
    HINT.test(text)
      ? text.replace(ASSIGNMENT, (all: string, name: string, assigned?: string, quote?: string, quoted?: string) => {
          const value = assigned ?? quoted;
          if (!value || !isSensitiveParam(name)) return all;
          // A quoted value is followed by its closing quote.
          const end = all.length - (quote ? 1 : 0);
          return all.slice(0, end - value.length) + redact(value) + all.slice(end);
        }).replace(LABELLED, redact)
      : text,
};
