import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { batchBody, serializeEvent } from '../../../packages/transport/src/wire';

/** A random 32-hex id, as the SDK makes session and pageview ids. */
export const hexId = (): string => randomBytes(16).toString('hex');

export interface TestBatch {
  sid: string;
  pid: string;
  seq: number;
  events: Array<{ type: number; timestamp: number; data: Record<string, unknown> }>;
  policy?: string;
}

const pageviewEvent = (timestamp: number, url: string, title: string) => ({
  type: 5,
  timestamp,
  data: { tag: 'lowlight/pageview', payload: { url, title, referrer: '', viewport: { width: 800, height: 600 }, browser: 'Chrome 150', os: 'Linux', trigger: 'load' } },
});

/** A first batch as the SDK sends it: meta, full snapshot, pageview, optional identify, a click. */
export function firstBatch(options: { sid?: string; pid?: string; now?: number; visitorId?: string; url?: string; text?: string } = {}): TestBatch {
  const now = options.now ?? Date.now();
  const events: TestBatch['events'] = [
    { type: 4, timestamp: now, data: { href: options.url ?? 'https://shop.example/', width: 800, height: 600 } },
    { type: 2, timestamp: now + 1, data: { node: { type: 0, childNodes: [{ type: 3, textContent: options.text ?? 'hello' }] }, initialOffset: { top: 0, left: 0 } } },
    pageviewEvent(now + 2, options.url ?? 'https://shop.example/', 'Shop'),
  ];
  if (options.visitorId) events.push({ type: 5, timestamp: now + 3, data: { tag: 'lowlight/identify', payload: { id: options.visitorId } } });
  events.push({ type: 3, timestamp: now + 4, data: { source: 2, type: 2, id: 1, x: 1, y: 1 } });
  return { sid: options.sid ?? hexId(), pid: options.pid ?? hexId(), seq: 0, events };
}

/** A later batch of the same pageview: mouse moves and one click. */
export function laterBatch(previous: Pick<TestBatch, 'sid' | 'pid'>, seq: number, now = Date.now()): TestBatch {
  return {
    ...previous,
    seq,
    events: [
      { type: 3, timestamp: now, data: { source: 1, positions: [{ x: 1, y: 2, id: 1, timeOffset: 0 }] } },
      { type: 3, timestamp: now + 5, data: { source: 2, type: 2, id: 1, x: 3, y: 4 } },
    ],
  };
}

const DEFAULT_POLICY = 'lowlight/1;level=balanced;dnt=1;gpc=1;consent=default;identity=optional;sample=1';

/**
 * The JSON body of a batch as the SDK writes it: version 2 (timestamps in a column, node ids left out, the policy
 * in the pageview event), or version 1 (every field of the envelope beside the events), which earlier releases sent.
 */
export function batchJson(batch: TestBatch, version: 1 | 2 = 2): string {
  const times = batch.events.map((event) => event.timestamp);
  if (version === 2) {
    const events = batch.events.map((event) =>
      event.type === 5 && event.data.tag === 'lowlight/pageview'
        ? { ...event, data: { ...event.data, payload: { ...(event.data.payload as object), policy: batch.policy ?? DEFAULT_POLICY } } }
        : event,
    );
    return batchBody(events.map(serializeEvent), times);
  }
  return JSON.stringify({
    v: 1,
    sid: batch.sid,
    pid: batch.pid,
    seq: batch.seq,
    start: times[0],
    end: times.at(-1),
    count: batch.events.length,
    policy: batch.policy ?? DEFAULT_POLICY,
    events: batch.events,
  });
}

/** Query and gzip body of a batch, ready to POST. */
export function encodeBatch(batch: TestBatch, enc: 'gzip' | 'identity' = 'gzip', version: 1 | 2 = 2): { query: string; body: Buffer } {
  const json = Buffer.from(batchJson(batch, version));
  return {
    query: `v=${version}&sid=${batch.sid}&pid=${batch.pid}&seq=${batch.seq}&enc=${enc}`,
    body: enc === 'gzip' ? gzipSync(json) : json,
  };
}
