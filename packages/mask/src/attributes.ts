/**
 * How an attribute's value is treated:
 * - `structure`: values that shape layout and styling (class, id, type, sizes, rrweb's
 *   own numbers, and on SVG elements every geometry and presentation attribute).
 *   Never redacted, so a masked replay keeps its shape; detectors still run.
 * - `text`: human-readable content (title, alt, placeholder, aria-*, data-*, and
 *   anything unknown). Redacted wherever page text would be.
 * - `url`: scrubbed as a URL.
 * - `css`: stylesheet text. Detectors only; star-masking CSS would break the replay.
 * - `field`: a form field's value or checked state, masked like typed input.
 * - `meta`: `<meta content>`, kept only for the few names a replay needs.
 * - `drop`: never recorded (inline event handlers, canvas and image pixels).
 */
export type AttributeKind = 'structure' | 'text' | 'url' | 'css' | 'field' | 'meta' | 'drop';

const URL_ATTRIBUTES = new Set('href src srcset imagesrcset action formaction poster background cite data manifest ping xlink:href rr_src'.split(' '));

/**
 * Attributes whose values shape layout and styling: kept where content is redacted, so a
 * masked region keeps its shape. Boolean attributes need no entry (their empty value stays
 * empty when redacted); anything not listed is redacted there, which fails closed.
 */
const STRUCTURE_ATTRIBUTES = new Set(
  'class id name type role dir lang width height colspan rowspan span rows cols size media sizes start slot part is align valign popover'.split(' '),
);
/** `aria-*` attributes are states and relations, except these, which are read out as text. */
const ARIA_TEXT = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'aria-placeholder', 'aria-roledescription', 'aria-valuenow']);

/** `<meta>` names whose content a replay needs and which hold no visitor data. */
export const SAFE_META_NAMES = new Set(['viewport', 'color-scheme', 'theme-color', 'content-type']);

/**
 * Classifies one attribute. A mutation carries no tag name, so the caller
 * passes what it knows from node flags: whether the element is a form field,
 * a `<meta>`, or an SVG element.
 */
export function classifyAttribute(name: string, isField: boolean, isMeta: boolean, isSvg: boolean): AttributeKind {
  if (name.startsWith('rr_')) {
    if (name === 'rr_src') return 'url';
    return name === 'rr_dataURL' ? 'drop' : 'structure';
  }
  if (name === 'value' || name === 'checked' || name === 'selected') return isField ? 'field' : 'text';
  if (name === 'style' || name === '_cssText') return 'css';
  if (URL_ATTRIBUTES.has(name)) return 'url';
  if (name === 'content' && isMeta) return 'meta';
  if (name.startsWith('on')) return 'drop';
  if (STRUCTURE_ATTRIBUTES.has(name) || name.startsWith('data-ll-')) return 'structure';
  if (name.startsWith('aria-')) return ARIA_TEXT.has(name) ? 'text' : 'structure';
  // SVG's many geometry and presentation attributes draw shapes; its text lives in text nodes.
  return isSvg && !name.startsWith('data-') ? 'structure' : 'text';
}
