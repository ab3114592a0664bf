import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTransport } from './createTransport';
import type { OutgoingBatch, SendResult } from './types';

const session = { sessionId: 'a'.repeat(32), pageviewId: 'b'.repeat(32), policy: 'lowlight/1;level=balanced' };
const event = (n: number) => ({ type: 3, data: { n }, timestamp: 1000 + n });
const decode = (batch: OutgoingBatch) =>
  JSON.parse(new TextDecoder().decode(batch.encoding === 'gzip' ? gunzipSync(batch.body) : batch.body));

function recordingSend(status = 200) {
  const batches: OutgoingBatch[] = [];
  const send = vi.fn(async (batch: OutgoingBatch): Promise<SendResult> => {
    batches.push(batch);
    return { status };
  });
  return { batches, send };
}

describe('createTransport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a batch after the flush interval, with its envelope and events', async () => {
    const { batches, send } = recordingSend();
    const transport = createTransport({ compression: null, flushIntervalMs: 1000 }, send);
    transport.open(session);
    transport.push(JSON.stringify(event(1)), event(1).timestamp);
    transport.push(JSON.stringify(event(2)), event(2).timestamp);
    await vi.advanceTimersByTimeAsync(999);
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(1);
    expect(decode(batches[0]!)).toEqual({
      v: 1, sid: session.sessionId, pid: session.pageviewId, seq: 0, start: 1001, end: 1002, count: 2,
      policy: session.policy, events: [event(1), event(2)],
    });
  });

  it('sends once the event count limit is reached', async () => {
    const { batches, send } = recordingSend();
    const transport = createTransport({ compression: null, maxBatchEvents: 3 }, send);
    transport.open(session);
    for (let n = 0; n < 7; n++) transport.push(JSON.stringify(event(n)), event(n).timestamp);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches.map((batch) => batch.envelope.count)).toEqual([3, 3]);
    expect(transport.stats().pending).toBe(1);
  });

  it('sends once the byte limit is reached', async () => {
    const { batches, send } = recordingSend();
    const transport = createTransport({ compression: null, maxBatchBytes: 100 }, send);
    transport.open(session);
    const large = { timestamp: 1, blob: 'x'.repeat(150) };
    transport.push(JSON.stringify(large), large.timestamp);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toHaveLength(1);
  });

  it('numbers batches in order and flush() resolves after every one is sent', async () => {
    const { batches, send } = recordingSend();
    const transport = createTransport({ compression: null, maxBatchEvents: 2 }, send);
    transport.open(session);
    for (let n = 0; n < 5; n++) transport.push(JSON.stringify(event(n)), event(n).timestamp);
    await transport.flush();
    expect(batches.map((batch) => batch.envelope.seq)).toEqual([0, 1, 2]);
    expect(batches.flatMap((batch) => decode(batch).events.map((e: { data: { n: number } }) => e.data.n))).toEqual([0, 1, 2, 3, 4]);
    expect(transport.stats()).toMatchObject({ sent: 3, failed: 0, pending: 0 });
  });

  it('gzips batches with the configured compressor', async () => {
    vi.useRealTimers();
    const { batches, send } = recordingSend();
    const { fflateGzip } = await import('./fflate');
    const transport = createTransport({ compression: fflateGzip }, send);
    transport.open(session);
    transport.push(JSON.stringify(event(1)), event(1).timestamp);
    await transport.flush();
    expect(batches[0]!.encoding).toBe('gzip');
    expect(decode(batches[0]!).events).toEqual([event(1)]);
  });

  it('reports a failed send and never throws into the page', async () => {
    const onError = vi.fn();
    const transport = createTransport({ compression: null, onError }, async () => {
      throw new TypeError('Failed to fetch');
    });
    transport.open(session);
    transport.push(JSON.stringify(event(1)), event(1).timestamp);
    await expect(transport.flush()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'Failed to fetch' }));
    expect(transport.stats().failed).toBe(1);
  });

  it('counts an error status as a failure', async () => {
    const onError = vi.fn();
    const transport = createTransport({ compression: null, onError }, recordingSend(500).send);
    transport.open(session);
    transport.push(JSON.stringify(event(1)), event(1).timestamp);
    await transport.flush();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('answered 500') }));
  });

  it('discard() drops everything unsent', async () => {
    const { send } = recordingSend();
    const transport = createTransport({ compression: null }, send);
    transport.open(session);
    transport.push(JSON.stringify(event(1)), event(1).timestamp);
    transport.push(JSON.stringify(event(2)), event(2).timestamp);
    transport.discard();
    await transport.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(send).not.toHaveBeenCalled();
    expect(transport.stats().discarded).toBe(2);
  });

  it('names the option in a configuration error', () => {
    expect(() => createTransport({ maxBatchEvents: 0 }, recordingSend().send)).toThrow(/"maxBatchEvents" must be a positive integer/);
    expect(() => createTransport({}, undefined as never)).toThrow(/"send" must be a function/);
  });
});
