import type { Attributes } from './rrweb';

/**
 * What masking knows about a node, as bits. Every flag is inherited by
 * descendants, across shadow roots and same-origin iframes, because
 * inheritance follows serialized parent ids rather than `Element.closest()`.
 */
export const Flag = {
  /** Inside `data-ll-mask`: text and content attributes redacted. */
  Mask: 1,
  /** Inside `data-ll-block`: nothing below the block is recorded. */
  Block: 2,
  /**
   * Inside `data-ll-unmask`: the site opted this content in. A field's value is
   * opted in only by a mark on the field itself (or inside an editable region),
   * never by a mark on an ancestor: see `FIELD_ROOTS`.
   */
  Unmask: 4,
  /** A form field (input, textarea, select, datalist, output) or inside one. */
  Field: 8,
  /** Inside a contenteditable region: typed text, treated like a field. */
  Editable: 16,
  /** A field whose value is never recorded in any form (passwords and kin). Never cleared. */
  Secret: 32,
  /**
   * `<script>`, and `<noscript>`/`<template>`, whose content is never shown
   * while scripts run: code, data or markup, never page text.
   */
  Script: 64,
  /** `<style>`: its text is CSS. */
  Style: 128,
  /** `<meta>`: its `content` may hold tokens no detector recognises. */
  Meta: 256,
  /** An SVG element. Read from a node's own flags only: HTML inside `<foreignObject>` is not SVG. */
  Svg: 512,
  /** An `<input>`, whose `type` may change later (a mutation carries no tag name). */
  Input: 1024,
  /** A checkbox or radio: its value is one of the page's choices, the visitor's own only once checked. */
  Choice: 2048,
  /** Inside a table's data cell (`<td>`): its column's heading may be a value's label. */
  Cell: 4096,
} as const;

/** Elements that start a field: an ancestor's `data-ll-unmask` does not reach past them. */
export const FIELD_ROOTS = Flag.Field | Flag.Editable;

/** Flags of a node the masker has never seen: treated as masked and blocked (fail closed). */
export const UNKNOWN_FLAGS = Flag.Mask | Flag.Block;

/** The marks a site puts in its markup. Masks the text and content attributes of the element and everything inside it. */
export const MARK_MASK = 'data-ll-mask';
/** Blocks an element: it is replaced by an empty box of the same size, and nothing inside it is recorded. */
export const MARK_BLOCK = 'data-ll-block';
/** Opts this text in under `strict`, or this field's value; detectors still apply, and `data-ll-mask` on an ancestor wins. */
export const MARK_UNMASK = 'data-ll-unmask';

/**
 * Options and optgroups are fields through their select or datalist. An `<output>` shows what a form computes from
 * the visitor's input (a range slider's value, a loan calculator's payment), so it is masked like that input.
 */
const FIELD_TAGS = new Set(['textarea', 'select', 'datalist', 'output']);
const TAG_FLAGS: Record<string, number> = {
  script: Flag.Script,
  noscript: Flag.Script,
  template: Flag.Script,
  style: Flag.Style,
  meta: Flag.Meta,
  td: Flag.Cell,
};
/** `<input>` types that are buttons: their value is a label, not something typed. */
const BUTTON_TYPES = new Set(['submit', 'button', 'reset', 'image']);
/** Input types whose value is never recorded, even unmasked. */
const SECRET_TYPES = new Set(['password', 'hidden']);
/** `autocomplete` tokens whose values are never recorded, even unmasked. */
const SECRET_AUTOCOMPLETE = /(?:^|\s)(?:cc-[a-z-]+|one-time-code|current-password|new-password)(?:\s|$)/i;

const isPresent = (value: unknown): boolean => value !== undefined && value !== null && value !== false;
const lower = (value: unknown): string => (typeof value === 'string' ? value.trim().toLowerCase() : '');

/** Flags an element carries itself, from its tag, serialized attributes and rrweb's `isSVG`. */
export function ownFlags(tagName: string, attributes: Attributes, isSvg: boolean): number {
  let flags = (TAG_FLAGS[tagName] ?? 0) | (isSvg ? Flag.Svg : 0);
  if (FIELD_TAGS.has(tagName)) flags |= Flag.Field;
  // An input without a type is a text field; a type attribute is judged by applyMarkChanges.
  if (tagName === 'input') flags |= Flag.Input | (attributes.type === undefined ? Flag.Field : 0);
  return applyMarkChanges(flags, attributes);
}

/**
 * Updates own flags for attributes that changed (a mutation carries only the
 * changed ones; `null` means removed). Marks follow the page both ways, but a
 * field once secret stays secret, so a show-password toggle never reveals it.
 */
export function applyMarkChanges(flags: number, changed: Attributes): number {
  // Direct lookups rather than a loop over every attribute: this runs for each element of a snapshot.
  let next = flags;
  if (MARK_MASK in changed) next = isPresent(changed[MARK_MASK]) ? next | Flag.Mask : next & ~Flag.Mask;
  if (MARK_BLOCK in changed) next = isPresent(changed[MARK_BLOCK]) ? next | Flag.Block : next & ~Flag.Block;
  if (MARK_UNMASK in changed) next = isPresent(changed[MARK_UNMASK]) ? next | Flag.Unmask : next & ~Flag.Unmask;
  if ('contenteditable' in changed) {
    const value = changed.contenteditable;
    next = isPresent(value) && lower(value) !== 'false' ? next | Flag.Editable : next & ~Flag.Editable;
  }
  if ('type' in changed) {
    // A field stays a field (and a secret stays secret) whatever its type becomes later.
    const type = lower(changed.type);
    if (next & Flag.Input && !BUTTON_TYPES.has(type)) next |= Flag.Field;
    if (type === 'checkbox' || type === 'radio') next |= Flag.Choice;
    if (next & Flag.Field && SECRET_TYPES.has(type)) next |= Flag.Secret;
  }
  if ('autocomplete' in changed && SECRET_AUTOCOMPLETE.test(lower(changed.autocomplete))) next |= Flag.Secret;
  return next;
}
