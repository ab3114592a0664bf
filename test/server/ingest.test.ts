import { gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../packages/server/src/stores/types';
import { batchJson, encodeBatch, firstBatch, hexId, laterBatch } from './support/batches';
import { request } from './support/http';
import { ADMIN_TOKEN, STORE_KINDS, startTestServer, type TestServer } from './support/server';

describe.each(STORE_KINDS)('ingest on $name', (kind) => {
  let server: TestServer;
  let project: Project;
  let open: Project;
  const endpoint = (p: Project = project) => `${server.url}/i/${p.ingestKey}`;
  const post = (query: string, body: Buffer | string, headers: Record<string, string> = {}, p: Project = project) =>
    request(`${endpoint(p)}?${query}`, { body, headers: { origin: 'https://shop.example', ...headers } });

  beforeAll(async () => {
    server = await startTestServer({ kind });
    project = await server.stores.meta.createProject({ name: 'shop', origins: ['https://shop.example'] });
    open = await server.stores.meta.createProject({ name: 'open', origins: [] });
  });
  afterAll(() => server?.close());

  it('stores a gzip batch: session, pageview, chunk, and the events encrypted at rest', async () => {
    const batch = firstBatch({ visitorId: 'visitor-1', url: 'https://shop.example/cart' });
    const { query, body } = encodeBatch(batch);
    const response = await post(query, body);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');

    const session = await server.stores.meta.getSession(project.id, batch.sid);
    expect(session).toMatchObject({ visitorId: 'visitor-1', pageviews: 1, clicks: 1, browser: 'Chrome 150', os: 'Linux', privacyLevel: 'balanced', firstUrl: 'https://shop.example/cart', encrypted: false });
    expect(await server.stores.meta.listPageviews(project.id, batch.sid)).toMatchObject([{ id: batch.pid, url: 'https://shop.example/cart', title: 'Shop' }]);
    const [chunk] = await server.stores.meta.listChunks(project.id, batch.sid);
    expect(chunk).toMatchObject({ id: `${batch.pid}-0`, seq: 0, fullSnapshot: true, encrypted: false, firstTs: batch.events[0]!.timestamp, blobKey: `${project.id}/${batch.sid}/${batch.pid}-0` });

    const sealed = (await server.stores.blobs.get(chunk!.blobKey))!;
    expect(Buffer.from(sealed).includes(Buffer.from('Chrome 150'))).toBe(false);
    const plain = await server.stores.keys.open(project.id, batch.sid, chunk!.blobKey, sealed);
    expect(gunzipSync(plain).toString('utf8')).toBe(batchJson(batch));
  });

  it('adds later batches as chunks of the same session, which are not seek points', async () => {
    const batch = firstBatch();
    await post(encodeBatch(batch).query, encodeBatch(batch).body);
    const later = encodeBatch(laterBatch(batch, 1));
    expect((await post(later.query, later.body)).status).toBe(204);
    const chunks = await server.stores.meta.listChunks(project.id, batch.sid);
    expect(chunks.map((chunk) => [chunk.seq, chunk.fullSnapshot])).toEqual([[0, true], [1, false]]);
    expect(await server.stores.meta.getSession(project.id, batch.sid)).toMatchObject({ clicks: 2, pageviews: 1 });
  });

  it('compresses identity batches before storing them', async () => {
    const batch = firstBatch();
    const { query, body } = encodeBatch(batch, 'identity');
    expect((await post(query, body)).status).toBe(204);
    const [chunk] = await server.stores.meta.listChunks(project.id, batch.sid);
    expect(chunk!.enc).toBe('gzip');
    const plain = await server.stores.keys.open(project.id, batch.sid, chunk!.blobKey, (await server.stores.blobs.get(chunk!.blobKey))!);
    expect(gunzipSync(plain).toString('utf8')).toBe(body.toString('utf8'));
  });

  it('stores an end-to-end encrypted batch as the opaque bytes it is, the session from the query only', async () => {
    const sid = hexId();
    const pid = hexId();
    const ciphertext = Buffer.from('opaque-ciphertext-bytes-for-the-test');
    const response = await post(`v=1&sid=${sid}&pid=${pid}&seq=0&enc=gzip&cipher=p256-hkdf-sha256-aes256gcm`, ciphertext);
    expect(response.status).toBe(204);
    expect(await server.stores.meta.getSession(project.id, sid)).toMatchObject({ encrypted: true, visitorId: null, firstUrl: null, pageviews: 0 });
    const [chunk] = await server.stores.meta.listChunks(project.id, sid);
    expect(chunk).toMatchObject({ encrypted: true, fullSnapshot: false, enc: 'gzip' });
    const plain = await server.stores.keys.open(project.id, sid, chunk!.blobKey, (await server.stores.blobs.get(chunk!.blobKey))!);
    expect(Buffer.from(plain)).toEqual(ciphertext);
  });

  it('indexes the encoding an end-to-end encrypted batch came with, which only the viewer can undo', async () => {
    const sid = hexId();
    expect((await post(`v=1&sid=${sid}&pid=${hexId()}&seq=0&enc=identity&cipher=p256-hkdf-sha256-aes256gcm`, Buffer.from('opaque'))).status).toBe(204);
    expect((await server.stores.meta.listChunks(project.id, sid))[0]).toMatchObject({ encrypted: true, enc: 'identity' });
  });

  it('answers a replayed batch with 200 and stores it once, writing nothing', async () => {
    const { query, body } = encodeBatch(firstBatch());
    expect((await post(query, body)).status).toBe(204);
    const before = await server.hash();
    const replay = await post(query, body);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ result: 'duplicate' });
    expect(await server.hash()).toEqual(before);
  });

  it('takes batches from any origin when the project lists none', async () => {
    const { query, body } = encodeBatch(firstBatch());
    const response = await post(query, body, { origin: 'https://anything.example' }, open);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://anything.example');
  });

  it('answers a preflight for listed origins only', async () => {
    const allowed = await request(endpoint(), { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const refused = await request(endpoint(), { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never sends cookies or credentials headers', async () => {
    const { query, body } = encodeBatch(firstBatch());
    const response = await post(query, body);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers 429 with Retry-After, readable by the page, past the per-client rate', async () => {
    const limited = await startTestServer({ kind, server: { rateLimits: { perClient: { perSecond: 1, burst: 2 } } } });
    try {
      const p = await limited.stores.meta.createProject({ name: 'limited', origins: [] });
      const statuses: number[] = [];
      let last;
      for (let seq = 0; seq < 3; seq += 1) {
        const { query, body } = encodeBatch(firstBatch());
        last = await request(`${limited.url}/i/${p.ingestKey}?${query}`, { body, headers: { origin: 'https://a.example' } });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([204, 204, 429]);
      expect(last!.headers.get('retry-after')).toBe('1');
      expect(last!.headers.get('access-control-allow-origin')).toBe('https://a.example');
      expect(last!.json).toEqual({ error: 'too many batches; retry later', code: 'rate_limited' });
    } finally {
      await limited.close();
    }
  });

  it('drops late batches of a deleted session with a 2xx, storing nothing', async () => {
    const batch = firstBatch({ visitorId: 'visitor-late' });
    await post(encodeBatch(batch).query, encodeBatch(batch).body);
    const deleted = await request(`${server.url}/api/projects/${project.id}/sessions/${batch.sid}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(deleted.status).toBe(200);
    const before = await server.hash();
    const late = encodeBatch(laterBatch(batch, 1));
    const response = await post(late.query, late.body);
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ result: 'dropped' });
    expect(await server.stores.meta.getSession(project.id, batch.sid)).toBeNull();
    expect(await server.hash()).toEqual(before);
  });

  describe('bad input: a 4xx with a one-line reason, and the stores byte-for-byte unchanged', () => {
    const valid = () => encodeBatch(firstBatch());
    const revokedKey = async () => {
      const revoked = await server.stores.meta.createProject({ name: 'revoked', origins: [] });
      await server.stores.meta.revokeProjectKey(revoked.id);
      return revoked;
    };
    const cases: Array<[string, () => Promise<{ url: string; body: Buffer | string; headers?: Record<string, string> }>, number, string]> = [
      ['malformed JSON', async () => ({ url: `${endpoint()}?${valid().query}`, body: gzipSync('{"v":1,"sid":') }), 400, 'malformed_json'],
      ['plain JSON declared as gzip', async () => { const b = firstBatch(); return { url: `${endpoint()}?${encodeBatch(b).query}`, body: batchJson(b) }; }, 400, 'bad_encoding'],
      ['gzip declared as identity', async () => { const b = encodeBatch(firstBatch()); return { url: `${endpoint()}?${b.query.replace('enc=gzip', 'enc=identity')}`, body: b.body }; }, 400, 'malformed_json'],
      ['an unknown encoding', async () => { const b = encodeBatch(firstBatch()); return { url: `${endpoint()}?${b.query.replace('enc=gzip', 'enc=br')}`, body: b.body }; }, 400, 'bad_querystring'],
      ['a missing encoding', async () => { const b = encodeBatch(firstBatch()); return { url: `${endpoint()}?${b.query.replace('&enc=gzip', '')}`, body: b.body }; }, 400, 'bad_querystring'],
      ['a gzip bomb', async () => ({ url: `${endpoint()}?${valid().query}`, body: gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)) }), 413, 'too_large'],
      ['an oversized body', async () => ({ url: `${endpoint()}?${valid().query}`, body: Buffer.alloc(1024 * 1024 + 1, 0x61) }), 413, 'too_large'],
      ['too many events', async () => {
        const b = firstBatch();
        b.events = Array.from({ length: 5001 }, (_, i) => ({ type: 3, timestamp: Date.now() + i, data: { source: 1, positions: [] } }));
        return { url: `${endpoint()}?${encodeBatch(b).query}`, body: encodeBatch(b).body };
      }, 400, 'too_many_events'],
      ['an unknown key', async () => ({ url: `${server.url}/i/${'x'.repeat(32)}?${valid().query}`, body: valid().body }), 404, 'unknown_key'],
      ['a revoked key', async () => ({ url: `${endpoint(await revokedKey())}?${valid().query}`, body: valid().body }), 403, 'revoked_key'],
      ['a disallowed origin', async () => ({ url: `${endpoint()}?${valid().query}`, body: valid().body, headers: { origin: 'https://evil.example' } }), 403, 'origin_not_allowed'],
      ['a cookie', async () => ({ url: `${endpoint()}?${valid().query}`, body: valid().body, headers: { cookie: 'session=abc' } }), 400, 'cookies_not_accepted'],
      ['a malformed session id', async () => { const b = encodeBatch(firstBatch()); return { url: `${endpoint()}?${b.query.replace(/sid=[0-9a-f]+/, 'sid=ABC')}`, body: b.body }; }, 400, 'bad_querystring'],
      ['a malformed pageview id', async () => { const b = encodeBatch(firstBatch()); return { url: `${endpoint()}?${b.query.replace(/pid=[0-9a-f]+/, `pid=${'g'.repeat(32)}`)}`, body: b.body }; }, 400, 'bad_querystring'],
      ['a negative sequence', async () => { const b = encodeBatch(firstBatch()); return { url: `${endpoint()}?${b.query.replace('seq=0', 'seq=-1')}`, body: b.body }; }, 400, 'bad_querystring'],
      ['a fractional sequence', async () => { const b = encodeBatch(firstBatch()); return { url: `${endpoint()}?${b.query.replace('seq=0', 'seq=0.5')}`, body: b.body }; }, 400, 'bad_querystring'],
      ['an unknown cipher', async () => ({ url: `${endpoint()}?${valid().query}&cipher=rot13`, body: valid().body }), 400, 'bad_querystring'],
      ['a far-future timestamp', async () => { const b = firstBatch({ now: Date.now() + 3_600_000 }); return { url: `${endpoint()}?${encodeBatch(b).query}`, body: encodeBatch(b).body }; }, 400, 'bad_timestamp'],
      ['an empty body', async () => ({ url: `${endpoint()}?${valid().query}`, body: '' }), 400, 'empty_body'],
    ];

    it.each(cases)('%s', async (_name, make, status, code) => {
      const input = await make();
      const before = await server.hash();
      const response = await request(input.url, { body: input.body, headers: { origin: 'https://shop.example', ...input.headers } });
      expect(response.status).toBe(status);
      expect(response.json).toMatchObject({ code, error: expect.any(String) });
      expect(response.text).not.toContain('\n');
      expect(await server.hash()).toEqual(before);
    });
  });
});
