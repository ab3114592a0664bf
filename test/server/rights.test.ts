import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSweeper } from '../../packages/server/src/admin/rights';
import { tombstoneHasher } from '../../packages/server/src/admin/tombstones';
import type { Project } from '../../packages/server/src/stores/types';
import { encodeBatch, firstBatch, laterBatch, type TestBatch } from './support/batches';
import { request } from './support/http';
import { ADMIN_TOKEN, STORE_KINDS, startTestServer, type TestServer } from './support/server';

describe.each(STORE_KINDS)('rights API on $name', (kind) => {
  let server: TestServer;
  let project: Project;
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const api = (path: string, method = 'GET', body?: unknown) =>
    request(`${server.url}/api${path}`, body === undefined ? { method, headers: auth } : { method, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const send = async (batch: TestBatch) => {
    const { query, body } = encodeBatch(batch);
    return request(`${server.url}/i/${project.ingestKey}?${query}`, { body });
  };

  beforeAll(async () => {
    server = await startTestServer({ kind });
    project = await server.stores.meta.createProject({ name: 'rights', origins: [] });
  });
  afterAll(() => server?.close());

  it('refuses every route without the admin token, with 401', async () => {
    for (const [path, method] of [['/projects', 'GET'], [`/projects/${project.id}/sessions`, 'GET'], ['/visitors/v/export', 'GET'], ['/visitors/v', 'DELETE']] as const) {
      const response = await request(`${server.url}/api${path}`, { method, headers: { authorization: 'Bearer nope' } });
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ code: 'unauthorized' });
    }
  });

  it('lists sessions newest first, a page at a time', async () => {
    const own = await server.stores.meta.createProject({ name: 'list', origins: [] });
    const now = Date.now();
    for (let i = 0; i < 3; i += 1) {
      const { query, body } = encodeBatch(firstBatch({ now: now - i * 1000 }));
      expect((await request(`${server.url}/i/${own.ingestKey}?${query}`, { body })).status).toBe(204);
    }
    const first = await api(`/projects/${own.id}/sessions?limit=2`);
    expect(first.status).toBe(200);
    const page = first.json as { sessions: Array<{ startedAt: number }>; next: string };
    expect(page.sessions.map((s) => s.startedAt)).toEqual([now, now - 1000]);
    const second = (await api(`/projects/${own.id}/sessions?limit=2&before=${page.next}`)).json as { sessions: Array<{ startedAt: number }>; next: null };
    expect(second.sessions.map((s) => s.startedAt)).toEqual([now - 2000]);
    expect(second.next).toBeNull();
  });

  it('exports every row and event stored about a visitor', async () => {
    const batch = firstBatch({ visitorId: 'export-me', text: 'exported-text-1' });
    await send(batch);
    await send(laterBatch(batch, 1));
    const response = await api(`/projects/${project.id}/visitors/export-me/export`);
    expect(response.status).toBe(200);
    const exported = response.json as { visitorId: string; sessions: Array<{ session: { id: string }; pageviews: unknown[]; chunks: Array<{ events: unknown[] }> }> };
    expect(exported.visitorId).toBe('export-me');
    expect(exported.sessions).toHaveLength(1);
    expect(exported.sessions[0]!.session.id).toBe(batch.sid);
    expect(exported.sessions[0]!.pageviews).toHaveLength(1);
    expect(exported.sessions[0]!.chunks.map((chunk) => chunk.events.length)).toEqual([batch.events.length, 2]);
    expect(JSON.stringify(exported)).toContain('exported-text-1');
  });

  it('deletes a visitor: every session, row, blob and key; later batches naming them are dropped', async () => {
    const visitor = 'visitor-to-forget-8c1e';
    const sessions = [firstBatch({ visitorId: visitor, text: 'forget-me-text-1' }), firstBatch({ visitorId: visitor, text: 'forget-me-text-2' })];
    const other = firstBatch({ visitorId: 'visitor-who-stays', text: 'keep-me-text' });
    for (const batch of [...sessions, other]) expect((await send(batch)).status).toBe(204);
    await send(laterBatch(sessions[0]!, 1));

    const response = await api(`/projects/${project.id}/visitors/${visitor}`, 'DELETE');
    expect(response.json).toEqual({ deleted: { sessions: 2 } });

    for (const batch of sessions) {
      expect(await server.stores.meta.getSession(project.id, batch.sid)).toBeNull();
      expect(await server.stores.meta.listChunks(project.id, batch.sid)).toEqual([]);
      expect(await server.stores.blobs.list(`${project.id}/${batch.sid}/`)).toEqual([]);
      expect(await server.stores.meta.getDataKey(project.id, batch.sid)).toBeNull();
    }
    expect(await server.stores.meta.getSession(project.id, other.sid)).not.toBeNull();

    // Late: a retry of the deleted session, and a new session that identifies the visitor, then one that does not.
    expect((await send(laterBatch(sessions[1]!, 1))).status).toBe(202);
    const comeback = firstBatch({ visitorId: visitor });
    expect((await send(comeback)).status).toBe(202);
    expect((await send(laterBatch(comeback, 1))).status).toBe(202);
    expect(await server.stores.meta.getSession(project.id, comeback.sid)).toBeNull();
    expect((await api(`/projects/${project.id}/visitors/${visitor}/export`)).json).toMatchObject({ sessions: [] });
  });

  it('reads and sets retention, and prunes sessions past it', async () => {
    const own = await server.stores.meta.createProject({ name: 'retention', origins: [] });
    expect((await api(`/projects/${own.id}/retention`)).json).toEqual({ days: 30 });
    expect((await api(`/projects/${own.id}/retention`, 'PUT', { days: 0 })).status).toBe(400);
    expect((await api(`/projects/${own.id}/retention`, 'PUT', { days: 3 })).json).toEqual({ days: 3 });
    const old = firstBatch({ now: Date.now() - 4 * 86_400_000 });
    const fresh = firstBatch();
    for (const batch of [old, fresh]) {
      const { query, body } = encodeBatch(batch);
      expect((await request(`${server.url}/i/${own.ingestKey}?${query}`, { body })).status).toBe(204);
    }
    expect((await api('/prune', 'POST', {})).json).toMatchObject({ deleted: { sessions: expect.any(Number) } });
    expect(await server.stores.meta.getSession(own.id, old.sid)).toBeNull();
    expect(await server.stores.blobs.list(`${own.id}/${old.sid}/`)).toEqual([]);
    expect(await server.stores.meta.getSession(own.id, fresh.sid)).not.toBeNull();
  });

  it('deletes a whole project: rows, blobs, and its key stops working', async () => {
    const own = await server.stores.meta.createProject({ name: 'doomed', origins: [] });
    const batch = firstBatch({ text: 'doomed-project-text' });
    const { query, body } = encodeBatch(batch);
    expect((await request(`${server.url}/i/${own.ingestKey}?${query}`, { body })).status).toBe(204);
    expect((await api(`/projects/${own.id}`, 'DELETE')).json).toEqual({ deleted: { projects: 1 } });
    expect(await server.stores.meta.getProject(own.id)).toBeNull();
    expect(await server.stores.blobs.list(`${own.id}/`)).toEqual([]);
    expect((await request(`${server.url}/i/${own.ingestKey}?${query}`, { body })).status).toBe(404);
    expect((await api(`/projects/${own.id}`, 'DELETE')).status).toBe(404);
  });

  it('sweeps expired sessions on its own, at start and on an interval', async () => {
    const own = await server.stores.meta.createProject({ name: 'swept', origins: [], retentionDays: 2 });
    const send = async (batch: TestBatch) => {
      const { query, body } = encodeBatch(batch);
      expect((await request(`${server.url}/i/${own.ingestKey}?${query}`, { body })).status).toBe(204);
    };
    const first = firstBatch({ now: Date.now() - 3 * 86_400_000 });
    await send(first);
    const stop = startSweeper({ stores: server.stores, tombstoneHash: tombstoneHasher(new Uint8Array(32)), now: Date.now }, 100, (error) => {
      throw error;
    });
    try {
      await until(async () => (await server.stores.meta.getSession(own.id, first.sid)) === null);
      const second = firstBatch({ now: Date.now() - 3 * 86_400_000 });
      await send(second);
      // Rows (and the data key) go first, then the blobs.
      await until(async () => (await server.stores.meta.getSession(own.id, second.sid)) === null && (await server.stores.blobs.list(`${own.id}/`)).length === 0);
    } finally {
      await stop();
    }
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 50));
  }
}
