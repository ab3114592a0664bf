import { describe, expectTypeOf, it } from 'vitest';
import { createTransport, type OutgoingBatch, type Send, type SendResult, type Transport, type TransportStats } from '@lowlight/transport';
import { fetchTransport } from '@lowlight/transport/fetch';
import { memoryTransport, type MemoryTransport } from '@lowlight/transport/memory';

describe('@lowlight/transport public types', () => {
  it('an adapter implements only send, and gets a Transport', () => {
    const send: Send = async (batch) => {
      expectTypeOf(batch).toEqualTypeOf<OutgoingBatch>();
      expectTypeOf(batch.body).toEqualTypeOf<Uint8Array>();
      return { status: 204 };
    };
    expectTypeOf(createTransport({ name: 'acme' }, send)).toEqualTypeOf<Transport>();
    expectTypeOf<ReturnType<Send>>().toEqualTypeOf<Promise<SendResult>>();
    // @ts-expect-error: send must resolve to a SendResult
    createTransport({}, async () => 204);
  });

  it('a Transport flushes, discards and counts', () => {
    expectTypeOf<Transport['flush']>().toEqualTypeOf<(options?: { unloading?: boolean }) => Promise<void>>();
    expectTypeOf<Transport['stats']>().returns.toEqualTypeOf<TransportStats>();
    expectTypeOf<TransportStats>().toEqualTypeOf<{ sent: number; retried: number; dropped: number; queued: number; discarded: number }>();
  });

  it('fetchTransport needs an endpoint; memoryTransport exposes what it got', () => {
    expectTypeOf(fetchTransport({ endpoint: '/collect' })).toEqualTypeOf<Transport>();
    // @ts-expect-error: an endpoint is required
    fetchTransport({});
    const memory = memoryTransport();
    expectTypeOf(memory).toEqualTypeOf<MemoryTransport>();
    expectTypeOf(memory).toExtend<Transport>();
    expectTypeOf(memory.batches).toEqualTypeOf<readonly OutgoingBatch[]>();
  });
});
