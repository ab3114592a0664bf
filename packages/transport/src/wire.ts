/**
 * The wire format of a batch body (docs/protocol.md, version 2): what the page leaves out, and how a reader
 * puts it back.
 *
 * Timestamps go in one column beside the events, each the difference from the one before: repeated gaps
 * compress to almost nothing, where each 13-digit timestamp cost a compressed batch about five bytes.
 *
 * Node ids (docs/protocol.md, "Node ids"): rrweb numbers nodes in the order it serializes
 * them, so in a full snapshot (depth first, parents before children) and in a mutation's added nodes
 * almost every id is the previous node's plus one; an added node's `nextId` is mostly the node added just
 * before it, and its `parentId` (or a removed node's) the one before it had. Those ids are left out, and a
 * reader puts them back with `batchEvents`. Random to a compressor, the id digits were a third of a
 * gzipped snapshot.
 */

/** An rrweb event, as far as the wire format is concerned. */
export interface EventWithNodes {
  /** rrweb's event type: 2 is a full snapshot, 3 an incremental one. */
  type: number;
  /** The event's payload, where serialized nodes and mutations sit. */
  data?: unknown;
  /** When it happened, in ms since the epoch: left out of its JSON on the wire, carried by the batch. */
  timestamp?: unknown;
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

/** A pointer, touch or drag position, as rrweb records it. */
interface Position {
  x: number;
  y: number;
  id: number;
  timeOffset: number;
}

interface NodeData {
  node?: WireNode;
  source?: number;
  adds?: Add[];
  removes?: Array<{ parentId?: number }>;
  positions?: Position[];
  /** On the wire: `positions` flattened, four numbers each. */
  p?: number[];
}

/**
 * The event as JSON for the wire: rrweb's JSON without its `timestamp` (`batchBody` writes it), without the
 * node ids `batchEvents` can count back, and with pointer positions as one flat array `p` of `x, y, id,
 * timeOffset` numbers. Throws what `JSON.stringify` throws.
 */
export function serializeEvent(event: EventWithNodes): string {
  let data = event.data as NodeData;
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
  } else if (event.type === 3 && Array.isArray(data.positions)) {
    // Mouse, touch and drag moves are a third of a session's bytes; their four key names were much of that.
    data = { ...data, positions: undefined, p: data.positions.flatMap((q) => [q.x, q.y, q.id, q.timeOffset]) };
  }
  try {
    // A copy of the top level only (the timestamp goes in the batch's column): never of rrweb's node tree.
    return JSON.stringify({ ...event, data, timestamp: undefined });
  } finally {
    for (let i = 0; i < hidden.length; i += 3) (hidden[i] as Record<string, unknown>)[hidden[i + 1] as string] = hidden[i + 2];
  }
}

/** A batch body as the page sends it: `{ v, t, events }` (version 2) or `{ v: 1, ..., events }` (version 1). */
export interface BatchBody<T> {
  /** The protocol version: 2 writes timestamps in `t`; 1 in each event. */
  v?: number;
  /** Version 2: each event's timestamp minus the one before it; the first event's is its own. */
  t?: number[];
  /** The events, as `serializeEvent` wrote them. */
  events: T[];
}

/**
 * The JSON body of one batch (protocol version 2) from events `serializeEvent` wrote and their timestamps.
 * A batch decodes on its own: its first timestamp is whole.
 */
export function batchBody(eventsJson: readonly string[], timestamps: readonly number[]): string {
  const gaps = timestamps.map((timestamp, i) => (i ? timestamp - timestamps[i - 1]! : timestamp));
  return `{"v":2,"t":[${gaps.join(',')}],"events":[${eventsJson.join(',')}]}`;
}

/**
 * rrweb's events from a parsed batch body of either version, with what the wire left out put back in place:
 * timestamps from `t`, pointer positions from `p`, and node ids. In a full snapshot and in a mutation's added
 * nodes (depth first, in event order), a node without `id` has the previous node's id plus one; an added node
 * without `nextId` goes before the node added just before it; an added or removed node without `parentId` has
 * the previous one's. Events that carry every id are unchanged.
 *
 * @example
 * const events = batchEvents(JSON.parse(batchJson));
 */
export function batchEvents<T extends EventWithNodes>(body: BatchBody<T>): T[] {
  // Self-contained, without the module's names: the server's viewer sends this function's source to the browser.
  let time = 0;
  let previous = -1;
  const visit = (node: WireNode): void => {
    previous = node.id ??= previous + 1;
    node.childNodes?.forEach(visit);
  };
  body.events.forEach((event, i) => {
    if (body.t) event.timestamp = time += body.t[i]!;
    const data = (event.data ?? {}) as NodeData;
    // Only an array: a hostile body's `{ "length": 1e9 }` must not make a server loop.
    if (event.type === 3 && Array.isArray(data.p)) {
      data.positions = [];
      for (let k = 0; k < data.p.length; k += 4) data.positions.push({ x: data.p[k]!, y: data.p[k + 1]!, id: data.p[k + 2]!, timeOffset: data.p[k + 3]! });
      delete data.p;
    }
    if (event.type !== 2 && !(event.type === 3 && data.source === 0)) return;
    previous = -1;
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
  });
  return body.events;
}
