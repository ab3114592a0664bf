import type { Redact } from './types';

/**
 * Query parameter names whose values are secrets or personal data whatever
 * they look like: tokens, keys, codes, sessions, contact details, and what a
 * visitor typed into a form that submits by GET (a search box's `q`, names,
 * messages): inputs are masked, so their values in a URL are too.
 */
const SENSITIVE_PARAM =
  /(?:^|[^a-z])(?:key|code|sig|sid|pin|cvv|cvc|otp|jwt|ssn|iban|tel|mail|state|nonce|ticket|hash|salt|q|s|query|search|term|text|message|comment|city|street)(?:$|[^a-z])|token|secret|passw|pwd|auth|session|email|phone|signature|credential|apikey|account|name|keyword|user_?id|login|card|address|birth|dob|zip|postcode|ll_id/i;

/**
 * Path segments naming a flow whose links carry a secret in the next segment: a password reset, an email check, an
 * invitation, a magic sign-in link, an unsubscribe link, a share link (`/reset-password/<token>`, `/invite/<code>`).
 */
const SECRET_FLOW = /reset|passw|verif|confirm|activat|invit|magic|token|unsubscribe|auth|log-?in|sign-?in|otp|claim|redeem|recover|secret|share/i;
/** A segment that is a token wherever it is: 24 or more letters, digits and `_`, both letters and digits (a slug has dashes, a file a dot). */
const TOKEN_SEGMENT = /^(?=\D*\d)(?=.*[a-z])\w{24,}$/i;
/** A path segment after a `/`, with the segment before it (empty at the start of a path). */
const PATH_SEGMENT = /(?<=(?:^|\/)([^\s/?#"'<>]*)\/)[^\s/?#"'<>]+/g;

/**
 * Masks the secrets of a path (see SECRET_FLOW, TOKEN_SEGMENT) whole, whatever the detectors see in them: a reset
 * link's token is a key to the account, however random it looks. Wherever a path is written: a URL attribute, the
 * page URL, or a link shown as text (secret-param reads it there).
 */
export const hidePathTokens = (text: string, redact: Redact): string =>
  text.replace(PATH_SEGMENT, (segment, before: string) =>
    (SECRET_FLOW.test(before) && /\d/.test(segment) && segment.length > 5) || TOKEN_SEGMENT.test(segment) ? redact(segment) : segment,
  );

/** Splits `apiKey` into `api_key` so camelCase names meet the word boundaries above. */
const decamel = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1_$2');

export function isSensitiveParam(name: string): boolean {
  return SENSITIVE_PARAM.test(decamel(name));
}

/**
 * Percent-decodes, keeping `+`: in a query it may mean a space, but it may
 * also start a phone number, and detectors must see it.
 */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Masks the personal data a URL can carry, keeping its shape:
 * the targets of `mailto:`, `tel:` and other links to a person, credentials
 * before the host, values of sensitive-looking query parameters, and
 * detector matches in the path, the query and the fragment (decoded first, so
 * `jo%40x.io` is caught too).
 */
export function maskUrl(written: string, detect: (text: string) => string, redact: Redact, redactAllValues: boolean): string {
  // Schemes whose target is a person: an address, a number, a username, a place.
  const scheme = /^(?:mailto|tel|sms|callto|skype|facetime(?:-audio)?|whatsapp|xmpp|im|geo):/i.exec(written);
  if (scheme) return scheme[0] + redact(written.slice(scheme[0].length));
  // Credentials before a host (`https://user:password@host/`), here or in a URL inside a parameter, are secrets
  // whatever they look like.
  const hideCredentials = (text: string): string => text.replace(/\/\/([^/?#\s]+)@/g, (_all, credentials: string) => `//${redact(credentials)}@`);
  const url = hideCredentials(written);
  if (/^data:/i.test(url)) return detect(url);
  // Nothing encoded, no parameters: detectors see the URL as written (most URLs of a page).
  if (!/[%?#]/.test(url)) return detect(hidePathTokens(url, redact));

  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? null : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? null : beforeHash.slice(queryAt + 1);

  const maskPart = (part: string): string => {
    // Decoded as often as it was encoded (three times at most): a URL in a parameter carries its own encoded values
    // (`%2540` is an `@`).
    const decoded = safeDecode(safeDecode(safeDecode(part)));
    const masked = detect(hideCredentials(decoded));
    return masked === decoded ? part : encodeURIComponent(masked);
  };
  const maskParams = (params: string): string =>
    params
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq === -1) return redactAllValues ? redact(pair) : maskPart(pair);
        const name = pair.slice(0, eq);
        const value = pair.slice(eq + 1);
        const maskedValue = redactAllValues || isSensitiveParam(safeDecode(name)) ? redact(value) : maskPart(value);
        return `${maskPart(name)}=${maskedValue}`;
      })
      .join('&');

  const maskPath = (path: string): string => hidePathTokens(path, redact).split('/').map(maskPart).join('/');

  let result = maskPath(base);
  if (query !== null) result += `?${maskParams(query)}`;
  if (fragment !== null) {
    // OAuth implicit flows put tokens in the fragment: treat `a=b` fragments as parameters.
    result += `#${fragment.includes('=') ? maskParams(fragment) : redactAllValues ? redact(fragment) : maskPath(fragment)}`;
  }
  return result;
}
