import { Flag } from './flags';

/**
 * The masking policy in one place: how every attribute is classified, and
 * what each class and each kind of content gets at each privacy level.
 * `createEventMasker` applies these rules; the README's "What is masked"
 * table is `MASKING_RULES` rendered (a test keeps the two equal).
 */

/**
 * How an attribute's value is treated:
 * - `structure`: values that shape layout and styling (class, id, type, sizes, rrweb's
 *   own numbers, and on SVG elements every geometry and presentation attribute).
 *   Never redacted, so a masked replay keeps its shape; detectors still run.
 * - `text`: human-readable content (title, alt, placeholder, aria-*, data-*, and
 *   anything unknown). Redacted wherever page text would be; redacted at every
 *   level when the value holds markup.
 * - `url`: scrubbed as a URL; a `data:` URL that is a document rather than an image or font is dropped.
 * - `css`: stylesheet text. Detectors only; star-masking CSS would break the replay.
 * - `field`: a form field's value or checked state, masked like typed input. `value`
 *   is one on every element (`<data>`, `<li>`, `<meter>`, `<button>`, `<param>`, …)
 *   except the label of an `<input>` button; so is `label` inside a field (an option's text).
 * - `meta`: `<meta content>`, kept only for the few names a replay needs.
 * - `drop`: never recorded (inline event handlers, canvas and image pixels, and
 *   `srcdoc`, a whole document in an attribute that rrweb records as the iframe's own nodes).
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
/** Attributes whose value is a document or code: recording them as a string would bypass every node rule. */
const DROPPED_ATTRIBUTES = new Set(['srcdoc', 'rr_dataurl']);

/** `<meta>` names whose content a replay needs and which hold no visitor data. */
export const SAFE_META_NAMES = new Set(['viewport', 'color-scheme', 'theme-color', 'content-type']);

/**
 * Classifies one attribute. A mutation carries no tag name, so the caller
 * passes the element's own flags (field, `<input>`, `<meta>`, SVG) and whether
 * it is inside a form field.
 */
export function classifyAttribute(name: string, own: number, inField: boolean): AttributeKind {
  if (DROPPED_ATTRIBUTES.has(name) || name.startsWith('on')) return 'drop';
  if (name.startsWith('rr_')) return name === 'rr_src' ? 'url' : 'structure';
  // An <input> that is not a field is a button: its value is the label it shows.
  if (name === 'value') return own & Flag.Input && !inField ? 'text' : 'field';
  // An option's or optgroup's `label` is the text the select shows instead of the option's own.
  if (name === 'checked' || name === 'selected' || (name === 'label' && inField)) return 'field';
  if (name === 'style' || name === '_cssText') return 'css';
  if (URL_ATTRIBUTES.has(name)) return 'url';
  if (name === 'content' && own & Flag.Meta) return 'meta';
  if (STRUCTURE_ATTRIBUTES.has(name) || name.startsWith('data-ll-')) return 'structure';
  if (name.startsWith('aria-')) return ARIA_TEXT.has(name) ? 'text' : 'structure';
  // SVG's many geometry and presentation attributes draw shapes; its text lives in text nodes.
  return own & Flag.Svg && !name.startsWith('data-') ? 'structure' : 'text';
}

/**
 * Markup inside an attribute (a tooltip's HTML, a serialized template), or
 * serialized data (a framework's page state: Inertia's `data-page`, React
 * props in `data-react-props`, Alpine's `x-data`): it can hold field values,
 * names and marks that no detector recognises, and a replay never shows it,
 * so it is redacted. Data is a JSON object or array, or an object literal.
 */
export const holdsMarkupOrData = (value: string): boolean => /<[a-z!/?]|^\s*(?:[[{]\s*["'[{]|\{\s*[\w$]+\s*:)/i.test(value);

/**
 * `data:` URLs a replay may show as they are: raster images (every image type but
 * SVG) and fonts. Any other media type (HTML, SVG, CSS, text) is a document that
 * can carry page text.
 */
const SAFE_DATA_URL = /^data:(?:image\/(?!svg)|font\/|application\/(?:x-)?font)/i;

/** Replaces a URL that is itself a document or code with an empty one of the same scheme. */
export function emptyIfDocument(url: string): string | undefined {
  const trimmed = url.trimStart();
  if (/^data:/i.test(trimmed)) return SAFE_DATA_URL.test(trimmed) ? undefined : 'data:,';
  // Recorded scripts never run in a replay, and their text is code, not page content.
  if (/^javascript:/i.test(trimmed.replace(/[\t\n\r]/g, ''))) return 'javascript:';
  return undefined;
}

/** One row of the README's "What is masked, on every path" table. */
export interface MaskingRule {
  what: string;
  strict: string;
  balanced: string;
  relaxed: string;
}

/** What each kind of content gets at each level, in the README's words. `same` repeats the cell to its left. */
export const MASKING_RULES: readonly MaskingRule[] = [
  {
    what: 'passwords, `type=hidden`, `autocomplete` `cc-*`, `one-time-code`, `current-password`, `new-password`',
    strict: 'never recorded: no value, no keystroke events (whose count would give the length away), even after a show-password toggle',
    balanced: 'same',
    relaxed: 'same',
  },
  {
    what: 'values of inputs of every type, textareas, selects and their options (their `label` attributes too), file names, what an `<output>` shows; radio and checkbox values and checked state; contenteditable text and the text of documents in design mode; the `value` attribute of every other element (`<data>`, `<li>`, `<meter>`, `<progress>`, `<button>`, `<param>`, …) except an `<input>` button\'s label',
    strict: '`*` for each character',
    balanced: 'same',
    relaxed: 'same',
  },
  {
    what: '`data-ll-mask` and `data-ll-block` regions',
    strict: 'redacted / left out',
    balanced: 'same',
    relaxed: 'same',
  },
  {
    what: 'page text and content attributes (`title`, `alt`, `placeholder`, `aria-label`, `aria-description`, `data-*`, …)',
    strict: '`*` unless `data-ll-unmask`',
    balanced:
      'detectors, also across the inline elements of one block (`<span>4111</span> <span>1111</span>…`); and what the visitor typed into a masked field, wherever the page shows it back (a live preview, `Results for …`, a sent message), `*`',
    relaxed: 'as is',
  },
  {
    what: 'attribute values that hold markup or serialized data (`data-content="<b>…</b>"`, `data-page=\'{"props":…}\'`, `x-data="{ user: … }"`)',
    strict: '`*` for each character',
    balanced: 'same',
    relaxed: 'same',
  },
  {
    what: 'URLs (`href`, `src`, `srcset`, `action`, page URL, referrer; in CSS `url()`, `@import`, `image-set()`, custom properties included)',
    strict: 'every query value `*`',
    balanced: 'the targets of `mailto:`, `tel:` and other links to a person (`sms:`, `skype:`, `geo:`, …), credentials before the host (`https://user:password@host`, also in a URL inside a parameter), values of parameters named like secrets (`token`, `key`, `code`, `session`, `email`, `auth`, …) or like what a visitor types into a form that submits by GET (`q`, `search`, `name`, `message`, `city`, …), the token in a path after a reset, invitation, magic-link or share segment (`/reset-password/<token>`, `/invite/<code>`) and any long token segment, and detector matches, in path, query and fragment',
    relaxed: 'as is',
  },
  {
    what: '`data:` URLs other than raster images and fonts (HTML, SVG, CSS documents), `javascript:` URLs',
    strict: 'emptied (`data:,`, `javascript:`)',
    balanced: 'same',
    relaxed: 'same',
  },
  {
    what: 'stylesheet text (`<style>`, linked and adopted sheets, `style` attributes, rules and declarations added later)',
    strict: 'URLs as above; `content` and custom-property (`--x`) strings `*`; attribute selector values `*` (`input[value="…"]`, `[data-x=…]`), except for attributes that only shape the page (`type`, `class`, `role`, `aria-expanded`, …) so the replay keeps its styling; detectors on the rest',
    balanced: 'same',
    relaxed: 'as is',
  },
  {
    // The kept <meta> names are SAFE_META_NAMES (a test keeps them equal); no computed text here, so bundles drop this table.
    what: '`<script>` (JSON data blocks included), `<noscript>` and `<template>` content, HTML comments, inline event handlers, `<iframe srcdoc>` (the frame\'s document is recorded as nodes, under these rules), `<meta content>`, except where `name` or `http-equiv` is `viewport`, `color-scheme`, `theme-color` or `content-type`',
    strict: 'never recorded',
    balanced: 'same',
    relaxed: 'same',
  },
  {
    what: 'custom events: the tag and payload of `addCustomEvent(tag, payload)`, the id and traits of `identify(id, traits)`',
    strict: 'detectors, on every string and every key of the payload',
    balanced: 'same',
    relaxed: 'as is',
  },
  {
    what: 'canvas pixels, font files, images as data',
    strict: 'never recorded',
    balanced: 'same',
    relaxed: 'same',
  },
];
