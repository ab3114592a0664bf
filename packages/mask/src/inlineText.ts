import type { Attributes } from './rrweb';

/**
 * Elements that end a run of inline text: what comes before and after them is
 * read as separate lines or cells. Every other element, custom, unknown and
 * rare block ones included, is taken as inline, so its text joins its
 * neighbours': that searches more text together, never less.
 */
const BLOCK_TAGS = new Set(
  ('html head body title address article aside blockquote details summary dd div dl dt fieldset figcaption figure footer ' +
    'form h1 h2 h3 h4 h5 h6 header hr li main nav ol ul p pre section table tr td th option select textarea input ' +
    'button iframe video audio canvas svg script style noscript template').split(' '),
);

const DISPLAY = /(?:^|;)\s*display\s*:\s*([a-z-]+)/i;

/**
 * True when an element breaks the inline run it sits in. An inline `display`
 * in its own style attribute wins over the tag; stylesheets cannot be seen
 * here, so a `<span>` styled as a block by a class still joins its neighbours
 * (which only means more text is searched together).
 */
export function breaksInlineRun(tagName: string, attributes: Attributes): boolean {
  const style = attributes.style;
  const display = typeof style === 'string' ? DISPLAY.exec(style)?.[1]?.toLowerCase() : undefined;
  if (display) return !display.startsWith('inline') && display !== 'contents';
  return BLOCK_TAGS.has(tagName);
}

/**
 * Runs `detect` over text pieces read as one run, as a person reads them:
 * joined (`detect` folds whitespace runs as HTML renders them). Returns the
 * pieces with every character of a match masked, wherever the match crossed a
 * piece boundary; or null when nothing changed.
 *
 * Detectors keep the length (the detector contract), so the masked text splits
 * back into the pieces. If one did not, every piece is redacted (fail closed).
 */
export function maskAcrossPieces(pieces: readonly string[], detect: (text: string) => string, redact: (text: string) => string): string[] | null {
  const raw = pieces.join('');
  const masked = detect(raw);
  if (masked === raw) return null;
  if (masked.length !== raw.length) return pieces.map(redact);
  let offset = 0;
  return pieces.map((piece) => masked.slice(offset, (offset += piece.length)));
}
