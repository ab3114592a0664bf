/** Who a recording belongs to; fixed for the life of a pageview. */
export interface SessionInfo {
  /** Random id kept in first-party `sessionStorage` for the tab's session. */
  sessionId: string;
  /** Random id of this page load; with `seq` it makes a batch unique. */
  pageviewId: string;
  /** Which privacy rules applied (see docs/protocol.md). */
  policy: string;
}

/**
 * Metadata of one batch, for adapters and the offline queue. On the wire `v`, `sid`, `pid` and `seq` go in the
 * request's query, and the body holds the events (see docs/protocol.md).
 */
export interface BatchEnvelope {
  /** Protocol version of the body: 2, or 1 for a batch an earlier release left in the offline queue. */
  v: 1 | 2;
  /** The session id (`SessionInfo.sessionId`). */
  sid: string;
  /** The pageview id (`SessionInfo.pageviewId`). */
  pid: string;
  /** 0, 1, 2, ... per pageview: the server orders and dedupes by (sid, pid, seq). */
  seq: number;
  /** Timestamps (ms since epoch) of the first and last event. */
  start: number;
  /** Timestamp (ms since epoch) of the last event. */
  end: number;
  /** How many events the batch holds. */
  count: number;
  /** Which privacy rules applied (`SessionInfo.policy`). */
  policy: string;
}

/** How a batch body is compressed: `gzip`, or not at all. */
export type ContentEncoding = 'gzip' | 'identity';

/** One batch, encoded and ready to send: what an adapter receives, and what the offline queue keeps. */
export interface OutgoingBatch {
  /** The batch's metadata, also inside the body. */
  envelope: BatchEnvelope;
  /** The JSON body, compressed as `encoding` says, then encrypted if `cipher` is set. */
  body: Uint8Array;
  /** How `body` is compressed. */
  encoding: ContentEncoding;
  /** The encryption scheme, when the body is encrypted (see `@lowlight/transport/encrypt`). */
  cipher?: string;
  /** True when the page is being unloaded: use a request that outlives the page. */
  unloading: boolean;
}

/**
 * An adapter's answer: the HTTP-like status of the attempt, and how long the
 * server asked to wait (`Retry-After`) if it did. A network failure is a thrown error.
 */
export interface SendResult {
  /** The HTTP status, or an equivalent: 2xx is delivered; 408, 425, 429 and 5xx are retried; anything else is dropped. */
  status: number;
  /** How long the server asked to wait before a retry, in ms. */
  retryAfterMs?: number;
}

/**
 * Sends one batch. This is all a custom backend adapter implements; batching,
 * compression, retries, the offline queue and counters live in `createTransport`.
 */
export type Send = (batch: OutgoingBatch) => Promise<SendResult>;

/** Compresses a batch body. */
export interface Compressor {
  /** The `ContentEncoding` this compressor produces. */
  readonly encoding: Exclude<ContentEncoding, 'identity'>;
  /**
   * Resolves to the batch's JSON encoded as UTF-8 and compressed. It takes the string, not bytes, so a compressor
   * that works off the page's thread can encode it there too.
   */
  compress(json: string): Promise<Uint8Array>;
  /** Releases what it holds (the native compressor's worker); a later `compress` starts afresh. */
  close?(): void;
}

/** Encrypts a compressed batch body, binding it to its envelope. */
export interface Encryptor {
  /** Names the scheme on the wire, e.g. `'p256-hkdf-aes256gcm'`. */
  readonly cipher: string;
  /** Resolves to the encrypted body, bound to `envelope` so it cannot be replayed under another. */
  encrypt(body: Uint8Array, envelope: BatchEnvelope): Promise<Uint8Array>;
}

/** Counters, all in events except `retried`. */
export interface TransportStats {
  /** Events the server accepted. */
  sent: number;
  /** Send attempts repeated after a failure. */
  retried: number;
  /** Events given up on: refused by the server (4xx), or pushed out of a full or too old queue. */
  dropped: number;
  /** Events waiting: buffered, or in batches not yet accepted. */
  queued: number;
  /** Events thrown away on purpose by `discard()`, e.g. when consent is withdrawn. */
  discarded: number;
}

/**
 * Buffers masked events and delivers them in batches. Made by
 * `createTransport(options, send)`; the recorder drives it.
 */
export interface Transport {
  /** Name for reports and stats, e.g. `'lowlight/fetch'`. */
  readonly name: string;
  /**
   * Starts a pageview's stream, and sends what earlier pages of the site left queued. Nothing is stored before it.
   * `onError`, the recorder's, is told about this transport's failures from then on, besides the transport's own
   * `onError` option: a recorder hears about a transport it was given, however that transport was made.
   */
  open(session: SessionInfo, onError?: (error: Error) => void): void;
  /**
   * Queues one event, already masked and serialized by the recorder with `serializeEvent` (so without its
   * timestamp, which the batch carries), and its timestamp (ms since the epoch). Never throws.
   */
  push(eventJson: string, timestamp: number): void;
  /**
   * Resolves once every event pushed so far has been handed to the network
   * (sent, or queued for a retry after a failed attempt) and its batch is stored in the
   * offline queue, which it waits for 2 s at most. Never rejects.
   * `unloading` sends at once with requests that outlive the page.
   */
  flush(options?: { unloading?: boolean }): Promise<void>;
  /** Drops everything not yet sent, in memory and in the offline queue, and stops retrying. */
  discard(): void;
  /** Counters, for monitoring. */
  stats(): TransportStats;
  /**
   * Hands what is buffered to the network like `flush()`, then releases everything the transport holds:
   * timers, its `online` listener, the compression worker and the offline queue's database connection.
   * Batches not yet accepted stay in the offline queue for the next page. A later `open()` takes them again.
   */
  close?(): Promise<void>;
}
