export { createTransport, KEEPALIVE_BUDGET, TRANSPORT_DEFAULTS } from './createTransport';
export type { TransportOptions } from './createTransport';
export { autoGzip, nativeGzip } from './compression';
export { indexedDbQueue, purgeOfflineQueue } from './offlineQueue';
export type { OfflineQueue, QueuedBatch } from './offlineQueue';
export type {
  BatchEnvelope,
  Compressor,
  ContentEncoding,
  Encryptor,
  OutgoingBatch,
  Send,
  SendResult,
  SessionInfo,
  Transport,
  TransportStats,
} from './types';
export { batchBody, batchEvents, serializeEvent } from './wire';
export type { BatchBody, EventWithNodes } from './wire';
