import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from './migrate';
import type { SqlDriver } from './sqlDriver';
import { createSqlStore } from './sqlStore';
import type { ChunkRow, MetadataStore, PageviewRow, SessionRow } from './types';

const T0 = 1_700_000_000_000;

export const sessionRow = (projectId: string, id: string, overrides: Partial<SessionRow> = {}): SessionRow => ({
  projectId,
  id,
  visitorId: null,
  startedAt: T0,
  endedAt: T0 + 1000,
  pageviews: 1,
  clicks: 2,
  browser: 'Chrome',
  os: 'Linux',
  privacyLevel: 'balanced',
  encrypted: false,
  firstUrl: 'https://shop.example/',
  bytes: 100,
  ...overrides,
});

const pageviewRow = (projectId: string, sessionId: string, id: string, overrides: Partial<PageviewRow> = {}): PageviewRow => ({
  projectId,
  sessionId,
  id,
  url: 'https://shop.example/',
  title: 'Shop',
  startedAt: T0,
  ...overrides,
});

const chunkRow = (projectId: string, sessionId: string, pid: string, seq: number, overrides: Partial<ChunkRow> = {}): ChunkRow => ({
  projectId,
  sessionId,
  id: `${pid}-${seq}`,
  pageviewId: pid,
  seq,
  firstTs: T0 + seq * 100,
  lastTs: T0 + seq * 100 + 50,
  bytes: 10,
  fullSnapshot: seq === 0,
  encrypted: false,
  enc: 'gzip',
  keyId: 'k1',
  blobKey: `${projectId}/${sessionId}/${pid}-${seq}`,
  ...overrides,
});

/** Stores one batch the way ingest does: claim, chunk, session and pageview in one transaction. */
async function ingest(store: MetadataStore, projectId: string, sid: string, pid: string, seq: number, session: Partial<SessionRow> = {}) {
  return store.transaction(async (tx) => {
    if (!(await tx.claimBatch(projectId, sid, pid, seq))) return false;
    await tx.recordChunk(chunkRow(projectId, sid, pid, seq));
    await tx.upsertSession(sessionRow(projectId, sid, session));
    await tx.upsertPageview(pageviewRow(projectId, sid, pid));
    return true;
  });
}

/**
 * The conformance suite every MetadataStore runs. `open` returns a fresh,
 * empty store on which `migrate()` has not been called yet.
 */
export function testMetadataStore(name: string, open: () => Promise<MetadataStore>): void {
  describe(`${name} MetadataStore conformance`, () => {
    let store: MetadataStore;
    let projectId: string;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
      projectId = (await store.createProject({ name: 'Shop', origins: ['https://shop.example'] })).id;
    });
    afterEach(() => store.close());

    describe('projects', () => {
      it('applies migrations once, however often migrate() runs', async () => {
        await store.migrate();
        await store.migrate();
        expect(await store.listProjects()).toHaveLength(1);
      });

      it('creates a project with a fresh key, 30 days retention by default, found by id and by key', async () => {
        const project = await store.createProject({ name: 'Blog', origins: [] });
        expect(project).toMatchObject({ name: 'Blog', origins: [], retentionDays: 30, revokedAt: null });
        expect(project.ingestKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(await store.getProject(project.id)).toEqual(project);
        expect(await store.getProjectByKey(project.ingestKey)).toEqual(project);
        expect(await store.getProjectByKey('x'.repeat(32))).toBeNull();
        expect(await store.getProject('missing')).toBeNull();
        // Oldest first; two projects made in the same millisecond may come in either order.
        const listed = await store.listProjects();
        expect(listed.map((p) => p.name).sort()).toEqual(['Blog', 'Shop']);
        expect(listed.map((p) => p.createdAt)).toEqual(listed.map((p) => p.createdAt).sort((a, b) => a - b));
      });

      it('revokes a key once and changes retention', async () => {
        await store.revokeProjectKey(projectId);
        const revokedAt = (await store.getProject(projectId))?.revokedAt;
        expect(revokedAt).toEqual(expect.any(Number));
        await store.revokeProjectKey(projectId);
        await store.setRetention(projectId, 7);
        expect(await store.getProject(projectId)).toMatchObject({ revokedAt, retentionDays: 7 });
      });

      it('deletes a project with every row under it, leaving other projects alone', async () => {
        const other = (await store.createProject({ name: 'Other', origins: [] })).id;
        for (const project of [projectId, other]) {
          await ingest(store, project, 's1', 'p1', 0);
          await store.addTombstone({ projectId: project, kind: 'visitor', hash: 'h', createdAt: T0 });
          await store.putDataKey(project, 's1', 'k1', new Uint8Array([1]));
        }
        await store.deleteProject(projectId);
        expect(await store.getProject(projectId)).toBeNull();
        expect(await store.listSessions({ projectId, limit: 10 })).toEqual([]);
        expect(await store.listChunks(projectId, 's1')).toEqual([]);
        expect(await store.listPageviews(projectId, 's1')).toEqual([]);
        expect(await store.getDataKey(projectId, 's1')).toBeNull();
        expect(await store.hasTombstone(projectId, 'visitor', 'h')).toBe(false);
        expect(await store.listSessions({ projectId: other, limit: 10 })).toHaveLength(1);
        expect(await store.getDataKey(other, 's1')).not.toBeNull();
      });
    });

    describe('ingest', () => {
      it('claims a batch id exactly once', async () => {
        expect(await store.claimBatch(projectId, 's1', 'p1', 0)).toBe(true);
        expect(await store.claimBatch(projectId, 's1', 'p1', 0)).toBe(false);
        expect(await store.claimBatch(projectId, 's1', 'p1', 1)).toBe(true);
        expect(await store.claimBatch(projectId, 's1', 'p2', 0)).toBe(true);
      });

      it('commits a transaction whole, writing chunk and pageview before their session', async () => {
        expect(await ingest(store, projectId, 's1', 'p1', 0)).toBe(true);
        expect(await ingest(store, projectId, 's1', 'p1', 0)).toBe(false);
        expect(await store.listChunks(projectId, 's1')).toEqual([chunkRow(projectId, 's1', 'p1', 0)]);
        expect(await store.getSession(projectId, 's1')).toEqual(sessionRow(projectId, 's1'));
      });

      it('rolls a failing transaction back: the batch id is not claimed and no row is left', async () => {
        const failing = store.transaction(async (tx) => {
          await tx.claimBatch(projectId, 's1', 'p1', 0);
          await tx.upsertSession(sessionRow(projectId, 's1'));
          throw new Error('disk full');
        });
        await expect(failing).rejects.toThrow('disk full');
        expect(await store.getSession(projectId, 's1')).toBeNull();
        expect(await store.claimBatch(projectId, 's1', 'p1', 0)).toBe(true);
      });

      it('rejects a chunk whose session never arrives', async () => {
        await expect(store.transaction((tx) => tx.recordChunk(chunkRow(projectId, 's1', 'p1', 0)))).rejects.toThrow();
        expect(await store.listChunks(projectId, 's1')).toEqual([]);
      });

      it('stores each of many concurrent duplicate batches once', async () => {
        const results = await Promise.all(Array.from({ length: 8 }, (_, n) => ingest(store, projectId, 's1', 'p1', n % 2)));
        expect(results.filter(Boolean)).toHaveLength(2);
        expect(await store.listChunks(projectId, 's1')).toHaveLength(2);
        expect(await store.getSession(projectId, 's1')).toMatchObject({ pageviews: 2, clicks: 4, bytes: 200 });
      });

      it('merges session facts: earliest start, latest end, summed counts, first values kept, encrypted once set', async () => {
        await store.upsertSession(sessionRow(projectId, 's1', { startedAt: T0 + 10, endedAt: T0 + 20, browser: null, firstUrl: null }));
        await store.upsertSession(sessionRow(projectId, 's1', { startedAt: T0, endedAt: T0 + 15, encrypted: true, visitorId: 'v1', firstUrl: 'https://a/' }));
        await store.upsertSession(sessionRow(projectId, 's1', { startedAt: T0 + 5, endedAt: T0 + 30, encrypted: false, visitorId: 'v2', firstUrl: 'https://b/' }));
        expect(await store.getSession(projectId, 's1')).toEqual(
          sessionRow(projectId, 's1', { startedAt: T0, endedAt: T0 + 30, pageviews: 3, clicks: 6, bytes: 300, encrypted: true, visitorId: 'v1', firstUrl: 'https://a/' }),
        );
      });

      it('merges pageviews and lists them oldest first', async () => {
        await store.upsertSession(sessionRow(projectId, 's1'));
        await store.upsertPageview(pageviewRow(projectId, 's1', 'p2', { startedAt: T0 + 50, url: null }));
        await store.upsertPageview(pageviewRow(projectId, 's1', 'p2', { startedAt: T0 + 40, url: 'https://shop.example/cart' }));
        await store.upsertPageview(pageviewRow(projectId, 's1', 'p1', { startedAt: T0 }));
        expect(await store.listPageviews(projectId, 's1')).toEqual([
          pageviewRow(projectId, 's1', 'p1'),
          pageviewRow(projectId, 's1', 'p2', { startedAt: T0 + 40, url: 'https://shop.example/cart' }),
        ]);
      });

      it('lists chunks in playback order with their flags, recording a chunk twice once', async () => {
        await store.upsertSession(sessionRow(projectId, 's1'));
        const chunks = [chunkRow(projectId, 's1', 'p1', 0), chunkRow(projectId, 's1', 'p1', 1, { encrypted: true, enc: 'identity' }), chunkRow(projectId, 's1', 'p2', 2)];
        for (const chunk of [chunks[2]!, chunks[0]!, chunks[1]!, chunks[0]!]) await store.recordChunk(chunk);
        expect(await store.listChunks(projectId, 's1')).toEqual(chunks);
        expect(await store.getChunk(projectId, 's1', chunks[1]!.id)).toEqual(chunks[1]);
        expect(await store.getChunk(projectId, 's2', chunks[1]!.id)).toBeNull();
        expect(await store.getChunk(projectId, 's1', 'p9-9')).toBeNull();
      });
    });

    describe('session list', () => {
      beforeEach(async () => {
        // 25 sessions, several sharing a start time, so the cursor must break ties by id.
        for (let n = 0; n < 25; n++) {
          const sid = `s${String(n).padStart(2, '0')}`;
          await store.upsertSession(sessionRow(projectId, sid, { startedAt: T0 + Math.floor(n / 3) * 1000, endedAt: T0 + n * 1000, visitorId: `v${n % 4}` }));
          await store.upsertPageview(pageviewRow(projectId, sid, 'p1', { url: n % 5 === 0 ? 'https://shop.example/100%_off' : 'https://shop.example/' }));
        }
      });

      it('pages newest first through every session exactly once', async () => {
        const seen: SessionRow[] = [];
        let before: { startedAt: number; id: string } | undefined;
        for (;;) {
          const page = await store.listSessions({ projectId, before, limit: 7 });
          if (page.length === 0) break;
          seen.push(...page);
          const last = page[page.length - 1]!;
          before = { startedAt: last.startedAt, id: last.id };
        }
        expect(seen.map((s) => s.id)).toEqual(Array.from({ length: 25 }, (_, n) => `s${String(24 - n).padStart(2, '0')}`));
      });

      it('filters by project, visitor, start time and URL text (wildcards taken literally)', async () => {
        const ids = async (q: Parameters<MetadataStore['listSessions']>[0]) => (await store.listSessions(q)).map((s) => s.id);
        expect(await ids({ projectId: 'other', limit: 50 })).toEqual([]);
        expect(await ids({ visitorId: 'v1', limit: 50 })).toEqual(['s21', 's17', 's13', 's09', 's05', 's01']);
        expect(await ids({ projectId, from: T0 + 7000, limit: 50 })).toEqual(['s24', 's23', 's22', 's21']);
        expect(await ids({ projectId, from: T0 + 1000, to: T0 + 1000, limit: 50 })).toEqual(['s05', 's04', 's03']);
        expect(await ids({ projectId, url: '100%_off', limit: 50 })).toEqual(['s20', 's15', 's10', 's05', 's00']);
        expect(await ids({ projectId, url: '_', limit: 2 })).toEqual(['s20', 's15']);
        expect(await ids({ projectId, url: '1000', limit: 50 })).toEqual([]);
      });

      it('finds sessions of a visitor, in one project or all, and sets a visitor', async () => {
        await store.setSessionVisitor(projectId, 's00', 'v1');
        const ids = (rows: SessionRow[]) => rows.map((s) => s.id);
        expect(ids(await store.sessionsOfVisitor(projectId, 'v1'))).toEqual(['s00', 's01', 's05', 's09', 's13', 's17', 's21']);
        expect(ids(await store.sessionsOfVisitor(null, 'v1'))).toHaveLength(7);
        expect(await store.sessionsOfVisitor('other', 'v1')).toEqual([]);
      });

      it('finds sessions that ended before a time, oldest first, up to a limit', async () => {
        expect((await store.sessionsOlderThan(projectId, T0 + 3000, 10)).map((s) => s.id)).toEqual(['s00', 's01', 's02']);
        expect((await store.sessionsOlderThan(projectId, T0 + 3000, 2)).map((s) => s.id)).toEqual(['s00', 's01']);
        expect(await store.sessionsOlderThan('other', T0 + 3000, 10)).toEqual([]);
      });
    });

    describe('deletion, tombstones, keys and users', () => {
      it('deletes a session: rows, chunk index, batch ids and data key, and nothing of other sessions', async () => {
        for (const sid of ['s1', 's2']) {
          await ingest(store, projectId, sid, 'p1', 0);
          await store.putDataKey(projectId, sid, 'k1', new Uint8Array([1, 2, 3]));
        }
        await store.deleteSession(projectId, 's1');
        expect(await store.getSession(projectId, 's1')).toBeNull();
        expect(await store.listPageviews(projectId, 's1')).toEqual([]);
        expect(await store.listChunks(projectId, 's1')).toEqual([]);
        expect(await store.getDataKey(projectId, 's1')).toBeNull();
        expect(await store.claimBatch(projectId, 's1', 'p1', 0)).toBe(true);
        expect(await store.getSession(projectId, 's2')).not.toBeNull();
        expect(await store.listChunks(projectId, 's2')).toHaveLength(1);
        expect(await store.getDataKey(projectId, 's2')).not.toBeNull();
      });

      it('keeps tombstones by project, kind and hash; adding one twice is harmless', async () => {
        const tombstone = { projectId, kind: 'visitor' as const, hash: 'abc', createdAt: T0 };
        await store.addTombstone(tombstone);
        await store.addTombstone(tombstone);
        expect(await store.hasTombstone(projectId, 'visitor', 'abc')).toBe(true);
        expect(await store.hasTombstone(projectId, 'session', 'abc')).toBe(false);
        expect(await store.hasTombstone(projectId, 'visitor', 'abd')).toBe(false);
      });

      it('keeps the first data key of a session when two are stored', async () => {
        const first = { keyId: 'k1', wrapped: new Uint8Array([1, 2, 3]) };
        expect(await store.putDataKey(projectId, 's1', first.keyId, first.wrapped)).toEqual(first);
        expect(await store.putDataKey(projectId, 's1', 'k2', new Uint8Array([9]))).toEqual(first);
        expect(await store.getDataKey(projectId, 's1')).toEqual(first);
        expect(await store.getDataKey(projectId, 's2')).toBeNull();
      });

      it('creates a user and replaces the password hash of an existing one', async () => {
        await store.createUser('ada@example.com', 'scrypt$1');
        expect(await store.getUser('ada@example.com')).toEqual({ email: 'ada@example.com', passwordHash: 'scrypt$1' });
        await store.createUser('ada@example.com', 'scrypt$2');
        expect(await store.getUser('ada@example.com')).toEqual({ email: 'ada@example.com', passwordHash: 'scrypt$2' });
        expect(await store.getUser('bob@example.com')).toBeNull();
      });
    });
  });
}

/**
 * Migration 003 on a database that already holds chunks: plain ones read as
 * `gzip` (the server always stored them compressed), end-to-end encrypted ones
 * as unknown (null), and new chunks keep the encoding they are recorded with.
 */
export function testChunkEncodingMigration(name: string, openDriver: () => Promise<SqlDriver>): void {
  it(`${name}: reads chunks indexed before migration 003 with their encoding known or null`, async () => {
    const driver = await openDriver();
    await applyMigrations(driver, loadMigrations(driver.dialect).slice(0, 2));
    const store = createSqlStore(driver);
    const { id: projectId } = await store.createProject({ name: 'Old', origins: [] });
    await store.upsertSession(sessionRow(projectId, 's1'));
    for (const [seq, encrypted] of [[0, false], [1, true]] as const) {
      const row = chunkRow(projectId, 's1', 'p1', seq, { encrypted });
      await driver.run(
        `INSERT INTO chunks (project_id, session_id, id, pageview_id, seq, first_ts, last_ts, bytes, full_snapshot, encrypted, key_id, blob_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [projectId, 's1', row.id, 'p1', seq, row.firstTs, row.lastTs, row.bytes, seq === 0 ? 1 : 0, encrypted ? 1 : 0, row.keyId, row.blobKey],
      );
    }
    await store.migrate();
    await store.recordChunk(chunkRow(projectId, 's1', 'p1', 2, { encrypted: true, enc: 'identity' }));
    expect((await store.listChunks(projectId, 's1')).map((chunk) => [chunk.id, chunk.enc])).toEqual([['p1-0', 'gzip'], ['p1-1', null], ['p1-2', 'identity']]);
    await store.close();
  });
}
