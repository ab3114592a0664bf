import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_URL_TTL_MS } from '../../packages/server/src/viewer/chunkSigner';
import { encodeBatch, firstBatch, laterBatch } from './support/batches';
import { logIn, startViewerServer } from './support/viewer';

interface IndexedChunk {
  id: string;
  url: string;
  expiresAt: number;
}

describe('replay chunks', () => {
  let server: Awaited<ReturnType<typeof startViewerServer>>;
  let cookie: string;
  let sid: string;
  // The server's clock, moved by hand: expiry is tested without sleeping.
  let clock = Date.now();

  beforeAll(async () => {
    server = await startViewerServer({ server: { now: () => clock } });
    const first = firstBatch({ text: 'chunk-zero' });
    sid = first.sid;
    for (const batch of [first, laterBatch(first, 1)]) {
      const { query, body } = encodeBatch(batch);
      expect((await fetch(`${server.ingestUrl}?${query}`, { method: 'POST', body: new Uint8Array(body) })).status).toBe(204);
    }
    ({ cookie } = await logIn(server.url));
  });
  afterAll(() => server?.close());

  const index = async () => {
    const response = await fetch(`${server.url}/viewer-api/sessions/${server.projectId}/${sid}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { chunks: IndexedChunk[] }).chunks;
  };

  it('hands out signed chunk URLs that work without a cookie until they expire', async () => {
    const [chunk] = await index();
    expect(chunk!.url).toMatch(new RegExp(`^/viewer-api/sessions/${server.projectId}/${sid}/chunks/${chunk!.id}\\?exp=\\d+&sig=[\\w-]{43}$`));
    expect(chunk!.expiresAt).toBe(clock + SIGNED_URL_TTL_MS);
    const signed = await fetch(server.url + chunk!.url);
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);

    clock += SIGNED_URL_TTL_MS - 1;
    expect((await fetch(server.url + chunk!.url)).status).toBe(200);
    clock += 1;
    const expired = await fetch(server.url + chunk!.url);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: string }).code).toBe('url_expired');
    // A fresh index signs anew.
    expect((await fetch(server.url + (await index())[0]!.url)).status).toBe(200);
  });

  it('refuses a tampered signature, a later expiry, a signature moved to another chunk, and no signature without login', async () => {
    const [zero, one] = await index();
    const flip = (url: string) => url.replace(/sig=(.)/, (_match, char: string) => `sig=${char === 'A' ? 'B' : 'A'}`);
    const later = zero!.url.replace(/exp=(\d+)/, (_match, exp: string) => `exp=${Number(exp) + 60_000}`);
    const moved = one!.url.replace(/\?.*$/, zero!.url.slice(zero!.url.indexOf('?')));
    for (const url of [flip(zero!.url), later, moved, zero!.url.replace(/&sig=.*$/, '')]) {
      const response = await fetch(server.url + url);
      expect(response.status, url).toBe(403);
      expect(((await response.json()) as { code: string }).code, url).toBe('bad_signature');
    }
    const unsigned = zero!.url.replace(/\?.*$/, '');
    expect((await fetch(server.url + unsigned)).status).toBe(401);
    // A logged-in member may still read a chunk through the API without a signature.
    const viaApi = await fetch(server.url + unsigned, { headers: { cookie } });
    expect(viaApi.status).toBe(200);
    expect(JSON.stringify(await viaApi.json())).toContain('chunk-zero');
  });
});
