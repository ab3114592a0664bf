import { describe, expect, it } from 'vitest';
import { restoreNodeIds, serializeEvent } from './nodeIds';

const text = (id: number, textContent: string) => ({ type: 3, textContent, id });
const element = (id: number, tagName: string, childNodes: object[] = []) => ({ type: 2, tagName, attributes: {}, childNodes, id });

const snapshot = () => ({
  type: 2,
  data: {
    node: { type: 0, childNodes: [element(2, 'html', [element(3, 'body', [element(4, 'p', [text(5, 'a')]), element(9, 'p', [text(10, 'b')])])])], id: 1 },
    initialOffset: { top: 0, left: 0 },
  },
  timestamp: 1,
});

const mutation = () => ({
  type: 3,
  data: {
    source: 0,
    texts: [{ id: 5, value: 'x' }],
    attributes: [],
    removes: [
      { parentId: 3, id: 4 },
      { parentId: 3, id: 6 },
    ],
    adds: [
      { parentId: 3, nextId: null, node: element(40, 'li') },
      { parentId: 40, nextId: null, node: text(41, 'new') },
      { parentId: 3, nextId: 40, node: text(12, 'old') },
      { parentId: 3, nextId: 12, node: text(13, 'next') },
    ],
  },
  timestamp: 2,
});

const wire = (event: object) => JSON.parse(serializeEvent(event as { type: number }));

describe('node ids on the wire', () => {
  it('leaves out the ids a reader can count, depth first, and keeps the others', () => {
    const sent = serializeEvent(snapshot());
    expect(sent.match(/"id":\d+/g)).toEqual(['"id":9', '"id":1']); // the root's id follows its children
    expect(serializeEvent(mutation()).match(/"(?:parentId|nextId|id)":(?:\d+|null)/g)).toEqual([
      '"id":5', // a text change keeps its id
      '"parentId":3', '"id":4', '"id":6', // the second removal has the first one's parent
      '"parentId":3', '"nextId":null', '"id":40', // the first added node carries everything
      '"parentId":40', '"nextId":null', // its child: the id counts on; nextId null is sent as is
      '"parentId":3', '"nextId":40', '"id":12', // not before the node added just before it (41)
      // the last: same parent as the one before, goes before it, and its id counts on: no id at all
    ]);
  });

  it('gives back exactly the events rrweb emitted', () => {
    for (const event of [snapshot(), mutation()]) expect(restoreNodeIds(wire(event))).toEqual(event);
  });

  it('never changes the event it serializes, which rrweb keeps as its own record of the page', () => {
    const event = snapshot();
    serializeEvent(event);
    expect(event).toEqual(snapshot());
    const cyclic = { ...mutation(), timestamp: {} as Record<string, unknown> };
    cyclic.timestamp.self = cyclic.timestamp;
    expect(() => serializeEvent(cyclic)).toThrow();
    expect(cyclic.data).toEqual(mutation().data);
  });

  it('passes other events through, and restoring an event that has every id changes nothing', () => {
    const input = { type: 3, data: { source: 5, text: '***', isChecked: false, id: 7 }, timestamp: 3 };
    expect(serializeEvent(input)).toBe(JSON.stringify(input));
    expect(restoreNodeIds(snapshot())).toEqual(snapshot());
    expect(restoreNodeIds(structuredClone(input))).toEqual(input);
  });

  it('restores from its own source alone, as the viewer serves it to the browser', () => {
    const restore = new Function(`return ${restoreNodeIds}`)() as typeof restoreNodeIds;
    expect(restore(wire(snapshot()))).toEqual(snapshot());
    expect(restore(wire(mutation()))).toEqual(mutation());
  });
});
