import { describe, expect, it } from 'vitest';
import { batchBody, batchEvents, serializeEvent } from './wire';

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
/** Events through the wire and back: serialized, in one batch body, parsed and read. */
const roundTrip = (events: Array<{ type: number; timestamp: number }>) =>
  batchEvents(JSON.parse(batchBody(events.map(serializeEvent), events.map((event) => event.timestamp))));

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
    expect(roundTrip([snapshot(), mutation()])).toEqual([snapshot(), mutation()]);
  });

  it('writes timestamps in one column of gaps, the first whole, so each batch reads on its own', () => {
    const events = [1_767_603_600_445, 1_767_603_600_695, 1_767_603_600_945, 1_767_603_600_940].map((timestamp, i) => ({
      type: 3,
      data: { source: 1, positions: [{ x: i, y: i, id: 4, timeOffset: -20 }] },
      timestamp,
    }));
    const body = batchBody(events.map(serializeEvent), events.map((event) => event.timestamp));
    expect(body).toMatch(/^\{"v":2,"t":\[1767603600445,250,250,-5\],"events":\[/);
    expect(body).not.toContain('timestamp');
    expect(roundTrip(events)).toEqual(events);
    expect(roundTrip(events.slice(2))).toEqual(events.slice(2));
  });

  it('sends pointer, touch and drag positions as one flat array of numbers, and reads them back', () => {
    const moves = [1, 6, 12].map((source, i) => ({
      type: 3,
      data: { source, positions: [{ x: 10, y: 20, id: 7, timeOffset: -40 }, { x: 11, y: 22, id: 8, timeOffset: 0 }] },
      timestamp: 100 + i,
    }));
    expect(serializeEvent(moves[0]!)).toBe('{"type":3,"data":{"source":1,"p":[10,20,7,-40,11,22,8,0]}}');
    expect(moves[0]!.data.positions).toHaveLength(2); // rrweb's own event is left as it was
    expect(roundTrip(moves)).toEqual(moves);
  });

  it('reads positions only from an array, so a hostile body cannot make a reader loop', () => {
    const hostile = { type: 3, data: { source: 1, p: { length: 1e9 } } };
    const started = performance.now();
    expect(batchEvents({ t: [1], events: [hostile] })[0]!.data).toEqual({ source: 1, p: { length: 1e9 } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads a version 1 body, whose events carry their own timestamps', () => {
    const events = [wire(snapshot()), { ...wire(mutation()), timestamp: 2 }];
    events[0].timestamp = 1;
    expect(batchEvents({ v: 1, events })).toEqual([snapshot(), mutation()]);
  });

  it('never changes the event it serializes, which rrweb keeps as its own record of the page', () => {
    const event = snapshot();
    serializeEvent(event);
    expect(event).toEqual(snapshot());
    const cyclic = { ...mutation(), extra: {} as Record<string, unknown> };
    cyclic.extra.self = cyclic.extra;
    expect(() => serializeEvent(cyclic)).toThrow();
    expect(cyclic.data).toEqual(mutation().data);
    expect(cyclic.timestamp).toBe(mutation().timestamp);
  });

  it('passes other events through but for the timestamp, and reading events that carry every id changes nothing', () => {
    const input = { type: 3, data: { source: 5, text: '***', isChecked: false, id: 7 }, timestamp: 3 };
    expect(serializeEvent(input)).toBe(JSON.stringify({ type: 3, data: input.data }));
    expect(batchEvents({ events: [snapshot(), structuredClone(input)] })).toEqual([snapshot(), input]);
  });

  it('reads from its own source alone, as the viewer serves it to the browser', () => {
    const read = new Function(`return ${batchEvents}`)() as typeof batchEvents;
    const events = [snapshot(), mutation()];
    expect(read(JSON.parse(batchBody(events.map(serializeEvent), [1, 2])))).toEqual(events);
  });
});
