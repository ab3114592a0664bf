/**
 * The slice of rrweb's serialized event format that masking reads and writes.
 *
 * Declared here as plain numbers and structural types rather than imported from
 * `@rrweb/types`: rrweb's enums are runtime objects, and the mask package is a
 * leaf that must not pull rrweb code into a bundle.
 */

/** rrweb `EventType`. */
export const EventType = {
  /** The page fired `DOMContentLoaded`. */
  DomContentLoaded: 0,
  /** The page fired `load`. */
  Load: 1,
  /** The whole DOM, serialized: where a replay (and masking) starts. */
  FullSnapshot: 2,
  /** A change since the snapshot; `data.source` says which kind. */
  IncrementalSnapshot: 3,
  /** The page URL and viewport size. */
  Meta: 4,
  /** An event with a `tag` and `payload`, such as Lowlight's pageview and identify events. */
  Custom: 5,
  /** Data from an rrweb recording plugin. */
  Plugin: 6,
  /** An asset rrweb captured (not recorded by Lowlight). */
  Asset: 7,
} as const;

/** rrweb `IncrementalSource`. */
export const IncrementalSource = {
  /** Nodes added or removed, text or attributes changed. */
  Mutation: 0,
  /** Pointer positions. */
  MouseMove: 1,
  /** Clicks, focus, blur and other pointer interactions. */
  MouseInteraction: 2,
  /** A scroll position. */
  Scroll: 3,
  /** A new viewport size. */
  ViewportResize: 4,
  /** A form field's value or checked state. */
  Input: 5,
  /** Touch positions. */
  TouchMove: 6,
  /** Media played, paused or seeked. */
  MediaInteraction: 7,
  /** CSS rules inserted or deleted. */
  StyleSheetRule: 8,
  /** Canvas drawing (never recorded by Lowlight). */
  CanvasMutation: 9,
  /** A font loaded (never recorded by Lowlight). */
  Font: 10,
  /** A console message. */
  Log: 11,
  /** Drag positions. */
  Drag: 12,
  /** An inline style property set or removed. */
  StyleDeclaration: 13,
  /** A text selection. */
  Selection: 14,
  /** Constructed stylesheets adopted by a document or shadow root. */
  AdoptedStyleSheet: 15,
  /** A custom element defined. */
  CustomElement: 16,
} as const;

/** rrweb-snapshot `NodeType`. */
export const NodeType = {
  /** A document. */
  Document: 0,
  /** A doctype. */
  DocumentType: 1,
  /** An element. */
  Element: 2,
  /** A text node. */
  Text: 3,
  /** A CDATA section. */
  CDATA: 4,
  /** A comment. */
  Comment: 5,
} as const;

/** An attribute value as rrweb serializes it: style diffs arrive as objects. */
export type AttributeValue = string | number | boolean | null | StyleDiff;
export type StyleDiff = { [property: string]: string | [string, string] | false };
export type Attributes = Record<string, AttributeValue>;

/** A DOM node as rrweb serializes it in snapshots and mutations. */
export interface SerializedNode {
  /** rrweb's id for the node, stable for the page's life. */
  id: number;
  /** A `NodeType` value. */
  type: number;
  /** An element's tag name, lower case. */
  tagName?: string;
  /** An element's attributes. */
  attributes?: Attributes;
  /** A parent's children, in order. */
  childNodes?: SerializedNode[];
  /** A text, comment or CDATA node's content. */
  textContent?: string;
  /** True for the text of a `<style>` element. */
  isStyle?: boolean;
  /** True for an SVG element. */
  isSVG?: boolean;
  /** True for a node inside a shadow root. */
  isShadow?: boolean;
  /** A doctype's name. */
  name?: string;
  /** A doctype's public id. */
  publicId?: string;
  /** A doctype's system id. */
  systemId?: string;
  [key: string]: unknown;
}

export interface AddedNode {
  parentId: number;
  nextId: number | null;
  previousId?: number | null;
  node: SerializedNode;
}

export interface MutationData {
  source: 0;
  texts: Array<{ id: number; value: string | null }>;
  attributes: Array<{ id: number; attributes: Attributes }>;
  removes: Array<{ parentId: number; id: number; isShadow?: boolean }>;
  adds: AddedNode[];
  isAttachIframe?: true;
}

export interface InputData {
  source: 5;
  id: number;
  text: string;
  isChecked: boolean;
  userTriggered?: boolean;
}

/** Any rrweb event, as emitted by `record()`. */
export interface RecordedEvent {
  /** An `EventType` value. */
  type: number;
  /** The event's payload; its shape depends on `type` (and `data.source`). */
  data: unknown;
  /** When it happened, in ms since the epoch. */
  timestamp: number;
  /** rrweb's replay delay adjustment, in ms. */
  delay?: number;
}
