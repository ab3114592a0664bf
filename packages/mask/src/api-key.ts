import { regexDetector } from './regexDetector';

/** What every token below starts with: a cheap test that lets most text skip the full pattern. */
export const TOKEN_PREFIX = /eyJ|[prs]k[_-]|gh[opsur]_|github_pat_|xox[abprs]-|A(?:KIA|SIA|Iza)|Bearer|PRIVATE KEY/;

/**
 * Credentials that show up in pages (on by default): JSON Web Tokens and API keys
 * with well-known prefixes (Stripe, OpenAI-style `sk-`, GitHub, Slack, AWS
 * access key ids, Google API keys), `Bearer` tokens, and private keys in PEM, OpenSSH or PGP armour (a dashboard
 * showing a generated key once): from `-----BEGIN … PRIVATE KEY-----` to its END line, or to the end of the text
 * when that is cut off.
 */
export const apiKey = regexDetector({
  name: 'lowlight/api-key@1',
  label: 'API key or token',
  pattern: new RegExp(
    [
      // Distinctive prefixes need no word boundary, so a token glued to other text is still found.
      // JWT: base64url JSON header and payload. The header is read for 2 KB at most (a certificate chain in it fits):
      // unbounded, every `eyJ` inside a long run of base64 with no `.` read to the run's end (base64 of JSON holds many),
      // quadratic time (1.7 s for 60 KB of `eyJ`; 0.12 s now).
      String.raw`eyJ[\w-]{8,2048}\.eyJ[\w-]{8,}\.[\w-]*`,
      String.raw`(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}`,
      String.raw`\bsk-[A-Za-z0-9_-]{20,}`,
      String.raw`(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}`,
      String.raw`xox[abprs]-[A-Za-z0-9-]{10,}`,
      String.raw`(?:AKIA|ASIA)[0-9A-Z]{16}`,
      String.raw`AIza[0-9A-Za-z_-]{35}`,
      String.raw`\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*`,
      String.raw`-----BEGIN[A-Z ]* PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?=-----END|$)`,
    ].join('|'),
    'g',
  ),
  mayMatch: (text) => TOKEN_PREFIX.test(text),
});
