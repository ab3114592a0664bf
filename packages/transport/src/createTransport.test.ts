import { IDBFactory } from 'fake-indexeddb';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTransport, TRANSPORT_DEFAULTS, type TransportOptions } from './createTransport';
import { fflateGzip } from './fflate';
import { indexedDbQueue } from './offlineQueue';
import { testSession as session, testTransport } from './testTransport';
import type { OutgoingBatch, SendResult } from './types';
import { batchEvents, serializeEvent, type BatchBody } from './wire';

const event = (n: number) => ({ type: 3, data: { n }, timestamp: 1000 + n });
const push = (transport: ReturnType<typeof createTransport>, ...ns: number[]) => {
  for (const n of ns) transport.push(serializeEvent(event(n)), event(n).timestamp);
};
/** A batch as sent, or as the offline queue keeps it. */
type AnyBatch = Omit<OutgoingBatch, 'unloading'>;
/** The body as sent, parsed. */
const body = (batch: AnyBatch) => JSON.parse(new TextDecoder().decode(batch.encoding === 'gzip' ? gunzipSync(batch.body) : batch.body));
const decode = (batch: AnyBatch) => ({ events: batchEvents(body(batch) as BatchBody<ReturnType<typeof event>>) });
const numbers = (batches: AnyBatch[]) => batches.flatMap((batch) => decode(batch).events.map((e: { data: { n: number } }) => e.data.n));

/** A backend that answers each attempt with the next status (then 200), recording what it accepted. */
function backend(...statuses: Array<number | Error | SendResult>) {
  const accepted: OutgoingBatch[] = [];
  const attempts: OutgoingBatch[] = [];
  const send = vi.fn(async (batch: OutgoingBatch): Promise<SendResult> => {
    attempts.push(batch);
    const next = statuses.shift() ?? 200;
    if (next instanceof Error) throw next;
    const result = typeof next === 'number' ? { status: next } : next;
    if (result.status < 300) accepted.push(batch);
    return result;
  });
  return { accepted, attempts, send };
}

const inMemory: TransportOptions = { compression: null, offlineQueue: null };

testTransport('createTransport', () => {
  const { accepted, send } = backend();
  return { transport: createTransport(inMemory, send), received: async () => accepted.flatMap((batch) => decode(batch).events) };
});

testTransport('createTransport with fflate gzip', () => {
  const { accepted, send } = backend();
  const transport = createTransport({ compression: fflateGzip, offlineQueue: null }, send);
  return { transport, received: async () => accepted.flatMap((batch) => decode(batch).events) };
});

describe('createTransport: batching', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends after the flush interval, with the body and envelope the protocol describes', async () => {
    const { accepted, send } = backend();
    const transport = createTransport({ ...inMemory, flushIntervalMs: 1000 }, send);
    transport.open(session);
    push(transport, 1, 2);
    await vi.advanceTimersByTimeAsync(999);
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(body(accepted[0]!)).toEqual({ v: 2, t: [1001, 1], events: [{ type: 3, data: { n: 1 } }, { type: 3, data: { n: 2 } }] });
    expect(decode(accepted[0]!).events).toEqual([event(1), event(2)]);
    expect(accepted[0]!.envelope).toEqual({
      v: 2, sid: session.sessionId, pid: session.pageviewId, seq: 0, start: 1001, end: 1002, count: 2, policy: session.policy,
    });
  });

  it('by default sends every 30 s, or sooner once 32 KiB of events wait', async () => {
    const { accepted, send } = backend();
    const transport = createTransport(inMemory, send);
    transport.open(session);
    push(transport, 1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(numbers(accepted)).toEqual([1]);
    push(transport, 2);
    const large = { type: 3, data: { blob: 'x'.repeat(32 * 1024) }, timestamp: 3 };
    transport.push(serializeEvent(large), large.timestamp);
    push(transport, 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(accepted.map((batch) => batch.envelope.count)).toEqual([1, 2]);
  });

  it('cuts batches by event count and by bytes, numbered in order', async () => {
    const { accepted, send } = backend();
    const transport = createTransport({ ...inMemory, maxBatchEvents: 3, maxBatchBytes: 10_000 }, send);
    transport.open(session);
    push(transport, 0, 1, 2, 3, 4, 5, 6);
    const large = { timestamp: 9, blob: 'x'.repeat(12_000) };
    transport.push(JSON.stringify(large), large.timestamp);
    await vi.advanceTimersByTimeAsync(0);
    expect(accepted.map((batch) => [batch.envelope.seq, batch.envelope.count])).toEqual([[0, 3], [1, 3], [2, 2]]);
    expect(transport.stats().queued).toBe(0);
  });

  it('names the option in a configuration error', () => {
    expect(() => createTransport({ maxBatchEvents: 0 }, backend().send)).toThrow(/"maxBatchEvents" must be a positive integer, got 0/);
    expect(() => createTransport({ retryMaxMs: 1.5 }, backend().send)).toThrow(/"retryMaxMs"/);
    expect(() => createTransport({}, undefined as never)).toThrow(/"send" must be a function/);
  });
});

describe('createTransport: retries', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('retries server errors and network failures with exponential backoff, keeping order', async () => {
    const { accepted, attempts, send } = backend(500, new TypeError('Failed to fetch'), 503);
    const transport = createTransport({ ...inMemory, retryInitialMs: 1000 }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    push(transport, 2);
    await transport.flush();
    expect(attempts).toHaveLength(1);
    // Full jitter at 0.5: 500 ms, then 1000 ms, then 2000 ms.
    await vi.advanceTimersByTimeAsync(500);
    expect(attempts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(numbers(accepted)).toEqual([1, 2]);
    expect(transport.stats()).toMatchObject({ sent: 2, retried: 3, queued: 0, dropped: 0 });
  });

  it('waits as long as Retry-After asks on 429 and 503', async () => {
    const { attempts, send } = backend({ status: 429, retryAfterMs: 30_000 });
    const transport = createTransport({ ...inMemory, retryInitialMs: 10 }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toHaveLength(2);
  });

  it('drops and reports a batch the server refuses with another 4xx, and goes on with the next', async () => {
    const onError = vi.fn();
    const { accepted, send } = backend(400);
    const transport = createTransport({ ...inMemory, onError }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    push(transport, 2);
    await transport.flush();
    expect(numbers(accepted)).toEqual([2]);
    expect(transport.stats()).toMatchObject({ sent: 1, dropped: 1, retried: 0 });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('answered 400') }));
  });

  it('counts maxBatchBytes in UTF-16 code units of the JSON, as documented, not UTF-8 bytes', async () => {
    const { attempts, send } = backend();
    const transport = createTransport({ ...inMemory, maxBatchBytes: 100 }, send);
    transport.open(session);
    const accented = JSON.stringify({ timestamp: 1, text: 'é'.repeat(60) });
    expect([accented.length, new TextEncoder().encode(accented).length]).toEqual([85, 145]);
    transport.push(accented, 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toHaveLength(0);
    transport.push(JSON.stringify({ timestamp: 2, text: 'x'.repeat(20) }), 2);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toHaveLength(1);
    expect(decode(attempts[0]!).events.map((event: { timestamp: number }) => event.timestamp)).toEqual([1, 2]);
  });

  it("tells the onError given to open() about failures, besides options.onError", async () => {
    const onError = vi.fn();
    const opener = vi.fn();
    const transport = createTransport({ ...inMemory, onError }, backend(400, 400).send);
    transport.open(session, opener);
    push(transport, 1);
    await transport.flush();
    // A later pageview opened without one: only the transport's own handler is told.
    transport.open({ ...session, pageviewId: 'c'.repeat(32) });
    push(transport, 2);
    await transport.flush();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(opener).toHaveBeenCalledTimes(1);
    expect(opener).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('answered 400') }));
  });

  it('close() sends what is buffered, then stops retrying and listening for the network', async () => {
    const { attempts, send } = backend(200, 503);
    const transport = createTransport({ ...inMemory, retryInitialMs: 60_000 }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    push(transport, 2);
    await transport.close!();
    expect(attempts).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(attempts).toHaveLength(2);
  });

  it('retries at once when the browser comes back online', async () => {
    const { attempts, send } = backend(new TypeError('offline'));
    const transport = createTransport({ ...inMemory, retryInitialMs: 60_000 }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toHaveLength(2);
    expect(transport.stats().sent).toBe(1);
  });

  it('keeps memory bounded while the server is down: the oldest batches go, counted', async () => {
    const onError = vi.fn();
    const { send } = backend(...Array<number>(50).fill(503));
    const transport = createTransport({ ...inMemory, maxQueueBytes: 500, onError }, send);
    transport.open(session);
    for (let n = 0; n < 20; n++) {
      push(transport, n);
      await transport.flush();
    }
    const stats = transport.stats();
    expect(stats.dropped).toBeGreaterThan(10);
    expect(stats.dropped + stats.queued).toBe(20);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('full') }));
  });

  it('never counts the batch being sent as dropped for the caps: it may yet be delivered', async () => {
    const accepted: number[] = [];
    let answerFirst!: (result: SendResult) => void;
    const send = vi.fn(async (batch: OutgoingBatch): Promise<SendResult> => {
      // The first attempt hangs until the test answers it; the queue fills meanwhile.
      if (send.mock.calls.length === 1) await new Promise<SendResult>((resolve) => (answerFirst = resolve));
      accepted.push(...numbers([batch]));
      return { status: 200 };
    });
    const transport = createTransport({ ...inMemory, maxQueueBytes: 120 }, send); // about two batches
    transport.open(session);
    push(transport, 0);
    void transport.flush();
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    for (let n = 1; n < 6; n++) {
      push(transport, n);
      void transport.flush(); // cuts and queues the batch; its drain waits behind the first answer
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(transport.stats().dropped).toBeGreaterThan(0);
    answerFirst({ status: 200 });
    await vi.waitFor(() => expect(transport.stats().queued).toBe(0));
    await transport.flush();
    const { sent, dropped } = transport.stats();
    expect(accepted).toContain(0);
    expect(sent).toBe(accepted.length);
    expect(sent + dropped).toBe(6);
    expect(dropped).toBeGreaterThan(0);
  });

  it('drops batches older than the age cap', async () => {
    const { send } = backend(...Array<number>(100).fill(503));
    const transport = createTransport({ ...inMemory, maxQueueAgeMs: 60_000, retryInitialMs: 10_000, retryMaxMs: 10_000 }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    await vi.advanceTimersByTimeAsync(61_000);
    push(transport, 2);
    await transport.flush();
    expect(transport.stats()).toMatchObject({ dropped: 1, queued: 1 });
  });
});

describe('createTransport: offline queue', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    localStorage.clear();
  });

  it('keeps a batch whose send fails stored, and deletes it once a retry delivers it', async () => {
    const flaky = backend(503);
    const transport = createTransport({ compression: null, offlineQueue: indexedDbQueue(), retryInitialMs: 60_000 }, flaky.send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await indexedDbQueue()!.all()).map((stored) => numbers([stored]))).toEqual([[1]]);
    globalThis.dispatchEvent(new Event('online'));
    await transport.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(numbers(flaky.accepted)).toEqual([1]);
    expect(await indexedDbQueue()!.all()).toEqual([]);
    transport.discard();
  });

  it('flush() resolves only once the batch is stored, so a reload right after it keeps the batch (an encrypted stream cannot send it at unload)', async () => {
    const queue = indexedDbQueue()!;
    let commit!: () => void;
    const put = vi.spyOn(queue, 'put').mockImplementation(() => new Promise<void>((resolve) => (commit = resolve)));
    const transport = createTransport({ compression: null, offlineQueue: queue, retryInitialMs: 60_000 }, backend(503).send);
    transport.open(session);
    push(transport, 1);
    let flushed = false;
    const flushing = transport.flush().then(() => (flushed = true));
    await vi.waitFor(() => expect(put).toHaveBeenCalledOnce());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(flushed).toBe(false);
    commit();
    await flushing;
    transport.discard();
  });

  it('flush() waits 2 s at most for a storage that never answers', async () => {
    vi.useFakeTimers();
    try {
      const queue = indexedDbQueue()!;
      vi.spyOn(queue, 'put').mockImplementation(() => new Promise<void>(() => {}));
      const transport = createTransport({ compression: null, offlineQueue: queue, retryInitialMs: 60_000 }, backend(503).send);
      transport.open(session);
      push(transport, 1);
      let flushed = false;
      const flushing = transport.flush().then(() => (flushed = true));
      await vi.advanceTimersByTimeAsync(1900);
      expect(flushed).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      await flushing;
      transport.discard();
    } finally {
      vi.useRealTimers();
    }
  });

  it('on unload stores every batch left, and sends again with keepalive the one whose request the page cancels', async () => {
    const attempts: OutgoingBatch[] = [];
    // The first request never answers: the page goes away while it is on its way.
    const send = vi.fn(async (batch: OutgoingBatch): Promise<SendResult> => {
      attempts.push(batch);
      return attempts.length === 1 ? new Promise<SendResult>(() => {}) : { status: 503 };
    });
    const transport = createTransport({ compression: null, offlineQueue: indexedDbQueue() }, send);
    transport.open(session);
    push(transport, 1);
    void transport.flush();
    await vi.waitFor(() => expect(attempts).toHaveLength(1));
    push(transport, 2);
    void transport.flush({ unloading: true });
    expect(attempts.slice(1).map((batch) => [batch.unloading, numbers([batch])])).toEqual([
      [true, [1]],
      [true, [2]],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await indexedDbQueue()!.all()).map((stored) => numbers([stored]))).toEqual([[1], [2]]);
    transport.discard();
  });

  it('keeps undelivered batches in IndexedDB and sends them from the next page first', async () => {
    const down = backend(...Array<number>(5).fill(503));
    const first = createTransport({ compression: null, offlineQueue: indexedDbQueue(), retryInitialMs: 60_000 }, down.send);
    first.open(session);
    push(first, 1, 2);
    await first.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const up = backend();
    const next = createTransport({ compression: null, offlineQueue: indexedDbQueue() }, up.send);
    next.open({ ...session, pageviewId: 'c'.repeat(32) });
    push(next, 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await next.flush();
    expect(numbers(up.accepted)).toEqual([1, 2, 3]);
    expect(await indexedDbQueue()!.all()).toEqual([]);
    first.discard();
  });

  it('keeps each transport of a fan-out in its own queue: each next page drains only its own batches', async () => {
    // One backend expects end-to-end encrypted batches, the other plain ones; both are down on the first page.
    const cipher = { cipher: 'test-cipher', encrypt: async (body: Uint8Array) => new Uint8Array([0xee, ...body]) };
    const options = (destination: string, encrypt?: typeof cipher): TransportOptions => ({
      name: 'lowlight/fetch', destination, compression: null, offlineQueue: indexedDbQueue(), retryInitialMs: 60_000, encrypt,
    });
    const pageOne = [createTransport(options('https://a.test/e2ee', cipher), backend(503).send), createTransport(options('https://b.test/plain'), backend(503).send)];
    for (const transport of pageOne) {
      transport.open(session);
      push(transport, 1, 2);
      await transport.flush();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));

    const encrypted = backend();
    const plain = backend();
    const pageTwo = [createTransport(options('https://a.test/e2ee', cipher), encrypted.send), createTransport(options('https://b.test/plain'), plain.send)];
    for (const transport of pageTwo) transport.open({ ...session, pageviewId: 'c'.repeat(32) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(pageTwo.map((transport) => transport.flush()));

    expect(encrypted.accepted.map((batch) => [batch.cipher, batch.body[0]])).toEqual([['test-cipher', 0xee]]);
    expect(numbers(plain.accepted)).toEqual([1, 2]);
    expect(plain.accepted.every((batch) => batch.cipher === undefined)).toBe(true);
    expect(await indexedDbQueue()!.all()).toEqual([]);
  });

  it('removes other queues\' batches once they are older than the age cap, e.g. left by a former endpoint', async () => {
    const former = createTransport({ destination: 'https://old.test', compression: null, offlineQueue: indexedDbQueue(), retryInitialMs: 60_000 }, backend(503).send);
    former.open(session);
    push(former, 1);
    await former.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + TRANSPORT_DEFAULTS.maxQueueAgeMs + 1);
    const current = createTransport({ destination: 'https://new.test', compression: null, offlineQueue: indexedDbQueue() }, backend().send);
    current.open(session);
    await new Promise((resolve) => setTimeout(resolve, 20));
    later.mockRestore();
    expect(await indexedDbQueue()!.all()).toEqual([]);
  });

  it('stores nothing before open(), and discard() deletes the database', async () => {
    // A retry a minute away: the jittered default could deliver the batch before it is discarded.
    const transport = createTransport({ compression: null, offlineQueue: indexedDbQueue(), retryInitialMs: 60_000 }, backend(503).send);
    push(transport, 1);
    await transport.flush();
    expect(await indexedDB.databases()).toEqual([]);
    transport.open(session);
    push(transport, 2);
    await transport.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await indexedDB.databases()).map((database) => database.name)).toEqual(['lowlight']);
    transport.discard();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await indexedDB.databases()).toEqual([]);
    expect(transport.stats()).toMatchObject({ queued: 0, discarded: 2 });
  });
});

describe('createTransport: unload and encryption', () => {
  it('on unload calls send at once, uncompressed, within the keepalive budget; the rest waits in the queue', () => {
    const { attempts, send } = backend();
    const transport = createTransport({ compression: fflateGzip, offlineQueue: null, maxBatchBytes: 1024 * 1024 }, send);
    transport.open(session);
    for (let n = 0; n < 3; n++) {
      const large = { timestamp: n, blob: 'x'.repeat(25_000) };
      transport.push(JSON.stringify(large), large.timestamp);
    }
    void transport.flush({ unloading: true });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ unloading: true, encoding: 'identity', envelope: { count: 2 } });
    expect(transport.stats().queued).toBe(3);
  });

  it('on unload sends a batch already compressed (waiting for a retry) as gzip, and only the unbatched events uncompressed', async () => {
    const { attempts, send } = backend(503);
    const transport = createTransport({ compression: fflateGzip, offlineQueue: null, retryInitialMs: 60_000 }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    push(transport, 2);
    void transport.flush({ unloading: true });
    expect(attempts.slice(1).map((batch) => [batch.encoding, batch.unloading, numbers([batch])])).toEqual([
      ['gzip', true, [1]],
      ['identity', true, [2]],
    ]);
    transport.discard();
  });

  it('drops a batch whose encryption fails rather than sending it in clear', async () => {
    const onError = vi.fn();
    const { attempts, send } = backend();
    const broken = { cipher: 'test', encrypt: async () => Promise.reject(new Error('no key')) };
    const transport = createTransport({ ...inMemory, encrypt: broken, onError }, send);
    transport.open(session);
    push(transport, 1);
    await transport.flush();
    expect(attempts).toEqual([]);
    expect(transport.stats()).toMatchObject({ dropped: 1, queued: 0 });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'no key' }));
  });
});
