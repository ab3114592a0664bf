import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { batchEvents, type BatchEnvelope } from '@lowlight/transport';
import { HttpError, check } from '../httpError';
import type { IngestQuery } from './schemas';

const gunzipAsync = promisify(gunzip);

/** What the server accepts in one batch; see `INGEST_LIMITS` for the defaults. */
export interface IngestLimits {
  /** Request body as it arrives (compressed, maybe encrypted). */
  maxBodyBytes: number;
  /** The JSON after gunzip; decompression stops as soon as it passes this. */
  maxDecodedBytes: number;
  maxEvents: number;
  /** How far past the server's clock an event may be (clock skew). */
  maxFutureMs: number;
  /** How old an event may be: the SDK's offline queue keeps batches for a day by default. */
  maxAgeMs: number;
}

export const INGEST_LIMITS: IngestLimits = {
  maxBodyBytes: 1024 * 1024,
  maxDecodedBytes: 8 * 1024 * 1024,
  maxEvents: 5000,
  maxFutureMs: 10 * 60 * 1000,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
};

/** An rrweb event as the server checks it: the rest of `data` is opaque. */
export interface BatchEvent {
  type: number;
  timestamp: number;
  data: Record<string, unknown>;
}

/** A readable batch (its events checked), or an end-to-end encrypted one the server cannot open. */
export type DecodedBatch = { encrypted: false; envelope: BatchEnvelope; events: BatchEvent[] } | { encrypted: true };

/**
 * Decompresses and checks one batch body against its query. Throws an
 * `HttpError` (4xx) naming the first problem. End-to-end encrypted bodies stay
 * opaque: only their size was checked (by the body limit).
 */
export async function decodeBatch(query: IngestQuery, body: Buffer, limits: IngestLimits, now: number): Promise<DecodedBatch> {
  if (query.cipher) return { encrypted: true };
  const json = await decompress(body, query.enc, limits.maxDecodedBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed_json', 'the batch body is not JSON');
  }
  check(isObject(parsed), 'bad_envelope', 'the batch must be a JSON object');
  const { events } = parsed;
  check(Array.isArray(events) && events.length > 0, 'bad_envelope', '"events" must be a non-empty array');
  check(events.length <= limits.maxEvents, 'too_many_events', `a batch holds at most ${limits.maxEvents} events, got ${events.length}`);
  const v1 = query.v === '1' ? checkEnvelopeV1(parsed, query, events) : undefined;
  if (!v1) putBackTimestamps(parsed, events);
  events.forEach((event, index) => checkEvent(event, index, now, limits));
  const checked = events as BatchEvent[];
  const [start, end] = [checked[0]!.timestamp, checked.at(-1)!.timestamp];
  if (v1) {
    check(v1.start === start, 'bad_envelope', '"start" must be the first event\'s timestamp');
    check(v1.end === end, 'bad_envelope', '"end" must be the last event\'s timestamp');
  }
  const policy = v1?.policy ?? pageviewPolicy(checked);
  return { encrypted: false, envelope: { v: v1 ? 1 : 2, sid: query.sid, pid: query.pid, seq: query.seq, start, end, count: checked.length, policy }, events: checked };
}

async function decompress(body: Buffer, encoding: IngestQuery['enc'], maxBytes: number): Promise<Buffer> {
  if (encoding === 'identity') {
    check(body.length <= maxBytes, 'too_large', `the batch JSON is over ${maxBytes} bytes`);
    return body;
  }
  try {
    // zlib stops inflating once the output passes maxOutputLength, so a gzip bomb costs at most that much.
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new HttpError(413, 'too_large', `the batch decompresses to over ${maxBytes} bytes`);
    }
    throw new HttpError(400, 'bad_encoding', 'the body is not valid gzip, as "enc=gzip" says it is');
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 2: `{ v, t, events }`. Timestamps come back from `t`; reading the node ids too (as the viewer will)
 * refuses a body the viewer could not replay.
 */
function putBackTimestamps(parsed: Record<string, unknown>, events: unknown[]): void {
  const { v, t } = parsed;
  check(v === 2, 'bad_envelope', '"v" in the body must match the query');
  check(Array.isArray(t) && t.length === events.length && t.every(Number.isFinite), 'bad_envelope', '"t" must hold one number per event');
  try {
    batchEvents(parsed as { t: number[]; events: BatchEvent[] });
  } catch {
    throw new HttpError(400, 'bad_event', 'an event is not an rrweb event: its nodes cannot be read');
  }
}

/**
 * Version 2 carries the privacy policy in the pageview event, when the batch holds one. A policy that is not a
 * string of at most 1,024 characters is refused, as version 1 refuses it in the envelope.
 */
function pageviewPolicy(events: BatchEvent[]): string {
  const payload = events.find((event) => event.type === 5 && event.data.tag === 'lowlight/pageview')?.data.payload;
  if (!isObject(payload) || payload.policy === undefined) return '';
  check(typeof payload.policy === 'string' && payload.policy.length <= 1024, 'bad_event', 'the pageview\'s "policy" must be a string of at most 1,024 characters');
  return payload.policy;
}

/** Version 1: the envelope's fields sit in the body beside the events, and must agree with the query and them. */
function checkEnvelopeV1(parsed: Record<string, unknown>, query: IngestQuery, events: unknown[]): Pick<BatchEnvelope, 'start' | 'end' | 'policy'> {
  const { v, sid, pid, seq, start, end, count, policy } = parsed;
  check(v === 1 && sid === query.sid && pid === query.pid && seq === query.seq, 'bad_envelope', 'v, sid, pid and seq in the body must match the query');
  check(count === events.length, 'bad_envelope', '"count" must equal the number of events');
  check(Number.isFinite(start) && Number.isFinite(end), 'bad_envelope', '"start" and "end" must be timestamps');
  check(typeof policy === 'string' && policy.length <= 1024, 'bad_envelope', '"policy" must be a string');
  return { start: start as number, end: end as number, policy };
}

function checkEvent(event: unknown, index: number, now: number, limits: IngestLimits): void {
  const where = `event ${index}`;
  check(isObject(event), 'bad_event', `${where} must be an object`);
  const { type, timestamp, data } = event;
  check(Number.isInteger(type) && (type as number) >= 0 && (type as number) <= 6, 'bad_event', `${where}: "type" must be an rrweb event type (0-6)`);
  check(isObject(data), 'bad_event', `${where}: "data" must be an object`);
  check(typeof timestamp === 'number' && Number.isFinite(timestamp), 'bad_event', `${where}: "timestamp" must be a number`);
  check(timestamp <= now + limits.maxFutureMs, 'bad_timestamp', `${where} is timestamped in the future`);
  check(timestamp >= now - limits.maxAgeMs, 'bad_timestamp', `${where} is older than the server accepts`);
}
