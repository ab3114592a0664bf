/**
 * How an attribute's value is treated:
 * - `structure`: layout and styling hooks (class, id, rrweb's own numbers, and on SVG
 *   elements every geometry and presentation attribute). Never redacted, so a masked
 *   replay keeps its shape; detectors still run.
 * - `text`: human-readable content (title, alt, placeholder, aria-*, data-*, and
 *   anything unknown). Redacted wherever page text would be.
 * - `url`: scrubbed as a URL.
 * - `css`: stylesheet text. Detectors only; star-masking CSS would break the replay.
 * - `field`: a form field's value or checked state, masked like typed input.
 * - `meta`: `<meta content>`, kept only for the few names a replay needs.
 * - `drop`: never recorded (inline event handlers, canvas and image pixels).
 */
export type AttributeKind = 'structure' | 'text' | 'url' | 'css' | 'field' | 'meta' | 'drop';

const URL_ATTRIBUTES = new Set(
  (
    'href src srcset action formaction poster background cite data longdesc manifest ping xlink:href ' +
    'codebase archive usemap icon imagesrcset rr_src'
  ).split(' '),
);

/** Layout and behaviour hooks: kept under a mask. A space-separated list keeps the bundle small. */
const STRUCTURE_ATTRIBUTES = new Set(
  (
    'class id name type role rel for form dir lang tabindex hidden disabled readonly required multiple ' +
    'width height colspan rowspan span align valign target method enctype charset media sizes loading ' +
    'decoding crossorigin integrity async defer nomodule referrerpolicy autocomplete inputmode maxlength ' +
    'minlength size cols rows wrap min max step pattern accept open draggable spellcheck translate ' +
    'contenteditable slot part is start reversed scope headers frameborder allow allowfullscreen sandbox ' +
    'scrolling autoplay controls loop muted playsinline preload kind srclang default shape coords ' +
    'http-equiv property itemprop itemscope itemtype popover inert'
  ).split(' '),
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
