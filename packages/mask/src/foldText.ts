/**
 * Text as the detectors read it, and where each of its characters came from.
 *
 * A reader sees the same card number in `4111 1111 1111 1111` whether its spaces are no-break (`&nbsp;`, or the
 * narrow ones `Intl.NumberFormat` writes for French), thin, tabs or doubled; the same phone number whatever dash
 * joins its groups, with spaces around it or not; the same email with a zero-width space or a soft hyphen inside;
 * the same digits fullwidth (`０９０－１２３４－５６７８`) or Arabic-Indic (`۰۹۱۲ ۳۴۵ ۶۷۸۹`). The detectors match
 * ASCII forms, so the text is folded to one before they run:
 * - every whitespace run becomes one space, and spaces around a dash or slash after a digit go (`555 – 123` →
 *   `555-123`, `089 / 123` → `089/123`);
 * - a gap between two single digits goes, as labels for screen readers spell numbers out digit by digit
 *   (`aria-label="5 5 5. 1 2 3. 4 5 6 7"` → `5551234567`);
 * - invisible format characters (zero-width spaces and joiners, soft hyphens, bidirectional controls) are dropped;
 * - typographic dashes and minus signs become `-`, and a character with a one-character compatibility form (NFKC:
 *   fullwidth ASCII, `﹫`, superscripts) becomes that form;
 * - decimal digits of any script become ASCII digits.
 */
export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each character of `text`, its index in the original. */
  positions: number[];
}

/** Text folding would leave as it is: printable ASCII, single spaces, no space beside a dash or slash after a digit. */
const NEEDS_FOLDING = /[^ -~]| {2}|\d [/-]|\d[/-] |(?<!\d)\d[.,]? \d(?!\d)/;
/** From a single digit: a space, or `.`/`,` and a space, before another single digit (sticky, tried where a gap may start). */
const SINGLE_DIGIT_GAP = /(?<!\p{Nd})\p{Nd}[.,]?\s(?=\p{Nd}(?!\p{Nd}))/uy;
const SPACE = /[\s\0]/;
const INVISIBLE = /\p{Cf}/u;
const DASH = /[\u2010-\u2015\u2212\u30fc]/;
const DIGIT = /\p{Nd}/u;

/** Folds `text` (see `FoldedText`); undefined when folding would change nothing, the common case. */
export function foldForDetection(text: string): FoldedText | undefined {
  if (!NEEDS_FOLDING.test(text)) return undefined;
  let folded = '';
  const positions: number[] = [];
  // The last two characters folded, kept apart: reading them off `folded` would flatten it at every character.
  let tail = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    SINGLE_DIGIT_GAP.lastIndex = i - 1;
    if (i && SINGLE_DIGIT_GAP.test(text)) {
      i = SINGLE_DIGIT_GAP.lastIndex - 1;
      continue;
    }
    // A space after a space, or after a dash or slash after a digit, goes.
    if (SPACE.test(char)) {
      if (/ $|\d[/-]$/.test(tail)) continue;
      folded += ' ';
      positions.push(i);
      tail = `${tail.slice(-1)} `;
      continue;
    }
    if (INVISIBLE.test(char)) continue;
    const next = foldChar(char);
    // So does a space between a digit and a dash or slash.
    if ((next === '-' || next === '/') && /\d $/.test(tail)) {
      folded = folded.slice(0, -1);
      positions.pop();
      tail = tail[0]!;
    }
    folded += next;
    positions.push(i);
    tail = tail.slice(-1) + next;
  }
  return { text: folded, positions };
}

function foldChar(original: string): string {
  if (original < '\x80') return original;
  // Compatibility forms of one character: fullwidth ASCII (`０` `＠` `－`), small forms (`﹫`), superscripts.
  const char = original.normalize('NFKC');
  if (char.length !== 1) return original;
  if (DASH.test(char)) return '-';
  if (!DIGIT.test(char)) return char;
  // In the Basic Multilingual Plane every script's digits are ten consecutive code points from its zero, and no two
  // scripts' digits touch (checked in foldText.test.ts). Other planes' digits are surrogate pairs, left as they are.
  const code = char.charCodeAt(0);
  let zero = code;
  while (code - zero < 9 && DIGIT.test(String.fromCharCode(zero - 1))) zero--;
  return String(code - zero);
}
