import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL that tests use (`LOWLIGHT_TEST_DATABASE_URL`, started by
 * `.ci/run` through scripts/test-postgres.sh). Undefined outside CI lets a
 * developer without PostgreSQL skip those tests; under CI a missing URL throws,
 * so the PostgreSQL tests fail rather than silently skip.
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env['LOWLIGHT_TEST_DATABASE_URL'];
  if (!url && process.env['CI'] === 'true') {
    throw new Error('[lowlight] server tests: LOWLIGHT_TEST_DATABASE_URL must be set when CI=true (.ci/run starts PostgreSQL)');
  }
  return url;
}

/** Fresh, empty schemas in the test database, each selected by the URL it returns, and dropped by `dropAll`. */
export function testSchemas(url: string) {
  const created: string[] = [];
  return {
    async fresh(): Promise<string> {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
      created.push(schema);
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      return scoped.toString();
    },
    async dropAll(): Promise<void> {
      await withClient(url, async (client) => {
        for (const schema of created.splice(0)) await client.query(`DROP SCHEMA ${schema} CASCADE`);
      });
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
