import { randomBytes } from 'node:crypto';
import { applyMigrations } from './migrate';
import type { SqlDriver, SqlValue } from './sqlDriver';
import type { ChunkRow, MetadataOps, MetadataStore, PageviewRow, Project, SessionQuery, SessionRow, WrappedKey } from './types';

const DEFAULT_RETENTION_DAYS = 30;

// Column lists aliased to the row types' names, so a row maps with at most a boolean or JSON fix-up.
const PROJECT = `id, name, ingest_key AS "ingestKey", origins, retention_days AS "retentionDays", created_at AS "createdAt", revoked_at AS "revokedAt"`;
const SESSION = `s.project_id AS "projectId", s.id, s.visitor_id AS "visitorId", s.started_at AS "startedAt", s.ended_at AS "endedAt",
  s.pageviews, s.clicks, s.browser, s.os, s.privacy_level AS "privacyLevel", s.encrypted, s.first_url AS "firstUrl", s.bytes`;
const PAGEVIEW = `project_id AS "projectId", session_id AS "sessionId", id, url, title, started_at AS "startedAt"`;
const CHUNK = `project_id AS "projectId", session_id AS "sessionId", id, pageview_id AS "pageviewId", seq, first_ts AS "firstTs",
  last_ts AS "lastTs", bytes, full_snapshot AS "fullSnapshot", encrypted, enc, key_id AS "keyId", blob_key AS "blobKey"`;

type Raw<T> = { [K in keyof T]: T[K] extends boolean ? boolean | number : T[K] extends string[] ? string : T[K] };

const toProject = (row: Raw<Project>): Project => ({ ...row, origins: JSON.parse(row.origins) as string[] });
const toSession = (row: Raw<SessionRow>): SessionRow => ({ ...row, encrypted: Boolean(row.encrypted) });
const toChunk = (row: Raw<ChunkRow>): ChunkRow => ({ ...row, fullSnapshot: Boolean(row.fullSnapshot), encrypted: Boolean(row.encrypted) });
const toKey = (row: { keyId: string; wrapped: Uint8Array }): WrappedKey => ({ keyId: row.keyId, wrapped: new Uint8Array(row.wrapped) });
const bit = (value: boolean) => (value ? 1 : 0);

/** Escapes LIKE wildcards so a URL filter matches its text literally. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The session list's WHERE clause, in the order the indexes serve it. */
function sessionFilter(q: SessionQuery): { where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (q.projectId !== undefined) add('s.project_id = ?', q.projectId);
  if (q.visitorId !== undefined) add('s.visitor_id = ?', q.visitorId);
  if (q.from !== undefined) add('s.started_at >= ?', q.from);
  if (q.to !== undefined) add('s.started_at <= ?', q.to);
  if (q.before) add('(s.started_at, s.id) < (?, ?)', q.before.startedAt, q.before.id);
  if (q.url !== undefined) {
    add(`EXISTS (SELECT 1 FROM pageviews p WHERE p.project_id = s.project_id AND p.session_id = s.id AND p.url LIKE ? ESCAPE '\\')`, likeContains(q.url));
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The session list's query, exported so tests can check its plan stays an index range scan. */
export function listSessionsQuery(q: SessionQuery): { sql: string; params: SqlValue[] } {
  const { where, params } = sessionFilter(q);
  return { sql: `SELECT ${SESSION} FROM sessions s ${where} ORDER BY s.started_at DESC, s.id DESC LIMIT ?`, params: [...params, q.limit] };
}

/** The MetadataStore operations over one driver (the store's, or a transaction's). */
function metadataOps(db: SqlDriver): MetadataOps {
  const one = async <T>(sql: string, params: SqlValue[]) => (await db.all<T>(sql, params))[0] ?? null;

  const ops: MetadataOps = {
    async createProject({ name, origins, retentionDays = DEFAULT_RETENTION_DAYS }) {
      const project: Project = {
        id: randomBytes(8).toString('hex'),
        name,
        ingestKey: randomBytes(24).toString('base64url'),
        origins,
        retentionDays,
        createdAt: Date.now(),
        revokedAt: null,
      };
      await db.run('INSERT INTO projects (id, name, ingest_key, origins, retention_days, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        project.id, name, project.ingestKey, JSON.stringify(origins), retentionDays, project.createdAt,
      ]);
      return project;
    },
    async getProjectByKey(ingestKey) {
      const row = await one<Raw<Project>>(`SELECT ${PROJECT} FROM projects WHERE ingest_key = ?`, [ingestKey]);
      return row && toProject(row);
    },
    async getProject(id) {
      const row = await one<Raw<Project>>(`SELECT ${PROJECT} FROM projects WHERE id = ?`, [id]);
      return row && toProject(row);
    },
    async listProjects() {
      return (await db.all<Raw<Project>>(`SELECT ${PROJECT} FROM projects ORDER BY created_at, id`)).map(toProject);
    },
    async revokeProjectKey(id) {
      await db.run('UPDATE projects SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [Date.now(), id]);
    },
    async setRetention(id, days) {
      await db.run('UPDATE projects SET retention_days = ? WHERE id = ?', [days, id]);
    },
    async deleteProject(id) {
      // Explicit deletes rather than cascades alone, so the order is plain to read and checked by the suite.
      for (const table of ['chunks', 'pageviews', 'sessions', 'batches', 'tombstones', 'data_keys']) {
        await db.run(`DELETE FROM ${table} WHERE project_id = ?`, [id]);
      }
      await db.run('DELETE FROM projects WHERE id = ?', [id]);
      await db.eraseDeleted();
    },

    async claimBatch(projectId, sid, pid, seq) {
      const inserted = await db.run(
        'INSERT INTO batches (project_id, session_id, pageview_id, seq) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [projectId, sid, pid, seq],
      );
      return inserted === 1;
    },
    async upsertSession(row) {
      await db.run(
        `INSERT INTO sessions (project_id, id, visitor_id, started_at, ended_at, pageviews, clicks, browser, os, privacy_level, encrypted, first_url, bytes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, id) DO UPDATE SET
           visitor_id = COALESCE(sessions.visitor_id, excluded.visitor_id),
           started_at = CASE WHEN excluded.started_at < sessions.started_at THEN excluded.started_at ELSE sessions.started_at END,
           ended_at = CASE WHEN excluded.ended_at > sessions.ended_at THEN excluded.ended_at ELSE sessions.ended_at END,
           pageviews = sessions.pageviews + excluded.pageviews,
           clicks = sessions.clicks + excluded.clicks,
           browser = COALESCE(sessions.browser, excluded.browser),
           os = COALESCE(sessions.os, excluded.os),
           privacy_level = COALESCE(sessions.privacy_level, excluded.privacy_level),
           encrypted = sessions.encrypted OR excluded.encrypted,
           first_url = COALESCE(sessions.first_url, excluded.first_url),
           bytes = sessions.bytes + excluded.bytes`,
        [row.projectId, row.id, row.visitorId, row.startedAt, row.endedAt, row.pageviews, row.clicks, row.browser, row.os, row.privacyLevel,
          bit(row.encrypted), row.firstUrl, row.bytes],
      );
    },
    async upsertPageview(row) {
      await db.run(
        `INSERT INTO pageviews (project_id, session_id, id, url, title, started_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, session_id, id) DO UPDATE SET
           url = COALESCE(pageviews.url, excluded.url),
           title = COALESCE(pageviews.title, excluded.title),
           started_at = CASE WHEN excluded.started_at < pageviews.started_at THEN excluded.started_at ELSE pageviews.started_at END`,
        [row.projectId, row.sessionId, row.id, row.url, row.title, row.startedAt],
      );
    },
    async setSessionVisitor(projectId, sid, visitorId) {
      await db.run('UPDATE sessions SET visitor_id = ? WHERE project_id = ? AND id = ?', [visitorId, projectId, sid]);
    },
    async recordChunk(row) {
      await db.run(
        `INSERT INTO chunks (project_id, session_id, id, pageview_id, seq, first_ts, last_ts, bytes, full_snapshot, encrypted, enc, key_id, blob_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [row.projectId, row.sessionId, row.id, row.pageviewId, row.seq, row.firstTs, row.lastTs, row.bytes, bit(row.fullSnapshot),
          bit(row.encrypted), row.enc, row.keyId, row.blobKey],
      );
    },
    async listChunks(projectId, sid) {
      const rows = await db.all<Raw<ChunkRow>>(
        `SELECT ${CHUNK} FROM chunks WHERE project_id = ? AND session_id = ? ORDER BY first_ts, pageview_id, seq, id`,
        [projectId, sid],
      );
      return rows.map(toChunk);
    },
    async getChunk(projectId, sid, id) {
      const row = await one<Raw<ChunkRow>>(`SELECT ${CHUNK} FROM chunks WHERE project_id = ? AND session_id = ? AND id = ?`, [projectId, sid, id]);
      return row && toChunk(row);
    },

    async listSessions(q) {
      const { sql, params } = listSessionsQuery(q);
      return (await db.all<Raw<SessionRow>>(sql, params)).map(toSession);
    },
    async getSession(projectId, sid) {
      const row = await one<Raw<SessionRow>>(`SELECT ${SESSION} FROM sessions s WHERE s.project_id = ? AND s.id = ?`, [projectId, sid]);
      return row && toSession(row);
    },
    async listPageviews(projectId, sid) {
      return db.all<PageviewRow>(`SELECT ${PAGEVIEW} FROM pageviews WHERE project_id = ? AND session_id = ? ORDER BY started_at, id`, [projectId, sid]);
    },
    async sessionsOfVisitor(projectId, visitorId) {
      const rows = projectId === null
        ? await db.all<Raw<SessionRow>>(`SELECT ${SESSION} FROM sessions s WHERE s.visitor_id = ? ORDER BY s.started_at, s.id`, [visitorId])
        : await db.all<Raw<SessionRow>>(`SELECT ${SESSION} FROM sessions s WHERE s.visitor_id = ? AND s.project_id = ? ORDER BY s.started_at, s.id`, [
          visitorId,
          projectId,
        ]);
      return rows.map(toSession);
    },
    async sessionsOlderThan(projectId, endedBefore, limit) {
      const rows = await db.all<Raw<SessionRow>>(
        `SELECT ${SESSION} FROM sessions s WHERE s.project_id = ? AND s.ended_at < ? ORDER BY s.ended_at, s.id LIMIT ?`,
        [projectId, endedBefore, limit],
      );
      return rows.map(toSession);
    },
    async deleteSession(projectId, sid) {
      for (const table of ['chunks', 'pageviews', 'batches', 'data_keys']) {
        await db.run(`DELETE FROM ${table} WHERE project_id = ? AND session_id = ?`, [projectId, sid]);
      }
      await db.run('DELETE FROM sessions WHERE project_id = ? AND id = ?', [projectId, sid]);
      await db.eraseDeleted();
    },

    async addTombstone(t) {
      await db.run('INSERT INTO tombstones (project_id, kind, hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        t.projectId, t.kind, t.hash, t.createdAt,
      ]);
    },
    async hasTombstone(projectId, kind, hash) {
      return (await one('SELECT 1 AS found FROM tombstones WHERE project_id = ? AND kind = ? AND hash = ?', [projectId, kind, hash])) !== null;
    },

    async putDataKey(projectId, sid, keyId, wrapped) {
      await db.run('INSERT INTO data_keys (project_id, session_id, key_id, wrapped) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        projectId, sid, keyId, wrapped,
      ]);
      const stored = await ops.getDataKey(projectId, sid);
      if (!stored) throw new Error(`[lowlight] server: data key of session "${sid}" vanished while it was stored`);
      return stored;
    },
    async getDataKey(projectId, sid) {
      const row = await one<{ keyId: string; wrapped: Uint8Array }>(
        'SELECT key_id AS "keyId", wrapped FROM data_keys WHERE project_id = ? AND session_id = ?',
        [projectId, sid],
      );
      return row && toKey(row);
    },

    async createUser(email, passwordHash) {
      await db.run('INSERT INTO users (email, password_hash) VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash', [
        email, passwordHash,
      ]);
    },
    async getUser(email) {
      return one<{ email: string; passwordHash: string }>('SELECT email, password_hash AS "passwordHash" FROM users WHERE email = ?', [email]);
    },
  };
  return ops;
}

/** A MetadataStore over any SQL driver: the SQL is the same for SQLite and PostgreSQL. */
export function createSqlStore(driver: SqlDriver): MetadataStore {
  return {
    ...metadataOps(driver),
    async migrate() {
      await applyMigrations(driver);
    },
    transaction: (fn) => driver.transaction((tx) => fn(metadataOps(tx))),
    close: () => driver.close(),
  };
}
