/**
 * Node ids on the wire (docs/protocol.md, "Node ids"). rrweb numbers nodes in the order it serializes
 * them, so in a full snapshot (depth first, parents before children) and in a mutation's added nodes
 * almost every id is the previous node's plus one; an added node's `nextId` is mostly the node added just
 * before it, and its `parentId` (or a removed node's) the one before it had. Those ids are left out, and a
 * reader puts them back with `restoreNodeIds`. Random to a compressor, the id digits were a third of a
 * gzipped snapshot.
 */

/** An rrweb event, as far as node ids are concerned. */
export interface EventWithNodes {
  /** rrweb's event type: 2 is a full snapshot, 3 an incremental one. */
  type: number;
  /** The event's payload, where serialized nodes and mutations sit. */
  data?: unknown;
}

interface WireNode {
  id?: number;
  childNodes?: WireNode[];
}

interface Add {
  parentId?: number;
  nextId?: number | null;
  node: WireNode;
}

interface NodeData {
  node?: WireNode;
  source?: number;
  adds?: Add[];
  removes?: Array<{ parentId?: number }>;
}

/**
 * The event as JSON for the wire: rrweb's JSON without the node ids `restoreNodeIds` can count back.
 * Throws what `JSON.stringify` throws.
 */
export function serializeEvent(event: EventWithNodes): string {
  const data = event.data as NodeData;
  // Unset for the moment of JSON.stringify, which leaves undefined members out, and put back after: rrweb keeps
  // these nodes as its own record of the page, and copying a 10k-node tree would cost more than serializing it.
  // Owner, key and value of each unset member, so exactly what was there goes back.
  const hidden: unknown[] = [];
  const hide = (owner: object, key: string): void => {
    hidden.push(owner, key, (owner as Record<string, unknown>)[key]);
    (owner as Record<string, unknown>)[key] = undefined;
  };
  let previous = -1;
  const hideIds = (node: WireNode): void => {
    if (node.id === ++previous) hide(node, 'id');
    else previous = node.id!;
    node.childNodes?.forEach(hideIds);
  };
  if (event.type === 2 || (event.type === 3 && data.source === 0)) {
    if (data.node) hideIds(data.node);
    let parentId: number | undefined;
    let lastAdded: number | undefined;
    for (const add of data.adds ?? []) {
      const id = add.node.id;
      hideIds(add.node);
      if (add.nextId === lastAdded) hide(add, 'nextId');
      if (add.parentId === parentId) hide(add, 'parentId');
      else parentId = add.parentId;
      lastAdded = id;
    }
    parentId = undefined;
    for (const removed of data.removes ?? []) {
      if (removed.parentId === parentId) hide(removed, 'parentId');
      else parentId = removed.parentId;
    }
  }
  try {
    return JSON.stringify(event);
  } finally {
    for (let i = 0; i < hidden.length; i += 3) (hidden[i] as Record<string, unknown>)[hidden[i + 1] as string] = hidden[i + 2];
  }
}

/**
 * Puts back the node ids `serializeEvent` left out, in place, and returns the event. In a full snapshot and in
 * a mutation's added nodes (depth first, in event order), a node without `id` has the previous node's id plus
 * one; an added node without `nextId` goes before the node added just before it; an added or removed node
 * without `parentId` has the previous one's. Events that carry every id are unchanged, so a reader may call it
 * on any event.
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
    let parentId: number | undefined;
    let lastAdded: number | undefined;
    for (const add of data.adds ?? []) {
      visit(add.node);
      // `nextId: null` (last child) is sent as is: only a missing one is the node added before.
      if (add.nextId === undefined) add.nextId = lastAdded;
      parentId = add.parentId ??= parentId;
      lastAdded = add.node.id;
    }
    parentId = undefined;
    for (const removed of data.removes ?? []) parentId = removed.parentId ??= parentId;
  }
  return event;
}
