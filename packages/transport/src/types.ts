/** Who a recording belongs to; fixed for the life of a pageview. */
export interface SessionInfo {
  /** Random id kept in first-party `sessionStorage` for the tab's session. */
  sessionId: string;
  /** Random id of this page load; with `seq` it makes a batch unique. */
  pageviewId: string;
  /** Which privacy rules applied, e.g. `"lowlight/1;level=balanced"`. */
  policy: string;
}

/** Metadata of one batch, sent inside the body (see docs/protocol.md). */
export interface BatchEnvelope {
  v: 1;
  sid: string;
  pid: string;
  /** 0, 1, 2, ... per pageview: the server orders and dedupes by (sid, pid, seq). */
  seq: number;
  /** Timestamps (ms since epoch) of the first and last event. */
  start: number;
  end: number;
  count: number;
  policy: string;
}

export type ContentEncoding = 'gzip' | 'identity';

/** What an adapter is asked to send: one encoded batch. */
export interface OutgoingBatch {
  envelope: BatchEnvelope;
  /** The JSON body, compressed as `encoding` says. */
  body: Uint8Array;
  encoding: ContentEncoding;
  /** True when the page is being hidden or unloaded: use a request that outlives the page. */
  unloading: boolean;
}

/** An adapter's answer: the HTTP-like status of the attempt. */
export interface SendResult {
  status: number;
}

/**
 * Sends one batch. This is all a custom backend adapter implements; batching,
 * compression and counters live in `createTransport`.
 */
export type Send = (batch: OutgoingBatch) => Promise<SendResult>;

/** Compresses a batch body. */
export interface Compressor {
  readonly encoding: Exclude<ContentEncoding, 'identity'>;
  compress(data: Uint8Array): Promise<Uint8Array>;
}

export interface TransportStats {
  /** Batches handed to the network and accepted. */
  sent: number;
  /** Batches the server or network refused. */
  failed: number;
  /** Events discarded on purpose (consent withdrawn, say). */
  discarded: number;
  /** Events waiting in memory. */
  pending: number;
}

/**
 * Buffers masked events and delivers them in batches. Made by
 * `createTransport(options, send)`; the recorder drives it.
 */
export interface Transport {
  readonly name: string;
  /** Starts a pageview's stream; later batches carry this session's ids. */
  open(session: SessionInfo): void;
  /**
   * Queues one event, already masked and serialized to JSON by the recorder,
   * with its timestamp (ms since the epoch). Never throws.
   */
  push(eventJson: string, timestamp: number): void;
  /** Resolves once every event pushed so far has been handed to the network. Never rejects. */
  flush(options?: { unloading?: boolean }): Promise<void>;
  /** Drops every event not yet sent. */
  discard(): void;
  /** Counters, for monitoring. */
  stats(): TransportStats;
}
