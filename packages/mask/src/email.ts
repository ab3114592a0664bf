import { EMAIL_AT } from './emailAt';
import { regexDetector } from './regexDetector';

/** `@`, or an `@` written so scrapers miss it and readers do not: `(at)`, `[at]`, `{at}`, `[@]`. */
const AT = String.raw`(?:@| ?[[({] ?(?:[Aa][Tt]|@) ?[\])}] ?)`;
/** A `.` written the same way: `(dot)`, `[dot]`, `[.]`. */
const WRITTEN_DOT = String.raw` ?[[({] ?(?:[Dd][Oo][Tt]|\.) ?[\])}] ?`;
const DOT = String.raw`(?:\.|${WRITTEN_DOT})`;
/**
 * What an address cannot hold: whitespace, controls, ASCII punctuation but `%'+-._`, Latin-1's symbols, general and CJK
 * punctuation (quotes, dashes, `「」`, `、。`). Everything else goes in: letters, digits and combining marks of any script
 * (`सीता`, `สมชาย`, a decomposed `é`), which a class of letters and numbers left out, and with them the whole address
 * whenever a part ended with a mark. Written as what is left out, the pattern also compiles in a fraction of the time
 * that Unicode property classes took (docs/benchmarks.md).
 */
const OUTSIDE = String.raw`\0-$&(-*,/:-@[-^\x60{-\xbf\u2000-\u206f\u3000-\u3004\u3008-\u301f`;
/** A character of a local part; of a domain's label (no `%'+._`); of a domain, dots included. */
const LOCAL_CHAR = `[^${OUTSIDE}]`;
const LABEL_CHAR = `[^${OUTSIDE}%'+._]`;
const HOST_CHAR = `[^${OUTSIDE}%'+_]`;
/**
 * A local part, its dots written out too (`jane (dot) doe`); a written dot holds a bracket, so no text reads two ways.
 * 64 characters at most between written dots, as many as an address may hold, and 8 written dots: unbounded, a long
 * text with no address in it took quadratic time (0.8 s for 32 KB of `a.a.a…` after an `@`, 4 s for 144 KB of `ab
 * (dot) …`); bounded, 10 ms.
 */
const LOCAL = `${LOCAL_CHAR}{1,64}(?:${WRITTEN_DOT}${LOCAL_CHAR}{1,64}){0,8}`;

/**
 * Email addresses anywhere inside a string, not only whole-string matches
 * (an anchored pattern misses "write to jo@x.io today": openreplay#2470).
 * Letters of any script are allowed on both sides of the `@`, and the `@` and dots
 * may be written out: `jo (at) example (dot) com`, `jane (dot) doe (at) example (dot) com`. A domain may also be an
 * address literal: `jo@[192.0.2.1]`, `jo@[IPv6:2001:db8::1]`.
 */
export const email = regexDetector({
  name: 'lowlight/email@1',
  label: 'email',
  // An address glued to the next (`jo@x.coma@b.io`): the first one's top-level domain took the next one's local part,
  // so the domain after it goes with it.
  // A top-level domain holds no digit.
  pattern: new RegExp(String.raw`${LOCAL}${AT}(?:\[(?:IPv6:[\w.:]{2,39}|\d[\d.]{6,14})\]|${LABEL_CHAR}+(?:${DOT}${LABEL_CHAR}+)*${DOT}[^${OUTSIDE}%'+._\d-]{2,}(?:@${HOST_CHAR}+)*)`, 'gu'),
  mayMatch: (text) => EMAIL_AT.test(text),
});

/**
 * An address still being written at the end of a text: a local part, `@` and as much of the domain as has come, with
 * no top-level domain yet (`jane.doe@exam`). A chat streaming its answer, or a script typing one, writes a text a few
 * characters at a time, and each of those texts is recorded; the email detector only finds the address once whole.
 * As long as an address's parts may be: unbounded, a long word with no `@` took quadratic time (1 s for 20,000 CJK
 * characters, each start trying every length before giving up).
 */
export const EMAIL_IN_PROGRESS = new RegExp(`${LOCAL_CHAR}{1,64}@${HOST_CHAR}{0,255}$`, 'u');
