import { regexDetector } from './regexDetector';

/**
 * Credentials that show up in pages (opt-in): JSON Web Tokens and API keys
 * with well-known prefixes (Stripe, OpenAI-style `sk-`, GitHub, Slack, AWS
 * access key ids, Google API keys), plus `Bearer` tokens.
 */
export const apiKey = regexDetector({
  name: 'lowlight/api-key@1',
  label: 'API key or token',
  pattern: new RegExp(
    [
      String.raw`\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*`, // JWT: base64url JSON header and payload
      String.raw`\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}`,
      String.raw`\bsk-[A-Za-z0-9_-]{20,}`,
      String.raw`\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{40,}`,
      String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`,
      String.raw`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`,
      String.raw`\bAIza[0-9A-Za-z_-]{35}`,
      String.raw`\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*`,
    ].join('|'),
    'g',
  ),
});
