import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { numbered, openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import { listSessionsQuery } from './sqlStore';
import { testDatabaseUrl, testSchemas } from './testDatabase';
import type { MetadataStore, SessionQuery } from './types';

// The session list at 100k sessions: the keyset query must stay an index range scan (checked through its
// plan, which does not depend on the machine's load) and a page's time is printed as the measured figure.
const SESSIONS = 100_000;
const T0 = 1_700_000_000_000;
const PAGE = 50;

/** Median time of pages fetched at cursors spread over the whole list. */
async function measurePages(store: MetadataStore, projectId: string): Promise<number> {
  const times: number[] = [];
  for (let n = 1; n <= 21; n++) {
    const position = Math.floor((SESSIONS * n) / 22);
    const before = { startedAt: T0 + position * 1000, id: `s${String(position).padStart(6, '0')}` };
    const start = performance.now();
    const page = await store.listSessions({ projectId, before, limit: PAGE });
    times.push(performance.now() - start);
    expect(page).toHaveLength(PAGE);
    expect(page[0]!.id).toBe(`s${String(position - 1).padStart(6, '0')}`);
  }
  return times.sort((a, b) => a - b)[10]!;
}

const deepPage: SessionQuery = { projectId: 'p', before: { startedAt: T0 + 50_000_000, id: 's050000' }, limit: PAGE };

describe('session list at 100k sessions', () => {
  it('SQLite: pages through an index, no sort, in about a millisecond', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lowlight-list-'));
    const file = join(dir, 'meta.db');
    const store = openSqliteStore(file);
    await store.migrate();
    const seed = new Database(file);
    seed.exec(`INSERT INTO projects VALUES ('p', 'Shop', 'k', '[]', 30, 0, NULL);
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${SESSIONS - 1})
      INSERT INTO sessions SELECT 'p', printf('s%06d', i), 'v' || (i % 5000), ${T0} + i * 1000, ${T0} + i * 1000 + 500,
        1, 0, NULL, NULL, NULL, 0, NULL, 100 FROM n; ANALYZE;`);
    const { sql, params } = listSessionsQuery(deepPage);
    const plan = seed.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    seed.close();
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/^SEARCH s USING INDEX sessions_list \(project_id=\? AND \(started_at,id\)<\(\?,\?\)\)$/);

    const median = await measurePages(store, 'p');
    console.log(`[measured] SQLite listSessions, ${SESSIONS} sessions, page of ${PAGE}: median ${median.toFixed(2)} ms`);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const url = testDatabaseUrl();
  describe.skipIf(!url)('PostgreSQL', () => {
    const schemas = testSchemas(url!);
    afterAll(() => schemas.dropAll());

    it('pages through an index, no sort, in about a millisecond', async () => {
      const schemaUrl = await schemas.fresh();
      const store = await openPostgresStore(schemaUrl);
      await store.migrate();
      const seed = new pg.Client({ connectionString: schemaUrl });
      await seed.connect();
      await seed.query(`INSERT INTO projects VALUES ('p', 'Shop', 'k', '[]', 30, 0, NULL)`);
      await seed.query(`INSERT INTO sessions SELECT 'p', 's' || lpad(i::text, 6, '0'), 'v' || (i % 5000), ${T0} + i * 1000, ${T0} + i * 1000 + 500,
        1, 0, NULL, NULL, NULL, false, NULL, 100 FROM generate_series(0, ${SESSIONS - 1}) AS i`);
      await seed.query('ANALYZE sessions');
      const { sql, params } = listSessionsQuery(deepPage);
      const plan = (await seed.query(`EXPLAIN ${numbered(sql)}`, params)).rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
      await seed.end();
      // With one project the planner may walk the all-projects index and filter: equally a range scan.
      expect(plan).toMatch(/Index Scan using sessions_list(_all)? on sessions/);
      expect(plan).not.toMatch(/Sort|Seq Scan/);

      const median = await measurePages(store, 'p');
      console.log(`[measured] PostgreSQL listSessions, ${SESSIONS} sessions, page of ${PAGE}: median ${median.toFixed(2)} ms`);
      await store.close();
    }, 60_000);
  });
});
