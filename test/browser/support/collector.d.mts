import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface ReceivedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface StoredBatch {
  envelope: { v: 1; sid: string; pid: string; seq: number; start: number; end: number; count: number; policy: string };
  events: Array<{ type: number; data: unknown; timestamp: number }>;
  encoding: 'gzip' | 'identity';
  bytes: number;
  rawBytes: number;
}

export interface Collector {
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  received: ReceivedRequest[];
  batches: StoredBatch[];
  sessions(): Array<{ sid: string; pageviews: number; batches: number; events: number; bytes: number; rawBytes: number }>;
}

export declare function createCollector(options?: { privateKey?: string }): Collector;
