import { createTransport, type TransportOptions } from './createTransport';
import type { OutgoingBatch, Transport } from './types';
import { batchEvents, type BatchBody } from './wire';

type SentEvent = ReturnType<MemoryTransport['events']>[number];

export interface MemoryTransport extends Transport {
  /** Every batch sent so far, in order. Bodies are uncompressed JSON. */
  readonly batches: readonly OutgoingBatch[];
  /** Every event sent so far, decoded as rrweb's (timestamps and node ids put back), in order. */
  events(): Array<{
    /** The rrweb event type. */
    type: number;
    /** The event's payload, as sent. */
    data: unknown;
    /** When it happened, in ms since the epoch. */
    timestamp: number;
  }>;
}

/**
 * Keeps batches in memory instead of sending them: for tests and for
 * inspecting exactly what would leave the page. Nothing is compressed,
 * encrypted or stored.
 */
export function memoryTransport(options: Omit<TransportOptions, 'compression' | 'encrypt' | 'offlineQueue'> = {}): MemoryTransport {
  const batches: OutgoingBatch[] = [];
  const transport = createTransport({ name: 'lowlight/memory', ...options, compression: null, offlineQueue: null }, async (batch) => {
    batches.push(batch);
    return { status: 200 };
  });
  const decoder = new TextDecoder();
  return Object.assign(transport, {
    batches,
    events: () => batches.flatMap((batch) => batchEvents(JSON.parse(decoder.decode(batch.body)) as BatchBody<SentEvent>)),
  });
}
