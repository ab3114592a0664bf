import { autoGzip } from './compression';
import type {
  BatchEnvelope,
  Compressor,
  ContentEncoding,
  Send,
  SessionInfo,
  Transport,
  TransportStats,
} from './types';

export interface TransportOptions {
  /** Name for reports and stats. Default `'lowlight/custom'`. */
  name?: string;
  /** Send once this many events are queued. Default 1000. */
  maxBatchEvents?: number;
  /** Send once the queued events' JSON reaches this many bytes. Default 1 MiB. */
  maxBatchBytes?: number;
  /** Send queued events at least this often, in ms. Default 5000. */
  flushIntervalMs?: number;
  /**
   * How batch bodies are compressed. Default: native gzip where the browser
   * has `CompressionStream`, fflate otherwise. `null` sends JSON uncompressed.
   */
  compression?: Compressor | null;
  /** Told about every failed send. Transport errors never throw into the page. */
  onError?: (error: Error) => void;
}

export const TRANSPORT_DEFAULTS = {
  maxBatchEvents: 1000,
  maxBatchBytes: 1024 * 1024,
  flushIntervalMs: 5000,
} as const;

interface QueuedBatch {
  envelope: BatchEnvelope;
  json: string;
}

/**
 * Builds a transport around a `send` function: batching by count, bytes and
 * time, compression, ordering and counters live here, so an adapter only sends.
 *
 * @example
 * const transport = createTransport({ name: 'acme/upload' }, async (batch) => {
 *   const response = await fetch(uploadUrl(batch.envelope), { method: 'PUT', body: batch.body });
 *   return { status: response.status };
 * });
 */
export function createTransport(options: TransportOptions, send: Send): Transport {
  const name = options.name ?? 'lowlight/custom';
  const maxBatchEvents = positiveInteger(options, 'maxBatchEvents', TRANSPORT_DEFAULTS.maxBatchEvents);
  const maxBatchBytes = positiveInteger(options, 'maxBatchBytes', TRANSPORT_DEFAULTS.maxBatchBytes);
  const flushIntervalMs = positiveInteger(options, 'flushIntervalMs', TRANSPORT_DEFAULTS.flushIntervalMs);
  if (typeof send !== 'function') throw new Error(`[lowlight] transport ${name}: "send" must be a function`);

  let session: SessionInfo | undefined;
  let seq = 0;
  let events: string[] = [];
  let bytes = 0;
  let start = 0;
  let end = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Batches are encoded and sent one after another, so they arrive in order. */
  let delivery: Promise<void> = Promise.resolve();
  let compressor: Promise<Compressor | undefined> | undefined;
  const stats: TransportStats = { sent: 0, failed: 0, discarded: 0, pending: 0 };

  const reportError = (error: unknown): void => {
    try {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // The page's own handler failed; nothing more to do without throwing into it.
    }
  };

  const getCompressor = (): Promise<Compressor | undefined> =>
    (compressor ??= options.compression === null
      ? Promise.resolve(undefined)
      : options.compression
        ? Promise.resolve(options.compression)
        : autoGzip().catch((error: unknown) => {
            reportError(error);
            return undefined;
          }));

  function cutBatch(): QueuedBatch | undefined {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (events.length === 0 || !session) return undefined;
    const envelope: BatchEnvelope = {
      v: 1,
      sid: session.sessionId,
      pid: session.pageviewId,
      seq: seq++,
      start,
      end,
      count: events.length,
      policy: session.policy,
    };
    const json = `${JSON.stringify(envelope).slice(0, -1)},"events":[${events.join(',')}]}`;
    events = [];
    bytes = 0;
    stats.pending = 0;
    return { envelope, json };
  }

  async function deliver(batch: QueuedBatch, unloading: boolean): Promise<void> {
    try {
      const raw = new TextEncoder().encode(batch.json);
      const chosen = await getCompressor();
      let body: Uint8Array = raw;
      let encoding: ContentEncoding = 'identity';
      if (chosen) {
        try {
          body = await chosen.compress(raw);
          encoding = chosen.encoding;
        } catch (error) {
          reportError(error);
        }
      }
      const { status } = await send({ envelope: batch.envelope, body, encoding, unloading });
      if (status >= 200 && status < 300) stats.sent++;
      else {
        stats.failed++;
        reportError(new Error(`[lowlight] transport ${name}: batch ${batch.envelope.seq} answered ${status}`));
      }
    } catch (error) {
      stats.failed++;
      reportError(error);
    }
  }

  function sendQueued(unloading: boolean): Promise<void> {
    const batch = cutBatch();
    if (batch) delivery = delivery.then(() => deliver(batch, unloading));
    return delivery;
  }

  return {
    name,
    open(next) {
      if (session && events.length) void sendQueued(false);
      session = next;
      seq = 0;
    },
    push(eventJson, timestamp) {
      if (events.length === 0) start = timestamp;
      end = timestamp;
      events.push(eventJson);
      bytes += eventJson.length;
      stats.pending = events.length;
      if (events.length >= maxBatchEvents || bytes >= maxBatchBytes) void sendQueued(false);
      else timer ??= setTimeout(() => void sendQueued(false), flushIntervalMs);
    },
    flush(flushOptions) {
      return sendQueued(flushOptions?.unloading ?? false);
    },
    discard() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      stats.discarded += events.length;
      events = [];
      bytes = 0;
      stats.pending = 0;
    },
    stats: () => ({ ...stats }),
  };
}

function positiveInteger(options: TransportOptions, key: keyof typeof TRANSPORT_DEFAULTS, fallback: number): number {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`[lowlight] transport: "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}
