import { autoGzip } from './compression';
import { endPageWorker } from './pageWorker';
import { indexedDbQueue, type OfflineQueue, type QueuedBatch } from './offlineQueue';
import { batchBody } from './wire';
import type { BatchEnvelope, Compressor, Encryptor, Send, SendResult, SessionInfo, Transport, TransportStats } from './types';

/** The shared policy of every transport: batching, compression, encryption, retries and the offline queue. */
export interface TransportOptions {
  /** Name for reports and stats. Default `'lowlight/custom'`. */
  name?: string;
  /**
   * Where this transport delivers (an endpoint URL, a bucket). Each name, destination and cipher has its
   * own offline queue, so transports side by side never send or delete each other's batches.
   * `fetchTransport` sets it to its `endpoint`.
   */
  destination?: string;
  /** Send once this many events are buffered. Default 1000. */
  maxBatchEvents?: number;
  /**
   * Send once the buffered events' JSON reaches this size, counted in UTF-16 code units as `string.length`
   * does (bytes for ASCII text; up to 3 bytes each once encoded as UTF-8), before compression. The event
   * that reaches it is the batch's last. Default 32 KiB: big enough to compress well, small enough that what
   * is buffered when the page unloads fits the browser's keepalive budget uncompressed.
   */
  maxBatchBytes?: number;
  /**
   * Send buffered events at least this often, in ms, counted from the batch's first event. Default 30000:
   * each batch compresses on its own, so a few larger batches cost far fewer bytes than many small ones
   * (docs/benchmarks.md). A page that is hidden or closed sends at once whatever the age.
   */
  flushIntervalMs?: number;
  /**
   * How batch bodies are compressed. Default: native gzip (in a worker where
   * allowed) where the browser has `CompressionStream`, fflate otherwise.
   * `null` sends JSON uncompressed.
   */
  compression?: Compressor | null;
  /** Encrypts every batch after compression, e.g. `encryptTo(publicKey)` from `@lowlight/transport/encrypt`. */
  encrypt?: Encryptor;
  /**
   * Where batches wait between pages of the same site until the server accepts
   * them. Default: first-party IndexedDB where available. `null` keeps them in
   * memory only, so they die with the page.
   */
  offlineQueue?: OfflineQueue | null;
  /** Encoded bytes the queue may hold; past it the oldest batches are dropped and counted. Default 5 MiB. */
  maxQueueBytes?: number;
  /** How long a batch may wait; older ones are dropped and counted. Default 24 hours. */
  maxQueueAgeMs?: number;
  /** First retry delay, doubled on each failure in a row (with full jitter). Default 1000. */
  retryInitialMs?: number;
  /** Longest retry delay, unless the server asks for longer with `Retry-After`. Default 60000. */
  retryMaxMs?: number;
  /** Told about every failed or dropped batch. Transport errors never throw into the page. */
  onError?: (error: Error) => void;
}

/** The defaults of `TransportOptions`' limits. */
export const TRANSPORT_DEFAULTS = {
  /** See `TransportOptions.maxBatchEvents`. */
  maxBatchEvents: 1000,
  /** See `TransportOptions.maxBatchBytes`. */
  maxBatchBytes: 32 * 1024,
  /** See `TransportOptions.flushIntervalMs`. */
  flushIntervalMs: 30_000,
  /** See `TransportOptions.maxQueueBytes`. */
  maxQueueBytes: 5 * 1024 * 1024,
  /** See `TransportOptions.maxQueueAgeMs`. */
  maxQueueAgeMs: 24 * 60 * 60 * 1000,
  /** See `TransportOptions.retryInitialMs`. */
  retryInitialMs: 1000,
  /** See `TransportOptions.retryMaxMs`. */
  retryMaxMs: 60_000,
} as const;

/**
 * Browsers refuse requests that outlive the page (keepalive fetch,
 * `sendBeacon`) once 64 KiB of them are in flight; staying under it leaves
 * room for the page's own.
 */
export const KEEPALIVE_BUDGET = 60_000;

/**
 * How long `flush()` waits for the offline queue to make its writes durable. An encrypted stream's batches cannot be
 * sent in clear at unload, so a page that reloads right after `flush()` keeps them only once they are stored; a
 * storage that hangs must not hang the page's `flush()` with it.
 */
const STORE_WAIT_MS = 2000;

/** Worth sending again: timeouts, rate limits, server errors. Other 4xx answers will not change. */
const retryable = (status: number): boolean => status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * Builds a transport around a `send` function. Batching by count, bytes and
 * time, compression, encryption, ordering, retries with backoff, the offline
 * queue and counters live here, so an adapter only sends.
 *
 * @example
 * const transport = createTransport({ name: 'acme/upload' }, async (batch) => {
 *   const response = await fetch(uploadUrl(batch.envelope), { method: 'PUT', body: batch.body });
 *   return { status: response.status };
 * });
 */
export function createTransport(options: TransportOptions, send: Send): Transport {
  const name = options.name ?? 'lowlight/custom';
  const limits = { ...TRANSPORT_DEFAULTS };
  for (const key of Object.keys(TRANSPORT_DEFAULTS) as Array<keyof typeof TRANSPORT_DEFAULTS>) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new Error(`[lowlight] transport: "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
    }
    limits[key] = (value ?? limits[key]) as never;
  }
  if (typeof send !== 'function') throw new Error(`[lowlight] transport ${name}: "send" must be a function`);
  const store = options.offlineQueue === undefined ? indexedDbQueue() : (options.offlineQueue ?? undefined);
  const stats: TransportStats = { sent: 0, retried: 0, dropped: 0, queued: 0, discarded: 0 };

  let session: SessionInfo | undefined;
  let seq = 0;
  /** Events not yet in a batch, as JSON, and their timestamps. */
  let buffer: string[] = [];
  let stamps: number[] = [];
  let bufferBytes = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Encoded batches, oldest first; the head is the next to send. */
  let queue: QueuedBatch[] = [];
  let queueBytes = 0;
  /** Batches are encoded one after another, so they enter the queue in order. */
  let encoding: Promise<unknown> = Promise.resolve();
  let draining: Promise<void> | undefined;
  /** The batch `drain` is sending now: never dropped for the caps while its answer may still be a delivery. */
  let inFlight: QueuedBatch | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failuresInARow = 0;
  /** Bumped by discard(): work started before it must not queue or count anything. */
  let generation = 0;
  let compressor: Promise<Compressor | undefined> | undefined;
  let opened = false;
  /** The offline queue's writes so far: `flush()` waits for them, so a page that reloads right after keeps its batches. */
  let stored: Promise<unknown> = Promise.resolve();

  /** The recorder's error handler, given to `open()`. */
  let opener: ((error: Error) => void) | undefined;
  const report = (error: unknown): void => {
    for (const listener of [options.onError, opener]) {
      try {
        listener?.(error instanceof Error ? error : new Error(String(error)));
      } catch {
        // The page's own handler failed; nothing more to do without throwing into it.
      }
    }
  };

  /** Takes the buffered events out as one batch's envelope and JSON; `upTo` events at most. */
  function cut(upTo = buffer.length): { envelope: BatchEnvelope; json: string } | undefined {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!buffer.length || !session) return undefined;
    const events = buffer.splice(0, upTo);
    const times = stamps.splice(0, upTo);
    const envelope: BatchEnvelope = {
      v: 2,
      sid: session.sessionId,
      pid: session.pageviewId,
      seq: seq++,
      start: times[0]!,
      end: times[times.length - 1]!,
      count: events.length,
      policy: session.policy,
    };
    bufferBytes = buffer.reduce((total, json) => total + json.length, 0);
    return { envelope, json: batchBody(events, times) };
  }

  /** This transport's own part of the offline queue, which other transports' batches share. */
  const queueKey = `${hash(`${name} ${options.destination} ${options.encrypt?.cipher}`)}/`;
  const keyOf = ({ sid, pid, seq: n }: BatchEnvelope): string => `${queueKey}${sid}/${pid}/${n}`;
  const queued = (envelope: BatchEnvelope, body: Uint8Array, encoding: QueuedBatch['encoding']): QueuedBatch => ({
    key: keyOf(envelope),
    envelope,
    body,
    encoding,
    queuedAt: Date.now(),
  });

  /** Compresses, then encrypts if asked. Encryption that fails drops the batch: it never goes out in clear. */
  async function encode({ envelope, json }: { envelope: BatchEnvelope; json: string }): Promise<QueuedBatch | undefined> {
    compressor ??= options.compression === undefined ? autoGzip().catch(() => undefined) : Promise.resolve(options.compression ?? undefined);
    const chosen = await compressor;
    let compressed: Uint8Array | undefined;
    try {
      compressed = await chosen?.compress(json);
    } catch (error) {
      // Sent uncompressed instead.
      report(error);
    }
    const body = compressed ?? utf8(json);
    const batch = queued(envelope, body, compressed ? chosen!.encoding : 'identity');
    if (options.encrypt) {
      try {
        batch.body = await options.encrypt.encrypt(body, envelope);
        batch.cipher = options.encrypt.cipher;
      } catch (error) {
        stats.queued -= envelope.count;
        stats.dropped += envelope.count;
        report(error);
        return undefined;
      }
    }
    return batch;
  }

  function enqueue(batch: QueuedBatch): void {
    queue.push(batch);
    queueBytes += batch.body.byteLength;
    // Stored before its first send: a page that leaves while it is on its way cannot be relied on to store it then
    // (the fan-out reload test lost such batches when they were stored only once they waited).
    const write = store?.put(batch).catch(report);
    // Chained, not `Promise.all([stored, write])`, whose results nest and would keep one array per batch alive.
    stored = stored.then(() => write);
    enforceCaps();
  }

  /**
   * Keeps the queue within its byte and age caps by dropping the oldest batches. The batch being sent stays until
   * its answer: it may be delivered, and then it was not lost.
   */
  function enforceCaps(): void {
    const now = Date.now();
    for (let i = 0; i < queue.length && (queueBytes > limits.maxQueueBytes || now - queue[i]!.queuedAt > limits.maxQueueAgeMs); ) {
      if (queue[i] === inFlight) i++;
      else settle(queue[i]!, 'the offline queue is full, or the batch is too old');
    }
  }

  /** Takes a batch out of the queue: accepted when `dropReason` is undefined, dropped and reported otherwise. */
  function settle(batch: QueuedBatch, dropReason?: string): void {
    const index = queue.indexOf(batch);
    if (index === -1) return;
    queue.splice(index, 1);
    queueBytes -= batch.body.byteLength;
    stats.queued -= batch.envelope.count;
    store?.remove(batch.key).catch(report);
    if (dropReason === undefined) {
      stats.sent += batch.envelope.count;
      return;
    }
    stats.dropped += batch.envelope.count;
    report(new Error(`[lowlight] transport ${name}: dropped batch ${batch.key} (${batch.envelope.count} events): ${dropReason}`));
  }

  function scheduleRetry(result: SendResult | undefined): void {
    const backoff = Math.random() * Math.min(limits.retryMaxMs, limits.retryInitialMs * 2 ** failuresInARow++);
    retryTimer = setTimeout(retryNow, Math.min(result?.retryAfterMs ?? backoff, limits.maxQueueAgeMs));
  }

  function retryNow(): void {
    if (!retryTimer) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    stats.retried++;
    void drain();
  }

  /** Sends queued batches in order until the queue is empty or one fails; one drain at a time. */
  function drain(): Promise<void> {
    return (draining ??= (async () => {
      while (queue.length && !retryTimer) {
        const batch = queue[0]!;
        const started = generation;
        let result: SendResult | undefined;
        inFlight = batch;
        try {
          result = await send({ ...batch, unloading: false });
        } catch (error) {
          report(error);
        }
        inFlight = undefined;
        if (started !== generation) return;
        if (result && result.status >= 200 && result.status < 300) {
          failuresInARow = 0;
          settle(batch);
        } else if (result && !retryable(result.status)) {
          settle(batch, `the server answered ${result.status}`);
        } else {
          scheduleRetry(result);
        }
      }
    })().finally(() => {
      draining = undefined;
    }));
  }

  function batchBuffered(): Promise<unknown> {
    const cutBatch = cut();
    const started = generation;
    if (cutBatch) {
      encoding = encoding.then(async () => {
        const batch = await encode(cutBatch);
        if (batch && started === generation) enqueue(batch);
      });
    }
    return encoding;
  }

  /**
   * On unload nothing asynchronous is sure to run, so this calls `send` at
   * once: queued batches first, then the buffer as uncompressed batches, within
   * the keepalive budget. What does not fit stays in the offline queue for the
   * next page; the server dedupes what is sent twice.
   */
  function sendOnUnload(): void {
    let budget = KEEPALIVE_BUDGET;
    const sendNow = (batch: QueuedBatch): void => {
      budget -= batch.body.byteLength;
      send({ ...batch, unloading: true }).then(
        (result) => result.status >= 200 && result.status < 300 && settle(batch),
        () => {},
      );
    };
    // The batch being sent too: leaving the page cancels its request (it stays stored for the next page if this fails).
    for (const batch of queue) if (batch.body.byteLength <= budget) sendNow(batch);
    // An encrypted stream never sends in clear: its buffer goes the asynchronous way, best effort.
    if (options.encrypt) return void batchBuffered();
    while (buffer.length && session) {
      // As many events as fit the budget (the body's frame and first timestamp, then per event its JSON, a comma
      // and its gap in `t`); once nothing fits, the rest as one batch.
      let count = 0;
      for (let size = 64; count < buffer.length && size + buffer[count]!.length + 8 < budget; count++) size += buffer[count]!.length + 8;
      const cutBatch = cut(count || buffer.length)!;
      const batch = queued(cutBatch.envelope, utf8(cutBatch.json), 'identity');
      enqueue(batch);
      if (batch.body.byteLength <= budget) sendNow(batch);
    }
  }

  /** Stops every timer, and makes work already started queue and count nothing. */
  function cancel(): void {
    generation++;
    clearTimeout(flushTimer);
    clearTimeout(retryTimer);
    flushTimer = retryTimer = undefined;
  }

  async function flush(flushOptions?: { unloading?: boolean }): Promise<void> {
    if (flushOptions?.unloading) return sendOnUnload();
    await batchBuffered();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // While a retry is pending the batches are queued for it: flushing never waits on a server that is down.
    await Promise.all([Promise.race([stored, new Promise((done) => (timer = setTimeout(done, STORE_WAIT_MS)))]), retryTimer ? 0 : drain()]);
    clearTimeout(timer);
  }

  return {
    name,
    open(next, onError) {
      if (session) void batchBuffered();
      session = next;
      opener = onError;
      seq = 0;
      if (opened) return;
      opened = true;
      if (typeof addEventListener === 'function') addEventListener('online', retryNow);
      // Batches earlier pages of the site could not deliver go first.
      const started = generation;
      store
        ?.all()
        .then((stored) => {
          if (started !== generation) return;
          const known = new Set(queue.map((batch) => batch.key));
          const now = Date.now();
          // Another transport's batches are not ours to send; past the age cap they are no one's (an old endpoint's).
          for (const batch of stored) {
            if (!batch.key.startsWith(queueKey) && now - batch.queuedAt > limits.maxQueueAgeMs) store.remove(batch.key).catch(report);
          }
          const earlier = stored.filter((batch) => batch.key.startsWith(queueKey) && !known.has(batch.key));
          for (const batch of earlier) {
            queueBytes += batch.body.byteLength;
            stats.queued += batch.envelope.count;
          }
          queue = [...earlier, ...queue];
          enforceCaps();
          void drain();
        })
        .catch(report);
    },
    push(eventJson, timestamp) {
      buffer.push(eventJson);
      stamps.push(timestamp);
      bufferBytes += eventJson.length;
      stats.queued++;
      if (buffer.length >= limits.maxBatchEvents || bufferBytes >= limits.maxBatchBytes) void batchBuffered().then(drain);
      else flushTimer ??= setTimeout(() => void batchBuffered().then(drain), limits.flushIntervalMs);
    },
    flush,
    discard() {
      cancel();
      stats.discarded += stats.queued;
      stats.queued = 0;
      buffer = [];
      stamps = [];
      bufferBytes = 0;
      queue = [];
      queueBytes = 0;
      store?.clear().catch(report);
    },
    stats: () => ({ ...stats }),
    async close() {
      await flush();
      cancel();
      opened = false;
      globalThis.removeEventListener?.('online', retryNow);
      (await compressor)?.close?.();
      endPageWorker();
      store?.close?.();
    },
  };
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** FNV-1a, in base 36: a short, stable queue key that does not show the endpoint in IndexedDB. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x1000193);
  return (value >>> 0).toString(36);
}
