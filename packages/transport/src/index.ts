export { createTransport, TRANSPORT_DEFAULTS } from './createTransport';
export type { TransportOptions } from './createTransport';
export { autoGzip, nativeGzip } from './compression';
export type {
  BatchEnvelope,
  Compressor,
  ContentEncoding,
  OutgoingBatch,
  Send,
  SendResult,
  SessionInfo,
  Transport,
  TransportStats,
} from './types';
