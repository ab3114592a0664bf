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

type Adds = { adds?: Array<{ node: WireNode }> };

const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const MUTATION = 0;

/**
 * A copy of `event` to serialize, whose nodes leave out each id that is one more than the id of the node
 * before (depth first, in event order). The event itself is not changed: rrweb keeps its serialized nodes
 * as its own record of the page.
 */
export function elideNodeIds<T extends EventWithNodes>(event: T): T {
  const data = event.data as { node?: WireNode; source?: number } & Adds;
  let previous = -1;
  // Members in order, so ids are counted before children. An undefined member is left out by JSON.stringify.
  const copy = (node: WireNode): WireNode => ({ ...node, id: node.id === ++previous ? undefined : (previous = node.id!), childNodes: node.childNodes?.map(copy) });
  return event.type === FULL_SNAPSHOT || (event.type === INCREMENTAL && data.source === MUTATION)
    ? { ...event, data: { ...data, node: data.node && copy(data.node), adds: data.adds?.map((add) => ({ ...add, node: copy(add.node) })) } }
    : event;
}

/**
 * Puts back the node ids `elideNodeIds` left out, in place, and returns the event: a node without an id
 * has the id of the node before it (depth first, in event order) plus one. Events that carry every id
 * are unchanged, so a reader may call it on any event.
 *
 * @example
 * const events = JSON.parse(batchJson).events.map(restoreNodeIds);
 */
export function restoreNodeIds<T extends EventWithNodes>(event: T): T {
  // Self-contained, without the module's constants: the server's viewer sends this function's source to the browser.
  const data = event.data as { node?: WireNode; source?: number } & Adds;
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
