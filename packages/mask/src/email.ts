import { EMAIL_AT } from './emailAt';
import { regexDetector } from './regexDetector';

/** `@`, or an `@` written so scrapers miss it and readers do not: `(at)`, `[at]`, `{at}`, `[@]`. */
const AT = String.raw`(?:@| ?[[({] ?(?:[Aa][Tt]|@) ?[\])}] ?)`;
/** `.`, or one written the same way: `(dot)`, `[dot]`, `[.]`. */
const DOT = String.raw`(?:\.| ?[[({] ?(?:[Dd][Oo][Tt]|\.) ?[\])}] ?)`;

/**
 * Email addresses anywhere inside a string, not only whole-string matches
 * (an anchored pattern misses "write to jo@x.io today": openreplay#2470).
 * Unicode letters are allowed on both sides of the `@`, and the `@` and dots
 * may be written out: `jo (at) example (dot) com`.
 */
export const email = regexDetector({
  name: 'lowlight/email@1',
  label: 'email',
  // An address glued to the next (`jo@x.coma@b.io`): the first one's top-level domain took the next one's local part,
  // so the domain after it goes with it.
  pattern: new RegExp(String.raw`[\p{L}\p{N}._%+'-]+${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}\p{L}{2,}(?:@[\p{L}\p{N}.-]+)*`, 'gu'),
  mayMatch: (text) => EMAIL_AT.test(text),
});

/**
 * An address still being written at the end of a text: a local part, `@` and as much of the domain as has come, with
 * no top-level domain yet (`jane.doe@exam`). A chat streaming its answer, or a script typing one, writes a text a few
 * characters at a time, and each of those texts is recorded; the email detector only finds the address once whole.
 */
export const EMAIL_IN_PROGRESS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]*$/u;
