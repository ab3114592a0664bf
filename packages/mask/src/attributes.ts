/**
 * How an attribute's value is treated:
 * - `structure`: layout and styling hooks (class, id, SVG geometry, rrweb's own
 *   numbers). Never redacted, so a masked replay keeps its shape; detectors still run.
 * - `text`: human-readable content (title, alt, placeholder, aria-*, data-*, and
 *   anything unknown). Redacted wherever page text would be.
 * - `url`: scrubbed as a URL.
 * - `css`: stylesheet text. Detectors only; star-masking CSS would break the replay.
 * - `field`: a form field's value or checked state, masked like typed input.
 * - `meta`: `<meta content>`, kept only for the few names a replay needs.
 * - `drop`: never recorded (inline event handlers, canvas and image pixels).
 */
export type AttributeKind = 'structure' | 'text' | 'url' | 'css' | 'field' | 'meta' | 'drop';

const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'poster', 'background', 'cite', 'data', 'longdesc',
  'manifest', 'ping', 'xlink:href', 'codebase', 'archive', 'usemap', 'icon', 'imagesrcset', 'rr_src',
]);

const STRUCTURE_ATTRIBUTES = new Set([
  // HTML
  'class', 'id', 'name', 'type', 'role', 'rel', 'for', 'form', 'dir', 'lang', 'tabindex', 'hidden',
  'disabled', 'readonly', 'required', 'multiple', 'width', 'height', 'colspan', 'rowspan', 'span',
  'align', 'valign', 'target', 'method', 'enctype', 'charset', 'media', 'sizes', 'loading', 'decoding',
  'crossorigin', 'integrity', 'async', 'defer', 'nomodule', 'referrerpolicy', 'autocomplete', 'inputmode',
  'maxlength', 'minlength', 'size', 'cols', 'rows', 'wrap', 'min', 'max', 'step', 'pattern', 'accept',
  'open', 'draggable', 'spellcheck', 'translate', 'contenteditable', 'slot', 'part', 'is', 'start',
  'reversed', 'scope', 'headers', 'frameborder', 'allow', 'allowfullscreen', 'sandbox', 'scrolling',
  'autoplay', 'controls', 'loop', 'muted', 'playsinline', 'preload', 'kind', 'srclang', 'default',
  'shape', 'coords', 'http-equiv', 'property', 'itemprop', 'itemscope', 'itemtype', 'popover', 'inert',
  'aria-hidden', 'aria-expanded', 'aria-selected', 'aria-checked', 'aria-disabled', 'aria-controls',
  'aria-labelledby', 'aria-describedby', 'aria-haspopup', 'aria-live', 'aria-current', 'aria-modal',
  'aria-orientation', 'aria-pressed', 'aria-level', 'aria-posinset', 'aria-setsize', 'aria-atomic',
  'aria-busy', 'aria-owns', 'aria-sort', 'aria-colcount', 'aria-rowcount', 'aria-colindex', 'aria-rowindex',
  'data-ll-mask', 'data-ll-block', 'data-ll-unmask',
  // SVG geometry and presentation
  'xmlns', 'xmlns:xlink', 'version', 'viewbox', 'preserveaspectratio', 'd', 'points', 'x', 'y', 'x1',
  'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'dx', 'dy', 'fill', 'fill-rule', 'fill-opacity',
  'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-miterlimit', 'stroke-opacity', 'transform', 'opacity', 'clip-path', 'clip-rule', 'mask',
  'offset', 'stop-color', 'stop-opacity', 'gradientunits', 'gradienttransform', 'patternunits',
  'focusable', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline',
  'marker-start', 'marker-mid', 'marker-end', 'pathlength', 'vector-effect', 'color',
  'filter', 'flood-color', 'flood-opacity', 'stddeviation', 'in', 'in2', 'result', 'mode', 'values',
  'keytimes', 'dur', 'repeatcount', 'begin', 'attributename', 'from', 'to', 'fx', 'fy', 'spreadmethod',
]);

/** `<meta>` names whose content a replay needs and which hold no visitor data. */
export const SAFE_META_NAMES = new Set(['viewport', 'color-scheme', 'theme-color', 'content-type']);

/**
 * Classifies one attribute. `isField` says whether the element is a form field,
 * `isMeta` whether it is a `<meta>`: a mutation carries no tag name, so the
 * caller passes what it knows from node flags.
 */
export function classifyAttribute(name: string, isField: boolean, isMeta: boolean): AttributeKind {
  if (name.startsWith('rr_')) {
    if (name === 'rr_src') return 'url';
    return name === 'rr_dataURL' ? 'drop' : 'structure';
  }
  if (name === 'value' || name === 'checked' || name === 'selected') return isField ? 'field' : 'text';
  if (name === 'style' || name === '_cssText') return 'css';
  if (URL_ATTRIBUTES.has(name)) return 'url';
  if (name === 'content' && isMeta) return 'meta';
  if (name.startsWith('on')) return 'drop';
  return STRUCTURE_ATTRIBUTES.has(name) ? 'structure' : 'text';
}
