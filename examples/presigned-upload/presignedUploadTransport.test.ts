// @vitest-environment node
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { batchEvents } from '@lowlight/transport';
import { testSession, testTransport } from '@lowlight/transport/testing';
import { startObjectStorage } from './objectStorage.mjs';
import { presignedUploadTransport } from './presignedUploadTransport';

let storage: Awaited<ReturnType<typeof startObjectStorage>>;
beforeEach(async () => {
  storage = await startObjectStorage();
});
afterEach(() => storage.close());

/** Objects in upload order, decoded. */
const stored = () =>
  [...storage.objects.entries()].map(([key, body]) => ({ key, batch: JSON.parse((key.endsWith('.gz') ? gunzipSync(body) : body).toString('utf8')) }));

testTransport('presignedUploadTransport', () => ({
  transport: presignedUploadTransport({ presignEndpoint: storage.presignEndpoint, offlineQueue: null }),
  received: async () => stored().flatMap(({ batch }) => batchEvents(batch)),
}));

it('uploads each batch as one gzip object named after its batch id', async () => {
  const transport = presignedUploadTransport({ presignEndpoint: storage.presignEndpoint, offlineQueue: null, maxBatchEvents: 2 });
  transport.open(testSession);
  for (let n = 0; n < 3; n++) transport.push(JSON.stringify({ type: 3, data: { n } }), n);
  await transport.flush();
  const prefix = `sessions/${testSession.sessionId}/${testSession.pageviewId}`;
  expect(stored().map(({ key, batch }) => [key, batch.events.length])).toEqual([
    [`${prefix}/0.json.gz`, 2],
    [`${prefix}/1.json.gz`, 1],
  ]);
});
