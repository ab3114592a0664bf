/**
 * Node ids on the wire (docs/protocol.md, "Node ids"). rrweb numbers nodes in the order it serializes
 * them, so in a full snapshot (depth first, parents before children) and in a mutation's added nodes
 * almost every id is the previous node's plus one. Those ids are left out; a reader puts them back with
 * `restoreNodeIds`. The id digits were a third of a gzipped snapshot: random to a compressor, they
 * cost more than the rest of the structure.
 */

/** An rrweb event, as far as node ids are concerned. */
export interface EventWithNodes {
  type: number;
  data?: unknown;
}

interface WireNode {
  id?: number;
  childNodes?: WireNode[];
}

type NodeData = { node?: WireNode; source?: number; adds?: Array<{ node: WireNode }> };

/**
 * The event as JSON for the wire: rrweb's JSON without the node ids `restoreNodeIds` can count back
 * (one more than the id of the node before, depth first, in event order). Throws what `JSON.stringify` throws.
 */
export function serializeEvent(event: EventWithNodes): string {
  const data = event.data as NodeData;
  let previous = -1;
  // Unset for the moment of JSON.stringify, which leaves undefined members out, and put back after: rrweb keeps
  // these nodes as its own record of the page, and copying a 10k-node tree would cost more than serializing it.
  const hide = (node: WireNode): void => {
    if (node.id === ++previous) node.id = undefined;
    else previous = node.id!;
    node.childNodes?.forEach(hide);
  };
  const carriesNodes = event.type === 2 || (event.type === 3 && data.source === 0);
  if (carriesNodes) {
    if (data.node) hide(data.node);
    data.adds?.forEach((add) => hide(add.node));
  }
  try {
    return JSON.stringify(event);
  } finally {
    if (carriesNodes) restoreNodeIds(event);
  }
}

/**
 * Puts back the node ids `serializeEvent` left out, in place, and returns the event: a node without an id
 * has the id of the node before it (depth first, in event order) plus one. Events that carry every id
 * are unchanged, so a reader may call it on any event.
 *
 * @example
 * const events = JSON.parse(batchJson).events.map(restoreNodeIds);
 */
export function restoreNodeIds<T extends EventWithNodes>(event: T): T {
  // Self-contained, without the module's names: the server's viewer sends this function's source to the browser.
  const data = event.data as NodeData;
  let previous = -1;
  const visit = (node: WireNode): void => {
    previous = node.id ??= previous + 1;
    node.childNodes?.forEach(visit);
  };
  if (event.type === 2 || (event.type === 3 && data.source === 0)) {
    if (data.node) visit(data.node);
    data.adds?.forEach((add) => visit(add.node));
  }
  return event;
}
