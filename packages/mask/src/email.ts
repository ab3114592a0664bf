import { regexDetector } from './regexDetector';

/**
 * Email addresses anywhere inside a string, not only whole-string matches
 * (an anchored pattern misses "write to jo@x.io today": openreplay#2470).
 * Unicode letters are allowed on both sides of the `@`.
 */
export const email = regexDetector({
  name: 'lowlight/email@1',
  label: 'email',
  pattern: /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
  mayMatch: (text) => text.includes('@'),
});
