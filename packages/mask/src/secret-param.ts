import type { Detector } from './types';
import { isSensitiveParam } from './url';

/** Every assignment holds one of these. */
const ASSIGNMENT_HINT = /=|:\s*["']/;
/** Every labelled secret follows one of these: tested first, as most text has neither. */
const LABEL_HINT = /[:：]|\sis\s/;

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
 * password: Xk9#mP2q`, `Your verification code is 482913`, `Code: 4821`, in a few languages. The digit keeps
 * `Password: Required` and `Your password is incorrect` readable. A label may not follow a word character, `.`, `#`
 * or `-`, so a stylesheet's `.pin:nth-child(2)` holds none, and the word holds no parenthesis, so neither does
 * `pre code:nth-child(2)`.
 */
const LABELLED = new RegExp(
  String.raw`(?<=(?<![\w.#-])(?:codes?|passwor[dt]|pass(?:code|phrase)|pin|otp|cv[vc]|contrase.a|mot de passe|senha|wachtwoord)(?:\s+is\s+|\s*[:：]\s*))[^\s<>"'()]*\p{Nd}[^\s<>"'()]*`,
  'giu',
);

/** Whether `text` may assign or label a secret: the masker's prefilter (mayHoldDefaultMatch) asks it before any detector runs. */
export const mayAssign = (text: string): boolean => ASSIGNMENT_HINT.test(text) || (LABEL_HINT.test(text) && text.search(LABELLED) >= 0);

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
  maskMatches: (text, redact) =>
    text.replace(ASSIGNMENT, (all: string, name: string, assigned?: string, quote?: string, quoted?: string) => {
      const value = assigned ?? quoted;
      if (!value || !isSensitiveParam(name)) return all;
      // A quoted value is followed by its closing quote.
      const end = all.length - (quote ? 1 : 0);
      return all.slice(0, end - value.length) + redact(value) + all.slice(end);
    }).replace(LABELLED, redact),
};
