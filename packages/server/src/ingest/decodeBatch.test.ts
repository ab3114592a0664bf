import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { batchJson, firstBatch } from '../../../../test/server/support/batches';
import { HttpError } from '../httpError';
import { INGEST_LIMITS, decodeBatch } from './decodeBatch';
import type { IngestQuery } from './schemas';

const NOW = 1_800_000_000_000;
const batch = firstBatch({ now: NOW });
const query: IngestQuery = { v: '2', sid: batch.sid, pid: batch.pid, seq: 0, enc: 'gzip' };
const queryV1: IngestQuery = { ...query, v: '1' };
const gzipJson = (value: unknown) => gzipSync(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

async function rejection(body: Buffer, q: IngestQuery = query, limits = INGEST_LIMITS) {
  const error = await decodeBatch(q, body, limits, NOW).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HttpError);
  return { status: (error as HttpError).statusCode, code: (error as HttpError).code };
}

const withBody = (change: Record<string, unknown>) => gzipJson({ ...JSON.parse(batchJson(batch)), ...change });
/** The batch with its pageview event's `policy` replaced. */
const withPageviewPolicy = (policy: unknown) =>
  withBody({
    events: batch.events.map((event) =>
      event.type === 5 && (event.data as { tag?: string }).tag === 'lowlight/pageview'
        ? { ...event, data: { ...event.data, payload: { ...(event.data as { payload: object }).payload, policy } } }
        : event,
    ),
  });
const withEnvelopeV1 = (change: Record<string, unknown>) => gzipJson({ ...JSON.parse(batchJson(batch, 1)), ...change });

describe('decodeBatch', () => {
  it('returns the envelope and events of a well-formed gzip batch, with what the wire leaves out put back', async () => {
    const decoded = await decodeBatch(query, gzipJson(batchJson(batch)), INGEST_LIMITS, NOW);
    const times = batch.events.map((event) => event.timestamp);
    expect(decoded).toMatchObject({
      encrypted: false,
      envelope: { v: 2, sid: batch.sid, pid: batch.pid, seq: 0, count: batch.events.length, start: times[0], end: times.at(-1) },
    });
    expect(decoded.encrypted || decoded.events.map((event) => event.timestamp)).toEqual(times);
    // Version 2 carries the policy in the pageview event.
    expect(decoded.encrypted || decoded.envelope.policy).toMatch(/^lowlight\/1;level=balanced;/);
  });

  it('reads a version 1 batch, which an earlier release may have left in a browser\'s offline queue', async () => {
    const decoded = await decodeBatch(queryV1, gzipJson(batchJson(batch, 1)), INGEST_LIMITS, NOW);
    expect(decoded).toMatchObject({ encrypted: false, envelope: { v: 1, sid: batch.sid, count: batch.events.length, policy: expect.stringMatching(/^lowlight\/1;/) } });
  });

  it('reads identity bodies as plain JSON', async () => {
    const decoded = await decodeBatch({ ...query, enc: 'identity' }, Buffer.from(batchJson(batch)), INGEST_LIMITS, NOW);
    expect(decoded.encrypted).toBe(false);
  });

  it('leaves end-to-end encrypted bodies unopened', async () => {
    const decoded = await decodeBatch({ ...query, cipher: 'p256-hkdf-sha256-aes256gcm' }, Buffer.from([1, 2, 3]), INGEST_LIMITS, NOW);
    expect(decoded).toEqual({ encrypted: true });
  });

  it.each([
    ['plain JSON sent as gzip', Buffer.from(batchJson(batch)), 'bad_encoding'],
    ['gzip of something that is not JSON', gzipJson('{"v":1,'), 'malformed_json'],
    ['a JSON array', gzipJson([]), 'bad_envelope'],
    ['a version that differs from the query', withBody({ v: 1 }), 'bad_envelope'],
    ['no timestamps', withBody({ t: undefined }), 'bad_envelope'],
    ['fewer timestamps than events', withBody({ t: [NOW] }), 'bad_envelope'],
    ['a timestamp that is not a number', withBody({ t: batch.events.map(() => '1') }), 'bad_envelope'],
    ['no events', withBody({ events: [], t: [] }), 'bad_envelope'],
    ['an event type outside rrweb', withBody({ events: [{ ...batch.events[0], type: 7 }, ...batch.events.slice(1)] }), 'bad_event'],
    ['an event without data', withBody({ events: [{ type: 4 }, ...batch.events.slice(1)] }), 'bad_event'],
    ['an event that is not an object', withBody({ events: [null, ...batch.events.slice(1)] }), 'bad_event'],
    ['a custom event without data', withBody({ events: [...batch.events.slice(0, -1), { type: 5 }] }), 'bad_event'],
    ['a pageview whose policy is not a string', withPageviewPolicy(42), 'bad_event'],
    ['a pageview whose policy is over 1,024 characters', withPageviewPolicy(`lowlight/1;${'x'.repeat(1024)}`), 'bad_event'],
    ['a snapshot whose nodes cannot be read', withBody({ events: [batch.events[0], { type: 2, data: { node: { childNodes: 7 } } }, ...batch.events.slice(2)] }), 'bad_event'],
  ])('refuses %s with 400', async (_name, body, code) => {
    expect(await rejection(body)).toEqual({ status: 400, code });
  });

  it.each([
    ['a sid that differs from the query', withEnvelopeV1({ sid: 'a'.repeat(32) }), 'bad_envelope'],
    ['a seq that differs from the query', withEnvelopeV1({ seq: 1 }), 'bad_envelope'],
    ['a count that is not the number of events', withEnvelopeV1({ count: 99 }), 'bad_envelope'],
    ['a start that is not the first timestamp', withEnvelopeV1({ start: NOW - 5 }), 'bad_envelope'],
    ['a string timestamp', withEnvelopeV1({ events: [{ ...batch.events[0], timestamp: String(NOW) }, ...batch.events.slice(1)] }), 'bad_event'],
  ])('refuses a version 1 batch with %s with 400', async (_name, body, code) => {
    expect(await rejection(body, queryV1)).toEqual({ status: 400, code });
  });

  it('refuses timestamps more than ten minutes in the future, or older than a week', async () => {
    const future = firstBatch({ now: NOW + 11 * 60_000, sid: batch.sid, pid: batch.pid });
    expect(await rejection(gzipJson(batchJson(future)))).toEqual({ status: 400, code: 'bad_timestamp' });
    const old = firstBatch({ now: NOW - 8 * 86_400_000, sid: batch.sid, pid: batch.pid });
    expect(await rejection(gzipJson(batchJson(old)))).toEqual({ status: 400, code: 'bad_timestamp' });
  });

  it('refuses more events than the limit', async () => {
    expect(await rejection(gzipJson(batchJson(batch)), query, { ...INGEST_LIMITS, maxEvents: 2 })).toEqual({ status: 400, code: 'too_many_events' });
  });

  it('stops a gzip bomb at the decompressed limit', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(INGEST_LIMITS.maxBodyBytes);
    const started = performance.now();
    expect(await rejection(bomb)).toEqual({ status: 413, code: 'too_large' });
    // Inflating all 64 MiB takes far longer than stopping at 8 MiB.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
