/**
 * The slice of rrweb's serialized event format that masking reads and writes.
 *
 * Declared here as plain numbers and structural types rather than imported from
 * `@rrweb/types`: rrweb's enums are runtime objects, and the mask package is a
 * leaf that must not pull rrweb code into a bundle.
 */

/** rrweb `EventType`. */
export const EventType = {
  DomContentLoaded: 0,
  Load: 1,
  FullSnapshot: 2,
  IncrementalSnapshot: 3,
  Meta: 4,
  Custom: 5,
  Plugin: 6,
  Asset: 7,
} as const;

/** rrweb `IncrementalSource`. */
export const IncrementalSource = {
  Mutation: 0,
  MouseMove: 1,
  MouseInteraction: 2,
  Scroll: 3,
  ViewportResize: 4,
  Input: 5,
  TouchMove: 6,
  MediaInteraction: 7,
  StyleSheetRule: 8,
  CanvasMutation: 9,
  Font: 10,
  Log: 11,
  Drag: 12,
  StyleDeclaration: 13,
  Selection: 14,
  AdoptedStyleSheet: 15,
  CustomElement: 16,
} as const;

/** rrweb-snapshot `NodeType`. */
export const NodeType = {
  Document: 0,
  DocumentType: 1,
  Element: 2,
  Text: 3,
  CDATA: 4,
  Comment: 5,
} as const;

/** An attribute value as rrweb serializes it: style diffs arrive as objects. */
export type AttributeValue = string | number | boolean | null | StyleDiff;
export type StyleDiff = { [property: string]: string | [string, string] | false };
export type Attributes = Record<string, AttributeValue>;

export interface SerializedNode {
  id: number;
  type: number;
  tagName?: string;
  attributes?: Attributes;
  childNodes?: SerializedNode[];
  textContent?: string;
  isStyle?: boolean;
  isSVG?: boolean;
  isShadow?: boolean;
  name?: string;
  publicId?: string;
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
  type: number;
  data: unknown;
  timestamp: number;
  delay?: number;
}
