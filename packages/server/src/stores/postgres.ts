import pg from 'pg';
import type { SqlDriver, SqlValue } from './sqlDriver';
import { createSqlStore } from './sqlStore';
import { storeError } from './storeErrors';
import type { MetadataStore } from './types';

/** Any number, so instances starting together take turns applying migrations. */
const MIGRATION_LOCK = 0x6c6f776c; // "lowl"
const INT8 = 20;

/** The store's SQL uses `?` placeholders (shared with SQLite); PostgreSQL numbers them. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Times and byte counts are BIGINT; they fit a JS number, so read them as one (per pool, not globally). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function clientDriver(client: pg.Pool | pg.PoolClient, transaction: SqlDriver['transaction']): SqlDriver {
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params: SqlValue[] = []) => (await client.query(numbered(sql), params)).rows as T[],
    run: async (sql, params = []) => (await client.query(numbered(sql), params)).rowCount ?? 0,
    exec: async (script) => void (await client.query(script)),
    transaction,
    lockForMigration: async () => void (await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])),
    // Dead row versions stay in PostgreSQL's heap until autovacuum reclaims them; the data keys they held are gone,
    // so chunks stay unreadable. docs/self-hosting.md says so.
    eraseDeleted: async () => undefined,
    close: async () => undefined,
  };
}

/** A driver over a connection pool; a transaction takes one connection for its whole length. */
function poolDriver(pool: pg.Pool): SqlDriver {
  const transaction: SqlDriver['transaction'] = async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const inside: SqlDriver = clientDriver(client, (nested) => nested(inside));
      const result = await fn(inside);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return { ...clientDriver(pool, transaction), close: () => pool.end() };
}

/** A URL safe to print in errors and logs: the password is hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * The SQL driver under `openPostgresStore`, on its own pool: the viewer's
 * LoginStore uses one beside the store. Connects and checks the connection
 * before returning, so a wrong URL fails at start with a message naming it.
 */
export async function openPostgresDriver(url: string, options: { max?: number } = {}): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, connectionTimeoutMillis: 5000 });
  // An idle connection's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw storeError('database', redactUrl(url), error);
  }
  return poolDriver(pool);
}

/** The MetadataStore on PostgreSQL for several server instances sharing one database. */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<MetadataStore> {
  return createSqlStore(await openPostgresDriver(url, options));
}
