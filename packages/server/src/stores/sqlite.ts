import Database from 'better-sqlite3';
import type { SqlDriver, SqlValue } from './sqlDriver';
import { createSqlStore } from './sqlStore';
import type { MetadataStore } from './types';

/** better-sqlite3 binds Buffers, not plain Uint8Arrays. */
const bind = (params: SqlValue[]) => params.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value));

/**
 * A driver over one better-sqlite3 connection. Statements are synchronous, but a
 * transaction spans awaits, so every call queues behind the open transaction:
 * otherwise another request's statement would run inside it (and roll back with it).
 */
function sqliteDriver(db: Database.Database): SqlDriver {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };

  // Used inside a transaction, which already holds the queue.
  const inside: SqlDriver = {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: SqlValue[] = []) => prepare(sql).all(...bind(params)) as T[],
    run: async (sql, params = []) => prepare(sql).run(...bind(params)).changes,
    exec: async (script) => void db.exec(script),
    transaction: (fn) => fn(inside),
    lockForMigration: async () => undefined, // BEGIN IMMEDIATE already holds the database's only write lock.
    // Inside a transaction the rows are not deleted yet: the outer driver erases after COMMIT.
    eraseDeleted: async () => undefined,
    close: async () => undefined,
  };

  return {
    dialect: 'sqlite',
    all: (sql, params) => exclusive(() => inside.all(sql, params)),
    run: (sql, params) => exclusive(() => inside.run(sql, params)),
    exec: (script) => exclusive(() => inside.exec(script)),
    transaction: (fn) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inside);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    // secure_delete zeroes freed pages in the database file; the checkpoint moves the log into it and empties the log.
    eraseDeleted: () => exclusive(() => void db.pragma('wal_checkpoint(TRUNCATE)')),
    lockForMigration: async () => undefined,
    close: () => exclusive(() => void db.close()),
  };
}

/**
 * The embedded MetadataStore: one SQLite file in WAL mode, so the CLI can work
 * on it while a server runs. Call `migrate()` before use (`openStores` does).
 */
export function openSqliteStore(file: string): MetadataStore {
  return createSqlStore(openSqliteDriver(file));
}

/** The SQL driver under `openSqliteStore`, for the migration runner's own tests. */
export function openSqliteDriver(file: string): SqlDriver {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (the CLI, a second instance) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Deleted visitors must not survive in freed pages of the file (see eraseDeleted).
  db.pragma('secure_delete = ON');
  return sqliteDriver(db);
}
